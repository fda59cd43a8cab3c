/**
 * Bounce and complaint events of Ladder's SES configuration set. On AWS they arrive through an
 * EventBridge rule on the default bus (SES event destination); SNS notifications and bare SES event
 * records are accepted too. For a hard bounce or a complaint:
 * - the address is suppressed (`SUPPRESS#<sha256(lower-cased address)>`): no further invitation,
 *   reminder or report goes to it (send-emails and send-once check before claiming);
 * - the request the email was about (from its `ladder-quarter` / `ladder-request` tags) is marked
 *   `bouncedAt` or `complainedAt`, which `ladder cycle status` and the export show.
 * Soft (transient) bounces are ignored: SES has already retried, and the next email may get through.
 * Logs carry counts only, never the address.
 */
import type { EventBridgeEvent, SNSEvent } from 'aws-lambda';
import { isQuarterId } from '../core/quarter.ts';
import { decodeTagValue, TAG_NAMES } from '../shared/mailer.ts';
import { logger, workflowHandler } from '../shared/middleware.ts';
import { markRequestDelivery, suppressAddress } from '../shared/store/suppression-store.ts';

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
  /** Addresses suppressed (repeats included). */
  suppressed: number;
  /** Requests marked bounced or complained. */
  marked: number;
  /** Records that were not a hard bounce or a complaint, or not readable. */
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

async function emailEvents(event: EmailEvent): Promise<EmailEventsResult> {
  const result: EmailEventsResult = { suppressed: 0, marked: 0, ignored: 0 };
  for (const record of recordsOf(event)) {
    if (!isRecord(record)) {
      result.ignored++;
      continue;
    }
    const type = record.eventType ?? record.notificationType;
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
    const quarter = record.mail.tags?.[TAG_NAMES.quarter]?.[0];
    const encoded = record.mail.tags?.[TAG_NAMES.request]?.[0];
    const requestSk = encoded === undefined ? undefined : decodeTagValue(encoded);
    if (quarter && isQuarterId(quarter) && requestSk?.startsWith('REQ#')) {
      const marked = await markRequestDelivery(
        quarter,
        requestSk,
        reason === 'bounce' ? 'bouncedAt' : 'complainedAt',
        at,
      );
      if (marked) result.marked++;
    }
  }
  logger.info('email delivery events', { ...result });
  return result;
}

export const handler = workflowHandler(emailEvents);
