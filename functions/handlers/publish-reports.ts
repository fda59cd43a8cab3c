/**
 * Workflow step 6a — reports for one batch: each leader gets their own development report (group
 * results that passed the anonymity rule, never the HR recommendation); each manager whose team is
 * in the batch gets a team summary. Each email is sent once, guarded by a marker.
 */
import { QUESTIONNAIRE_V1 } from '../core/questionnaire.ts';
import { renderLeaderReportEmail, renderManagerSummaryEmail } from '../rendering/emails.ts';
import { keys } from '../shared/keys.ts';
import { logger, workflowHandler } from '../shared/middleware.ts';
import { sendOnce } from '../shared/send-once.ts';
import { getBatch } from '../shared/store/cycle-store.ts';
import type { BatchLeader, RecommendationItem } from '../shared/store/items.ts';
import { ensureItem, getRecommendations, managerSummaryKey } from '../shared/store/result-store.ts';
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

  const leaderReports = await mapWithConcurrency(batchItem.leaders, 8, async (leader) => {
    const rec = byLeader.get(leader.leaderId);
    if (!rec) throw new Error(`Leader ${leader.leaderId} has no recommendation for ${quarter}`);
    const email = renderLeaderReportEmail({
      leaderName: leader.name,
      quarter,
      report: rec.report,
      developmentNeeds: rec.developmentNeeds,
      competencyLabels,
    });
    return sendOnce(keys.recommendation(quarter, leader.leaderId), 'reportSentAt', {
      to: leader.email,
      ...email,
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
    const key = managerSummaryKey(quarter, first.managerId);
    await ensureItem(key);
    return sendOnce(key, 'sentAt', { to: first.managerEmail, ...email });
  });

  const sent = [...leaderReports, ...managerSummaries].filter(Boolean).length;
  logger.info('reports published', { quarter, batch, sent });
  return {
    batch,
    leaderReports: leaderReports.filter(Boolean).length,
    managerSummaries: managerSummaries.filter(Boolean).length,
  };
}

export const handler = workflowHandler(publishReports);
