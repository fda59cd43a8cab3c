/**
 * Batch writes under AWS's throughput limits (the local metering proxy): they back off and keep
 * going while a partition is busy, never give up while anything gets through, and never write an
 * item twice — and a snapshot interrupted half-way resumes without writing anything again.
 */
import type { Context } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syntheticRoster } from '../../bench/roster.ts';
import { DEFAULT_CONFIG } from '../../functions/core/config.ts';
import { handler as openCycle } from '../../functions/handlers/open-cycle.ts';
import { onClientCreated } from '../../functions/shared/aws-clients.ts';
import { getCycle } from '../../functions/shared/store/cycle-store.ts';
import { listInvitees } from '../../functions/shared/store/mail-store.ts';
import { listCycleRequests } from '../../functions/shared/store/request-store.ts';
import { importRoster } from '../../functions/shared/store/roster-store.ts';
import { batchPut } from '../../functions/shared/store/table.ts';
import { type LocalRuntime, startLocalRuntime } from '../../local/runtime.ts';

/**
 * Every item DynamoDB accepted, by key, counted from the SDK's side (sent minus unprocessed); and a
 * switch that makes BatchWriteItem fail before it leaves the SDK (nothing written), as a 5xx would.
 */
class AcceptedWrites {
  readonly counts = new Map<string, number>();
  failing = false;
  readonly stop = onClientCreated((client, service) => {
    if (service !== 'dynamodb') return;
    type Next = (args: { input: Record<string, unknown> }) => Promise<{ output: Record<string, unknown> }>;
    (client.middlewareStack as unknown as { add(m: unknown, o: object): void }).add(
      (next: Next, context: { commandName?: string }) => async (args: { input: Record<string, unknown> }) => {
        if (context.commandName !== 'BatchWriteItemCommand') return next(args);
        if (this.failing)
          throw Object.assign(new Error('Internal server error (test)'), {
            name: 'InternalServerError',
            $metadata: { httpStatusCode: 500 },
          });
        const result = await next(args);
        const table = Object.keys(args.input.RequestItems as object)[0]!;
        const sent = (args.input.RequestItems as Record<string, { PutRequest: { Item: Key } }[]>)[table]!;
        const unprocessed = (result.output.UnprocessedItems ?? {}) as Record<
          string,
          { PutRequest: { Item: Key } }[]
        >;
        const left = new Set((unprocessed[table] ?? []).map((r) => id(r.PutRequest.Item)));
        for (const request of sent) {
          const key = id(request.PutRequest.Item);
          if (!left.has(key)) this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
        }
        return result;
      },
      { step: 'initialize', name: 'acceptedWrites', override: true },
    );
  });
  of(prefix: string): number[] {
    return [...this.counts].filter(([key]) => key.startsWith(prefix)).map(([, n]) => n);
  }
}
type Key = { pk: string; sk: string };
const id = (key: Key) => `${key.pk}|${key.sk}`;

const accepted = new AcceptedWrites();
let runtime: LocalRuntime;
beforeAll(async () => {
  runtime = await startLocalRuntime({ quiet: true, retryIntervalScale: 0.01 });
});
afterAll(async () => {
  accepted.stop();
  await runtime?.close();
});

describe('batchPut under throttling', () => {
  it('waits out a partition kept full by another writer for 6 s and writes every item exactly once', async () => {
    const meter = runtime.throughput!;
    const pk = 'HOG#partition';
    // Another writer keeps the partition at its limit (1,000 units a second) for six seconds: the
    // old batchPut gave up after 9 attempts (about 4.6 s) and left the rest unwritten.
    const hog = setInterval(
      () => meter.charge([{ partition: `table:${pk}`, kind: 'write', units: 1_000 }]),
      100,
    );
    meter.charge([{ partition: `table:${pk}`, kind: 'write', units: 1_000 }]);
    const stopHog = new Promise<void>((resolve) =>
      setTimeout(() => {
        clearInterval(hog);
        resolve();
      }, 6_000),
    );
    const items = Array.from({ length: 120 }, (_, i) => ({ pk, sk: `item-${String(i).padStart(3, '0')}` }));
    const started = Date.now();
    await batchPut(items);
    await stopHog;
    expect(Date.now() - started).toBeGreaterThanOrEqual(5_900);
    expect(accepted.of(`${pk}|`)).toEqual(items.map(() => 1));
    expect(meter.allTimePeaks().throttled.TableWriteKeyRangeThroughputExceeded).toBeGreaterThan(0);
  });
});

describe('the roster snapshot of a cycle', () => {
  const context = { functionName: 'test', awsRequestId: 'test' } as Context;
  const quarter = '2025-Q2';
  const leaders = 200;

  it('resumes after a failure half-way without writing any request or batch twice', async () => {
    await importRoster(syntheticRoster(leaders));
    const open = () =>
      openCycle(
        {
          input: { quarter, deadline: new Date(Date.now() + 86_400_000).toISOString() },
          executionId: 'exec-snapshot',
          startedAt: new Date().toISOString(),
        },
        context,
      );
    // BatchWriteItem starts failing once 500 requests are stored: the first attempt stops
    // half-way, with some batches complete, some partly written and some not started.
    const watcher = setInterval(() => {
      if (accepted.of(`CYCLE#${quarter}#`).length >= 500) accepted.failing = true;
    }, 1);
    await expect(open()).rejects.toMatchObject({ name: 'TransientError' });
    clearInterval(watcher);
    accepted.failing = false;
    expect((await getCycle(quarter))?.status).toBe('opening');
    const written = accepted.of(`CYCLE#${quarter}#`).length;
    expect(written).toBeGreaterThan(0);
    expect(written).toBeLessThan(leaders * 12);

    // The workflow's retry: the same execution opens again and finishes the snapshot.
    const result = await open();
    expect(result.batches).toHaveLength(Math.ceil(leaders / DEFAULT_CONFIG.batchSize));
    expect((await getCycle(quarter))?.status).toBe('collecting');
    const requests = await listCycleRequests(quarter);
    expect(requests).toHaveLength(leaders * 12);
    const invitees = await listInvitees(quarter);
    // Every request, invitee and batch item was accepted exactly once over both attempts.
    expect(accepted.of(`CYCLE#${quarter}#`)).toEqual([...requests, ...invitees].map(() => 1));
    expect(accepted.of(`CYCLE#${quarter}|BATCH#`)).toEqual(result.batches.map(() => 1));
  });
});
