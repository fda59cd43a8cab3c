import { type Email, sendEmail } from './mailer.ts';
import { claimOnce, releaseClaim } from './store/result-store.ts';

/**
 * Sends an email at most once per marker: claims `marker` on the item at `key` with a conditional
 * write, sends, and gives the claim back if SES refuses, so a retried step sends what is missing and
 * nothing twice.
 */
export async function sendOnce(
  key: { pk: string; sk: string },
  marker: string,
  email: Email,
): Promise<boolean> {
  if (!(await claimOnce(key, marker, new Date().toISOString()))) return false;
  try {
    await sendEmail(email);
    return true;
  } catch (error) {
    await releaseClaim(key, marker).catch(() => undefined);
    throw error;
  }
}
