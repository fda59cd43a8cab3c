/**
 * SES events for the local runtime. aws-ses-v2-local stores emails but knows nothing of
 * configuration sets, tags or events, so:
 * - `SesSendLog` keeps what SES remembers of each message the local SES front accepted
 *   (local/ses-front.ts): id, source, destinations, configuration set and message tags;
 * - `sesEventRecord` builds the event record SES publishes for a configuration set (the JSON AWS
 *   documents for event publishing: Send, Delivery, Reject, Bounce, Complaint), `eventBridgeEvent`
 *   wraps it as SES delivers it to the default event bus (`aws.ses`, `Email Sent`, `Email
 *   Delivered`, …), `snsEvent` as an SNS notification would arrive;
 * - `SesEventPublisher` delivers the Send event of every accepted message of a configuration set
 *   to the EmailEvents handler (the events the stack's configuration set publishes: Send, Reject,
 *   Bounce, Complaint), in-process and asynchronously, a moment after SES accepted it, as the
 *   EventBridge rule does on AWS (with EventBridge's retries, and the `ses-events` faults: twice,
 *   or late);
 * - `LocalEmailEvents` injects a bounce or complaint by hand.
 */
import { randomUUID } from 'node:crypto';
import type { EventBridgeEvent, SNSEvent } from 'aws-lambda';
import type { SesEventRecord } from '../functions/handlers/email-events.ts';
import type { FaultInjector } from './faults.ts';
import { catalogFunction, invokeLambda, LOCAL_ACCOUNT, LOCAL_REGION, type LocalFunction } from './lambda.ts';

/** What SES keeps of one accepted message. */
export interface SentMessage {
  messageId: string;
  source: string;
  destination: string[];
  subject: string;
  configurationSet?: string;
  /** Message tags, including those SES adds (`ses:configuration-set`, `ses:from-domain`, …). */
  tags: Record<string, string[]>;
  timestamp: string;
}

/** Message ids and tags of the SendEmail calls that local SES accepted. */
export class SesSendLog {
  readonly #messages = new Map<string, SentMessage>();

  /** Records an accepted SendEmail (its Query form) under the message id SES gave it. */
  record(form: URLSearchParams, messageId: string): SentMessage {
    const source = form.get('Source') ?? '';
    const configurationSet = form.get('ConfigurationSetName') ?? undefined;
    const tags: Record<string, string[]> = {};
    for (let i = 1; form.has(`Tags.member.${i}.Name`); i++) {
      tags[form.get(`Tags.member.${i}.Name`)!] = [form.get(`Tags.member.${i}.Value`) ?? ''];
    }
    if (configurationSet) tags['ses:configuration-set'] = [configurationSet];
    tags['ses:source-ip'] = ['127.0.0.1'];
    tags['ses:from-domain'] = [source.split('@')[1] ?? ''];
    tags['ses:caller-identity'] = ['ladder-local'];
    const destination: string[] = [];
    for (const field of ['ToAddresses', 'CcAddresses', 'BccAddresses']) {
      for (let i = 1; form.has(`Destination.${field}.member.${i}`); i++) {
        destination.push(form.get(`Destination.${field}.member.${i}`)!);
      }
    }
    const message: SentMessage = {
      messageId,
      source,
      destination,
      subject: form.get('Message.Subject.Data') ?? '',
      ...(configurationSet ? { configurationSet } : {}),
      tags,
      timestamp: new Date().toISOString(),
    };
    this.#messages.set(messageId, message);
    return message;
  }

  get(messageId: string): SentMessage | undefined {
    return this.#messages.get(messageId);
  }

