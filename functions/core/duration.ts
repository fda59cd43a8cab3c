/**
 * Calendar durations written as ISO 8601 date durations (`P90D`, `P13M`, `P5Y`, `P1Y6M`, `P2W`),
 * for retention settings. Only date parts: a retention period is never a matter of hours. Added in
 * UTC; a month added to the 31st ends on the last day of a shorter month (Jan 31 + P1M = Feb 28/29),
 * as people count months.
 */

export interface CalendarDuration {
  years: number;
  months: number;
  days: number;
}

const DURATION = /^P(?:(\d{1,4})Y)?(?:(\d{1,5})M)?(?:(\d{1,5})W)?(?:(\d{1,6})D)?$/;

/** The parts of `text`, or undefined when it is not a date duration with at least one part above 0. */
export function parseDuration(text: string): CalendarDuration | undefined {
  const match = DURATION.exec(text);
  if (!match || text === 'P') return undefined;
  const [, y, m, w, d] = match;
  const duration = {
    years: Number(y ?? 0),
    months: Number(m ?? 0),
    days: Number(w ?? 0) * 7 + Number(d ?? 0),
  };
  return duration.years + duration.months + duration.days > 0 ? duration : undefined;
}

export function isDuration(text: string): boolean {
  return parseDuration(text) !== undefined;
}

/** `date` plus `duration`, in UTC (the time of day is kept). */
export function addDuration(date: Date, duration: CalendarDuration): Date {
  const totalMonths = date.getUTCMonth() + duration.years * 12 + duration.months;
  const year = date.getUTCFullYear() + Math.floor(totalMonths / 12);
  const month = ((totalMonths % 12) + 12) % 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const shifted = new Date(date.getTime());
  shifted.setUTCFullYear(year, month, Math.min(date.getUTCDate(), lastDay));
  shifted.setUTCDate(shifted.getUTCDate() + duration.days);
  return shifted;
}

/** The shortest time `duration` can span, in days (28-day months, 365-day years): for lower bounds. */
export function minimumDays(duration: CalendarDuration): number {
  return duration.years * 365 + duration.months * 28 + duration.days;
}
