/**
 * The leaders of a published quarter as HR's pictures need them (LeaderSummary), kept as a digest of
 * a few items: reading 1,000 full recommendations (~6 KB each) takes DynamoDB six 1 MB pages, the
 * digest (~0.4 KB a leader, as one JSON text per chunk of at most 300 KB) one. It is a cache: written
 * by SummarizeCycle from the recommendations it has just read, rebuilt by the console when missing,
 * and tied to the summary it was made with (`source` = `summarizedAt`): a redrive that scores and
 * summarizes again makes it stale, and it is rebuilt. Quarters not yet summarized are read from the
 * recommendations directly.
 */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { LeaderSummary } from '../../core/views/leader-summary.ts';
import { dynamo } from '../aws-clients.ts';
import { keys } from '../keys.ts';
import { getSummary } from './result-store.ts';
import { mapWithConcurrency, queryPrefix, tableName } from './table.ts';
import { leaderSummaries, leaderSummariesExpiring } from './view-store.ts';

/** Chunks stay well under DynamoDB's 400 KB item limit. */
export const DIGEST_CHUNK_BYTES = 300 * 1000;

export interface DigestItem {
  pk: string;
  sk: string;
  quarter: string;
  /** The summary's `summarizedAt` the digest was made from. */
  source: string;
  chunk: number;
  chunks: number;
  /** JSON array of LeaderSummary. */
  rows: string;
  /** Epoch seconds (the table's TTL): the first expiry among the recommendations it copies. */
  expiresAt?: number;
}

/** Splits summaries into JSON texts of at most `limit` bytes (a leader is never split). */
export function digestChunks(summaries: readonly LeaderSummary[], limit = DIGEST_CHUNK_BYTES): string[] {
  const chunks: string[] = [];
  let current: string[] = [];
  let size = 2;
  for (const summary of summaries) {
    const text = JSON.stringify(summary);
    if (current.length > 0 && size + text.length + 1 > limit) {
      chunks.push(`[${current.join(',')}]`);
      current = [];
      size = 2;
    }
    current.push(text);
    size += Buffer.byteLength(text) + 1;
  }
  chunks.push(`[${current.join(',')}]`);
  return chunks;
}

/** The digest's summaries, or undefined when it is missing, incomplete or made from other data. */
export function readDigest(items: readonly DigestItem[], source: string): LeaderSummary[] | undefined {
  const current = items.filter((item) => item.source === source).sort((a, b) => a.chunk - b.chunk);
  const chunks = current[0]?.chunks;
  if (chunks === undefined || current.length !== chunks || current.some((item, i) => item.chunk !== i)) {
    return undefined;
  }
  return current.flatMap((item) => JSON.parse(item.rows) as LeaderSummary[]);
}

/** The leaders of a quarter: from its digest when the quarter is summarized (building it if needed). */
export async function quarterSummaries(quarter: string): Promise<LeaderSummary[]> {
  const summary = await getSummary(quarter);
  if (!summary) return leaderSummaries(quarter);
  const source = summary.summarizedAt;
  const cached = readDigest(
    await queryPrefix<DigestItem>(keys.cyclePartition(quarter), keys.leaderDigestPrefix),
    source,
  );
  if (cached) return cached;
  const { summaries, expiresAt } = await leaderSummariesExpiring(quarter);
  await writeDigest(quarter, source, summaries, expiresAt);
  return summaries;
}

/**
 * Writes the digest made from the summary `source` (plain puts: two writers write the same items).
 * `expiresAt`: the earliest expiry of the recommendations it copies (the digest holds their names and
 * scores, so it is deleted with the first of them).
 */
export async function writeDigest(
  quarter: string,
  source: string,
  summaries: readonly LeaderSummary[],
  expiresAt?: number,
): Promise<void> {
  const texts = digestChunks(summaries);
  await mapWithConcurrency(texts, 4, (rows, chunk) =>
    dynamo().send(
      new PutCommand({
        TableName: tableName(),
        Item: {
          ...keys.leaderDigest(quarter, chunk),
          quarter,
          source,
          chunk,
          chunks: texts.length,
          rows,
          ...(expiresAt === undefined ? {} : { expiresAt }),
        } satisfies DigestItem,
      }),
    ),
  );
}
