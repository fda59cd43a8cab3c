/**
 * A cycle's progress: response rate by rater group and by team, reminders sent, delivery problems,
 * the workflow's state. Managers see their own teams only. Counts only: never who answered what.
 */

import { describeExecutionFailure } from '../../core/execution-failure.ts';
import { RATER_GROUPS, type RaterGroup } from '../../core/model.ts';
import { isQuarterId } from '../../core/quarter.ts';
import { cycleProgress, type RequestProgress } from '../../core/views/progress.ts';
import { type HtmlValue, html } from '../../rendering/html.ts';
import { sfn } from '../../shared/aws-clients.ts';
import { readQuotaWait } from '../../shared/cycle-emails.ts';
import { type CycleAttempt, listAttempts, owningAttempt } from '../../shared/cycle-starter.ts';
import { requireEnv } from '../../shared/env.ts';
import { getCycle, listBatches } from '../../shared/store/cycle-store.ts';
import { requestProgress } from '../../shared/store/view-store.ts';
import { inScope } from '../auth/scope.ts';
import { barChart } from '../charts/bars.ts';
import { dataTable } from '../charts/svg.ts';
import { type ConsoleResponse, htmlResponse } from '../http/response.ts';
import type { Route, RouteContext, SignedIn } from '../http/router.ts';
import { statusWords } from './cycles.ts';
import { dateTime, percent } from './format.ts';
import { consolePage } from './layout.ts';
import { noSuchCycle } from './no-such-cycle.ts';
import { accountLimits, quotaNotice } from './sending-notice.ts';

export const GROUP_NAMES: Record<RaterGroup, string> = {
  self: 'Self',
  manager: 'Manager',
  coachee: 'Coachees',
  peer: 'Peers',
};

/** Teams with more rows than this get the lowest rates charted; the table has them all. */
const MAX_CHARTED_TEAMS = 25;

function card(label: string, value: HtmlValue, note?: HtmlValue): HtmlValue {
  return html`<li class="card"><span class="figure">${value}</span>${label}${note ? html`<br><span class="muted">${note}</span>` : ''}</li>`;
}

function whyStopped(execution: CycleAttempt): string {
  return (
    describeExecutionFailure(execution.status, execution.error, execution.cause) ??
    `The workflow ended ${execution.status.toLowerCase()}.`
  );
}

/** A cycle whose workflow stopped before publishing: why, in one sentence, and what to do. */
function stopped(status: string, execution: CycleAttempt | undefined, quarter: string): HtmlValue {
  if (status === 'cancelled') {
    return html`<div class="problems" role="status"><p><strong>This cycle was cancelled.</strong> Its links say the review is closed; nothing more is sent.</p></div>`;
  }
  if (
    !execution ||
    status === 'published' ||
    !['FAILED', 'TIMED_OUT', 'ABORTED'].includes(execution.status)
  ) {
    return '';
  }
  return html`<div class="problems" role="alert"><h2>The cycle stopped before it finished</h2><p>${whyStopped(execution)} Continue it with <code>ladder cycle retry --quarter ${quarter}</code>: nothing sent is sent again.</p></div>`;
}

