/**
 * Exports: the page listing a quarter's files. The downloads themselves are served by the
 * ConsoleExport function (pages/downloads.ts), which only reads.
 */
import { calibrationStatus } from '../../core/decisions.ts';
import { type HtmlValue, html } from '../../rendering/html.ts';
import { allows } from '../auth/roles.ts';
import { dataTable } from '../charts/svg.ts';
import { type ConsoleResponse, htmlResponse } from '../http/response.ts';
import type { Route, RouteContext, SignedIn } from '../http/router.ts';
import { DOWNLOADS, type DownloadName } from './download-list.ts';
import { noQuarterPage } from './empty.ts';
import { quarterParam, select } from './format.ts';
import { consolePage } from './layout.ts';
import { quarterLeaders } from './quarter-data.ts';
import { chooseQuarter, recentCycles } from './quarters.ts';

async function exportsPage(context: RouteContext & { auth: SignedIn }): Promise<ConsoleResponse> {
  const { settings, request, now, auth } = context;
  const cycles = await recentCycles(now);
  const quarter = chooseQuarter(quarterParam(request.query), cycles);
  if (!quarter) return noQuarterPage(context, 'Exports', 'exports');
  const data = await quarterLeaders(quarter, auth.scope);
  const status = calibrationStatus(
    data.leaders.map((l) => l.leaderId),
    data.decisions,
  );
  const files = (Object.entries(DOWNLOADS) as [DownloadName, (typeof DOWNLOADS)[DownloadName]][]).filter(
    ([, d]) => allows(auth.user.roles, d.access),
  );
  const rows = files.map(([name, d]): HtmlValue[] => [
    html`<a href="${settings.basePath}/exports/${quarter}/${name}" download>${d.label}<span class="visually-hidden">, ${quarter}</span></a>`,
    name === 'successfactors'
      ? `HR’s final decisions only: ${status.decided} of ${status.leaders} leaders decided; ready now and ready next year become successors of their manager.`
      : name === 'xlsx'
        ? 'One row per leader, the model’s and HR’s recommendation side by side, plus the calibration history.'
        : 'One row per leader, the contract columns (README, “Export”).',
  ]);
  const body = html`<h1>Exports, ${quarter}</h1>
${auth.scope.managerIds ? html`<p>Your files hold the teams you manage only.</p>` : ''}
<form method="get" action="${settings.basePath}/exports" class="filters" aria-label="Quarter">${select({ id: 'x-quarter', name: 'quarter', label: 'Quarter', options: cycles.map((c): [string, string] => [c.quarter, c.quarter]), selected: quarter })}<button type="submit" class="button-secondary">Show</button></form>
${status.calibrated ? html`<div class="ok"><p>${quarter} is calibrated: every leader has an HR decision.</p></div>` : html`<p><span class="status">Not calibrated yet</span> ${status.leaders - status.decided} of ${status.leaders} leaders still need an HR decision; files show the model’s recommendation and an empty final decision for them.</p>`}
${dataTable({ caption: `Files for ${quarter}`, columns: [{ label: 'File' }, { label: 'What it holds' }], rows })}
<p>Attainment is in percent, the development plan names courses, trend and self–other gaps are in words. The same files come from the command line: <code>ladder export --quarter ${quarter} --format csv|json|xlsx|successfactors</code>.</p>`;
  return htmlResponse(
    200,
    consolePage({
      title: `Exports ${quarter}`,
      basePath: settings.basePath,
      user: auth.user,
      section: 'exports',
      body,
    }),
  );
}

export const exportPageRoutes: Route[] = [
  { method: 'GET', path: '/exports', access: 'any', handle: exportsPage },
];
