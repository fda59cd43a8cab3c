/** Email-safe charts: table bars next to their numbers, no SVG, widths that add up. */
import { describe, expect, it } from 'vitest';
import { barPercent, emailBarCell } from '../../functions/rendering/email-charts.ts';
import {
  renderLeaderReportEmail,
  renderManagerSummaryEmail,
} from '../../functions/rendering/report-emails.ts';

const widths = (html: string) => [...html.matchAll(/<td width="(\d+)%"/g)].map((m) => Number(m[1]));

describe('email bar cells', () => {
  it('a bar of value/max in whole percent, the track filling the rest, the number written as text', () => {
    const cell = emailBarCell({ value: 3.5, max: 5, text: '3.5', cellStyle: 'padding:6px' }).toString();
    expect(widths(cell)).toEqual([70, 30]);
    expect(cell).toContain('>3.5</td>');
    expect(cell).toContain('bgcolor="#0b4f8a"');
    expect(cell).not.toMatch(/<svg|<img/);
    expect(widths(emailBarCell({ value: 5, max: 5, text: '5.0', cellStyle: '' }).toString())).toEqual([100]);
    expect(widths(emailBarCell({ value: 0, max: 5, text: '0', cellStyle: '' }).toString())).toEqual([100]);
    const missing = emailBarCell({ value: null, max: 5, text: '—', cellStyle: '' }).toString();
    expect(widths(missing)).toEqual([]);
    expect(missing).toContain('>—</td>');
  });

  it('clamps out-of-range values', () => {
    expect([barPercent(-1, 5), barPercent(7, 5), barPercent(Number.NaN, 5), barPercent(1, 0)]).toEqual([
      0, 100, 0, 0,
    ]);
  });

  it('the leader’s report and the manager’s summary carry bars with their numbers', () => {
    const report = renderLeaderReportEmail({
      leaderName: 'Leo',
      quarter: '2026-Q4',
      report: {
        groups: [
          {
            group: 'manager',
            responses: 1,
            competencyMeans: { hiring: 4, forecasting: null },
            comments: { keep: [], change: [] },
          },
        ],
        withheld: [],
      },
      developmentNeeds: [],
      competencyLabels: { hiring: 'Hiring', forecasting: 'Forecasting' },
    });
    expect(widths(report.html)).toEqual([80, 20]);
    expect(report.html).toContain('>4.0</td>');
    expect(report.html).not.toMatch(/<svg/);
    const summary = renderManagerSummaryEmail({
      managerName: 'Mia',
      team: 'North',
      quarter: '2026-Q4',
      leaders: [
        {
          name: 'Leo',
          readinessScore: 72,
          recommendation: 'ready-next-year',
          flags: [],
          developmentNeeds: [],
        },
      ],
    });
    expect(widths(summary.html)).toEqual([72, 28]);
    expect(summary.html).toContain('>72 of 100</td>');
    expect(summary.text).toContain('Readiness: 72 of 100');
  });
});
