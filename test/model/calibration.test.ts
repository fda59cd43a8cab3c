/** Rater calibration: residuals, leave-one-leader-out leniency with shrinkage, use in scoring. */
import { describe, expect, it } from 'vitest';
import type { LadderConfig } from '../../functions/core/config.ts';
import type { RaterResponse } from '../../functions/core/model.ts';
import { QUESTIONNAIRE_V1 } from '../../functions/core/questionnaire.ts';
import {
  calibrateBatch,
  leniency,
  quarterResiduals,
  type RaterProfile,
} from '../../functions/core/readiness/calibration.ts';
import { answered, many, PLAIN, score } from './fixtures.ts';

const Q = '2026-Q4';
const rename = (responses: RaterResponse[], prefix: string) =>
  responses.map((r) => ({ ...r, raterId: `${prefix}-${r.raterId}` }));

/**
 * L2: the manager rates 5 everywhere, three peers rate 3. On the five items both groups are asked
 * the manager sits 5 − 3 = +2 above the others; each peer sits 3 − (5+3+3)/3 = −⅔ there and 0 on
 * the two items only peers (of L2) rate: (5·−⅔ + 2·0)/7 = −0.476.
 */
const L2 = { leaderId: 'l2', responses: [answered('m', 'manager', 5), ...rename(many('peer', 3, 3), 'l2')] };
const L1 = {
  leaderId: 'l1',
  responses: [answered('m', 'manager', 5), ...rename(many('coachee', 3, 4), 'l1')],
};

describe('quarterResiduals', () => {
  it('compares each rating with the mean of the others on the same leader and item', () => {
    const residuals = quarterResiduals(Q, [L2], PLAIN, QUESTIONNAIRE_V1);
    expect(residuals.get('m')).toEqual([{ quarter: Q, leaderId: 'l2', residual: 2, items: 5 }]);
    expect(residuals.get('l2-peer1')).toEqual([{ quarter: Q, leaderId: 'l2', residual: -0.476, items: 7 }]);
  });

  it('uses no self-rating and no rating withheld for anonymity', () => {
    const withheld = {
      leaderId: 'l3',
      responses: [
        answered('l3', 'self', 1),
        answered('m', 'manager', 5),
        answered('c', 'coachee', 1),
        answered('p', 'peer', 1),
      ],
    };
    const residuals = quarterResiduals(Q, [withheld], PLAIN, QUESTIONNAIRE_V1);
    expect([...residuals.keys()]).toEqual([]);
  });
});

describe('leniency', () => {
  const current = [
    { quarter: Q, leaderId: 'l2', residual: 2, items: 5 },
    { quarter: Q, leaderId: 'l1', residual: 9, items: 5 },
  ];

  it('learns from other leaders only, shrunk by priorPairs pseudo-observations of zero', () => {
    // scoring l1: only the l2 observation counts: 2 / (1 + 2) = 0.667
    expect(leniency('l1', Q, current, undefined, PLAIN)).toEqual({ leniency: 0.667, observations: 1 });
    expect(leniency('l3', Q, [], undefined, PLAIN)).toEqual({ leniency: 0, observations: 0 });
  });

  it('adds earlier quarters with weight decay^age, never the leader being scored, never this quarter from the store', () => {
    const profile: RaterProfile = {
      raterId: 'm',
      residuals: [
        { quarter: '2026-Q3', leaderId: 'l3', residual: 1, items: 5 }, // age 1: weight 0.8
        { quarter: '2026-Q3', leaderId: 'l1', residual: 9, items: 5 }, // the leader being scored
        { quarter: '2026-Q4', leaderId: 'l4', residual: 9, items: 5 }, // this quarter, stored by a retry
        { quarter: '2025-Q3', leaderId: 'l5', residual: 9, items: 5 }, // 5 quarters back: outside
      ],
    };
    // (2 + 0.8·1) / (1 + 0.8 + 2) = 0.737
    expect(leniency('l1', Q, current, profile, PLAIN)).toEqual({ leniency: 0.737, observations: 1.8 });
  });

  it('is capped at maxShift', () => {
    const many = Array.from({ length: 20 }, (_, i) => ({
      quarter: Q,
      leaderId: `x${i}`,
      residual: 4,
      items: 5,
    }));
    expect(leniency('l1', Q, many, undefined, PLAIN).leniency).toBe(1);
    const tight: LadderConfig = { ...PLAIN, calibration: { ...PLAIN.calibration, maxShift: 0.25 } };
    expect(leniency('l1', Q, many, undefined, tight).leniency).toBe(0.25);
  });
});

describe('calibrateBatch and scoring with calibration', () => {
  it('corrects a lenient manager on one leader with what they said about the other', () => {
    const { offsets, residuals } = calibrateBatch(Q, [L1, L2], new Map(), PLAIN, QUESTIONNAIRE_V1);
    expect(offsets.get('l1')).toEqual({ m: 0.667 }); // from l2 only (l1's coachees all agree: 0 residual)
    // scoring l2: the manager's residual on l1 is 5 − 4 = +1 (the three items coachees share): 1/3
    expect(offsets.get('l2')).toEqual({ m: 0.333 });
    expect(residuals.get('m')?.map((r) => r.leaderId)).toEqual(['l1', 'l2']);
  });

  it('subtracts the leniency from the rater’s ratings in the scores, not in the report', () => {
    const plain = score(L1.responses);
    const calibrated = score(L1.responses, { calibration: { m: 0.667 } });
    // coaching: manager 5 → 4.333 on the three items coachees share; coachees stay at 4
    expect(calibrated.coachingScore).toBeLessThan(plain.coachingScore ?? 0);
    expect(calibrated.report.groups).toEqual(plain.report.groups);
    expect(calibrated.competencies.find((c) => c.id === 'hiring')?.score).toBe(83.3); // (4.333 − 1)/4
    expect(calibrated.calibration).toEqual({
      ratersAdjusted: 1,
      readinessShift: Math.round(((calibrated.readinessScore ?? 0) - (plain.readinessScore ?? 0)) * 10) / 10,
    });
  });

  it('never calibrates self-ratings and keeps calibrated ratings within 1–5', () => {
    const responses = [answered('l1', 'self', 5), answered('m', 'manager', 1), ...many('coachee', 3, 5)];
    const result = score(responses, { calibration: { l1: 3, m: -5, coachee1: 5 } });
    expect(result.report.groups.find((g) => g.group === 'self')?.competencyMeans.hiring).toBe(5);
    expect(result.competencies.find((c) => c.id === 'hiring')?.score).toBe(100); // 1 − (−5) = 6 → kept at 5
    // coachee1's 5 − 5 = 0 → kept at 1: motivation = (0.6·(1+5+5)/3 + 0.2·5)/0.8 = 4 → 75
    expect(result.competencies.find((c) => c.id === 'motivation')?.score).toBe(75);
    const { calibration, ...self } = score([answered('l1', 'self', 5), answered('m', 'manager', 3)], {
      calibration: { l1: 1 },
    });
    expect(self).toEqual(score([answered('l1', 'self', 5), answered('m', 'manager', 3)]));
    expect(calibration).toEqual({ ratersAdjusted: 0, readinessShift: 0 });
  });

  it('does nothing when calibration is switched off', () => {
    const off: LadderConfig = { ...PLAIN, calibration: { ...PLAIN.calibration, enabled: false } };
    expect(score(L1.responses, { calibration: { m: 0.667 } }, off)).toEqual(score(L1.responses, {}, off));
  });
});
