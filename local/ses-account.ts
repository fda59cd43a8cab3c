/**
 * The SES account behind the local SES: its sending limits, verified identities and clock, enforced
 * the way SES enforces them (the SES quotas page, the v1 API reference):
 *
 * - a **maximum send rate** (recipients per second; a new production account: 14) — above it,
 *   `Throttling` "Maximum sending rate exceeded.". Enforced over every sliding second, which is
 *   stricter than SES (SES tolerates short bursts): code that stays under it here stays under it there;
 * - a **daily quota** (recipients per rolling 24 hours; 50,000) — above it, `Throttling` "Daily
 *   message quota exceeded.";
 * - **verified identities**: the sender must be verified, and in the **sandbox** (1/s, 200 per 24 h)
 *   every recipient too — otherwise `MessageRejected` "Email address is not verified. The following
 *   identities failed the check in region …";
 * - **addresses SES cannot take** — `InvalidParameterValue` with SES's message (local/ses-address.ts);
 * - `GetSendQuota` answers with the configured figures, at most once per second (`Throttling`
 *   "Rate exceeded" above that).
 *
 * Quotas count recipients, not messages. The clock is a setting: tests move it forward to let a
 * "day" of quota pass in an instant (`clock.advance(ms)`).
 */
import { bareAddress, domainOf, sesAddressProblem } from './ses-address.ts';

/** A new production account (out of the sandbox): the long-standing figures. */
export const PRODUCTION_DEFAULTS = { maxSendRate: 14, max24HourSend: 50_000 } as const;
/** The SES sandbox. */
export const SANDBOX_DEFAULTS = { maxSendRate: 1, max24HourSend: 200 } as const;

const DAY_MS = 24 * 3600 * 1000;

export interface SesAccountOptions {
  /** Recipients per second. Default 14 (1 in the sandbox). */
  maxSendRate?: number;
  /** Recipients per rolling 24 hours. Default 50,000 (200 in the sandbox). */
  max24HourSend?: number;
  /** Only verified recipients; default limits 1/s and 200/24 h. */
  sandbox?: boolean;
  /** Verified identities: addresses, or domains (every address at the domain). */
  verified?: readonly string[];
  /** Region named in SES's messages. Default us-east-1. */
  region?: string;
  clock?: SesClock;
}

/** Real time plus an offset that tests move forward. */
export class SesClock {
  #offset = 0;
  now(): number {
    return Date.now() + this.#offset;
  }
  /** Moves the account's time forward (e.g. 24 hours: the daily quota has rolled over). */
  advance(ms: number): void {
    if (!(ms >= 0)) throw new Error(`The SES clock only moves forward (got ${ms} ms)`);
    this.#offset += ms;
  }
}

/** An error as SES's Query API returns it. */
export interface SesError {
  status: number;
  type: 'Sender' | 'Receiver';
  code: string;
  message: string;
}

export interface SendQuota {
  Max24HourSend: number;
  MaxSendRate: number;
  SentLast24Hours: number;
}

export interface SesAccountStats {
  /** Messages and recipients accepted. */
  accepted: number;
  recipients: number;
  /** Refused with `Throttling`: over the send rate, over the daily quota. */
  throttledRate: number;
  throttledDaily: number;
  /** Refused outright (MessageRejected, InvalidParameterValue), by message. */
  refused: Record<string, number>;
  /** The most recipients accepted within any sliding second, and when (account clock, ms). */
  peakPerSecond: number;
  peakAt: number;
  /** Account-clock times of accepted recipients (for rate measurements), oldest first. */
  acceptedAt: number[];
}

/** What `admit` hands back: the send is counted until `cancel` (the upstream failed after all). */
export interface Admission {
  cancel(): void;
}

export class SesAccount {
  readonly clock: SesClock;
  readonly region: string;
  #maxSendRate: number;
  #max24HourSend: number;
  #sandbox: boolean;
  readonly #verified = new Set<string>();
  /** Accepted sends within the last 24 h (account clock), oldest first. */
  #window: { at: number; n: number }[] = [];
  #head = 0;
  #sentInWindow = 0;
  #lastQuotaCall = Number.NEGATIVE_INFINITY;
  #stats: SesAccountStats = SesAccount.emptyStats();

  constructor(options: SesAccountOptions = {}) {
    this.clock = options.clock ?? new SesClock();
    this.region = options.region ?? 'us-east-1';
    this.#sandbox = options.sandbox ?? false;
    const defaults = this.#sandbox ? SANDBOX_DEFAULTS : PRODUCTION_DEFAULTS;
    this.#maxSendRate = positive('maxSendRate', options.maxSendRate ?? defaults.maxSendRate);
    this.#max24HourSend = positive('max24HourSend', options.max24HourSend ?? defaults.max24HourSend);
    for (const identity of options.verified ?? []) this.verify(identity);
  }

  private static emptyStats(): SesAccountStats {
    return {
      accepted: 0,
      recipients: 0,
      throttledRate: 0,
      throttledDaily: 0,
      refused: {},
      peakPerSecond: 0,
      peakAt: 0,
      acceptedAt: [],
    };
  }

