/**
 * Sends one email (HTML and plain text) through SES from the configured sender, tagged so that a
 * bounce or complaint can be traced back to what it was about (functions/handlers/email-events.ts).
 *
 * SendEmail has no idempotency token, so what a failure means decides between "never twice" and
 * "never lost":
 * - SES answered with an error (throttling, 5xx, a refusal): the message was not accepted. Throttling
 *   and 5xx are retried here with backoff; anything else is thrown (the caller gives its claim back).
 * - No answer came back after the request went out (connection reset, timeout): SES may have
 *   accepted it. The email is treated as sent (at most once) and `sendEmail` resolves `undefined`.
 *   A rater whose invitation was in fact lost still gets the next reminder, which has a fresh link.
 * Errors carry no email addresses: SES puts them in some messages, and error messages end up in
 * Lambda logs and the Step Functions history.
 */
import { SendEmailCommand } from '@aws-sdk/client-ses';
import { ses } from './aws-clients.ts';
import { optionalEnv, requireEnv } from './env.ts';

/** What an email is about, as SES message tags (`ladder-kind`, `ladder-quarter`, `ladder-request`). */
export interface EmailTags {
  kind: 'invitation' | 'reminder' | 'leader-report' | 'manager-summary' | 'hr-summary';
  quarter?: string;
  /** Sort key of the feedback request (`REQ#<leaderId>#<raterId>`), for invitations and reminders. */
  requestSk?: string;
}

export interface Email {
  to: string;
  subject: string;
  html: string;
  text: string;
  tags?: EmailTags;
}

export const TAG_NAMES = {
  kind: 'ladder-kind',
  quarter: 'ladder-quarter',
  request: 'ladder-request',
} as const;

/** Attempts for an email SES refused with a retryable error (throttling, 5xx). */
const MAX_ATTEMPTS = 5;

/** Network errors that happen before a request is on the wire: certainly nothing was sent. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH']);
const RETRYABLE_REFUSALS = new Set(['Throttling', 'ThrottlingException', 'TooManyRequestsException']);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Sends the email. Resolves with the SES message id, or `undefined` when the outcome is unknown
 * (treated as sent, see above). Throws only when SES certainly did not accept it.
 */
export async function sendEmail(email: Email): Promise<string | undefined> {
  const configurationSet = optionalEnv('configurationSet');
  const command = new SendEmailCommand({
    Source: requireEnv('senderEmail'),
    Destination: { ToAddresses: [email.to] },
    Message: {
      Subject: { Data: email.subject, Charset: 'UTF-8' },
      Body: {
        Html: { Data: email.html, Charset: 'UTF-8' },
        Text: { Data: email.text, Charset: 'UTF-8' },
      },
    },
    ...(configurationSet ? { ConfigurationSetName: configurationSet } : {}),
    ...(email.tags ? { Tags: messageTags(email.tags) } : {}),
  });
  for (let attempt = 1; ; attempt++) {
    try {
      const result = await ses().send(command);
      return result.MessageId;
    } catch (error) {
      const outcome = classifySendError(error);
      if (outcome === 'uncertain') return undefined;
      if (outcome === 'retry' && attempt < MAX_ATTEMPTS) {
        await sleep(Math.random() * 100 * 2 ** attempt);
        continue;
      }
      throw withoutAddresses(error);
    }
  }
}

/** SES tags: ASCII letters, digits, `_` and `-` only, at most 256 characters. */
export function messageTags(tags: EmailTags): { Name: string; Value: string }[] {
  const list: { Name: string; Value: string }[] = [{ Name: TAG_NAMES.kind, Value: tags.kind }];
  if (tags.quarter) list.push({ Name: TAG_NAMES.quarter, Value: tags.quarter });
  if (tags.requestSk) list.push({ Name: TAG_NAMES.request, Value: encodeTagValue(tags.requestSk) });
  return list;
}

/** base64url: a request key (`REQ#c1#s1`) in the characters SES allows in a tag value. */
export function encodeTagValue(value: string): string {
  return Buffer.from(value, 'utf8').toString('base64url');
}

export function decodeTagValue(value: string): string | undefined {
  if (!/^[A-Za-z0-9_-]{1,256}$/.test(value)) return undefined;
  return Buffer.from(value, 'base64url').toString('utf8');
}

/**
 * - `retry`: SES answered and did not accept the email, but may accept it later (throttling, 5xx),
 *   or the connection was never made;
 * - `refused`: SES answered and will not accept it (e.g. MessageRejected): throw;
 * - `uncertain`: the request went out and no answer came back: it may have been sent.
 */
export function classifySendError(error: unknown): 'retry' | 'refused' | 'uncertain' {
  if (!(error instanceof Error)) return 'refused';
  const meta = error as Error & { $metadata?: { httpStatusCode?: number }; code?: string };
  const status = meta.$metadata?.httpStatusCode;
  if (status !== undefined) {
    if (status >= 500 || RETRYABLE_REFUSALS.has(error.name)) return 'retry';
    return 'refused';
  }
  if (meta.code && NOT_SENT_CODES.has(meta.code)) return 'retry';
  return 'uncertain';
}

const ADDRESS = /[^\s@<>"'(),;:]+@[^\s@<>"'(),;:]+/g;

/** The same error (name and metadata kept, for retry decisions) with email addresses masked. */
export function withoutAddresses(error: unknown): Error {
  if (!(error instanceof Error)) return new Error(String(error).replace(ADDRESS, '<address>'));
  const copy = new Error(error.message.replace(ADDRESS, '<address>'));
  copy.name = error.name;
  for (const key of ['$metadata', '$fault', '$retryable', 'code'] as const) {
    const value = (error as unknown as Record<string, unknown>)[key];
    if (value !== undefined) (copy as unknown as Record<string, unknown>)[key] = value;
  }
  return copy;
}

/** The personal link in an email: `<base>/feedback/<token>`. */
export function feedbackLink(token: string): string {
  return `${requireEnv('formBaseUrl').replace(/\/+$/, '')}/feedback/${token}`;
}
