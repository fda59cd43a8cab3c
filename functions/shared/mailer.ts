/** Sends one email (HTML and plain text) through SES from the configured sender. */
import { SendEmailCommand } from '@aws-sdk/client-ses';
import { ses } from './aws-clients.ts';
import { optionalEnv, requireEnv } from './env.ts';

export interface Email {
  to: string;
  subject: string;
  html: string;
  text: string;
}

export async function sendEmail(email: Email): Promise<string | undefined> {
  const configurationSet = optionalEnv('configurationSet');
  const result = await ses().send(
    new SendEmailCommand({
      Source: requireEnv('senderEmail'),
      Destination: { ToAddresses: [email.to] },
      Message: {
        Subject: { Data: email.subject, Charset: 'UTF-8' },
        Body: {
          Html: { Data: email.html, Charset: 'UTF-8' },
          Text: { Data: email.text, Charset: 'UTF-8' },
        },
      },
      ...(configurationSet ? { ConfigurationSetName: configurationSet } : {}),
    }),
  );
  return result.MessageId;
}

/** The personal link in an email: `<base>/feedback/<token>`. */
export function feedbackLink(token: string): string {
  return `${requireEnv('formBaseUrl').replace(/\/+$/, '')}/feedback/${token}`;
}
