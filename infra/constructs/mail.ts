import { Duration, Stack } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as eventTargets from 'aws-cdk-lib/aws-events-targets';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as route53 from 'aws-cdk-lib/aws-route53';
import * as ses from 'aws-cdk-lib/aws-ses';
import { Construct } from 'constructs';
import { isWithinZone } from '../config.ts';

/**
 * EventBridge detail types of the SES events Ladder acts on: Send confirms an email whose send got
 * no answer (so it is not sent again), Reject marks one SES dropped, Bounce and Complaint suppress
 * the address. Delivery events would confirm too but add nothing Send does not (and cost an event
 * and an invocation per email), so they are not published.
 */
export const DELIVERY_EVENT_DETAIL_TYPES = [
  'Email Sent',
  'Email Rejected',
  'Email Bounced',
  'Email Complaint Received',
] as const;

export interface MailProps {
  /** `ladder@example.com` (email address identity) or `example.com` (domain identity). */
  sender: string;
  /**
   * A Route 53 public hosted zone. When the sender's domain is in it, the identity is that domain,
   * verified by the stack's own Easy DKIM records, with a MAIL FROM subdomain (MX and SPF records)
   * so SPF aligns too: nothing to click, nothing to publish by hand.
   */
  hostedZone?: route53.IPublicHostedZone | undefined;
}

/** The MAIL FROM subdomain of the sender's domain when the stack manages its DNS. */
export const MAIL_FROM_SUBDOMAIN = 'bounce';

/** The domain of a sender setting (`ladder@hr.example.com` → `hr.example.com`). */
export function senderDomain(sender: string): string {
  return (sender.includes('@') ? sender.slice(sender.lastIndexOf('@') + 1) : sender).toLowerCase();
}

/** Local part used as the From address when the sender setting is a whole domain. */
export const DOMAIN_SENDER_LOCAL_PART = 'ladder';

/** The From address for a sender setting: the address itself, or `ladder@<domain>` for a domain. */
export function senderAddress(sender: string): string {
  return sender.includes('@') ? sender : `${DOMAIN_SENDER_LOCAL_PART}@${sender}`;
}

/**
 * SES: the sender identity (AWS emails a verification link to an address identity; a domain
 * identity needs its DKIM records published) and a configuration set with reputation metrics,
 * used for every message Ladder sends.
 */
export class Mail extends Construct {
  readonly identity: ses.EmailIdentity;
  readonly configurationSet: ses.ConfigurationSet;
  /**
   * ARNs an email-sending function must be allowed `ses:SendEmail` on: every identity of the
   * account and region — SES authorises a send against the sender's identity and, in the sandbox,
   * against each recipient's verified identity too — and the configuration set. The From address
   * is pinned by the `ses:FromAddress` condition (`sendingCondition`).
   */
  readonly sendingResourceArns: string[];
  /** The IAM condition that limits sending to the From address. */
  readonly sendingCondition: Record<string, Record<string, string>>;
  /** The From address functions send with. */
  readonly fromAddress: string;
  /** The stack writes the sender domain's DKIM (and MAIL FROM) records into the hosted zone. */
  readonly dkimInZone: boolean;

  constructor(scope: Construct, id: string, props: MailProps) {
    super(scope, id);
    this.configurationSet = new ses.ConfigurationSet(this, 'ConfigurationSet', {
      reputationMetrics: true,
      sendingEnabled: true,
    });
    const isAddress = props.sender.includes('@');
    this.fromAddress = senderAddress(props.sender);
    const domain = senderDomain(props.sender);
    const zone = props.hostedZone;
    this.dkimInZone = zone !== undefined && isWithinZone(domain, zone.zoneName);
    this.identity = this.dkimInZone
      ? new ses.EmailIdentity(this, 'SenderIdentity', {
          // A domain identity whose Easy DKIM CNAME records the stack writes into the zone.
          identity: { value: domain, hostedZone: zone } as ses.Identity,
          configurationSet: this.configurationSet,
          mailFromDomain: `${MAIL_FROM_SUBDOMAIN}.${domain}`,
        })
      : new ses.EmailIdentity(this, 'SenderIdentity', {
          identity: isAddress ? ses.Identity.email(props.sender) : ses.Identity.domain(props.sender),
          configurationSet: this.configurationSet,
        });
    const configurationSetArn = Stack.of(this).formatArn({
      service: 'ses',
      resource: 'configuration-set',
      resourceName: this.configurationSet.configurationSetName,
    });
    const anyIdentityArn = Stack.of(this).formatArn({
      service: 'ses',
      resource: 'identity',
      resourceName: '*',
    });
    this.sendingResourceArns = [anyIdentityArn, configurationSetArn];
    this.sendingCondition = { StringEquals: { 'ses:FromAddress': this.fromAddress } };
  }

  /**
   * Send, Reject, Bounce and Complaint events of the configuration set → the default event
   * bus (the only bus SES publishes to) → an EventBridge rule limited to this configuration set →
   * `handler` (EmailEvents), which confirms emails, suppresses addresses and marks requests.
   * EventBridge retries a failed invocation for up to a day; the function's errors raise an alarm
   * (FailureAlerts).
   */
  routeDeliveryEvents(handler: lambda.IFunction): {
    destination: ses.ConfigurationSetEventDestination;
    rule: events.Rule;
  } {
    const defaultBus = events.EventBus.fromEventBusName(this, 'DefaultEventBus', 'default');
    const destination = new ses.ConfigurationSetEventDestination(this, 'DeliveryEvents', {
      configurationSet: this.configurationSet,
      destination: ses.EventDestination.eventBus(defaultBus),
      events: [
        ses.EmailSendingEvent.SEND,
        ses.EmailSendingEvent.REJECT,
        ses.EmailSendingEvent.BOUNCE,
        ses.EmailSendingEvent.COMPLAINT,
      ],
    });
    const rule = new events.Rule(this, 'DeliveryEventsRule', {
      description:
        'Ladder: SES send, reject, bounce and complaint events of emails sent with the Ladder configuration set',
      eventPattern: {
        source: ['aws.ses'],
        detailType: [...DELIVERY_EVENT_DETAIL_TYPES],
        detail: {
          mail: { tags: { 'ses:configuration-set': [this.configurationSet.configurationSetName] } },
        },
      },
    });
    rule.addTarget(
      new eventTargets.LambdaFunction(handler, { retryAttempts: 185, maxEventAge: Duration.hours(24) }),
    );
    return { destination, rule };
  }
}
