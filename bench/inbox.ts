/**
 * The simulated raters' mailboxes: emails taken out of the local SES (aws-ses-v2-local) store
 * in-process, so that reading 100,000+ emails costs the bench nothing measurable (reading them over
 * `GET /store` would serialise every email again on each poll). Each drain empties the store; it runs
 * synchronously, so no email that SES stores meanwhile is lost.
 */
import { createRequire } from 'node:module';
import {
  isReminder,
  type ListedRequest,
  type MailMessage,
  requestsIn,
} from '../cli/demo/simulated-raters.ts';

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
  /** Invitations and reminders: everyone the email lists, with their links. */
  listed: ListedRequest[];
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

/** What an email is, read as a person reads it: its subject and the people it lists. */
export function classify(message: MailMessage): ClassifiedEmail {
  const to = message.destination.to[0] ?? '';
  const bytes =
    Buffer.byteLength(message.subject) +
    Buffer.byteLength(message.body.text ?? '') +
    Buffer.byteLength(message.body.html ?? '');
  const listed = requestsIn(message);
  if (listed.length > 0) return { kind: isReminder(message) ? 'reminder' : 'invitation', to, listed, bytes };
  if (/development report/i.test(message.subject)) return { kind: 'leader-report', to, listed, bytes };
  if (/readiness summary for/i.test(message.subject)) return { kind: 'manager-summary', to, listed, bytes };
  return { kind: 'hr-summary', to, listed, bytes };
}
