/** Self–other gaps, the development plan and the flags. */
import { describe, expect, it } from 'vitest';
import type { LadderConfig } from '../../functions/core/config.ts';
import type { CompetencyScore } from '../../functions/core/model.ts';
import { developmentPlan } from '../../functions/core/readiness/development.ts';
import { selfOtherGaps } from '../../functions/core/readiness/self-other.ts';
import { answered, entry, figures, many, PLAIN, score } from './fixtures.ts';

const Q = '2026-Q4';
const competency = (id: string, score: number | null): CompetencyScore => ({
  id,
  label: id.toUpperCase(),
  score,
});

describe('self–other gaps', () => {
  it('name blind spots and hidden strengths from the threshold on, largest first', () => {
    const self = new Map<string, number | null>([
      ['forecasting', 5],
      ['hiring', 2],
      ['budgeting', 4],
      ['firefighting', 3],
      ['stand-in', null],
    ]);
    const others = [
      competency('hiring', 75), // 4.00: gap −2
      competency('forecasting', 37.5), // 2.50: gap +2.5
      competency('budgeting', 50), // 3.00: gap +1, exactly the threshold
      competency('firefighting', 62.5), // 3.50: gap −0.5
      competency('stand-in', 100),
      competency('territory-targets', null),
    ];
    expect(selfOtherGaps(self, others, PLAIN)).toEqual([
      { id: 'forecasting', label: 'FORECASTING', self: 5, others: 2.5, gap: 2.5, kind: 'blind-spot' },
      { id: 'hiring', label: 'HIRING', self: 2, others: 4, gap: -2, kind: 'hidden-strength' },
      { id: 'budgeting', label: 'BUDGETING', self: 4, others: 3, gap: 1, kind: 'blind-spot' },
    ]);
    const strict: LadderConfig = { ...PLAIN, selfOther: { ...PLAIN.selfOther, threshold: 1.5 } };
    expect(selfOtherGaps(self, others, strict).map((g) => g.id)).toEqual(['forecasting', 'hiring']);
  });

  it('appear in the leader’s report and set the blind-spot flag', () => {
    const result = score([
      answered('l1', 'self', 5, { hiring: 1 }),
      answered('m1', 'manager', 3, { hiring: 4 }),
      ...many('peer', 3, 3),
    ]);
    const gaps = result.report.selfOther ?? [];
    expect(gaps.find((g) => g.id === 'hiring')).toMatchObject({
      kind: 'hidden-strength',
      self: 1,
      others: 4,
      gap: -3,
    });
    expect(gaps.find((g) => g.id === 'forecasting')).toMatchObject({ kind: 'blind-spot', gap: 2 });
    expect(result.flags).toContain('blind-spot');
    const humble = score([answered('l1', 'self', 2), answered('m1', 'manager', 4), ...many('peer', 3, 4)]);
    expect(humble.flags).not.toContain('blind-spot');
    expect(humble.report.selfOther?.every((g) => g.kind === 'hidden-strength')).toBe(true);
  });

  it('flag only a pattern: one or two blind spots alone do not set the flag', () => {
    const one = score([
      answered('l1', 'self', 4, { forecasting: 5, hiring: 5 }),
      answered('m1', 'manager', 4, { forecasting: 3, hiring: 3 }),
      ...many('peer', 3, 4),
    ]);
    expect((one.report.selfOther ?? []).filter((g) => g.kind === 'blind-spot').length).toBeGreaterThan(0);
    expect(one.flags).not.toContain('blind-spot');
  });

  it('ignore coachees and peers withheld for anonymity', () => {
    const base = [answered('l1', 'self', 5), answered('m1', 'manager', 3)];
    const withheld = [...base, answered('s1', 'coachee', 1), answered('p1', 'peer', 5)];
    expect(score(withheld).report.selfOther).toEqual(score(base).report.selfOther);
  });
});

describe('development plan', () => {
  it('maps each development need to the catalogue’s trainings, in catalogue order', () => {
    const plan = developmentPlan(
      [competency('budgeting', 20), competency('forecasting', 40), competency('deal-strategy', 50)],
      PLAIN,
    );
    expect(plan.map((item) => [item.id, item.suggestions.map((s) => s.id)])).toEqual([
      ['budgeting', ['budgets', 'purchasing']],
      ['forecasting', ['forecasting']],
      ['deal-strategy', ['sharing-techniques']],
    ]);
    const empty: LadderConfig = { ...PLAIN, catalogue: [] };
    expect(developmentPlan([competency('hiring', 10)], empty)).toEqual([
      { id: 'hiring', label: 'HIRING', score: 10, suggestions: [] },
    ]);
  });

  it('is part of the leader’s report', () => {
    const result = score([
      answered('m1', 'manager', 5, { forecasting: 1, budgeting: 2 }),
      ...many('peer', 3, 5),
    ]);
    expect(result.report.developmentPlan?.map((item) => item.id)).toEqual(['forecasting', 'budgeting']);
    expect(result.report.developmentPlan?.[1]?.suggestions[1]).toEqual({
      id: 'purchasing',
      title: 'Purchasing training: suppliers, approvals and contracts',
    });
  });
});

describe('flags', () => {
  const BALANCED = [answered('m1', 'manager', 5), ...many('coachee', 4, 4), ...many('peer', 3, 4)];
  const topSeller = { own: figures({ [Q]: 1.2, '2026-Q3': 1.1 }), coachees: [], comparison: [] };

  it('flags retention-risk for a top seller ready-now for three quarters in a row', () => {
    const history = [entry('2026-Q3', 80, 'ready-now'), entry('2026-Q2', 80, 'ready-now')];
    const risk = score(BALANCED, { quarter: Q, history, sales: topSeller });
    expect(risk.recommendation).toBe('ready-now');
    expect(risk.flags).toContain('retention-risk');
    expect(risk.reasons).toContain(
      'Ready now for 3 quarters in a row while selling 115% of quota: a retention risk until a manager role opens.',
    );
    const shortStreak = score(BALANCED, { quarter: Q, history: history.slice(0, 1), sales: topSeller });
    expect(shortStreak.flags).not.toContain('retention-risk');
    const average = score(BALANCED, {
      quarter: Q,
      history,
      sales: { own: figures({ [Q]: 0.95 }), coachees: [], comparison: [] },
    });
    expect(average.recommendation).toBe('ready-now');
    expect(average.flags).not.toContain('retention-risk');
    const unknown = score(BALANCED, { quarter: Q, history });
    expect(unknown.flags).not.toContain('retention-risk');
  });

  it('flags stand-in-ready from the calibrated stand-in competency and the manager’s rating', () => {
    expect(score(BALANCED).flags).toContain('stand-in-ready');
    expect(score(BALANCED, { calibration: { m1: 1, peer1: 1, peer2: 1, peer3: 1 } }).flags).not.toContain(
      'stand-in-ready',
    );
  });
});
