/** Recommendations and the cycle summary. */
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Disclosure } from '../../core/differencing.ts';
import { dynamo } from '../aws-clients.ts';
import { keys } from '../keys.ts';
import type { RecommendationItem, SummaryItem } from './items.ts';
import { batchGet, queryAll, queryPrefix, tableName } from './table.ts';

/** Writes (or rewrites, on a retry) the recommendation of one leader and quarter. */
export async function putRecommendation(item: RecommendationItem): Promise<void> {
  await dynamo().send(new PutCommand({ TableName: tableName(), Item: item }));
}

/** The recommendations of a quarter, sorted by leader id (the HR export). */
export function listRecommendations(quarter: string): Promise<RecommendationItem[]> {
  return queryPrefix<RecommendationItem>(keys.cyclePartition(quarter), keys.recommendationPrefix);
}

export function getRecommendations(quarter: string, leaderIds: string[]): Promise<RecommendationItem[]> {
  return batchGet<RecommendationItem>(leaderIds.map((id) => keys.recommendation(quarter, id)));
}

/** A leader's recommendations across quarters, oldest first (GSI1, eventually consistent). */
export function leaderHistory(leaderId: string): Promise<RecommendationItem[]> {
  return queryAll<RecommendationItem>({
    IndexName: 'gsi1',
    KeyConditionExpression: 'gsi1pk = :pk AND begins_with(gsi1sk, :prefix)',
    ExpressionAttributeValues: { ':pk': keys.leaderHistoryPartition(leaderId), ':prefix': 'REC#' },
  });
}

/**
 * Stores what a leader's report showed (functions/core/differencing.ts) on the recommendation, for
 * the guard of later quarters. Deterministic for a given quarter and history, so a retry writes
 * the same value.
 */
export async function recordDisclosure(
  quarter: string,
  leaderId: string,
  disclosure: Disclosure,
): Promise<void> {
  await dynamo().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: keys.recommendation(quarter, leaderId),
      UpdateExpression: 'SET disclosure = :disclosure',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':disclosure': disclosure },
    }),
  );
}

export async function putSummary(summary: SummaryItem): Promise<void> {
  await dynamo().send(new PutCommand({ TableName: tableName(), Item: summary }));
}

export async function getSummary(quarter: string): Promise<SummaryItem | undefined> {
  const result = await dynamo().send(
    new GetCommand({ TableName: tableName(), Key: keys.summary(quarter), ConsistentRead: true }),
  );
  return result.Item as SummaryItem | undefined;
}
