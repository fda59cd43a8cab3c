/**
 * A synthetic roster in which every consultant leader has exactly 12 raters under the rules of
 * functions/core/raters.ts (maxPeers = 4): teams of one manager, two leaders and twelve sellers, six
 * coached by each leader. A leader's raters: self, the manager, six coachees, and four peers (the
 * other leader, then the first three sellers the other leader coaches).
 */
import { DEFAULT_CONFIG } from '../functions/core/config.ts';
import type { Person } from '../functions/core/model.ts';
import { assignRaters, leaderBatches } from '../functions/core/raters.ts';

export const LEADERS_PER_TEAM = 2;
export const SELLERS_PER_LEADER = 6;
export const RATERS_PER_LEADER = 12;

const pad = (n: number) => String(n).padStart(5, '0');

/** A roster with `leaders` consultant leaders (rounded up to a whole number of teams). */
export function syntheticRoster(leaders: number): Person[] {
  const teams = Math.ceil(leaders / LEADERS_PER_TEAM);
  const people: Person[] = [];
  for (let t = 1; t <= teams; t++) {
    const team = `Team ${pad(t)}`;
    const prefix = `t${pad(t)}`;
    const person = (
      suffix: string,
      name: string,
      role: Person['role'],
      managerId: string,
      coachId: string,
    ) => {
      const personId = `${prefix}-${suffix}`;
      people.push({
        personId,
        name,
        email: `${personId}@bench.ladder.example`,
        role,
        team,
        managerId,
        coachId,
      });
      return personId;
    };
    const manager = person('m', `Manager ${pad(t)}`, 'manager', '', '');
    for (let l = 1; l <= LEADERS_PER_TEAM; l++) {
      const leader = person(`l${l}`, `Leader ${pad(t)}-${l}`, 'consultant_leader', manager, '');
      for (let s = 1; s <= SELLERS_PER_LEADER; s++) {
        const n = (l - 1) * SELLERS_PER_LEADER + s;
        person(`s${String(n).padStart(2, '0')}`, `Seller ${pad(t)}-${n}`, 'salesperson', manager, leader);
      }
    }
  }
  return people;
}

/** Checks the roster gives every leader exactly RATERS_PER_LEADER raters; returns the request count. */
export function checkRoster(people: Person[]): { leaders: number; requests: number; batches: number } {
  const assignments = assignRaters(people, DEFAULT_CONFIG);
  const perLeader = new Map<string, number>();
  for (const a of assignments) perLeader.set(a.leaderId, (perLeader.get(a.leaderId) ?? 0) + 1);
  for (const [leaderId, count] of perLeader) {
    if (count !== RATERS_PER_LEADER)
      throw new Error(`Synthetic roster: ${leaderId} has ${count} raters, not ${RATERS_PER_LEADER}`);
  }
  return {
    leaders: perLeader.size,
    requests: assignments.length,
    batches: leaderBatches(people, DEFAULT_CONFIG.batchSize).length,
  };
}
