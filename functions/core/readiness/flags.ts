/**
 * Flags for HR: stand-in-ready, blind-spot, retention-risk. docs/scoring.md ("Flags").
 */
import type { LadderConfig } from '../config.ts';
import type { CompetencyScore, SalesSummary, SelfOtherGap } from '../model.ts';
import type { VisibleGroup } from './anonymity.ts';
import { type AgedEntry, readyNowStreak } from './history.ts';
import type { Decision } from './recommendation.ts';

export const STAND_IN_COMPETENCY = 'stand-in';

export function flagsFor(
  competencies: CompetencyScore[],
  groups: VisibleGroup[],
  selfOther: SelfOtherGap[],
  decision: Decision,
  earlier: AgedEntry[],
  sales: SalesSummary,
  config: LadderConfig,
): string[] {
  const flags: string[] = [];
  const standIn = competencies.find((competency) => competency.id === STAND_IN_COMPETENCY)?.score ?? null;
  const manager = groups.find((group) => group.group === 'manager');
  const managerRated = (manager?.means.get(STAND_IN_COMPETENCY) ?? null) !== null;
  if (standIn !== null && standIn >= config.thresholds.standIn && managerRated) flags.push('stand-in-ready');
  const blindSpots = selfOther.filter((gap) => gap.kind === 'blind-spot').length;
  if (blindSpots >= config.selfOther.blindSpotFlagMinimum) flags.push('blind-spot');
  if (retentionRisk(decision, earlier, sales, config)) flags.push('retention-risk');
  return flags;
}

/** Ready-now for `retentionQuarters` quarters in a row, and a top seller: no path yet means risk. */
function retentionRisk(decision: Decision, earlier: AgedEntry[], sales: SalesSummary, config: LadderConfig) {
  return (
    decision.recommendation === 'ready-now' &&
    readyNowStreak(earlier) + 1 >= config.flags.retentionQuarters &&
    sales.ownRecent !== null &&
    sales.ownRecent >= config.flags.topSellerAttainment
  );
}
