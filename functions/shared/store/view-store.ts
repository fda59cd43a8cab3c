/**
 * What the console's pages read, as projections: only the attributes a page shows, so a quarter of
 * 1,000 leaders (12,000 requests) stays a few hundred milliseconds of reading. Recommendations and
 * requests are read per quarter partition; cycles of the last years by key (no scan, no new index).
 */
import type { LeaderSummary } from '../../core/views/leader-summary.ts';
import type { RequestProgress } from '../../core/views/progress.ts';
import { keys } from '../keys.ts';
import type { CycleItem, RecommendationItem, SummaryItem } from './items.ts';
import { batchGet, queryAll } from './table.ts';

/** Builds a projection: `#a0, #a1, …` with their names. */
function projection(attributes: readonly string[]) {
  const names = Object.fromEntries(attributes.map((name, i) => [`#a${i}`, name]));
  return { ProjectionExpression: Object.keys(names).join(', '), ExpressionAttributeNames: names };
}

function queryProjected<T>(pk: string, skPrefix: string, attributes: readonly string[]): Promise<T[]> {
  const { ProjectionExpression, ExpressionAttributeNames } = projection(attributes);
  return queryAll<T>({
    KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :prefix)',
    ExpressionAttributeValues: { ':pk': pk, ':prefix': skPrefix },
    ExpressionAttributeNames: { ...ExpressionAttributeNames, '#pk': 'pk', '#sk': 'sk' },
    ProjectionExpression,
    ConsistentRead: true,
  });
}

/** Parallel range queries a large read is split into (DynamoDB pages are read one after another). */
export const SEGMENTS = 4;

/**
 * Every item of a partition whose sort key starts with `prefix`, read as SEGMENTS key ranges at once
 * instead of page by page: the ranges are cut at leader ids (the sort keys are `<prefix><leaderId>…`).
 * Bounds are included in both neighbouring ranges, so items are de-duplicated by sort key. Without
 * enough leader ids it is one ordinary query. `attributes` projects (the sort key is always read).
 */
export async function queryInSegments<T extends { sk: string }>(
  pk: string,
  prefix: string,
  leaderIds: readonly string[],
  attributes?: readonly string[],
): Promise<T[]> {
  const ids = [...new Set(leaderIds)].sort();
  const wanted = attributes ? [...new Set([...attributes, 'sk'])] : undefined;
  const edges =
    ids.length < SEGMENTS * 10
      ? [prefix, `${prefix}\uffff`]
      : [
          prefix,
          ...Array.from(
            { length: SEGMENTS - 1 },
            (_, i) => `${prefix}${ids[Math.floor(((i + 1) * ids.length) / SEGMENTS)]}`,
          ),
          `${prefix}\uffff`,
        ];
  const projected = wanted ? projection(wanted) : undefined;
  const parts = await Promise.all(
    edges.slice(0, -1).map((from, i) =>
      queryAll<T>({
        KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :from AND :to',
        ExpressionAttributeValues: { ':pk': pk, ':from': from, ':to': edges[i + 1] },
        ExpressionAttributeNames: {
          '#pk': 'pk',
          '#sk': 'sk',
          ...(projected?.ExpressionAttributeNames ?? {}),
        },
        ...(projected ? { ProjectionExpression: projected.ProjectionExpression } : {}),
        ConsistentRead: true,
      }),
    ),
  );
  const bySortKey = new Map<string, T>();
  for (const item of parts.flat()) bySortKey.set(item.sk, item);
  return [...bySortKey.values()].sort((a, b) => (a.sk < b.sk ? -1 : a.sk > b.sk ? 1 : 0));
}

const SUMMARY_ATTRIBUTES = [
  'quarter',
  'leaderId',
  'leaderName',
  'team',
  'managerId',
  'readinessScore',
  'coachingScore',
  'managementScore',
  'recommendation',
  'flags',
  'competencies',
  'sales',
  'confidence',
  'trend',
] as const;

type SummarySource = Pick<RecommendationItem, (typeof SUMMARY_ATTRIBUTES)[number]>;

export function toLeaderSummary(rec: SummarySource): LeaderSummary {
  return {
    quarter: rec.quarter,
    leaderId: rec.leaderId,
    leaderName: rec.leaderName,
    team: rec.team,
    managerId: rec.managerId ?? '',
    readinessScore: rec.readinessScore ?? null,
    coachingScore: rec.coachingScore ?? null,
    managementScore: rec.managementScore ?? null,
    recommendation: rec.recommendation,
    flags: rec.flags ?? [],
    competencies: Object.fromEntries((rec.competencies ?? []).map((c) => [c.id, c.score])),
    attainment: rec.sales?.ownRecent ?? null,
    confidence: rec.confidence?.level ?? null,
    trend: rec.trend ?? null,
  };
}

/** Every leader of a quarter, reduced to what HR's pictures need. */
export async function leaderSummaries(quarter: string): Promise<LeaderSummary[]> {
  const recs = await queryProjected<SummarySource>(
    keys.cyclePartition(quarter),
    keys.recommendationPrefix,
    SUMMARY_ATTRIBUTES,
  );
  return recs.map(toLeaderSummary);
}

const PROGRESS_ATTRIBUTES = [
  'leaderId',
  'team',
  'group',
  'status',
  'remindersSent',
  'bouncedAt',
  'complainedAt',
  'suppressedAt',
  'undeliverableAt',
] as const;

/**
 * The requests of a cycle as the progress page counts them (no names, no answers); given the cycle's
 * leader ids, read in parallel segments.
 */
export async function requestProgress(
  quarter: string,
  leaderIds: readonly string[] = [],
): Promise<RequestProgress[]> {
  return queryInSegments<RequestProgress & { sk: string }>(
    keys.cyclePartition(quarter),
    keys.requestPrefix,
    leaderIds,
    PROGRESS_ATTRIBUTES,
  );
}

/** Cycle and summary items of the given quarters (those that exist), by key. */
export async function cyclesOf(
  quarters: readonly string[],
): Promise<{ quarter: string; cycle: CycleItem; summary?: SummaryItem }[]> {
  const items = await batchGet<CycleItem | SummaryItem>(
    quarters.flatMap((quarter) => [keys.cycle(quarter), keys.summary(quarter)]),
  );
  const cycles = new Map<string, CycleItem>();
  const summaries = new Map<string, SummaryItem>();
  for (const item of items) {
    if (item.sk === 'CYCLE') cycles.set((item as CycleItem).quarter, item as CycleItem);
    else summaries.set((item as SummaryItem).quarter, item as SummaryItem);
  }
  return quarters
    .filter((quarter) => cycles.has(quarter))
    .map((quarter) => ({
      quarter,
      cycle: cycles.get(quarter)!,
      ...(summaries.has(quarter) ? { summary: summaries.get(quarter)! } : {}),
    }));
}
