/**
 * What the readiness model reads of earlier quarters, per scoring batch: the leaders'
 * recommendations of the last quarters, by key (one BatchGetItem per 100 keys, strongly consistent,
 * only the attributes the model uses) rather than one GSI query per leader.
 */
import type { HistoryEntry } from '../../core/model.ts';
import { keys } from '../keys.ts';
import { batchGet } from './table.ts';

const HISTORY_ATTRIBUTES = [
  'leaderId',
  'quarter',
  'readinessScore',
  'coachingScore',
  'managementScore',
  'recommendation',
  'quarterScores',
] as const;

/** Earlier recommendations of `leaderIds` in `quarters`, grouped by leader id. */
export async function recentHistory(
  leaderIds: readonly string[],
  quarters: readonly string[],
): Promise<Map<string, HistoryEntry[]>> {
  const keyList = quarters.flatMap((quarter) =>
    leaderIds.map((leaderId) => keys.recommendation(quarter, leaderId)),
  );
  const found = await batchGet<HistoryEntry & { leaderId: string }>(keyList, HISTORY_ATTRIBUTES);
  const byLeader = new Map<string, HistoryEntry[]>();
  for (const { leaderId, ...entry } of found)
    byLeader.set(leaderId, [...(byLeader.get(leaderId) ?? []), entry]);
  return byLeader;
}
