/**
 * The deployment's one SES send schedule, shared by every Lambda and Map iteration that sends: a
 * DynamoDB item (`SES` / `PACER`) changed only by conditional writes (optimistic, on `version`).
 * The pure rules are in functions/core/send-pacing.ts; this module reads and writes the item, asks
 * SES for the account's limits (GetSendQuota, at most once a second account-wide, so one sender at a
 * time refreshes them, at most once a minute unless waiting for quota), and paces one Lambda's
 * sends to the slots it took.
 *
 * Each Lambda keeps a small local queue of slots (at most a second of sending); the item costs one
 * read and one write per chunk, one write per team's quota reservation and two per quota refresh.
 */
import { GetSendQuotaCommand } from '@aws-sdk/client-ses';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import {
  type AccountQuota,
  allowanceOf,
  DEFAULT_QUOTA_RECHECK_SECONDS,
  DEFAULT_SHARE,
  dailyRemaining,
  expiredHours,
  hourKey,
  type PacerState,
  quotaFreesAt,
  takeSlots,
} from '../core/send-pacing.ts';
import { dynamo, ses } from './aws-clients.ts';
import { optionalEnv } from './env.ts';
import { keys } from './keys.ts';
import { logger } from './middleware.ts';
import { isConditionFailure, tableName } from './store/table.ts';

/** How long a quota read is trusted while there is quota. */
export const QUOTA_TTL_MS = 60_000;
/** GetSendQuota: at most once per second per account. */
const QUOTA_CALL_INTERVAL_MS = 1_000;
const REFRESH_LEASE_MS = 3_000;

export interface PacerSettings {
  /** Share of the account's rate and quota Ladder may use (LADDER_SES_SHARE, default 0.9). */
  share: number;
  /** Longest wait for quota before asking SES again (LADDER_SES_QUOTA_RECHECK_SECONDS). */
  quotaRecheckMs: number;
}

export function pacerSettings(): PacerSettings {
  const share = Number(optionalEnv('sesShare') ?? DEFAULT_SHARE);
  const recheck = Number(optionalEnv('sesQuotaRecheckSeconds') ?? DEFAULT_QUOTA_RECHECK_SECONDS);
  return {
    share: share > 0 && share <= 1 ? share : DEFAULT_SHARE,
    quotaRecheckMs: (recheck > 0 ? recheck : DEFAULT_QUOTA_RECHECK_SECONDS) * 1000,
  };
}

interface StoredState extends PacerState {
  version?: number;
  refreshLeaseUntil?: number;
}

export type QuotaGrant = { granted: number } | { granted: 0; waitSeconds: number; remaining: number };

/** The sender ran out of time (its Lambda is about to end) or was told to stop. */
export class StopSending extends Error {
  override readonly name = 'StopSending';
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

export async function readPacerState(): Promise<StoredState> {
  const result = await dynamo().send(
    new GetCommand({ TableName: tableName(), Key: keys.sesPacer(), ConsistentRead: true }),
  );
  return (result.Item as StoredState | undefined) ?? {};
}

/** A write that only applies if nobody wrote since `state` was read. */
async function writeIfUnchanged(
  state: StoredState,
  set: string[],
  names: Record<string, string>,
  values: Record<string, unknown>,
): Promise<boolean> {
  const version = state.version ?? 0;
  try {
    await dynamo().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.sesPacer(),
        UpdateExpression: `SET ${[...set, '#version = :nextVersion'].join(', ')}`,
        ConditionExpression: version === 0 ? 'attribute_not_exists(#version)' : '#version = :version',
        ExpressionAttributeNames: { ...names, '#version': 'version' },
        ExpressionAttributeValues: {
          ...values,
          ':nextVersion': version + 1,
          ...(version === 0 ? {} : { ':version': version }),
        },
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

/**
 * Reads the account's limits from SES (GetSendQuota) unless another sender is doing it right now,
 * and stores them. Returns the state as it then is (the old one when SES could not be asked).
 */
async function refreshQuota(state: StoredState, now: number): Promise<StoredState> {
  if ((state.refreshLeaseUntil ?? 0) > now) return state;
  if (now - (state.quotaReadAt ?? 0) < QUOTA_CALL_INTERVAL_MS) return state;
  const leased = await writeIfUnchanged(
    state,
    ['refreshLeaseUntil = :lease'],
    {},
    { ':lease': now + REFRESH_LEASE_MS },
  );
  if (!leased) return readPacerState();
  let quota: { Max24HourSend?: number; MaxSendRate?: number; SentLast24Hours?: number };
  try {
    quota = await ses().send(new GetSendQuotaCommand({}));
  } catch (error) {
    // Throttled (another caller of the account asked within the second) or unavailable: keep the old figures.
    logger.warn('GetSendQuota failed; keeping the figures read before', { errorName: (error as Error).name });
    return readPacerState();
  }
  const expired = expiredHours(state.hours, now);
  const removed = expired.map((_, i) => `hours.#old${i}`);
  const names = Object.fromEntries(expired.map((key, i) => [`#old${i}`, key]));
  await dynamo().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: keys.sesPacer(),
      UpdateExpression: `SET quota = :quota, quotaReadAt = :now, reservedPrevious = if_not_exists(reservedCurrent, :zero), reservedCurrent = :zero, #version = if_not_exists(#version, :zero) + :one REMOVE ${['refreshLeaseUntil', ...removed].join(', ')}`,
      ExpressionAttributeNames: { ...names, '#version': 'version' },
      ExpressionAttributeValues: {
        ':quota': {
          maxSendRate: quota.MaxSendRate ?? 0,
          max24HourSend: quota.Max24HourSend ?? 0,
          sentLast24Hours: quota.SentLast24Hours ?? 0,
        },
        ':now': now,
        ':zero': 0,
        ':one': 1,
      },
    }),
  );
  return readPacerState();
}