  get settings() {
    return { maxSendRate: this.#maxSendRate, max24HourSend: this.#max24HourSend, sandbox: this.#sandbox };
  }

  /** Changes limits from now on (what sending so far counted stays counted). */
  configure(options: Pick<SesAccountOptions, 'maxSendRate' | 'max24HourSend'>): void {
    if (options.maxSendRate !== undefined) this.#maxSendRate = positive('maxSendRate', options.maxSendRate);
    if (options.max24HourSend !== undefined)
      this.#max24HourSend = positive('max24HourSend', options.max24HourSend);
  }

  /** Verifies an address or a domain identity. */
  verify(identity: string): void {
    this.#verified.add(identity.trim().toLowerCase());
  }

  isVerified(address: string): boolean {
    return this.#verified.has(bareAddress(address)) || this.#verified.has(domainOf(address));
  }

  get stats(): SesAccountStats {
    return structuredClone(this.#stats);
  }

  resetStats(): void {
    this.#stats = SesAccount.emptyStats();
  }

  /** Recipients accepted in the rolling 24 hours up to now. */
  sentLast24Hours(): number {
    this.#expire(this.clock.now());
    return this.#sentInWindow;
  }

  /** GetSendQuota: the figures, or Throttling when called again within a second. */
  getSendQuota(): SendQuota | SesError {
    const now = this.clock.now();
    if (now - this.#lastQuotaCall < 1000) return throttling('Rate exceeded');
    this.#lastQuotaCall = now;
    return {
      Max24HourSend: this.#max24HourSend,
      MaxSendRate: this.#maxSendRate,
      SentLast24Hours: this.sentLast24Hours(),
    };
  }

  /**
   * Decides one send of `source` to `recipients`: an SES error, or an admission (counted against the
   * rate and the quota from now on, until cancelled).
   */
  admit(source: string, recipients: readonly string[]): Admission | SesError {
    const malformed = [source, ...recipients].map(sesAddressProblem).find((problem) => problem);
    if (malformed) return this.#refuse('InvalidParameterValue', malformed);
    if (recipients.length === 0)
      return this.#refuse('InvalidParameterValue', 'Missing required header "To".');
    const unverified = [source, ...(this.#sandbox ? recipients : [])].filter(
      (address) => !this.isVerified(address),
    );
    if (unverified.length > 0) {
      return this.#refuse(
        'MessageRejected',
        `Email address is not verified. The following identities failed the check in region ${this.region.toUpperCase()}: ${[...new Set(unverified)].join(', ')}`,
      );
    }
    const now = this.clock.now();
    this.#expire(now);
    const n = recipients.length;
    if (this.#sentInWindow + n > this.#max24HourSend) {
      this.#stats.throttledDaily++;
      return throttling('Daily message quota exceeded.');
    }
    const lastSecond = this.#sentSince(now - 1000);
    if (lastSecond + n > this.#maxSendRate) {
      this.#stats.throttledRate++;
      return throttling('Maximum sending rate exceeded.');
    }
    const entry = { at: now, n };
    this.#window.push(entry);
    this.#sentInWindow += n;
    this.#stats.accepted++;
    this.#stats.recipients += n;
    for (let i = 0; i < n; i++) this.#stats.acceptedAt.push(now);
    if (lastSecond + n > this.#stats.peakPerSecond) {
      this.#stats.peakPerSecond = lastSecond + n;
      this.#stats.peakAt = now;
    }
    return {
      cancel: () => {
        if (entry.n === 0) return;
        this.#sentInWindow -= entry.n;
        this.#stats.accepted--;
        this.#stats.recipients -= entry.n;
        entry.n = 0;
      },
    };
  }

  #refuse(code: string, message: string): SesError {
    this.#stats.refused[message] = (this.#stats.refused[message] ?? 0) + 1;
    return { status: 400, type: 'Sender', code, message };
  }

  /** Recipients accepted after `since` (exclusive). */
  #sentSince(since: number): number {
    let count = 0;
    for (let i = this.#window.length - 1; i >= this.#head; i--) {
      const entry = this.#window[i]!;
      if (entry.at <= since) break;
      count += entry.n;
    }
    return count;
  }

  #expire(now: number): void {
    while (this.#head < this.#window.length && this.#window[this.#head]!.at <= now - DAY_MS) {
      this.#sentInWindow -= this.#window[this.#head]!.n;
      this.#head++;
    }
    if (this.#head > 4096 && this.#head * 2 > this.#window.length) {
      this.#window = this.#window.slice(this.#head);
      this.#head = 0;
    }
  }
}

function throttling(message: string): SesError {
  return { status: 400, type: 'Sender', code: 'Throttling', message };
}

export function isSesError(value: unknown): value is SesError {
  return typeof value === 'object' && value !== null && 'code' in value && 'status' in value;
}

function positive(name: string, value: number): number {
  if (!(Number.isFinite(value) && value > 0))
    throw new Error(`SES ${name} must be a positive number, got ${value}`);
  return value;
}
