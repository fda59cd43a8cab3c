/**
 * Bench strength (ISO/TS 30433 succession coverage): per sales manager seat, its consultant leaders
 * ready now, ready next year and able to stand in; the share of seats with a successor. Seats are the
 * managers of the quarter's teams, plus, for the newest quarter, every manager of the roster in force
 * (a team without a consultant leader is a seat without a successor).
 */
import { benchStrength, type Seat } from '../../core/views/bench.ts';
import { type HtmlValue, html } from '../../rendering/html.ts';
import { inScope, rosterManagers } from '../auth/scope.ts';
import { barChart } from '../charts/bars.ts';
import { dataTable } from '../charts/svg.ts';
import { type ConsoleResponse, htmlResponse } from '../http/response.ts';
import type { Route, RouteContext, SignedIn } from '../http/router.ts';
import { noQuarterPage } from './empty.ts';
import { filterForm } from './filters.ts';
import { link, pager, percent, quarterParam } from './format.ts';
import { consolePage } from './layout.ts';
import { paginate, quarterLeaders } from './quarter-data.ts';
import { chooseQuarter, recentCycles, scoredQuarters } from './quarters.ts';

async function benchPage(context: RouteContext & { auth: SignedIn }): Promise<ConsoleResponse> {
  const { settings, request, now, auth } = context;
  const cycles = await recentCycles(now);
  const quarter = chooseQuarter(quarterParam(request.query), cycles);
  if (!quarter) return noQuarterPage(context, 'Bench strength', 'bench');
  const data = await quarterLeaders(quarter, auth.scope);
  const seats: Seat[] = [...data.managerNames].map(([managerId, managerName]) => ({
    managerId,
    managerName,
    team: data.leaders.find((l) => l.managerId === managerId)?.team ?? '',
  }));
  if (quarter === scoredQuarters(cycles)[0]) {
    for (const person of (await rosterManagers()).managers) {
      if (inScope(auth.scope, person.personId) && !data.managerNames.has(person.personId)) {
        seats.push({ managerId: person.personId, managerName: person.name, team: person.team });
      }
    }
  }
  const team = request.query.get('team') || undefined;
  const bench = benchStrength(
    team ? seats.filter((s) => s.team === team) : seats,
    team ? data.leaders.filter((l) => l.team === team) : data.leaders,
  );
  const base = `${settings.basePath}/bench`;
  const leaderLink = (id: string) =>
    link(`${settings.basePath}/leaders/${encodeURIComponent(id)}`, { quarter });
  const { page, pages, slice } = paginate(bench.seats, request.query.get('page'));
  const names = (leaders: { leaderId: string; leaderName: string }[]): HtmlValue =>
    leaders.length === 0
      ? '—'
      : html`${leaders.map((l, i) => html`${i > 0 ? ', ' : ''}<a href="${leaderLink(l.leaderId)}">${l.leaderName}</a>`)}`;

  const coverageChart = barChart({
    id: 'coverage',
    title: 'Share of manager seats with a successor',
    description: `Of ${bench.seats.length} manager seats: ${percent(bench.coverage)} have a consultant leader ready now or next year, ${percent(bench.readyNowCoverage)} one ready now, ${percent(bench.standInCoverage)} one able to stand in.`,
    series: [{ name: 'Seats' }],
    rows: [
      { label: 'Ready now or next year', values: [bench.coverage] },
      { label: 'Ready now', values: [bench.readyNowCoverage] },
      { label: 'Able to stand in', values: [bench.standInCoverage] },
    ],
    max: 1,
    format: (v) => percent(v),
    rowHeader: 'Successor',
  });
  const table = dataTable({
    caption: `Manager seats ${(page - 1) * 50 + 1}–${(page - 1) * 50 + slice.length} of ${bench.seats.length}`,
    columns: [
      { label: 'Team (manager)' },
      { label: 'Leaders', numeric: true },
      { label: 'Ready now' },
      { label: 'Ready next year' },
      { label: 'Stand-in ready' },
      { label: 'Covered' },
    ],
    rows: slice.map((seat) => [
      html`${seat.team || '—'} <span class="muted">(${seat.managerName || seat.managerId})</span>`,
      seat.leaders,
      names(seat.readyNow),
      names(seat.readyNextYear),
      names(seat.standIn),
      seat.covered ? 'Yes' : html`<strong>No successor</strong>`,
    ]),
  });
  const body = html`<h1>Bench strength, ${quarter}</h1>
${auth.scope.managerIds ? html`<p>You see the teams you manage only.</p>` : ''}
<p>Final recommendations count: HR’s decision where there is one, the model’s otherwise.</p>
${filterForm({ action: base, quarters: cycles.map((c) => c.quarter), quarter, teams: [...new Set(seats.map((s) => s.team).filter(Boolean))].sort(), team })}
<ul class="cards">
<li class="card"><span class="figure">${percent(bench.coverage)}</span>coverage: seats with a successor ready now or next year</li>
<li class="card"><span class="figure">${bench.seats.length}</span>manager seats</li>
<li class="card"><span class="figure">${bench.seats.filter((s) => !s.covered).length}</span>seats without a successor</li>
</ul>
${coverageChart}
<h2>Seats</h2>
${pager(page, pages, (n) => link(base, { quarter, team, page: String(n) }), 'Seat pages')}
${table}`;
  return htmlResponse(
    200,
    consolePage({
      title: `Bench strength ${quarter}`,
      basePath: settings.basePath,
      user: auth.user,
      section: 'bench',
      body,
    }),
  );
}

export const benchRoutes: Route[] = [{ method: 'GET', path: '/bench', access: 'any', handle: benchPage }];
