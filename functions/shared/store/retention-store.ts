/**
 * Applies the retention rule to stored items (functions/core/retention.ts): deletes items past
 * `expiresAt` and blanks comments past `commentsExpireAt`.
 *
 * On AWS the table's TTL deletes expired items (within days; readers already treat them as gone),
 * so only comments need this: TTL deletes whole items, never attributes. The SweepComments function
 * runs it weekly there (functions/handlers/sweep-comments.ts). The local runtime has no TTL and runs
 * it with `deleteExpired` (local/dynamodb-sweeper.ts). Every change is conditional on
 * the item still carrying the expiry it was chosen for, so an item rewritten meanwhile is left alone.
 */
import { DeleteCommand, type DynamoDBDocumentClient, PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import {
  COMMENTS_EXPIRE_ATTRIBUTE,
  epochSeconds,
  hasExpiredComments,
  isExpired,
  TTL_ATTRIBUTE,
  withoutComments,
} from '../../core/retention.ts';
import { isConditionFailure } from './table.ts';

export interface SweepResult {
  /** Items read by the scan. */
  scanned: number;
  /** Expired items deleted (only with `deleteExpired`). */
  deleted: number;
  /** Items whose comments were removed. */
  commentsRemoved: number;
}

export interface SweepOptions {
  /** Delete items past `expiresAt` too (what TTL does on AWS). */
  deleteExpired: boolean;
  /** The time the rule is applied at (epoch seconds; default now). */
  nowSeconds?: number;
  /** Parallel scan segments read side by side (default 1: one sequential scan). */
  segments?: number;
}

/** One pass over the table (in `segments` parallel scan segments). */
export async function sweepExpired(
  client: DynamoDBDocumentClient,
  tableName: string,
  options: SweepOptions,
): Promise<SweepResult> {
  const now = options.nowSeconds ?? epochSeconds();
  const segments = Math.max(1, options.segments ?? 1);
  const parts = await Promise.all(
    Array.from({ length: segments }, (_, segment) =>
      sweepSegment(client, tableName, options, now, segments > 1 ? { segment, segments } : undefined),
    ),
  );
  return {
    scanned: parts.reduce((sum, part) => sum + part.scanned, 0),
    deleted: parts.reduce((sum, part) => sum + part.deleted, 0),
    commentsRemoved: parts.reduce((sum, part) => sum + part.commentsRemoved, 0),
  };
}

async function sweepSegment(
  client: DynamoDBDocumentClient,
  tableName: string,
  options: SweepOptions,
  now: number,
  parallel: { segment: number; segments: number } | undefined,
): Promise<SweepResult> {
  const result: SweepResult = { scanned: 0, deleted: 0, commentsRemoved: 0 };
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await client.send(
      new ScanCommand({
        TableName: tableName,
        ...(parallel ? { Segment: parallel.segment, TotalSegments: parallel.segments } : {}),
        FilterExpression: options.deleteExpired ? '#ttl <= :now OR #comments <= :now' : '#comments <= :now',
        ExpressionAttributeNames: {
          '#comments': COMMENTS_EXPIRE_ATTRIBUTE,
          ...(options.deleteExpired ? { '#ttl': TTL_ATTRIBUTE } : {}),
        },
        ExpressionAttributeValues: { ':now': now },
        ExclusiveStartKey,
      }),
    );
    result.scanned += page.ScannedCount ?? 0;
    for (const item of page.Items ?? []) {
      const key = { pk: item.pk, sk: item.sk };
      try {
        if (options.deleteExpired && isExpired(item, now)) {
          await client.send(
            new DeleteCommand({
              TableName: tableName,
              Key: key,
              ConditionExpression: '#ttl = :expiresAt',
              ExpressionAttributeNames: { '#ttl': TTL_ATTRIBUTE },
              ExpressionAttributeValues: { ':expiresAt': item[TTL_ATTRIBUTE] },
            }),
          );
          result.deleted += 1;
        } else if (hasExpiredComments(item, now)) {
          await client.send(
            new PutCommand({
              TableName: tableName,
              Item: withoutComments(item),
              ConditionExpression: '#comments = :at',
              ExpressionAttributeNames: { '#comments': COMMENTS_EXPIRE_ATTRIBUTE },
              ExpressionAttributeValues: { ':at': item[COMMENTS_EXPIRE_ATTRIBUTE] },
            }),
          );
          result.commentsRemoved += 1;
        }
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
      }
    }
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return result;
}
