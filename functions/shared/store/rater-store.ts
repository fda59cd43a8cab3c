/**
 * Rater leniency observations (rater calibration, functions/core/readiness/calibration.ts): one
 * item per rater, `RATER#<id>` / `LENIENCY`, with one attribute per quarter and scoring batch,
 * `obs#<quarter>#<batch>` = [leaderId, residual, items][], and `expiresAt` (the leniency retention
 * after the last scoring that wrote it). A batch only ever writes its own attribute, so two batches rating the same person (a manager of two teams) never overwrite each
 * other, and a retried batch writes the same values again. Observations older than the calibration
 * window are removed when the rater is next written.
 */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { LadderConfig } from '../../core/config.ts';
import { addQuarters, isQuarterId } from '../../core/quarter.ts';
import type { RaterProfile, RaterResidual } from '../../core/readiness/calibration.ts';
import { retentionAttributes } from '../../core/retention.ts';
import { compareText } from '../../core/text.ts';
import { dynamo } from '../aws-clients.ts';
import { keys } from '../keys.ts';
import { batchGet, mapWithConcurrency, tableName } from './table.ts';

const PREFIX = 'obs#';
const pad = (n: number) => String(n).padStart(5, '0');

export interface StoredProfiles {
  profiles: Map<string, RaterProfile>;
  /** Observation attribute names per rater (to prune old ones). */
  attributes: Map<string, string[]>;
}

export async function loadRaterProfiles(raterIds: readonly string[]): Promise<StoredProfiles> {
  const items = await batchGet<Record<string, unknown>>(
    [...new Set(raterIds)].map((id) => keys.raterLeniency(id)),
  );
  const profiles = new Map<string, RaterProfile>();
  const attributes = new Map<string, string[]>();
  for (const item of items) {
    const raterId = String(item.raterId ?? '');
    if (raterId === '') continue;
    const names = Object.keys(item)
      .filter((name) => name.startsWith(PREFIX))
      .sort(compareText);
    const residuals: RaterResidual[] = [];
    for (const name of names) {
      const quarter = name.slice(PREFIX.length).split('#')[0] ?? '';
      if (!isQuarterId(quarter) || !Array.isArray(item[name])) continue;
      for (const entry of item[name] as unknown[]) {
        if (!Array.isArray(entry)) continue;
        const [leaderId, residual, count] = entry as [unknown, unknown, unknown];
        if (typeof leaderId !== 'string' || typeof residual !== 'number' || !Number.isFinite(residual))
          continue;
        residuals.push({ quarter, leaderId, residual, items: typeof count === 'number' ? count : 1 });
      }
    }
    profiles.set(raterId, { raterId, residuals });
    attributes.set(raterId, names);
  }
  return { profiles, attributes };
}

/**
 * Stores this batch's observations of each rater and drops observations older than
 * `calibration.historyQuarters` before `quarter`. One conditional-free update per rater; `closedAt`
 * (the cycle's close) starts the retention period, so a retry writes exactly the same item.
 */
export async function saveRaterObservations(
  quarter: string,
  batch: number,
  residuals: ReadonlyMap<string, RaterResidual[]>,
  stored: StoredProfiles,
  config: LadderConfig,
  closedAt: string,
): Promise<number> {
  const oldest = addQuarters(quarter, -config.calibration.historyQuarters);
  const own = `${PREFIX}${quarter}#${pad(batch)}`;
  const raters = [...residuals.keys()].sort(compareText);
  // Kept for the leniency period after the close of the last cycle that wrote observations.
  const { expiresAt } = retentionAttributes('leniency', closedAt, config.retention);
  await mapWithConcurrency(raters, 8, async (raterId) => {
    const observations = (residuals.get(raterId) ?? []).map((r) => [r.leaderId, r.residual, r.items]);
    const stale = (stored.attributes.get(raterId) ?? []).filter((name) => {
      const q = name.slice(PREFIX.length).split('#')[0] ?? '';
      return name !== own && (!isQuarterId(q) || q < oldest);
    });
    const names: Record<string, string> = { '#own': own, '#rater': 'raterId' };
    stale.forEach((name, i) => {
      names[`#s${i}`] = name;
    });
    const remove = stale.length > 0 ? ` REMOVE ${stale.map((_, i) => `#s${i}`).join(', ')}` : '';
    await dynamo().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.raterLeniency(raterId),
        UpdateExpression: `SET #rater = :rater, #own = :observations, expiresAt = :expiresAt${remove}`,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: {
          ':rater': raterId,
          ':observations': observations,
          ':expiresAt': expiresAt,
        },
      }),
    );
  });
  return raters.length;
}
