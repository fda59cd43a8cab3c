/**
 * The emails of a cycle (HR only: the figures are the whole organisation's): what became of each
 * rater's invitation and reminders and of the reports, SES's reasons for the addresses it refused,
 * and the SES account's limits with what waits for the daily quota and when it goes — the figures
 * `ladder cycle status` prints, from the same code (functions/shared/cycle-emails.ts,
 * functions/core/sending-status.ts). SES is not asked here: the stored figures are shown with when
 * they were read (the senders refresh them while anything waits). Served by the Console function:
 * reading every rater's emails is kept off the progress page, which stays fast at 1,000 leaders.
 */
import { isQuarterId } from '../../core/quarter.ts';
import { type HtmlValue, html } from '../../rendering/html.ts';
import { type CycleEmailsReport, readCycleEmails } from '../../shared/cycle-emails.ts';
import { getCycle } from '../../shared/store/cycle-store.ts';
import { dataTable } from '../charts/svg.ts';
import { type ConsoleResponse, htmlResponse } from '../http/response.ts';
import type { Route, RouteContext, SignedIn } from '../http/router.ts';
import { consolePage } from './layout.ts';
import { noSuchCycle } from './no-such-cycle.ts';
import { accountLimits, count as n, quotaNotice } from './sending-notice.ts';

export function cycleEmailsSection({ emails: e, sending: s }: CycleEmailsReport): HtmlValue {
  return html`${quotaNotice(s)}
${dataTable({
  caption: 'What became of the emails (one invitation per rater)',
  columns: [{ label: 'Emails' }, { label: 'Count', numeric: true }],
  rows: [
    ['Raters', n(e.raters)],
    ['Invitations sent', n(e.invited)],
    ['Reminders sent', n(e.reminders)],
    ['Reports and summaries sent', n(e.reports)],
    ['Invitations not sent yet (waiting for their turn or for quota)', n(e.waiting)],
    ['Sent, waiting for SES to confirm', n(e.inDoubt)],
    ['Raters whose address SES refused', n(e.undeliverable)],
    ['Raters not emailed: address suppressed after a bounce or complaint', n(e.suppressed)],
    ['Raters whose email bounced', n(e.bounced)],
    ['Raters who complained', n(e.complained)],
    ['Emails received twice', n(e.duplicates)],
  ],
})}
${
  e.reasons.length > 0
    ? dataTable({
        caption: 'Why SES refused to email raters',
        columns: [{ label: "SES's reason" }, { label: 'Raters', numeric: true }],
        rows: e.reasons.map((r) => [r.reason, n(r.raters)]),
      })
    : ''
}
${accountLimits(s)}`;
}

async function emailsPage(context: RouteContext & { auth: SignedIn }): Promise<ConsoleResponse> {
  const { settings, request, auth, now } = context;
  const quarter = request.params.quarter ?? '';
  const cycle = isQuarterId(quarter) ? await getCycle(quarter) : undefined;
  if (!cycle) return noSuchCycle(settings.basePath, auth.user);
  const report = await readCycleEmails(quarter, { now });
  return htmlResponse(
    200,
    consolePage({
      title: `Emails of ${quarter}`,
      basePath: settings.basePath,
      user: auth.user,
      section: 'cycles',
      body: html`<h1>Emails of the ${quarter} cycle</h1>
<p><a href="${settings.basePath}/cycles/${quarter}">Back to the cycle's progress</a>. This page does not refresh by itself: <a href="${settings.basePath}/emails/${quarter}">reload it</a> to see new figures.</p>
${cycleEmailsSection(report)}`,
    }),
  );
}

export const cycleEmailRoutes: Route[] = [
  { method: 'GET', path: '/emails/{quarter}', access: 'hr', handle: emailsPage },
];
