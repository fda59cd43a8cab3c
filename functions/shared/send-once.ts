/**
 * Sends one email exactly once: claims its slot (functions/core/mail-slot.ts) with a conditional
 * write, builds the email for that claim, waits for a send slot of the shared schedule, calls SES
 * once per try, and records what happened. Nothing is lost and nothing is sent twice:
 *
 * - SES certainly did not accept it (throttled, out of daily quota, the sender ran out of time):
 *   the slot is marked `not-sent` and the next run sends it again;
 * - SES answered: `sent` with the message id, or `refused` for good with SES's reason;
 * - no answer: the slot stays claimed, in doubt. SES's Send event (EmailEvents) confirms it; a run
 *   after the grace period sends it again under a new claim if no event came
 *   (functions/core/mail-slot.ts `decideSlot`).
 *
 * Nothing goes to a suppressed address (hard bounce or complaint): callers check first
 * (`suppressedAmong`) and mark the slot `suppressed`.
 */
import { randomUUID } from 'node:crypto';
import { DEFAULT_CONFIRM_GRACE_SECONDS, type MailKind, type SlotDecision } from '../core/mail-slot.ts';
import { optionalEnv } from './env.ts';
import { TransientError } from './errors.ts';
import { sendEmailOnce } from './mailer.ts';
import { logger } from './middleware.ts';
import { type SendPacer, StopSending } from './pacer.ts';
import {
  claimSlot,
  type ItemKey,
  markNotSent,
  markRefused,
  markSent,
  markUnknown,
  reclaimSlot,
} from './store/mail-store.ts';

export function confirmGraceMs(): number {
  const seconds = Number(optionalEnv('sesConfirmGraceSeconds') ?? DEFAULT_CONFIRM_GRACE_SECONDS);
  return (seconds >= 0 ? seconds : DEFAULT_CONFIRM_GRACE_SECONDS) * 1000;
}

export interface OutgoingEmail {
  /** The item that holds the email's state, and the slot on it. */
  key: ItemKey;
  slot: string;
  kind: MailKind;
  quarter: string;
  to: string;
  /** Builds the email of this attempt (e.g. mints its links); runs once the claim is held. */
  compose(claim: string): Promise<{ subject: string; html: string; text: string }>;
}

export type Delivery =
  | { result: 'sent' }
  | { result: 'unknown' }
  | { result: 'refused'; reason: string }
  | { result: 'not-sent'; why: 'quota' | 'stopped' }
  | { result: 'skipped' };

export interface SendContext {
  pacer: SendPacer;
  /** No SES call is started after this time (ms): the Lambda must return before its timeout. */
  stopAt: number;
  signal?: AbortSignal;
  /** Counts throttled SES answers (retried). */
  onThrottled?: () => void;
}

/** Attempts on a 5xx or a refused connection before giving the email back and failing the step. */
const UNAVAILABLE_ATTEMPTS = 5;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Sends `email` if `decision` says so (see `decideSlot`). */
export async function sendOnce(
  email: OutgoingEmail,
  decision: SlotDecision,
  context: SendContext,
): Promise<Delivery> {
  if (decision.action !== 'send' && decision.action !== 'resend') return { result: 'skipped' };
  if (context.signal?.aborted || Date.now() > context.stopAt) return { result: 'not-sent', why: 'stopped' };
  const claim = randomUUID();
  const now = new Date().toISOString();
  const claimed =
    decision.action === 'send'
      ? await claimSlot(email.key, email.slot, claim, now)
      : await reclaimSlot(email.key, email.slot, decision.claim, claim, now, decision.attempts);
  if (!claimed) return { result: 'skipped' };

  let called = false;
  try {
    const content = await email.compose(claim);
    let unavailable = 0;
    for (;;) {
      try {
        await context.pacer.waitForSlot(context.stopAt, context.signal);
      } catch (error) {
        if (error instanceof StopSending) {
          await markNotSent(email.key, email.slot, claim);
          return { result: 'not-sent', why: 'stopped' };
        }
        throw error;
      }
      called = true;
      const outcome = await sendEmailOnce({
        to: email.to,
        ...content,
        tags: {
          kind: email.kind,
          quarter: email.quarter,
          mail: { sk: email.key.sk, slot: email.slot },
          claim,
        },
      });
      switch (outcome.kind) {
        case 'sent':
          context.pacer.succeeded();
          await markSent(email.key, email.slot, claim, outcome.messageId);
          return { result: 'sent' };
        case 'unknown':
          // SES may have it: its Send event, or the grace period, decides.
          await markUnknown(email.key, email.slot, claim);
          return { result: 'unknown' };
        case 'refused':
          await markRefused(email.key, email.slot, claim, outcome.reason);
          return { result: 'refused', reason: outcome.reason };
        case 'quota-exceeded':
          await context.pacer.quotaExceeded();
          await markNotSent(email.key, email.slot, claim);
          return { result: 'not-sent', why: 'quota' };
        case 'throttled':
          context.onThrottled?.();
          context.pacer.throttled();
          called = false;
          continue;
        case 'unavailable':
          called = false;
          if (++unavailable >= UNAVAILABLE_ATTEMPTS) {
            await markNotSent(email.key, email.slot, claim);
            throw new TransientError(`SES unavailable (${outcome.errorName}) after ${unavailable} attempts`);
          }
          await sleep(Math.random() * 100 * 2 ** unavailable);
          continue;
      }
    }
  } catch (error) {
    // Before SES was called, the claim is certainly not sent: give it back for the next run.
    if (!called && !(error instanceof TransientError)) {
      await markNotSent(email.key, email.slot, claim).catch((markError: Error) =>
        logger.warn('could not give a claim back; the email waits for the grace period', {
          errorName: markError.name,
        }),
      );
    }
    throw error;
  }
}
