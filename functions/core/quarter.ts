/** Quarter ids (`2026-Q4`) and the dates they come from. All dates are read in UTC. */

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

/** The quarter a date falls in, e.g. 2026-11-30 → `2026-Q4`. */
export function quarterOf(date: Date): string {
  return formatQuarter(partsOf(date));
}

/** The quarter just ended at `date`, e.g. 2027-01-04 → `2026-Q4`. */
export function previousQuarter(date: Date): string {
  const { year, quarter } = partsOf(date);
  return formatQuarter(
    quarter === 1 ? { year: year - 1, quarter: 4 } : { year, quarter: (quarter - 1) as QuarterNumber },
  );
}

/**
 * Step Functions execution name of a quarter's cycle. Names are unique per state machine, so a
 * second start of the same quarter fails instead of opening a second cycle.
 */
export function executionNameFor(quarter: string): string {
  parseQuarter(quarter);
  return `cycle-${quarter}`;
}

function partsOf(date: Date): QuarterParts {
  if (Number.isNaN(date.getTime())) throw new RangeError('Invalid date: cannot tell its quarter.');
  return { year: date.getUTCFullYear(), quarter: (Math.floor(date.getUTCMonth() / 3) + 1) as QuarterNumber };
}

/** Quarters since year 0: consecutive quarters differ by 1 (2026-Q1 − 2025-Q4 = 1). */
export function quarterIndex(quarter: string): number {
  const { year, quarter: n } = parseQuarter(quarter);
  return year * 4 + (n - 1);
}

/** The quarter `offset` quarters after (negative: before) `quarter`. */
export function addQuarters(quarter: string, offset: number): string {
  const index = quarterIndex(quarter) + offset;
  return formatQuarter({ year: Math.floor(index / 4), quarter: ((index % 4) + 1) as QuarterNumber });
}
