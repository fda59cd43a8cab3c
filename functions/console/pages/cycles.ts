/**
 * Cycles: the newest cycle at a glance, past cycles, and (hr-admin) the form that starts a cycle with
 * the same checks as `ladder cycle start` (functions/console/cycle-start.ts).
 */
import { previousQuarter } from '../../core/quarter.ts';
import { type HtmlValue, html } from '../../rendering/html.ts';
import { cycleStartSettings } from '../../shared/cycle-starter.ts';
import { requireEnv } from '../../shared/env.ts';
import { logger } from '../../shared/middleware.ts';
import { allows } from '../auth/roles.ts';
import { dataTable } from '../charts/svg.ts';
import { startCheckedCycle } from '../cycle-start.ts';
import { textField } from '../http/request.ts';
import { type ConsoleResponse, htmlResponse, redirect } from '../http/response.ts';
import type { Route, RouteContext, SignedIn } from '../http/router.ts';
import { csrfField, dateTime, percent, problemList, recentQuarters, select } from './format.ts';
import { consolePage } from './layout.ts';
import { type QuarterCycle, recentCycles } from './quarters.ts';

const STATUS_WORDS: Record<string, string> = {
  opening: 'Opening',
  collecting: 'Collecting answers',
  closed: 'Closed, scoring',
  scored: 'Scored',
  published: 'Published',
  cancelled: 'Cancelled',
};

export const statusWords = (status: string) => STATUS_WORDS[status] ?? status;

interface StartValues {
  quarter: string;
  deadline: string;
  reminder1: string;
  reminder2: string;
  force: boolean;
}

/** `2026-12-24T17:00` (a datetime-local field, in UTC as the form says) → ISO 8601 with Z. */
export function utcFromLocalField(value: string): string {
  const trimmed = value.trim();
  if (/^\d{4}-\d\d-\d\dT\d\d:\d\d$/.test(trimmed)) return `${trimmed}:00Z`;
  if (/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?$/.test(trimmed)) return `${trimmed}Z`;
  return trimmed;
}

function startForm(
  context: RouteContext & { auth: SignedIn },
  values: StartValues,
  problems: string[],
): HtmlValue {
  const { settings, now, auth } = context;
  const quarters = recentQuarters(now).slice(0, 6);
  const checks = cycleStartSettings();
  return html`<section aria-labelledby="start-title">
<h2 id="start-title">Start a review cycle</h2>
${problems.length > 0 ? problemList('The cycle was not started', problems) : ''}
<p>Invitations go out as soon as the cycle starts. The same checks as <code>ladder cycle start</code> run first: a quarter that has ended and is at most ${checks.maxQuarterAge} quarters old (${checks.timeZone} calendar), a deadline in the future and at most ${checks.maxReviewDays} days away, reminders before it, a roster in force, no cycle for the quarter yet, and an SES daily quota that can send every invitation before the first reminder and every reminder before the deadline. A quarter has one cycle: one that stopped is continued with <code>ladder cycle retry</code>.</p>
<form method="post" action="${settings.basePath}/cycles">
${csrfField(auth.user.csrfToken)}
<div class="field">${select({
    id: 'quarter',
    name: 'quarter',
    label: 'Quarter',
    options: quarters.map((q) => [q, q]),
    selected: values.quarter,
  })}</div>
<div class="field"><label for="deadline">Deadline (UTC, optional)</label>
<p class="hint" id="deadline-hint">Leave empty for the default: ${checks.reviewDays} days from now.</p>
<input type="datetime-local" id="deadline" name="deadline" value="${values.deadline}" aria-describedby="deadline-hint"></div>
<div class="field"><label for="reminder1">First reminder (UTC, optional)</label>
<p class="hint" id="reminder-hint">Leave both empty for the defaults: half-way and at 85% of the time.</p>
<input type="datetime-local" id="reminder1" name="reminder1" value="${values.reminder1}" aria-describedby="reminder-hint"></div>
<div class="field"><label for="reminder2">Second reminder (UTC, optional)</label>
<input type="datetime-local" id="reminder2" name="reminder2" value="${values.reminder2}"></div>
<div class="field"><label class="radio"><input type="checkbox" name="force" value="1"${values.force ? html` checked` : ''} aria-describedby="force-hint"> Start even if the quarter has not ended or is older than ${checks.maxQuarterAge} quarters</label>
<p class="hint" id="force-hint">What <code>--force</code> does on the command line. The other checks still apply.</p></div>
<button type="submit" class="button-primary">Start the review cycle</button>
</form>
</section>`;
}

