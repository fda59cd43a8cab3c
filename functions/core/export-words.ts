/**
 * The model's outputs in words HR reads without the scoring docs at hand: the trend, the self–other
 * gaps and the development plan by course title. Shared by every export format and the console.
 */
import type { DevelopmentPlanItem, SelfOtherGap, Trend } from './model.ts';

const one = (value: number) => value.toFixed(1);

/** The quarters of a trend as "2026-Q2 60.0, 2026-Q3 62.0, 2026-Q4 65.1" (n/a for a quarter without one). */
function trendPoints(trend: Trend): string {
  return trend.points
    .map((point) => `${point.quarter} ${point.readiness === null ? 'n/a' : one(point.readiness)}`)
    .join(', ');
}

/**
 * "Rising by 3.2 points a quarter (2026-Q2 60.0, 2026-Q3 62.0, 2026-Q4 65.1)", "Stable (…)",
 * "Falling by …", or "Not enough history yet: 2 quarters with a score (…)".
 */
export function trendInWords(trend: Trend): string {
  const points = trendPoints(trend);
  const scored = trend.points.filter((point) => point.readiness !== null).length;
  if (trend.direction === 'unclear' || trend.slope === null) {
    const count = `${scored} quarter${scored === 1 ? '' : 's'} with a score`;
    return `Not enough history yet: ${count}${points ? ` (${points})` : ''}`;
  }
  const per = `${one(Math.abs(trend.slope))} points a quarter`;
  if (trend.direction === 'rising') return `Rising by ${per} (${points})`;
  if (trend.direction === 'falling') return `Falling by ${per} (${points})`;
  return `Stable, within ${one(Math.abs(trend.slope))} points a quarter (${points})`;
}

/**
 * "Forecasting: rates themself 1.3 points higher than others do (blind spot)"; gaps joined by "; ".
 * Ratings are on the 1–5 scale.
 */
export function gapsInWords(gaps: readonly SelfOtherGap[]): string {
  return gaps
    .map((gap) => {
      const size = Math.abs(gap.gap).toFixed(1);
      return gap.kind === 'blind-spot'
        ? `${gap.label}: rates themself ${size} points higher than others do (blind spot)`
        : `${gap.label}: rates themself ${size} points lower than others do (hidden strength)`;
    })
    .join('; ');
}

/** "Forecasting: Forecasting and sales metrics; Hiring: no course in the catalogue". */
export function planInWords(plan: readonly DevelopmentPlanItem[]): string {
  return plan
    .map(
      (item) =>
        `${item.label}: ${item.suggestions.map((course) => course.title).join(' / ') || 'no course in the catalogue'}`,
    )
    .join('; ');
}

/** Attainment ratio (0.935) as the percentage HR reads (93.5), one decimal. */
export function toPercent(ratio: number | null | undefined): number | null {
  return typeof ratio === 'number' && Number.isFinite(ratio) ? Math.round(ratio * 1000 + 1e-9) / 10 : null;
}
