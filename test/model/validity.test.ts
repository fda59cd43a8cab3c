import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type LadderConfig } from '../../functions/core/config.ts';
import type { HistoryEntry, SalesFigure } from '../../functions/core/model.ts';
import { addQuarters } from '../../functions/core/quarter.ts';
import { type PromotionRecord, validityReport } from '../../functions/core/readiness/validity.ts';
import { newTeam } from '../../functions/shared/validity-data.ts';
import { leader, manager, seller } from '../core/people.ts';

const CONFIG: LadderConfig = {
  ...DEFAULT_CONFIG,
  validity: {
    minPromotions: 4,
    quartersBefore: 2,
    quartersAfter: 2,
    minQuartersAfter: 2,
    readinessLookback: 2,
  },
};

const review = (quarter: string, readiness: number | null): HistoryEntry => ({
  quarter,
  readinessScore: readiness,
  coachingScore: null,
  managementScore: null,
  recommendation: 'ready-next-year',
});

/** Attainment ratio per quarter for one person (quota 100). */
const figures = (personId: string, byQuarter: Record<string, number>): SalesFigure[] =>
  Object.entries(byQuarter).map(([quarter, ratio]) => ({
    quarter,
    personId,
    quota: 100,
    attained: ratio * 100,
  }));

describe('validityReport', () => {
  it('compares the new team before and after the move, against everyone else, by hand', () => {
    const report = validityReport(
      {
        promotions: [{ personId: 'a', quarter: '2026-Q1', to: 'manager' }],
        history: new Map([['a', [review('2025-Q3', 60), review('2025-Q4', 72.5), review('2026-Q1', 90)]]]),
        teams: new Map([['a', ['t1', 't2']]]),
        figures: [
          // team: before 0.9 and 1.0 → 0.95; after 1.1 and 1.0 → 1.05: +10 points
          ...figures('t1', { '2025-Q3': 0.9, '2025-Q4': 0.9, '2026-Q2': 1.1, '2026-Q3': 1.1 }),
          ...figures('t2', { '2025-Q3': 1.0, '2025-Q4': 1.0, '2026-Q2': 1.0, '2026-Q3': 1.0 }),
          // the move's own quarter is left out
          ...figures('t1', { '2026-Q1': 0.1 }),
          // everyone else: +4 points over the same quarters
          ...figures('x', { '2025-Q3': 1.0, '2025-Q4': 1.0, '2026-Q2': 1.04, '2026-Q3': 1.04 }),
        ],
      },
      CONFIG,
    );
    expect(report.rows).toEqual([
      {
        personId: 'a',
        quarter: '2026-Q1',
        to: 'manager',
        readinessQuarter: '2025-Q4', // the last review before the move, not the move's quarter
        readiness: 72.5,
        recommendation: 'ready-next-year',
        teamSize: 2,
        quartersAfter: 2,
        teamBefore: 0.95,
        teamAfter: 1.05,
        teamChange: 10,
        othersChange: 4,
        relativeChange: 6,
        status: 'counted',
      },
    ]);
    expect(report.moves).toEqual({ manager: 1, 'other-role': 0, left: 0 });
    expect(report.overall).toEqual({
      n: 1,
      minimum: 4,
      enough: false,
      spearman: null,
      low: null,
      high: null,
    });
  });

  it('names why a move is not counted', () => {
    const promotions: PromotionRecord[] = [
      { personId: 'early', quarter: '2026-Q3', to: 'manager' },
      { personId: 'unreviewed', quarter: '2026-Q1', to: 'manager' },
      { personId: 'teamless', quarter: '2026-Q1', to: 'manager' },
      { personId: 'no-figures', quarter: '2026-Q1', to: 'manager' },
      { personId: 'gone', quarter: '2026-Q1', to: 'left' },
      { personId: 'sideways', quarter: '2026-Q1', to: 'other-role' },
    ];
    const team = (id: string) => [`${id}-t`];
    const quarters = ['2025-Q3', '2025-Q4', '2026-Q2', '2026-Q3', '2026-Q4'];
    const all = Object.fromEntries(quarters.map((q) => [q, 1]));
    const report = validityReport(
      {
        promotions,
        history: new Map(
          promotions.map((p) => [
            p.personId,
            p.personId === 'unreviewed' ? [review('2024-Q1', 80)] : [review(addQuarters(p.quarter, -1), 70)],
          ]),
        ),
        teams: new Map(
          promotions.filter((p) => p.personId !== 'teamless').map((p) => [p.personId, team(p.personId)]),
        ),
        figures: [
          ...figures('early-t', all),
          ...figures('unreviewed-t', all),
          ...figures('no-figures-t', { '2026-Q2': 1, '2026-Q3': 1 }),
        ],
      },
      CONFIG,
    );
    expect(Object.fromEntries(report.rows.map((r) => [r.personId, r.status]))).toEqual({
      unreviewed: 'no-readiness',
      teamless: 'no-team',
      'no-figures': 'no-figures',
      gone: 'not-a-promotion',
      sideways: 'not-a-promotion',
      early: 'too-early',
    });
    expect(report.rows.find((r) => r.personId === 'early')?.quartersAfter).toBe(1);
    expect(report.moves).toEqual({ manager: 4, 'other-role': 1, left: 1 });
    expect(report.overall.n).toBe(0);
  });

  it('gives Spearman with an interval and N from the minimum on', () => {
    // Five promotions whose team change rises with readiness, except one pair swapped.
    const readiness = [50, 60, 70, 80, 90];
    const change = [0.0, 0.03, 0.02, 0.06, 0.09];
    const promotions = readiness.map(
      (_, i): PromotionRecord => ({ personId: `p${i}`, quarter: '2026-Q1', to: 'manager' }),
    );
    const report = validityReport(
      {
        promotions,
        history: new Map(promotions.map((p, i) => [p.personId, [review('2025-Q4', readiness[i] ?? 0)]])),
        teams: new Map(promotions.map((p) => [p.personId, [`${p.personId}-t`]])),
        figures: promotions.flatMap((p, i) =>
          figures(`${p.personId}-t`, {
            '2025-Q3': 1,
            '2025-Q4': 1,
            '2026-Q2': 1 + (change[i] ?? 0),
            '2026-Q3': 1 + (change[i] ?? 0),
          }),
        ),
      },
      CONFIG,
    );
    expect(report.overall.n).toBe(5);
    expect(report.overall.enough).toBe(true);
    // ranks 1..5 against 1,3,2,4,5: 1 − 6·2/(5·24) = 0.9
    expect(report.overall.spearman).toBe(0.9);
    expect(report.overall.low).toBeLessThan(0.9);
    expect(report.overall.high).toBeGreaterThan(0.9);
    expect(report.overall.high).toBeLessThanOrEqual(1);
  });
});

describe('the new team of a promoted leader', () => {
  const people = [
    manager('ben', 'North'),
    leader('cleo', 'North', 'ben'),
    seller('s1', 'North', 'cleo'),
    seller('s2', 'South', 'x'),
  ];
  it('is the team HR named, or the team the roster shows them managing', () => {
    expect(newTeam({ personId: 'ben', quarter: '2026-Q1', to: 'manager' }, people)).toEqual(['cleo', 's1']);
    expect(newTeam({ personId: 'ben', quarter: '2026-Q1', to: 'manager', team: 'South' }, people)).toEqual([
      's2',
    ]);
    // Still a leader in the roster and no team given: unknown.
    expect(newTeam({ personId: 'cleo', quarter: '2026-Q1', to: 'manager' }, people)).toEqual([]);
  });
});
