/** Builders for rater responses in scoring tests. */
import type { RaterGroup, RaterResponse, Rating } from '../../functions/core/model.ts';
import { competenciesFor } from '../../functions/core/questionnaire.ts';

/** An answered response rating every competency of the group `value`, with optional overrides. */
export function answered(
  raterId: string,
  group: RaterGroup,
  value: Rating,
  overrides: Record<string, Rating> = {},
  comments: { keep?: string; change?: string } = {},
): RaterResponse {
  const ratings: Record<string, Rating> = {};
  for (const competency of competenciesFor(group)) ratings[competency.id] = value;
  for (const [id, rating] of Object.entries(overrides)) if (id in ratings) ratings[id] = rating;
  return {
    raterId,
    group,
    status: 'answered',
    answers: { ratings, comments: { keep: comments.keep ?? '', change: comments.change ?? '' } },
  };
}

/** `count` answered responses of one group, ids `<group>1`, `<group>2`, … */
export function many(
  group: RaterGroup,
  count: number,
  value: Rating,
  overrides: Record<string, Rating> = {},
) {
  return Array.from({ length: count }, (_, i) => answered(`${group}${i + 1}`, group, value, overrides));
}

export function withStatus(
  raterId: string,
  group: RaterGroup,
  status: 'declined' | 'expired' | 'pending' | 'sent',
) {
  return { raterId, group, status } satisfies RaterResponse;
}
