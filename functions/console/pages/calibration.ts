/**
 * Calibration: every leader of a quarter with the model's recommendation, HR's decision in force and
 * the final recommendations of the two quarters before, side by side; whether the quarter is
 * calibrated (every leader has a decision). Decisions are recorded on the leader's page; the POST
 * lands here: validated (functions/core/decisions.ts), appended, never changed.
 */
import { DEFAULT_CONFIG } from '../../core/config.ts';
import { calibrationStatus, latestDecisions, validateDecision } from '../../core/decisions.ts';
import { DECISION_LABELS, recommendationLabel } from '../../core/labels.ts';
import { addQuarters, isQuarterId } from '../../core/quarter.ts';
import { effectiveRecommendation, filterLeaders } from '../../core/views/leader-summary.ts';
import { html } from '../../rendering/html.ts';
import { logger } from '../../shared/middleware.ts';
import { appendDecision, listDecisions, toDecision } from '../../shared/store/decision-store.ts';
import { quarterSummaries } from '../../shared/store/digest-store.ts';
import { getRecommendations } from '../../shared/store/result-store.ts';
import { inScope } from '../auth/scope.ts';
import { dataTable } from '../charts/svg.ts';
import { textField } from '../http/request.ts';
import { type ConsoleResponse, htmlResponse, redirect } from '../http/response.ts';
import type { Route, RouteContext, SignedIn } from '../http/router.ts';
import { noQuarterPage } from './empty.ts';
import { filterForm } from './filters.ts';
import { dateTime, link, pager, quarterParam } from './format.ts';
import { consolePage } from './layout.ts';
import { leaderPage } from './leader.ts';
import { paginate, quarterLeaders } from './quarter-data.ts';
import { chooseQuarter, recentCycles } from './quarters.ts';

/** Final recommendation per leader in an earlier quarter (decision, else the model's). */
async function finalsOf(quarter: string): Promise<Map<string, string>> {
  const [summaries, decisions] = await Promise.all([quarterSummaries(quarter), listDecisions(quarter)]);
  const latest = latestDecisions(decisions.map(toDecision));
  return new Map(
    summaries.map((s) => {
      const decision = latest.get(s.leaderId);
      return [
        s.leaderId,
        `${recommendationLabel(decision?.finalRecommendation ?? s.recommendation)}${decision ? '' : ' (model)'}`,
      ];
    }),
  );
}

