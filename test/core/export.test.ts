import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import readXlsxFile from 'read-excel-file/node';
import { describe, expect, it } from 'vitest';
import type { Decision } from '../../functions/core/decisions.ts';
import { EXPORT_COLUMNS, type ExportSource, toExportRow, toExportRows } from '../../functions/core/export.ts';
import { toCsv, toJson, UTF8_BOM } from '../../functions/core/export-formats.ts';
import { SUCCESSFACTORS_COLUMNS, successorRows } from '../../functions/core/export-successfactors.ts';
import { gapsInWords, trendInWords } from '../../functions/core/export-words.ts';
import { toXlsx } from '../../functions/core/export-xlsx.ts';
import {
  parseSuccessFactorsSettings,
  SUCCESSFACTORS_SETTINGS,
} from '../../functions/core/successfactors-settings.ts';

const decision: Decision = {
  quarter: '2026-Q4',
  leaderId: 'c1',
  action: 'override',
  modelRecommendation: 'ready-now',
  finalRecommendation: 'ready-next-year',
  reasonCode: 'recent-change',
  reasonLabel: 'A recent change of role, team or circumstances',
  note: 'New territory since March.',
  decidedBy: { subject: 'sub-1', name: 'Hana Admin', email: 'hana@example.com' },
  decidedAt: '2027-01-05T10:30:00.000Z',
};

const source: ExportSource = {
  quarter: '2026-Q4',
  leaderId: 'c1',
  leaderName: 'Dana Leader',
  team: 'North',
  coachingScore: 80,
  managementScore: 70.5,
  readinessScore: 75.3,
  recommendation: 'ready-now',
  reasons: ['Readiness 75.3 is at or above the bar.'],
  developmentNeeds: [{ id: 'forecasting', label: 'Forecasting', score: 40 }],
  flags: ['stand-in-ready'],
  responses: { self: 1, manager: 1, coachee: 4, peer: 3 },
  declined: 1,
  expired: 2,
  competencies: [],
  report: {
    groups: [],
    withheld: [],
    selfOther: [
      { id: 'forecasting', label: 'Forecasting', self: 4.5, others: 3.2, gap: 1.3, kind: 'blind-spot' },
      { id: 'hiring', label: 'Hiring', self: 2, others: 3.1, gap: -1.1, kind: 'hidden-strength' },
    ],
    developmentPlan: [
      {
        id: 'forecasting',
        label: 'Forecasting',
        score: 40,
        suggestions: [{ id: 'forecasting', title: 'Forecasting and sales metrics' }],
      },
    ],
  },
  configVersion: 'v-test',
  questionnaireVersion: 1,
  trend: {
    direction: 'rising',
    slope: 3.2,
    points: [
      { quarter: '2026-Q2', readiness: 60 },
      { quarter: '2026-Q3', readiness: 62 },
      { quarter: '2026-Q4', readiness: 66.4 },
    ],
  },
  sales: {
    ownAttainment: 0.9,
    ownRecent: 0.9351,
    ownQuarters: 3,
    coachingImpact: 4.2,
    impactPoints: 1,
    coacheesWithFigures: 3,
    comparisonWithFigures: 3,
  },
  decision,
};

describe('numbers as HR reads them', () => {
  it('attainment in percent, the plan by course title, trend and gaps in words, the decision beside the model', () => {
    const row = toExportRow(source);
    expect(row.own_attainment).toBe(93.5);
    expect(row.development_plan).toBe('Forecasting: Forecasting and sales metrics');
    expect(row.trend).toBe('Rising by 3.2 points a quarter (2026-Q2 60.0, 2026-Q3 62.0, 2026-Q4 66.4)');
    expect(row.self_other_gaps).toBe(
      'Forecasting: rates themself 1.3 points higher than others do (blind spot); Hiring: rates themself 1.1 points lower than others do (hidden strength)',
    );
    expect([row.recommendation, row.final_recommendation, row.decision]).toEqual([
      'ready-now',
      'ready-next-year',
      'override',
    ]);
    expect(row.decided_by).toBe('Hana Admin <hana@example.com>');
    expect(row.decision_reason).toBe('A recent change of role, team or circumstances (recent-change)');
  });

  it('an undecided leader and a thin history', () => {
    const { decision: _d, ...undecided } = source;
    const row = toExportRow({
      ...undecided,
      trend: { direction: 'unclear', slope: null, points: [{ quarter: '2026-Q4', readiness: 66 }] },
    });
    expect(row.final_recommendation).toBeNull();
    expect(row.decided_at).toBeNull();
    expect(row.trend).toBe('Not enough history yet: 1 quarter with a score (2026-Q4 66.0)');
    expect(trendInWords({ direction: 'stable', slope: -0.4, points: [] })).toBe(
      'Stable, within 0.4 points a quarter ()',
    );
    expect(gapsInWords([])).toBe('');
  });
});

