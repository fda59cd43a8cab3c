/** scoreBatch: the whole model over one batch of teams, as the ScoreBatch handler runs it. */
import { describe, expect, it } from 'vitest';
import type { RaterResponse, SalesFigure } from '../../functions/core/model.ts';
import {
  type BatchLeaderInput,
  figurePeople,
  figureQuarters,
  historyQuarters,
  scoreBatch,
} from '../../functions/core/readiness/batch.ts';
import { answered, entry, many, PLAIN, quarterScores, withStatus } from './fixtures.ts';

const Q = '2026-Q4';
const named = (responses: RaterResponse[], prefix: string) =>
  responses.map((r) => ({ ...r, raterId: `${prefix}${r.raterId}` }));

/** Team t1: leaders a and b share manager m; each has three coachees; one of a's coachees never answered. */
const A: BatchLeaderInput = {
  leaderId: 'a',
  team: 't1',
  responses: [
    answered('a', 'self', 4),
    answered('m', 'manager', 5),
    ...named(many('coachee', 2, 4), 'a-'),
    withStatus('a-coachee3', 'coachee', 'expired'),
    ...named(many('peer', 3, 4), 'b-'),
  ],
};
const B: BatchLeaderInput = {
  leaderId: 'b',
  team: 't1',
  responses: [
    answered('m', 'manager', 5),
    ...named(many('coachee', 3, 3), 'b-'),
    ...named(many('peer', 3, 3), 'x-'),
  ],
};
const C: BatchLeaderInput = {
  leaderId: 'c',
  team: 't2',
  responses: [answered('n', 'manager', 3), ...named(many('coachee', 3, 3), 'c-')],
};

const fig = (personId: string, quarter: string, ratio: number): SalesFigure => ({
  quarter,
  personId,
  quota: 100,
  attained: ratio * 100,
});

describe('scoreBatch', () => {
  it('compares a leader’s coachees with the coachees of the other leaders of the same team only', () => {
    const figures = [
      ...['a-coachee1', 'a-coachee2', 'a-coachee3'].flatMap((id) => [fig(id, Q, 1.3), fig(id, '2026-Q3', 1)]),
      ...['b-coachee1', 'b-coachee2', 'b-coachee3'].flatMap((id) => [fig(id, Q, 1), fig(id, '2026-Q3', 1)]),
      ...['c-coachee1'].flatMap((id) => [fig(id, Q, 0.1), fig(id, '2026-Q3', 1)]),
    ];
    const { scores } = scoreBatch({ quarter: Q, leaders: [A, B, C], figures }, PLAIN);
    const byId = new Map(scores.map((s) => [s.leaderId, s]));
    // a: three coachees (the silent one has figures too) +30 vs b's 0 → 30·3/6·0.5 = +7.5 → cap 5
    expect(byId.get('a')?.sales).toMatchObject({
      coachingImpact: 30,
      coacheesWithFigures: 3,
      comparisonWithFigures: 3,
    });
    expect(byId.get('a')?.sales?.impactPoints).toBe(5);
    expect(byId.get('b')?.sales).toMatchObject({ coachingImpact: -30, impactPoints: -5 });
    // c has no teammates coached by others: no comparison, no adjustment
    expect(byId.get('c')?.sales).toMatchObject({
      coachingImpact: null,
      impactPoints: 0,
      comparisonWithFigures: 0,
    });
  });

  it('calibrates each leader with what their raters said about the other leaders of the batch', () => {
    const { scores, residuals } = scoreBatch({ quarter: Q, leaders: [A, B, C], figures: [] }, PLAIN);
    // on b the manager's 5 sits above b's coachees (3) and peers (3): +2 on the items they share
    expect(residuals.get('m')?.find((r) => r.leaderId === 'b')?.residual).toBe(2);
    const a = scores.find((s) => s.leaderId === 'a');
    expect(a?.calibration?.ratersAdjusted).toBeGreaterThanOrEqual(1);
    expect(a?.calibration?.readinessShift ?? 0).toBeLessThan(0);
    // c shares no rater with a or b: nothing to correct
    expect(scores.find((s) => s.leaderId === 'c')?.calibration).toBeUndefined();
  });

  it('uses each leader’s own history', () => {
    const history = new Map([['a', [entry('2026-Q3', 40, 'develop-in-role', 40, quarterScores(40, 40))]]]);
    const withHistory = scoreBatch({ quarter: Q, leaders: [A, B], history }, PLAIN).scores;
    const without = scoreBatch({ quarter: Q, leaders: [A, B] }, PLAIN).scores;
    expect(withHistory[0]?.readinessScore).toBeLessThan(without[0]?.readinessScore ?? 0);
    expect(withHistory[1]).toEqual(without[1]);
  });

  it('gives the same result whatever the order of leaders, responses and figures', () => {
    const figures = [
      fig('a', Q, 1),
      fig('a-coachee1', Q, 1.2),
      fig('a-coachee1', '2026-Q3', 1),
      fig('b-coachee1', Q, 1),
      fig('b-coachee1', '2026-Q2', 0.9),
    ];
    const one = scoreBatch({ quarter: Q, leaders: [A, B, C], figures }, PLAIN);
    const reversed = (l: BatchLeaderInput) => ({ ...l, responses: [...l.responses].reverse() });
    const two = scoreBatch(
      { quarter: Q, leaders: [C, reversed(B), reversed(A)], figures: [...figures].reverse() },
      PLAIN,
    );
    const sorted = (s: typeof one.scores) => [...s].sort((x, y) => x.leaderId.localeCompare(y.leaderId));
    expect(sorted(two.scores)).toEqual(sorted(one.scores));
    expect(two.residuals).toEqual(one.residuals);
  });
});

describe('what a batch loads', () => {
  it('reads the quarters the history, sustain and retention rules look at', () => {
    expect(historyQuarters(Q, PLAIN)).toEqual(['2026-Q3', '2026-Q2', '2026-Q1']);
    expect(figureQuarters(Q, PLAIN)).toEqual(['2026-Q4', '2026-Q3', '2026-Q2', '2026-Q1', '2025-Q4']);
    expect(figurePeople([A, C])).toEqual([
      'a',
      'a-coachee1',
      'a-coachee2',
      'a-coachee3',
      'c',
      'c-coachee1',
      'c-coachee2',
      'c-coachee3',
    ]);
  });
});
