/**
 * What became of a cycle's emails, per rater: for `cycle status`, the HR summary and the export.
 * Pure: works on the mail slots (functions/core/mail-slot.ts) of the invitees and report items.
 */
import { decideSlot, duplicatesOf, isInDoubt, type MailSlot } from './mail-slot.ts';

export interface InviteeDelivery {
  invitation?: MailSlot;
  reminders: (MailSlot | undefined)[];
  bouncedAt?: string;
  complainedAt?: string;
}

export interface DeliverySummary {
  /** Raters (one invitation each). */
  raters: number;
  /** Invitations SES accepted (or confirmed by its Send event). */
  invited: number;
  /** Reminder emails SES accepted, all rounds. */
  reminders: number;
  /** Invitations SES refused for good, and its reasons (how many raters each). */
  undeliverable: number;
  reasons: { reason: string; raters: number }[];
  /** Not emailed: the address hard-bounced or complained before. */
  suppressed: number;
  bounced: number;
  complained: number;
  /** Sent without an answer and not yet confirmed by a Send event. */
  inDoubt: number;
  /** Not sent yet (waiting for daily quota, or for their turn). */
  waiting: number;
  /** Emails received twice (a Send event arrived only after the email was sent again). */
  duplicates: number;
}

export function summarizeDelivery(
  invitees: readonly InviteeDelivery[],
  reports: readonly (MailSlot | undefined)[] = [],
): DeliverySummary {
  const summary: DeliverySummary = {
    raters: invitees.length,
    invited: 0,
    reminders: 0,
    undeliverable: 0,
    reasons: [],
    suppressed: 0,
    bounced: 0,
    complained: 0,
    inDoubt: 0,
    waiting: 0,
    duplicates: 0,
  };
  const reasons = new Map<string, number>();
  for (const invitee of invitees) {
    const invitation = invitee.invitation;
    const decision = decideSlot(invitation, 0, Number.POSITIVE_INFINITY);
    if (decision.action === 'done' && decision.result === 'sent') summary.invited++;
    else if (decision.action === 'done' && decision.result === 'refused') {
      summary.undeliverable++;
      const reason = invitation?.reason ?? 'refused';
      reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
    } else if (decision.action === 'done') summary.suppressed++;
    else if (isInDoubt(invitation)) summary.inDoubt++;
    else summary.waiting++;
    for (const reminder of invitee.reminders) {
      const settled = decideSlot(reminder, 0, Number.POSITIVE_INFINITY);
      if (settled.action === 'done' && settled.result === 'sent') summary.reminders++;
      else if (isInDoubt(reminder)) summary.inDoubt++;
      summary.duplicates += duplicatesOf(reminder);
    }
    summary.duplicates += duplicatesOf(invitation);
    if (invitee.bouncedAt) summary.bounced++;
    if (invitee.complainedAt) summary.complained++;
  }
  for (const report of reports) {
    summary.duplicates += duplicatesOf(report);
    if (isInDoubt(report)) summary.inDoubt++;
  }
  summary.reasons = [...reasons]
    .map(([reason, raters]) => ({ reason, raters }))
    .sort((a, b) => b.raters - a.raters || a.reason.localeCompare(b.reason));
  return summary;
}
