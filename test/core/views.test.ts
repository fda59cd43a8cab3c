import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../functions/core/config.ts';
import type { Decision } from '../../functions/core/decisions.ts';
import { RATER_GROUPS, RECOMMENDATIONS, REQUEST_STATUSES } from '../../functions/core/model.ts';
import { benchStrength } from '../../functions/core/views/bench.ts';
import { filterLeaders, type LeaderSummary } from '../../functions/core/views/leader-summary.ts';
import { cycleProgress } from '../../functions/core/views/progress.ts';
import { distribution, heatBand, heatmap, nineBox } from '../../functions/core/views/readiness.ts';

function leader(overrides: Partial<LeaderSummary> & { leaderId: string }): LeaderSummary {
  return {
    quarter: '2026-Q4',
    leaderName: `Leader ${overrides.leaderId}`,
    team: 'North',
    managerId: 'm1',
    readinessScore: 70,
    coachingScore: 70,
    managementScore: 70,
    recommendation: 'ready-next-year',
    flags: [],
    competencies: { forecasting: 50, hiring: 80 },
    attainment: 0.95,
    confidence: 'medium',
    trend: null,
    ...overrides,
  };
}

const decided = (final: Decision['finalRecommendation']): Decision => ({
  quarter: '2026-Q4',
  leaderId: 'x',
  action: 'override',
  modelRecommendation: 'ready-next-year',
  finalRecommendation: final,
  reasonCode: 'r',
  reasonLabel: 'R',
  note: 'n',
  decidedBy: { subject: 's', name: 'H', email: 'h@x' },
  decidedAt: '2027-01-05T10:00:00.000Z',
});

describe('progress', () => {
  it('counts by team and rater group, with reminders and delivery problems', () => {
    const progress = cycleProgress([
      { leaderId: 'a', team: 'North', group: 'coachee', status: 'answered', remindersSent: 1 },
      { leaderId: 'a', team: 'North', group: 'coachee', status: 'sent', remindersSent: 2, bouncedAt: 't' },
      { leaderId: 'a', team: 'North', group: 'manager', status: 'declined' },
      { leaderId: 'b', team: 'East', group: 'self', status: 'expired', suppressedAt: 't' },
    ]);
    expect(progress.overall).toMatchObject({ total: 4, answered: 1, declined: 1, expired: 1, open: 1 });
    expect(progress.overall.responseRate).toBe(0.25);
    expect(progress.teams.map((t) => t.team)).toEqual(['East', 'North']);
    expect(progress.teams[1]!.byGroup.coachee).toMatchObject({ total: 2, answered: 1, responseRate: 0.5 });
    expect(progress.byGroup.peer.responseRate).toBeNull();
    expect(progress.reminders).toEqual({ emails: 3, requests: 2 });
    expect(progress.delivery).toEqual({ bounced: 1, complained: 0, suppressed: 1, undeliverable: 0 });
    expect(progress.leaders).toBe(2);
  });

  it('property: teams and groups add up to the whole', () => {
    const request = fc.record({
      leaderId: fc.constantFrom('a', 'b', 'c'),
      team: fc.constantFrom('North', 'East'),
      group: fc.constantFrom(...RATER_GROUPS),
      status: fc.constantFrom(...REQUEST_STATUSES),
    });
    fc.assert(
      fc.property(fc.array(request, { maxLength: 60 }), (requests) => {
        const p = cycleProgress(requests);
        const sum = (key: 'total' | 'answered' | 'open') => p.teams.reduce((s, t) => s + t[key], 0);
        expect(sum('total')).toBe(requests.length);
        expect(sum('answered')).toBe(p.overall.answered);
        expect(sum('open')).toBe(p.overall.open);
        const o = p.overall;
        expect(o.answered + o.declined + o.expired + o.open).toBe(o.total);
        expect(Object.values(p.byGroup).reduce((s, g) => s + g.total, 0)).toBe(o.total);
      }),
    );
  });
});

