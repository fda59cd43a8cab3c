/**
 * Sales figures in the readiness model: the leader's own attainment (stepping up must not cost
 * revenue) and coaching impact (how coachees' attainment moves against their own history and
 * against teammates coached by others). Missing figures are missing: they are never read as zero.
 * docs/scoring.md ("Sales figures") gives the formulas.
 */
import type { LadderConfig } from '../config.ts';
import type { SalesSummary } from '../model.ts';
import { addQuarters, isQuarterId } from '../quarter.ts';
import { round1 } from '../text.ts';

export interface Figure {
  quarter: string;
  quota: number;
  attained: number;
}

export interface PersonFigures {
  personId: string;
  figures: Figure[];
}

export interface SalesInput {
  /** The leader's own figures (any quarters; the model picks the ones it needs). */
  own: Figure[];
  /** The leader's coachees. */
  coachees: PersonFigures[];
  /** Salespeople of the same team coached by another leader. */
  comparison: PersonFigures[];
}

/** attained / quota, or null when the figure is absent or unusable. */
export function attainmentIn(figures: readonly Figure[], quarter: string): number | null {
  const figure = figures.find((f) => f.quarter === quarter);
  if (figure === undefined) return null;
  const { quota, attained } = figure;
  if (!Number.isFinite(quota) || !Number.isFinite(attained) || quota <= 0 || attained < 0) return null;
  return attained / quota;
}

function mean(values: number[]): number | null {
  return values.length > 0 ? values.reduce((sum, v) => sum + v, 0) / values.length : null;
}

/** Attainment this quarter minus the mean of the person's earlier quarters (both needed). */
export function changeAgainstHistory(
  figures: readonly Figure[],
  quarter: string,
  window: number,
): number | null {
  const now = attainmentIn(figures, quarter);
  if (now === null) return null;
  const earlier: number[] = [];
  for (let age = 1; age <= window; age++) {
    const value = attainmentIn(figures, addQuarters(quarter, -age));
    if (value !== null) earlier.push(value);
  }
  const before = mean(earlier);
  return before === null ? null : now - before;
}

export const NO_SALES: SalesSummary = {
  ownAttainment: null,
  ownRecent: null,
  ownQuarters: 0,
  coachingImpact: null,
  impactPoints: 0,
  haloPoints: 0,
  coacheesWithFigures: 0,
  comparisonWithFigures: 0,
};

export function assessSales(
  quarter: string | undefined,
  sales: SalesInput | undefined,
  config: LadderConfig,
): SalesSummary {
  if (quarter === undefined || !isQuarterId(quarter) || sales === undefined) return NO_SALES;
  const s = config.sales;
  const recent: number[] = [];
  for (let age = 0; age < s.ownQuarters; age++) {
    const value = attainmentIn(sales.own, addQuarters(quarter, -age));
    if (value !== null) recent.push(value);
  }
  const changes = (people: PersonFigures[]) =>
    [...people]
      .sort((a, b) => (a.personId < b.personId ? -1 : a.personId > b.personId ? 1 : 0))
      .map((person) => changeAgainstHistory(person.figures, quarter, s.historyQuarters))
      .filter((change): change is number => change !== null);
  const coachees = changes(sales.coachees);
  const comparison = changes(sales.comparison);
  const coacheeMean = mean(coachees);
  const comparisonMean = mean(comparison);
  const impact =
    coacheeMean === null || comparisonMean === null ? null : (coacheeMean - comparisonMean) * 100;
  // Shrunk toward "no impact": one coachee's good quarter moves the coaching score very little.
  const shrunk = impact === null ? 0 : (impact * coachees.length) / (coachees.length + s.impactPriorCoachees);
  const points = Math.max(
    -s.maxImpactPoints,
    Math.min(s.maxImpactPoints, shrunk * s.impactPointsPerPercentagePoint),
  );
  const ownRecent = mean(recent);
  // Raters rate a top seller higher on everything; the truth of a promotion does not follow.
  const halo =
    ownRecent === null
      ? 0
      : Math.max(
          -s.maxHaloPoints,
          Math.min(s.maxHaloPoints, (ownRecent - 1) * 10 * s.haloPointsPerTenPercent),
        );
  return {
    ownAttainment: roundRatio(attainmentIn(sales.own, quarter)),
    ownRecent: roundRatio(ownRecent),
    ownQuarters: recent.length,
    coachingImpact: impact === null ? null : round1(impact),
    impactPoints: round1(points) || 0,
    haloPoints: round1(halo) || 0,
    coacheesWithFigures: coachees.length,
    comparisonWithFigures: comparison.length,
  };
}

/** Ratios are kept to three decimals (0.1 % of quota). */
function roundRatio(value: number | null): number | null {
  return value === null ? null : Math.round(value * 1000 + 1e-9) / 1000;
}

export function percent(ratio: number): string {
  return `${Math.round(ratio * 100)}%`;
}
