/** Sales figures: own attainment, coaching impact, the revenue check; missing is never zero. */
import { describe, expect, it } from 'vitest';
import {
  assessSales,
  attainmentIn,
  changeAgainstHistory,
  NO_SALES,
} from '../../functions/core/readiness/sales.ts';
import { answered, entry, figures, many, PLAIN, score } from './fixtures.ts';

const Q = '2026-Q4';
const BALANCED = [
  answered('l1', 'self', 3),
  answered('m1', 'manager', 5),
  ...many('coachee', 4, 4),
  ...many('peer', 3, 3),
];
const READY_BEFORE = [entry('2026-Q3', 78, 'ready-next-year', 80)];

describe('attainment', () => {
  it('is attained / quota, and null (never 0) without a usable figure', () => {
    expect(attainmentIn(figures({ [Q]: 0.8 }), Q)).toBe(0.8);
    expect(attainmentIn([], Q)).toBeNull();
    expect(attainmentIn([{ quarter: Q, quota: 0, attained: 10 }], Q)).toBeNull();
    expect(attainmentIn([{ quarter: Q, quota: 100, attained: 0 }], Q)).toBe(0);
  });

  it('changes against the person’s own earlier quarters only when both exist', () => {
    expect(changeAgainstHistory(figures({ [Q]: 1.2, '2026-Q3': 1.0, '2026-Q1': 0.9 }), Q, 4)).toBeCloseTo(
      0.25,
      10,
    );
    expect(changeAgainstHistory(figures({ [Q]: 1.2 }), Q, 4)).toBeNull();
    expect(changeAgainstHistory(figures({ '2026-Q3': 1 }), Q, 4)).toBeNull();
    expect(changeAgainstHistory(figures({ [Q]: 1.2, '2025-Q3': 0.5 }), Q, 4)).toBeNull(); // 5 quarters back
  });
});

describe('assessSales', () => {
  it('averages own attainment over the recent quarters with figures and measures coaching impact (by hand)', () => {
    const summary = assessSales(
      Q,
      {
        own: figures({ [Q]: 0.95, '2026-Q3': 1.05, '2026-Q1': 1.0 }),
        coachees: [
          { personId: 'c1', figures: figures({ [Q]: 1.2, '2026-Q3': 1.0, '2026-Q2': 1.0 }) }, // +0.20
          { personId: 'c2', figures: figures({ [Q]: 0.9, '2026-Q3': 0.9 }) }, // 0
          { personId: 'c3', figures: figures({ '2026-Q3': 0.9 }) }, // no figure now: left out
        ],
        comparison: [
          { personId: 'p1', figures: figures({ [Q]: 1.0, '2026-Q3': 1.0 }) }, // 0
          { personId: 'p2', figures: figures({ [Q]: 1.1, '2026-Q3': 1.0 }) }, // +0.10
        ],
      },
      PLAIN,
    );
    // impact (0.10 − 0.05)·100 = 5.0 points; shrunk 5·2/(2+3) = 2.0; ×0.5 → +1.0 coaching point
    expect(summary).toEqual({
      ownAttainment: 0.95,
      ownRecent: 1,
      ownQuarters: 3,
      coachingImpact: 5,
      impactPoints: 1,
      haloPoints: 0,
      coacheesWithFigures: 2,
      comparisonWithFigures: 2,
    });
  });

  it('caps the coaching adjustment and needs both coachees and a comparison', () => {
    const big = assessSales(
      Q,
      {
        own: [],
        coachees: Array.from({ length: 9 }, (_, i) => ({
          personId: `c${i}`,
          figures: figures({ [Q]: 2, '2026-Q3': 1 }),
        })),
        comparison: [{ personId: 'p', figures: figures({ [Q]: 1, '2026-Q3': 1 }) }],
      },
      PLAIN,
    );
    expect(big.impactPoints).toBe(5);
    const alone = assessSales(
      Q,
      { own: [], coachees: [{ personId: 'c', figures: figures({ [Q]: 2, '2026-Q3': 1 }) }], comparison: [] },
      PLAIN,
    );
    expect(alone).toMatchObject({ coachingImpact: null, impactPoints: 0, coacheesWithFigures: 1 });
    expect(assessSales(undefined, { own: figures({ [Q]: 1 }), coachees: [], comparison: [] }, PLAIN)).toEqual(
      NO_SALES,
    );
  });
});

