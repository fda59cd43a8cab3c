import { describe, expect, it } from 'vitest';
import type { LadderConfig } from '../../functions/core/config.ts';
import type { LeaderScore, RaterResponse } from '../../functions/core/model.ts';
import { decideVisibility } from '../../functions/core/readiness/anonymity.ts';
import { scoreLeader } from '../../functions/core/readiness/score-leader.ts';
import { answered, many } from '../core/responses.ts';
import { REFERENCE } from './reference-config.ts';

/** The configured group weights exactly (λ = 0), so the hand calculations below stay simple. */
const BASELINE: LadderConfig = {
  ...REFERENCE,
  weights: { ...REFERENCE.weights, raterNoiseRatio: 0 },
};

const score = (responses: RaterResponse[], config: LadderConfig = BASELINE) =>
  scoreLeader({ leaderId: 'l1', responses }, config);

const competency = (result: LeaderScore, id: string) => result.competencies.find((c) => c.id === id)?.score;

describe('decideVisibility', () => {
  it.each([
    [5, 4, ['coachee', 'peer'], []],
    [5, 0, ['coachee'], []],
    [0, 3, ['peer'], []],
    [2, 1, ['others'], []],
    [5, 1, ['others'], []],
    [2, 0, [], ['coachee']],
    [1, 1, [], ['coachee', 'peer']],
    [0, 0, [], []],
  ])('coachees %i, peers %i → shown %j, withheld %j', (coachees, peers, shown, withheld) => {
    expect(decideVisibility(coachees, peers, 3)).toMatchObject({ shown, withheld });
  });
});

describe('scoreLeader: anonymity in the report', () => {
  it('shows groups that reach the minimum separately, with means and their comments', () => {
    const responses = [
      answered('l1', 'self', 4, {}, { keep: 'my own view' }),
      answered('m1', 'manager', 5, {}, { change: 'delegate more' }),
      answered('s1', 'coachee', 4, {}, { keep: 'zeal', change: '' }),
      answered('s2', 'coachee', 4, {}, { keep: '  Always there  ' }),
      answered('s3', 'coachee', 2, {}, { keep: 'clear plans' }),
      ...many('peer', 3, 3),
    ];
    const report = score(responses).report;
    expect(report.groups.map((g) => [g.group, g.responses])).toEqual([
      ['self', 1],
      ['manager', 1],
      ['coachee', 3],
      ['peer', 3],
    ]);
    const coachees = report.groups[2];
    expect([...(coachees?.comments.keep ?? [])].sort()).toEqual(['Always there', 'clear plans', 'zeal']);
    expect(coachees?.comments.change).toEqual([]);
    expect(coachees?.competencyMeans).toEqual({
      'coaching-questions': 3.33,
      'knowledge-transfer': 3.33,
      motivation: 3.33,
      development: 3.33,
      'deal-strategy': 3.33,
    });
    expect(report.groups[1]?.comments).toEqual({ keep: [], change: ['delegate more'] });
    expect(report.withheld).toEqual([]);
  });

  it('merges coachees and peers into "others" when one group is small but together they reach 3', () => {
    const responses = [
      answered('m1', 'manager', 4),
      answered('s1', 'coachee', 5, {}, { keep: 'coachee one' }),
      answered('s2', 'coachee', 3, {}, { keep: 'coachee two' }),
      answered('p1', 'peer', 4, {}, { change: 'peer one' }),
      answered('p2', 'peer', 2),
    ];
    const result = score(responses);
    const groups = result.report.groups.map((g) => g.group);
    expect(groups).toEqual(['manager', 'others']);
    const others = result.report.groups[1];
    expect(others?.responses).toBe(4);
    // Two coachees and two peers: neither group reaches 3 on its own, so merging them for the scores
    // releases no comment (with two coachees, a leader could often tell who wrote what).
    expect(others?.comments).toEqual({ keep: [], change: [] });
    expect(JSON.stringify(result.report)).not.toMatch(/coachee one|coachee two|peer one/);
    expect(result.report.withheld).toContain(
      'Others (coachees and peers): comments are shown only from a group of at least 3 people on its own, so none are shown this quarter.',
    );
    // knowledge-transfer is rated by all four: (5+3+4+2)/4
    expect(others?.competencyMeans['knowledge-transfer']).toBe(3.5);
    // coaching-questions only by the two coachees: hidden, or it would expose a small group
    expect(others?.competencyMeans['coaching-questions']).toBeNull();
    expect(result.report.withheld).toContain(
      'Coachees and peers are shown together as "others" because one of the groups had fewer than 3 responses.',
    );
    expect(result.report.withheld.join(' ')).toContain('no mean is shown for Coaching questions');
    // the hidden item is not counted in HR's competency score either: only the manager's 4 remains
    expect(competency(result, 'coaching-questions')).toBe(75);
  });

  it('withholds small groups entirely when even together they stay below the minimum', () => {
    const responses = [
      answered('l1', 'self', 5),
      answered('m1', 'manager', 3),
      answered('s1', 'coachee', 1, {}, { keep: 'SECRET-COACHEE' }),
      answered('p1', 'peer', 1, {}, { change: 'SECRET-PEER' }),
    ];
    const result = score(responses);
    expect(result.report.groups.map((g) => g.group)).toEqual(['self', 'manager']);
    expect(JSON.stringify(result)).not.toContain('SECRET');
    expect(result.report.withheld).toEqual([
      'Coachees: 1 response, fewer than the 3 needed to keep answers anonymous, so ratings and comments are not shown.',
      'Peers: 1 response, fewer than the 3 needed to keep answers anonymous, so ratings and comments are not shown.',
    ]);
    // withheld ratings do not count: the same scores as without them
    const without = score(responses.slice(0, 2));
    expect([result.coachingScore, result.managementScore, result.readinessScore]).toEqual([
      without.coachingScore,
      without.managementScore,
      without.readinessScore,
    ]);
    expect(result.responses).toEqual({ self: 1, manager: 1, coachee: 1, peer: 1 });
  });

  it('hides an item mean in a shown group when fewer than 3 people rated it', () => {
    const responses = [
      ...many('peer', 2, 4, { 'stand-in': null }),
      answered('p3', 'peer', 4, { 'stand-in': 1 }),
      answered('m1', 'manager', 4),
    ];
    const result = score(responses);
    const peers = result.report.groups.find((g) => g.group === 'peer');
    expect(peers?.competencyMeans['stand-in']).toBeNull();
    expect(peers?.competencyMeans.firefighting).toBe(4);
    expect(competency(result, 'stand-in')).toBe(75); // the manager's 4 alone; the single peer's 1 is not used
  });

  it('applies a configured minimum above 3, and never goes below 3', () => {
    const responses = [answered('m1', 'manager', 4), ...many('coachee', 4, 4), ...many('peer', 4, 4)];
    const five = score(responses, { ...BASELINE, anonymityMinimum: 5 });
    expect(five.report.groups.map((g) => g.group)).toEqual(['manager', 'others']);
    const one = score([answered('m1', 'manager', 4), ...many('coachee', 2, 4)], {
      ...BASELINE,
      anonymityMinimum: 1,
    });
    expect(one.report.groups.map((g) => g.group)).toEqual(['manager']);
  });
});

