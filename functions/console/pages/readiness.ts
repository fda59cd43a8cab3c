/**
 * Readiness of a quarter: the distribution of recommendations (model and final), the 9-box of
 * readiness against sales attainment, the heatmap of leaders × competencies and each leader's trend,
 * filtered by team and manager. Long lists are paged (50 leaders a page).
 */
import { DEFAULT_CONFIG } from '../../core/config.ts';
import { calibrationStatus } from '../../core/decisions.ts';
import { trendInWords } from '../../core/export-words.ts';
import { RECOMMENDATION_LABELS, recommendationLabel } from '../../core/labels.ts';
import { QUESTIONNAIRE_V1 } from '../../core/questionnaire.ts';
import { effectiveRecommendation, filterLeaders } from '../../core/views/leader-summary.ts';
import { distribution, filterOptions, heatmap, nineBox } from '../../core/views/readiness.ts';
import { html } from '../../rendering/html.ts';
import { barChart } from '../charts/bars.ts';
import { heatLegend, heatmapChart } from '../charts/heatmap.ts';
import { sparkline } from '../charts/lines.ts';
import { nineBoxChart } from '../charts/nine-box.ts';
import { dataTable } from '../charts/svg.ts';
import { type ConsoleResponse, htmlResponse } from '../http/response.ts';
import type { Route, RouteContext, SignedIn } from '../http/router.ts';
import { noQuarterPage } from './empty.ts';
import { filterForm } from './filters.ts';
import { link, pager, percent, quarterParam, score } from './format.ts';
import { consolePage } from './layout.ts';
import { managerOptions, paginate, quarterLeaders } from './quarter-data.ts';
import { chooseQuarter, recentCycles } from './quarters.ts';

const COMPETENCIES = QUESTIONNAIRE_V1.competencies.map((c) => ({ id: c.id, label: c.label }));

async function readinessPage(context: RouteContext & { auth: SignedIn }): Promise<ConsoleResponse> {
  const { settings, request, now, auth } = context;
  const cycles = await recentCycles(now);
  const quarter = chooseQuarter(quarterParam(request.query), cycles);
  if (!quarter) return noQuarterPage(context, 'Readiness', 'readiness');
  const data = await quarterLeaders(quarter, auth.scope);
  const team = request.query.get('team') || undefined;
  const manager = request.query.get('manager') || undefined;
  const leaders = filterLeaders(data.leaders, { team, managerId: manager });
  const options = filterOptions(data.leaders);
  const base = `${settings.basePath}/readiness`;
  const leaderLink = (id: string) =>
    link(`${settings.basePath}/leaders/${encodeURIComponent(id)}`, { quarter });
  const { page, pages, slice } = paginate(leaders, request.query.get('page'));
  const pageLink = (n: number) => link(base, { quarter, team, manager, page: String(n) });
  const status = calibrationStatus(
    leaders.map((l) => l.leaderId),
    data.decisions,
  );

  const rows = distribution(leaders);
  const distributionChart = barChart({
    id: 'distribution',
    title: 'Recommendations: the model’s and the final ones',
    description: `Number of leaders per recommendation, as the model recommended and after HR's decisions: ${rows
      .map((r) => `${RECOMMENDATION_LABELS[r.recommendation]} ${r.model} (final ${r.final})`)
      .join(', ')}.`,
    series: [{ name: 'Model' }, { name: 'Final' }],
    rows: rows.map((r) => ({ label: RECOMMENDATION_LABELS[r.recommendation], values: [r.model, r.final] })),
    max: Math.max(1, ...rows.flatMap((r) => [r.model, r.final])),
    format: (v) => String(v),
    rowHeader: 'Recommendation',
  });
  const box = nineBoxChart({ id: 'nine-box', box: nineBox(leaders, DEFAULT_CONFIG), leaderLink, percent });
  const heat = heatmap(
    slice,
    COMPETENCIES.map((c) => c.id),
    DEFAULT_CONFIG,
  );
  const heatChart =
    heat.length > 0
      ? heatmapChart({
          id: 'heatmap',
          title: `Competency scores (0–100), leaders ${(page - 1) * 50 + 1}–${(page - 1) * 50 + slice.length} of ${leaders.length}`,
          description: `Each leader's score per competency from 0 to 100, against the development target of ${DEFAULT_CONFIG.thresholds.developmentTarget}; cells below the target are hatched. The numbers are in each cell and in the table below.`,
          rows: heat,
          competencies: COMPETENCIES,
          leaderLink,
        })
      : '';
  const trends = dataTable({
    caption: 'Each leader’s trend',
    columns: [
      { label: 'Leader' },
      { label: 'Team' },
      { label: 'Readiness', numeric: true },
      { label: 'Final recommendation' },
      { label: 'Trend' },
      { label: 'In words' },
    ],
    rows: slice.map((l) => [
      html`<a href="${leaderLink(l.leaderId)}">${l.leaderName}</a>`,
      l.team,
      score(l.readinessScore),
      html`${recommendationLabel(effectiveRecommendation(l))}${l.decision ? '' : html` <span class="muted">(model, not yet decided)</span>`}`,
      l.trend ? sparkline(l.trend.points, `Readiness of ${l.leaderName}`) : '—',
      l.trend ? trendInWords(l.trend) : '—',
    ]),
  });

  const body = html`<h1>Readiness, ${quarter}</h1>
${auth.scope.managerIds ? html`<p>You see the teams you manage only.</p>` : ''}
${filterForm({
  action: base,
  quarters: cycles.map((c) => c.quarter),
  quarter,
  teams: options.teams,
  team,
  managers: auth.scope.managerIds ? undefined : managerOptions(data.managerNames),
  manager,
})}
<ul class="cards">
<li class="card"><span class="figure">${leaders.length}</span>leaders</li>
<li class="card"><span class="figure">${leaders.filter((l) => effectiveRecommendation(l) === 'ready-now').length}</span>ready now (final)</li>
<li class="card"><span class="figure">${leaders.filter((l) => effectiveRecommendation(l) === 'ready-next-year').length}</span>ready next year (final)</li>
<li class="card"><span class="figure">${status.decided} of ${status.leaders}</span>decided by HR${status.calibrated ? ': calibrated' : ''}</li>
</ul>
${
  leaders.length === 0
    ? html`<p>No leader matches these filters.</p>`
    : html`<div class="chart-pair">${distributionChart}${box}</div>
<h2>Competencies</h2>
${heatLegend(DEFAULT_CONFIG.thresholds.developmentTarget)}
${pager(page, pages, pageLink, 'Heatmap pages')}
${heatChart}
<h2>Trends</h2>
${trends}
${pager(page, pages, pageLink, 'Trend pages')}`
}`;
  return htmlResponse(
    200,
    consolePage({
      title: `Readiness ${quarter}`,
      basePath: settings.basePath,
      user: auth.user,
      section: 'readiness',
      body,
    }),
  );
}

export const readinessRoutes: Route[] = [
  { method: 'GET', path: '/readiness', access: 'any', handle: readinessPage },
];
