/** Small helpers over the DynamoDB document client shared by every store module. */
import {
  BatchGetCommand,
  BatchWriteCommand,
  QueryCommand,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { dynamo } from '../aws-clients.ts';
import { requireEnv } from '../env.ts';
import { TransientError } from '../errors.ts';

export const tableName = () => requireEnv('tableName');

/** True when a conditional write was refused because its condition did not hold. */
export function isConditionFailure(error: unknown): boolean {
  return error instanceof Error && error.name === 'ConditionalCheckFailedException';
}

/** Every page of a query, concatenated. */
export async function queryAll<T>(input: Omit<QueryCommandInput, 'TableName'>): Promise<T[]> {
  const items: T[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await dynamo().send(
      new QueryCommand({ ...input, TableName: tableName(), ExclusiveStartKey }),
    );
    items.push(...((page.Items ?? []) as T[]));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return items;
}

/** All items of a partition whose sort key starts with `skPrefix` (strongly consistent). */
export function queryPrefix<T>(pk: string, skPrefix: string): Promise<T[]> {
  return queryAll<T>({
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': pk, ':prefix': skPrefix },
    ConsistentRead: true,
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Writes items 25 at a time, retrying unprocessed items with backoff. Puts only (idempotent). */
export async function batchPut(items: Record<string, unknown>[], concurrency = 4): Promise<void> {
  const chunks: Record<string, unknown>[][] = [];
  for (let i = 0; i < items.length; i += 25) chunks.push(items.slice(i, i + 25));
  await mapWithConcurrency(chunks, concurrency, async (chunk) => {
    let requests = chunk.map((Item) => ({ PutRequest: { Item } }));
    for (let attempt = 0; requests.length > 0; attempt++) {
      if (attempt > 8) throw new TransientError('BatchWriteItem kept returning unprocessed items');
      if (attempt > 0) await sleep(Math.min(1000, 25 * 2 ** attempt));
      const result = await dynamo().send(
        new BatchWriteCommand({ RequestItems: { [tableName()]: requests } }),
      );
      requests = (result.UnprocessedItems?.[tableName()] ?? []) as typeof requests;
    }
  });
}

/** Reads items by key, 100 at a time, strongly consistent, retrying unprocessed keys. */
export async function batchGet<T>(keyList: { pk: string; sk: string }[]): Promise<T[]> {
  const found: T[] = [];
  for (let i = 0; i < keyList.length; i += 100) {
    let Keys: Record<string, unknown>[] = keyList.slice(i, i + 100);
    for (let attempt = 0; Keys.length > 0; attempt++) {
      if (attempt > 8) throw new TransientError('BatchGetItem kept returning unprocessed keys');
      if (attempt > 0) await sleep(Math.min(1000, 25 * 2 ** attempt));
      const result = await dynamo().send(
        new BatchGetCommand({ RequestItems: { [tableName()]: { Keys, ConsistentRead: true } } }),
      );
      found.push(...((result.Responses?.[tableName()] ?? []) as T[]));
      Keys = result.UnprocessedKeys?.[tableName()]?.Keys ?? [];
    }
  }
  return found;
}

/** Runs `task` over `items` with at most `limit` in flight; results keep the input order. */
export async function mapWithConcurrency<T, R>(
  items: readonly T[],
  limit: number,
  task: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
