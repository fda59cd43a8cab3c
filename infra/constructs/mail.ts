import { Stack } from 'aws-cdk-lib';
import * as ses from 'aws-cdk-lib/aws-ses';
import { Construct } from 'constructs';

export interface MailProps {
  /** `ladder@example.com` (email address identity) or `example.com` (domain identity). */
  sender: string;
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
  /** ARNs an email-sending function must be allowed `ses:SendEmail` on. */
  readonly sendingResourceArns: string[];
  /** The From address functions send with. */
  readonly fromAddress: string;

  constructor(scope: Construct, id: string, props: MailProps) {
    super(scope, id);
    this.configurationSet = new ses.ConfigurationSet(this, 'ConfigurationSet', {
      reputationMetrics: true,
      sendingEnabled: true,
    });
    const isAddress = props.sender.includes('@');
    this.fromAddress = senderAddress(props.sender);
    this.identity = new ses.EmailIdentity(this, 'SenderIdentity', {
      identity: isAddress ? ses.Identity.email(props.sender) : ses.Identity.domain(props.sender),
      configurationSet: this.configurationSet,
    });
    const configurationSetArn = Stack.of(this).formatArn({
      service: 'ses',
      resource: 'configuration-set',
      resourceName: this.configurationSet.configurationSetName,
    });
    this.sendingResourceArns = [this.identity.emailIdentityArn, configurationSetArn];
  }
}
