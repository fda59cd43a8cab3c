/**
 * Workflow steps 2 and 3 — the invitations, or one reminder round, of one batch: one email per
 * rater (invitee), listing everyone they are asked about (a reminder: those still open), each with
 * its own fresh link. Sent team by team, each team's daily quota reserved whole, every email paced
 * to the account's rate through the shared schedule (functions/shared/pacer.ts) and sent exactly
 * once (functions/shared/send-once.ts).
 *
 * The Map iteration runs this step until it answers `settled`: between runs it waits `waitSeconds`
 * — for daily quota, for the Send events of emails whose send got no answer (then sends those that
 * SES never accepted), or not at all when the Lambda only ran out of time. An address SES refuses
 * never stops the cycle: its requests are marked undeliverable with SES's reason.
 */
import type { Context } from 'aws-lambda';
import { DISPLAY_SETTINGS } from '../core/display-settings.ts';
import { decideSlot, reminderSlot, type SlotDecision } from '../core/mail-slot.ts';
import { retentionAttributes } from '../core/retention.ts';
import { organisationDefaults } from '../i18n/organisation.ts';
import { renderRaterEmail } from '../rendering/emails.ts';
import { keys } from '../shared/keys.ts';
import { feedbackLink } from '../shared/mailer.ts';
import { logger, workflowHandler } from '../shared/middleware.ts';
import { confirmGraceMs, type Delivery, type SendContext, sendOnce } from '../shared/send-once.ts';
import { type RunTally, sendInGroups } from '../shared/send-run.ts';
import { getCycle } from '../shared/store/cycle-store.ts';
import type { InviteeItem, InviteeRequest, RequestItem, TokenItem } from '../shared/store/items.ts';
import { listBatchInvitees, markSuppressed, slotOf } from '../shared/store/mail-store.ts';
import { markInvited, markReminded, markUndeliverable } from '../shared/store/request-store.ts';
import { markRequestDelivery, suppressedAmong } from '../shared/store/suppression-store.ts';
import { batchGet, batchPut } from '../shared/store/table.ts';
import { hashToken, newLinkToken } from '../shared/tokens.ts';

export interface SendEmailsEvent {
  quarter: string;
  batch: number;
  kind: 'invitation' | 'reminder';
  /** Reminder round (1-based); 0 for invitations. */
  round: number;
}

/** What a run did, and whether the Map iteration is done (`settled`) or runs again after `waitSeconds`. */
export interface SendBatchResult extends RunTally {
  batch: number;
  kind: 'invitation' | 'reminder';
  /** Raters not emailed because their address is suppressed (hard bounce, complaint). */
  suppressed: number;
}

interface DueEmail {
  invitee: InviteeItem;
  slot: string;
  decision: SlotDecision;
  /** The requests the email lists. */
  listed: InviteeRequest[];
}

async function sendEmails(event: SendEmailsEvent, context?: Context): Promise<SendBatchResult> {
  const { quarter, batch, kind, round } = event;
  const [cycle, invitees] = await Promise.all([getCycle(quarter), listBatchInvitees(quarter, batch)]);
  if (!cycle) throw new Error(`Cycle ${quarter} does not exist`);
  if (cycle.status !== 'collecting') {
    logger.info('cycle no longer collecting: nothing sent', { quarter, batch, kind });
    return { batch, kind, suppressed: 0, ...NOTHING_TO_DO };
  }
  const slot = kind === 'invitation' ? 'invitation' : reminderSlot(round);
  const requests = kind === 'reminder' ? await requestsOf(quarter, invitees) : new Map<string, RequestItem>();

  const graceMs = confirmGraceMs();
  const now = Date.now();
  const due: DueEmail[] = [];
  for (const invitee of invitees) {
    const listed = kind === 'invitation' ? invitee.requests : stillOpen(invitee, requests);
    if (listed.length === 0) continue;
    due.push({ invitee, slot, decision: decideSlot(slotOf(invitee, slot), now, graceMs), listed });
  }

  // No email to an address that hard-bounced or complained: the slot and the requests are marked.
  const pending = due.filter(
    (email) => email.decision.action === 'send' || email.decision.action === 'resend',
  );
  const suppressedAddresses = await suppressedAmong(pending.map((email) => email.invitee.raterEmail));
  const marked = new Date().toISOString();
  const suppressed = pending.filter((email) => suppressedAddresses.has(email.invitee.raterEmail));
  for (const email of suppressed) {
    await markSuppressed({ pk: email.invitee.pk, sk: email.invitee.sk }, slot, marked);
    await Promise.all(
      email.listed.map((request) => markRequestDelivery(quarter, request.sk, 'suppressedAt', marked)),
    );
  }

  // Team by team, in order: the emails of a team go out together (its quota reserved whole).
  const teams = new Map<string, DueEmail[]>();
  const skipped = new Set(suppressed);
  for (const email of due) {
    if (skipped.has(email)) continue;
    teams.set(email.invitee.team, [...(teams.get(email.invitee.team) ?? []), email]);
  }
  const { deliveries: _deliveries, ...tally } = await sendInGroups({
    groups: [...teams.values()],
    decisionOf: (email) => email.decision,
    deliver: (email, sendContext) => deliver(email, cycle.deadline, round, sendContext),
    remainingMs: context?.getRemainingTimeInMillis?.(),
  });
  const result = { batch, kind, suppressed: suppressed.length, ...tally };
  logger.info('emails sent', { quarter, round, ...result });
  return result;
}

