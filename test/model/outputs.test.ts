/** What leaves the model: the HR export's new columns and the leader's report email. */
import { describe, expect, it } from 'vitest';
import { EXPORT_COLUMNS, toExportRow } from '../../functions/core/export.ts';
import { QUESTIONNAIRE_V1 } from '../../functions/core/questionnaire.ts';
import { renderLeaderReportEmail } from '../../functions/rendering/report-emails.ts';
import { answered, entry, figures, many, quarterScores, score } from './fixtures.ts';

const Q = '2026-Q4';
const labels = Object.fromEntries(QUESTIONNAIRE_V1.competencies.map((c) => [c.id, c.label]));
const RESULT = score(
  [
    answered('l1', 'self', 5, { hiring: 1 }),
    answered('m1', 'manager', 3, { hiring: 4, forecasting: 1 }),
    ...many('coachee', 3, 4),
    ...many('peer', 3, 3),
  ],
  {
    quarter: Q,
    history: [
      entry('2026-Q2', 60, 'ready-next-year', 60, quarterScores(60, 60)),
      entry('2026-Q3', 62, 'ready-next-year', 62, quarterScores(62, 62)),
    ],
    sales: { own: figures({ [Q]: 1.02, '2026-Q3': 0.98 }), coachees: [], comparison: [] },
  },
);

describe('the export', () => {
  it('adds the model’s columns at the end, after the existing ones', () => {
    const first = EXPORT_COLUMNS.indexOf('confidence');
    expect(EXPORT_COLUMNS.slice(first, first + 7)).toEqual([
      'confidence',
      'readiness_margin',
      'trend',
      'self_other_gaps',
      'development_plan',
      'own_attainment',
      'coaching_impact',
    ]);
    expect(EXPORT_COLUMNS.indexOf('config_version')).toBeLessThan(EXPORT_COLUMNS.indexOf('confidence'));
  });

  it('fills them from the recommendation', () => {
    const row = toExportRow({ ...RESULT, quarter: Q, leaderName: 'Leo', team: 'North' });
    expect(row.config_version).toBe(RESULT.configVersion);
    expect(row.confidence).toBe(RESULT.confidence?.level);
    expect(row.readiness_margin).toBe(RESULT.confidence?.readiness.margin);
    // In words and percent, as HR reads them (functions/core/export-words.ts).
    expect(row.trend).toMatch(
      /^(Rising by|Stable, within|Falling by) \d+\.\d points a quarter \(2026-Q2 60\.0, 2026-Q3 62\.0, 2026-Q4 \d+\.\d\)$/,
    );
    expect(row.self_other_gaps).toMatch(
      /Hiring: rates themself \d\.\d points lower than others do \(hidden strength\)/,
    );
    expect(row.self_other_gaps).toMatch(
      /Forecasting: rates themself \d\.\d points higher than others do \(blind spot\)/,
    );
    expect(row.development_plan).toContain('Forecasting: Forecasting and sales metrics');
    expect(row.own_attainment).toBe(100);
    expect(row.coaching_impact).toBeNull();
  });

  it('leaves them empty for recommendations written before the model', () => {
    const { confidence: _c, trend: _t, sales: _s, quarterScores: _q, ...old } = RESULT;
    const row = toExportRow({
      ...old,
      report: { groups: [], withheld: [] },
      quarter: Q,
      leaderName: 'Leo',
      team: 'North',
    });
    expect([
      row.confidence,
      row.readiness_margin,
      row.trend,
      row.own_attainment,
      row.coaching_impact,
    ]).toEqual([null, null, null, null, null]);
    expect([row.self_other_gaps, row.development_plan]).toEqual(['', '']);
  });
});

describe('the leader’s report email', () => {
  it('shows suggested training and the self–other gaps, in HTML and text', () => {
    const email = renderLeaderReportEmail({
      leaderName: 'Leo',
      quarter: Q,
      report: RESULT.report,
      developmentNeeds: RESULT.developmentNeeds,
      competencyLabels: labels,
    });
    for (const part of [email.html, email.text]) {
      expect(part).toContain('Forecasting and sales metrics');
      expect(part).toContain('Forecasting: you 5.0, others 1.0');
      expect(part).toContain('Hiring: you 1.0, others 4.0');
    }
    expect(email.text).toContain('SUGGESTED TRAINING');
    expect(email.text).toContain('You rated yourself clearly higher than others did:');
    expect(email.text).toContain('Others rated you clearly higher than you did:');
    // never the HR-only numbers
    expect(email.text).not.toContain(RESULT.recommendation);
    expect(email.text).not.toMatch(/readiness/i);
  });
});
