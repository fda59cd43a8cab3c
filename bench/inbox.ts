/**
 * The simulated raters' mailboxes: emails taken out of the local SES (aws-ses-v2-local) store
 * in-process, so that reading 100,000+ emails costs the bench nothing measurable (reading them over
 * `GET /store` would serialise every email again on each poll). Each drain empties the store; it runs
 * synchronously, so no email that SES stores meanwhile is lost.
 */
import { createRequire } from 'node:module';
import { isReminder, linkIn, type MailMessage } from '../cli/demo/simulated-raters.ts';

interface SesStoreModule {
  getStoreReadonly(): { emails: MailMessage[] };
  clearStore(): void;
}

// The same module instance local/ses.ts starts the server from (CommonJS cache, same file).
const sesStore = createRequire(import.meta.url)('aws-ses-v2-local/dist/store.js') as SesStoreModule;

export type EmailKind = 'invitation' | 'reminder' | 'leader-report' | 'manager-summary' | 'hr-summary';

export interface ClassifiedEmail {
  kind: EmailKind;
  to: string;
  /** For invitations and reminders: the personal link and the leader's name (the recipient for self). */
  link?: string;
  leaderName?: string;
  self?: boolean;
  bytes: number;
}

/** Takes every email out of the store. */
export function drainMail(): MailMessage[] {
  const emails = sesStore.getStoreReadonly().emails;
  sesStore.clearStore();
  return emails;
}

export function clearMail(): void {
  sesStore.clearStore();
}

const FEEDBACK_FOR =
  /^(?:Please give feedback on (.+) \(\d{4}-Q[1-4] review\)|Reminder: your feedback for (.+) is due .*)$/;
const SELF = /self-assessment/;

export function classify(message: MailMessage): ClassifiedEmail {
  const to = message.destination.to[0] ?? '';
  const bytes =
    Buffer.byteLength(message.subject) +
    Buffer.byteLength(message.body.text ?? '') +
    Buffer.byteLength(message.body.html ?? '');
  const link = linkIn(message);
  if (link) {
    const kind = isReminder(message) ? 'reminder' : 'invitation';
    const match = FEEDBACK_FOR.exec(message.subject);
    const leaderName = match?.[1] ?? match?.[2];
    if (leaderName) return { kind, to, link, leaderName, self: false, bytes };
    if (SELF.test(message.subject)) return { kind, to, link, self: true, bytes };
    throw new Error(`Unrecognised request email: ${message.subject}`);
  }
  if (/development report/i.test(message.subject)) return { kind: 'leader-report', to, bytes };
  if (/readiness summary for/i.test(message.subject)) return { kind: 'manager-summary', to, bytes };
  return { kind: 'hr-summary', to, bytes };
}
