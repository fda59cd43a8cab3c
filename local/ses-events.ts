/**
 * SES bounce and complaint events for the local runtime. aws-ses-v2-local stores emails but knows
 * nothing of configuration sets, tags or delivery events, so:
 * - `SesSendLog` watches the SendEmail calls that pass through the local SES front (see
 *   local/faults.ts `startFaultProxy`) and keeps what SES would remember of each message: id,
 *   source, destinations, configuration set and message tags;
 * - `sesEventRecord` builds the event record SES publishes for a configuration set (the JSON AWS
 *   documents for event publishing), `eventBridgeEvent` wraps it as SES delivers it to the default
 *   event bus (`aws.ses`, `Email Bounced` / `Email Complaint Received`), `snsEvent` as an SNS
 *   notification would arrive;
 * - `LocalEmailEvents` injects such an event into the EmailEvents handler in-process, as the
 *   EventBridge rule does on AWS.
 */
import { randomUUID } from 'node:crypto';
import type { EventBridgeEvent, SNSEvent } from 'aws-lambda';
import type { SesEventRecord } from '../functions/handlers/email-events.ts';
import type { ProxiedExchange } from './faults.ts';
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

/** Message ids and tags of the SendEmail calls that reached local SES. */
export class SesSendLog {
  readonly #messages = new Map<string, SentMessage>();

  /** For `startFaultProxy({ observe })`. */
  readonly observe = (exchange: ProxiedExchange): void => {
    if (exchange.status !== 200) return;
    const form = new URLSearchParams(exchange.body.toString('utf8'));
    if (form.get('Action') !== 'SendEmail') return;
    const messageId = /<MessageId>([^<]+)<\/MessageId>/.exec(exchange.responseBody.toString('utf8'))?.[1];
    if (!messageId) return;
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
    for (let i = 1; form.has(`Destination.ToAddresses.member.${i}`); i++) {
      destination.push(form.get(`Destination.ToAddresses.member.${i}`)!);
    }
    this.#messages.set(messageId, {
      messageId,
      source,
      destination,
      subject: form.get('Message.Subject.Data') ?? '',
      ...(configurationSet ? { configurationSet } : {}),
      tags,
      timestamp: new Date().toISOString(),
    });
  };

  get(messageId: string): SentMessage | undefined {
    return this.#messages.get(messageId);
  }

  /** Every message, oldest first. */
  all(): SentMessage[] {
    return [...this.#messages.values()];
  }
}

export type DeliveryEventKind = 'Bounce' | 'Complaint';

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
    'detail-type': record.eventType === 'Bounce' ? 'Email Bounced' : 'Email Complaint Received',
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
