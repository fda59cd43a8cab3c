/**
 * Every time zone gets its quarter: the quarterly schedule fires at 07:00 on the first working day
 * of January, April, July and October in the configured zone, and EventBridge Scheduler passes that
 * moment as UTC. Read in the zone, it always names the quarter just ended.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { previousQuarter } from '../../functions/core/quarter.ts';

const ZONES = ['UTC', ...Intl.supportedValuesOf('timeZone')];
const TRIGGER_MONTHS = [1, 4, 7, 10] as const;

const wallClocks = new Map<string, Intl.DateTimeFormat>();
/** The wall-clock date and time of `ms` in `zone`, as if it were UTC (milliseconds). */
function wallClock(zone: string, ms: number): number {
  let format = wallClocks.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    wallClocks.set(zone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(ms).map((p) => [p.type, Number(p.value)]));
  return Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
}

/** The UTC instant of a wall-clock time in `zone` (what Scheduler passes as the scheduled time). */
function zonedInstant(zone: string, year: number, month: number, day: number, hour: number): number {
  const wanted = Date.UTC(year, month - 1, day, hour);
  let instant = wanted;
  for (let i = 0; i < 4; i++) instant = wanted - (wallClock(zone, instant) - instant);
  return instant;
}

/** `1W`: the weekday nearest the 1st within the month (Saturday → Monday 3rd, Sunday → Monday 2nd). */
function firstWorkingDay(year: number, month: number): number {
  const weekday = new Date(Date.UTC(year, month - 1, 1)).getUTCDay();
  return weekday === 6 ? 3 : weekday === 0 ? 2 : 1;
}

function expectedQuarter(year: number, month: (typeof TRIGGER_MONTHS)[number]): string {
  return month === 1 ? `${year - 1}-Q4` : `${year}-Q${(month - 1) / 3}`;
}

describe('the scheduled quarter in every IANA time zone', () => {
  it('names the quarter just ended for each trigger date of each zone', () => {
    expect(ZONES.length).toBeGreaterThan(300);
    fc.assert(
      fc.property(fc.integer({ min: 1990, max: 2100 }), (year) => {
        for (const zone of ZONES) {
          for (const month of TRIGGER_MONTHS) {
            const day = firstWorkingDay(year, month);
            const scheduled = new Date(zonedInstant(zone, year, month, day, 7));
            // The instant really is that day in the zone (the conversion above is sound).
            expect(new Date(wallClock(zone, scheduled.getTime())).toISOString().slice(0, 10)).toBe(
              `${year}-${String(month).padStart(2, '0')}-0${day}`,
            );
            expect(previousQuarter(new Date(scheduled.toISOString()), zone), `${zone} ${year}-${month}`).toBe(
              expectedQuarter(year, month),
            );
          }
        }
      }),
      { numRuns: 12 },
    );
  });

  it('Tokyo on 1 January 2027: 2026-Q4, not the 2026-Q3 the UTC date gives', () => {
    const scheduled = new Date(zonedInstant('Asia/Tokyo', 2027, 1, firstWorkingDay(2027, 1), 7));
    expect(scheduled.toISOString()).toBe('2026-12-31T22:00:00.000Z');
    expect(previousQuarter(scheduled)).toBe('2026-Q3');
    expect(previousQuarter(scheduled, 'Asia/Tokyo')).toBe('2026-Q4');
  });
});
