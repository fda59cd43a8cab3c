/** Which quarters exist, and which one a page shows when the URL does not say. */
import type { CycleItem, SummaryItem } from '../../shared/store/items.ts';
import { cyclesOf } from '../../shared/store/view-store.ts';
import { recentQuarters } from './format.ts';

export interface QuarterCycle {
  quarter: string;
  cycle: CycleItem;
  summary?: SummaryItem;
}

/** Cycles of the last three years (and the next quarter), newest first. */
export function recentCycles(now: Date): Promise<QuarterCycle[]> {
  return cyclesOf(recentQuarters(now));
}

/** Quarters whose recommendations are complete (the cycle was published), newest first. */
export function scoredQuarters(cycles: readonly QuarterCycle[]): string[] {
  return cycles
    .filter(({ cycle }) => cycle.status === 'scored' || cycle.status === 'published')
    .map(({ quarter }) => quarter);
}

/** The requested quarter when it has a cycle; else the newest scored one; else the newest at all. */
export function chooseQuarter(
  requested: string | undefined,
  cycles: readonly QuarterCycle[],
): string | undefined {
  if (requested && cycles.some((c) => c.quarter === requested)) return requested;
  return scoredQuarters(cycles)[0] ?? cycles[0]?.quarter;
}
