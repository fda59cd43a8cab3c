/**
 * What the readiness model reads of earlier quarters, per scoring batch: the leaders'
 * recommendations of the last quarters, by key (one BatchGetItem per 100 keys, strongly consistent,
 * only the attributes the model uses) rather than one GSI query per leader.
 */
import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';
import type { HistoryEntry } from '../../core/model.ts';
import { dynamo } from '../aws-clients.ts';
import { TransientError } from '../errors.ts';
import { keys } from '../keys.ts';
import { tableName } from './table.ts';

const HISTORY_ATTRIBUTES = [
  'leaderId',
  'quarter',
  'readinessScore',
  'coachingScore',
  'managementScore',
  'recommendation',
  'quarterScores',
] as const;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Earlier recommendations of `leaderIds` in `quarters`, grouped by leader id. */
export async function recentHistory(
  leaderIds: readonly string[],
  quarters: readonly string[],
): Promise<Map<string, HistoryEntry[]>> {
  const keyList = quarters.flatMap((quarter) =>
    leaderIds.map((leaderId) => keys.recommendation(quarter, leaderId)),
  );
  const names = Object.fromEntries(HISTORY_ATTRIBUTES.map((name, i) => [`#a${i}`, name]));
  const found: (HistoryEntry & { leaderId: string })[] = [];
  for (let i = 0; i < keyList.length; i += 100) {
    let Keys: Record<string, unknown>[] = keyList.slice(i, i + 100);
    for (let attempt = 0; Keys.length > 0; attempt++) {
      if (attempt > 8) throw new TransientError('BatchGetItem kept returning unprocessed keys');
      if (attempt > 0) await sleep(Math.min(1000, 25 * 2 ** attempt));
      const result = await dynamo().send(
        new BatchGetCommand({
          RequestItems: {
            [tableName()]: {
              Keys,
              ConsistentRead: true,
              ProjectionExpression: Object.keys(names).join(', '),
              ExpressionAttributeNames: names,
            },
          },
        }),
      );
      found.push(...((result.Responses?.[tableName()] ?? []) as (HistoryEntry & { leaderId: string })[]));
      Keys = result.UnprocessedKeys?.[tableName()]?.Keys ?? [];
    }
  }
  const byLeader = new Map<string, HistoryEntry[]>();
  for (const { leaderId, ...entry } of found)
    byLeader.set(leaderId, [...(byLeader.get(leaderId) ?? []), entry]);
  return byLeader;
}
