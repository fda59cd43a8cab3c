/**
 * Weighting: how the visible groups' means become the coaching, management and competency scores.
 * Configured group weights, made "effective" by each group's number of raters (one manager or two
 * coachees cannot carry a score alone), and the readiness blend of the two areas.
 * docs/scoring.md, steps 4 and 8.
 */
import type { LadderConfig } from '../config.ts';
import type { CompetencyScore, ReportGroup } from '../model.ts';
import type { Competency, CompetencyArea, Questionnaire } from '../questionnaire.ts';
import { round1 } from '../text.ts';
import type { VisibleGroup } from './anonymity.ts';
import { mean, plainMean, toScale100, weightedMean } from './numbers.ts';

export function groupWeight(group: ReportGroup, area: CompetencyArea, config: LadderConfig): number {
  const weights = config.weights[area];
  return group === 'others' ? weights.coachee + weights.peer : weights[group];
}

/** Weighted mean of the entries that have a value; weights renormalised over those. */
export interface GroupEntry {
  group: ReportGroup;
  value: number | null;
  /** Configured weight of the group. */
  weight: number;
  /** Raters behind the value. */
  raters: number;
}

/**
 * Effective weights of the groups that have a value: each non-self group keeps
 * reliability = raters / (raters + λ) of its (renormalised) configured weight, and the weight it
 * gives up is shared among the non-self groups in proportion to their raters. One manager or two
 * coachees therefore cannot carry a whole score on their own, while the configured weights still
 * decide what a well-evidenced group counts for. Self keeps its configured weight. The weights depend
 * on counts only, never on the ratings. λ = `weights.raterNoiseRatio` (0: configured weights only).
 */
export function effectiveWeights(entries: readonly GroupEntry[], lambda: number): number[] {
  const present = entries.map((e) => e.value !== null && e.weight > 0 && e.raters > 0);
  const total = entries.reduce((sum, e, i) => sum + (present[i] ? e.weight : 0), 0);
  if (total <= 0) return entries.map(() => 0);
  const kept = entries.map((e, i) => {
    if (!present[i]) return 0;
    const reliability = e.group === 'self' || lambda <= 0 ? 1 : e.raters / (e.raters + lambda);
    return (e.weight / total) * reliability;
  });
  const freed = 1 - kept.reduce((sum, k) => sum + k, 0);
  const pooledRaters = entries.reduce(
    (sum, e, i) => sum + (present[i] && e.group !== 'self' ? e.raters : 0),
    0,
  );
  return entries.map((e, i) => {
    const base = kept[i] ?? 0;
    if (!present[i] || e.group === 'self' || pooledRaters === 0) return base;
    return base + (freed * e.raters) / pooledRaters;
  });
}

function mixedMean(entries: readonly GroupEntry[], lambda: number): number | null {
  const weights = effectiveWeights(entries, lambda);
  let total = 0;
  let weightSum = 0;
  entries.forEach((entry, i) => {
    const w = weights[i] ?? 0;
    if (entry.value === null || w <= 0) return;
    total += entry.value * w;
    weightSum += w;
  });
  return weightSum > 0 ? total / weightSum : null;
}

/** Each visible group's mean over the area's items (1–5), its weight and its raters. */
export function areaEntries(
  groups: VisibleGroup[],
  area: CompetencyArea,
  config: LadderConfig,
  questionnaire: Questionnaire,
): GroupEntry[] {
  const ids = questionnaire.competencies.filter((c) => c.area === area).map((c) => c.id);
  return groups.map((group) => {
    const visible = ids.filter((id) => (group.means.get(id) ?? null) !== null);
    return {
      group: group.group,
      value: plainMean(ids.map((id) => group.means.get(id) ?? null)),
      weight: groupWeight(group.group, area, config),
      raters: responseMeans(group, visible).length,
    };
  });
}

/** Coaching or management score: each group's mean over the area's items, blended by effective weight. */
export function areaScore(
  groups: VisibleGroup[],
  area: CompetencyArea,
  config: LadderConfig,
  questionnaire: Questionnaire,
): number | null {
  const mean = mixedMean(areaEntries(groups, area, config, questionnaire), config.weights.raterNoiseRatio);
  return mean === null ? null : round1(toScale100(mean));
}

/** Readiness blends the rounded scores, so a reader can check it from the numbers shown. */
export function blendReadiness(
  coaching: number | null,
  management: number | null,
  config: LadderConfig,
): number | null {
  const blended = weightedMean([
    { value: coaching, weight: config.weights.readiness.coaching },
    { value: management, weight: config.weights.readiness.management },
  ]);
  return blended === null ? null : round1(blended);
}

/** One competency across groups, self excluded (self is kept for the self–other comparison). */
export function competencyScore(
  competency: Competency,
  groups: VisibleGroup[],
  config: LadderConfig,
): CompetencyScore {
  const mean = mixedMean(
    groups
      .filter((group) => group.group !== 'self')
      .map((group) => ({
        group: group.group,
        value: group.means.get(competency.id) ?? null,
        weight: groupWeight(group.group, competency.area, config),
        raters: group.tally.ratings.get(competency.id)?.count ?? 0,
      })),
    config.weights.raterNoiseRatio,
  );
  return {
    id: competency.id,
    label: competency.label,
    score: mean === null ? null : round1(toScale100(mean)),
  };
}

/** Each response's mean over `ids` (those it rated), on the 0–100 scale. */
export function responseMeans(group: VisibleGroup, ids: string[]): number[] {
  const means: number[] = [];
  for (const row of group.tally.rows) {
    const values = ids.map((id) => row.get(id)).filter((value): value is number => value !== undefined);
    if (values.length > 0) means.push(toScale100(mean(values)));
  }
  return means;
}

/** The three scores of a leader (pooled, with coaching impact), 0–100 or null. */
export interface Scores {
  coaching: number | null;
  management: number | null;
  readiness: number | null;
}
