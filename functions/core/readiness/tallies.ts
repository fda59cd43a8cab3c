/**
 * Tallies: the sums and counts of one leader's ratings per rater group and competency, the rows of
 * each answered response, and the comments. Only answered responses count; ratings of items a group
 * is not asked are ignored. docs/scoring.md, step 1.
 */
import type { RaterGroup, RaterResponse } from '../model.ts';
import type { Questionnaire } from '../questionnaire.ts';

export interface RatingTally {
  sum: number;
  count: number;
}

export interface GroupTally {
  responses: number;
  /** Non-null ratings per competency id (only competencies the group is asked). */
  ratings: Map<string, RatingTally>;
  /** Per answered response, its counted ratings by competency id (for spread and evidence). */
  rows: Map<string, number>[];
  keep: string[];
  change: string[];
}

export type Tallies = Record<RaterGroup, GroupTally>;

export function emptyTally(): GroupTally {
  return { responses: 0, ratings: new Map(), rows: [], keep: [], change: [] };
}

export function isValidRating(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 5;
}

/**
 * Only answered responses carry ratings; ratings for items a group is not asked are ignored. With
 * `offsets`, each rater's leniency is subtracted from their ratings (kept within 1–5); self-ratings
 * are never calibrated.
 */
export function tallyByGroup(
  responses: RaterResponse[],
  questionnaire: Questionnaire,
  offsets?: ReadonlyMap<string, number>,
): Tallies {
  const tallies: Tallies = {
    self: emptyTally(),
    manager: emptyTally(),
    coachee: emptyTally(),
    peer: emptyTally(),
  };
  for (const response of responses) {
    if (response.status !== 'answered' || response.answers === undefined) continue;
    const tally = tallies[response.group];
    const shift = response.group === 'self' ? 0 : (offsets?.get(response.raterId) ?? 0);
    tally.responses++;
    const row = new Map<string, number>();
    for (const competency of questionnaire.competencies) {
      const raw = response.answers.ratings[competency.id];
      if (!competency.groups.includes(response.group) || !isValidRating(raw)) continue;
      const rating = shift === 0 ? raw : Math.min(5, Math.max(1, raw - shift));
      row.set(competency.id, rating);
      const entry = tally.ratings.get(competency.id) ?? { sum: 0, count: 0 };
      tally.ratings.set(competency.id, { sum: entry.sum + rating, count: entry.count + 1 });
    }
    tally.rows.push(row);
    const { keep, change } = response.answers.comments;
    if (keep.trim() !== '') tally.keep.push(keep.trim());
    if (change.trim() !== '') tally.change.push(change.trim());
  }
  return tallies;
}

export function mergeTallies(a: GroupTally, b: GroupTally): GroupTally {
  const ratings = new Map(a.ratings);
  for (const [id, entry] of b.ratings) {
    const existing = ratings.get(id) ?? { sum: 0, count: 0 };
    ratings.set(id, { sum: existing.sum + entry.sum, count: existing.count + entry.count });
  }
  return {
    responses: a.responses + b.responses,
    ratings,
    rows: [...a.rows, ...b.rows],
    keep: [...a.keep, ...b.keep],
    change: [...a.change, ...b.change],
  };
}
