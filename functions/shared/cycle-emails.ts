/**
 * Reads a cycle's emails for `ladder cycle status` and the console (the progress page's quota notice,
 * the cycle's Emails page): the raters' and the reports' mail slots, and the shared send schedule's
 * SES figures (functions/shared/pacer.ts); the figures are made by functions/core/sending-status.ts,
 * so the CLI and the console show the same numbers.
 */
import { dailyRemaining, type PacerState } from '../core/send-pacing.ts';
import {
  type CycleEmails,
  cycleEmailsOf,
  type SendingStatus,
  sendingStatusOf,
} from '../core/sending-status.ts';
import { logger } from './middleware.ts';
import { pacerSettings, readPacerState } from './pacer.ts';
import { listInviteeDeliveries, listMailItems, slotOf } from './store/mail-store.ts';

export interface CycleEmailsReport {
  emails: CycleEmails;
  /** Undefined when the account's limits are not known (never read, or SES could not be asked). */
  sending?: SendingStatus;
}

/**
 * `readSchedule`: how to read the shared send schedule. By default the stored figures, shown with
 * when they were read (the console: the senders keep them fresh while anything waits for quota);
 * the CLI passes `currentQuota`, which asks SES again when they are older than a minute (with the
 * operator's credentials). A parameter, not a flag, so the console's bundle has no SES client.
 */
export async function readCycleEmails(
  quarter: string,
  options: { readSchedule?: () => Promise<PacerState>; now?: Date } = {},
): Promise<CycleEmailsReport> {
  const [invitees, reports, pacer] = await Promise.all([
    listInviteeDeliveries(quarter),
    listMailItems(quarter),
    sendSchedule(options.readSchedule ?? readPacerState),
  ]);
  const emails = cycleEmailsOf(
    invitees,
    reports.map((item) => slotOf(item, item.sk.split('#')[1] ?? '')),
  );
  const now = (options.now ?? new Date()).getTime();
  const sending = pacer ? sendingStatusOf(pacer, emails.waiting, pacerSettings().share, now) : undefined;
  return { emails, ...(sending ? { sending } : {}) };
}

/**
 * The account's limits, and what waits for its quota only when anything can: the raters' emails are
 * read (7,500 items at 1,000 leaders) only when what is left of Ladder's daily quota is smaller than
 * `unsent`, the most invitations the cycle may still have to send (its request count while it is
 * opening or collecting, 0 after). Otherwise nothing waits for quota and `waiting` is 0.
 */
export async function readQuotaWait(
  quarter: string,
  unsent: number,
  now = new Date(),
): Promise<{ sending?: SendingStatus }> {
  const pacer = await sendSchedule(readPacerState);
  if (!pacer?.quota) return {};
  const { share } = pacerSettings();
  const waiting =
    dailyRemaining(pacer, share) >= unsent
      ? 0
      : cycleEmailsOf(await listInviteeDeliveries(quarter), []).waiting;
  const sending = sendingStatusOf(pacer, waiting, share, now.getTime());
  return sending ? { sending } : {};
}

async function sendSchedule(read: () => Promise<PacerState>): Promise<PacerState | undefined> {
  try {
    return await read();
  } catch (error) {
    logger.warn('The send schedule could not be read: no SES figures shown', {
      errorName: (error as Error).name,
    });
    return undefined;
  }
}
