/**
 * Workflow step 6b — the cycle summary record (request counts summed from the batches, counts per
 * recommendation) and one summary email to HR. Marks the cycle published.
 */
import { RECOMMENDATIONS } from '../core/model.ts';
import { organisationDefaults } from '../i18n/organisation.ts';
import { renderHrSummaryEmail } from '../rendering/report-emails.ts';
import { optionalEnv } from '../shared/env.ts';
import { keys } from '../shared/keys.ts';
import { logger, workflowHandler } from '../shared/middleware.ts';
import { sendOnce } from '../shared/send-once.ts';
import { getCycle, listBatches, transitionCycle } from '../shared/store/cycle-store.ts';
import type { BatchCounts, SummaryItem } from '../shared/store/items.ts';
import { listRecommendations, putSummary } from '../shared/store/result-store.ts';

async function summarizeCycle(event: { quarter: string }) {
  const { quarter } = event;
  const [cycle, batches, recommendations] = await Promise.all([
    getCycle(quarter),
    listBatches(quarter),
    listRecommendations(quarter),
  ]);
  if (!cycle) throw new Error(`Cycle ${quarter} does not exist`);
  const requests: BatchCounts = { total: 0, answered: 0, declined: 0, expired: 0 };
  for (const batch of batches) {
    for (const key of Object.keys(requests) as (keyof BatchCounts)[])
      requests[key] += batch.counts?.[key] ?? 0;
  }
  const counts = Object.fromEntries(RECOMMENDATIONS.map((r) => [r, 0])) as Record<string, number>;
  for (const rec of recommendations) counts[rec.recommendation] = (counts[rec.recommendation] ?? 0) + 1;
  const summary: SummaryItem = {
    ...keys.summary(quarter),
    quarter,
    leaders: recommendations.length,
    requests,
    recommendations: counts,
    configVersion: cycle.configVersion,
    summarizedAt: new Date().toISOString(),
  } as SummaryItem;
  await putSummary(summary);

  const hrEmail = optionalEnv('hrEmail');
  if (hrEmail) {
    // HR reads the organisation's language, in its time zone.
    const email = renderHrSummaryEmail({
      ...organisationDefaults(),
      quarter,
      requests,
      leaders: recommendations.map((rec) => ({
        name: rec.leaderName,
        team: rec.team,
        readinessScore: rec.readinessScore,
        recommendation: rec.recommendation,
        flags: rec.flags,
      })),
    });
    await sendOnce(keys.summary(quarter), 'hrEmailSentAt', {
      to: hrEmail,
      ...email,
      tags: { kind: 'hr-summary', quarter },
    });
  }
  await transitionCycle(quarter, ['closed', 'scored'], 'published', {
    publishedAt: new Date().toISOString(),
  });
  logger.info('cycle published', { quarter, leaders: recommendations.length, ...requests });
  return { quarter, leaders: recommendations.length, requests, recommendations: counts };
}

export const handler = workflowHandler(summarizeCycle);
