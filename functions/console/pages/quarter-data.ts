/**
 * A quarter's leaders as the readiness, bench, calibration and export pages need them: summaries of
 * the recommendations, HR's decision in force, the managers' names, limited to the user's scope.
 */
import { type Decision, latestDecisions } from '../../core/decisions.ts';
import { compareText } from '../../core/text.ts';
import { compareLeaders, type LeaderSummary } from '../../core/views/leader-summary.ts';
import { listBatches } from '../../shared/store/cycle-store.ts';
import { listDecisions, toDecision } from '../../shared/store/decision-store.ts';
import { quarterSummaries } from '../../shared/store/digest-store.ts';
import { inScope, type Scope } from '../auth/scope.ts';

export interface QuarterLeaders {
  quarter: string;
  /** In scope, sorted by team, readiness, name. */
  leaders: LeaderSummary[];
  /** Every decision of the quarter about these leaders, oldest first. */
  decisions: Decision[];
  /** Manager id → name (from the cycle's batches). */
  managerNames: Map<string, string>;
}

export async function quarterLeaders(quarter: string, scope: Scope): Promise<QuarterLeaders> {
  const [summaries, decisionItems, batches] = await Promise.all([
    quarterSummaries(quarter),
    listDecisions(quarter),
    listBatches(quarter),
  ]);
  const leaders = summaries.filter((leader) => inScope(scope, leader.managerId));
  const ids = new Set(leaders.map((leader) => leader.leaderId));
  const decisions = decisionItems.map(toDecision).filter((decision) => ids.has(decision.leaderId));
  const latest = latestDecisions(decisions);
  for (const leader of leaders) {
    const decision = latest.get(leader.leaderId);
    if (decision) leader.decision = decision;
  }
  const managerNames = new Map<string, string>();
  for (const batch of batches) {
    for (const leader of batch.leaders) {
      if (leader.managerId && inScope(scope, leader.managerId))
        managerNames.set(leader.managerId, leader.managerName);
    }
  }
  return { quarter, leaders: leaders.sort(compareLeaders), decisions, managerNames };
}

/** Manager options for a filter menu: [id, "Name (id)"], by name. */
export function managerOptions(names: ReadonlyMap<string, string>): [string, string][] {
  return [...names]
    .sort(([a, x], [b, y]) => compareText(x, y) || compareText(a, b))
    .map(([id, name]) => [id, name ? `${name} (${id})` : id]);
}

export const PAGE_SIZE = 50;

/** One page of `items` (1-based), with the page count. */
export function paginate<T>(
  items: readonly T[],
  requested: string | null,
): { page: number; pages: number; slice: T[] } {
  const pages = Math.max(1, Math.ceil(items.length / PAGE_SIZE));
  const parsed = Number.parseInt(requested ?? '1', 10);
  const page = Number.isFinite(parsed) ? Math.min(pages, Math.max(1, parsed)) : 1;
  return { page, pages, slice: items.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE) };
}
