/**
 * Write sharding of a cycle's items (functions/shared/keys.ts): a leader's requests and
 * recommendation stay in one partition, a cycle's writes spread evenly over CYCLE_SHARDS partitions.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { syntheticRoster } from '../../bench/roster.ts';
import { DEFAULT_CONFIG } from '../../functions/core/config.ts';
import { assignRaters } from '../../functions/core/raters.ts';
import { CYCLE_SHARDS, keys, shardOf } from '../../functions/shared/keys.ts';

const Q = '2026-Q4';
const personId = fc.stringMatching(/^[A-Za-z0-9._-]{1,64}$/);

describe('cycle shards', () => {
  it('are a fixed layout: the same id always lands in the same shard', () => {
    // Pinned: stored cycles are found through these keys, so the hash must never change.
    expect(CYCLE_SHARDS).toBe(16);
    expect(['c1', 'c2', 's1', 't00001-l1', 'leader-42'].map(shardOf)).toMatchInlineSnapshot(`
      [
        9,
        0,
        9,
        2,
        13,
      ]
    `);
    expect(keys.request(Q, 'c1', 's1')).toEqual({
      pk: `CYCLE#${Q}#${String(shardOf('c1')).padStart(2, '0')}`,
      sk: 'REQ#c1#s1',
    });
  });

  it('keep the requests and the recommendation of a leader in one partition, apart from the cycle record', () => {
    fc.assert(
      fc.property(personId, personId, personId, (leader, rater, other) => {
        const { pk, skPrefix } = keys.requestsOfLeader(Q, leader);
        expect(keys.request(Q, leader, rater).pk).toBe(pk);
        expect(keys.request(Q, leader, other).pk).toBe(pk);
        expect(keys.request(Q, leader, rater).sk.startsWith(skPrefix)).toBe(true);
        expect(keys.recommendation(Q, leader).pk).toBe(pk);
        expect(keys.cycleShardPartitions(Q)).toContain(pk);
        expect(pk).not.toBe(keys.cycle(Q).pk);
        // A request's full key is recovered from its sort key (link tokens and email tags carry it).
        expect(keys.requestFromSk(Q, keys.request(Q, leader, rater).sk)).toEqual(
          keys.request(Q, leader, rater),
        );
      }),
    );
    expect(keys.requestFromSk(Q, 'REC#c1')).toBeUndefined();
    expect(keys.cycleItemFromSk(Q, 'SUMMARY')).toEqual(keys.summary(Q));
    expect(keys.cycleItemFromSk(Q, 'BATCH#00003')).toEqual(keys.batch(Q, 3));
    expect(new Set(keys.cycleShardPartitions(Q)).size).toBe(CYCLE_SHARDS);
  });

  it('spread a cycle evenly: no partition gets more than 1.15× its share', () => {
    const people = syntheticRoster(2_000);
    const requests = assignRaters(people, DEFAULT_CONFIG).map((a) => keys.request(Q, a.leaderId, a.raterId));
    expect(requests.length).toBe(24_000);
    const perPartition = new Map<string, number>();
    for (const { pk } of requests) perPartition.set(pk, (perPartition.get(pk) ?? 0) + 1);
    expect(perPartition.size).toBe(CYCLE_SHARDS);
    const share = requests.length / CYCLE_SHARDS;
    expect(Math.max(...perPartition.values())).toBeLessThan(1.15 * share);
    expect(Math.min(...perPartition.values())).toBeGreaterThan(0.85 * share);
  });

  it('give other engineers the same spreading for items of their own', () => {
    const item = keys.shardedCycleItem(Q, 's1', 'INVITE#s1');
    expect(item).toEqual({ pk: keys.cycleShardPartition(Q, 's1'), sk: 'INVITE#s1' });
    expect(keys.cycleShardPartitions(Q)).toContain(item.pk);
  });
});
