/**
 * What the progress page and the cycle's Emails page say about the SES account: how many invitations
 * wait for the daily quota and when they go, and the account's limits as the shared send schedule
 * last read them (functions/core/sending-status.ts).
 */
import type { SendingStatus } from '../../core/sending-status.ts';
import { type HtmlValue, html } from '../../rendering/html.ts';
import { dateTime } from './format.ts';

export const count = (value: number) => value.toLocaleString('en-US');

/** Nothing unless invitations wait for quota. */
export function quotaNotice(s: SendingStatus | undefined): HtmlValue {
  if (!s?.waitingForQuota) return '';
  const when = s.nextAt
    ? html`The next go at about ${dateTime(s.nextAt)}${s.allAt ? html`, all of them by about ${dateTime(s.allAt)}` : ''}.`
    : html`They go as soon as SES frees quota (others use the account too, so when is not known).`;
  return html`<div class="notice" role="status"><p><strong>${count(s.waiting)} ${s.waiting === 1 ? 'invitation is' : 'invitations are'} waiting for the SES daily quota.</strong> ${when} Nothing is lost: whole teams go together as the quota frees.</p></div>`;
}

export function accountLimits(s: SendingStatus | undefined): HtmlValue {
  if (!s) {
    return html`<p>The SES account's limits are not known yet: they are read when the first email goes.</p>`;
  }
  return html`<p>SES account${s.readAt ? html` (as read ${dateTime(s.readAt)})` : ''}: ${count(s.maxSendRate)} emails a second and ${count(s.max24HourSend)} per 24 hours. Ladder uses ${Math.round(s.share * 100)} % of it (${count(s.allowance.daily)} per 24 hours); ${count(s.sentLast24Hours)} sent in the last 24 hours, ${count(s.remaining)} left for Ladder.</p>`;
}
