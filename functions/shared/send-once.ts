import { randomUUID } from 'node:crypto';
import { type Email, sendEmail } from './mailer.ts';
import { logger } from './middleware.ts';
import { claimOnce, releaseClaim } from './store/result-store.ts';
import { isSuppressed } from './store/suppression-store.ts';

/**
 * Sends an email at most once per marker: claims `marker` on the item at `key` with a conditional
 * write, sends, and gives the claim back if SES certainly refused it, so a retried step sends what
 * is missing and nothing twice. Nothing goes to a suppressed address (hard bounce or complaint).
 */
export async function sendOnce(
  key: { pk: string; sk: string },
  marker: string,
  email: Email,
): Promise<boolean> {
  if (await isSuppressed(email.to)) {
    logger.info('address suppressed: email not sent', { kind: email.tags?.kind });
    return false;
  }
  const claim = randomUUID();
  try {
    if (!(await claimOnce(key, marker, new Date().toISOString(), claim))) return false;
  } catch (error) {
    // The claim may have been applied with its response lost: give it back, or no retry would send.
    await releaseClaim(key, marker, claim).catch(() => undefined);
    throw error;
  }
  try {
    await sendEmail(email);
    return true;
  } catch (error) {
    await releaseClaim(key, marker, claim).catch(() => undefined);
    throw error;
  }
}
