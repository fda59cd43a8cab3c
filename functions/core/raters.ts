/**
 * Who rates whom, and how leaders are grouped into Map batches. Pure and deterministic: the same
 * roster always gives the same assignments in the same order.
 */
import { DEFAULT_CONFIG, type LadderConfig } from './config.ts';
import type { Person, RaterGroup } from './model.ts';
import { compareText } from './text.ts';

export interface RaterAssignment {
  leaderId: string;
  raterId: string;
  group: RaterGroup;
}

const byPersonId = (a: Person, b: Person) => compareText(a.personId, b.personId);

function leadersOf(people: Person[]): Person[] {
  return people.filter((person) => person.role === 'consultant_leader').sort(byPersonId);
}

/**
 * For each consultant leader (by person id): self, their manager (when in the roster), their
 * coachees, then up to `maxPeers` peers — other leaders of the team first, then sellers their
 * manager coaches (no leader coaches them, so this is the only leader feedback they give), then
 * sellers coached by another leader.
 */
export function assignRaters(people: Person[], config: LadderConfig = DEFAULT_CONFIG): RaterAssignment[] {
  const ids = new Set(people.map((person) => person.personId));
  const sorted = [...people].sort(byPersonId);
  return leadersOf(people).flatMap((leader) => {
    const rater = (raterId: string, group: RaterGroup): RaterAssignment => ({
      leaderId: leader.personId,
      raterId,
      group,
    });
    const assignments = [rater(leader.personId, 'self')];
    if (leader.managerId !== '' && ids.has(leader.managerId))
      assignments.push(rater(leader.managerId, 'manager'));
    const teammates = sorted.filter(
      (person) => person.team === leader.team && person.personId !== leader.personId,
    );
    const salespeople = teammates.filter((person) => person.role === 'salesperson');
    for (const coachee of salespeople.filter((person) => person.coachId === leader.personId)) {
      assignments.push(rater(coachee.personId, 'coachee'));
    }
    const peers = [
      ...teammates.filter((person) => person.role === 'consultant_leader'),
      ...salespeople.filter((person) => person.coachId === ''),
      ...salespeople.filter((person) => person.coachId !== '' && person.coachId !== leader.personId),
    ].slice(0, Math.max(0, config.maxPeers));
    for (const peer of peers) assignments.push(rater(peer.personId, 'peer'));
    return assignments;
  });
}

/**
 * Leader ids in batches of at most `batchSize`, ordered by team then person id. A team is kept in
 * one batch unless the team alone exceeds `batchSize`; then it spans consecutive batches.
 */
export function leaderBatches(people: Person[], batchSize: number): string[][] {
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new RangeError(`batchSize must be a positive integer, got ${batchSize}.`);
  }
  const batches: string[][] = [];
  let current: string[] = [];
  const flush = () => {
    if (current.length > 0) batches.push(current);
    current = [];
  };
  for (const team of teamsOfLeaders(people)) {
    if (current.length + team.length > batchSize) flush();
    if (team.length <= batchSize) {
      current.push(...team);
      continue;
    }
    // A team larger than a batch: full batches, and the remainder stays open for the next team.
    for (let start = 0; start < team.length; start += batchSize) {
      flush();
      current = team.slice(start, start + batchSize);
    }
  }
  flush();
  return batches;
}

/** Leader ids grouped by team, teams sorted by name, ids sorted within each team. */
function teamsOfLeaders(people: Person[]): string[][] {
  const teams = new Map<string, string[]>();
  for (const leader of leadersOf(people)) {
    const ids = teams.get(leader.team) ?? [];
    ids.push(leader.personId);
    teams.set(leader.team, ids);
  }
  return [...teams.keys()].sort(compareText).map((team) => teams.get(team) ?? []);
}

/** One manager summary: a manager's leaders of one team, in batches `firstBatch`…`lastBatch`. */
export interface ManagerSummaryGroup {
  managerId: string;
  team: string;
  firstBatch: number;
  lastBatch: number;
  leaderIds: string[];
}

/**
 * The manager summaries of a cycle: one per (manager, team) — a manager of several teams gets one
 * per team — each with the batches that hold its leaders. Teams are consecutive in `batches`
 * (leaderBatches), so the range is short: one batch unless the team alone exceeds a batch. Leaders
 * whose manager is not in the roster have no summary. Ordered by first batch, manager, team.
 */
export function managerSummaryGroups(people: Person[], batches: string[][]): ManagerSummaryGroup[] {
  const byId = new Map(people.map((person) => [person.personId, person]));
  const groups = new Map<string, ManagerSummaryGroup>();
  batches.forEach((leaderIds, batch) => {
    for (const leaderId of leaderIds) {
      const leader = byId.get(leaderId);
      if (leader === undefined || !byId.has(leader.managerId)) continue;
      const key = `${leader.managerId}\u0000${leader.team}`;
      const group = groups.get(key);
      if (group === undefined) {
        groups.set(key, {
          managerId: leader.managerId,
          team: leader.team,
          firstBatch: batch,
          lastBatch: batch,
          leaderIds: [leaderId],
        });
      } else {
        group.lastBatch = batch;
        group.leaderIds.push(leaderId);
      }
    }
  });
  return [...groups.values()].sort(
    (a, b) =>
      a.firstBatch - b.firstBatch || compareText(a.managerId, b.managerId) || compareText(a.team, b.team),
  );
}