async function progressPage(context: RouteContext & { auth: SignedIn }): Promise<ConsoleResponse> {
  const { settings, request, auth } = context;
  const quarter = request.params.quarter ?? '';
  const notFound = () => noSuchCycle(settings.basePath, auth.user);
  if (!isQuarterId(quarter)) return notFound();
  const [cycle, attempts, batches] = await Promise.all([
    getCycle(quarter),
    listAttempts(sfn(), requireEnv('stateMachineArn'), quarter),
    listBatches(quarter),
  ]);
  const execution = owningAttempt(attempts, cycle);
  const [allRequests, emails] = cycle
    ? await Promise.all([
        requestProgress(quarter),
        // The SES account and what waits for its quota: HR only (a manager sees their teams' figures
        // alone). Invitations can wait only while the cycle is opening or collecting.
        auth.scope.managerIds
          ? undefined
          : readQuotaWait(
              quarter,
              cycle.status === 'opening' || cycle.status === 'collecting' ? cycle.requestCount : 0,
              context.now,
            ),
      ])
    : [[], undefined];
  if (!cycle && !execution) return notFound();
  if (!cycle) {
    // Started, but OpenCycle has not written the cycle yet (or failed before it could).
    const failed = execution && execution.status !== 'RUNNING';
    return htmlResponse(
      200,
      consolePage({
        title: `Progress of ${quarter}`,
        basePath: settings.basePath,
        user: auth.user,
        section: 'cycles',
        body: html`<h1>Progress of the ${quarter} cycle</h1>
${request.query.get('started') === '1' && !failed ? html`<div class="ok" role="status"><p><strong>The ${quarter} cycle was started.</strong> Invitations are on their way.</p></div>` : ''}
${
  failed
    ? html`<div class="problems" role="alert"><h2>The cycle did not open</h2><p>${whyStopped(execution)} Nothing was sent. Start it again when the cause is fixed: the same checks apply.</p></div>`
    : html`<p>The workflow is opening the cycle and sending the invitations. <a href="${settings.basePath}/cycles/${quarter}">Reload this page</a> in a moment to see the progress.</p>`
}`,
      }),
    );
  }
  let requests: RequestProgress[] = allRequests;
  if (auth.scope.managerIds) {
    const mine = new Set(
      batches
        .flatMap((b) => b.leaders)
        .filter((l) => inScope(auth.scope, l.managerId))
        .map((l) => l.leaderId),
    );
    requests = allRequests.filter((r) => mine.has(r.leaderId));
  }
  const progress = cycleProgress(requests);
  const started = request.query.get('started') === '1';
  const o = progress.overall;

  const groupChart = barChart({
    id: 'rate-by-group',
    title: 'Response rate by rater group',
    description: `Share of feedback requests answered, by rater group: ${RATER_GROUPS.map(
      (g) => `${GROUP_NAMES[g]} ${percent(progress.byGroup[g].responseRate)}`,
    ).join(', ')}.`,
    series: [{ name: 'Answered' }],
    rows: RATER_GROUPS.map((g) => ({ label: GROUP_NAMES[g], values: [progress.byGroup[g].responseRate] })),
    max: 1,
    format: (v) => percent(v),
    rowHeader: 'Rater group',
  });
  const charted = [...progress.teams]
    .sort((a, b) => (a.responseRate ?? 0) - (b.responseRate ?? 0) || a.team.localeCompare(b.team))
    .slice(0, MAX_CHARTED_TEAMS);
  const teamChart =
    progress.teams.length > 0
      ? barChart({
          id: 'rate-by-team',
          title:
            progress.teams.length > MAX_CHARTED_TEAMS
              ? `Response rate: the ${MAX_CHARTED_TEAMS} teams with the lowest rate`
              : 'Response rate by team',
          description: `Share of feedback requests answered per team: ${charted
            .map((t) => `${t.team} ${percent(t.responseRate)}`)
            .join(', ')}.`,
          series: [{ name: 'Answered' }],
          rows: charted.map((t) => ({ label: t.team, values: [t.responseRate] })),
          max: 1,
          format: (v) => percent(v),
          rowHeader: 'Team',
          collapseTable: true,
        })
      : '';
  const teamTable = dataTable({
    caption: 'Response rate by team and rater group (answered of asked)',
    columns: [
      { label: 'Team' },
      ...RATER_GROUPS.map((g) => ({ label: GROUP_NAMES[g], numeric: true })),
      { label: 'All', numeric: true },
      { label: 'Declined', numeric: true },
      { label: 'Still open', numeric: true },
    ],
    rows: progress.teams.map((t) => [
      t.team,
      ...RATER_GROUPS.map((g) =>
        t.byGroup[g].total === 0
          ? '—'
          : `${percent(t.byGroup[g].responseRate)} (${t.byGroup[g].answered}/${t.byGroup[g].total})`,
      ),
      `${percent(t.responseRate)} (${t.answered}/${t.total})`,
      t.declined,
      t.open,
    ]),
  });

  const body = html`<h1>Progress of the ${quarter} cycle</h1>
${started ? html`<div class="ok" role="status"><p><strong>The ${quarter} cycle was started.</strong> Invitations are on their way.</p></div>` : ''}
${auth.scope.managerIds ? html`<p>You see the teams you manage only.</p>` : ''}
${stopped(cycle.status, execution, quarter)}
<p>Status: <strong>${statusWords(cycle.status)}</strong>${execution ? html` (workflow ${execution.name}: ${execution.status.toLowerCase()})` : ''}. Deadline ${dateTime(cycle.deadline)}. This page does not refresh by itself: <a href="${settings.basePath}/cycles/${quarter}">reload it</a> to see new answers.</p>
<ul class="cards">
${card('answered', percent(o.responseRate), `${o.answered} of ${o.total} requests`)}
${card('declined', o.declined)}
${card('still open', o.open, o.expired > 0 ? `${o.expired} expired unanswered` : undefined)}
${card('reminder emails sent', progress.reminders.emails, `to ${progress.reminders.requests} requests; ${cycle.remindersStarted} of ${cycle.reminders.length} rounds started`)}
${card('requests with delivery problems', progress.delivery.bounced + progress.delivery.complained + progress.delivery.undeliverable + progress.delivery.suppressed, `${progress.delivery.bounced} bounced, ${progress.delivery.complained} complaints, ${progress.delivery.undeliverable} refused by SES, ${progress.delivery.suppressed} not sent to suppressed addresses`)}
</ul>
<div class="chart-pair">${groupChart}${teamChart}</div>
<h2>By team and rater group</h2>
${teamTable}
${
  emails
    ? html`<h2 id="emails">Emails</h2>
${quotaNotice(emails.sending)}
${accountLimits(emails.sending)}
<p><a href="${settings.basePath}/emails/${quarter}">What became of every rater's emails</a>: sent, not sent yet, waiting for SES to confirm, refused by SES and why, suppressed, bounced, received twice.</p>`
    : ''
}`;
  return htmlResponse(
    200,
    consolePage({
      title: `Progress of ${quarter}`,
      basePath: settings.basePath,
      user: auth.user,
      section: 'cycles',
      body,
    }),
  );
}

export const progressRoutes: Route[] = [
  { method: 'GET', path: '/cycles/{quarter}', access: 'any', handle: progressPage },
];
