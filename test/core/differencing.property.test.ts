/**
 * Anonymity across quarters (functions/core/differencing.ts). The leader's reports, compared with
 * each other, must never isolate one coachee or peer (nor any group below the minimum):
 * - the case from the issue: 3 coachees one quarter, the same 3 plus 1 the next;
 * - a property over random memberships and answers in 2–4 quarters, checked with an independent
 *   exact-arithmetic implementation (BigInt elimination over all people, no shortcuts): no linear
 *   combination of the shown sums is supported on fewer than the minimum people;
 * - stable groups lose nothing (the guard does not over-hide).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type Disclosure,
  disclosureOf,
  guardAgainstDifferencing,
  isSafe,
  rank,
} from '../../functions/core/differencing.ts';
import type { Answers, LeaderReport, RaterGroup, RaterResponse } from '../../functions/core/model.ts';
import { competenciesFor, QUESTIONNAIRE_V1 } from '../../functions/core/questionnaire.ts';
import { scoreLeader } from '../../functions/core/readiness/score-leader.ts';

const MIN = 3;

/** Everyone gives the same answers every quarter: the worst case for differencing. */
function answersOf(raterId: string, group: RaterGroup, seed: number, comment = true): Answers {
  const ratings: Answers['ratings'] = {};
  competenciesFor(group).forEach((c, i) => {
    const roll = (seed * 31 + i * 7 + raterId.charCodeAt(0) * 13) % 11;
    ratings[c.id] = roll === 0 ? null : (((roll % 5) + 1) as 1 | 2 | 3 | 4 | 5);
  });
  return {
    ratings,
    comments: comment ? { keep: `keep-${raterId}`, change: `change-${raterId}` } : { keep: '', change: '' },
  };
}

function responses(members: { id: string; group: RaterGroup; seed: number }[]): RaterResponse[] {
  return [
    { raterId: 'self', group: 'self', status: 'answered', answers: answersOf('self', 'self', 1) },
    { raterId: 'boss', group: 'manager', status: 'answered', answers: answersOf('boss', 'manager', 2) },
    ...members.map((m) => ({
      raterId: m.id,
      group: m.group,
      status: 'answered' as const,
      answers: answersOf(m.id, m.group, m.seed),
    })),
  ];
}

/** One quarter through scoring and the guard; returns what the leader sees and the disclosure. */
function publish(quarterResponses: RaterResponse[], earlier: Disclosure[]) {
  const score = scoreLeader({ leaderId: 'L', responses: quarterResponses });
  return guardAgainstDifferencing({
    report: score.report,
    developmentNeeds: score.developmentNeeds,
    responses: quarterResponses,
    earlier,
    minimum: MIN,
  });
}

const shownMeans = (report: LeaderReport, group: string) =>
  Object.entries(report.groups.find((g) => g.group === group)?.competencyMeans ?? {}).filter(
    ([, m]) => m !== null,
  );

// ---------------------------------------------------------------------------------------------
// Independent check: exact rank with BigInt (Bareiss), over every person, subsets below the minimum.

function exactRank(rows: bigint[][]): number {
  const m = rows.map((r) => [...r]);
  const rowCount = m.length;
  const columnCount = m[0]?.length ?? 0;
  let r = 0;
  let previous = 1n;
  for (let c = 0; c < columnCount && r < rowCount; c++) {
    const pivot = m.findIndex((row, i) => i >= r && row[c] !== 0n);
    if (pivot < 0) continue;
    [m[r], m[pivot]] = [m[pivot]!, m[r]!];
    for (let i = r + 1; i < rowCount; i++) {
      for (let j = c + 1; j < columnCount; j++) {
        m[i]![j] = (m[r]![c]! * m[i]![j]! - m[i]![c]! * m[r]![j]!) / previous;
      }
      m[i]![c] = 0n;
    }
    previous = m[r]![c]!;
    r++;
  }
  return r;
}

