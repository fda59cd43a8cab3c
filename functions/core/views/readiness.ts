/**
 * HR's pictures of a quarter: the distribution of recommendations (the model's and the final ones),
 * a heatmap of leaders × competencies, a 9-box of readiness against sales attainment, and each
 * leader's trend. Pure; the thresholds come from the configuration so the pictures use the same
 * bars as the recommendation rules.
 */
import type { LadderConfig } from '../config.ts';
import { RECOMMENDATIONS, type Recommendation } from '../model.ts';
import { compareLeaders, effectiveRecommendation, type LeaderSummary } from './leader-summary.ts';

export interface DistributionRow {
  recommendation: Recommendation;
  model: number;
  final: number;
}

/** Count per recommendation, the model's and the final one (HR's decision where there is one). */
export function distribution(leaders: readonly LeaderSummary[]): DistributionRow[] {
  return RECOMMENDATIONS.map((recommendation) => ({
    recommendation,
    model: leaders.filter((leader) => leader.recommendation === recommendation).length,
    final: leaders.filter((leader) => effectiveRecommendation(leader) === recommendation).length,
  }));
}

/** A competency score against the development target, in five bands (never shown by colour alone). */
export type HeatBand = 'none' | 'far-below' | 'below' | 'above' | 'far-above';

/** 15 points either side of the target separate "below" from "far below" (and above likewise). */
export const HEAT_BAND_WIDTH = 15;

export function heatBand(score: number | null, target: number): HeatBand {
  if (score === null) return 'none';
  if (score < target - HEAT_BAND_WIDTH) return 'far-below';
  if (score < target) return 'below';
  if (score < target + HEAT_BAND_WIDTH) return 'above';
  return 'far-above';
}

export interface HeatmapRow {
  leaderId: string;
  leaderName: string;
  team: string;
  cells: { competency: string; score: number | null; band: HeatBand }[];
}

export function heatmap(
  leaders: readonly LeaderSummary[],
  competencies: readonly string[],
  config: LadderConfig,
): HeatmapRow[] {
  const target = config.thresholds.developmentTarget;
  return [...leaders].sort(compareLeaders).map((leader) => ({
    leaderId: leader.leaderId,
    leaderName: leader.leaderName,
    team: leader.team,
    cells: competencies.map((competency) => {
      const score = leader.competencies[competency] ?? null;
      return { competency, score, band: heatBand(score, target) };
    }),
  }));
}

/** Low, medium, high. */
export type Band = 0 | 1 | 2;

export interface NineBoxCell {
  readiness: Band;
  attainment: Band;
  leaders: LeaderSummary[];
}

export interface NineBox {
  /** Row-major from high readiness to low, attainment low to high: 9 cells. */
  cells: NineBoxCell[];
  /** Leaders without a readiness score or without sales figures: not placed. */
  unplaced: LeaderSummary[];
  bounds: { readiness: [number, number]; attainment: [number, number] };
}

/**
 * Readiness bands at the recommendation thresholds (below ready-next-year, up to ready-now, at or
 * above ready-now); attainment bands at the model's minimum own attainment and the top-seller
 * level (e.g. below 90 %, 90–100 %, 100 % and more).
 */
export function nineBox(leaders: readonly LeaderSummary[], config: LadderConfig): NineBox {
  const readinessBounds: [number, number] = [config.thresholds.readyNextYear, config.thresholds.readyNow];
  const attainmentBounds: [number, number] = [
    config.sales.minOwnAttainment,
    Math.max(config.sales.minOwnAttainment, config.flags.topSellerAttainment),
  ];
  const band = (value: number, [low, high]: [number, number]): Band =>
    value >= high ? 2 : value >= low ? 1 : 0;
  const cells: NineBoxCell[] = [];
  for (const readiness of [2, 1, 0] as Band[]) {
    for (const attainment of [0, 1, 2] as Band[]) cells.push({ readiness, attainment, leaders: [] });
  }
  const unplaced: LeaderSummary[] = [];
  for (const leader of [...leaders].sort(compareLeaders)) {
    if (leader.readinessScore === null || leader.attainment === null) {
      unplaced.push(leader);
      continue;
    }
    const r = band(leader.readinessScore, readinessBounds);
    const a = band(leader.attainment, attainmentBounds);
    cells[(2 - r) * 3 + a]!.leaders.push(leader);
  }
  return { cells, unplaced, bounds: { readiness: readinessBounds, attainment: attainmentBounds } };
}

/** Teams and managers present, for the filter menus. */
export function filterOptions(leaders: readonly LeaderSummary[]) {
  const teams = [...new Set(leaders.map((leader) => leader.team))].sort();
  const managers = [...new Set(leaders.map((leader) => leader.managerId).filter(Boolean))].sort();
  return { teams, managers };
}
