/**
 * The roster snapshot of a cycle: one batch item per batch of leaders and one request per leader ×
 * rater, written so that a retry or a redrive resumes where the last attempt stopped and writes no
 * item twice.
 *
 * A batch item is written only after every request of its batch is stored: it marks the batch as
 * complete. A resumed snapshot skips complete batches and, for the others, writes only the requests
 * that are not stored yet (read by key first). Requests go to their leader's shard partition
 * (functions/shared/keys.ts), so the writes of a snapshot spread over CYCLE_SHARDS partitions
 * instead of queueing on one.
 */
import { keys } from '../keys.ts';
import type { BatchItem, RequestItem } from './items.ts';
import { batchGet, batchPut, mapWithConcurrency, queryPrefix } from './table.ts';

export interface SnapshotBatch {
  item: BatchItem;
  requests: RequestItem[];
}

export interface SnapshotProgress {
  /** Batches already complete before this call. */
  skippedBatches: number;
  /** Requests found already stored in incomplete batches (not written again). */
  foundRequests: number;
  /** Items this call wrote (requests and batch items). */
  written: number;
}

/** Batches written at the same time (each with its own BatchWriteItem calls in flight). */
const BATCHES_IN_FLIGHT = 4;

/**
 * Writes the snapshot. `resume` is false for a cycle this very call created (nothing of it can be
 * stored yet, so nothing is read first).
 */
export async function writeSnapshot(
  quarter: string,
  batches: readonly SnapshotBatch[],
  resume: boolean,
): Promise<SnapshotProgress> {
  const complete = resume
    ? new Set(
        (await queryPrefix<BatchItem>(keys.cyclePartition(quarter), keys.batchPrefix)).map((b) => b.batch),
      )
    : new Set<number>();
  const progress: SnapshotProgress = { skippedBatches: 0, foundRequests: 0, written: 0 };
  await mapWithConcurrency(batches, BATCHES_IN_FLIGHT, async ({ item, requests }) => {
    if (complete.has(item.batch)) {
      progress.skippedBatches += 1;
      return;
    }
    let missing = requests;
    if (resume) {
      const stored = await batchGet<{ pk: string; sk: string }>(
        requests.map(({ pk, sk }) => ({ pk, sk })),
        ['pk', 'sk'],
      );
      const present = new Set(stored.map(({ pk, sk }) => `${pk}\n${sk}`));
      missing = requests.filter(({ pk, sk }) => !present.has(`${pk}\n${sk}`));
      progress.foundRequests += requests.length - missing.length;
    }
    await batchPut(missing as unknown as Record<string, unknown>[]);
    await batchPut([item as unknown as Record<string, unknown>]);
    progress.written += missing.length + 1;
  });
  return progress;
}
