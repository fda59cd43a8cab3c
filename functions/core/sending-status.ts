/**
 * A cycle's emails as `ladder cycle status` and the console's progress page show them: what became
 * of each rater's invitation and reminders and of the reports (functions/core/delivery.ts), and the
 * SES account's limits as the shared send schedule last read them, with what waits for its daily
 * quota and when it can go. Pure: mail slots and the schedule's state (functions/core/send-pacing.ts)
 * in, figures out.
 */
import { type DeliverySummary, type InviteeDelivery, summarizeDelivery } from './delivery.ts';
import type { MailSlot } from './mail-slot.ts';
import { allowanceOf, dailyRemaining, type PacerState, quotaFreesAt } from './send-pacing.ts';

/** What became of the emails per rater (one invitation each), and how many reports went. */
export interface CycleEmails extends DeliverySummary {
  /** Leader reports, manager summaries and HR's summary sent (or confirmed by SES's Send event). */
  reports: number;
}

export function cycleEmailsOf(
  invitees: readonly InviteeDelivery[],
  reports: readonly (MailSlot | undefined)[],
): CycleEmails {
  return {
    ...summarizeDelivery(invitees, reports),
    reports: reports.filter((slot) => slot?.state === 'sent' || slot?.confirmedAt).length,
  };
}

export interface SendingStatus {
  maxSendRate: number;
  max24HourSend: number;
  sentLast24Hours: number;
  /** Ladder's share of the account, and what is left of it in the rolling 24 hours. */
  share: number;
  /** Ladder's own limits: its share of the rate (per second) and of the daily quota. */
  allowance: { rate: number; daily: number };
  remaining: number;
  /** Invitations not sent yet, and (when the quota is short) when the next and the last can go. */
  waiting: number;
  /** True when the invitations not sent yet are more than what is left of the quota. */
  waitingForQuota: boolean;
  nextAt?: string;
  allAt?: string;
  /** When the figures were read from SES (ISO), when known. */
  readAt?: string;
}

/** Undefined when the schedule has never read the account's quota. */
export function sendingStatusOf(
  state: PacerState,
  waiting: number,
  share: number,
  now: number,
): SendingStatus | undefined {
  if (!state.quota) return undefined;
  const remaining = dailyRemaining(state, share);
  const sending: SendingStatus = {
    maxSendRate: state.quota.maxSendRate,
    max24HourSend: state.quota.max24HourSend,
    sentLast24Hours: state.quota.sentLast24Hours,
    share,
    allowance: allowanceOf(state.quota, share),
    remaining,
    waiting,
    waitingForQuota: waiting > remaining,
    ...(state.quotaReadAt ? { readAt: new Date(state.quotaReadAt).toISOString() } : {}),
  };
  if (sending.waitingForQuota) {
    const next = quotaFreesAt(state, share, Math.max(1, remaining + 1), now);
    const all = quotaFreesAt(state, share, waiting, now);
    if (next !== undefined) sending.nextAt = new Date(Math.max(next, now)).toISOString();
    if (all !== undefined) sending.allAt = new Date(Math.max(all, now)).toISOString();
  }
  return sending;
}
