/**
 * Reading the local SES mail store in tests: wait for emails and pull the personal feedback links
 * (`<base>/feedback/<43-character token>`) out of them.
 */
import { readMailStore, type StoredEmail } from '../../local/ses.ts';

export type { StoredEmail } from '../../local/ses.ts';

/** `…/feedback/<token>` with a 43-character base64url token, not followed by more token characters. */
const FEEDBACK_LINK = /https?:\/\/[^\s"'<>]+\/feedback\/([A-Za-z0-9_-]{43})(?![A-Za-z0-9_-])/g;

/** The distinct feedback links of an email (text and HTML parts), in order of appearance. */
export function feedbackLinks(email: Pick<StoredEmail, 'body'>): string[] {
  const text = `${email.body.text ?? ''}\n${email.body.html ?? ''}`;
  return [...new Set([...text.matchAll(FEEDBACK_LINK)].map((match) => match[0]))];
}

/** The token of a feedback link (the last path segment). */
export function tokenOf(link: string): string {
  const token = new URL(link).pathname.split('/').at(-1) ?? '';
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) throw new Error(`Not a feedback link: ${link}`);
  return token;
}

export interface WaitOptions {
  /** Only emails sent at or after this time (Date or epoch seconds). */
  since?: Date | number;
  /** Default 30 s. */
  timeoutMs?: number;
  /** Default 100 ms. */
  intervalMs?: number;
}

/**
 * Polls the mail store until at least `count` emails match `predicate`; resolves with the matching
 * emails (oldest first). Rejects after the timeout with what it saw.
 */
export async function waitForEmails(
  sesEndpoint: string,
  predicate: (email: StoredEmail) => boolean,
  count: number,
  options: WaitOptions = {},
): Promise<StoredEmail[]> {
  let matching: StoredEmail[] = [];
  let total = 0;
  try {
    await pollUntil(
      async () => {
        const { emails } = await readMailStore(sesEndpoint, options.since);
        total = emails.length;
        matching = emails.filter(predicate);
        return matching.length >= count;
      },
      { timeoutMs: options.timeoutMs ?? 30_000, intervalMs: options.intervalMs ?? 100 },
    );
  } catch {
    throw new Error(
      `Timed out waiting for ${count} matching emails: ${matching.length} of ${total} in the store match`,
    );
  }
  return matching;
}

/** Calls `check` every `intervalMs` until it returns true; rejects after `timeoutMs`. */
export async function pollUntil(
  check: () => Promise<boolean> | boolean,
  options: { timeoutMs?: number; intervalMs?: number; what?: string } = {},
): Promise<void> {
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${options.what ?? 'a condition'}`);
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 100));
  }
}
