import { describe, expect, it } from 'vitest';
import {
  addQuarters,
  executionNameFor,
  InvalidQuarterError,
  isQuarterId,
  isTimeZone,
  legacyExecutionNameFor,
  parseExecutionName,
  parseQuarter,
  previousQuarter,
  quarterOf,
} from '../../functions/core/quarter.ts';

describe('quarter ids', () => {
  it('recognises YYYY-Qn only', () => {
    expect(isQuarterId('2026-Q4')).toBe(true);
    expect(isQuarterId('2027-Q1')).toBe(true);
    for (const bad of ['2026-Q5', '2026-Q0', '2026Q4', '26-Q4', '2026-q4', ' 2026-Q4', '2026-Q4\n', '']) {
      expect(isQuarterId(bad)).toBe(false);
    }
  });

  it('parses a quarter id', () => {
    expect(parseQuarter('2026-Q4')).toEqual({ year: 2026, quarter: 4 });
    expect(parseQuarter('2031-Q1')).toEqual({ year: 2031, quarter: 1 });
  });

  it('throws InvalidQuarterError naming the value and the expected form', () => {
    expect(() => parseQuarter('2026-Q5')).toThrow(InvalidQuarterError);
    try {
      parseQuarter('Q4-2026');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(Error);
      expect((error as Error).name).toBe('InvalidQuarterError');
      expect((error as Error).message).toContain('"Q4-2026"');
      expect((error as Error).message).toContain('YYYY-Qn');
    }
  });
});

describe('quarters of dates (UTC)', () => {
  it('maps months to quarters', () => {
    expect(quarterOf(new Date('2026-01-01T00:00:00Z'))).toBe('2026-Q1');
    expect(quarterOf(new Date('2026-03-31T23:59:59Z'))).toBe('2026-Q1');
    expect(quarterOf(new Date('2026-04-01T00:00:00Z'))).toBe('2026-Q2');
    expect(quarterOf(new Date('2026-09-30T12:00:00Z'))).toBe('2026-Q3');
    expect(quarterOf(new Date('2026-12-31T23:59:59Z'))).toBe('2026-Q4');
  });

  it('gives the quarter just ended, across a year boundary', () => {
    expect(previousQuarter(new Date('2027-01-04T08:00:00Z'))).toBe('2026-Q4');
    expect(previousQuarter(new Date('2026-04-01T08:00:00Z'))).toBe('2026-Q1');
    expect(previousQuarter(new Date('2026-07-01T08:00:00Z'))).toBe('2026-Q2');
    expect(previousQuarter(new Date('2026-10-01T08:00:00Z'))).toBe('2026-Q3');
  });

  it('rejects an invalid date', () => {
    expect(() => quarterOf(new Date('nope'))).toThrow(RangeError);
  });
});

describe('execution names', () => {
  it('names each attempt of a quarter: a failed first attempt never takes the name of the next', () => {
    expect(executionNameFor('2026-Q4', 1)).toBe('cycle-2026-Q4-1');
    expect(executionNameFor('2026-Q4', 2)).toBe('cycle-2026-Q4-2');
    expect(legacyExecutionNameFor('2026-Q4')).toBe('cycle-2026-Q4');
  });

  it('reads a name back, legacy names as attempt 0', () => {
    expect(parseExecutionName('cycle-2026-Q4-12')).toEqual({ quarter: '2026-Q4', attempt: 12 });
    expect(parseExecutionName('cycle-2026-Q4')).toEqual({ quarter: '2026-Q4', attempt: 0 });
    for (const other of ['cycle-2026-Q5-1', 'cycle-2026-Q4-0', 'other', 'cycle-2026-Q4-x']) {
      expect(parseExecutionName(other)).toBeUndefined();
    }
  });

  it('refuses a bad quarter or attempt', () => {
    expect(() => executionNameFor('2026-Q9', 1)).toThrow(InvalidQuarterError);
    expect(() => executionNameFor('2026-Q4', 0)).toThrow(RangeError);
  });
});

describe('quarters in a time zone', () => {
  it('reads the date on the wall calendar of the zone', () => {
    // 07:00 on 1 January 2027 in Tokyo is 22:00 on 31 December 2026 in UTC.
    const tokyoNewYear = new Date('2026-12-31T22:00:00Z');
    expect(quarterOf(tokyoNewYear)).toBe('2026-Q4');
    expect(quarterOf(tokyoNewYear, 'Asia/Tokyo')).toBe('2027-Q1');
    expect(previousQuarter(tokyoNewYear, 'Asia/Tokyo')).toBe('2026-Q4');
    // 07:00 on 1 April in Honolulu is 17:00 UTC the same day; midnight there is 10:00 UTC.
    expect(quarterOf(new Date('2027-04-01T09:59:59Z'), 'Pacific/Honolulu')).toBe('2027-Q1');
    expect(quarterOf(new Date('2027-04-01T10:00:00Z'), 'Pacific/Honolulu')).toBe('2027-Q2');
  });

  it('refuses an unknown zone', () => {
    expect(isTimeZone('Europe/Berlin')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
    expect(() => quarterOf(new Date(), 'Mars/Olympus')).toThrow(RangeError);
  });

  it('counts quarters across years, both ways', () => {
    expect(addQuarters('2026-Q1', -1)).toBe('2025-Q4');
    expect(addQuarters('2026-Q4', 1)).toBe('2027-Q1');
    expect(addQuarters('2026-Q2', -9)).toBe('2024-Q1');
  });
});
