/**
 * Deployment settings, read from CDK context (cdk.json, or `--context key=value` on the command
 * line). Validated here so a bad value fails at synth, not in the first quarterly run.
 */
import type { IConstruct } from 'constructs';
import { DEFAULT_STACK_NAME } from './outputs.ts';

export const CONTEXT_KEYS = {
  stackName: 'ladder:stackName',
  senderEmail: 'ladder:senderEmail',
  hrEmail: 'ladder:hrEmail',
  failureEmail: 'ladder:failureEmail',
  scheduleTimezone: 'ladder:scheduleTimezone',
  reviewDays: 'ladder:reviewDays',
  sesShare: 'ladder:sesShare',
} as const;

export interface LadderSettings {
  /** Sender address (`ladder@example.com`) or a whole domain (`example.com`) to verify in SES. */
  senderEmail: string;
  /** The address HR summaries go to. */
  hrEmail: string;
  /** Subscribed to failure notifications when set. */
  failureEmail: string | undefined;
  /** IANA time zone of the quarterly schedule, e.g. `Europe/Berlin`. */
  scheduleTimezone: string;
  /** Days raters have to answer. */
  reviewDays: number;
  /** Share of the SES account's send rate and daily quota Ladder may use (0–1; default 0.9). */
  sesShare: number;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const DOMAIN = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

function text(scope: IConstruct, key: string): string {
  const value: unknown = scope.node.tryGetContext(key);
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string' && typeof value !== 'number') {
    throw new Error(`Context ${key} must be a string, got ${JSON.stringify(value)}`);
  }
  return String(value).trim();
}

export function stackNameFrom(scope: IConstruct): string {
  const name = text(scope, CONTEXT_KEYS.stackName) || DEFAULT_STACK_NAME;
  if (!/^[A-Za-z][A-Za-z0-9-]{0,100}$/.test(name)) {
    throw new Error(`Context ${CONTEXT_KEYS.stackName} must be a CloudFormation stack name, got "${name}"`);
  }
  return name;
}

export function readSettings(scope: IConstruct): LadderSettings {
  const senderEmail = text(scope, CONTEXT_KEYS.senderEmail);
  if (!EMAIL.test(senderEmail) && !DOMAIN.test(senderEmail)) {
    throw new Error(
      `Context ${CONTEXT_KEYS.senderEmail} must be an email address or a domain, got "${senderEmail}" ` +
        '(pass --context ladder:senderEmail=you@example.com)',
    );
  }
  const hrEmail = text(scope, CONTEXT_KEYS.hrEmail);
  if (!EMAIL.test(hrEmail)) {
    throw new Error(`Context ${CONTEXT_KEYS.hrEmail} must be an email address, got "${hrEmail}"`);
  }
  const failureEmail = text(scope, CONTEXT_KEYS.failureEmail) || undefined;
  if (failureEmail !== undefined && !EMAIL.test(failureEmail)) {
    throw new Error(
      `Context ${CONTEXT_KEYS.failureEmail} must be an email address or empty, got "${failureEmail}"`,
    );
  }
  const scheduleTimezone = text(scope, CONTEXT_KEYS.scheduleTimezone) || 'UTC';
  if (!isTimeZone(scheduleTimezone)) {
    throw new Error(
      `Context ${CONTEXT_KEYS.scheduleTimezone} must be an IANA time zone, got "${scheduleTimezone}"`,
    );
  }
  const reviewDaysText = text(scope, CONTEXT_KEYS.reviewDays) || '14';
  const reviewDays = Number(reviewDaysText);
  if (!Number.isInteger(reviewDays) || reviewDays < 1 || reviewDays > 90) {
    throw new Error(
      `Context ${CONTEXT_KEYS.reviewDays} must be a whole number of days (1–90), got "${reviewDaysText}"`,
    );
  }
  const sesShareText = text(scope, CONTEXT_KEYS.sesShare) || '0.9';
  const sesShare = Number(sesShareText);
  if (!(sesShare > 0 && sesShare <= 1)) {
    throw new Error(
      `Context ${CONTEXT_KEYS.sesShare} must be a share of the SES account above 0 and at most 1, got "${sesShareText}"`,
    );
  }
  return { senderEmail, hrEmail, failureEmail, scheduleTimezone, reviewDays, sesShare };
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
