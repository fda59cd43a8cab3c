/**
 * Workflow steps 2 and 3 — the invitations, or one reminder round, for one batch of leaders.
 * Each email is claimed with a conditional write before it is sent and the claim is given back if
 * SES refuses, so a retried batch never sends the same email twice.
 */
import { randomUUID } from 'node:crypto';
import { renderRequestEmail } from '../rendering/emails.ts';
import { keys } from '../shared/keys.ts';
import { feedbackLink, sendEmail } from '../shared/mailer.ts';
import { logger, workflowHandler } from '../shared/middleware.ts';
import { getBatch, getCycle } from '../shared/store/cycle-store.ts';
import type { RequestItem } from '../shared/store/items.ts';
import {
  claimInvitation,
  claimReminder,
  listLeaderRequests,
  putToken,
  releaseInvitation,
  releaseReminder,
} from '../shared/store/request-store.ts';
import { markRequestDelivery, suppressedAmong } from '../shared/store/suppression-store.ts';
import { mapWithConcurrency } from '../shared/store/table.ts';
import { hashToken, newLinkToken } from '../shared/tokens.ts';

export interface SendEmailsEvent {
  quarter: string;
  batch: number;
  kind: 'invitation' | 'reminder';
  /** Reminder round (1-based); 0 for invitations. */
  round: number;
}

export interface SendEmailsResult {
  batch: number;
  kind: 'invitation' | 'reminder';
  sent: number;
  skipped: number;
}

/** Parallel SES calls per batch: enough to hide latency, well under SES's per-second quota. */
const SEND_CONCURRENCY = 8;

async function sendEmails(event: SendEmailsEvent): Promise<SendEmailsResult> {
  const { quarter, batch, kind, round } = event;
  const [cycle, batchItem] = await Promise.all([getCycle(quarter), getBatch(quarter, batch)]);
  if (!cycle || !batchItem) throw new Error(`Cycle ${quarter} or its batch ${batch} does not exist`);
  if (cycle.status !== 'collecting') {
    logger.info('cycle no longer collecting: nothing sent', { quarter, batch, kind });
    return { batch, kind, sent: 0, skipped: 0 };
  }
  const requests = (
    await mapWithConcurrency(batchItem.leaders, 4, (leader) => listLeaderRequests(quarter, leader.leaderId))
  ).flat();
  const due = requests.filter((request) =>
    kind === 'invitation'
      ? request.status === 'pending'
      : request.status === 'sent' && (request.remindersSent ?? 0) < round,
  );
  // No email to an address that hard-bounced or complained: the request is marked instead.
  const suppressed = await suppressedAmong(due.map((request) => request.raterEmail));
  const now = new Date().toISOString();
  await mapWithConcurrency(
    due.filter((request) => suppressed.has(request.raterEmail) && !request.suppressedAt),
    SEND_CONCURRENCY,
    (request) => markRequestDelivery(quarter, request.sk, 'suppressedAt', now),
  );
  if (suppressed.size > 0) logger.info('suppressed addresses skipped', { quarter, batch, kind });
  const outcomes = await mapWithConcurrency(
    due.filter((request) => !suppressed.has(request.raterEmail)),
    SEND_CONCURRENCY,
    (request) => sendOne(request, kind, round, cycle.deadline),
  );
  const sent = outcomes.filter(Boolean).length;
  logger.info('emails sent', { quarter, batch, kind, round, sent, skipped: requests.length - sent });
  return { batch, kind, sent, skipped: requests.length - sent };
}

async function sendOne(
  request: RequestItem,
  kind: 'invitation' | 'reminder',
  round: number,
  deadline: string,
): Promise<boolean> {
  const now = new Date().toISOString();
  // The claim id is made here so that a claim whose response was lost can still be given back.
  const claim = randomUUID();
  const release = () =>
    (kind === 'invitation'
      ? releaseInvitation(request, claim)
      : releaseReminder(request, round, claim)
    ).catch((releaseError) =>
      logger.error('could not release a claim after a failed send', {
        errorName: (releaseError as Error).name,
      }),
    );
  try {
    const claimed =
      kind === 'invitation'
        ? await claimInvitation(request, now, claim)
        : await claimReminder(request, round, claim);
    if (!claimed) return false;
  } catch (error) {
    await release();
    throw error;
  }
  try {
    // A fresh link per email: only its hash is stored, so a reminder cannot repeat the first link.
    const token = newLinkToken();
    await putToken(
      {
        ...keys.token(hashToken(token)),
        quarter: request.quarter,
        requestSk: request.sk,
        requestPk: request.pk,
        purpose: kind === 'invitation' ? 'invitation' : `reminder-${round}`,
        createdAt: now,
      },
      deadline,
    );
    const email = renderRequestEmail({
      kind,
      raterName: request.raterName,
      leaderName: request.leaderName,
      raterGroup: request.group,
      link: feedbackLink(token),
      deadline,
      quarter: request.quarter,
    });
    // Resolves undefined when SES's answer was lost: counted as sent, never sent twice.
    await sendEmail({
      to: request.raterEmail,
      ...email,
      tags: { kind, quarter: request.quarter, requestSk: request.sk },
    });
    return true;
  } catch (error) {
    await release();
    throw error;
  }
}

export const handler = workflowHandler(sendEmails);