describe('sales figures in the recommendation', () => {
  const own = (ratios: Record<string, number>) => ({ own: figures(ratios), coachees: [], comparison: [] });

  it('holds back ready-now when own attainment is below the minimum by more than the allowance', () => {
    // 4 quarters at 84 %: allowance 0.10/√4 = 5 points; 84 + 5 < 90
    const low = score(BALANCED, {
      quarter: Q,
      history: READY_BEFORE,
      sales: own({ [Q]: 0.84, '2026-Q3': 0.84, '2026-Q2': 0.84, '2026-Q1': 0.84 }),
    });
    expect(low.recommendation).toBe('ready-next-year');
    expect(low.reasons[0]).toBe(
      'Readiness 80.9 and management 86.8 reach the ready-now bars, but own sales are 84% of quota over 4 quarters: a leader who steps up must keep at least 90%, and this is below it by more than the 5.0-point allowance for a normal swing.',
    );
    const near = score(BALANCED, {
      quarter: Q,
      history: READY_BEFORE,
      sales: own({ [Q]: 0.86, '2026-Q3': 0.86, '2026-Q2': 0.86, '2026-Q1': 0.86 }),
    });
    expect(near.recommendation).toBe('ready-now');
    expect(near.reasons).toContain(
      'Own sales: 86% of quota over 4 quarters, a little under 90% but within a normal quarterly swing.',
    );
  });

  it('does not guess when figures are missing: ready-now stays possible, confidence drops, a reason says so', () => {
    const none = score(BALANCED, { quarter: Q, history: READY_BEFORE, sales: own({}) });
    expect(none.recommendation).toBe('ready-now');
    expect(none.sales).toMatchObject({ ownAttainment: null, ownRecent: null, ownQuarters: 0 });
    expect(none.reasons).toContain(
      "No sales figures for the leader's own quota: the check that stepping up does not cost revenue could not be made.",
    );
    const withFigures = score(BALANCED, { quarter: Q, history: READY_BEFORE, sales: own({ [Q]: 1.1 }) });
    expect(none.readinessScore).toBe(withFigures.readinessScore);
    expect(none.confidence?.readiness.level).toBe(withFigures.confidence?.readiness.level);
    expect(withFigures.confidence?.notes).toEqual([]);
    expect(none.confidence?.notes).toHaveLength(1);
  });

  it('adds coaching impact to the coaching score, and explains it', () => {
    const sales = {
      own: figures({ [Q]: 1 }),
      coachees: ['c1', 'c2', 'c3'].map((personId) => ({
        personId,
        figures: figures({ [Q]: 1.2, '2026-Q3': 1.0 }),
      })),
      comparison: [{ personId: 'p1', figures: figures({ [Q]: 1.0, '2026-Q3': 1.0 }) }],
    };
    const plain = score(BALANCED, { quarter: Q });
    const result = score(BALANCED, { quarter: Q, sales });
    // +20 points of attainment, shrunk 20·3/6 = 10, ×0.5 = +5 (the cap)
    expect(result.sales?.impactPoints).toBe(5);
    expect(result.coachingScore).toBe((plain.coachingScore ?? 0) + 5);
    expect(result.quarterScores?.coaching).toBe(plain.coachingScore);
    expect(result.reasons).toContain(
      "The sales of the leader's coachees moved +20.0 percentage points against teammates coached by others (3 coachees with figures), which moves coaching +5.0.",
    );
  });
});
