/**
 * Workflow step 6a — reports for one batch: each leader gets their own development report (group
 * results that passed the anonymity rule, never the HR recommendation), guarded against
 * differencing with their earlier reports (functions/core/differencing.ts); each manager whose team
 * is in the batch gets a team summary. Each email is sent once, guarded by a marker, and never to a
 * suppressed address.
 */
import { DEFAULT_CONFIG } from '../core/config.ts';
import {
  DIFFERENCING_LOOKBACK_QUARTERS,
  disclosureOf,
  guardAgainstDifferencing,
} from '../core/differencing.ts';
import type { RaterResponse } from '../core/model.ts';
import { quarterIndex } from '../core/quarter.ts';
import { QUESTIONNAIRE_V1 } from '../core/questionnaire.ts';
import { anonymityMinimum } from '../core/readiness/anonymity.ts';
import { renderLeaderReportEmail, renderManagerSummaryEmail } from '../rendering/emails.ts';
import { keys } from '../shared/keys.ts';
import { logger, workflowHandler } from '../shared/middleware.ts';
import { sendOnce } from '../shared/send-once.ts';
import { getBatch } from '../shared/store/cycle-store.ts';
import type { BatchLeader, RecommendationItem, RequestItem } from '../shared/store/items.ts';
import { listLeaderRequests } from '../shared/store/request-store.ts';
import {
  ensureManagerSummaryMarker,
  getRecommendations,
  leaderHistory,
  recordDisclosure,
} from '../shared/store/result-store.ts';
import { mapWithConcurrency } from '../shared/store/table.ts';

const competencyLabels = Object.fromEntries(QUESTIONNAIRE_V1.competencies.map((c) => [c.id, c.label]));

async function publishReports(event: { quarter: string; batch: number }) {
  const { quarter, batch } = event;
  const batchItem = await getBatch(quarter, batch);
  if (!batchItem) throw new Error(`Batch ${batch} of cycle ${quarter} does not exist`);
  const recommendations = await getRecommendations(
    quarter,
    batchItem.leaders.map((leader) => leader.leaderId),
  );
  const byLeader = new Map(recommendations.map((rec) => [rec.leaderId, rec]));

  const minimum = anonymityMinimum(DEFAULT_CONFIG);
  const leaderReports = await mapWithConcurrency(batchItem.leaders, 8, async (leader) => {
    const rec = byLeader.get(leader.leaderId);
    if (!rec) throw new Error(`Leader ${leader.leaderId} has no recommendation for ${quarter}`);
    // What the leader may see this quarter without comparing it with earlier reports to isolate
    // one person (functions/core/differencing.ts); stored before sending, for the next quarters.
    const guarded = await guardedReport(quarter, leader.leaderId, rec, minimum);
    await recordDisclosure(quarter, leader.leaderId, guarded.disclosure);
    const email = renderLeaderReportEmail({
      leaderName: leader.name,
      quarter,
      report: guarded.report,
      developmentNeeds: guarded.developmentNeeds,
      competencyLabels,
    });
    return sendOnce(keys.recommendation(quarter, leader.leaderId), 'reportSentAt', {
      to: leader.email,
      ...email,
      tags: { kind: 'leader-report', quarter },
    });
  });

  const teams = new Map<string, BatchLeader[]>();
  for (const leader of batchItem.leaders) {
    if (!leader.managerId || !leader.managerEmail) continue;
    teams.set(leader.managerId, [...(teams.get(leader.managerId) ?? []), leader]);
  }
  const managerSummaries = await mapWithConcurrency([...teams.values()], 8, async (leaders) => {
    const first = leaders[0]!;
    const email = renderManagerSummaryEmail({
      managerName: first.managerName,
      team: first.team,
      quarter,
      leaders: leaders.map((leader) => {
        const rec = byLeader.get(leader.leaderId) as RecommendationItem;
        return {
          name: leader.name,
          readinessScore: rec.readinessScore,
          recommendation: rec.recommendation,
          flags: rec.flags,
          developmentNeeds: rec.developmentNeeds,
        };
      }),
    });
    const key = await ensureManagerSummaryMarker(quarter, first.managerId);
    return sendOnce(key, 'sentAt', {
      to: first.managerEmail,
      ...email,
      tags: { kind: 'manager-summary', quarter },
    });
  });

  const sent = [...leaderReports, ...managerSummaries].filter(Boolean).length;
  logger.info('reports published', { quarter, batch, sent });
  return {
    batch,
    leaderReports: leaderReports.filter(Boolean).length,
    managerSummaries: managerSummaries.filter(Boolean).length,
  };
}

const responsesOf = (requests: RequestItem[]): RaterResponse[] =>
  requests.map((request) => ({
    raterId: request.raterId,
    group: request.group,
    status: request.status,
    ...(request.answers ? { answers: request.answers } : {}),
  }));

/** The leader's report of `quarter`, guarded against differencing with their earlier reports. */
async function guardedReport(quarter: string, leaderId: string, rec: RecommendationItem, minimum: number) {
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
    labels: competencyLabels,
  });
}

export const handler = workflowHandler(publishReports);