describe('readiness pictures', () => {
  it('the distribution counts the model’s and the final recommendations', () => {
    const rows = distribution([
      leader({ leaderId: 'a', recommendation: 'ready-now' }),
      leader({ leaderId: 'b', recommendation: 'ready-now', decision: decided('develop-in-role') }),
    ]);
    const row = (r: string) => rows.find((x) => x.recommendation === r)!;
    expect(row('ready-now')).toMatchObject({ model: 2, final: 1 });
    expect(row('develop-in-role')).toMatchObject({ model: 0, final: 1 });
    expect(rows.map((r) => r.recommendation)).toEqual([...RECOMMENDATIONS]);
  });

  it('heat bands sit around the development target', () => {
    const target = DEFAULT_CONFIG.thresholds.developmentTarget;
    expect(heatBand(null, target)).toBe('none');
    expect(heatBand(target - 16, target)).toBe('far-below');
    expect(heatBand(target - 1, target)).toBe('below');
    expect(heatBand(target, target)).toBe('above');
    expect(heatBand(target + 15, target)).toBe('far-above');
    const rows = heatmap([leader({ leaderId: 'a' })], ['hiring', 'budgeting'], DEFAULT_CONFIG);
    expect(rows[0]!.cells).toEqual([
      { competency: 'hiring', score: 80, band: 'far-above' },
      { competency: 'budgeting', score: null, band: 'none' },
    ]);
  });

  it('the 9-box places a leader by readiness band and attainment band', () => {
    const { readyNow, readyNextYear } = DEFAULT_CONFIG.thresholds;
    const box = nineBox(
      [
        leader({ leaderId: 'top', readinessScore: readyNow, attainment: 1.2 }),
        leader({ leaderId: 'mid', readinessScore: readyNextYear, attainment: 0.95 }),
        leader({ leaderId: 'low', readinessScore: readyNextYear - 0.1, attainment: 0.5 }),
        leader({ leaderId: 'nofigures', attainment: null }),
      ],
      DEFAULT_CONFIG,
    );
    const where = (id: string) => box.cells.findIndex((c) => c.leaders.some((l) => l.leaderId === id));
    expect(where('top')).toBe(2); // high readiness, high attainment: top right
    expect(where('mid')).toBe(4); // the centre
    expect(where('low')).toBe(6); // bottom left
    expect(box.unplaced.map((l) => l.leaderId)).toEqual(['nofigures']);
  });

  it('property: every leader is in exactly one box or unplaced', () => {
    const arbitrary = fc.array(
      fc.record({
        readiness: fc.option(fc.double({ min: 0, max: 100, noNaN: true }), { nil: null }),
        attainment: fc.option(fc.double({ min: 0, max: 3, noNaN: true }), { nil: null }),
      }),
      { maxLength: 40 },
    );
    fc.assert(
      fc.property(arbitrary, (values) => {
        const leaders = values.map((v, i) =>
          leader({ leaderId: `l${i}`, readinessScore: v.readiness, attainment: v.attainment }),
        );
        const box = nineBox(leaders, DEFAULT_CONFIG);
        const placed = box.cells.flatMap((c) => c.leaders.map((l) => l.leaderId));
        const all = [...placed, ...box.unplaced.map((l) => l.leaderId)].sort();
        expect(all).toEqual(leaders.map((l) => l.leaderId).sort());
      }),
    );
  });

  it('filters by team, manager and the manager role’s scope', () => {
    const leaders = [
      leader({ leaderId: 'a', team: 'North', managerId: 'm1' }),
      leader({ leaderId: 'b', team: 'East', managerId: 'm2' }),
    ];
    expect(filterLeaders(leaders, { team: 'East' }).map((l) => l.leaderId)).toEqual(['b']);
    expect(filterLeaders(leaders, { managerId: 'm1' }).map((l) => l.leaderId)).toEqual(['a']);
    expect(filterLeaders(leaders, { scope: new Set(['m2']), team: 'North' })).toEqual([]);
    expect(filterLeaders(leaders, { scope: new Set() })).toEqual([]);
  });
});

describe('bench strength', () => {
  it('per seat: ready now, next year, stand-in; coverage over every seat', () => {
    const bench = benchStrength(
      [
        { managerId: 'm1', managerName: 'Mia', team: 'North' },
        { managerId: 'm2', managerName: 'Max', team: 'East' },
        { managerId: 'm3', managerName: 'Moe', team: 'West' },
      ],
      [
        leader({ leaderId: 'a', managerId: 'm1', recommendation: 'ready-now', flags: ['stand-in-ready'] }),
        leader({ leaderId: 'b', managerId: 'm1', recommendation: 'develop-in-role' }),
        leader({
          leaderId: 'c',
          managerId: 'm2',
          recommendation: 'ready-now',
          decision: decided('develop-in-role'),
        }),
        leader({ leaderId: 'd', managerId: 'm9', team: 'South', recommendation: 'ready-next-year' }),
      ],
    );
    expect(
      bench.seats.map((s) => [s.team, s.readyNow.length, s.readyNextYear.length, s.standIn.length]),
    ).toEqual([
      ['East', 0, 0, 0],
      ['North', 1, 0, 1],
      ['South', 0, 1, 0],
      ['West', 0, 0, 0],
    ]);
    expect(bench.coverage).toBe(0.5);
    expect(bench.readyNowCoverage).toBe(0.25);
    expect(bench.standInCoverage).toBe(0.25);
    expect(benchStrength([], []).coverage).toBeNull();
  });
});