  /** Every message, oldest first. */
  all(): SentMessage[] {
    return [...this.#messages.values()];
  }
}

export type DeliveryEventKind = 'Send' | 'Delivery' | 'Reject' | 'Bounce' | 'Complaint';

/** EventBridge detail types of SES's events, by event type. */
export const EVENT_DETAIL_TYPES: Record<DeliveryEventKind, string> = {
  Send: 'Email Sent',
  Delivery: 'Email Delivered',
  Reject: 'Email Rejected',
  Bounce: 'Email Bounced',
  Complaint: 'Email Complaint Received',
};

export interface DeliveryEventOptions {
  /** Bounce only: `Permanent` (default, a hard bounce), `Transient` or `Undetermined`. */
  bounceType?: 'Permanent' | 'Transient' | 'Undetermined';
  /** Recipients the event is about; default every destination of the message. */
  recipients?: string[];
  /** Event time; default now. */
  at?: Date;
}

/** The event record SES publishes to a configuration set's event destination. */
export function sesEventRecord(
  kind: DeliveryEventKind,
  message: SentMessage,
  options: DeliveryEventOptions = {},
): SesEventRecord {
  const at = (options.at ?? new Date()).toISOString();
  const recipients = options.recipients ?? message.destination;
  const mail = {
    timestamp: message.timestamp,
    source: message.source,
    sourceArn: `arn:aws:ses:${LOCAL_REGION}:${LOCAL_ACCOUNT}:identity/${message.source}`,
    sendingAccountId: LOCAL_ACCOUNT,
    messageId: message.messageId,
    destination: message.destination,
    headersTruncated: false,
    commonHeaders: { from: [message.source], to: message.destination, subject: message.subject },
    tags: message.tags,
  };
  if (kind === 'Send') return { eventType: 'Send', mail, send: {} } as unknown as SesEventRecord;
  if (kind === 'Delivery') {
    return {
      eventType: 'Delivery',
      mail,
      delivery: {
        timestamp: at,
        processingTimeMillis: Math.max(0, Date.parse(at) - Date.parse(message.timestamp)),
        recipients,
        smtpResponse: '250 2.6.0 Message received',
        reportingMTA: 'local.amazonses.com',
      },
    } as unknown as SesEventRecord;
  }
  if (kind === 'Reject') {
    return { eventType: 'Reject', mail, reject: { reason: 'Bad content' } } as unknown as SesEventRecord;
  }
  if (kind === 'Bounce') {
    const bounceType = options.bounceType ?? 'Permanent';
    const record: Record<string, unknown> = {
      eventType: 'Bounce',
      bounce: {
        bounceType,
        bounceSubType: bounceType === 'Permanent' ? 'General' : 'MailboxFull',
        bouncedRecipients: recipients.map((emailAddress) => ({
          emailAddress,
          action: 'failed',
          status: bounceType === 'Permanent' ? '5.1.1' : '4.2.2',
          diagnosticCode:
            bounceType === 'Permanent' ? 'smtp; 550 5.1.1 user unknown' : 'smtp; 452 4.2.2 mailbox full',
        })),
        timestamp: at,
        feedbackId: `${randomUUID()}-000000`,
        reportingMTA: 'dsn; local.amazonses.com',
      },
      mail,
    };
    return record as unknown as SesEventRecord;
  }
  const record: Record<string, unknown> = {
    eventType: 'Complaint',
    complaint: {
      complainedRecipients: recipients.map((emailAddress) => ({ emailAddress })),
      timestamp: at,
      feedbackId: `${randomUUID()}-000000`,
      userAgent: 'local-mail-client',
      complaintFeedbackType: 'abuse',
      arrivalDate: at,
    },
    mail,
  };
  return record as unknown as SesEventRecord;
}

/** As SES delivers an event record to the default EventBridge bus. */
export function eventBridgeEvent(record: SesEventRecord): EventBridgeEvent<string, SesEventRecord> {
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': EVENT_DETAIL_TYPES[record.eventType as DeliveryEventKind] ?? 'Email Sent',
    source: 'aws.ses',
    account: LOCAL_ACCOUNT,
    time: new Date().toISOString(),
    region: LOCAL_REGION,
    resources: [
      `arn:aws:ses:${LOCAL_REGION}:${LOCAL_ACCOUNT}:configuration-set/${record.mail.tags?.['ses:configuration-set']?.[0] ?? ''}`,
    ],
    detail: record,
  };
}

/** As an SNS topic subscribed by Lambda would deliver the same record. */
export function snsEvent(record: SesEventRecord): SNSEvent {
  const topicArn = `arn:aws:sns:${LOCAL_REGION}:${LOCAL_ACCOUNT}:ladder-email-events`;
  return {
    Records: [
      {
        EventSource: 'aws:sns',
        EventVersion: '1.0',
        EventSubscriptionArn: `${topicArn}:${randomUUID()}`,
        Sns: {
          Type: 'Notification',
          MessageId: randomUUID(),
          TopicArn: topicArn,
          Subject: 'Amazon SES Email Event Notification',
          Message: JSON.stringify(record),
          Timestamp: new Date().toISOString(),
          SignatureVersion: '1',
          Signature: 'local',
          SigningCertUrl: 'https://sns.local/cert.pem',
          UnsubscribeUrl: 'https://sns.local/unsubscribe',
          MessageAttributes: {},
        },
      },
    ],
  };
}

