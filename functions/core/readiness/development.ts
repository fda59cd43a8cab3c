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
