import { describe, expect, it } from 'vitest';
import type { LadderConfig } from '../../functions/core/config.ts';
import type { HistoryEntry, LeaderScore, RaterResponse } from '../../functions/core/model.ts';
import { scoreLeader } from '../../functions/core/readiness/score-leader.ts';
import { answered, many, withStatus } from '../core/responses.ts';
import { REFERENCE } from './reference-config.ts';

/**
 * The configured group weights exactly (no reliability sharing, λ = 0), so the hand calculations
 * below stay simple; test/model/ covers λ > 0.
 */
const BASELINE: LadderConfig = {
  ...REFERENCE,
  weights: { ...REFERENCE.weights, raterNoiseRatio: 0 },
};

const score = (responses: RaterResponse[], config: LadderConfig = BASELINE) =>
  scoreLeader({ leaderId: 'l1', responses }, config);

/** The previous quarter at the ready-now bars (held back then): ready-now needs two in a row. */
const READY_BEFORE: HistoryEntry[] = [
  {
    quarter: '2026-Q3',
    readinessScore: 78,
    coachingScore: 76,
    managementScore: 80,
    recommendation: 'ready-next-year',
  },
];

const scoreSustained = (responses: RaterResponse[], config: LadderConfig = BASELINE) =>
  scoreLeader({ leaderId: 'l1', responses, quarter: '2026-Q4', history: READY_BEFORE }, config);

const competency = (result: LeaderScore, id: string) => result.competencies.find((c) => c.id === id)?.score;

/**
 * Self 3, manager 5, four coachees 4, three peers 3 everywhere. By hand (configured weights, λ = 0):
 * coaching   = (0.6·4 + 0.15·3 + 0.2·5 + 0.05·3) / 1.0 = 4.0          → 75.0
 * management = (0.2·3 + 0.7·5 + 0.05·3) / 0.95 = 4.4737 (no coachees) → 86.8
 * readiness  = 0.5·75.0 + 0.5·86.8 = 80.9
 */
const BALANCED = [
  answered('l1', 'self', 3),
  answered('m1', 'manager', 5),
  ...many('coachee', 4, 4),
  ...many('peer', 3, 3),
];

describe('scoreLeader: scores', () => {
  it('computes coaching, management and readiness as documented', () => {
    const result = score(BALANCED);
    expect(result.coachingScore).toBe(75);
    expect(result.managementScore).toBe(86.8);
    expect(result.readinessScore).toBe(80.9);
    expect(result.responses).toEqual({ self: 1, manager: 1, coachee: 4, peer: 3 });
  });

  it('scores each competency over groups other than self, weighted by area', () => {
    const result = score(BALANCED);
    expect(competency(result, 'coaching-questions')).toBe(81.3); // (0.6·4 + 0.2·5)/0.8 = 4.25
    expect(competency(result, 'knowledge-transfer')).toBe(70); // (0.6·4 + 0.15·3)/0.75 = 3.8
    expect(competency(result, 'hiring')).toBe(100); // manager only
    expect(competency(result, 'territory-targets')).toBe(88.9); // (0.2·3 + 0.7·5)/0.9
    expect(result.competencies.map((c) => c.id)).toHaveLength(13);
    expect(result.competencies[7]).toEqual({ id: 'forecasting', label: 'Forecasting', score: 100 });
  });

  it('leaves a competency null when only self rated it', () => {
    const result = score([answered('l1', 'self', 5), answered('m1', 'manager', 4, { budgeting: null })]);
    expect(competency(result, 'budgeting')).toBeNull();
    expect(competency(result, 'hiring')).toBe(75);
  });

  it('maps a mean of 1 to 0 and 5 to 100', () => {
    expect(
      score([answered('l1', 'self', 1), answered('m1', 'manager', 1), ...many('coachee', 3, 1)])
        .coachingScore,
    ).toBe(0);
    expect(score([answered('m1', 'manager', 5), ...many('peer', 3, 5)]).managementScore).toBe(100);
  });

  it('renormalises readiness when one area has no ratings', () => {
    const result = score([...many('coachee', 3, 4)]);
    expect(result.managementScore).toBeNull();
    expect(result.coachingScore).toBe(75);
    expect(result.readinessScore).toBe(75);
  });

  it('has no scores when nothing was answered', () => {
    const result = score([withStatus('m1', 'manager', 'expired'), withStatus('s1', 'coachee', 'declined')]);
    expect(result).toMatchObject({
      coachingScore: null,
      managementScore: null,
      readinessScore: null,
      recommendation: 'insufficient-evidence',
      declined: 1,
      expired: 1,
      responses: { self: 0, manager: 0, coachee: 0, peer: 0 },
      developmentNeeds: [],
      flags: [],
    });
  });

  it('counts declined and expired responses but not their (absent) ratings', () => {
    const result = score([
      ...BALANCED,
      withStatus('s8', 'coachee', 'declined'),
      withStatus('s9', 'coachee', 'expired'),
      withStatus('p9', 'peer', 'expired'),
    ]);
    expect(result).toMatchObject({ declined: 1, expired: 2, readinessScore: 80.9 });
    expect(result.responses.coachee).toBe(4);
  });

  it('ignores ratings of items the group is not asked', () => {
    const sneaky = answered('s1', 'coachee', 4);
    if (sneaky.answers) sneaky.answers.ratings.forecasting = 1;
    const result = score([sneaky, ...many('coachee', 2, 4), answered('m1', 'manager', 5)]);
    expect(competency(result, 'forecasting')).toBe(100);
  });

  it('stamps the config and questionnaire versions', () => {
    const result = score(BALANCED, { ...BASELINE, version: 'test-7' });
    expect(result.configVersion).toBe('test-7');
    expect(result.questionnaireVersion).toBe(1);
    expect(result.leaderId).toBe('l1');
  });
});

