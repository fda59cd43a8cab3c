/**
 * `ladder promotion record|list|remove` and `ladder validity` against the local DynamoDB: moves are
 * stored, corrected and removed; bad input is refused with one sentence and nothing stored; the
 * validity report reads recommendations, the roster in force and the sales figures.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { metricsImport } from '../../cli/commands/metrics.ts';
import {
  formatValidity,
  promotionList,
  promotionRecord,
  promotionRemove,
  validity,
} from '../../cli/commands/promotion.ts';
import { rosterImport } from '../../cli/commands/roster.ts';
import { keys } from '../../functions/shared/keys.ts';
import { listPromotions } from '../../functions/shared/store/promotion-store.ts';
import { putRecommendation } from '../../functions/shared/store/result-store.ts';
import { type LocalRuntime, startLocalRuntime } from '../../local/runtime.ts';

let runtime: LocalRuntime;
let dir: string;
const NOW = new Date('2027-01-15T10:00:00Z'); // in 2027-Q1
const quiet = () => {};

async function review(leaderId: string, quarter: string, readiness: number) {
  await putRecommendation(
    {
      ...keys.recommendation(quarter, leaderId),
      ...keys.recommendationHistory(quarter, leaderId),
      leaderId,
      quarter,
      leaderName: leaderId,
      leaderEmail: `${leaderId}@example.com`,
      team: 'North',
      managerId: 'north-m1',
      scoredAt: NOW.toISOString(),
      coachingScore: readiness,
      managementScore: readiness,
      readinessScore: readiness,
      recommendation: 'ready-now',
      reasons: [],
      developmentNeeds: [],
      flags: [],
      responses: { self: 1, manager: 1, coachee: 3, peer: 3 },
      declined: 0,
      expired: 0,
      competencies: [],
      report: { groups: [], withheld: [] },
      configVersion: 'test',
      questionnaireVersion: 1,
    },
    NOW.toISOString(),
  );
}

beforeAll(async () => {
  runtime = await startLocalRuntime({ quiet: true });
  dir = await mkdtemp(join(tmpdir(), 'ladder-promotion-'));
  // The roster after the move: north-csl1 now manages the North team.
  await rosterImport('examples/roster.csv', quiet);
  await review('north-csl1', '2026-Q1', 81.5);
  await review('north-csl2', '2026-Q1', 66);
  const lines = ['quarter,person_id,quota,attained'];
  for (const [quarter, ratio] of [
    ['2025-Q3', 0.9],
    ['2025-Q4', 0.9],
    ['2026-Q3', 1.0],
    ['2026-Q4', 1.0],
  ] as const) {
    for (const person of ['north-s01', 'north-s02', 'north-s03']) {
      lines.push(`${quarter},${person},100000,${Math.round(ratio * 100000)}`);
    }
  }
  await writeFile(join(dir, 'figures.csv'), `${lines.join('\n')}\n`);
  await metricsImport(join(dir, 'figures.csv'), quiet);
});
afterAll(async () => {
  await runtime?.close();
});

describe('ladder promotion record', () => {
  it('refuses bad input with one sentence and stores nothing', async () => {
    const refuse = (options: Parameters<typeof promotionRecord>[0]) => promotionRecord(options, quiet, NOW);
    await expect(refuse({ id: 'north-csl1', quarter: '2027-Q2', to: 'manager' })).rejects.toThrow(
      '--quarter 2027-Q2 is in the future (this is 2027-Q1): record a move once it has happened.',
    );
    await expect(refuse({ id: 'north-csl1', quarter: 'Q2-2026', to: 'manager' })).rejects.toThrow(
      /--quarter must look like 2026-Q4/,
    );
    await expect(refuse({ id: 'north-csl1', quarter: '2026-Q2', to: 'boss' })).rejects.toThrow(
      '--to must be one of manager, other-role, left (got "boss")',
    );
    await expect(refuse({ id: 'north-s01', quarter: '2026-Q2', to: 'manager' })).rejects.toThrow(
      'north-s01 has no readiness review on record: only reviewed Consultant Sales Leaders can be recorded.',
    );
    await expect(
      refuse({ id: 'north-csl1', quarter: '2026-Q2', to: 'manager', team: 'Atlantis' }),
    ).rejects.toThrow('Team "Atlantis" is not in the roster in force.');
    await expect(refuse({ id: 'north-csl2', quarter: '2026-Q2', to: 'left', team: 'North' })).rejects.toThrow(
      '--team only goes with --to manager.',
    );
    expect(await listPromotions()).toEqual([]);
  });

  it('records, corrects, lists and removes moves', async () => {
    const lines: string[] = [];
    await promotionRecord(
      { id: 'north-csl1', quarter: '2026-Q2', to: 'other-role' },
      (l) => lines.push(l),
      NOW,
    );
    await promotionRecord(
      { id: 'north-csl1', quarter: '2026-Q2', to: 'manager', team: 'North' },
      (l) => lines.push(l),
      NOW,
    );
    await promotionRecord({ id: 'north-csl2', quarter: '2026-Q2', to: 'left' }, (l) => lines.push(l), NOW);
    expect(lines[0]).toBe('Recorded: north-csl1 moved to other-role in 2026-Q2.');
    expect(lines[1]).toBe(
      'Updated: north-csl1 moved to manager (team North) in 2026-Q2. The validity report counts it once the new team has figures for 2 quarters after 2026-Q2 (from 2026-Q4).',
    );
    const list = await promotionList();
    expect(list.map((p) => [p.personId, p.quarter, p.to, p.team])).toEqual([
      ['north-csl1', '2026-Q2', 'manager', 'North'],
      ['north-csl2', '2026-Q2', 'left', undefined],
    ]);
    expect(list[0]?.recordedAt).toBe(NOW.toISOString());
    await promotionRemove({ id: 'north-csl2', quarter: '2026-Q2' }, quiet);
    await expect(promotionRemove({ id: 'north-csl2', quarter: '2026-Q2' }, quiet)).rejects.toThrow(
      'No move of north-csl2 is recorded for 2026-Q2.',
    );
    await promotionRecord({ id: 'north-csl2', quarter: '2026-Q2', to: 'left' }, quiet, NOW);
  });
});

describe('ladder validity', () => {
  it("reports each promoted leader's readiness against the new team's change, and not enough data below the minimum", async () => {
    const report = await validity();
    const promoted = report.rows.find((r) => r.personId === 'north-csl1');
    expect(promoted).toMatchObject({
      readiness: 81.5,
      readinessQuarter: '2026-Q1',
      // the North team without its manager; three sellers have figures: 0.90 before, 1.00 after
      teamBefore: 0.9,
      teamAfter: 1,
      teamChange: 10,
      othersChange: null,
      relativeChange: 10,
      quartersAfter: 2,
      status: 'counted',
    });
    expect(report.rows.find((r) => r.personId === 'north-csl2')?.status).toBe('not-a-promotion');
    expect(report.overall).toMatchObject({ n: 1, enough: false, spearman: null, minimum: 10 });
    const text = formatValidity(report);
    expect(text).toContain('Recorded moves: 1 promotion to manager, 0 moves to another role, 1 leaver.');
    expect(text).toMatch(/north-csl1\s+2026-Q2\s+manager\s+81\.5 \(2026-Q1\)/);
    expect(text).toContain(
      'Not enough data: 1 promotion to manager can be compared so far; the validity figure needs at least 10.',
    );
  });
});
