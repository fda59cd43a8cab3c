import type { Context } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { epochSeconds } from '../../functions/core/retention.ts';
import { handler, SWEEP_SEGMENTS } from '../../functions/handlers/sweep-comments.ts';
import type { SweepResult } from '../../functions/shared/store/retention-store.ts';
import { batchPut } from '../../functions/shared/store/table.ts';
import { type LocalRuntime, startLocalRuntime } from '../../local/runtime.ts';
import { type StoredItem, scanTable } from '../support/table-scan.ts';

const context = { functionName: 'SweepComments', awsRequestId: 'test' } as Context;
let runtime: LocalRuntime;

beforeAll(async () => {
  // No background sweep of the local TTL during the test: it is about the function alone.
  runtime = await startLocalRuntime({ quiet: true, sweepIntervalMs: 3_600_000 });
});
afterAll(() => runtime?.close());

type Stored = StoredItem;
/** Every item in the table, in key order. */
async function everything(): Promise<Stored[]> {
  return (await scanTable(runtime.tableName)).sort((a, b) =>
    `${a.pk}|${a.sk}`.localeCompare(`${b.pk}|${b.sk}`),
  );
}

describe('SweepComments', () => {
  it('removes expired comments from requests and reports, leaves expired items to TTL and the rest alone', async () => {
    const now = epochSeconds();
    const answers = { ratings: { hiring: 4 }, comments: { keep: 'Clear plans', change: 'Listen more' } };
    const report = {
      groups: [{ group: 'peer', comments: { keep: ['Clear plans'], change: ['Listen more'] } }],
    };
    // 60 expired requests over many partitions (every scan segment gets some), one report, and
    // items that must not change.
    const expired = Array.from({ length: 60 }, (_, i) => ({
      pk: `CYCLE#2024-Q1#${String(i % 16).padStart(2, '0')}`,
      sk: `REQ#l${i}#r${i}`,
      answers,
      expiresAt: now + 86_400,
      commentsExpireAt: now - 60,
    }));
    const items = [
      ...expired,
      {
        pk: 'CYCLE#2024-Q1#03',
        sk: 'REC#l3',
        report,
        expiresAt: now + 86_400 * 365,
        commentsExpireAt: now - 1,
      },
      {
        pk: 'CYCLE#2026-Q3#03',
        sk: 'REQ#l9#r9',
        answers,
        expiresAt: now + 86_400,
        commentsExpireAt: now + 3_600,
      },
      { pk: 'CYCLE#2023-Q1#01', sk: 'REQ#l1#r1', answers, expiresAt: now - 60 },
      { pk: 'ROSTER', sk: 'CURRENT', version: 'v1' },
    ];
    await batchPut(items);
    const before = await everything();

    const result = (await handler({}, context)) as SweepResult;
    expect(SWEEP_SEGMENTS).toBeGreaterThan(1);
    expect(result).toMatchObject({ deleted: 0, commentsRemoved: 61 });
    expect(result.scanned).toBe(before.length);

    const after = await everything();
    expect(after).toHaveLength(before.length); // nothing deleted: expired items are TTL's
    const byKey = new Map(after.map((item) => [`${item.pk}|${item.sk}`, item]));
    for (const item of expired) {
      const swept = byKey.get(`${item.pk}|${item.sk}`)!;
      expect(swept.answers).toEqual({ ratings: { hiring: 4 }, comments: { keep: '', change: '' } });
      expect(swept).not.toHaveProperty('commentsExpireAt');
      expect(swept.expiresAt).toBe(item.expiresAt);
    }
    expect(byKey.get('CYCLE#2024-Q1#03|REC#l3')!.report).toEqual({
      groups: [{ group: 'peer', comments: { keep: [], change: [] } }],
    });
    for (const untouched of ['CYCLE#2026-Q3#03|REQ#l9#r9', 'CYCLE#2023-Q1#01|REQ#l1#r1', 'ROSTER|CURRENT'])
      expect(byKey.get(untouched)).toEqual(before.find((item) => `${item.pk}|${item.sk}` === untouched));

    expect(await handler({}, context)).toMatchObject({ deleted: 0, commentsRemoved: 0 });
  });
});
