/**
 * Development plan: each development need (a competency below target) with the trainings of the
 * configured catalogue that develop it, in catalogue order. docs/scoring.md ("Development plan").
 */
import type { LadderConfig } from '../config.ts';
import type { CompetencyScore, DevelopmentPlanItem } from '../model.ts';

export function developmentPlan(
  needs: readonly CompetencyScore[],
  config: LadderConfig,
): DevelopmentPlanItem[] {
  return needs.map((need) => ({
    id: need.id,
    label: need.label,
    score: need.score,
    suggestions: config.catalogue
      .filter((entry) => entry.competencies.includes(need.id))
      .map((entry) => ({ id: entry.id, title: entry.title })),
  }));
}

/** Development needs: the lowest competency scores below target, at most `maxDevelopmentNeeds`. */
export function lowestBelowTarget(competencies: CompetencyScore[], config: LadderConfig): CompetencyScore[] {
  return competencies
    .map((competency, order) => ({ competency, order }))
    .filter(
      ({ competency }) => competency.score !== null && competency.score < config.thresholds.developmentTarget,
    )
    .sort((a, b) => (a.competency.score ?? 0) - (b.competency.score ?? 0) || a.order - b.order)
    .slice(0, Math.max(0, config.maxDevelopmentNeeds))
    .map(({ competency }) => competency);
}
