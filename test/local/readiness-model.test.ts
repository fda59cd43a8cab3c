/**
 * The readiness model against the local runtime (dynalite over the wire): `ladder metrics import`
 * (bad lines named, nothing stored on error, all-or-nothing versions), and the ScoreBatch handler
 * loading history, sales figures and rater leniency per batch, idempotent on a retry.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { Context } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { metricsImport } from '../../cli/commands/metrics.ts';
import { rosterImport } from '../../cli/commands/roster.ts';
import { DEFAULT_CONFIG } from '../../functions/core/config.ts';
import type { Rating } from '../../functions/core/model.ts';
import { competenciesFor } from '../../functions/core/questionnaire.ts';
import { handler as openCycle } from '../../functions/handlers/open-cycle.ts';
import { handler as scoreBatch } from '../../functions/handlers/score-batch.ts';
import { dynamo } from '../../functions/shared/aws-clients.ts';
import { loadFigures, metricsPointer } from '../../functions/shared/store/metrics-store.ts';
import { listLeaderRequests, saveResponse } from '../../functions/shared/store/request-store.ts';
import { listRecommendations } from '../../functions/shared/store/result-store.ts';
import { type LocalRuntime, startLocalRuntime } from '../../local/runtime.ts';

const ROSTER = `person_id,name,email,role,team,manager_id,coach_id
m1,Mara Manager,mara@example.com,manager,North,,
c1,Cleo Leader,cleo@example.com,consultant_leader,North,m1,
c2,Carl Leader,carl@example.com,consultant_leader,North,m1,
s1,Sam One,sam1@example.com,salesperson,North,m1,c1
s2,Sue Two,sue2@example.com,salesperson,North,m1,c1
s3,Sid Three,sid3@example.com,salesperson,North,m1,c1
s4,Sol Four,sol4@example.com,salesperson,North,m1,c2
s5,Sky Five,sky5@example.com,salesperson,North,m1,c2
s6,Sia Six,sia6@example.com,salesperson,North,m1,c2
`;
const context = { functionName: 'test', awsRequestId: 'test' } as Context;
let runtime: LocalRuntime;
let dir: string;

const file = async (name: string, text: string) => {
  const path = join(dir, name);
  await writeFile(path, text);
  return path;
};

async function scanPrefix(prefix: string) {
  const result = await dynamo().send(new ScanCommand({ TableName: runtime.tableName }));
  return (result.Items ?? []).filter((item) => String(item.pk).startsWith(prefix));
}

beforeAll(async () => {
  runtime = await startLocalRuntime({ quiet: true });
  dir = await mkdtemp(join(tmpdir(), 'ladder-model-'));
  await rosterImport(await file('roster.csv', ROSTER), () => {});
});
afterAll(async () => {
  await runtime?.close();
});

describe('ladder metrics import', () => {
  it('names every bad line and column and stores nothing', async () => {
    const bad = await file(
      'bad.csv',
      [
        'quarter,person_id,quota,attained',
        '2024-Q1,c1,100000,90000',
        '2024-Q9,c2,100000,90000',
        '2024-Q1,stranger,100000,90000',
        '2024-Q1,s1,"1,000",90000',
      ].join('\n'),
    );
    const error = await metricsImport(bad, () => {}).catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    const message = (error as Error).message;
    expect(message).toContain('were not imported (3 problems); nothing was changed');
    expect(message).toContain('line 3, column quarter: "2024-Q9" is not a quarter');
    expect(message).toContain(
      'line 4, column person_id: person_id "stranger" is not in the roster in force.',
    );
    expect(message).toContain('line 5, column quota: quota "1,000" has thousands separators');
    expect(await metricsPointer()).toBeUndefined();
    expect(await scanPrefix('METRICS')).toEqual([]);
  });

  it('imports all rows, and a later file updates some figures without losing the others', async () => {
    const lines = ['quarter,person_id,quota,attained'];
    for (const q of ['2024-Q1', '2024-Q2']) {
      for (const id of ['c1', 'c2']) lines.push(`${q},${id},100000,${q === '2024-Q1' ? 98000 : 105000}`);
      for (const id of ['s1', 's2', 's3']) lines.push(`${q},${id},50000,${q === '2024-Q1' ? 50000 : 60000}`);
      for (const id of ['s4', 's5', 's6']) lines.push(`${q},${id},50000,50000`);
    }
    const log: string[] = [];
    await metricsImport(await file('good.csv', lines.join('\n')), (line) => log.push(line));
    expect(log).toEqual([
      'Imported sales figures for 2024-Q1: 8 added, 0 updated (8 people with figures).',
      'Imported sales figures for 2024-Q2: 8 added, 0 updated (8 people with figures).',
    ]);
    const first = await metricsPointer();
    expect(Object.keys(first?.versions ?? {})).toEqual(['2024-Q1', '2024-Q2']);

    await metricsImport(
      await file('fix.csv', 'quarter,person_id,quota,attained\n2024-Q2,c2,100000,70000\n'),
      (line) => log.push(line),
    );
    expect(log.at(-1)).toBe(
      'Imported sales figures for 2024-Q2: 0 added, 1 updated (8 people with figures).',
    );
    const second = await metricsPointer();
    expect(second?.revision).toBe((first?.revision ?? 0) + 1);
    expect(second?.versions['2024-Q1']).toBe(first?.versions['2024-Q1']);
    expect(second?.versions['2024-Q2']).not.toBe(first?.versions['2024-Q2']);
    const figures = await loadFigures(['c1', 'c2', 's1'], ['2024-Q2']);
    expect(figures).toEqual([
      { quarter: '2024-Q2', personId: 'c1', quota: 100000, attained: 105000 },
      { quarter: '2024-Q2', personId: 'c2', quota: 100000, attained: 70000 },
      { quarter: '2024-Q2', personId: 's1', quota: 50000, attained: 60000 },
    ]);
  });
});

/** Opens the quarter's cycle and answers every request: manager `manager`, coachees 4, peers 3, self 5. */
async function runQuarter(quarter: string, manager: Rating) {
  const opened = await openCycle(
    {
      input: { quarter, deadline: new Date(Date.now() + 3_600_000).toISOString() },
      executionId: `exec-${quarter}`,
      startedAt: new Date().toISOString(),
    },
    context,
  );
  const value = { self: 5, manager, coachee: 4, peer: 3 } as const;
  for (const leaderId of ['c1', 'c2']) {
    for (const request of await listLeaderRequests(quarter, leaderId)) {
      const ratings = Object.fromEntries(
        competenciesFor(request.group).map((c) => [c.id, value[request.group]]),
      );
      await saveResponse(
        request,
        { status: 'answered', answers: { ratings, comments: { keep: '', change: '' } } },
        new Date().toISOString(),
      );
    }
  }
  return opened.batches;
}