describe('scoreLeader: comments never unmask a small group', () => {
  const withComments = (group: 'coachee' | 'peer', count: number) =>
    Array.from({ length: count }, (_, i) =>
      answered(
        `${group}${i + 1}`,
        group,
        4,
        {},
        { keep: `keep ${group} ${i + 1}`, change: `change ${group} ${i + 1}` },
      ),
    );

  it('a merged group shows only the comments of the group that reaches the minimum on its own', () => {
    const result = score([
      answered('m1', 'manager', 4),
      ...withComments('coachee', 4),
      ...withComments('peer', 2),
    ]);
    const others = result.report.groups.find((g) => g.group === 'others');
    expect(others?.responses).toBe(6);
    expect([...(others?.comments.keep ?? [])].sort()).toEqual([
      'keep coachee 1',
      'keep coachee 2',
      'keep coachee 3',
      'keep coachee 4',
    ]);
    expect(JSON.stringify(result)).not.toContain('peer 1');
    expect(JSON.stringify(result)).not.toContain('peer 2');
    expect(result.report.withheld).toContain(
      "Others (coachees and peers): comments are shown only from a group of at least 3 people on its own, so the smaller group's comments are not shown.",
    );
  });

  it('a configured comment minimum above the anonymity minimum withholds comments, not ratings', () => {
    const config = { ...BASELINE, commentMinimum: 4 };
    const result = score(
      [
        answered('m1', 'manager', 4, {}, { keep: 'manager says' }),
        ...withComments('coachee', 3),
        ...withComments('peer', 4),
      ],
      config,
    );
    const coachees = result.report.groups.find((g) => g.group === 'coachee');
    const peers = result.report.groups.find((g) => g.group === 'peer');
    expect(coachees?.competencyMeans.motivation).toBe(4);
    expect(coachees?.comments).toEqual({ keep: [], change: [] });
    expect(peers?.comments.keep).toHaveLength(4);
    expect(result.report.groups.find((g) => g.group === 'manager')?.comments.keep).toEqual(['manager says']);
    expect(result.report.withheld).toEqual([
      'Coachees: comments are shown only from a group of at least 4 people, so none are shown this quarter.',
    ]);
    expect(JSON.stringify(result)).not.toContain('coachee 1');
  });

  it('the note does not depend on whether anyone wrote a comment', () => {
    const silent = score([answered('m1', 'manager', 4), ...many('coachee', 4, 4), ...many('peer', 2, 4)]);
    const talkative = score([
      answered('m1', 'manager', 4),
      ...withComments('coachee', 4),
      ...withComments('peer', 2),
    ]);
    expect(silent.report.withheld).toEqual(talkative.report.withheld);
  });

  it('orders comments by a shuffle seeded per quarter: the same on a re-run, another order another quarter', () => {
    const responses = [answered('m1', 'manager', 4), ...withComments('coachee', 8)];
    const inQuarter = (quarter: string, list = responses) =>
      scoreLeader({ leaderId: 'l1', responses: list, quarter }, BASELINE).report.groups.find(
        (g) => g.group === 'coachee',
      )?.comments.keep ?? [];
    const first = inQuarter('2026-Q3');
    expect(inQuarter('2026-Q3', [...responses].reverse())).toEqual(first);
    expect([...first].sort()).toEqual(
      responses
        .slice(1)
        .map((_, i) => `keep coachee ${i + 1}`)
        .sort(),
    );
    const orders = new Set(
      ['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4', '2027-Q1'].map((q) => inQuarter(q).join('|')),
    );
    expect(orders.size).toBeGreaterThan(3);
    // "keep" and "change" are shuffled independently: one person's two comments do not line up.
    const result = scoreLeader({ leaderId: 'l1', responses, quarter: '2026-Q3' }, BASELINE);
    const coachees = result.report.groups.find((g) => g.group === 'coachee');
    const keepAuthors = coachees?.comments.keep.map((c) => c.split(' ')[2]);
    const changeAuthors = coachees?.comments.change.map((c) => c.split(' ')[2]);
    expect(keepAuthors).not.toEqual(changeAuthors);
  });
});
