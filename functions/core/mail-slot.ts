/**
 * The state of one email that must go exactly once (an invitation, a reminder round, a report),
 * and what a sender should do about it. Pure; stored on an item by functions/shared/store/mail-store.ts.
 *
 * An email is *claimed* (with a claim id) before SES is called. Then:
 * - SES answered with a message id → `sent`;
 * - SES refused it for good (an address it cannot take, an unverified recipient) → `refused`, with
 *   SES's reason; the address got nothing and nothing will be retried;
 * - nobody may email the address (a hard bounce or complaint) → `suppressed`;
 * - no answer came back (a reset connection, a timeout, a Lambda cut off mid-call) → still `claimed`,
 *   *in doubt*: SES may or may not have accepted it. SES publishes a Send event (with the message's
 *   tags, which carry the claim) for what it accepted; the EmailEvents function records it as
 *   `confirmedAt`. A claim still unconfirmed after the grace period was never accepted: it is sent
 *   again under a new claim. A Send event of an older claim arriving after that is a duplicate,
 *   counted on the slot.
 */

/**
 * How long an email whose send got no answer waits for its Send event before it is sent again
 * (LADDER_SES_CONFIRM_GRACE_SECONDS). SES publishes Send events within seconds.
 */
export const DEFAULT_CONFIRM_GRACE_SECONDS = 600;

export type MailKind = 'invitation' | 'reminder' | 'leader-report' | 'manager-summary' | 'hr-summary';

export interface MailSlot {
  state: 'claimed' | 'sent' | 'refused' | 'suppressed';
  /** The claim of the attempt in progress or last made. */
  claim: string;
  /** When that claim was made (ISO). */
  claimedAt: string;
  attempts: number;
  messageId?: string;
  /** SES's Send (or Delivery) event for this claim arrived. */
  confirmedAt?: string;
  /**
   * `unknown`: the send call of this claim ended without an answer (in doubt); `not-sent`: SES
   * certainly did not accept it (throttled, out of quota, the sender stopped): send it again.
   */
  outcome?: 'unknown' | 'not-sent';
  /** `refused`: SES's reason (addresses masked). */
  reason?: string;
  /** Claims of earlier attempts, to recognise their late events (a set: adding is idempotent). */
  previousClaims?: ReadonlySet<string>;
  /** Earlier claims whose Send event came only after the email was sent again: received twice. */
  lateClaims?: ReadonlySet<string>;
}

export type SlotDecision =
  | { action: 'send' }
  | { action: 'resend'; claim: string; attempts: number }
  | { action: 'wait'; ms: number }
  | { action: 'done'; result: 'sent' | 'refused' | 'suppressed' };

/** What to do with an email whose slot is `slot` (undefined: never claimed). */
export function decideSlot(slot: MailSlot | undefined, now: number, graceMs: number): SlotDecision {
  if (!slot) return { action: 'send' };
  if (slot.state === 'sent' || slot.confirmedAt || slot.messageId) return { action: 'done', result: 'sent' };
  if (slot.state === 'refused') return { action: 'done', result: 'refused' };
  if (slot.state === 'suppressed') return { action: 'done', result: 'suppressed' };
  if (slot.outcome === 'not-sent')
    return { action: 'resend', claim: slot.claim, attempts: slot.attempts + 1 };
  const age = now - Date.parse(slot.claimedAt);
  if (!(age >= graceMs))
    return { action: 'wait', ms: Math.max(1, graceMs - (Number.isFinite(age) ? age : 0)) };
  return { action: 'resend', claim: slot.claim, attempts: slot.attempts + 1 };
}

/** Settled: nothing more will be sent for it, whatever happens. */
export function isSettled(slot: MailSlot | undefined): boolean {
  return decideSlot(slot, 0, Number.POSITIVE_INFINITY).action === 'done';
}

/** Emails received twice because of this slot (a late Send event of an earlier claim). */
export function duplicatesOf(slot: MailSlot | undefined): number {
  if (!slot || !(slot.state === 'sent' || slot.confirmedAt || slot.messageId)) return 0;
  return slot.lateClaims?.size ?? 0;
}

/** In doubt: claimed, no answer from SES, no Send event yet. */
export function isInDoubt(slot: MailSlot | undefined): boolean {
  return slot?.state === 'claimed' && !slot.confirmedAt && !slot.messageId && slot.outcome !== 'not-sent';
}

/** `reminder-2` for round 2. */
export const reminderSlot = (round: number) => `reminder-${round}`;