/** The people subsets below the minimum that some combination of the sums isolates. */
function isolatedGroups(sets: string[][], minimum: number): string[][] {
  const people = [...new Set(sets.flat())].sort();
  if (people.length === 0) return [];
  const matrix = (columns: string[]) => sets.map((set) => columns.map((p) => (set.includes(p) ? 1n : 0n)));
  const full = exactRank(matrix(people));
  const found: string[][] = [];
  const subsets = (start: number, chosen: string[]) => {
    for (let i = start; i < people.length; i++) {
      const next = [...chosen, people[i]!];
      if (next.length >= minimum) continue;
      if (exactRank(matrix(people.filter((p) => !next.includes(p)))) < full) found.push(next);
      subsets(i + 1, next);
    }
  };
  subsets(0, []);
  return found;
}

describe('the case from the issue: 3 coachees, then the same 3 and 1 more', () => {
  const q1 = responses(['A', 'B', 'C'].map((id, i) => ({ id, group: 'coachee' as const, seed: 10 + i })));
  const q2 = responses(
    ['A', 'B', 'C', 'D'].map((id, i) => ({ id, group: 'coachee' as const, seed: 10 + i })),
  );

  it("quarter 1 is shown; quarter 2 withholds what would reveal D's ratings and comments", () => {
    const first = publish(q1, []);
    expect(shownMeans(first.report, 'coachee').length).toBeGreaterThan(0);
    expect(first.withheldMeans).toEqual([]);

    const second = publish(q2, [first.disclosure]);
    // Every coachee item shown in quarter 1 is withheld in quarter 2 (4·m₂ − 3·m₁ would be D's).
    const shownBefore = new Set(shownMeans(first.report, 'coachee').map(([id]) => id));
    for (const [id] of shownMeans(second.report, 'coachee')) expect(shownBefore.has(id), id).toBe(false);
    expect(second.withheldMeans.length).toBe(shownBefore.size);
    // D's comment is nowhere in what the leader gets.
    expect(JSON.stringify(second.report)).not.toContain('keep-D');
    expect(second.withheldComments).toEqual(['coachee']);
    expect(second.report.withheld.join(' ')).toMatch(/changed too little/);
    // Numbers derived from a withheld mean are withheld with it.
    const hidden = new Set(second.withheldMeans.map((w) => w.competency));
    for (const need of second.developmentNeeds) expect(hidden.has(need.id)).toBe(false);
  });

  it('the differencing attack finds nothing: no item has a coachee mean in both reports', () => {
    const first = publish(q1, []);
    const second = publish(q2, [first.disclosure]);
    const one = new Map(shownMeans(first.report, 'coachee'));
    const attack = shownMeans(second.report, 'coachee').filter(([id]) => one.has(id));
    expect(attack).toEqual([]);
  });

  it('without the earlier quarter (first report, or beyond the lookback) nothing is withheld', () => {
    expect(publish(q2, []).withheldMeans).toEqual([]);
  });

  it('a change of at least the minimum (A,B,C → A,B,C,D,E,F) may be shown: D+E+F is a group of 3', () => {
    const first = publish(q1, []);
    const q3 = responses(
      ['A', 'B', 'C', 'D', 'E', 'F'].map((id, i) => ({ id, group: 'coachee' as const, seed: 10 + i })),
    );
    const later = publish(q3, [first.disclosure]);
    expect(later.withheldComments).toEqual([]);
    // Items everyone rated in both quarters stay visible.
    expect(shownMeans(later.report, 'coachee').length).toBeGreaterThan(0);
  });
});

