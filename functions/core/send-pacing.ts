/**
 * Pacing email to an SES account's limits, shared by every sender of the deployment. Pure: the
 * state lives in one DynamoDB item (functions/shared/pacer.ts) and every change to it is a
 * conditional write, so concurrent Lambdas and Map iterations see one schedule.
 *
 * - **Rate**: a virtual schedule (the generic cell rate algorithm). `nextSlotAt` is the time of the
 *   next free send slot; slots are `1000 / rate` ms apart. A sender takes a chunk of slots by moving
 *   `nextSlotAt` forward and sends each email at its slot's time, so the slots of all senders
 *   together never come closer than the allowed rate, and while a backlog exists no slot is idle.
 * - **Daily quota**: what SES reported (`SentLast24Hours`, every sender of the account) plus what
 *   Ladder reserved since — reservations of the last two quota reads both count, so a reservation
 *   made just before a read and sent just after it is never missed (the price: up to a minute of
 *   sending counted twice, i.e. briefly less quota than there is).
 * - **Share**: Ladder uses only a share of the account's rate and quota (default 90 %), leaving the
 *   rest for other senders on the account.
 */

/** What GetSendQuota answers. */
export interface AccountQuota {
  maxSendRate: number;
  max24HourSend: number;
  sentLast24Hours: number;
}

export interface PacerState {
  /** Time (ms) of the next free send slot. */
  nextSlotAt?: number;
  quota?: AccountQuota;
  /** When `quota` was read (ms). */
  quotaReadAt?: number;
  /** Recipients reserved since the last quota read, and between the two reads before it. */
  reservedCurrent?: number;
  reservedPrevious?: number;
  /** Recipients Ladder reserved per hour (key: epoch hour), for the estimate of when quota frees. */
  hours?: Record<string, number>;
}

export const DEFAULT_SHARE = 0.9;
/** The longest wait for daily quota before SES is asked again (LADDER_SES_QUOTA_RECHECK_SECONDS). */
export const DEFAULT_QUOTA_RECHECK_SECONDS = 3600;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;
/** A sender takes at most this much sending time of slots at once. */
export const CHUNK_MS = 1_000;
/** And never reserves slots further ahead than this (a frozen Lambda wastes at most that much). */
export const LOOKAHEAD_MS = 1_500;

export interface Allowance {
  /** Emails per second Ladder may send. */
  rate: number;
  /** Emails per rolling 24 h Ladder may send. */
  daily: number;
}

export function allowanceOf(
  quota: Pick<AccountQuota, 'maxSendRate' | 'max24HourSend'>,
  share: number,
): Allowance {
  if (!(share > 0 && share <= 1)) throw new RangeError(`The SES share must be in (0, 1], got ${share}`);
  return { rate: quota.maxSendRate * share, daily: Math.floor(quota.max24HourSend * share) };
}

/** Emails Ladder may still send in the rolling 24 hours, as far as the state knows. */
export function dailyRemaining(state: PacerState, share: number): number {
  if (!state.quota) return 0;
  const { daily } = allowanceOf(state.quota, share);
  // What others sent beyond their share eats into ours too.
  const used = state.quota.sentLast24Hours + (state.reservedCurrent ?? 0) + (state.reservedPrevious ?? 0);
  return Math.max(0, daily - used);
}

export type SlotGrant =
  | { start: number; interval: number; count: number; nextSlotAt: number }
  | { waitMs: number };

/**
 * Takes up to `wanted` send slots at `rate` per second: from the later of now and the next free
 * slot, at most CHUNK_MS of sending. When the next free slot is more than LOOKAHEAD_MS away, the
 * sender waits instead (other senders hold the schedule).
 */
export function takeSlots(state: PacerState, now: number, wanted: number, rate: number): SlotGrant {
  if (!(rate > 0)) throw new RangeError(`The send rate must be positive, got ${rate}`);
  const interval = 1000 / rate;
  // Whole milliseconds, rounded up: a chunk never starts before the previous one's last interval ends.
  const start = Math.ceil(Math.max(state.nextSlotAt ?? 0, now));
  if (start - now > LOOKAHEAD_MS) return { waitMs: Math.ceil(start - now - LOOKAHEAD_MS) };
  const count = Math.max(1, Math.min(wanted, Math.floor(CHUNK_MS / interval)));
  return { start, interval, count, nextSlotAt: Math.ceil(start + count * interval) };
}

export const hourKey = (ms: number) => String(Math.floor(ms / HOUR_MS));

/** The ledger without hours that no longer count (older than 25 hours). */
export function expiredHours(hours: Record<string, number> | undefined, now: number): string[] {
  const oldest = Math.floor((now - DAY_MS - HOUR_MS) / HOUR_MS);
  return Object.keys(hours ?? {}).filter((key) => Number(key) < oldest);
}

/**
 * When `needed` more emails are expected to fit into the daily allowance: when enough of Ladder's
 * own reservations (by hour) leave the rolling 24 hours. Undefined when Ladder's own sending cannot
 * free enough (others use the account): ask SES again later.
 */
export function quotaFreesAt(
  state: PacerState,
  share: number,
  needed: number,
  now: number,
): number | undefined {
  let available = dailyRemaining(state, share);
  if (available >= needed) return now;
  const hours = Object.entries(state.hours ?? {})
    .map(([key, count]) => ({ start: Number(key) * HOUR_MS, count }))
    .filter((hour) => hour.start + HOUR_MS + DAY_MS > now)
    .sort((a, b) => a.start - b.start);
  for (const hour of hours) {
    available += hour.count;
    // A send in this hour leaves the 24-hour window at the latest an hour and a day after its start.
    if (available >= needed) return hour.start + HOUR_MS + DAY_MS;
  }
  return undefined;
}