/**
 * The account's limits as SES states them now, for the start checks: one GetSendQuota call (a start
 * is rare), read-only, never the shared schedule's lease. Undefined when SES cannot be asked.
 */
export async function readSendQuota(): Promise<AccountQuota | undefined> {
  try {
    const quota = await ses().send(new GetSendQuotaCommand({}));
    return {
      maxSendRate: quota.MaxSendRate ?? 0,
      max24HourSend: quota.Max24HourSend ?? 0,
      sentLast24Hours: quota.SentLast24Hours ?? 0,
    };
  } catch (error) {
    logger.warn('GetSendQuota failed', { errorName: (error as Error).name });
    return undefined;
  }
}

/** The limits as the pacer knows them, refreshed when older than a minute (for `cycle status`). */
export async function currentQuota(): Promise<StoredState> {
  const state = await readPacerState();
  const now = Date.now();
  if (!state.quota || now - (state.quotaReadAt ?? 0) > QUOTA_TTL_MS) return refreshQuota(state, now);
  return state;
}

/** One Lambda's view of the shared schedule. */
export class SendPacer {
  readonly settings: PacerSettings;
  #slots: number[] = [];
  #reservedUntil = 0;
  #fetching: Promise<void> | undefined;
  #backoffMs = 0;
  #backoffUntil = 0;
  #expected = 1;

  constructor(settings: PacerSettings = pacerSettings()) {
    this.settings = settings;
  }

  /** How many emails this Lambda still means to send (sizes the chunks of slots it takes). */
  expect(emails: number): void {
    this.#expected = Math.max(1, emails);
  }

  /**
   * Reserves `count` emails of the daily allowance at once (a whole team). A team larger than a
   * whole day's allowance gets what a full day allows. When there is not enough, says how long to
   * wait before asking again: until enough of Ladder's own sending leaves the 24-hour window, at most
   * the recheck interval.
   */
  async reserveQuota(count: number): Promise<QuotaGrant> {
    if (count <= 0) return { granted: 0, waitSeconds: 0, remaining: 0 };
    let refreshed = false;
    for (let attempt = 0; ; attempt++) {
      const now = Date.now();
      let state = await readPacerState();
      if (!state.quota || now - (state.quotaReadAt ?? 0) > QUOTA_TTL_MS) {
        state = await refreshQuota(state, now);
        refreshed = true;
      }
      if (!state.quota) {
        // SES could not be asked yet (another sender is asking): try again in a moment.
        await sleep(200 + Math.random() * 300);
        continue;
      }
      const remaining = dailyRemaining(state, this.settings.share);
      const { daily } = allowanceOf(state.quota, this.settings.share);
      const granted = remaining >= count ? count : remaining >= daily && daily > 0 ? daily : 0;
      if (granted === 0) {
        if (!refreshed && now - (state.quotaReadAt ?? 0) >= QUOTA_CALL_INTERVAL_MS) {
          refreshed = true;
          await refreshQuota(state, now);
          continue;
        }
        const frees =
          quotaFreesAt(state, this.settings.share, count, now) ?? now + this.settings.quotaRecheckMs;
        const waitMs = Math.min(this.settings.quotaRecheckMs, Math.max(1000, frees - now));
        return { granted: 0, waitSeconds: Math.ceil(waitMs / 1000), remaining };
      }
      const hour = hourKey(now);
      const hourUpdate = state.hours
        ? ['hours.#hour = if_not_exists(hours.#hour, :zero) + :n']
        : ['hours = :hours'];
      const written = await writeIfUnchanged(
        state,
        ['reservedCurrent = if_not_exists(reservedCurrent, :zero) + :n', ...hourUpdate],
        state.hours ? { '#hour': hour } : {},
        { ':n': granted, ':zero': 0, ...(state.hours ? {} : { ':hours': { [hour]: granted } }) },
      );
      if (written) return { granted };
      await sleep(Math.random() * 20 * Math.min(attempt + 1, 10));
    }
  }

