import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../functions/core/config.ts';
import {
  calibrationStatus,
  type Decision,
  latestDecisions,
  MAX_NOTE_CHARACTERS,
  reasonsFor,
  validateDecision,
} from '../../functions/core/decisions.ts';
import { RECOMMENDATIONS } from '../../functions/core/model.ts';

const author = { subject: 's-1', name: 'Hana Admin', email: 'hana@example.com' };
const overrideReason = reasonsFor(DEFAULT_CONFIG, 'override')[0]!.id;
const acceptReason = reasonsFor(DEFAULT_CONFIG, 'accept')[0]!.id;

describe('validateDecision', () => {
  it('accepts the model’s recommendation with a reason for accepting', () => {
    const result = validateDecision(
      { action: 'accept', reasonCode: acceptReason, modelRecommendation: 'ready-next-year' },
      'ready-next-year',
      DEFAULT_CONFIG,
    );
    expect(result).toMatchObject({
      ok: true,
      decision: {
        action: 'accept',
        finalRecommendation: 'ready-next-year',
        reasonCode: acceptReason,
        note: '',
      },
    });
  });

  it('overrides with another recommendation, a reason and a note', () => {
    const result = validateDecision(
      {
        action: 'override',
        finalRecommendation: 'develop-in-role',
        reasonCode: overrideReason,
        note: '  Moved teams in March;\r\nwait a quarter.  ',
      },
      'ready-now',
      DEFAULT_CONFIG,
    );
    expect(result).toMatchObject({
      ok: true,
      decision: {
        action: 'override',
        modelRecommendation: 'ready-now',
        finalRecommendation: 'develop-in-role',
        note: 'Moved teams in March;\nwait a quarter.',
      },
    });
  });

  it('names every problem of a bad form', () => {
    const result = validateDecision(
      { action: 'override', finalRecommendation: 'ready-now', reasonCode: acceptReason, note: '' },
      'ready-now',
      DEFAULT_CONFIG,
    );
    expect(result.ok).toBe(false);
    const fields = result.ok ? [] : result.problems.map((p) => p.field).sort();
    expect(fields).toEqual(['finalRecommendation', 'note', 'reasonCode']);
  });

  it('refuses an unknown action, reason or recommendation, an over-long note and a stale page', () => {
    const cases = [
      { action: 'maybe', reasonCode: acceptReason },
      { action: 'accept', reasonCode: 'made-up' },
      { action: 'override', finalRecommendation: 'promote-tomorrow', reasonCode: overrideReason, note: 'x' },
      { action: 'accept', reasonCode: acceptReason, note: 'x'.repeat(MAX_NOTE_CHARACTERS + 1) },
      { action: 'accept', reasonCode: acceptReason, note: 'bell\u0007' },
      { action: 'accept', reasonCode: acceptReason, modelRecommendation: 'ready-now' },
    ];
    for (const form of cases) {
      const result = validateDecision(form, 'develop-in-role', DEFAULT_CONFIG);
      expect(result.ok, JSON.stringify(form)).toBe(false);
      if (!result.ok) for (const problem of result.problems) expect(problem.message).toMatch(/\.$/);
    }
  });
});

const decision = (leaderId: string, at: string, final = 'ready-now', action = 'accept'): Decision => ({
  quarter: '2026-Q4',
  leaderId,
  action: action as Decision['action'],
  modelRecommendation: 'ready-now',
  finalRecommendation: final as Decision['finalRecommendation'],
  reasonCode: 'r',
  reasonLabel: 'R',
  note: '',
  decidedBy: author,
  decidedAt: at,
});

describe('calibration status', () => {
  it('is calibrated once every leader has a decision, the latest one in force', () => {
    const leaders = ['a', 'b'];
    const first = [decision('a', '2027-01-02T10:00:00.000Z')];
    expect(calibrationStatus(leaders, first)).toMatchObject({
      decided: 1,
      calibrated: false,
      undecided: ['b'],
    });
    const all = [
      ...first,
      decision('b', '2027-01-03T09:00:00.000Z'),
      decision('a', '2027-01-04T09:00:00.000Z', 'develop-in-role', 'override'),
    ];
    expect(calibrationStatus(leaders, all)).toMatchObject({
      decided: 2,
      accepted: 1,
      overridden: 1,
      calibrated: true,
      calibratedAt: '2027-01-03T09:00:00.000Z',
    });
    expect(latestDecisions(all).get('a')?.finalRecommendation).toBe('develop-in-role');
  });

  it('a quarter without leaders is not calibrated; decisions about others do not count', () => {
    expect(calibrationStatus([], []).calibrated).toBe(false);
    expect(calibrationStatus(['a'], [decision('z', '2027-01-01T00:00:00.000Z')]).calibrated).toBe(false);
  });

  it('property: the latest decision wins whatever the order, and more decisions never un-calibrate', () => {
    const arbitrary = fc.array(
      fc.record({
        leader: fc.constantFrom('a', 'b', 'c'),
        at: fc.integer({ min: 0, max: 10_000 }),
        final: fc.constantFrom(...RECOMMENDATIONS),
      }),
      { maxLength: 20 },
    );
    fc.assert(
      fc.property(arbitrary, (entries) => {
        const decisions = entries.map((e) =>
          decision(e.leader, new Date(Date.UTC(2027, 0, 1) + e.at * 1000).toISOString(), e.final),
        );
        const latest = latestDecisions(decisions);
        expect(latestDecisions([...decisions].reverse())).toEqual(latest);
        for (const [leader, chosen] of latest) {
          const times = decisions.filter((d) => d.leaderId === leader).map((d) => d.decidedAt);
          expect(chosen.decidedAt).toBe(times.sort().at(-1));
        }
        const status = calibrationStatus(['a', 'b', 'c'], decisions);
        expect(status.calibrated).toBe(['a', 'b', 'c'].every((id) => latest.has(id)));
        const more = calibrationStatus(
          ['a', 'b', 'c'],
          [...decisions, decision('a', '2028-01-01T00:00:00.000Z')],
        );
        if (status.calibrated) expect(more.calibrated).toBe(true);
        expect(more.decided).toBeGreaterThanOrEqual(status.decided);
      }),
    );
  });
});
