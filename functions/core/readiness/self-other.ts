/**
 * Self–other gaps: where the leader's self-rating and the view of others differ by at least
 * `selfOther.threshold` rating points. "Others" is the competency score (visible groups only, self
 * excluded, calibrated when calibration is on) back on the 1–5 scale, so a group withheld for
 * anonymity never shapes a gap. docs/scoring.md ("Self–other gaps").
 */
import type { LadderConfig } from '../config.ts';
import type { CompetencyScore, SelfOtherGap } from '../model.ts';

const round2 = (value: number) => Math.round(value * 100 + (value >= 0 ? 1e-9 : -1e-9)) / 100;

/**
 * @param selfMeans the leader's own rating per competency (1–5), null for "not observed"
 * @param competencies competency scores (0–100) of others, in questionnaire order
 */
export function selfOtherGaps(
  selfMeans: ReadonlyMap<string, number | null>,
  competencies: readonly CompetencyScore[],
  config: LadderConfig,
): SelfOtherGap[] {
  const threshold = config.selfOther.threshold;
  const gaps: (SelfOtherGap & { order: number })[] = [];
  competencies.forEach((competency, order) => {
    const self = selfMeans.get(competency.id) ?? null;
    if (self === null || competency.score === null) return;
    const others = round2(1 + competency.score / 25);
    const gap = round2(self - others);
    if (Math.abs(gap) + 1e-9 < threshold) return;
    gaps.push({
      id: competency.id,
      label: competency.label,
      self: round2(self),
      others,
      gap,
      kind: gap > 0 ? 'blind-spot' : 'hidden-strength',
      order,
    });
  });
  return gaps
    .sort((a, b) => Math.abs(b.gap) - Math.abs(a.gap) || a.order - b.order)
    .map(({ order: _order, ...gap }) => gap);
}
