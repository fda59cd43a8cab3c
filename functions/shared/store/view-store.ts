/**
 * What the console's pages read, as projections: only the attributes a page shows, so a quarter of
 * 1,000 leaders (12,000 requests) stays a few hundred milliseconds of reading. Recommendations and
 * requests are read from the quarter's shard partitions side by side (`queryPartitions`); cycles of
 * the last years by key (no scan, no new index).
 */
import { earliestExpiry, TTL_ATTRIBUTE } from '../../core/retention.ts';
import type { LeaderSummary } from '../../core/views/leader-summary.ts';
import type { RequestProgress } from '../../core/views/progress.ts';
import { keys } from '../keys.ts';
import type { CycleItem, RecommendationItem, SummaryItem } from './items.ts';
import { batchGet, queryPartitions } from './table.ts';

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
  return (await leaderSummariesExpiring(quarter)).summaries;
}

/**
 * The leaders of a quarter and when the first of their recommendations expires (epoch seconds): a
 * copy made from them (the console's digest) must not outlive any of them.
 */
export async function leaderSummariesExpiring(
  quarter: string,
): Promise<{ summaries: LeaderSummary[]; expiresAt?: number }> {
  const recs = await queryPartitions<SummarySource & { sk: string; expiresAt?: number }>(
    keys.cycleShardPartitions(quarter),
    keys.recommendationPrefix,
    [...SUMMARY_ATTRIBUTES, TTL_ATTRIBUTE],
  );
  const expiresAt = earliestExpiry(recs);
  return { summaries: recs.map(toLeaderSummary), ...(expiresAt === undefined ? {} : { expiresAt }) };
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

/** The requests of a cycle as the progress page counts them (no names, no answers). */
export async function requestProgress(quarter: string): Promise<RequestProgress[]> {
  return queryPartitions<RequestProgress & { sk: string }>(
    keys.cycleShardPartitions(quarter),
    keys.requestPrefix,
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