function cyclesTable(basePath: string, cycles: readonly QuarterCycle[]): HtmlValue {
  if (cycles.length === 0) return html`<p>No cycle has been started yet.</p>`;
  return dataTable({
    caption: 'Review cycles, newest first',
    columns: [
      { label: 'Quarter' },
      { label: 'Status' },
      { label: 'Deadline' },
      { label: 'Leaders', numeric: true },
      { label: 'Answered or declined', numeric: true },
      { label: 'Pages' },
    ],
    rows: cycles.map(({ quarter, cycle }) => [
      quarter,
      statusWords(cycle.status),
      dateTime(cycle.deadline),
      cycle.leaderCount,
      `${cycle.doneCount} of ${cycle.requestCount} (${percent(cycle.requestCount ? cycle.doneCount / cycle.requestCount : null)})`,
      html`<a href="${basePath}/cycles/${quarter}">Progress<span class="visually-hidden"> of ${quarter}</span></a>${
        cycle.status === 'published'
          ? html` · <a href="${basePath}/readiness?quarter=${quarter}">Readiness<span class="visually-hidden"> ${quarter}</span></a>`
          : ''
      }`,
    ]),
  });
}

async function cyclesPage(
  context: RouteContext & { auth: SignedIn },
  status: number,
  values?: StartValues,
  problems: string[] = [],
): Promise<ConsoleResponse> {
  const { settings, now, auth } = context;
  const cycles = await recentCycles(now);
  const newest = cycles[0];
  const admin = allows(auth.user.roles, 'admin');
  const body = html`<h1>Review cycles</h1>
${
  newest
    ? html`<p>The newest cycle is <strong>${newest.quarter}</strong>: ${statusWords(newest.cycle.status).toLowerCase()}, deadline ${dateTime(newest.cycle.deadline)}. <a href="${settings.basePath}/cycles/${newest.quarter}">See its progress</a>.</p>`
    : html`<p>No cycle has been started yet.</p>`
}
${
  admin
    ? startForm(
        context,
        values ?? {
          quarter: previousQuarter(now, cycleStartSettings().timeZone),
          deadline: '',
          reminder1: '',
          reminder2: '',
          force: false,
        },
        problems,
      )
    : ''
}
<h2>All cycles</h2>
${cyclesTable(settings.basePath, cycles)}`;
  return htmlResponse(
    status,
    consolePage({
      title: problems.length > 0 ? 'Error: Review cycles' : 'Review cycles',
      basePath: settings.basePath,
      user: auth.user,
      section: 'cycles',
      body,
    }),
  );
}

async function startFromForm(context: RouteContext & { auth: SignedIn }): Promise<ConsoleResponse> {
  const form = await context.request.form();
  const values: StartValues = {
    quarter: textField(form, 'quarter').trim(),
    deadline: textField(form, 'deadline'),
    reminder1: textField(form, 'reminder1'),
    reminder2: textField(form, 'reminder2'),
    force: textField(form, 'force') === '1',
  };
  const reminders = [values.reminder1, values.reminder2]
    .map((v) => v.trim())
    .filter(Boolean)
    .map(utcFromLocalField);
  const started = await startCheckedCycle(
    requireEnv('stateMachineArn'),
    {
      quarter: values.quarter,
      ...(values.deadline.trim() ? { deadline: utcFromLocalField(values.deadline) } : {}),
      ...(reminders.length > 0 ? { reminders } : {}),
    },
    { force: values.force },
  );
  if (!started.ok) return cyclesPage(context, 400, values, started.problems);
  logger.info('console: cycle started', {
    quarter: values.quarter,
    executionName: started.outcome.executionName,
    forced: values.force,
  });
  return redirect(`${context.settings.basePath}/cycles/${values.quarter}?started=1`);
}

export const cycleRoutes: Route[] = [
  { method: 'GET', path: '/cycles', access: 'any', handle: (context) => cyclesPage(context, 200) },
  { method: 'POST', path: '/cycles', access: 'admin', handle: startFromForm },
];