const NOTHING_TO_DO: RunTally = {
  settled: true,
  waitSeconds: 0,
  sent: 0,
  inDoubt: 0,
  refused: 0,
  waitingForQuota: 0,
  throttled: 0,
};

/** The requests of a reminder: still open (neither answered, declined nor expired), and deliverable. */
function stillOpen(invitee: InviteeItem, requests: Map<string, RequestItem>): InviteeRequest[] {
  const invitation = slotOf(invitee, 'invitation');
  if (!invitation || invitation.state === 'refused' || invitation.state === 'suppressed') return [];
  return invitee.requests.filter((listed) => {
    const request = requests.get(listed.sk);
    return (
      request !== undefined &&
      (request.status === 'pending' || request.status === 'sent') &&
      !request.undeliverableAt &&
      !request.suppressedAt
    );
  });
}

async function requestsOf(quarter: string, invitees: InviteeItem[]): Promise<Map<string, RequestItem>> {
  const found = await batchGet<RequestItem>(
    invitees.flatMap((invitee) =>
      invitee.requests.map((request) => keys.cycleItemFromSk(quarter, request.sk)),
    ),
  );
  return new Map(found.map((request) => [request.sk, request]));
}

async function deliver(
  email: DueEmail,
  deadline: string,
  round: number,
  context: SendContext,
): Promise<Delivery> {
  const { invitee, listed } = email;
  const kind = email.slot === 'invitation' ? 'invitation' : 'reminder';
  const delivery = await sendOnce(
    {
      key: { pk: invitee.pk, sk: invitee.sk },
      slot: email.slot,
      kind,
      quarter: invitee.quarter,
      to: invitee.raterEmail,
      compose: async () => {
        // A fresh link per request and email: only its hash is stored.
        const createdAt = new Date().toISOString();
        const links = listed.map(() => newLinkToken());
        await batchPut(
          listed.map(
            (request, i): TokenItem => ({
              ...keys.token(hashToken(links[i]!)),
              quarter: invitee.quarter,
              requestSk: request.sk,
              requestPk: keys.cycleItemFromSk(invitee.quarter, request.sk).pk,
              purpose: kind === 'invitation' ? 'invitation' : `reminder-${round}`,
              createdAt,
              ...retentionAttributes('token', deadline),
            }),
          ) as unknown as Record<string, unknown>[],
        );
        // In the rater's language and time zone (snapshotted from the roster when the cycle opened).
        const organisation = organisationDefaults();
        return renderRaterEmail({
          locale: [invitee.raterLocale, organisation.locale],
          timeZone: invitee.raterTimeZone || organisation.timeZone,
          anonymityMinimum: DISPLAY_SETTINGS.anonymityMinimum,
          kind,
          raterName: invitee.raterName,
          quarter: invitee.quarter,
          deadline,
          requests: listed.map((request, i) => ({
            leaderName: request.leaderName,
            group: request.group,
            link: feedbackLink(links[i]!),
          })),
        });
      },
    },
    email.decision,
    context,
  );
  if (delivery.result === 'sent' || delivery.result === 'unknown') {
    const at = new Date().toISOString();
    await Promise.all(
      listed.map((request) =>
        kind === 'invitation'
          ? markInvited(invitee.quarter, request.sk, at)
          : markReminded(invitee.quarter, request.sk, round),
      ),
    );
  } else if (delivery.result === 'refused') {
    const at = new Date().toISOString();
    await Promise.all(
      listed.map((request) => markUndeliverable(invitee.quarter, request.sk, delivery.reason, at)),
    );
  }
  return delivery;
}

export const handler = workflowHandler(sendEmails);
