/**
 * The roster snapshot of a cycle: one batch item per batch of leaders, with its requests (one per
 * leader × rater) and invitees (one per rater), written so that a retry or a redrive resumes where
 * the last attempt stopped and writes no item twice.
 *
 * A batch item is written only after every other item of its batch is stored: it marks the batch as
 * complete (for the roster version it names). A resumed snapshot skips complete batches and, for the
 * others, writes only the items that are not stored yet, or stored differently (an attempt that
 * snapshotted another roster version). Requests go to their leader's shard partition and invitees
 * to their batch's (functions/shared/keys.ts), so a snapshot's writes spread over the shards
 * instead of queueing on one partition.
 */
import { isDeepStrictEqual } from 'node:util';
import { keys } from '../keys.ts';
import type { BatchItem } from './items.ts';
import { batchGet, batchPut, mapWithConcurrency, queryPrefix } from './table.ts';

type Item = { pk: string; sk: string };

export interface SnapshotBatch {
  item: BatchItem;
  /** Its requests and invitees. */
  items: Item[];
}

export interface SnapshotProgress {
  /** Batches already complete before this call. */
  skippedBatches: number;
  /** Items found already stored as they should be (not written again). */
  foundItems: number;
  /** Items this call wrote (batch items included). */
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
  rosterVersion: string,
  batches: readonly SnapshotBatch[],
  resume: boolean,
): Promise<SnapshotProgress> {
  const complete = new Set<number>();
  if (resume) {
    for (const stored of await queryPrefix<BatchItem>(keys.cyclePartition(quarter), keys.batchPrefix)) {
      if (stored.rosterVersion === rosterVersion) complete.add(stored.batch);
    }
  }
  const progress: SnapshotProgress = { skippedBatches: 0, foundItems: 0, written: 0 };
  await mapWithConcurrency(batches, BATCHES_IN_FLIGHT, async ({ item, items }) => {
    if (complete.has(item.batch)) {
      progress.skippedBatches += 1;
      return;
    }
    let missing = items;
    if (resume) {
      const stored = new Map(
        (await batchGet<Item>(items.map(({ pk, sk }) => ({ pk, sk })))).map((found) => [
          `${found.pk}\n${found.sk}`,
          found,
        ]),
      );
      // As stored: attributes left undefined are not written.
      const asStored = (wanted: Item) => JSON.parse(JSON.stringify(wanted)) as Item;
      missing = items.filter(
        (wanted) => !isDeepStrictEqual(stored.get(`${wanted.pk}\n${wanted.sk}`), asStored(wanted)),
      );
      progress.foundItems += items.length - missing.length;
    }
    await batchPut(missing as unknown as Record<string, unknown>[]);
    await batchPut([item as unknown as Record<string, unknown>]);
    progress.written += missing.length + 1;
  });
  return progress;
}
