/**
 * Workflow step 6b — the cycle summary record (request counts summed from the batches, counts per
 * recommendation, what became of the emails), the console's digest of the quarter's leaders, and
 * one summary email to HR, sent exactly once like
 * every email (state on `MAIL#hr-summary#hr`). Runs until `settled` (the workflow waits between
 * runs, for quota or for the Send event of a send that got no answer); then marks the cycle
 * published.
 */
import type { Context } from 'aws-lambda';
import { summarizeDelivery } from '../core/delivery.ts';
import { decideSlot } from '../core/mail-slot.ts';
import { RECOMMENDATIONS } from '../core/model.ts';
import { earliestExpiry } from '../core/retention.ts';
import { organisationDefaults } from '../i18n/organisation.ts';
import { renderHrSummaryEmail } from '../rendering/report-emails.ts';
import { optionalEnv } from '../shared/env.ts';
import { CycleCancelledError } from '../shared/errors.ts';
import { keys } from '../shared/keys.ts';
import { logger, workflowHandler } from '../shared/middleware.ts';
import { confirmGraceMs, sendOnce } from '../shared/send-once.ts';
import { type RunTally, sendInGroups } from '../shared/send-run.ts';
import { getCycle, listBatches, transitionCycle } from '../shared/store/cycle-store.ts';
import { writeDigest } from '../shared/store/digest-store.ts';
import type { BatchCounts, MailItem, SummaryItem } from '../shared/store/items.ts';
import { getItem, listInviteeDeliveries, listMailItems, slotOf } from '../shared/store/mail-store.ts';
import { listRecommendations, putSummary } from '../shared/store/result-store.ts';
import { toLeaderSummary } from '../shared/store/view-store.ts';

export const HR_MAIL_ID = 'hr';

async function summarizeCycle(event: { quarter: string }, context?: Context) {
  const { quarter } = event;
  const [cycle, batches, recommendations, invitees, reports] = await Promise.all([
    getCycle(quarter),
    listBatches(quarter),
    listRecommendations(quarter),
    listInviteeDeliveries(quarter),
    listMailItems(quarter),
  ]);
  if (!cycle) throw new Error(`Cycle ${quarter} does not exist`);
  if (cycle.status === 'cancelled')
    throw new CycleCancelledError(`The ${quarter} cycle was cancelled: no summary is sent`);
  const requests: BatchCounts = { total: 0, answered: 0, declined: 0, expired: 0 };
  for (const batch of batches) {
    for (const key of Object.keys(requests) as (keyof BatchCounts)[])
      requests[key] += batch.counts?.[key] ?? 0;
  }
  const counts = Object.fromEntries(RECOMMENDATIONS.map((r) => [r, 0])) as Record<string, number>;
  for (const rec of recommendations) counts[rec.recommendation] = (counts[rec.recommendation] ?? 0) + 1;
  const delivery = summarizeDelivery(
    invitees,
    reports.map((item) => slotOf(item, item.sk.split('#')[1] ?? '')),
  );
  const summary: SummaryItem = {
    ...keys.summary(quarter),
    quarter,
    leaders: recommendations.length,
    requests,
    recommendations: counts,
    configVersion: cycle.configVersion,
    summarizedAt: new Date().toISOString(),
    delivery,
  };
  await putSummary(summary);
  // The console's digest of the quarter (functions/shared/store/digest-store.ts), from what was just read.
  await writeDigest(
    quarter,
    summary.summarizedAt,
    recommendations.map(toLeaderSummary),
    earliestExpiry(recommendations),
  );

  let tally: RunTally | undefined;
  const hrEmail = optionalEnv('hrEmail');
  if (hrEmail) {
    const key = keys.mail(quarter, 'hr-summary', HR_MAIL_ID);
    const item = await getItem<MailItem>(key);
    const decision = decideSlot(slotOf(item, 'hr-summary'), Date.now(), confirmGraceMs());
    const { deliveries: _deliveries, ...run } = await sendInGroups({
      groups: [[decision]],
      decisionOf: (d) => d,
      deliver: (d, sendContext) =>
        sendOnce(
          {
            key,
            slot: 'hr-summary',
            kind: 'hr-summary',
            quarter,
            to: hrEmail,
            compose: async () =>
              // HR reads the organisation's language, in its time zone.
              renderHrSummaryEmail({
                ...organisationDefaults(),
                quarter,
                requests,
                delivery,
                leaders: recommendations.map((rec) => ({
                  name: rec.leaderName,
                  team: rec.team,
                  readinessScore: rec.readinessScore,
                  recommendation: rec.recommendation,
                  flags: rec.flags,
                })),
              }),
          },
          d,
          sendContext,
        ),
      remainingMs: context?.getRemainingTimeInMillis?.(),
    });
    tally = run;
    if (!run.settled) {
      logger.info('HR summary not settled yet', { quarter, waitSeconds: run.waitSeconds });
      return { quarter, settled: false, waitSeconds: run.waitSeconds };
    }
  }
  await transitionCycle(quarter, ['closed', 'scored'], 'published', {
    publishedAt: new Date().toISOString(),
  });
  logger.info('cycle published', {
    quarter,
    leaders: recommendations.length,
    ...requests,
    hrEmail: tally?.sent,
  });
  return {
    quarter,
    settled: true,
    waitSeconds: 0,
    leaders: recommendations.length,
    requests,
    recommendations: counts,
  };
}

export const handler = workflowHandler(summarizeCycle);
