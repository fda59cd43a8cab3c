/** Recommendations, report-sent markers and the cycle summary. */
import { randomUUID } from 'node:crypto';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Disclosure } from '../../core/differencing.ts';
import { dynamo } from '../aws-clients.ts';
import { keys } from '../keys.ts';
import type { RecommendationItem, SummaryItem } from './items.ts';
import { batchGet, isConditionFailure, queryAll, queryPrefix, tableName } from './table.ts';

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
/** The send-once marker of a manager's summary for one team (a person id never holds `#`). */
export function managerSummaryKey(quarter: string, managerId: string, team: string) {
  return { pk: keys.cyclePartition(quarter), sk: `MGRSUM#${managerId}#${team}` };
}

export async function ensureItem(key: { pk: string; sk: string }): Promise<void> {
  try {
    await dynamo().send(
      new PutCommand({ TableName: tableName(), Item: key, ConditionExpression: 'attribute_not_exists(pk)' }),
    );
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
  }
}

export async function putSummary(summary: SummaryItem): Promise<void> {
  // Keeps the hrEmailSentAt marker of an earlier attempt.
  const existing = await getSummary(summary.quarter);
  await dynamo().send(
    new PutCommand({
      TableName: tableName(),
      Item: existing?.hrEmailSentAt
        ? {
            ...summary,
            hrEmailSentAt: existing.hrEmailSentAt,
            ...(existing.hrEmailSentAtClaim ? { hrEmailSentAtClaim: existing.hrEmailSentAtClaim } : {}),
          }
        : summary,
    }),
  );
}

export async function getSummary(quarter: string): Promise<SummaryItem | undefined> {
  const result = await dynamo().send(
    new GetCommand({ TableName: tableName(), Key: keys.summary(quarter), ConsistentRead: true }),
  );
  return result.Item as SummaryItem | undefined;
}
