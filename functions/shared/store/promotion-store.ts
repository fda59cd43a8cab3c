/**
 * Outcomes after promotion: what HR recorded about reviewed leaders who moved (to manager, to
 * another role, or left). Recording the same person and quarter again replaces the record (a
 * correction); the validity report reads them all (one Query on one small partition).
 */
import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { PromotionRecord } from '../../core/readiness/validity.ts';
import { retentionAttributes } from '../../core/retention.ts';
import { dynamo } from '../aws-clients.ts';
import { keys } from '../keys.ts';
import type { PromotionItem } from './items.ts';
import { queryPrefix, tableName } from './table.ts';

/** Writes the record; returns the one it replaced, if any. */
export async function recordPromotion(
  record: PromotionRecord,
  now = new Date(),
): Promise<PromotionRecord | undefined> {
  const item: PromotionItem = {
    ...keys.promotion(record.personId, record.quarter),
    personId: record.personId,
    quarter: record.quarter,
    to: record.to,
    ...(record.team ? { team: record.team } : {}),
    recordedAt: now.toISOString(),
    ...retentionAttributes('promotionRecord', now),
  };
  const result = await dynamo().send(
    new PutCommand({ TableName: tableName(), Item: item, ReturnValues: 'ALL_OLD' }),
  );
  return result.Attributes ? toRecord(result.Attributes as PromotionItem) : undefined;
}

export async function listPromotions(): Promise<PromotionRecord[]> {
  const items = await queryPrefix<PromotionItem>(keys.promotionsPartition, 'PERSON#');
  return items.map(toRecord);
}

export async function deletePromotion(personId: string, quarter: string): Promise<void> {
  await dynamo().send(new DeleteCommand({ TableName: tableName(), Key: keys.promotion(personId, quarter) }));
}

function toRecord(item: PromotionItem): PromotionRecord {
  return {
    personId: item.personId,
    quarter: item.quarter,
    to: item.to,
    ...(item.team ? { team: item.team } : {}),
    recordedAt: item.recordedAt,
  };
}
