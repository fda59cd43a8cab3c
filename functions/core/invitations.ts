/**
 * One email per rater: the feedback requests of a cycle grouped by rater. Each rater gets one
 * invitation (and at most one reminder per round) listing everyone they are asked about; each
 * request keeps its own link and token.
 *
 * A rater belongs to the batch and team of the first leader they rate (batches in order, then
 * leader id): that batch's Map iteration sends their emails. Raters almost always rate only within
 * one team; a manager of several teams is listed with the first of them.
 */
import type { RaterGroup } from './model.ts';
import { compareText } from './text.ts';

export interface RequestRef {
  leaderId: string;
  raterId: string;
  group: RaterGroup;
}

export interface Invitee<R extends RequestRef = RequestRef> {
  raterId: string;
  batch: number;
  team: string;
  /** The requests this rater is asked to answer: their own (self) first, then by leader id. */
  requests: R[];
}

/**
 * Groups requests by rater. `batchOf` and `teamOf` give each leader's batch and team. Invitees are
 * ordered by batch, team, then rater id: the order emails go out in (whole teams together).
 */
export function groupByRater<R extends RequestRef>(
  requests: readonly R[],
  batchOf: (leaderId: string) => number,
  teamOf: (leaderId: string) => string,
): Invitee<R>[] {
  const byRater = new Map<string, R[]>();
  for (const request of requests) {
    const list = byRater.get(request.raterId) ?? [];
    list.push(request);
    byRater.set(request.raterId, list);
  }
  const invitees = [...byRater].map(([raterId, list]) => {
    const sorted = [...list].sort(
      (a, b) =>
        Number(b.group === 'self') - Number(a.group === 'self') ||
        batchOf(a.leaderId) - batchOf(b.leaderId) ||
        compareText(a.leaderId, b.leaderId),
    );
    const first = [...list].sort(
      (a, b) => batchOf(a.leaderId) - batchOf(b.leaderId) || compareText(a.leaderId, b.leaderId),
    )[0]!;
    return { raterId, batch: batchOf(first.leaderId), team: teamOf(first.leaderId), requests: sorted };
  });
  return invitees.sort(
    (a, b) => a.batch - b.batch || compareText(a.team, b.team) || compareText(a.raterId, b.raterId),
  );
}

/** How many invitees each team has, in sending order (for the quota plan). */
export function inviteesPerTeam(invitees: readonly Pick<Invitee, 'batch' | 'team'>[]): TeamCount[] {
  const teams: TeamCount[] = [];
  for (const invitee of invitees) {
    const last = teams.at(-1);
    if (last && last.batch === invitee.batch && last.team === invitee.team) last.emails++;
    else teams.push({ batch: invitee.batch, team: invitee.team, emails: 1 });
  }
  return teams;
}

export interface TeamCount {
  batch: number;
  team: string;
  emails: number;
}
