/**
 * Small helpers over the DynamoDB document client shared by every store module.
 *
 * Every read here goes through `visible` (functions/core/retention.ts): an item past its
 * `expiresAt` is gone for readers even while DynamoDB's lazy TTL has not deleted it yet, and
 * comments past `commentsExpireAt` are blanked.
 */
import {
  BatchGetCommand,
  BatchWriteCommand,
  GetCommand,
  QueryCommand,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { epochSeconds, TTL_ATTRIBUTE, visible } from '../../core/retention.ts';
import { dynamo } from '../aws-clients.ts';
import { requireEnv } from '../env.ts';
import { TransientError } from '../errors.ts';

export const tableName = () => requireEnv('tableName');

type Key = { pk: string; sk: string };

/** True when a conditional write was refused because its condition did not hold. */
export function isConditionFailure(error: unknown): boolean {
  return error instanceof Error && error.name === 'ConditionalCheckFailedException';
}

/** DynamoDB refused the whole request before applying any of it (a partition or the table is busy). */
export function isThrottling(error: unknown): boolean {
  return (
    error instanceof Error &&
    ['ThrottlingException', 'ProvisionedThroughputExceededException', 'RequestLimitExceeded'].includes(
      error.name,
    )
  );
}

/** Items as readers may see them now (expired items dropped, expired comments blanked). */
function live<T>(items: readonly unknown[]): T[] {
  const now = epochSeconds();
  const seen: T[] = [];
  for (const item of items) {
    const shown = visible(item as object, now);
    if (shown !== undefined) seen.push(shown as T);
  }
  return seen;
}

/** One item by key, strongly consistent; undefined when absent or expired. */
export async function getItem<T>(key: Key): Promise<T | undefined> {
  const result = await dynamo().send(
    new GetCommand({ TableName: tableName(), Key: key, ConsistentRead: true }),
  );
  return visible(result.Item as object | undefined) as T | undefined;
}

/** Every page of a query, concatenated (expired items left out). */
export async function queryAll<T>(input: Omit<QueryCommandInput, 'TableName'>): Promise<T[]> {
  const items: T[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await dynamo().send(
      new QueryCommand({ ...input, TableName: tableName(), ExclusiveStartKey }),
    );
    items.push(...live<T>(page.Items ?? []));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return items;
}

/**
 * A projection of `attributes` with placeholders (`#p0, #p1, …`: any attribute name works), plus
 * `expiresAt`, which every read needs to leave expired items out.
 */
function projectionOf(attributes: readonly string[]) {
  const names = Object.fromEntries(
    [...new Set([...attributes, TTL_ATTRIBUTE])].map((name, i) => [`#p${i}`, name]),
  );
  return { ProjectionExpression: Object.keys(names).join(', '), ExpressionAttributeNames: names };
}

/** Projected items without `expiresAt` again, unless it was asked for. */
function withoutUnaskedExpiry<T>(items: T[], attributes: readonly string[] | undefined): T[] {
  if (!attributes || attributes.includes(TTL_ATTRIBUTE)) return items;
  return items.map((item) => {
    const { [TTL_ATTRIBUTE]: _expiry, ...rest } = item as Record<string, unknown>;
    return rest as T;
  });
}

/**
 * All items of a partition whose sort key starts with `skPrefix` (strongly consistent). With
 * `attributes`, only those are read (and `sk`).
 */
export async function queryPrefix<T>(
  pk: string,
  skPrefix: string,
  attributes?: readonly string[],
): Promise<T[]> {
  const projected = attributes ? projectionOf([...attributes, 'sk']) : undefined;
  const items = await queryAll<T>({
    KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :prefix)',
    ExpressionAttributeValues: { ':pk': pk, ':prefix': skPrefix },
    ExpressionAttributeNames: { '#pk': 'pk', '#sk': 'sk', ...projected?.ExpressionAttributeNames },
    ...(projected ? { ProjectionExpression: projected.ProjectionExpression } : {}),
    ConsistentRead: true,
  });
  return withoutUnaskedExpiry(items, attributes && [...attributes, 'sk']);
}

/**
 * Partitions read side by side when a whole quarter is read (its 16 shards): each has its own
 * throughput, so reading them all at once costs no more capacity and takes the time of the slowest.
 */
export const PARTITION_READ_CONCURRENCY = 16;

/**
 * The items of several partitions (the shards of a cycle) whose sort key starts with `skPrefix`,
 * merged in sort-key order as one partition would return them. With `attributes`, only those are
 * read (and `sk`).
 */
export async function queryPartitions<T extends { sk: string }>(
  partitions: readonly string[],
  skPrefix: string,
  attributes?: readonly string[],
): Promise<T[]> {
  const pages = await mapWithConcurrency(partitions, PARTITION_READ_CONCURRENCY, (pk) =>
    queryPrefix<T>(pk, skPrefix, attributes),
  );
  return pages.flat().sort((a, b) => (a.sk < b.sk ? -1 : a.sk > b.sk ? 1 : 0));
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Full-jitter exponential backoff (AWS Architecture Blog, "Exponential Backoff And Jitter"): a
 * random wait between 0 and min(cap, base · 2^attempt), so that many writers that were throttled
 * together do not come back together.
 */
export function backoffMs(attempt: number, baseMs = 50, capMs = 5_000, random = Math.random): number {
  return Math.floor(random() * Math.min(capMs, baseMs * 2 ** attempt));
}

/**
 * How long a batch operation keeps trying while DynamoDB accepts nothing at all before it gives up
 * with a TransientError. Anything written stays written, so the caller's retry (the workflow's
 * Retry) continues where this one stopped; as long as some items get through it never gives up.
 */
export const NO_PROGRESS_LIMIT_MS = 60_000;

/** Tracks rounds of a batch call: resets on progress, gives up after NO_PROGRESS_LIMIT_MS without. */
class Progress {
  #idle = 0;
  #since = Date.now();
  constructor(readonly what: string) {}
  /** Waits before the next round (nothing for the first round, backoff after a round without progress). */
  async pause(): Promise<void> {
    if (this.#idle > 0) await sleep(backoffMs(this.#idle));
  }
  record(before: number, after: number): void {
    if (after < before) {
      this.#idle = 0;
      this.#since = Date.now();
      return;
    }
    this.#idle += 1;
    if (Date.now() - this.#since >= NO_PROGRESS_LIMIT_MS)
      throw new TransientError(`${this.what} made no progress: the table is throttling every request`);
  }
}

type WriteRequest = { PutRequest: { Item: Record<string, unknown> } };

/**
 * Writes items 25 at a time. Items DynamoDB leaves unprocessed (a busy partition) are sent again
 * with full-jitter backoff, only those: an item is never written twice by one call, and the call
 * keeps going as long as DynamoDB accepts something (NO_PROGRESS_LIMIT_MS). Puts only.
 */
export async function batchPut(items: Record<string, unknown>[], concurrency = 4): Promise<void> {
  const chunks: WriteRequest[][] = [];
  for (let i = 0; i < items.length; i += 25)
    chunks.push(items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })));
  await mapWithConcurrency(chunks, concurrency, async (chunk) => {
    let requests = chunk;
    const progress = new Progress('BatchWriteItem');
    while (requests.length > 0) {
      await progress.pause();
      let unprocessed = requests;
      try {
        const result = await dynamo().send(
          new BatchWriteCommand({ RequestItems: { [tableName()]: requests } }),
        );
        unprocessed = (result.UnprocessedItems?.[tableName()] ?? []) as WriteRequest[];
      } catch (error) {
        // Every item was refused (AWS then fails the whole call): nothing was written.
        if (!isThrottling(error)) throw error;
      }
      progress.record(requests.length, unprocessed.length);
      requests = unprocessed;
    }
  });
}

/**
 * Reads items by key, 100 at a time, strongly consistent, retrying unprocessed keys with backoff.
 * With `projection`, only those attributes are returned (`expiresAt` is read too, to leave expired
 * items out, and dropped again unless asked for).
 */
export async function batchGet<T>(keyList: Key[], projection?: readonly string[]): Promise<T[]> {
  const found: unknown[] = [];
  const projected = projection ? projectionOf(projection) : undefined;
  for (let i = 0; i < keyList.length; i += 100) {
    let Keys: Record<string, unknown>[] = keyList.slice(i, i + 100);
    const progress = new Progress('BatchGetItem');
    while (Keys.length > 0) {
      await progress.pause();
      let unprocessed = Keys;
      try {
        const result = await dynamo().send(
          new BatchGetCommand({
            RequestItems: {
              [tableName()]: {
                Keys,
                ConsistentRead: true,
                ...(projected ?? {}),
              },
            },
          }),
        );
        found.push(...(result.Responses?.[tableName()] ?? []));
        unprocessed = result.UnprocessedKeys?.[tableName()]?.Keys ?? [];
      } catch (error) {
        // Every key was refused (AWS then fails the whole call): nothing was read.
        if (!isThrottling(error)) throw error;
      }
      progress.record(Keys.length, unprocessed.length);
      Keys = unprocessed;
    }
  }
  return withoutUnaskedExpiry(live<T>(found), projection);
}

/**
 * Runs `task` over `items` with at most `limit` in flight; results keep the input order. After a
 * task fails no new one starts, and the call rejects only once the tasks in flight have settled:
 * nothing keeps writing in the background after a handler returned (on Lambda such work would be
 * frozen and could land in the middle of the retry).
 */
export async function mapWithConcurrency<T, R>(
  items: readonly T[],
  limit: number,
  task: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async () => {
    while (next < items.length && !failure) {
      const index = next++;
      try {
        results[index] = await task(items[index] as T, index);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failure) throw failure.error;
  return results;
}
