/**
 * Evidence and confidence: the variance of each area score from the counts (the pooling weights) and
 * from the observed spread (the margins), pooling with earlier quarters, and the confidence levels.
 * docs/scoring.md, steps 5 and 6.
 */
import type { LadderConfig } from '../config.ts';
import type { Confidence, ConfidenceLevel, QuarterScores, SalesSummary, ScoreConfidence } from '../model.ts';
import type { CompetencyArea, Questionnaire } from '../questionnaire.ts';
import { round1 } from '../text.ts';
import type { VisibleGroup } from './anonymity.ts';
import { type AgedEntry, type Pooled, type PoolPart, pool } from './history.ts';
import { sampleVariance } from './numbers.ts';
import { CONFIDENCE_NOTES } from './phrases.ts';
import { areaEntries, effectiveWeights, responseMeans, type Scores } from './weighting.ts';

export interface AreaVariance {
  /** From the counts alone (responseSd² / n per group): the pooling weights. */
  counts: number;
  /** From the counts and the observed spread of each group: the margins. */
  spread: number;
}

/**
 * Variance (points²) of an area score: Σ (w_g / W)² · s_g² / n_g over the groups that count, where
 * n_g is the group's responses with a rating in the area and s_g is `responseSd` (counts) or the
 * group's spread pooled with `responseSd` (spread).
 */
export function areaVariance(
  groups: VisibleGroup[],
  area: CompetencyArea,
  config: LadderConfig,
  questionnaire: Questionnaire,
  sd: number,
  priorDf: number,
): AreaVariance | null {
  const entries = areaEntries(groups, area, config, questionnaire);
  const weights = effectiveWeights(entries, config.weights.raterNoiseRatio);
  const ids = questionnaire.competencies.filter((c) => c.area === area).map((c) => c.id);
  let counts = 0;
  let spread = 0;
  let any = false;
  groups.forEach((group, i) => {
    const weight = weights[i] ?? 0;
    if (weight <= 0) return;
    const values = responseMeans(
      group,
      ids.filter((id) => (group.means.get(id) ?? null) !== null),
    );
    const n = values.length;
    if (n === 0) return;
    const df = n - 1 + priorDf;
    const observed = n > 1 ? sampleVariance(values) : 0;
    const pooled = df > 0 ? ((n - 1) * observed + priorDf * sd * sd) / df : sd * sd;
    counts += weight ** 2 * ((sd * sd) / n);
    spread += weight ** 2 * (pooled / n);
    any = true;
  });
  return any ? { counts, spread } : null;
}

/** This quarter's area score pooled with the same area of earlier quarters (readiness/history.ts). */
export function poolArea(
  area: CompetencyArea,
  quarter: QuarterScores,
  variance: AreaVariance | null,
  earlier: AgedEntry[],
  config: LadderConfig,
): Pooled | null {
  const current = quarter[area];
  if (current === null || variance === null) return null;
  const parts: PoolPart[] = [
    { age: 0, value: current, variance: variance.counts, marginVariance: variance.spread },
  ];
  for (const { age, entry } of earlier) {
    const scores = entry.quarterScores;
    if (scores === undefined) continue;
    const value = scores[area];
    const v = area === 'coaching' ? scores.coachingVariance : scores.managementVariance;
    if (!isScore(value) || typeof v !== 'number' || !Number.isFinite(v) || v <= 0) continue;
    parts.push({ age, value, variance: v, marginVariance: v });
  }
  return pool(parts, config.history.driftPerQuarter);
}

function isScore(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= 100;
}

/** Variance of the readiness blend from the variances of its areas (null areas are left out). */
export function blendVariance(coaching: number | null, management: number | null, config: LadderConfig) {
  const entries = [
    { variance: coaching, weight: config.weights.readiness.coaching },
    { variance: management, weight: config.weights.readiness.management },
  ].filter(
    (entry): entry is { variance: number; weight: number } => entry.variance !== null && entry.weight > 0,
  );
  const total = entries.reduce((sum, entry) => sum + entry.weight, 0);
  if (total <= 0) return null;
  return entries.reduce((sum, entry) => sum + (entry.weight / total) ** 2 * entry.variance, 0);
}

const LOWER: Record<ConfidenceLevel, ConfidenceLevel> = {
  high: 'medium',
  medium: 'low',
  low: 'low',
  none: 'none',
};

export function confidenceOf(
  groups: VisibleGroup[],
  pooled: { coaching: Pooled | null; management: Pooled | null },
  variances: { coaching: AreaVariance | null; management: AreaVariance | null },
  scores: Scores,
  sales: SalesSummary,
  config: LadderConfig,
): Confidence {
  const c = config.confidence;
  const margin = (variance: number | null | undefined) =>
    variance === null || variance === undefined ? null : round1(c.z * Math.sqrt(variance));
  const levelOf = (m: number | null): ConfidenceLevel =>
    m === null ? 'none' : m <= c.highMargin ? 'high' : m <= c.mediumMargin ? 'medium' : 'low';
  const scoreConfidence = (m: number | null): ScoreConfidence => ({ margin: m, level: levelOf(m) });

  const coachingVariance = scores.coaching === null ? null : (pooled.coaching?.variance ?? null);
  const managementVariance = scores.management === null ? null : (pooled.management?.variance ?? null);
  const readinessMargin = margin(blendVariance(coachingVariance, managementVariance, config));
  const quarterMargin = margin(
    blendVariance(variances.coaching?.spread ?? null, variances.management?.spread ?? null, config),
  );
  const notes: string[] = [];
  let level = levelOf(readinessMargin);
  if (sales.ownAttainment === null && level !== 'none') {
    notes.push(CONFIDENCE_NOTES.noOwnFigures());
    level = LOWER[level];
  }
  return {
    level,
    readiness: scoreConfidence(readinessMargin),
    coaching: scoreConfidence(margin(coachingVariance)),
    management: scoreConfidence(margin(managementVariance)),
    quarterMargin,
    groups: groups
      .filter((group) => group.group !== 'self')
      .map((group) => {
        const visible = group.asked.filter((c) => (group.means.get(c.id) ?? null) !== null).map((c) => c.id);
        const values = responseMeans(group, visible);
        return {
          group: group.group,
          responses: group.responses,
          spread: values.length > 1 ? round1(Math.sqrt(sampleVariance(values))) : null,
        };
      }),
    notes,
  };
}
