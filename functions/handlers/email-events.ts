/**
 * Events of Ladder's SES configuration set. On AWS they arrive through an EventBridge rule on the
 * default bus (SES event destination); SNS notifications and bare SES event records are accepted
 * too. Every email carries the tags `ladder-quarter`, `ladder-mail` (the item and slot that hold the
 * email's state) and `ladder-claim` (the attempt that sent it).
 *
 * - **Send** and **Delivery**: SES accepted the email of that claim. Recorded on its slot
 *   (`confirmedAt`): an email whose send got no answer is then known to be sent and is not sent
 *   again. An event of an earlier claim arriving after the email was sent again is recorded as late
 *   (the email was received twice). Events come at least once and in any order: each is idempotent.
 * - **Reject**: SES accepted, then did not deliver (a virus): the slot is marked refused.
 * - **Hard bounce** or **complaint**: the address is suppressed (`SUPPRESS#<sha256(lower-cased
 *   address)>`), so no further invitation, reminder or report goes to it; the rater (invitee) and the
 *   requests the email listed are marked `bouncedAt` / `complainedAt`, which `ladder cycle status`,
 *   the HR summary and the export show.
 * Soft (transient) bounces are ignored: SES has already retried, and the next email may get through.
 * Logs carry counts only, never the address.
 */
import type { EventBridgeEvent, SNSEvent } from 'aws-lambda';
import { isQuarterId } from '../core/quarter.ts';
import { keys } from '../shared/keys.ts';
import { mailOfTag, TAG_NAMES } from '../shared/mailer.ts';
import { logger, workflowHandler } from '../shared/middleware.ts';
import type { InviteeItem } from '../shared/store/items.ts';
import { confirmSlot, getItem, markRefusedByEvent } from '../shared/store/mail-store.ts';
import { markDelivery, markRequestDelivery, suppressAddress } from '../shared/store/suppression-store.ts';

/** The part of an SES event record (event publishing, or a feedback notification) used here. */
export interface SesEventRecord {
  /** Event publishing (configuration set). */
  eventType?: string;
  /** Identity feedback notifications. */
  notificationType?: string;
  mail: { messageId?: string; timestamp?: string; tags?: Record<string, string[]> };
  bounce?: { bounceType?: string; bouncedRecipients?: { emailAddress?: string }[]; timestamp?: string };
  complaint?: { complainedRecipients?: { emailAddress?: string }[]; timestamp?: string };
}

export type EmailEvent = EventBridgeEvent<string, SesEventRecord> | SNSEvent | SesEventRecord;

export interface EmailEventsResult {
  /** Send and Delivery events recorded on the email's current claim. */
  confirmed: number;
  /** Send events of an earlier claim after the email was sent again (received twice). */
  late: number;
  /** Addresses suppressed (repeats included). */
  suppressed: number;
  /** Requests marked bounced or complained. */
  marked: number;
  /** Records that were none of these, or not readable, or not about a Ladder email. */
  ignored: number;
}

function recordsOf(event: EmailEvent): unknown[] {
  if (event && typeof event === 'object' && 'Records' in event && Array.isArray(event.Records)) {
    return event.Records.map((record) => {
      try {
        return JSON.parse(record.Sns?.Message ?? 'null');
      } catch {
        return null;
      }
    });
  }
  if (event && typeof event === 'object' && 'detail' in event) return [event.detail];
  return [event];
}

function isRecord(value: unknown): value is SesEventRecord {
  return typeof value === 'object' && value !== null && typeof (value as SesEventRecord).mail === 'object';
}

function timeOf(value: string | undefined): string {
  const time = value ? Date.parse(value) : Number.NaN;
  return new Date(Number.isNaN(time) ? Date.now() : time).toISOString();
}

/** The item and slot an event's email was about, from its tags; undefined for a foreign email. */
function mailOf(record: SesEventRecord) {
  const quarter = record.mail.tags?.[TAG_NAMES.quarter]?.[0];
  const mail = mailOfTag(record.mail.tags?.[TAG_NAMES.mail]?.[0]);
  const claim = record.mail.tags?.[TAG_NAMES.claim]?.[0];
  if (!quarter || !isQuarterId(quarter) || !mail || !claim) return undefined;
  if (!mail.sk.startsWith(keys.inviteePrefix) && !mail.sk.startsWith(keys.mailPrefix)) return undefined;
  return { quarter, key: keys.cycleItemFromSk(quarter, mail.sk), slot: mail.slot, claim };
}

async function emailEvents(event: EmailEvent): Promise<EmailEventsResult> {
  const result: EmailEventsResult = { confirmed: 0, late: 0, suppressed: 0, marked: 0, ignored: 0 };
  for (const record of recordsOf(event)) {
    if (!isRecord(record)) {
      result.ignored++;
      continue;
    }
    const type = record.eventType ?? record.notificationType;
    const mail = mailOf(record);
    if (type === 'Send' || type === 'Delivery') {
      if (!mail || !record.mail.messageId) {
        result.ignored++;
        continue;
      }
      const at = timeOf(record.mail.timestamp);
      const confirmation = await confirmSlot(mail.key, mail.slot, mail.claim, record.mail.messageId, at);
      if (confirmation === 'confirmed') result.confirmed++;
      else if (confirmation === 'late') result.late++;
      else result.ignored++;
      continue;
    }
    if (type === 'Reject') {
      if (mail)
        await markRefusedByEvent(mail.key, mail.slot, mail.claim, 'Rejected by SES after it was accepted');
      else result.ignored++;
      continue;
    }
    let reason: 'bounce' | 'complaint';
    let recipients: { emailAddress?: string }[];
    let at: string;
    if (type === 'Bounce' && record.bounce?.bounceType === 'Permanent') {
      reason = 'bounce';
      recipients = record.bounce.bouncedRecipients ?? [];
      at = timeOf(record.bounce.timestamp);
    } else if (type === 'Complaint' && record.complaint) {
      reason = 'complaint';
      recipients = record.complaint.complainedRecipients ?? [];
      at = timeOf(record.complaint.timestamp);
    } else {
      result.ignored++;
      continue;
    }
    for (const recipient of recipients) {
      if (typeof recipient.emailAddress !== 'string' || !recipient.emailAddress.includes('@')) continue;
      await suppressAddress(recipient.emailAddress, reason, at);
      result.suppressed++;
    }
    // The rater's item and the requests their email listed.
    if (mail?.key.sk.startsWith(keys.inviteePrefix)) {
      const mark = reason === 'bounce' ? 'bouncedAt' : 'complainedAt';
      const invitee = await getItem<InviteeItem>(mail.key);
      if (invitee) {
        await markDelivery(mail.key, mark, at);
        for (const request of invitee.requests) {
          if (await markRequestDelivery(mail.quarter, request.sk, mark, at)) result.marked++;
        }
      }
    }
  }
  logger.info('email delivery events', { ...result });
  return result;
}

export const handler = workflowHandler(emailEvents);