describe('CSV and JSON', () => {
  it('CSV: contract header, percent sign, optional BOM for Excel', () => {
    const csv = toCsv([toExportRow(source)]);
    expect(csv.startsWith(UTF8_BOM)).toBe(false);
    const [row] = parse(csv, { columns: true }) as Record<string, string>[];
    expect(Object.keys(row!)).toEqual([...EXPORT_COLUMNS]);
    expect(row).toMatchObject({ own_attainment: '93.5%', readiness_score: '75.3', decision: 'override' });
    const withBom = toCsv([toExportRow(source)], { bom: true });
    expect(withBom.startsWith(UTF8_BOM)).toBe(true);
    expect(withBom.slice(1)).toBe(csv);
  });

  it('JSON keeps numbers as numbers (attainment in percent)', () => {
    const [row] = JSON.parse(toJson([toExportRow(source)]));
    expect(row.readiness_score).toBe(75.3);
    expect(row.own_attainment).toBe(93.5);
  });

  it('property: no CSV cell starts like a formula, and every text survives otherwise', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (name, note) => {
        const csv = toCsv([toExportRow({ ...source, leaderName: name, decision: { ...decision, note } })]);
        const [row] = parse(csv, { columns: true, relax_quotes: false }) as Record<string, string>[];
        for (const value of Object.values(row!)) expect(value).not.toMatch(/^[=+\-@\t\r]/);
        // Exactly one apostrophe is added, and only before a formula character.
        expect(row!.leader_name).toBe(/^[=+\-@\t\r]/.test(name) ? `'${name}` : name);
      }),
      { numRuns: 200 },
    );
  });

  it('rows are sorted by team, readiness, id', () => {
    const rows = toExportRows([
      { ...source, leaderId: 'b', team: 'South' },
      { ...source, leaderId: 'a', readinessScore: 50 },
      { ...source, leaderId: 'c', readinessScore: null },
      source,
    ]);
    expect(rows.map((r) => r.leader_id)).toEqual(['c1', 'a', 'c', 'b']);
  });
});

describe('XLSX', () => {
  it('typed cells: numbers, a percentage, a date; the model and HR side by side; the history sheet', async () => {
    const bytes = await toXlsx([toExportRow(source)], [decision]);
    const sheets = await readXlsxFile(bytes);
    expect(sheets.map((s) => s.sheet)).toEqual(['Readiness', 'Calibration history']);
    const [headers, values] = sheets[0]!.data as unknown[][];
    const at = (title: string) => values![(headers as string[]).indexOf(title)];
    expect((headers as string[]).slice(4, 8)).toEqual([
      'Readiness (0–100)',
      'Model recommendation',
      'Final recommendation',
      'HR decision',
    ]);
    expect(at('Readiness (0–100)')).toBe(75.3);
    expect(at('Coachee answers')).toBe(4);
    expect(at('Own attainment')).toBeCloseTo(0.935, 6);
    expect(at('Model recommendation')).toBe('Ready now');
    expect(at('Final recommendation')).toBe('Ready next year');
    expect(at('Decided at (UTC)')).toEqual(new Date('2027-01-05T10:30:00.000Z'));
    expect(at('Leader')).toBe('Dana Leader');
    const history = sheets[1]!.data as unknown[][];
    expect(history[1]).toEqual([
      '2026-Q4',
      'c1',
      new Date('2027-01-05T10:30:00.000Z'),
      'Hana Admin <hana@example.com>',
      'Overridden',
      'Ready now',
      'Ready next year',
      'A recent change of role, team or circumstances (recent-change)',
      'New territory since March.',
    ]);
  });

  it('text that looks like a formula stays text', async () => {
    const bytes = await toXlsx([toExportRow({ ...source, leaderName: '=1+1' })], []);
    const [sheet] = await readXlsxFile(bytes);
    const [headers, values] = sheet!.data as unknown[][];
    expect(values![(headers as string[]).indexOf('Leader')]).toBe('=1+1');
  });
});

describe('SuccessFactors Import Successors', () => {
  it('role-person template, final decisions only, readiness through the configured scale', () => {
    const sources = [
      { leaderId: 'c1', managerId: 'm1', recommendation: 'ready-now' as const, decision },
      {
        leaderId: 'c2',
        managerId: 'm1',
        recommendation: 'ready-now' as const,
        decision: {
          ...decision,
          leaderId: 'c2',
          action: 'accept' as const,
          finalRecommendation: 'ready-now' as const,
        },
      },
      { leaderId: 'c3', managerId: 'm2', recommendation: 'ready-now' as const },
      {
        leaderId: 'c4',
        managerId: 'm2',
        recommendation: 'ready-now' as const,
        decision: { ...decision, leaderId: 'c4', finalRecommendation: 'develop-in-role' as const },
      },
    ];
    const file = successorRows(sources, SUCCESSFACTORS_SETTINGS);
    expect(SUCCESSFACTORS_COLUMNS).toEqual([
      'JOBCODE',
      'INCUMBENT_USERID',
      'OLD_JOBCODE',
      'OLD_INCUMBENT_USERID',
      'OLD_TBH_ID',
      'TBH_ID',
      'TBH_MANAGER_USERID',
      'READINESS',
      'SUCCESSOR_USERID',
      'ACTION',
    ]);
    const scale = SUCCESSFACTORS_SETTINGS.readiness;
    expect(file.rows).toEqual([
      ['SALES_MANAGER', 'm1', '', '', '', '', '', scale['ready-next-year'], 'c1', 'ADD'],
      ['SALES_MANAGER', 'm1', '', '', '', '', '', scale['ready-now'], 'c2', 'ADD'],
    ]);
    expect(file.leftOut).toEqual({ undecided: ['c3'], notSuccessors: ['c4'], noManager: [] });
  });
});

describe('SuccessFactors settings', () => {
  it('refuse an unknown recommendation, an empty scale and an unknown action, naming the path', () => {
    const good = { jobCode: 'SM', action: 'ADD', readiness: { 'ready-now': 'Ready Now' } };
    expect(parseSuccessFactorsSettings(good).readiness['ready-now']).toBe('Ready Now');
    expect(() => parseSuccessFactorsSettings({ ...good, readiness: { 'ready-soon': 'x' } })).toThrow(
      /readiness/,
    );
    expect(() => parseSuccessFactorsSettings({ ...good, readiness: {} })).toThrow(/at least one/);
    expect(() => parseSuccessFactorsSettings({ ...good, action: 'MERGE' })).toThrow(/action/);
    expect(() => parseSuccessFactorsSettings({ ...good, extra: 1 })).toThrow();
  });
});