/** Injects delivery events into the EmailEvents handler, in-process. */
export class LocalEmailEvents {
  constructor(
    readonly log: SesSendLog,
    readonly fn: LocalFunction = catalogFunction('EmailEvents'),
  ) {}

  /** A hard (or, with `bounceType`, soft) bounce of a message sent through local SES. */
  bounce(messageId: string, options: DeliveryEventOptions & { via?: 'eventbridge' | 'sns' } = {}) {
    return this.#deliver('Bounce', messageId, options);
  }

  /** A complaint (the recipient marked the message as spam). */
  complaint(messageId: string, options: DeliveryEventOptions & { via?: 'eventbridge' | 'sns' } = {}) {
    return this.#deliver('Complaint', messageId, options);
  }

  async #deliver(
    kind: DeliveryEventKind,
    messageId: string,
    options: DeliveryEventOptions & { via?: 'eventbridge' | 'sns' },
  ): Promise<unknown> {
    const message = this.log.get(messageId);
    if (!message) throw new Error(`No message ${messageId} went through local SES`);
    const record = sesEventRecord(kind, message, options);
    const event = options.via === 'sns' ? snsEvent(record) : eventBridgeEvent(record);
    return invokeLambda(this.fn, event);
  }
}

/** How EventBridge retries a failed Lambda target (locally: a few attempts, shorter backoff). */
const DELIVERY_ATTEMPTS = 6;

/**
 * Publishes the Send event of every accepted message sent with a configuration set to the
 * EmailEvents function, as SES event publishing → EventBridge → rule → Lambda does on AWS:
 * asynchronously (SES publishes within seconds; here after `sendEventDelayMs`), at least once (a
 * failed invocation is retried), in no guaranteed order, and under the `ses-events` faults
 * (delivered twice, or late). `idle()` waits for every delivery in flight.
 */
export class SesEventPublisher {
  readonly #inFlight = new Set<Promise<void>>();
  #closed = false;
  #delivered = 0;
  #failed = 0;

  constructor(
    readonly faults: FaultInjector,
    readonly fn: LocalFunction = catalogFunction('EmailEvents'),
    /** How long after SES accepted a message its Send event arrives (ms). */
    readonly sendEventDelayMs = 200,
  ) {}

  /** SES accepted `message`: its Send event follows. */
  accepted(message: SentMessage): void {
    if (!message.configurationSet || this.#closed) return;
    this.#publish(sesEventRecord('Send', message), this.sendEventDelayMs);
  }

  /** Events delivered to the handler, and deliveries given up after every retry failed. */
  get stats() {
    return { delivered: this.#delivered, failed: this.#failed, inFlight: this.#inFlight.size };
  }

  /** Resolves when no event is on its way. */
  async idle(): Promise<void> {
    while (this.#inFlight.size > 0) await Promise.allSettled([...this.#inFlight]);
  }

  /** Stops publishing; deliveries in flight are dropped at their next step. */
  close(): void {
    this.#closed = true;
  }

  #publish(record: SesEventRecord, delayMs: number): void {
    const fault = this.faults.pick('ses-events', { operation: record.eventType });
    const copies = fault === 'duplicate' ? 2 : 1;
    const delay = delayMs + (fault === 'late' ? this.faults.lateMs : 0);
    const event = eventBridgeEvent(record);
    for (let copy = 0; copy < copies; copy++) {
      const delivery = this.#deliver(event, delay + copy * 20);
      this.#inFlight.add(delivery);
      void delivery.finally(() => this.#inFlight.delete(delivery));
    }
  }

  async #deliver(event: EventBridgeEvent<string, SesEventRecord>, delayMs: number): Promise<void> {
    if (delayMs > 0) await sleep(delayMs);
    for (let attempt = 1; !this.#closed; attempt++) {
      try {
        await invokeLambda(this.fn, event);
        this.#delivered++;
        return;
      } catch {
        if (attempt >= DELIVERY_ATTEMPTS) {
          this.#failed++;
          return;
        }
        await sleep(50 * 2 ** attempt);
      }
    }
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
