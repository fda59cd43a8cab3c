import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../functions/core/config.ts';
import type { Person } from '../../functions/core/model.ts';
import {
  assignRaters,
  leaderBatches,
  managerSummaryGroups,
  type RaterAssignment,
} from '../../functions/core/raters.ts';
import { leader, manager, seller } from './people.ts';

const NORTH: Person[] = [
  seller('s4', 'North', 'l2'),
  leader('l2', 'North', 'm1'),
  seller('s1', 'North', 'l1'),
  manager('m1', 'North'),
  leader('l1', 'North', 'm1'),
  seller('s3', 'North', 'l2'),
  seller('s2', 'North', 'l1'),
  seller('s5', 'North', 'l2'),
  seller('s6', 'North', 'l2'),
];

const of = (assignments: RaterAssignment[], leaderId: string) =>
  assignments.filter((a) => a.leaderId === leaderId).map((a) => `${a.group}:${a.raterId}`);

describe('assignRaters', () => {
  it('assigns self, manager, coachees, then peers (other leaders first), leaders sorted by id', () => {
    const assignments = assignRaters(NORTH);
    expect([...new Set(assignments.map((a) => a.leaderId))]).toEqual(['l1', 'l2']);
    expect(of(assignments, 'l1')).toEqual([
      'self:l1',
      'manager:m1',
      'coachee:s1',
      'coachee:s2',
      'peer:l2',
      'peer:s3',
      'peer:s4',
      'peer:s5',
    ]);
    expect(of(assignments, 'l2')).toEqual([
      'self:l2',
      'manager:m1',
      'coachee:s3',
      'coachee:s4',
      'coachee:s5',
      'coachee:s6',
      'peer:l1',
      'peer:s1',
      'peer:s2',
    ]);
  });

  it('caps peers at config.maxPeers', () => {
    const assignments = assignRaters(NORTH, { ...DEFAULT_CONFIG, maxPeers: 2 });
    expect(of(assignments, 'l1').filter((r) => r.startsWith('peer:'))).toEqual(['peer:l2', 'peer:s3']);
    expect(of(assignments, 'l2').filter((r) => r.startsWith('peer:'))).toEqual(['peer:l1', 'peer:s1']);
    const none = assignRaters(NORTH, { ...DEFAULT_CONFIG, maxPeers: 0 });
    expect(none.some((a) => a.group === 'peer')).toBe(false);
  });

  it('never takes peers or coachees from another team, and skips a manager missing from the roster', () => {
    const people = [...NORTH, leader('l9', 'South', 'm404'), seller('s9', 'South', 'l9')];
    const assignments = assignRaters(people);
    expect(of(assignments, 'l9')).toEqual(['self:l9', 'coachee:s9']);
    expect(of(assignments, 'l1')).not.toContain('peer:s9');
  });

  it('does not depend on the order of the roster', () => {
    fc.assert(
      fc.property(fc.shuffledSubarray(NORTH, { minLength: NORTH.length }), (shuffled) => {
        expect(assignRaters(shuffled)).toEqual(assignRaters(NORTH));
      }),
    );
  });

  it('sellers their manager coaches come right after the other leaders among the peers', () => {
    const people = [...NORTH, seller('u2', 'North', ''), seller('u1', 'North', '')];
    expect(of(assignRaters(people), 'l1')).toEqual([
      'self:l1',
      'manager:m1',
      'coachee:s1',
      'coachee:s2',
      'peer:l2',
      'peer:u1',
      'peer:u2',
      'peer:s3',
    ]);
    // A team with one leader and no coachees: the manager's sellers are its peers.
    const solo = [
      manager('m', 'Solo'),
      leader('l', 'Solo', 'm'),
      seller('a', 'Solo', ''),
      seller('b', 'Solo', ''),
    ];
    expect(of(assignRaters(solo), 'l')).toEqual(['self:l', 'manager:m', 'peer:a', 'peer:b']);
  });

  it('never assigns a rater twice to the same leader', () => {
    const assignments = assignRaters(NORTH, { ...DEFAULT_CONFIG, maxPeers: 100 });
    const keys = assignments.map((a) => `${a.leaderId}/${a.raterId}`);
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe('leaderBatches', () => {
  const roster: Person[] = [
    leader('b2', 'Beta', 'mb'),
    leader('a1', 'Alpha', 'ma'),
    leader('c1', 'Gamma', 'mc'),
    leader('b1', 'Beta', 'mb'),
    leader('a2', 'Alpha', 'ma'),
    leader('b3', 'Beta', 'mb'),
    seller('x1', 'Alpha', 'a1'),
  ];

  it('orders by team then id and keeps teams together', () => {
    expect(leaderBatches(roster, 4)).toEqual([
      ['a1', 'a2'],
      ['b1', 'b2', 'b3', 'c1'],
    ]);
    expect(leaderBatches(roster, 5)).toEqual([['a1', 'a2', 'b1', 'b2', 'b3'], ['c1']]);
    expect(leaderBatches(roster, 100)).toEqual([['a1', 'a2', 'b1', 'b2', 'b3', 'c1']]);
  });

  it('splits a team only when it alone exceeds the batch size', () => {
    expect(leaderBatches(roster, 2)).toEqual([
      ['a1', 'a2'],
      ['b1', 'b2'],
      ['b3', 'c1'],
    ]);
    expect(leaderBatches(roster, 1)).toEqual([['a1'], ['a2'], ['b1'], ['b2'], ['b3'], ['c1']]);
  });

  it('returns no batches for a roster without leaders and rejects a bad batch size', () => {
    expect(leaderBatches([manager('m1', 'A')], 10)).toEqual([]);
    expect(() => leaderBatches(roster, 0)).toThrow(RangeError);
    expect(() => leaderBatches(roster, 1.5)).toThrow(RangeError);
  });

  it('holds every leader exactly once, within the size, teams unsplit when they fit', () => {
    const rosterArb = fc.array(
      fc.record({ id: fc.integer({ min: 0, max: 999 }), team: fc.constantFrom('A', 'B', 'C', 'D', 'E') }),
      { maxLength: 60 },
    );
    fc.assert(
      fc.property(rosterArb, fc.integer({ min: 1, max: 12 }), (rows, size) => {
        const unique = [...new Map(rows.map((r) => [`l${r.id}`, r.team])).entries()];
        const people = unique.map(([id, team]) => leader(id, team, 'm'));
        const batches = leaderBatches(people, size);
        expect(batches.flat().sort()).toEqual(unique.map(([id]) => id).sort());
        for (const batch of batches) expect(batch.length).toBeGreaterThan(0);
        for (const batch of batches) expect(batch.length).toBeLessThanOrEqual(size);
        const teamOf = new Map(unique);
        for (const team of new Set(teamOf.values())) {
          const members = unique.filter(([, t]) => t === team).length;
          const holding = batches.filter((b) => b.some((id) => teamOf.get(id) === team)).length;
          if (members <= size) expect(holding).toBe(1);
          else expect(holding).toBe(Math.ceil(members / size));
        }
        expect(leaderBatches([...people].reverse(), size)).toEqual(batches);
      }),
    );
  });
});

describe('managerSummaryGroups', () => {
  it('one summary per manager and team, with the batches holding its leaders', () => {
    const people: Person[] = [
      manager('m1', 'North'),
      ...['n1', 'n2'].map((id) => leader(id, 'North', 'm1')),
      ...['s01', 's02', 's03', 's04', 's05'].map((id) => leader(id, 'South', 'm1')), // m1 manages South too
      leader('s06', 'South', 'm2'), // a second manager in South
      manager('m2', 'South'),
      leader('x1', 'West', 'nobody'), // manager not in the roster: no summary
    ];
    const batches = leaderBatches(people, 2);
    expect(batches).toEqual([['n1', 'n2'], ['s01', 's02'], ['s03', 's04'], ['s05', 's06'], ['x1']]);
    expect(managerSummaryGroups(people, batches)).toEqual([
      { managerId: 'm1', team: 'North', firstBatch: 0, lastBatch: 0, leaderIds: ['n1', 'n2'] },
      {
        managerId: 'm1',
        team: 'South',
        firstBatch: 1,
        lastBatch: 3,
        leaderIds: ['s01', 's02', 's03', 's04', 's05'],
      },
      { managerId: 'm2', team: 'South', firstBatch: 3, lastBatch: 3, leaderIds: ['s06'] },
    ]);
  });

  it('covers every leader with a manager exactly once, whatever the batch size', () => {
    const rosterArb = fc.array(
      fc.record({
        id: fc.integer({ min: 0, max: 300 }),
        team: fc.constantFrom('A', 'B', 'C'),
        manager: fc.constantFrom('ma', 'mb', 'gone'),
      }),
      { maxLength: 80 },
    );
    fc.assert(
      fc.property(rosterArb, fc.integer({ min: 1, max: 10 }), (rows, size) => {
        const leaders = [...new Map(rows.map((r) => [`l${r.id}`, r])).entries()].map(([id, r]) =>
          leader(id, r.team, r.manager),
        );
        const people = [...leaders, manager('ma', 'A'), manager('mb', 'B')];
        const batches = leaderBatches(people, size);
        const groups = managerSummaryGroups(people, batches);
        const covered = groups.flatMap((g) => g.leaderIds).sort();
        expect(covered).toEqual(
          leaders
            .filter((l) => l.managerId !== 'gone')
            .map((l) => l.personId)
            .sort(),
        );
        for (const group of groups) {
          const holding = batches.flatMap((batch, index) =>
            batch.some((id) => group.leaderIds.includes(id)) ? [index] : [],
          );
          expect([Math.min(...holding), Math.max(...holding)]).toEqual([group.firstBatch, group.lastBatch]);
        }
        expect(new Set(groups.map((g) => `${g.managerId}/${g.team}`)).size).toBe(groups.length);
      }),
    );
  });
});
