/** The readiness model inside scoreLeader: effective weights, confidence, history, decisions. */
import { describe, expect, it } from 'vitest';
import type { LadderConfig } from '../../functions/core/config.ts';
import { pool } from '../../functions/core/readiness/history.ts';
import { effectiveWeights } from '../../functions/core/readiness/weighting.ts';
import { answered, entry, figures, many, PLAIN, quarterScores, score } from './fixtures.ts';
import { REFERENCE } from './reference-config.ts';

/** Self 3, manager 5, four coachees 4, three peers 3 (test/core/scoring.test.ts works it by hand). */
const BALANCED = [
  answered('l1', 'self', 3),
  answered('m1', 'manager', 5),
  ...many('coachee', 4, 4),
  ...many('peer', 3, 3),
];
const SALES_OK = { own: figures({ '2026-Q4': 1.05, '2026-Q3': 1.0 }), coachees: [], comparison: [] };

describe('effective group weights', () => {
  const coaching = [
    { group: 'self' as const, value: 3, weight: 0.05, raters: 1 },
    { group: 'manager' as const, value: 5, weight: 0.2, raters: 1 },
    { group: 'coachee' as const, value: 4, weight: 0.6, raters: 4 },
    { group: 'peer' as const, value: 3, weight: 0.15, raters: 3 },
  ];

  it('are the configured weights with λ = 0', () => {
    expect(effectiveWeights(coaching, 0)).toEqual([0.05, 0.2, 0.6, 0.15]);
  });

  it('keep raters/(raters+λ) of each non-self weight and share the rest by raters (λ = 1, by hand)', () => {
    // kept: self .05, manager .2·½ = .1, coachees .6·⅘ = .48, peers .15·¾ = .1125 → freed .2575 over 8 raters
    const weights = effectiveWeights(coaching, 1);
    const expected = [0.05, 0.1 + 0.2575 / 8, 0.48 + (0.2575 * 4) / 8, 0.1125 + (0.2575 * 3) / 8];
    for (const [i, w] of weights.entries()) expect(w).toBeCloseTo(expected[i] ?? 0, 10);
    expect(weights.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
  });

  it('leave out groups without a value, weight or raters, and renormalise', () => {
    const weights = effectiveWeights(
      [
        { group: 'manager', value: null, weight: 0.7, raters: 1 },
        { group: 'peer', value: 3, weight: 0.2, raters: 0 },
        { group: 'coachee', value: 4, weight: 0, raters: 4 },
        { group: 'self', value: 3, weight: 0.05, raters: 1 },
      ],
      2,
    );
    expect(weights).toEqual([0, 0, 0, 1]);
  });

  it('give a lone manager a smaller say than configured (λ = 2, as configured)', () => {
    const plain = score(BALANCED);
    const shared = score(BALANCED, {}, REFERENCE);
    expect(REFERENCE.weights.raterNoiseRatio).toBe(2);
    // management: manager 5 (1 rater) vs peers 3 (3 raters): sharing moves it toward the peers
    expect(plain.managementScore).toBe(86.8);
    expect(shared.managementScore).toBeLessThan(86.8);
    expect(shared.coachingScore).toBe(70.7); // by hand: 3.8283 → 70.7
  });
});

describe('confidence', () => {
  it('gives a ± margin from responses per group and their spread, and a level', () => {
    // 3 coachees rating 3, 4 and 5: response means 50, 75, 100 (variance 625); pooled with 18² on
    // 2 degrees of freedom: (2·625 + 2·324)/4 = 474.5; /3 responses → 158.2; 1.96·√158.2 = 24.6
    const spread = score(
      [answered('s1', 'coachee', 3), answered('s2', 'coachee', 4), answered('s3', 'coachee', 5)],
      {
        quarter: '2026-Q4',
        sales: SALES_OK,
      },
    );
    expect(spread.confidence?.readiness).toEqual({ margin: 24.6, level: 'low' });
    expect(spread.confidence?.groups).toEqual([{ group: 'coachee', responses: 3, spread: 25 }]);
    // the same three agreeing: (0 + 2·324)/4 = 162; /3 → 54; 1.96·√54 = 14.4
    const agree = score(many('coachee', 3, 4), { quarter: '2026-Q4', sales: SALES_OK });
    expect(agree.confidence?.readiness).toEqual({ margin: 14.4, level: 'medium' });
    expect(agree.confidence?.level).toBe('medium');
    expect(agree.confidence?.management).toEqual({ margin: null, level: 'none' });
  });

  it('is one level lower without the leader’s own sales figures, and says so', () => {
    const agree = score(many('coachee', 3, 4));
    expect(agree.confidence?.readiness.level).toBe('medium');
    expect(agree.confidence?.level).toBe('low');
    expect(agree.confidence?.notes[0]).toContain('No sales figures');
  });

  it('makes a recommendation impossible when this quarter’s margin is too wide', () => {
    const wide: LadderConfig = { ...PLAIN, confidence: { ...PLAIN.confidence, maxMargin: 20 } };
    const result = score(
      [answered('s1', 'coachee', 3), answered('s2', 'coachee', 4), answered('s3', 'coachee', 5)],
      {},
      wide,
    );
    expect(result.readinessScore).toBe(75);
    expect(result.recommendation).toBe('insufficient-evidence');
    expect(result.reasons[0]).toBe(
      'The answers this quarter were too few or too far apart to be sure: readiness could be off by up to 25 points, and a recommendation needs 20 or better.',
    );
  });

  it('is narrower with earlier quarters pooled in', () => {
    const alone = score(BALANCED, { quarter: '2026-Q4' });
    const pooled = score(BALANCED, {
      quarter: '2026-Q4',
      history: [entry('2026-Q3', 80, 'ready-next-year', 86, quarterScores(75, 86.8, 45))],
    });
    expect(pooled.confidence?.readiness.margin ?? 99).toBeLessThan(alone.confidence?.readiness.margin ?? 0);
    expect(pooled.confidence?.quarterMargin).toBe(alone.confidence?.quarterMargin);
  });
});

describe('history', () => {
  const previous = quarterScores(65, 75, 40);

  it('pools each area with earlier quarters, weighted by evidence and age', () => {
    // pool by hand: 80 (variance 50, now) and 70 (variance 50, a quarter old, drift 5²):
    // (80/50 + 70/75) / (1/50 + 1/75) = 76
    const pooled = pool(
      [
        { age: 0, value: 80, variance: 50, marginVariance: 50 },
        { age: 1, value: 70, variance: 50, marginVariance: 50 },
      ],
      5,
    );
    expect(pooled?.value).toBeCloseTo(76, 10);
    expect(pooled?.currentShare).toBeCloseTo(0.6, 10);

    const result = score(BALANCED, {
      quarter: '2026-Q4',
      history: [entry('2026-Q3', 70, 'ready-next-year', 75, previous)],
    });
    const q = result.quarterScores!;
    expect([q.coaching, q.management, q.readiness]).toEqual([75, 86.8, 80.9]);
    const coaching = pool(
      [
        { age: 0, value: 75, variance: q.coachingVariance!, marginVariance: 0 },
        { age: 1, value: 65, variance: 40, marginVariance: 0 },
      ],
      5,
    );
    expect(result.coachingScore).toBe(Math.round((coaching?.value ?? 0) * 10) / 10);
    expect(result.readinessScore).toBe(
      Math.round(((result.coachingScore ?? 0) + (result.managementScore ?? 0)) * 5) / 10,
    );
    expect(result.reasons).toContain(
      'The scores combine this quarter (readiness 80.9 on its own) with 1 earlier quarter; this quarter counts for 43%.',
    );
  });

  it('ignores quarters outside the window, the current one, later ones and entries without quarter scores', () => {
    const alone = score(BALANCED, { quarter: '2026-Q4' });
    const ignored = score(BALANCED, {
      quarter: '2026-Q4',
      history: [
        entry('2025-Q4', 10, 'develop-in-role', 10, quarterScores(10, 10)), // 4 quarters back: outside
        entry('2026-Q4', 10, 'develop-in-role', 10, quarterScores(10, 10)),
        entry('2027-Q1', 10, 'develop-in-role', 10, quarterScores(10, 10)),
        entry('2026-Q3', 10, 'develop-in-role', 10), // written before the model: trend only
      ],
    });
    expect([ignored.coachingScore, ignored.managementScore, ignored.readinessScore]).toEqual([
      alone.coachingScore,
      alone.managementScore,
      alone.readinessScore,
    ]);
    expect(ignored.trend?.points.map((p) => p.quarter)).toEqual(['2026-Q3', '2026-Q4']);
  });

  it('shows the trend over the last four quarters, each quarter on its own', () => {
    const rising = score(BALANCED, {
      quarter: '2026-Q4',
      history: [
        entry('2026-Q1', 60, 'develop-in-role', 60, quarterScores(60, 60)),
        entry('2026-Q2', 66, 'ready-next-year', 66, quarterScores(66, 66)),
        entry('2026-Q3', 72, 'ready-next-year', 72, quarterScores(72, 72)),
        entry('2025-Q4', 10, 'develop-in-role', 10, quarterScores(10, 10)),
      ],
    });
    expect(rising.trend?.points).toEqual([
      { quarter: '2026-Q1', readiness: 60 },
      { quarter: '2026-Q2', readiness: 66 },
      { quarter: '2026-Q3', readiness: 72 },
      { quarter: '2026-Q4', readiness: 80.9 },
    ]);
    // least squares over x = 0..3: slope = Σ(x−1.5)(y−ȳ)/Σ(x−1.5)² = 34.35/5 = 6.87 → 6.9
    expect(rising.trend).toMatchObject({ direction: 'rising', slope: 6.9 });
    const flat = score(BALANCED, {
      quarter: '2026-Q4',
      history: [entry('2026-Q2', 80, 'ready-now'), entry('2026-Q3', 82, 'ready-now')],
    });
    expect(flat.trend).toMatchObject({ direction: 'stable', slope: 0.5 });
    expect(score(BALANCED, { quarter: '2026-Q4' }).trend).toMatchObject({
      direction: 'unclear',
      slope: null,
    });
  });

  it('needs two consecutive quarters at the bars for ready-now, exactly', () => {
    const before = score(BALANCED, {
      quarter: '2026-Q4',
      history: [entry('2026-Q3', 75, 'ready-next-year', 70)],
    });
    expect(before.recommendation).toBe('ready-now');
    expect(before.reasons[0]).toBe(
      'Ready now: readiness 80.9 and management 86.8 are at or above the bars of 75 and 70, as they were in 2026-Q3 (75.0 and 70.0).',
    );
    // Within 5 points below the bars is not at the bars: one quarter at them is never enough.
    const near = score(BALANCED, {
      quarter: '2026-Q4',
      history: [entry('2026-Q3', 74.9, 'ready-next-year', 80)],
    });
    expect(near.recommendation).toBe('ready-next-year');
    const lowManagement = score(BALANCED, {
      quarter: '2026-Q4',
      history: [entry('2026-Q3', 80, 'ready-next-year', 69.9)],
    });
    expect(lowManagement.recommendation).toBe('ready-next-year');
    const thin = score(BALANCED, {
      quarter: '2026-Q4',
      history: [entry('2026-Q3', 90, 'insufficient-evidence')],
    });
    expect(thin.recommendation).toBe('ready-next-year');
    const gap = score(BALANCED, { quarter: '2026-Q4', history: [entry('2026-Q2', 90, 'ready-now')] });
    expect(gap.recommendation).toBe('ready-next-year');
  });

  it('keeps ready-now while readiness and management stay within the band', () => {
    // coaching (0.6·4 + 0.15·3 + 0.2·4)/0.95 → 71.1; management (0.2·3 + 0.7·4)/0.9 → 69.4; readiness 70.3
    const responses = [answered('m1', 'manager', 4), ...many('coachee', 3, 4), ...many('peer', 3, 3)];
    const kept = score(responses, { quarter: '2026-Q4', history: [entry('2026-Q3', 78, 'ready-now')] });
    expect(kept.readinessScore).toBe(70.3);
    expect(kept.recommendation).toBe('ready-now');
    expect(kept.reasons[0]).toBe(
      'Still ready now: readiness 70.3 and management 69.4 stay within 5 points of the bars (75 and 70), and the leader was ready now in 2026-Q3.',
    );
    const fresh = score(responses, {
      quarter: '2026-Q4',
      history: [entry('2026-Q3', 78, 'ready-next-year')],
    });
    expect(fresh.recommendation).toBe('ready-next-year');
    const dropped = score([answered('m1', 'manager', 4), ...many('coachee', 3, 4), ...many('peer', 3, 2)], {
      quarter: '2026-Q4',
      history: [entry('2026-Q3', 78, 'ready-now')],
    });
    expect(dropped.readinessScore).toBeLessThan(70);
    expect(dropped.recommendation).toBe('ready-next-year');
  });
});
