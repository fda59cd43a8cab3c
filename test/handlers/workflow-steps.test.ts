/**
 * Workflow handlers called directly, as a Step Functions retry or redrive would call them again,
 * against dynalite and aws-ses-v2-local over the wire.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Context } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rosterImport } from '../../cli/commands/roster.ts';
import { handler as closeCycle } from '../../functions/handlers/close-cycle.ts';
import { handler as collect } from '../../functions/handlers/collect.ts';
import { handler as openCycle } from '../../functions/handlers/open-cycle.ts';
import { handler as publishReports } from '../../functions/handlers/publish-reports.ts';
import { handler as scoreBatch } from '../../functions/handlers/score-batch.ts';
import { handler as sendEmails } from '../../functions/handlers/send-emails.ts';
import { getCycle } from '../../functions/shared/store/cycle-store.ts';
import { listCycleRequests } from '../../functions/shared/store/request-store.ts';
import { listRecommendations } from '../../functions/shared/store/result-store.ts';
import { type LocalRuntime, startLocalRuntime } from '../../local/runtime.ts';
import { clearMailStore, readMailStore } from '../../local/ses.ts';

const ROSTER = `person_id,name,email,role,team,manager_id,coach_id
m1,Mara Manager,mara@example.com,manager,North,,
c1,Cleo Leader,cleo@example.com,consultant_leader,North,m1,
c2,Carl Leader,carl@example.com,consultant_leader,North,m1,
s1,Sam One,sam1@example.com,salesperson,North,m1,c1
s2,Sue Two,sue2@example.com,salesperson,North,m1,c2
`;
const context = { functionName: 'test', awsRequestId: 'test' } as Context;
let runtime: LocalRuntime;

beforeAll(async () => {
  runtime = await startLocalRuntime({ quiet: true });
  const dir = await mkdtemp(join(tmpdir(), 'ladder-steps-'));
  await writeFile(join(dir, 'roster.csv'), ROSTER);
  await rosterImport(join(dir, 'roster.csv'), () => {});
});
afterAll(async () => {
  await runtime?.close();
});

const mails = async () => (await readMailStore(runtime.endpoints.ses)).emails;

describe('workflow steps are safe to run again', () => {
  const quarter = '2024-Q4';
  const open = (executionId: string) =>
    openCycle(
      {
        input: { quarter, deadline: new Date(Date.now() + 3_600_000).toISOString() },
        executionId,
        startedAt: new Date().toISOString(),
      },
      context,
    );

  it('OpenCycle: a retry of the same execution returns the same batches; another execution is refused', async () => {
    const first = await open('exec-1');
    expect(first).toMatchObject({ quarter, alreadyOpen: false, batches: [0] });
    const requests = await listCycleRequests(quarter);
    // c1: self, manager, coachee s1, peers c2 and s2 → 5; c2 likewise → 10.
    expect(requests).toHaveLength(10);
    expect(await open('exec-1')).toMatchObject({ alreadyOpen: false, batches: [0] });
    expect(await listCycleRequests(quarter)).toHaveLength(10);
    expect(await open('exec-2')).toMatchObject({ alreadyOpen: true, batches: [] });
    expect((await getCycle(quarter))?.executionId).toBe('exec-1');
  });

  it('SendEmails: a retried batch sends nothing twice; a reminder round goes once to open requests', async () => {
    await clearMailStore(runtime.endpoints.ses);
    // One invitation per rater (5 raters, 10 requests), each listing everyone they are asked about.
    const invite = { quarter, batch: 0, kind: 'invitation' as const, round: 0 };
    expect(await sendEmails(invite, context)).toMatchObject({ sent: 5, settled: true, waitSeconds: 0 });
    expect(await sendEmails(invite, context)).toMatchObject({ sent: 0, settled: true });
    expect(await mails()).toHaveLength(5);
    expect((await listCycleRequests(quarter)).every((r) => r.status === 'sent')).toBe(true);

    const remind = { quarter, batch: 0, kind: 'reminder' as const, round: 1 };
    expect(await sendEmails(remind, context)).toMatchObject({ sent: 5, settled: true });
    expect(await sendEmails(remind, context)).toMatchObject({ sent: 0, settled: true });
    expect(await mails()).toHaveLength(10);
    expect((await listCycleRequests(quarter)).every((r) => r.remindersSent === 1)).toBe(true);
  });

  it('Collect checkpoint: reminder due once its time has passed, done at the deadline', async () => {
    const decision = await collect({ action: 'checkpoint', quarter }, context);
    expect(decision).toMatchObject({ done: false, reminderDue: false });
    expect((decision as { secondsToCheckpoint: number }).secondsToCheckpoint).toBeGreaterThan(0);
  });

  it('Close, score and publish can each run twice without a second email or a changed result', async () => {
    await closeCycle({ quarter }, context);
    await closeCycle({ quarter }, context);
    expect((await getCycle(quarter))?.status).toBe('closed');
    await scoreBatch({ quarter, batch: 0 }, context);
    const scored = await listRecommendations(quarter);
    await scoreBatch({ quarter, batch: 0 }, context);
    const rescored = await listRecommendations(quarter);
    expect(rescored.map(({ scoredAt: _a, ...rest }) => rest)).toEqual(
      scored.map(({ scoredAt: _b, ...rest }) => rest),
    );
    expect(rescored.every((r) => r.recommendation === 'insufficient-evidence')).toBe(true);
    expect((await listCycleRequests(quarter)).every((r) => r.status === 'expired')).toBe(true);

    await clearMailStore(runtime.endpoints.ses);
    await publishReports({ quarter, batch: 0 }, context);
    await publishReports({ quarter, batch: 0 }, context);
    // Two leader reports and one manager summary, once each.
    expect((await mails()).map((m) => m.destination.to[0]).sort()).toEqual([
      'carl@example.com',
      'cleo@example.com',
      'mara@example.com',
    ]);
  });
});