describe('scoreLeader: recommendation', () => {
  it('is ready-now with checkable reasons when the previous quarter was at the bars too', () => {
    const result = scoreSustained(BALANCED);
    expect(result.recommendation).toBe('ready-now');
    expect(result.reasons).toEqual([
      'Ready now: readiness 80.9 and management 86.8 are at or above the bars of 75 and 70, as they were in 2026-Q3 (78.0 and 80.0).',
      'Coaching 75.0 includes the answers of 4 coachees.',
      "No sales figures for the leader's own quota: the check that stepping up does not cost revenue could not be made.",
    ]);
  });

  it('holds back ready-now after a single quarter at the bars', () => {
    const result = scoreLeader(
      { leaderId: 'l1', responses: BALANCED, quarter: '2026-Q4', history: [] },
      BASELINE,
    );
    expect(result.readinessScore).toBe(80.9);
    expect(result.recommendation).toBe('ready-next-year');
    expect(result.reasons[0]).toBe(
      'Readiness 80.9 and management 86.8 reach the ready-now bars this quarter, but ready now needs 2 quarters in a row at the bars, and there is no result for 2026-Q3.',
    );
  });

  it('is insufficient-evidence with fewer than 3 responses from others', () => {
    const result = score([answered('l1', 'self', 5), answered('m1', 'manager', 5), ...many('peer', 1, 5)]);
    // the single peer is withheld, so only the manager counts
    expect(result.recommendation).toBe('insufficient-evidence');
    expect(result.reasons[0]).toBe(
      'Only 1 person other than the leader answered this quarter; a recommendation needs at least 3.',
    );
    expect(result.reasons[1]).toBe(
      '1 answer from coachees or peers is not counted, to keep a small group anonymous.',
    );
  });

  it('is review-coaching-role when coachees rate coaching low', () => {
    const result = score([answered('m1', 'manager', 4), ...many('coachee', 3, 2), ...many('peer', 3, 4)]);
    // coaching = (0.6·2 + 0.15·4 + 0.2·4)/0.95 = 2.7368 → 43.4
    expect(result.coachingScore).toBe(43.4);
    expect(result.recommendation).toBe('review-coaching-role');
    expect(result.reasons[0]).toBe(
      'Coaching is rated 43.4 (with 3 coachees answering), below the concern level of 45: the coaching role needs a review. Readiness is 59.2 of 100, management 75.0.',
    );
    // The coaching score is said once.
    expect(result.reasons.join(' ').match(/43\.4/g)).toHaveLength(1);
  });

  it('does not conclude review-coaching-role without counted coachee evidence', () => {
    const result = score([answered('m1', 'manager', 1), ...many('peer', 3, 1), ...many('coachee', 0, 1)]);
    expect(result.coachingScore).toBe(0);
    expect(result.recommendation).toBe('develop-in-role');
  });

  it('is ready-next-year between the bars', () => {
    const result = score([answered('m1', 'manager', 4), ...many('coachee', 3, 4), ...many('peer', 3, 3)]);
    // coaching (0.6·4 + 0.15·3 + 0.2·4)/0.95 = 3.8421 → 71.1; management (0.2·3 + 0.7·4)/0.9 → 69.4
    expect([result.coachingScore, result.managementScore, result.readinessScore]).toEqual([71.1, 69.4, 70.3]);
    expect(result.recommendation).toBe('ready-next-year');
    expect(result.reasons[0]).toBe(
      'Ready next year: readiness 70.3 of 100 (coaching 71.1, management 69.4) is between the ready-next-year bar of 60 and the ready-now bar of 75.',
    );
  });

  it('holds back ready-now when management is below its bar', () => {
    const result = scoreSustained([
      answered('m1', 'manager', 4, { 'coaching-questions': 5, motivation: 5, development: 5 }),
      ...many('coachee', 3, 5),
      ...many('peer', 3, 4, { 'knowledge-transfer': 5, 'deal-strategy': 5 }),
    ]);
    expect(result.coachingScore).toBe(100);
    expect(result.managementScore).toBe(75);
    expect(result.readinessScore).toBe(87.5);
    expect(result.recommendation).toBe('ready-now');

    const weaker = scoreSustained([
      answered('m1', 'manager', 3, { 'coaching-questions': 5, motivation: 5, development: 5 }),
      ...many('coachee', 3, 5),
      ...many('peer', 3, 4, { 'knowledge-transfer': 5, 'deal-strategy': 5 }),
    ]);
    // management (0.2·4 + 0.7·3)/0.9 = 3.2222 → 55.6; readiness 77.8
    expect([weaker.managementScore, weaker.readinessScore]).toEqual([55.6, 77.8]);
    expect(weaker.recommendation).toBe('ready-next-year');
    expect(weaker.reasons[0]).toBe(
      'Readiness 77.8 reaches the ready-now bar, but management 55.6 is below its bar of 70.',
    );
  });

  it('is develop-in-role below the ready-next-year bar', () => {
    const result = score([answered('m1', 'manager', 3), ...many('coachee', 3, 3), ...many('peer', 3, 3)]);
    expect(result.readinessScore).toBe(50);
    expect(result.recommendation).toBe('develop-in-role');
    expect(result.reasons[0]).toBe(
      'Develop in role: readiness 50.0 of 100 (coaching 50.0, management 50.0) is below the ready-next-year bar of 60.',
    );
    expect(result.reasons.length).toBeGreaterThanOrEqual(2);
    expect(result.reasons.length).toBeLessThanOrEqual(6);
  });
});

