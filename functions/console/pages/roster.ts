/**
 * Roster: the roster in force (paged), and the uploads of a roster CSV and of a sales figures CSV,
 * each validated whole by the same import core as `ladder roster import` / `ladder metrics import`
 * (functions/core/roster.ts, functions/core/metrics.ts) and imported all or nothing; every problem
 * is listed by line and column. Served by the ConsoleRoster function.
 */
import { parseMetrics } from '../../core/metrics.ts';
import type { Person } from '../../core/model.ts';
import { parseRoster, summarizeRoster } from '../../core/roster.ts';
import { compareText } from '../../core/text.ts';
import { type HtmlValue, html } from '../../rendering/html.ts';
import { logger } from '../../shared/middleware.ts';
import type { RosterPointerItem } from '../../shared/store/items.ts';
import { importMetrics } from '../../shared/store/metrics-store.ts';
import {
  ConcurrentImportError,
  currentRoster,
  importRoster,
  rosterPeople,
} from '../../shared/store/roster-store.ts';
import { allows } from '../auth/roles.ts';
import { dataTable } from '../charts/svg.ts';
import { type FormValue, MAX_UPLOAD_BYTES } from '../http/request.ts';
import { type ConsoleResponse, htmlResponse } from '../http/response.ts';
import type { Route, RouteContext, SignedIn } from '../http/router.ts';
import { csrfField, dateTime, link, pager, select } from './format.ts';
import { fileProblem, importReport, type UploadKind, type UploadOutcome } from './import-report.ts';
import { consolePage } from './layout.ts';

const ROLE_NAMES: Record<Person['role'], string> = {
  manager: 'Manager',
  consultant_leader: 'Consultant leader',
  salesperson: 'Salesperson',
};
const PEOPLE_PER_PAGE = 100;

/** The uploaded file's bytes (the import core detects the encoding and separator). */
export function uploadBytes(value: FormValue | undefined): { bytes: Uint8Array } | { problem: string } {
  if (value === undefined || typeof value === 'string' || value.bytes.length === 0) {
    return { problem: 'Choose a CSV file to upload.' };
  }
  if (value.bytes.length > MAX_UPLOAD_BYTES) return { problem: 'The file is larger than 4 MB.' };
  return { bytes: value.bytes };
}

function uploadForm(context: RouteContext & { auth: SignedIn }, kind: UploadKind): HtmlValue {
  const { settings, auth } = context;
  const id = `${kind}-file`;
  const [title, hint] =
    kind === 'roster'
      ? [
          'Upload a roster',
          'CSV with a header row: person_id, name, email, role, team, manager_id, coach_id (optional: locale, time_zone); comma, semicolon or tab separated, UTF-8 or Excel’s Windows encoding. It replaces the roster in force, all or nothing.',
        ]
      : [
          'Upload sales figures',
          'CSV with a header row: quarter, person_id, quota, attained; read like the roster. Every person must be in the roster in force; the file updates the figures it names and keeps the others.',
        ];
  return html`<section aria-labelledby="${kind}-title">
<h2 id="${kind}-title">${title}</h2>
<form method="post" action="${settings.basePath}/roster${kind === 'sales' ? '/sales' : ''}" enctype="multipart/form-data">
${csrfField(auth.user.csrfToken)}
<div class="field"><label for="${id}">${kind === 'roster' ? 'Roster CSV file' : 'Sales figures CSV file'}</label>
<p class="hint" id="${id}-hint">${hint} At most 4 MB.</p>
<input type="file" id="${id}" name="file" accept=".csv,text/csv" required aria-describedby="${id}-hint"></div>
<button type="submit" class="button-primary">${kind === 'roster' ? 'Check and import the roster' : 'Check and import the sales figures'}</button>
</form>
</section>`;
}

async function rosterSection(
  context: RouteContext & { auth: SignedIn },
  pointer: RosterPointerItem | undefined,
): Promise<HtmlValue> {
  const { settings, request } = context;
  if (!pointer) return html`<p>No roster has been imported yet.</p>`;
  const people = (await rosterPeople(pointer.version)).sort(
    (a, b) => compareText(a.team, b.team) || compareText(a.role, b.role) || compareText(a.name, b.name),
  );
  const counts = summarizeRoster(people);
  const teams = [...new Set(people.map((p) => p.team))].sort(compareText);
  const team = request.query.get('team') || undefined;
  const shown = team ? people.filter((p) => p.team === team) : people;
  const pages = Math.max(1, Math.ceil(shown.length / PEOPLE_PER_PAGE));
  const page = Math.min(pages, Math.max(1, Number.parseInt(request.query.get('page') ?? '1', 10) || 1));
  const slice = shown.slice((page - 1) * PEOPLE_PER_PAGE, page * PEOPLE_PER_PAGE);
  const base = `${settings.basePath}/roster`;
  // Language and time zone only when the roster gives them (otherwise the organisation's defaults).
  const local = people.some((p) => p.locale || p.timeZone);
  return html`<p>Version ${pointer.version}, imported ${dateTime(pointer.importedAt)}: ${people.length} people in ${counts.teams} teams — ${counts.managers} managers, ${counts.leaders} consultant leaders, ${counts.salespeople} salespeople.</p>
<form method="get" action="${base}" class="filters" aria-label="Filter the roster">${select({ id: 'r-team', name: 'team', label: 'Team', options: [['', 'All teams'], ...teams.map((t): [string, string] => [t, t])], selected: team ?? '' })}<button type="submit" class="button-secondary">Show</button></form>
${pager(page, pages, (n) => link(base, { team, page: String(n) }), 'Roster pages')}
${dataTable({
  caption: `People ${(page - 1) * PEOPLE_PER_PAGE + 1}–${(page - 1) * PEOPLE_PER_PAGE + slice.length} of ${shown.length}`,
  columns: [
    { label: 'Name' },
    { label: 'Person ID' },
    { label: 'Role' },
    { label: 'Team' },
    { label: 'Manager' },
    { label: 'Coach' },
    { label: 'Email' },
    ...(local ? [{ label: 'Language, time zone' }] : []),
  ],
  rows: slice.map((p) => [
    p.name,
    p.personId,
    ROLE_NAMES[p.role],
    p.team,
    p.managerId || '—',
    p.coachId || '—',
    p.email,
    ...(local ? [[p.locale, p.timeZone].filter(Boolean).join(', ') || 'organisation default'] : []),
  ]),
})}`;
}

