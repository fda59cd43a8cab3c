/**
 * The few numbers per leader that HR's pictures need (distribution, heatmap, 9-box, trends, bench
 * strength), read as a projection of the recommendation items, plus HR's decision when there is one.
 */
import type { Decision } from '../decisions.ts';
import type { ConfidenceLevel, Recommendation, Trend } from '../model.ts';
import { compareText } from '../text.ts';

export interface LeaderSummary {
  quarter: string;
  leaderId: string;
  leaderName: string;
  team: string;
  managerId: string;
  readinessScore: number | null;
  coachingScore: number | null;
  managementScore: number | null;
  recommendation: Recommendation;
  flags: string[];
  /** Competency id → 0–100 score (null when nobody's rating could be used). */
  competencies: Record<string, number | null>;
  /** Mean attainment of the recent quarters with figures (attained / quota), or null. */
  attainment: number | null;
  confidence: ConfidenceLevel | null;
  trend: Trend | null;
  /** HR's decision in force, if any. */
  decision?: Decision;
}

export interface LeaderFilter {
  team?: string;
  managerId?: string;
  /** Only these managers' teams (the `manager` role); absent for HR. */
  scope?: ReadonlySet<string>;
}

export function filterLeaders(leaders: readonly LeaderSummary[], filter: LeaderFilter): LeaderSummary[] {
  return leaders.filter(
    (leader) =>
      (filter.scope === undefined || filter.scope.has(leader.managerId)) &&
      (!filter.team || leader.team === filter.team) &&
      (!filter.managerId || leader.managerId === filter.managerId),
  );
}

/** The recommendation that counts: HR's final one when decided, the model's otherwise. */
export function effectiveRecommendation(leader: LeaderSummary): Recommendation {
  return leader.decision?.finalRecommendation ?? leader.recommendation;
}

/** Team, then readiness (highest first, unscored last), then name and id: stable everywhere. */
export function compareLeaders(a: LeaderSummary, b: LeaderSummary): number {
  return (
    compareText(a.team, b.team) ||
    (b.readinessScore ?? -1) - (a.readinessScore ?? -1) ||
    compareText(a.leaderName, b.leaderName) ||
    compareText(a.leaderId, b.leaderId)
  );
}
