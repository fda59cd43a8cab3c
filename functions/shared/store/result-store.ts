/** Recommendations and the cycle summary. */
import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Disclosure } from '../../core/differencing.ts';
import type { HistoryEntry } from '../../core/model.ts';
import { retentionAttributes } from '../../core/retention.ts';
import { dynamo } from '../aws-clients.ts';
import { keys } from '../keys.ts';
import type { RecommendationItem, SummaryItem } from './items.ts';
import { batchGet, getItem, queryAll, queryPartitions, tableName } from './table.ts';

/**
 * Writes (or rewrites, on a retry) the recommendation of one leader and quarter, kept as long as
 * scores and its report's comments as long as comments, both counted from `closedAt` (when the
 * cycle closed: a retry writes the same expiry).
 */
export async function putRecommendation(item: RecommendationItem, closedAt: string): Promise<void> {
  await dynamo().send(
    new PutCommand({
      TableName: tableName(),
      Item: { ...item, ...retentionAttributes('recommendation', closedAt) },
    }),
  );
}

/** The recommendations of a quarter, sorted by leader id (the HR export): every shard, merged. */
export function listRecommendations(quarter: string): Promise<RecommendationItem[]> {
  return queryPartitions<RecommendationItem>(keys.cycleShardPartitions(quarter), keys.recommendationPrefix);
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
 * A leader's scores by quarter (what the validity figure and the start of a promotion record need):
 * the same query projected to five attributes, not the whole recommendation (≈ 6 KB each).
 */
export async function leaderScoreHistory(leaderId: string): Promise<HistoryEntry[]> {
  const items = await queryAll<HistoryEntry>({
    IndexName: 'gsi1',
    KeyConditionExpression: 'gsi1pk = :pk AND begins_with(gsi1sk, :prefix)',
    ExpressionAttributeValues: { ':pk': keys.leaderHistoryPartition(leaderId), ':prefix': 'REC#' },
    ProjectionExpression: 'quarter, readinessScore, coachingScore, managementScore, recommendation',
  });
  return items.map((item) => ({
    quarter: item.quarter,
    readinessScore: item.readinessScore,
    coachingScore: item.coachingScore,
    managementScore: item.managementScore,
    recommendation: item.recommendation,
  }));
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
  await dynamo().send(
    new PutCommand({
      TableName: tableName(),
      Item: { ...summary, ...retentionAttributes('summary', summary.summarizedAt) },
    }),
  );
}

export function getSummary(quarter: string): Promise<SummaryItem | undefined> {
  return getItem<SummaryItem>(keys.summary(quarter));
}
