/**
 * The console's reads against the local DynamoDB: a projected read of a quarter's shard partitions
 * returns exactly what was written and has not expired; the leader digest is built once, read back, and rebuilt when the summary changes.
 */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LeaderSummary } from '../../functions/core/views/leader-summary.ts';
import { dynamo } from '../../functions/shared/aws-clients.ts';
import { keys } from '../../functions/shared/keys.ts';
import {
  type DigestItem,
  digestChunks,
  quarterSummaries,
  readDigest,
} from '../../functions/shared/store/digest-store.ts';
import { batchPut, queryPartitions, queryPrefix } from '../../functions/shared/store/table.ts';
import { type LocalRuntime, startLocalRuntime } from '../../local/runtime.ts';

let runtime: LocalRuntime;
beforeAll(async () => {
  runtime = await startLocalRuntime({ quiet: true });
});
afterAll(() => runtime?.close());

const summary = (leaderId: string, name = `Leader ${leaderId}`): LeaderSummary => ({
  quarter: '2026-Q4',
  leaderId,
  leaderName: name,
  team: 'North',
  managerId: 'm1',
  readinessScore: 70,
  coachingScore: 70,
  managementScore: 70,
  recommendation: 'ready-next-year',
  flags: [],
  competencies: { hiring: 80 },
  attainment: 0.9,
  confidence: 'medium',
  trend: null,
});

describe('sharded reads', () => {
  it("property: a projected read of a quarter's shards is every live item of the kind, once, in sort-key order", async () => {
    // Ids that are prefixes of one another, and separators that sort around '#'.
    const id = fc.stringMatching(/^[a-c][0-9._-]{0,3}$/);
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(id, { minLength: 1, maxLength: 60 }), async (ids) => {
        const quarter = `2030-Q1-run${run++}`;
        const future = Math.floor(Date.now() / 1000) + 86_400;
        const items = ids.flatMap((leaderId) => [
          { ...keys.recommendation(quarter, leaderId), leaderId, expiresAt: future },
          { ...keys.request(quarter, leaderId, 'r1'), leaderId },
          { ...keys.request(quarter, leaderId, 'r2'), leaderId },
        ]);
        // Expired but not yet deleted (TTL is lazy): never read, even when not projected.
        const expired = { ...keys.request(quarter, ids[0]!, 'gone'), leaderId: ids[0], expiresAt: 1 };
        await batchPut([...items, expired]);
        for (const prefix of ['REC#', 'REQ#']) {
          const partitions = keys.cycleShardPartitions(quarter);
          const read = await queryPartitions<{ sk: string; leaderId: string }>(partitions, prefix, [
            'leaderId',
          ]);
          const expected = items
            .filter((item) => item.sk.startsWith(prefix))
            .map((item) => item.sk)
            .sort();
          expect(read.map((item) => item.sk)).toEqual(expected);
          expect(new Set(read.map((item) => item.leaderId))).toEqual(new Set(ids));
          // Only what was asked for: `expiresAt` was read to filter, and dropped again.
          for (const item of read) expect(Object.keys(item).sort()).toEqual(['leaderId', 'sk']);
        }
      }),
      { numRuns: 25 },
    );
  });
});

describe('leader digest', () => {
  it('chunks never split a leader and stay under the limit; a stale or partial digest is not used', () => {
    const many = Array.from({ length: 50 }, (_, i) => summary(`l${i}`, 'x'.repeat(100)));
    const chunks = digestChunks(many, 2000);
    expect(chunks.length).toBeGreaterThan(3);
    for (const chunk of chunks) expect(Buffer.byteLength(chunk)).toBeLessThanOrEqual(2000);
    expect(chunks.flatMap((c) => JSON.parse(c) as LeaderSummary[])).toEqual(many);
    const items: DigestItem[] = chunks.map((rows, chunk) => ({
      pk: 'p',
      sk: `DIGEST#${chunk}`,
      quarter: '2026-Q4',
      source: 'a',
      chunk,
      chunks: chunks.length,
      rows,
    }));
    expect(readDigest(items, 'a')).toEqual(many);
    expect(readDigest(items, 'b')).toBeUndefined();
    expect(readDigest(items.slice(1), 'a')).toBeUndefined();
  });

  it('is built on the first read of a summarized quarter, then read back; a new summary rebuilds it', async () => {
    const quarter = '2026-Q3';
    const rec = (leaderId: string, name: string) => ({
      ...keys.recommendation(quarter, leaderId),
      ...keys.recommendationHistory(quarter, leaderId),
      ...summary(leaderId, name),
      quarter,
      competencies: [{ id: 'hiring', label: 'Hiring', score: 80 }],
      sales: { ownRecent: 0.9 },
      confidence: { level: 'medium' },
    });
    const putSummary = (summarizedAt: string) =>
      dynamo().send(
        new PutCommand({
          TableName: runtime.tableName,
          Item: { ...keys.summary(quarter), quarter, summarizedAt, leaders: 1 },
        }),
      );
    await batchPut([rec('a', 'Ann')]);
    // Not summarized: read live, no digest written.
    expect((await quarterSummaries(quarter)).map((s) => s.leaderName)).toEqual(['Ann']);
    expect(await queryPrefix(keys.cyclePartition(quarter), keys.leaderDigestPrefix)).toEqual([]);

    await putSummary('2027-01-05T10:00:00.000Z');
    expect((await quarterSummaries(quarter)).map((s) => s.leaderName)).toEqual(['Ann']);
    const digest = await queryPrefix<DigestItem>(keys.cyclePartition(quarter), keys.leaderDigestPrefix);
    expect(digest.map((d) => d.source)).toEqual(['2027-01-05T10:00:00.000Z']);

    // The digest is what is read now: a changed recommendation is not seen until the next summary…
    await batchPut([rec('a', 'Ann Renamed')]);
    expect((await quarterSummaries(quarter)).map((s) => s.leaderName)).toEqual(['Ann']);
    // …which a redrive writes: the digest is rebuilt from the recommendations.
    await putSummary('2027-01-06T10:00:00.000Z');
    expect((await quarterSummaries(quarter)).map((s) => s.leaderName)).toEqual(['Ann Renamed']);
  });

  it('expires with the first of the recommendations it copies (it holds their names and scores)', async () => {
    const quarter = '2026-Q1';
    const soon = Math.floor(Date.now() / 1000) + 86_400;
    await batchPut(
      [
        ['a', soon + 500],
        ['b', soon],
        ['c', soon + 900],
      ].map(([leaderId, expiresAt]) => ({
        ...keys.recommendation(quarter, String(leaderId)),
        ...summary(String(leaderId)),
        quarter,
        competencies: [],
        expiresAt,
      })),
    );
    await dynamo().send(
      new PutCommand({
        TableName: runtime.tableName,
        Item: { ...keys.summary(quarter), quarter, summarizedAt: '2026-04-02T00:00:00.000Z', leaders: 3 },
      }),
    );
    expect(await quarterSummaries(quarter)).toHaveLength(3);
    const digest = await queryPrefix<DigestItem>(keys.cyclePartition(quarter), keys.leaderDigestPrefix);
    expect(digest.map((d) => d.expiresAt)).toEqual([soon]);
  });
});