  /**
   * Waits for this Lambda's next send slot. Throws StopSending when the slot would come after
   * `stopAt` or `signal` is aborted.
   */
  async waitForSlot(stopAt: number, signal?: AbortSignal): Promise<void> {
    for (;;) {
      if (signal?.aborted) throw new StopSending('stopped');
      const now = Date.now();
      if (this.#backoffUntil > now) {
        if (this.#backoffUntil > stopAt) throw new StopSending('out of time while throttled');
        await sleep(this.#backoffUntil - now);
        continue;
      }
      // A slot missed by more than a moment is dropped: the schedule has moved on.
      while (this.#slots.length > 0 && this.#slots[0]! < now - 100) this.#slots.shift();
      const slot = this.#slots.shift();
      if (slot !== undefined) {
        if (slot > stopAt) throw new StopSending('out of time');
        this.#expected = Math.max(1, this.#expected - 1);
        await sleep(slot - Date.now());
        return;
      }
      this.#fetching ??= this.#takeChunk(stopAt).finally(() => {
        this.#fetching = undefined;
      });
      await this.#fetching;
    }
  }

  async #takeChunk(stopAt: number): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      const now = Date.now();
      let state = await readPacerState();
      if (!state.quota) state = await refreshQuota(state, now);
      if (!state.quota) {
        await sleep(200 + Math.random() * 300);
        continue;
      }
      const { rate } = allowanceOf(state.quota, this.settings.share);
      const grant = takeSlots(state, now, this.#expected, rate);
      if ('waitMs' in grant) {
        if (now + grant.waitMs > stopAt) throw new StopSending('out of time waiting for a send slot');
        await sleep(grant.waitMs);
        continue;
      }
      const written = await writeIfUnchanged(
        state,
        ['nextSlotAt = :next'],
        {},
        { ':next': grant.nextSlotAt },
      );
      if (written) {
        for (let i = 0; i < grant.count; i++) this.#slots.push(grant.start + i * grant.interval);
        this.#reservedUntil = grant.nextSlotAt;
        return;
      }
      await sleep(Math.random() * 10 * Math.min(attempt + 1, 10));
    }
  }

  /** SES answered "Maximum sending rate exceeded.": slow down (doubling, up to 8 s), drop held slots. */
  throttled(): void {
    this.#backoffMs = Math.min(8000, Math.max(250, this.#backoffMs * 2));
    this.#backoffUntil = Date.now() + this.#backoffMs * (0.5 + Math.random() / 2);
    this.#slots = [];
  }

  /** An email went through: the backoff eases. */
  succeeded(): void {
    this.#backoffMs = Math.floor(this.#backoffMs / 2);
  }

  /** SES answered "Daily message quota exceeded.": nobody reserves more until SES is asked again. */
  async quotaExceeded(): Promise<void> {
    await dynamo()
      .send(
        new UpdateCommand({
          TableName: tableName(),
          Key: keys.sesPacer(),
          UpdateExpression: 'SET quota.sentLast24Hours = quota.max24HourSend, quotaReadAt = :stale',
          ConditionExpression: 'attribute_exists(quota)',
          ExpressionAttributeValues: { ':stale': Date.now() - QUOTA_TTL_MS + QUOTA_CALL_INTERVAL_MS },
        }),
      )
      .catch((error: Error) => {
        if (!isConditionFailure(error)) throw error;
      });
  }

  /** Gives unused slots back, if nobody took slots after them (so the next sender need not wait). */
  async release(): Promise<void> {
    const first = this.#slots[0];
    this.#slots = [];
    if (first === undefined) return;
    await dynamo()
      .send(
        new UpdateCommand({
          TableName: tableName(),
          Key: keys.sesPacer(),
          UpdateExpression: 'SET nextSlotAt = :first',
          ConditionExpression: 'nextSlotAt = :end',
          ExpressionAttributeValues: { ':first': Math.max(first, Date.now()), ':end': this.#reservedUntil },
        }),
      )
      .catch((error: Error) => {
        if (!isConditionFailure(error)) throw error;
      });
  }
}
