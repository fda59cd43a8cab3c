/**
 * One SES SendEmail call (HTML and plain text, from the configured sender, with the configuration
 * set and message tags), and what its outcome means. SendEmail has no idempotency token, so the
 * call is made exactly once here and the caller (functions/shared/send-once.ts) decides:
 *
 * | outcome          | what SES did                                   | what the caller does                  |
 * |------------------|------------------------------------------------|---------------------------------------|
 * | `sent`           | accepted it (message id)                       | records it                            |
 * | `unknown`        | no answer: the request went out, may be sent   | waits for its Send event, else resends |
 * | `throttled`      | `Throttling` "Maximum sending rate exceeded."  | slows down, tries again               |
 * | `quota-exceeded` | `Throttling` "Daily message quota exceeded."   | stops, waits for quota                |
 * | `unavailable`    | 5xx, or no connection was ever made            | tries again a little later            |
 * | `refused`        | refused this email for good (`MessageRejected`, `InvalidParameterValue`) | marks it undeliverable, goes on |
 * | (thrown)         | refused because of Ladder's own setup (unverified sender, IAM, a missing configuration set) | fails loudly |
 *
 * Errors and reasons carry no email addresses: SES puts them in some messages, and these reach
 * Lambda logs, the Step Functions history and (reasons) the HR summary and export.
 */
import { SendEmailCommand } from '@aws-sdk/client-ses';
import type { MailKind } from '../core/mail-slot.ts';
import { ses } from './aws-clients.ts';
import { optionalEnv, requireEnv } from './env.ts';

/** What an email is about, as SES message tags (`ladder-kind`, `ladder-quarter`, `ladder-mail`, `ladder-claim`). */
export interface EmailTags {
  kind: MailKind;
  quarter?: string;
  /** Sort key of the item that holds the email's state, and its slot. */
  mail?: { sk: string; slot: string };
  /** The claim of this attempt (its Send event confirms exactly this attempt). */
  claim?: string;
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
  mail: 'ladder-mail',
  claim: 'ladder-claim',
} as const;

export type SendOutcome =
  | { kind: 'sent'; messageId: string }
  | { kind: 'unknown' }
  | { kind: 'throttled' }
  | { kind: 'quota-exceeded' }
  | { kind: 'unavailable'; errorName: string }
  | { kind: 'refused'; code: string; reason: string };

/** Network errors that happen before a request is on the wire: certainly nothing was sent. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH']);
const THROTTLING = new Set(['Throttling', 'ThrottlingException', 'TooManyRequestsException']);
/** Refusals of one email (its address, its recipient's verification): the cycle goes on without it. */
const REFUSALS_OF_THE_EMAIL = new Set(['MessageRejected', 'InvalidParameterValue']);

/** Sends the email once and says what happened (see the table above). */
export async function sendEmailOnce(email: Email): Promise<SendOutcome> {
  const configurationSet = optionalEnv('configurationSet');
  const source = requireEnv('senderEmail');
  const command = new SendEmailCommand({
    Source: source,
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
  try {
    const result = await ses().send(command);
    if (!result.MessageId) return { kind: 'unknown' };
    return { kind: 'sent', messageId: result.MessageId };
  } catch (error) {
    return classifySendError(error, source);
  }
}

/** What a failed SendEmail call means; throws (without addresses) when Ladder's setup is at fault. */
export function classifySendError(error: unknown, source = ''): SendOutcome {
  if (!(error instanceof Error)) throw withoutAddresses(error);
  const meta = error as Error & { $metadata?: { httpStatusCode?: number }; code?: string };
  const status = meta.$metadata?.httpStatusCode;
  if (status === undefined) {
    if (meta.code && NOT_SENT_CODES.has(meta.code)) return { kind: 'unavailable', errorName: meta.code };
    // The request went out and no answer came back: SES may have accepted it.
    return { kind: 'unknown' };
  }
  if (THROTTLING.has(error.name)) {
    return /daily message quota/i.test(error.message) ? { kind: 'quota-exceeded' } : { kind: 'throttled' };
  }
  if (status >= 500) return { kind: 'unavailable', errorName: error.name };
  const namesSender = source !== '' && error.message.toLowerCase().includes(source.toLowerCase());
  if (REFUSALS_OF_THE_EMAIL.has(error.name) && !namesSender) {
    return { kind: 'refused', code: error.name, reason: maskAddresses(error.message) };
  }
  throw withoutAddresses(error);
}

/** SES tags: ASCII letters, digits, `_` and `-` only, at most 256 characters. */
export function messageTags(tags: EmailTags): { Name: string; Value: string }[] {
  const list: { Name: string; Value: string }[] = [{ Name: TAG_NAMES.kind, Value: tags.kind }];
  if (tags.quarter) list.push({ Name: TAG_NAMES.quarter, Value: tags.quarter });
  if (tags.mail)
    list.push({ Name: TAG_NAMES.mail, Value: encodeTagValue(`${tags.mail.sk}|${tags.mail.slot}`) });
  if (tags.claim) list.push({ Name: TAG_NAMES.claim, Value: tags.claim });
  return list;
}

/** The item and slot of an email from its `ladder-mail` tag. */
export function mailOfTag(value: string | undefined): { sk: string; slot: string } | undefined {
  const decoded = value === undefined ? undefined : decodeTagValue(value);
  const bar = decoded?.lastIndexOf('|') ?? -1;
  if (!decoded || bar <= 0) return undefined;
  return { sk: decoded.slice(0, bar), slot: decoded.slice(bar + 1) };
}

/** base64url: a key (`INVITEE#00001#s1|invitation`) in the characters SES allows in a tag value. */
export function encodeTagValue(value: string): string {
  return Buffer.from(value, 'utf8').toString('base64url');
}

export function decodeTagValue(value: string): string | undefined {
  if (!/^[A-Za-z0-9_-]{1,256}$/.test(value)) return undefined;
  return Buffer.from(value, 'base64url').toString('utf8');
}

const ADDRESS = /[^\s@<>"'(),;:]+@[^\s@<>"'(),;:]+/g;

export function maskAddresses(text: string): string {
  return text.replace(ADDRESS, '<address>');
}

/** The same error (name and metadata kept, for retry decisions) with email addresses masked. */
export function withoutAddresses(error: unknown): Error {
  if (!(error instanceof Error)) return new Error(maskAddresses(String(error)));
  const copy = new Error(maskAddresses(error.message));
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
