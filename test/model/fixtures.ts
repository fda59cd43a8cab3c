/** Shared builders for the readiness model tests. */
import type { LadderConfig } from '../../functions/core/config.ts';
import type { HistoryEntry, QuarterScores, RaterResponse } from '../../functions/core/model.ts';
import { type ScoreInput, scoreLeader } from '../../functions/core/readiness/score-leader.ts';
import { REFERENCE } from './reference-config.ts';

export { answered, many, withStatus } from '../core/responses.ts';

/** The configured group weights only (λ = 0): hand calculations stay short. */
export const PLAIN: LadderConfig = {
  ...REFERENCE,
  weights: { ...REFERENCE.weights, raterNoiseRatio: 0 },
};

export const score = (responses: RaterResponse[], extra: Partial<ScoreInput> = {}, config = PLAIN) =>
  scoreLeader({ leaderId: 'l1', responses, ...extra }, config);

export function quarterScores(coaching: number, management: number, variance = 40): QuarterScores {
  return {
    coaching,
    management,
    readiness: Math.round(((coaching + management) / 2) * 10) / 10,
    coachingVariance: variance,
    managementVariance: variance,
  };
}

export function entry(
  quarter: string,
  readiness: number | null,
  recommendation: HistoryEntry['recommendation'],
  management: number | null = readiness,
  scores?: QuarterScores,
): HistoryEntry {
  return {
    quarter,
    readinessScore: readiness,
    coachingScore: readiness,
    managementScore: management,
    recommendation,
    ...(scores ? { quarterScores: scores } : {}),
  };
}

/** Figures of one person: quarter → attainment ratio (quota 100 000). */
export function figures(ratios: Record<string, number>) {
  return Object.entries(ratios).map(([quarter, ratio]) => ({
    quarter,
    quota: 100_000,
    attained: Math.round(ratio * 100_000),
  }));
}
