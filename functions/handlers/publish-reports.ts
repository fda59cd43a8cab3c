/**
 * Workflow step 6a — reports for one batch: each leader gets their own development report (group
 * results that passed the anonymity rule, never the HR recommendation), guarded against
 * differencing with their earlier reports (functions/core/differencing.ts); each team summary the
 * batch owns (one per manager and team, owned by the first batch of the team, built from all its
 * batches: every batch is scored before any publishes) goes to the manager. One email per report,
 * each sent exactly once (functions/shared/send-once.ts, state on a `MAIL#<kind>#<id>` item), paced
 * to the account, never to a suppressed address. Like the invitations, the Map iteration runs this
 * step until it answers `settled` (waiting for quota, or for the Send events of sends that got no
 * answer).
 */
import type { Context } from 'aws-lambda';
import { DISPLAY_SETTINGS } from '../core/display-settings.ts';
import { decideSlot, type MailKind } from '../core/mail-slot.ts';
import { organisationDefaults } from '../i18n/organisation.ts';
import { renderLeaderReportEmail, renderManagerSummaryEmail } from '../rendering/report-emails.ts';
import { keys } from '../shared/keys.ts';
import { guardedLeaderReport } from '../shared/leader-report.ts';
import { logger, workflowHandler } from '../shared/middleware.ts';
import { confirmGraceMs, type OutgoingEmail, sendOnce } from '../shared/send-once.ts';
import { type RunTally, sendInGroups } from '../shared/send-run.ts';
import { getBatch, getCycle } from '../shared/store/cycle-store.ts';
import type { BatchItem, BatchLeader, MailItem } from '../shared/store/items.ts';
import { markSuppressed, slotOf } from '../shared/store/mail-store.ts';
import { getRecommendations, recordDisclosure } from '../shared/store/result-store.ts';
import { suppressedAmong } from '../shared/store/suppression-store.ts';
import { batchGet } from '../shared/store/table.ts';

export interface PublishResult extends RunTally {
  batch: number;
  /** Sent in this run. */
  leaderReports: number;
  managerSummaries: number;
  suppressed: number;
}

interface Report {
  kind: MailKind;
  id: string;
  to: string;
  compose: OutgoingEmail['compose'];
}

