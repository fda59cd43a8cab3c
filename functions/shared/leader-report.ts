/**
 * The report a leader receives for a quarter: their recommendation's report, guarded against
 * differencing with their earlier reports (functions/core/differencing.ts). PublishReports emails
 * it; the console shows the very same report to HR. The minimums come from the configuration
 * without its zod schema (functions/core/display-settings.ts), which keeps PublishReports under the
 * bundle budget.
 */

import {
  DIFFERENCING_LOOKBACK_QUARTERS,
  disclosureOf,
  type GuardResult,
  guardAgainstDifferencing,
} from '../core/differencing.ts';
import { DISPLAY_SETTINGS } from '../core/display-settings.ts';
import type { RaterResponse } from '../core/model.ts';
import { quarterIndex } from '../core/quarter.ts';
import { QUESTIONNAIRE_V1 } from '../core/questionnaire.ts';
import type { RecommendationItem, RequestItem } from './store/items.ts';
import { listLeaderRequests } from './store/request-store.ts';
import { leaderHistory } from './store/result-store.ts';

export const competencyLabels: Record<string, string> = Object.fromEntries(
  QUESTIONNAIRE_V1.competencies.map((c) => [c.id, c.label]),
);

export const responsesOf = (requests: RequestItem[]): RaterResponse[] =>
  requests.map((request) => ({
    raterId: request.raterId,
    group: request.group,
    status: request.status,
    ...(request.answers ? { answers: request.answers } : {}),
  }));

/** The leader's report of `quarter`, guarded against differencing with their earlier reports. */
export async function guardedLeaderReport(
  quarter: string,
  leaderId: string,
  rec: RecommendationItem,
  minimum: number = DISPLAY_SETTINGS.anonymityMinimum,
): Promise<GuardResult> {
  const [requests, history] = await Promise.all([
    listLeaderRequests(quarter, leaderId),
    leaderHistory(leaderId),
  ]);
  const current = quarterIndex(quarter);
  const earlierRecs = history.filter((item) => {
    const index = quarterIndex(item.quarter);
    return index < current && index >= current - DIFFERENCING_LOOKBACK_QUARTERS;
  });
  // Reports published before the guard existed have no stored disclosure: derive it.
  const earlier = await Promise.all(
    earlierRecs.map(
      async (item) =>
        item.disclosure ??
        disclosureOf(item.report, responsesOf(await listLeaderRequests(item.quarter, leaderId))),
    ),
  );
  return guardAgainstDifferencing({
    report: rec.report,
    developmentNeeds: rec.developmentNeeds,
    responses: responsesOf(requests),
    earlier,
    minimum,
    commentMinimum: DISPLAY_SETTINGS.commentMinimum,
    labels: competencyLabels,
  });
}
