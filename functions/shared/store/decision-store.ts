/**
 * Calibration decisions: append-only. Each decision is a new item written with
 * `attribute_not_exists(pk)`; nothing ever updates or deletes one, so the history is complete.
 */
import { randomBytes } from 'node:crypto';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Decision } from '../../core/decisions.ts';
import { retentionAttributes } from '../../core/retention.ts';
import { dynamo } from '../aws-clients.ts';
import { keys } from '../keys.ts';
import type { DecisionItem } from './items.ts';
import { isConditionFailure, queryAll, queryPrefix, tableName } from './table.ts';

/**
 * Stores a decision. The key is new for every call (time + random id), so a condition failure can
 * only be this very write landing twice (the SDK's retry after a lost response): that is success.
 */
export async function appendDecision(decision: Decision, configVersion: string): Promise<DecisionItem> {
  const id = randomBytes(4).toString('hex');
  const item: DecisionItem = {
    ...keys.decision(decision.quarter, decision.leaderId, decision.decidedAt, id),
    ...keys.decisionHistory(decision.quarter, decision.leaderId, decision.decidedAt, id),
    ...decision,
    id,
    configVersion,
    // Kept as long as scores (docs/data-model.md, "Retention"), counted from the decision.
    ...retentionAttributes('calibrationDecision', decision.decidedAt),
  };
  try {
    await dynamo().send(
      new PutCommand({ TableName: tableName(), Item: item, ConditionExpression: 'attribute_not_exists(pk)' }),
    );
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
  }
  return item;
}

/** Every decision of a quarter, oldest first per leader. */
export function listDecisions(quarter: string): Promise<DecisionItem[]> {
  return queryPrefix<DecisionItem>(keys.cyclePartition(quarter), keys.decisionPrefix);
}

/** One leader's decisions in one quarter, oldest first. */
export function leaderDecisions(quarter: string, leaderId: string): Promise<DecisionItem[]> {
  return queryPrefix<DecisionItem>(keys.cyclePartition(quarter), keys.decisionsOfLeaderPrefix(leaderId));
}

/** One leader's decisions in every quarter, oldest first (GSI1, eventually consistent). */
export function leaderDecisionHistory(leaderId: string): Promise<DecisionItem[]> {
  return queryAll<DecisionItem>({
    IndexName: 'gsi1',
    KeyConditionExpression: 'gsi1pk = :pk AND begins_with(gsi1sk, :prefix)',
    ExpressionAttributeValues: { ':pk': keys.leaderHistoryPartition(leaderId), ':prefix': 'DECISION#' },
  });
}

/** The decision fields only (no keys, no bookkeeping), as the core works with them. */
export function toDecision(item: DecisionItem): Decision {
  const {
    pk: _pk,
    sk: _sk,
    gsi1pk: _gsi1pk,
    gsi1sk: _gsi1sk,
    id: _id,
    configVersion: _configVersion,
    expiresAt: _expiresAt,
    ...decision
  } = item;
  return decision;
}