async function publishReports(
  event: { quarter: string; batch: number },
  context?: Context,
): Promise<PublishResult> {
  const { quarter, batch } = event;
  const [cycle, batchItem] = await Promise.all([getCycle(quarter), getBatch(quarter, batch)]);
  if (!batchItem) throw new Error(`Batch ${batch} of cycle ${quarter} does not exist`);
  if (cycle?.status === 'cancelled') {
    logger.info('cycle cancelled: no report sent', { quarter, batch });
    return {
      batch,
      settled: true,
      waitSeconds: 0,
      sent: 0,
      inDoubt: 0,
      refused: 0,
      waitingForQuota: 0,
      throttled: 0,
      leaderReports: 0,
      managerSummaries: 0,
      suppressed: 0,
    };
  }
  const recommendations = await getRecommendations(
    quarter,
    batchItem.leaders.map((leader) => leader.leaderId),
  );
  const byLeader = new Map(recommendations.map((rec) => [rec.leaderId, rec]));
  const minimum = DISPLAY_SETTINGS.anonymityMinimum;

  const reports: Report[] = batchItem.leaders.map((leader) => {
    const rec = byLeader.get(leader.leaderId);
    if (!rec) throw new Error(`Leader ${leader.leaderId} has no recommendation for ${quarter}`);
    return {
      kind: 'leader-report',
      id: leader.leaderId,
      to: leader.email,
      compose: async () => {
        // What the leader may see this quarter without comparing it with earlier reports to isolate
        // one person (functions/core/differencing.ts); stored before sending, for the next quarters.
        const guarded = await guardedLeaderReport(quarter, leader.leaderId, rec, minimum);
        await recordDisclosure(quarter, leader.leaderId, guarded.disclosure);
        return renderLeaderReportEmail({
          ...recipientLanguage(leader.locale, leader.timeZone),
          leaderName: leader.name,
          quarter,
          report: guarded.report,
          developmentNeeds: guarded.developmentNeeds,
        });
      },
    };
  });
  for (const leaders of await summaryGroups(quarter, batchItem)) {
    const first = leaders[0]!;
    const missing = leaders.filter((leader) => !byLeader.has(leader.leaderId)).map((l) => l.leaderId);
    for (const rec of await getRecommendations(quarter, missing)) byLeader.set(rec.leaderId, rec);
    reports.push({
      kind: 'manager-summary',
      id: keys.managerSummaryMailId(first.managerId, first.team),
      to: first.managerEmail,
      compose: async () =>
        renderManagerSummaryEmail({
          ...recipientLanguage(first.managerLocale, first.managerTimeZone),
          managerName: first.managerName,
          team: first.team,
          quarter,
          leaders: leaders.map((leader) => {
            const rec = byLeader.get(leader.leaderId);
            if (!rec) throw new Error(`Leader ${leader.leaderId} has no recommendation for ${quarter}`);
            return {
              name: leader.name,
              readinessScore: rec.readinessScore,
              recommendation: rec.recommendation,
              flags: rec.flags,
              developmentNeeds: rec.developmentNeeds,
            };
          }),
        }),
    });
  }

  const items = await batchGet<MailItem>(reports.map((report) => keys.mail(quarter, report.kind, report.id)));
  const itemOf = new Map(items.map((item) => [item.sk, item]));
  const graceMs = confirmGraceMs();
  const now = Date.now();
  const decided = reports.map((report) => {
    const key = keys.mail(quarter, report.kind, report.id);
    return { report, key, decision: decideSlot(slotOf(itemOf.get(key.sk), report.kind), now, graceMs) };
  });
  const pending = decided.filter(
    ({ decision }) => decision.action === 'send' || decision.action === 'resend',
  );
  const suppressedAddresses = await suppressedAmong(pending.map(({ report }) => report.to));
  const suppressed = new Set(pending.filter(({ report }) => suppressedAddresses.has(report.to)));
  const marked = new Date().toISOString();
  for (const { report, key } of suppressed) await markSuppressed(key, report.kind, marked);

  const { deliveries, ...tally } = await sendInGroups({
    groups: [decided.filter((entry) => !suppressed.has(entry))],
    decisionOf: (entry) => entry.decision,
    deliver: ({ report, key, decision }, sendContext) =>
      sendOnce(
        { key, slot: report.kind, kind: report.kind, quarter, to: report.to, compose: report.compose },
        decision,
        sendContext,
      ),
    remainingMs: context?.getRemainingTimeInMillis?.(),
  });
  const sentOf = (kind: MailKind) =>
    [...deliveries].filter(([entry, delivery]) => entry.report.kind === kind && delivery.result === 'sent')
      .length;
  const result: PublishResult = {
    batch,
    ...tally,
    suppressed: suppressed.size,
    leaderReports: sentOf('leader-report'),
    managerSummaries: sentOf('manager-summary'),
  };
  logger.info('reports published', { quarter, ...result });
  return result;
}

/**
 * The team summaries this batch sends, each as the list of its leaders: one per (manager, team),
 * gathered from every batch that holds the team (a team larger than a batch spans several). Batches
 * written before summaries were per team carry no list: then each (manager, team) among the batch's
 * own leaders.
 */
async function summaryGroups(quarter: string, batchItem: BatchItem): Promise<BatchLeader[][]> {
  const withManager = (leader: BatchLeader) => leader.managerId !== '' && leader.managerEmail !== '';
  const refs =
    batchItem.managerSummaries ??
    [
      ...new Map(
        batchItem.leaders.filter(withManager).map((l) => [`${l.managerId}\u0000${l.team}`, l]),
      ).values(),
    ].map((leader) => ({
      managerId: leader.managerId,
      team: leader.team,
      firstBatch: batchItem.batch,
      lastBatch: batchItem.batch,
    }));
  const batches = new Map<number, BatchItem>([[batchItem.batch, batchItem]]);
  const groups: BatchLeader[][] = [];
  for (const ref of refs) {
    const leaders: BatchLeader[] = [];
    for (let batch = ref.firstBatch; batch <= ref.lastBatch; batch++) {
      let item = batches.get(batch);
      if (item === undefined) {
        item = await getBatch(quarter, batch);
        if (!item) throw new Error(`Batch ${batch} of cycle ${quarter} does not exist`);
        batches.set(batch, item);
      }
      leaders.push(
        ...item.leaders.filter((l) => withManager(l) && l.managerId === ref.managerId && l.team === ref.team),
      );
    }
    if (leaders.length > 0) groups.push(leaders);
  }
  return groups;
}

/**
 * The language and time zone the roster gave a recipient (snapshotted on the batch when the cycle
 * opened), else the organisation's. Batches written before locales existed have neither.
 */
function recipientLanguage(locale: string | undefined, timeZone: string | undefined) {
  const organisation = organisationDefaults();
  return { locale: [locale, organisation.locale], timeZone: timeZone || organisation.timeZone };
}

export const handler = workflowHandler(publishReports);
