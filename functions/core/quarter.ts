/**
 * Quarter ids (`2026-Q4`) and the dates they come from. A date is read in a time zone (IANA name,
 * default UTC): 2027-01-01T07:00 in Tokyo is 2026-12-31T22:00Z, and its quarter is 2027-Q1.
 */

export type QuarterNumber = 1 | 2 | 3 | 4;

export interface QuarterParts {
  year: number;
  quarter: QuarterNumber;
}

const QUARTER_ID = /^(\d{4})-Q([1-4])$/;

export class InvalidQuarterError extends Error {
  override readonly name = 'InvalidQuarterError';
  readonly value: string;

  constructor(value: string) {
    super(`Invalid quarter ${JSON.stringify(value)}: expected the form YYYY-Qn, for example 2026-Q4.`);
    this.value = value;
  }
}

export function isQuarterId(value: string): boolean {
  return QUARTER_ID.test(value);
}

export function parseQuarter(value: string): QuarterParts {
  const match = QUARTER_ID.exec(value);
  if (match === null) throw new InvalidQuarterError(String(value));
  return { year: Number(match[1]), quarter: Number(match[2]) as QuarterNumber };
}

export function formatQuarter({ year, quarter }: QuarterParts): string {
  return `${String(year).padStart(4, '0')}-Q${quarter}`;
}

/** The quarter a date falls in, read in `timeZone`, e.g. 2026-11-30 → `2026-Q4`. */
export function quarterOf(date: Date, timeZone = 'UTC'): string {
  return formatQuarter(partsOf(date, timeZone));
}

/** The quarter just ended at `date`, read in `timeZone`, e.g. 2027-01-04 → `2026-Q4`. */
export function previousQuarter(date: Date, timeZone = 'UTC'): string {
  return addQuarters(quarterOf(date, timeZone), -1);
}

/** Prefix of every execution name of a quarter's cycle. */
const EXECUTION_PREFIX = 'cycle-';

/**
 * Step Functions execution name of attempt `attempt` (1, 2, …) of a quarter's cycle:
 * `cycle-2026-Q4-1`. A name can be used once per state machine (for 90 days on AWS), so each
 * attempt gets its own: a failed first attempt never blocks the quarter. That a quarter has one
 * cycle is guarded by the cycle record's conditional write, not by the name.
 */
export function executionNameFor(quarter: string, attempt: number): string {
  parseQuarter(quarter);
  if (!Number.isInteger(attempt) || attempt < 1) throw new RangeError(`Invalid attempt ${attempt}`);
  return `${EXECUTION_PREFIX}${quarter}-${attempt}`;
}

/** The name earlier versions gave the (only) execution of a quarter: `cycle-2026-Q4`. */
export function legacyExecutionNameFor(quarter: string): string {
  parseQuarter(quarter);
  return `${EXECUTION_PREFIX}${quarter}`;
}

/** The quarter and attempt an execution name stands for (attempt 0: the legacy name), or undefined. */
export function parseExecutionName(name: string): { quarter: string; attempt: number } | undefined {
  const match = /^cycle-(\d{4}-Q[1-4])(?:-([1-9]\d{0,5}))?$/.exec(name);
  if (!match) return undefined;
  return { quarter: match[1]!, attempt: match[2] ? Number(match[2]) : 0 };
}

const calendars = new Map<string, Intl.DateTimeFormat>();

/** Year and month of `date` on the wall calendar of `timeZone`. */
function partsOf(date: Date, timeZone: string): QuarterParts {
  if (Number.isNaN(date.getTime())) throw new RangeError('Invalid date: cannot tell its quarter.');
  if (timeZone === 'UTC') {
    return {
      year: date.getUTCFullYear(),
      quarter: (Math.floor(date.getUTCMonth() / 3) + 1) as QuarterNumber,
    };
  }
  let calendar = calendars.get(timeZone);
  if (!calendar) {
    // Throws RangeError for a zone that is not an IANA name.
    calendar = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: 'numeric',
      era: 'short',
    });
    calendars.set(timeZone, calendar);
  }
  const parts = calendar.formatToParts(date);
  const value = (type: string) => parts.find((part) => part.type === type)?.value ?? '';
  const yearOfEra = Number(value('year'));
  const year = value('era') === 'BC' ? 1 - yearOfEra : yearOfEra;
  return { year, quarter: (Math.floor((Number(value('month')) - 1) / 3) + 1) as QuarterNumber };
}

/** True when `timeZone` is a time zone name the runtime knows (IANA names, `UTC`). */
export function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** Quarters since year 0: consecutive quarters differ by 1 (2026-Q1 − 2025-Q4 = 1). */
export function quarterIndex(quarter: string): number {
  const { year, quarter: n } = parseQuarter(quarter);
  return year * 4 + (n - 1);
}

/** The quarter `offset` quarters after (negative: before) `quarter`. */
export function addQuarters(quarter: string, offset: number): string {
  const index = quarterIndex(quarter) + offset;
  return formatQuarter({
    year: Math.floor(index / 4),
    quarter: ((((index % 4) + 4) % 4) + 1) as QuarterNumber,
  });
}