async function calibrationPage(context: RouteContext & { auth: SignedIn }): Promise<ConsoleResponse> {
  const { settings, request, now, auth } = context;
  const cycles = await recentCycles(now);
  const quarter = chooseQuarter(quarterParam(request.query), cycles);
  if (!quarter) return noQuarterPage(context, 'Calibration', 'calibration');
  const earlier = [addQuarters(quarter, -2), addQuarters(quarter, -1)];
  const [data, ...past] = await Promise.all([quarterLeaders(quarter, auth.scope), ...earlier.map(finalsOf)]);
  const team = request.query.get('team') || undefined;
  const leaders = filterLeaders(data.leaders, { team });
  const status = calibrationStatus(
    data.leaders.map((l) => l.leaderId),
    data.decisions,
  );
  const base = `${settings.basePath}/calibration`;
  const { page, pages, slice } = paginate(leaders, request.query.get('page'));
  const leaderLink = (id: string) =>
    `${link(`${settings.basePath}/leaders/${encodeURIComponent(id)}`, { quarter })}#decision`;
  const table = dataTable({
    caption: `Leaders ${(page - 1) * 50 + 1}–${(page - 1) * 50 + slice.length} of ${leaders.length}: past cycles side by side`,
    columns: [
      { label: 'Leader' },
      { label: 'Team' },
      ...earlier.map((q) => ({ label: `Final ${q}` })),
      { label: `Model ${quarter}` },
      { label: `HR decision ${quarter}` },
      { label: 'Decided' },
    ],
    rows: slice.map((l) => [
      html`<a href="${leaderLink(l.leaderId)}">${l.leaderName}<span class="visually-hidden">: decide</span></a>`,
      l.team,
      ...past.map((finals) => finals.get(l.leaderId) ?? '—'),
      recommendationLabel(l.recommendation),
      l.decision
        ? html`<strong>${recommendationLabel(effectiveRecommendation(l))}</strong> (${DECISION_LABELS[l.decision.action].toLowerCase()}: ${l.decision.reasonLabel})`
        : html`<span class="muted">Not decided</span>`,
      l.decision ? `${dateTime(l.decision.decidedAt)}, ${l.decision.decidedBy.name}` : '—',
    ]),
  });
  const body = html`<h1>Calibration, ${quarter}</h1>
<p>Ladder’s recommendation is advice. For each leader, an HR admin accepts it or overrides it, with a reason and a note; every decision is kept with who and when. The quarter is calibrated once every leader has a decision.</p>
<p><span class="status">${status.calibrated ? `Calibrated on ${dateTime(status.calibratedAt)}` : `Not calibrated: ${status.leaders - status.decided} of ${status.leaders} leaders still need a decision`}</span></p>
<ul class="cards">
<li class="card"><span class="figure">${status.decided} of ${status.leaders}</span>leaders decided</li>
<li class="card"><span class="figure">${status.accepted}</span>accepted</li>
<li class="card"><span class="figure">${status.overridden}</span>overridden</li>
</ul>
${filterForm({ action: base, quarters: cycles.map((c) => c.quarter), quarter, teams: [...new Set(data.leaders.map((l) => l.team))].sort(), team })}
${pager(page, pages, (n) => link(base, { quarter, team, page: String(n) }), 'Leader pages')}
${table}`;
  return htmlResponse(
    200,
    consolePage({
      title: `Calibration ${quarter}`,
      basePath: settings.basePath,
      user: auth.user,
      section: 'calibration',
      body,
    }),
  );
}

async function recordDecision(context: RouteContext & { auth: SignedIn }): Promise<ConsoleResponse> {
  const { request, settings, now, auth } = context;
  const form = await request.form();
  const quarter = textField(form, 'quarter');
  const leaderId = request.params.leaderId ?? '';
  const values = Object.fromEntries(
    ['action', 'finalRecommendation', 'reasonCode', 'note', 'modelRecommendation'].map((name) => [
      name,
      textField(form, name),
    ]),
  );
  const [rec] = isQuarterId(quarter) ? await getRecommendations(quarter, [leaderId]) : [];
  if (!rec || !inScope(auth.scope, rec.managerId))
    return leaderPage(context, 404, undefined, isQuarterId(quarter) ? quarter : undefined);
  const result = validateDecision(
    {
      action: values.action || undefined,
      finalRecommendation: values.finalRecommendation || undefined,
      reasonCode: values.reasonCode || undefined,
      note: values.note,
      modelRecommendation: values.modelRecommendation || undefined,
    },
    rec.recommendation,
    DEFAULT_CONFIG,
  );
  if (!result.ok) return leaderPage(context, 400, { values, problems: result.problems }, quarter);
  await appendDecision(
    {
      ...result.decision,
      quarter,
      leaderId,
      decidedBy: {
        subject: auth.user.subject,
        name: auth.user.name || auth.user.email,
        email: auth.user.email,
      },
      decidedAt: now.toISOString(),
    },
    DEFAULT_CONFIG.version,
  );
  logger.info('console: calibration decision recorded', { quarter, action: result.decision.action });
  return redirect(
    `${link(`${settings.basePath}/leaders/${encodeURIComponent(leaderId)}`, { quarter, decided: '1' })}#decision`,
  );
}

export const calibrationRoutes: Route[] = [
  { method: 'GET', path: '/calibration', access: 'hr', handle: calibrationPage },
  { method: 'POST', path: '/calibration/{leaderId}', access: 'admin', handle: recordDecision },
];
