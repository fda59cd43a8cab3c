/**
 * Promotions and validity (HR): what became of reviewed leaders who moved — promoted to manager,
 * another role, or left — and the validity figure `ladder validity` prints: readiness at promotion
 * against the change in the new team's attainment (Spearman with its 95 % interval and N, or "not
 * enough data"), from the same code (functions/shared/validity-data.ts,
 * functions/core/readiness/validity.ts). An hr-admin records a move with the checks of `ladder
 * promotion record` (functions/shared/promotions.ts); recording the same person and quarter again
 * corrects it.
 */
import { DEFAULT_CONFIG } from '../../core/config.ts';
import { type PromotionProblem, promotionProblemText } from '../../core/promotion-check.ts';
import { VALIDITY } from '../../core/readiness/phrases.ts';
import {
  type Move,
  type ValidityReport,
  type ValidityRow,
  validityReport,
} from '../../core/readiness/validity.ts';
import { type HtmlValue, html } from '../../rendering/html.ts';
import { logger } from '../../shared/middleware.ts';
import { recordCheckedPromotion } from '../../shared/promotions.ts';
import { currentRoster, rosterPeople } from '../../shared/store/roster-store.ts';
import { loadValidityInput } from '../../shared/validity-data.ts';
import { allows } from '../auth/roles.ts';
import { scatterChart } from '../charts/scatter.ts';
import { dataTable, fixed } from '../charts/svg.ts';
import { textField } from '../http/request.ts';
import { type ConsoleResponse, htmlResponse, redirect } from '../http/response.ts';
import type { Route, RouteContext, SignedIn } from '../http/router.ts';
import { csrfField, link, problemList, recentQuarters, select } from './format.ts';
import { consolePage } from './layout.ts';

const MOVE_LABELS: Record<Move, string> = {
  manager: 'Promoted to manager',
  'other-role': 'Moved to another role',
  left: 'Left the company',
};

interface FormState {
  values: Record<'id' | 'quarter' | 'to' | 'team', string>;
  problems: PromotionProblem[];
}

const signed = (value: number | null) => (value === null ? '—' : `${value > 0 ? '+' : ''}${fixed(value)}`);

function validitySection(report: ValidityReport): HtmlValue {
  const o = report.overall;
  const headline =
    o.enough && o.spearman !== null && o.low !== null && o.high !== null
      ? VALIDITY.enough({ spearman: o.spearman, low: o.low, high: o.high, n: o.n })
      : VALIDITY.notEnough({ n: o.n, minimum: o.minimum });
  const counted = report.rows.filter(
    (r): r is ValidityRow & { readiness: number; relativeChange: number } =>
      r.status === 'counted' && r.readiness !== null && r.relativeChange !== null,
  );
  return html`<section aria-labelledby="validity-title">
<h2 id="validity-title">Validity</h2>
<ul class="cards">
<li class="card"><span class="figure">${o.enough && o.spearman !== null ? fixed(o.spearman, 2) : '—'}</span>Spearman correlation<br><span class="muted">${o.enough && o.low !== null && o.high !== null ? `95 % interval ${fixed(o.low, 2)} to ${fixed(o.high, 2)}` : 'not enough data yet'}</span></li>
<li class="card"><span class="figure">${o.n}</span>promotions compared<br><span class="muted">at least ${o.minimum} needed</span></li>
</ul>
<p><strong>${headline}</strong> ${VALIDITY.moves({ manager: report.moves.manager, other: report.moves['other-role'], left: report.moves.left })}</p>
<p>A promotion counts once the new team has sales figures for ${DEFAULT_CONFIG.validity.minQuartersAfter} quarters after the move and before it. The change is the team's mean attainment after against before, minus the same change for everyone else (percentage points); a positive correlation means leaders rated readier did better as managers.</p>
${
  counted.length >= 2
    ? scatterChart({
        id: 'validity',
        title: 'Readiness at promotion and the new team’s change',
        description: `Each promotion counted: readiness at promotion (0 to 100) against the new team's change in attainment compared with everyone else, in percentage points. ${counted
          .map((r) => `${r.personId}: ${fixed(r.readiness)}, ${signed(r.relativeChange)}`)
          .join('; ')}.`,
        xLabel: 'Readiness at promotion',
        yLabel: 'Team change vs others (points)',
        points: counted.map((r) => ({ label: r.personId, x: r.readiness, y: r.relativeChange })),
      })
    : ''
}
</section>`;
}

function movesTable(context: RouteContext & { auth: SignedIn }, report: ValidityReport): HtmlValue {
  const { settings } = context;
  if (report.rows.length === 0) {
    return html`<p>No move has been recorded yet.</p>`;
  }
  return dataTable({
    caption: 'Recorded moves, oldest first',
    columns: [
      { label: 'Person' },
      { label: 'Moved in' },
      { label: 'What happened' },
      { label: 'Readiness (review)', numeric: true },
      { label: 'New team size', numeric: true },
      { label: 'Team change (points)', numeric: true },
      { label: 'Vs everyone else', numeric: true },
      { label: 'In the figure' },
    ],
    rows: report.rows.map((r) => [
      r.readinessQuarter
        ? html`<a href="${link(`${settings.basePath}/leaders/${encodeURIComponent(r.personId)}`, { quarter: r.readinessQuarter })}">${r.personId}</a>`
        : r.personId,
      r.quarter,
      MOVE_LABELS[r.to],
      r.readiness === null ? '—' : `${fixed(r.readiness)} (${r.readinessQuarter})`,
      r.to === 'manager' ? r.teamSize : '—',
      signed(r.teamChange),
      signed(r.relativeChange),
      // The CLI's words, without its flag.
      r.status === 'no-team'
        ? 'new team unknown: record the team or update the roster'
        : VALIDITY.status[r.status],
    ]),
  });
}

