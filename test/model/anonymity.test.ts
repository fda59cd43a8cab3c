import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type LadderConfig } from '../../functions/core/config.ts';
import type { LeaderScore, RaterResponse } from '../../functions/core/model.ts';
import { decideVisibility } from '../../functions/core/readiness/anonymity.ts';
import { scoreLeader } from '../../functions/core/readiness/score-leader.ts';
import { answered, many } from '../core/responses.ts';

/** The configured group weights exactly (λ = 0), so the hand calculations below stay simple. */
const BASELINE: LadderConfig = {
  ...DEFAULT_CONFIG,
  weights: { ...DEFAULT_CONFIG.weights, raterNoiseRatio: 0 },
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
  it('shows groups that reach the minimum separately, with means and sorted comments', () => {
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
    expect(coachees?.comments).toEqual({ keep: ['Always there', 'clear plans', 'zeal'], change: [] });
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
    expect(others?.comments).toEqual({ keep: ['coachee one', 'coachee two'], change: ['peer one'] });
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