export async function rosterPage(
  context: RouteContext & { auth: SignedIn },
  status = 200,
  outcome?: UploadOutcome,
): Promise<ConsoleResponse> {
  const { settings, auth } = context;
  const pointer = await currentRoster();
  const admin = allows(auth.user.roles, 'admin');
  const body = html`<h1>Roster</h1>
${outcome ? importReport(outcome) : ''}
${admin ? html`${uploadForm(context, 'roster')}${uploadForm(context, 'sales')}` : ''}
<h2>The roster in force</h2>
${await rosterSection(context, pointer)}`;
  return htmlResponse(
    status,
    consolePage({
      title: outcome && !outcome.ok ? 'Error: Roster' : 'Roster',
      basePath: settings.basePath,
      user: auth.user,
      section: 'roster',
      body,
    }),
  );
}

async function readUpload(context: RouteContext) {
  const form = await context.request.form({ uploads: true });
  const file = form.get('file');
  const fileName = typeof file === 'object' ? file.fileName : '';
  return { fileName, read: uploadBytes(file) };
}

function concurrent(kind: UploadKind, fileName: string, error: unknown): UploadOutcome {
  if (error instanceof ConcurrentImportError) return fileProblem(kind, fileName, error.message);
  throw error;
}

async function uploadRoster(context: RouteContext & { auth: SignedIn }): Promise<ConsoleResponse> {
  const { fileName, read } = await readUpload(context);
  if ('problem' in read) return rosterPage(context, 400, fileProblem('roster', fileName, read.problem));
  const parsed = parseRoster(read.bytes);
  if (!parsed.ok) return rosterPage(context, 400, { kind: 'roster', fileName, ...parsed });
  let pointer: RosterPointerItem;
  try {
    pointer = await importRoster(parsed.people, context.now);
  } catch (error) {
    return rosterPage(context, 409, concurrent('roster', fileName, error));
  }
  logger.info('console: roster imported', { people: pointer.people, warnings: parsed.warningCount });
  const c = parsed.counts;
  return rosterPage(context, 200, {
    ok: true,
    kind: 'roster',
    summary: html`version ${pointer.version}, ${c.people} people in ${c.teams} teams — ${c.managers} managers, ${c.leaders} consultant leaders, ${c.salespeople} salespeople.`,
    warnings: parsed.warnings,
    warningCount: parsed.warningCount,
  });
}

async function uploadSales(context: RouteContext & { auth: SignedIn }): Promise<ConsoleResponse> {
  const { fileName, read } = await readUpload(context);
  if ('problem' in read) return rosterPage(context, 400, fileProblem('sales', fileName, read.problem));
  const pointer = await currentRoster();
  if (!pointer) {
    return rosterPage(
      context,
      400,
      fileProblem('sales', fileName, 'No roster has been imported yet: upload the roster first.'),
    );
  }
  const people = await rosterPeople(pointer.version);
  const parsed = parseMetrics(read.bytes, { knownPersonIds: new Set(people.map((p) => p.personId)) });
  if (!parsed.ok) return rosterPage(context, 400, { kind: 'sales', fileName, ...parsed });
  let summary: Awaited<ReturnType<typeof importMetrics>>;
  try {
    summary = await importMetrics(parsed.figures, context.now);
  } catch (error) {
    return rosterPage(context, 409, concurrent('sales', fileName, error));
  }
  logger.info('console: sales figures imported', { quarters: summary.quarters.length });
  const added = summary.quarters.reduce((n, q) => n + q.added, 0);
  const updated = summary.quarters.reduce((n, q) => n + q.updated, 0);
  return rosterPage(context, 200, {
    ok: true,
    kind: 'sales',
    summary: html`${added} added, ${updated} updated (${summary.quarters.map((q) => q.quarter).join(', ')}).`,
    warnings: parsed.warnings,
    warningCount: parsed.warningCount,
  });
}

export const rosterRoutes: Route[] = [
  { method: 'GET', path: '/roster', access: 'hr', handle: (context) => rosterPage(context) },
  { method: 'POST', path: '/roster', access: 'admin', uploads: true, handle: uploadRoster },
  { method: 'POST', path: '/roster/sales', access: 'admin', uploads: true, handle: uploadSales },
];
