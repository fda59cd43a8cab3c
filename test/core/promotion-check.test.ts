/** The checks on a recorded move (pure): every problem at once, worded for the CLI or the console. */
import { describe, expect, it } from 'vitest';
import { checkPromotion, promotionProblemText } from '../../functions/core/promotion-check.ts';

const facts = { currentQuarter: '2027-Q1', reviewed: true, teams: new Set(['North', 'South']) };

describe('checkPromotion', () => {
  it('accepts a move, trimmed, the team only when given', () => {
    expect(checkPromotion({ id: ' c1 ', quarter: '2027-Q1', to: 'manager', team: ' North ' }, facts)).toEqual(
      {
        ok: true,
        record: { personId: 'c1', quarter: '2027-Q1', to: 'manager', team: 'North' },
      },
    );
    expect(checkPromotion({ id: 'c1', quarter: '2026-Q3', to: 'left', team: '' }, facts)).toEqual({
      ok: true,
      record: { personId: 'c1', quarter: '2026-Q3', to: 'left' },
    });
  });

  it('names every problem, each on its field', () => {
    const result = checkPromotion(
      { id: 'x', quarter: '2027-Q2', to: 'boss', team: 'Atlantis' },
      { ...facts, reviewed: false },
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => [p.field, p.code])).toEqual([
      ['quarter', 'future-quarter'],
      ['to', 'bad-move'],
      ['id', 'not-reviewed'],
      ['team', 'unknown-team'],
    ]);
    expect(result.problems.map((p) => promotionProblemText(p, 'cli'))).toEqual([
      '--quarter 2027-Q2 is in the future (this is 2027-Q1): record a move once it has happened.',
      '--to must be one of manager, other-role, left (got "boss")',
      'x has no readiness review on record: only reviewed Consultant Sales Leaders can be recorded.',
      'Team "Atlantis" is not in the roster in force.',
    ]);
    expect(promotionProblemText(result.problems[0]!, 'console')).toBe(
      'Quarter 2027-Q2 is in the future (this is 2027-Q1): record a move once it has happened.',
    );
  });

  it('a team goes only with a promotion to manager; an empty id and a malformed quarter are named', () => {
    const result = checkPromotion({ id: '  ', quarter: 'Q1-2027', to: 'other-role', team: 'North' }, facts);
    expect(result.ok ? [] : result.problems.map((p) => promotionProblemText(p, 'console'))).toEqual([
      'The quarter must look like 2026-Q4 (got "Q1-2027")',
      'The person id must name a person (their person_id in the roster).',
      'A team goes only with a promotion to manager.',
    ]);
  });
});