describe('scoreLeader: development needs and flags', () => {
  it('names at most 3 competencies below 65, lowest first', () => {
    const result = scoreSustained([
      answered('m1', 'manager', 5, {
        forecasting: 1,
        budgeting: 2,
        hiring: 3,
        firefighting: 3,
        'stand-in': 4,
      }),
      ...many('coachee', 3, 5),
      ...many('peer', 3, 5),
    ]);
    expect(result.developmentNeeds).toEqual([
      { id: 'forecasting', label: 'Forecasting', score: 0 },
      { id: 'budgeting', label: 'Budgeting', score: 25 },
      { id: 'hiring', label: 'Hiring', score: 50 },
    ]);
    // firefighting (61.1) is below target too, but only the three lowest are named
    expect(competency(result, 'firefighting')).toBe(61.1);
    expect(result.recommendation).toBe('ready-now');
    expect(result.reasons).toContain(
      'Furthest below the development target of 65: Forecasting (0.0), Budgeting (25.0), Hiring (50.0).',
    );
  });

  it('respects maxDevelopmentNeeds and breaks ties by questionnaire order', () => {
    const result = score(
      [answered('m1', 'manager', 5, { hiring: 2, forecasting: 2, budgeting: 2 }), ...many('peer', 3, 5)],
      { ...BASELINE, maxDevelopmentNeeds: 2 },
    );
    expect(result.developmentNeeds.map((n) => n.id)).toEqual(['hiring', 'forecasting']);
  });

  it('flags stand-in-ready only when the manager rated the stand-in item', () => {
    expect(score(BALANCED).flags).toEqual(['stand-in-ready']);
    const noManagerView = score([
      answered('m1', 'manager', 5, { 'stand-in': null }),
      ...many('peer', 3, 5),
      ...many('coachee', 3, 5),
    ]);
    expect(competency(noManagerView, 'stand-in')).toBe(100);
    expect(noManagerView.flags).toEqual([]);
    const low = score([answered('m1', 'manager', 4, { 'stand-in': 3 }), ...many('peer', 3, 4)]);
    expect(competency(low, 'stand-in')).toBe(55.6);
    expect(low.flags).toEqual([]);
  });
});
