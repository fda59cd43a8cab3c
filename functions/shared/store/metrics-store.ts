/**
 * Sales figures. All or nothing without transactions, like the roster: an import writes each
 * quarter it touches as a NEW version (the figures already in force for that quarter, updated by the
 * file), then flips ONE pointer item (`METRICS` / `CURRENT`: quarter → version) with a conditional
 * write on its revision. Readers only follow the pointer, so a failed or concurrent import is
 * invisible: either every row of the file is in force, or none is.
 */
import { randomBytes } from 'node:crypto';
import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { SalesFigure } from '../../core/model.ts';
import { retentionAttributes } from '../../core/retention.ts';
import { compareText } from '../../core/text.ts';
import { dynamo } from '../aws-clients.ts';
import { keys } from '../keys.ts';
import type { MetricsItem, MetricsPointerItem } from './items.ts';
import { ConcurrentImportError } from './roster-store.ts';
import {
  batchGet,
  batchPut,
  getItem,
  isConditionFailure,
  mapWithConcurrency,
  PARTITION_READ_CONCURRENCY,
  queryPrefix,
  tableName,
} from './table.ts';

export function metricsPointer(): Promise<MetricsPointerItem | undefined> {
  return getItem<MetricsPointerItem>(keys.metricsPointer());
}

export interface MetricsImportSummary {
  /** Per quarter of the file: rows added (new people) and updated (people who had figures). */
  quarters: { quarter: string; version: string; added: number; updated: number; total: number }[];
  revision: number;
}

/** Imports validated figures (see core/metrics.ts); either all become current, or none. */
export async function importMetrics(figures: SalesFigure[], now = new Date()): Promise<MetricsImportSummary> {
  const pointer = await metricsPointer();
  const version = `${now.toISOString().replace(/[-:.]/g, '')}-${randomBytes(3).toString('hex')}`;
  const byQuarter = new Map<string, SalesFigure[]>();
  for (const figure of figures)
    byQuarter.set(figure.quarter, [...(byQuarter.get(figure.quarter) ?? []), figure]);

  const written: MetricsItem[] = [];
  // Sales figures are kept as long as scores, from the import (superseded versions too).
  const retention = retentionAttributes('salesFigure', now);
  const quarters: MetricsImportSummary['quarters'] = [];
  try {
    for (const quarter of [...byQuarter.keys()].sort(compareText)) {
      const previous = pointer?.versions[quarter];
      const existing = previous
        ? await queryPrefix<MetricsItem>(keys.metricsPartition(quarter, previous), 'PERSON#')
        : [];
      const merged = new Map<string, SalesFigure>(
        existing.map(({ personId, quota, attained }) => [personId, { quarter, personId, quota, attained }]),
      );
      let added = 0;
      for (const figure of byQuarter.get(quarter) ?? []) {
        if (!merged.has(figure.personId)) added++;
        merged.set(figure.personId, figure);
      }
      const items: MetricsItem[] = [...merged.values()].map((figure) => ({
        ...keys.metrics(quarter, figure.personId, version),
        quarter,
        personId: figure.personId,
        quota: figure.quota,
        attained: figure.attained,
        ...retention,
      }));
      written.push(...items);
      await batchPut(items as unknown as Record<string, unknown>[]);
      const count = byQuarter.get(quarter)?.length ?? 0;
      quarters.push({ quarter, version, added, updated: count - added, total: items.length });
    }
    const next: MetricsPointerItem = {
      ...keys.metricsPointer(),
      versions: {
        ...(pointer?.versions ?? {}),
        ...Object.fromEntries(quarters.map((q) => [q.quarter, version])),
      },
      revision: (pointer?.revision ?? 0) + 1,
      importedAt: now.toISOString(),
    };
    await dynamo().send(
      new PutCommand({
        TableName: tableName(),
        Item: next,
        // Refuse to overwrite an import that finished while this one was writing.
        ConditionExpression: pointer ? 'revision = :previous' : 'attribute_not_exists(pk)',
        ...(pointer ? { ExpressionAttributeValues: { ':previous': pointer.revision } } : {}),
      }),
    );
    return { quarters, revision: next.revision };
  } catch (error) {
    await deleteItems(written).catch(() => undefined); // best effort: they are invisible anyway
    if (isConditionFailure(error)) {
      throw new ConcurrentImportError(
        'Another sales figures import finished first; nothing was changed. Try again.',
      );
    }
    throw error;
  }
}

async function deleteItems(items: MetricsItem[]) {
  await mapWithConcurrency(items, 8, (item) =>
    dynamo().send(new DeleteCommand({ TableName: tableName(), Key: { pk: item.pk, sk: item.sk } })),
  );
}

/**
 * The figures in force of `personIds` in `quarters`: one pointer read, then batch reads of the
 * versions in force (100 keys a call). Quarters without figures are simply absent.
 */
export async function loadFigures(
  personIds: readonly string[],
  quarters: readonly string[],
): Promise<SalesFigure[]> {
  const pointer = await metricsPointer();
  if (!pointer || personIds.length === 0) return [];
  const keyList = quarters.flatMap((quarter) => {
    const version = pointer.versions[quarter];
    return version ? personIds.map((personId) => keys.metrics(quarter, personId, version)) : [];
  });
  const items = await batchGet<MetricsItem>(keyList);
  return items
    .map(({ quarter, personId, quota, attained }) => ({ quarter, personId, quota, attained }))
    .sort((a, b) => compareText(a.quarter, b.quarter) || compareText(a.personId, b.personId));
}

/** Every figure in force of one quarter (for checks and tooling). */
export async function quarterFigures(quarter: string): Promise<SalesFigure[]> {
  return (await quartersFigures([quarter])).flat();
}

/**
 * Every figure in force of each of `quarters` (one pointer read, then the quarters' partitions side
 * by side, only the figures' attributes).
 */
export async function quartersFigures(quarters: readonly string[]): Promise<SalesFigure[][]> {
  const pointer = await metricsPointer();
  return mapWithConcurrency(quarters, PARTITION_READ_CONCURRENCY, async (quarter) => {
    const version = pointer?.versions[quarter];
    if (!version) return [];
    const items = await queryPrefix<Pick<MetricsItem, 'personId' | 'quota' | 'attained'>>(
      keys.metricsPartition(quarter, version),
      'PERSON#',
      ['personId', 'quota', 'attained'],
    );
    return items.map(({ personId, quota, attained }) => ({ quarter, personId, quota, attained }));
  });
}