describe('property: across quarters, nothing isolates fewer than the minimum', () => {
  const pool = ['A', 'B', 'C', 'D', 'E', 'F', 'G'];
  const quarter = fc.record({
    coachees: fc.subarray(pool.slice(0, 5)),
    peers: fc.subarray(pool.slice(3)),
    silent: fc.subarray(pool, { maxLength: 2 }),
  });

  it('every item and the comments, with an independent exact check', () => {
    let shown = 0;
    let withheld = 0;
    fc.assert(
      fc.property(fc.array(quarter, { minLength: 2, maxLength: 4 }), (quarters) => {
        const earlier: Disclosure[] = [];
        for (const q of quarters) {
          // A person is a coachee or a peer in a quarter, not both.
          const members = [
            ...q.coachees.map((id) => ({ id, group: 'coachee' as const })),
            ...q.peers.filter((id) => !q.coachees.includes(id)).map((id) => ({ id, group: 'peer' as const })),
          ].filter((m) => !q.silent.includes(m.id));
          const quarterResponses = responses(members.map((m) => ({ ...m, seed: m.id.charCodeAt(0) })));
          const result = publish(quarterResponses, [...earlier]);
          withheld += result.withheldMeans.length + result.withheldComments.length;
          shown += Object.values(result.disclosure.means).flat().length;
          // What is shown is what the disclosure says: one set per shown coachee/peer/others mean.
          for (const group of result.report.groups) {
            if (group.group === 'self' || group.group === 'manager') continue;
            for (const [id, mean] of Object.entries(group.competencyMeans)) {
              if (mean !== null) expect(result.disclosure.means[id]?.length ?? 0).toBeGreaterThan(0);
            }
          }
          expect(disclosureOf(result.report, quarterResponses, MIN)).toEqual(result.disclosure);
          earlier.push(result.disclosure);
        }
        const items = new Set(earlier.flatMap((d) => Object.keys(d.means)));
        for (const item of items) {
          const sets = earlier.flatMap((d) => d.means[item] ?? []);
          expect(isolatedGroups(sets, MIN), item).toEqual([]);
        }
        expect(
          isolatedGroups(
            earlier.flatMap((d) => d.comments),
            MIN,
          ),
        ).toEqual([]);
      }),
      { numRuns: 150 },
    );
    // Not vacuous: plenty was shown, and the guard had to withhold some.
    expect(shown).toBeGreaterThan(100);
    expect(withheld).toBeGreaterThan(10);
  });

  it('a group whose membership never changes loses nothing to the guard', () => {
    fc.assert(
      fc.property(fc.subarray(pool, { minLength: 3 }), fc.integer({ min: 2, max: 4 }), (members, count) => {
        const quarterResponses = responses(members.map((id) => ({ id, group: 'coachee' as const, seed: 3 })));
        const earlier: Disclosure[] = [];
        for (let i = 0; i < count; i++) {
          const result = publish(quarterResponses, earlier);
          expect(result.withheldMeans).toEqual([]);
          expect(result.withheldComments).toEqual([]);
          earlier.push(result.disclosure);
        }
      }),
      { numRuns: 50 },
    );
  });

  it('isSafe agrees with the independent exact check on random set systems', () => {
    const sets = fc.array(fc.subarray(pool, { minLength: 1 }), { minLength: 1, maxLength: 6 });
    fc.assert(
      fc.property(sets, fc.integer({ min: 3, max: 4 }), (system, minimum) => {
        expect(isSafe(system, minimum)).toBe(isolatedGroups(system, minimum).length === 0);
      }),
      { numRuns: 400 },
    );
  });

  it('rank of small 0/1 matrices matches the exact rank', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }), { minLength: 1, maxLength: 6 }),
        (rows) => {
          const numbers = rows.map((r) => r.map((b) => (b ? 1 : 0)));
          expect(rank(numbers)).toBe(exactRank(numbers.map((r) => r.map(BigInt))));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('the questionnaire is covered', () => {
  it('coachee and peer items exist (the guard has something to protect)', () => {
    expect(QUESTIONNAIRE_V1.competencies.some((c) => c.groups.includes('coachee'))).toBe(true);
    expect(QUESTIONNAIRE_V1.competencies.some((c) => c.groups.includes('peer'))).toBe(true);
  });
});