describe('ScoreBatch with the readiness model', () => {
  it('scores with sales figures, stores the config version and leniency observations, and a retry changes nothing', async () => {
    expect(await runQuarter('2024-Q1', 5)).toEqual([0]);
    await scoreBatch({ quarter: '2024-Q1', batch: 0 }, context);
    const recs = await listRecommendations('2024-Q1');
    expect(recs.map((r) => r.leaderId)).toEqual(['c1', 'c2']);
    for (const rec of recs) {
      expect(rec.configVersion).toBe(DEFAULT_CONFIG.version);
      expect(rec.confidence?.level).toMatch(/^(high|medium|low)$/);
      expect(rec.quarterScores?.readiness).not.toBeNull();
      expect(rec.sales).toMatchObject({ ownAttainment: 0.98, ownQuarters: 1 });
      expect(rec.recommendation).not.toBe('ready-now'); // a first quarter is never sustained
    }
    const [rater] = await scanPrefix('RATER#m1');
    expect(rater).toMatchObject({ pk: 'RATER#m1', sk: 'LENIENCY', raterId: 'm1' });
    expect(Object.keys(rater ?? {}).filter((k) => k.startsWith('obs#'))).toEqual(['obs#2024-Q1#00000']);

    await scoreBatch({ quarter: '2024-Q1', batch: 0 }, context);
    const again = await listRecommendations('2024-Q1');
    const strip = (items: typeof recs) => items.map(({ scoredAt: _s, ...rest }) => rest);
    expect(strip(again)).toEqual(strip(recs));
    expect(await scanPrefix('RATER#m1')).toEqual([rater]);
  });

  it('reads the previous quarter, the figures over time and the stored leniency in the next quarter', async () => {
    await runQuarter('2024-Q2', 5);
    await scoreBatch({ quarter: '2024-Q2', batch: 0 }, context);
    const recs = await listRecommendations('2024-Q2');
    const c1 = recs.find((r) => r.leaderId === 'c1');
    expect(c1?.trend?.points.map((p) => p.quarter)).toEqual(['2024-Q1', '2024-Q2']);
    expect(c1?.reasons.join(' ')).toContain('with 1 earlier quarter');
    // c1's coachees went from 100 % to 120 % while c2's stayed at 100 %: +20 points
    expect(c1?.sales).toMatchObject({ coachingImpact: 20, coacheesWithFigures: 3, comparisonWithFigures: 3 });
    expect(recs.find((r) => r.leaderId === 'c2')?.sales).toMatchObject({
      coachingImpact: -20,
      ownAttainment: 0.7,
    });
    // the manager rated both leaders: calibrated on each with what they said of the other
    expect(c1?.calibration?.ratersAdjusted).toBeGreaterThanOrEqual(1);
    const [rater] = await scanPrefix('RATER#m1');
    expect(Object.keys(rater ?? {}).filter((k) => k.startsWith('obs#'))).toEqual([
      'obs#2024-Q1#00000',
      'obs#2024-Q2#00000',
    ]);
  });
});
