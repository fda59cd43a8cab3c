/** Recommendations, report-sent markers and the cycle summary. */
import { randomUUID } from 'node:crypto';
import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Disclosure } from '../../core/differencing.ts';
import { retentionAttributes } from '../../core/retention.ts';
import { dynamo } from '../aws-clients.ts';
import { keys } from '../keys.ts';
import type { RecommendationItem, SummaryItem } from './items.ts';
import { batchGet, getItem, isConditionFailure, queryAll, queryPartitions, tableName } from './table.ts';

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
 * Sets a "sent" marker attribute once. Returns the claim id for the caller that set it, who then
 * sends; a retry of the step finds it set and sends nothing. The claim id (kept in `<marker>Claim`)
 * lets the SDK's retry of this very write, after a lost response, still recognise its own claim.
 */
export async function claimOnce(
  key: { pk: string; sk: string },
  attribute: string,
  now: string,
  claim: string = randomUUID(),
): Promise<string | undefined> {
  try {
    await dynamo().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: key,
        UpdateExpression: 'SET #marker = :now, #claim = :claim',
        ConditionExpression: 'attribute_not_exists(#marker) OR #claim = :claim',
        ExpressionAttributeNames: { '#marker': attribute, '#claim': `${attribute}Claim` },
        ExpressionAttributeValues: { ':now': now, ':claim': claim },
      }),
    );
    return claim;
  } catch (error) {
    if (isConditionFailure(error)) return undefined;
    throw error;
  }
}

/** Undoes its own `claimOnce` when the email certainly was not sent, so the retry sends it. */
export async function releaseClaim(
  key: { pk: string; sk: string },
  attribute: string,
  claim: string,
): Promise<void> {
  try {
    await dynamo().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: key,
        UpdateExpression: 'REMOVE #marker, #claim',
        ConditionExpression: '#claim = :claim',
        ExpressionAttributeNames: { '#marker': attribute, '#claim': `${attribute}Claim` },
        ExpressionAttributeValues: { ':claim': claim },
      }),
    );
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
  }
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

/** Marker item for "this manager's team summary was sent" (managers have no item of their own). */
export function managerSummaryKey(quarter: string, managerId: string) {
  return keys.managerSummary(quarter, managerId);
}

/**
 * Creates an item holding only its key (and its retention attributes) unless it exists; for the
 * markers of send-once emails.
 */
export async function ensureItem(
  key: { pk: string; sk: string },
  attributes: { expiresAt?: number } = {},
): Promise<void> {
  try {
    await dynamo().send(
      new PutCommand({
        TableName: tableName(),
        Item: { ...key, ...attributes },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
  }
}

/** The marker of a manager's team summary, created once (kept as long as requests, from now). */
export async function ensureManagerSummaryMarker(quarter: string, managerId: string) {
  const key = managerSummaryKey(quarter, managerId);
  await ensureItem(key, retentionAttributes('managerSummary', new Date()));
  return key;
}

export async function putSummary(summary: SummaryItem): Promise<void> {
  // Keeps the hrEmailSentAt marker of an earlier attempt.
  const existing = await getSummary(summary.quarter);
  await dynamo().send(
    new PutCommand({
      TableName: tableName(),
      Item: {
        ...summary,
        ...(existing?.hrEmailSentAt
          ? {
              hrEmailSentAt: existing.hrEmailSentAt,
              ...(existing.hrEmailSentAtClaim ? { hrEmailSentAtClaim: existing.hrEmailSentAtClaim } : {}),
            }
          : {}),
        ...retentionAttributes('summary', summary.summarizedAt),
      },
    }),
  );
}

export function getSummary(quarter: string): Promise<SummaryItem | undefined> {
  return getItem<SummaryItem>(keys.summary(quarter));
}