function recordForm(
  context: RouteContext & { auth: SignedIn },
  teams: string[],
  state: FormState,
): HtmlValue {
  const { settings, auth, now } = context;
  const { values, problems } = state;
  // This quarter and the three years before (a move is recorded once it has happened).
  const quarters = recentQuarters(now).slice(1);
  const error = (field: PromotionProblem['field']) => {
    const messages = problems.filter((p) => p.field === field).map((p) => promotionProblemText(p, 'console'));
    return messages.length > 0
      ? html`<p class="field-error" id="move-${field}-error"><span class="visually-hidden">Error: </span>${messages.join(' ')}</p>`
      : '';
  };
  const invalid = (field: PromotionProblem['field']) =>
    problems.some((p) => p.field === field) ? html` aria-invalid="true"` : '';
  const described = (field: PromotionProblem['field'], hint?: string) => {
    const ids = [hint, problems.some((p) => p.field === field) ? `move-${field}-error` : undefined].filter(
      Boolean,
    );
    return ids.length > 0 ? html` aria-describedby="${ids.join(' ')}"` : '';
  };
  return html`<section aria-labelledby="record-title">
<h2 id="record-title">Record a move</h2>
${
  problems.length > 0
    ? problemList(
        'The move was not recorded',
        problems.map((p) => promotionProblemText(p, 'console')),
      )
    : ''
}
<p>For a reviewed consultant leader who has moved. Recording the same person and quarter again corrects the record.</p>
<form method="post" action="${settings.basePath}/promotions" class="decision-form">
${csrfField(auth.user.csrfToken)}
<div class="field"><label for="move-id">Person id</label>
<p class="hint" id="move-id-hint">Their <code>person_id</code> in the roster.</p>
${error('id')}
<input type="text" id="move-id" name="id" value="${values.id}" autocomplete="off"${described('id', 'move-id-hint')}${invalid('id')}></div>
<div class="field">${error('quarter')}${select({
    id: 'move-quarter',
    name: 'quarter',
    label: 'Quarter they moved in',
    options: quarters.map((q) => [q, q]),
    selected: values.quarter,
  })}</div>
<fieldset${described('to')}><legend>What happened</legend>
${error('to')}
${(Object.keys(MOVE_LABELS) as Move[]).map(
  (move) =>
    html`<label class="radio"><input type="radio" name="to" value="${move}"${values.to === move ? html` checked` : ''}> ${MOVE_LABELS[move]}</label>\n`,
)}</fieldset>
<div class="field">${error('team')}${select({
    id: 'move-team',
    name: 'team',
    label: 'The team they manage now (promotions to manager; optional)',
    options: [['', 'As the roster in force shows'], ...teams.map((t): [string, string] => [t, t])],
    selected: values.team,
  })}</div>
<button type="submit" class="button-primary">Record the move</button>
</form>
</section>`;
}

async function promotionsPage(
  context: RouteContext & { auth: SignedIn },
  status = 200,
  state?: FormState,
): Promise<ConsoleResponse> {
  const { settings, auth, request, now } = context;
  const admin = allows(auth.user.roles, 'admin');
  // The roster in force once: the new teams of the validity figure and the form's list of teams.
  const pointer = await currentRoster();
  const people = pointer ? await rosterPeople(pointer.version) : [];
  const report = validityReport(await loadValidityInput(DEFAULT_CONFIG, { people }), DEFAULT_CONFIG);
  const teams = new Set(people.map((person) => person.team));
  const recorded = request.query.get('recorded');
  const form: FormState = state ?? {
    values: { id: request.query.get('id') ?? '', quarter: recentQuarters(now)[1] ?? '', to: '', team: '' },
    problems: [],
  };
  const body = html`<h1>Promotions and validity</h1>
${recorded && !state ? html`<div class="ok" role="status"><p><strong>The move was recorded.</strong></p></div>` : ''}
${validitySection(report)}
<h2 id="moves">Moves</h2>
${movesTable(context, report)}
${admin ? recordForm(context, [...teams].sort(), form) : html`<p>Only an HR admin can record moves.</p>`}`;
  return htmlResponse(
    status,
    consolePage({
      title: `${state?.problems.length ? 'Error: ' : ''}Promotions and validity`,
      basePath: settings.basePath,
      user: auth.user,
      section: 'promotions',
      body,
    }),
  );
}

async function recordMove(context: RouteContext & { auth: SignedIn }): Promise<ConsoleResponse> {
  const { request, settings, now } = context;
  const form = await request.form();
  const values = {
    id: textField(form, 'id'),
    quarter: textField(form, 'quarter'),
    to: textField(form, 'to'),
    team: textField(form, 'team'),
  };
  const result = await recordCheckedPromotion(values, now);
  if (!result.ok) return promotionsPage(context, 400, { values, problems: result.problems });
  logger.info('console: move recorded', { to: result.record.to, corrected: result.replaced !== undefined });
  return redirect(`${link(`${settings.basePath}/promotions`, { recorded: '1' })}#moves`);
}

export const promotionRoutes: Route[] = [
  { method: 'GET', path: '/promotions', access: 'hr', handle: (context) => promotionsPage(context) },
  { method: 'POST', path: '/promotions', access: 'admin', handle: recordMove },
];
