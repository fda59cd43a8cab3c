import { describe, expect, it } from 'vitest';
import {
  executionNameFor,
  InvalidQuarterError,
  isQuarterId,
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

describe('executionNameFor', () => {
  it('derives the execution name from the quarter', () => {
    expect(executionNameFor('2026-Q4')).toBe('cycle-2026-Q4');
  });

  it('refuses a bad quarter', () => {
    expect(() => executionNameFor('2026-Q9')).toThrow(InvalidQuarterError);
  });
});
