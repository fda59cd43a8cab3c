/**
 * The console's pages over the wire, against three seeded quarters of the example organisation:
 * pictures with accessible SVG and their numbers, a manager's narrower view, calibration decisions
 * appended with who and when, every export, roster and sales uploads all or nothing with problems by
 * line and column, and starting a cycle with the CLI's checks.
 */
import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import readXlsxFile from 'read-excel-file/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Person } from '../../functions/core/model.ts';
import { addQuarters, quarterOf } from '../../functions/core/quarter.ts';
import { parseRoster } from '../../functions/core/roster.ts';
import { sfn } from '../../functions/shared/aws-clients.ts';
import { listAttempts } from '../../functions/shared/cycle-starter.ts';
import { listDecisions } from '../../functions/shared/store/decision-store.ts';
import { listPromotions } from '../../functions/shared/store/promotion-store.ts';
import { currentRoster } from '../../functions/shared/store/roster-store.ts';
import { type LocalRuntime, startLocalRuntime } from '../../local/runtime.ts';
import { ConsoleClient, csrfToken, textOf } from '../support/console-client.ts';
import { seedScoredQuarters } from '../support/seed-quarters.ts';

const QUARTERS = ['2026-Q2', '2026-Q3', '2026-Q4'];
const Q = '2026-Q4';
let runtime: LocalRuntime;
let people: Person[];
let admin: ConsoleClient;
const user = (role: string) => runtime.consoleUsers.find((u) => u.groups.includes(role))!;
const leaders = () => people.filter((p) => p.role === 'consultant_leader');

beforeAll(async () => {
  runtime = await startLocalRuntime({ quiet: true });
  const parsed = parseRoster(await readFile('examples/roster.csv', 'utf8'));
  if (!parsed.ok) throw new Error('examples/roster.csv is invalid');
  people = parsed.people;
  await seedScoredQuarters({ people, quarters: QUARTERS });
  admin = new ConsoleClient(runtime.endpoints.console);
  await admin.signIn(user('hr-admin'), '/console/cycles');
}, 60_000);
afterAll(() => runtime?.close());

/** `<svg role="img" … aria-labelledby="a b"><title id="a">…</title><desc id="b">…</desc>` for each chart. */
function charts(html: string) {
  return [
    ...html.matchAll(
      /<svg[^>]*role="img"[^>]*aria-labelledby="([^"]+)"[^>]*><title id="([^"]+)">([^<]+)<\/title><desc id="([^"]+)">([^<]+)<\/desc>/g,
    ),
  ].map((m) => ({ labelledBy: m[1]!, title: m[3]!, desc: m[5]! }));
}

describe('readiness', () => {
  it('distribution, 9-box and heatmap as SVG with title and description, each with its numbers in a table', async () => {
    const page = await admin.get(`/console/readiness?quarter=${Q}`);
    expect(page.status).toBe(200);
    const found = charts(page.html);
    expect(found.map((c) => c.title)).toEqual([
      'Recommendations: the model’s and the final ones',
      '9-box: readiness against sales attainment',
      expect.stringMatching(/^Competency scores \(0–100\), leaders 1–6 of 6$/),
    ]);
    for (const chart of found) expect(chart.desc.length).toBeGreaterThan(40);
    // Each figure holds a table with the same numbers.
    expect(
      page.html.match(/<figure class="chart"[\s\S]*?<\/figure>/g)!.every((f) => f.includes('<table>')),
    ).toBe(true);
    const text = textOf(page.html);
    for (const leader of leaders()) expect(text).toContain(leader.name);
    expect(text).toMatch(/(Rising|Falling|Stable|Not enough history)/);
  });

  it('filters by team', async () => {
    const text = textOf((await admin.get(`/console/readiness?quarter=${Q}&team=South`)).html);
    for (const leader of leaders()) expect(text.includes(leader.name)).toBe(leader.team === 'South');
  });

  it('bench strength: every manager seat with its successors and the coverage figure', async () => {
    const page = await admin.get(`/console/bench?quarter=${Q}`);
    const text = textOf(page.html);
    expect(text).toMatch(/\d+%\s+coverage: seats with a successor ready now or next year/);
    for (const team of ['North', 'South', 'Enterprise']) expect(text).toContain(team);
    expect(charts(page.html).map((c) => c.title)).toEqual(['Share of manager seats with a successor']);
  });
});

describe('a manager sees only their teams', () => {
  let manager: ConsoleClient;
  beforeAll(async () => {
    manager = new ConsoleClient(runtime.endpoints.console);
    await manager.signIn(user('manager'));
  });

  it('readiness, a leader, the progress and the export: North only', async () => {
    const text = textOf((await manager.get(`/console/readiness?quarter=${Q}`)).html);
    for (const leader of leaders())
      expect(text.includes(leader.name), leader.name).toBe(leader.team === 'North');
    const south = leaders().find((l) => l.team === 'South')!;
    expect((await manager.get(`/console/leaders/${south.personId}?quarter=${Q}`)).status).toBe(404);
    const north = leaders().find((l) => l.team === 'North')!;
    const own = await manager.get(`/console/leaders/${north.personId}?quarter=${Q}`);
    expect(own.status).toBe(200);
    // Not HR: no verbatim report, no calibration.
    expect(own.html).not.toContain('Calibration decision');
    expect(own.html).not.toContain('Comments, verbatim');
    const progress = textOf((await manager.get(`/console/cycles/${Q}`)).html);
    expect(progress).toContain('North');
    expect(progress).not.toContain('South');
    const csv = await manager.get(`/console/exports/${Q}/csv`);
    const rows = parse(csv.html, { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => r.team)).toEqual(['North', 'North']);
    expect((await manager.get(`/console/exports/${Q}/successfactors`)).status).toBe(403);
  });
});

describe('calibration', () => {
  it('an override needs a reason for overriding and a note; a refused form stores nothing', async () => {
    const leader = leaders()[0]!;
    const page = await admin.get(`/console/leaders/${leader.personId}?quarter=${Q}`);
    expect(page.html).toContain(`The report ${leader.name.replaceAll("'", '&#39;')} received`);
    const model = /name="modelRecommendation" value="([^"]+)"/.exec(page.html)![1]!;
    const refused = await admin.post(
      `/console/calibration/${leader.personId}`,
      {
        quarter: Q,
        modelRecommendation: model,
        action: 'override',
        finalRecommendation: model,
        reasonCode: 'evidence-supports',
      },
      page,
    );
    expect(refused.status).toBe(400);
    const text = textOf(refused.html);
    expect(text).toContain('The decision was not recorded');
    expect(text).toContain('An override must choose a recommendation other than the model’s');
    expect(text).toContain('cannot be given to override');
    expect(text).toContain('Explain the decision in the note');
    expect(await listDecisions(Q)).toEqual([]);
  });

  it('overrides one leader and accepts another: appended with who and when, shown as history and exported side by side', async () => {
    const [first, second] = leaders();
    const page = await admin.get(`/console/leaders/${first!.personId}?quarter=${Q}`);
    const model = /name="modelRecommendation" value="([^"]+)"/.exec(page.html)![1]!;
    const final = model === 'develop-in-role' ? 'ready-next-year' : 'develop-in-role';
    const done = await admin.post(
      `/console/calibration/${first!.personId}`,
      {
        quarter: Q,
        modelRecommendation: model,
        action: 'override',
        finalRecommendation: final,
        reasonCode: 'recent-change',
        note: 'Moved to a new territory in March.',
      },
      page,
    );
    expect(done.status).toBe(200);
    expect(done.url).toContain('decided=1');
    const text = textOf(done.html);
    expect(text).toContain('Your decision was recorded.');
    expect(text).toContain('Hana Admin (hana.admin@hr.ladder.example)');
    expect(text).toContain('Moved to a new territory in March.');

    const second_page = await admin.get(`/console/leaders/${second!.personId}?quarter=${Q}`);
    const model2 = /name="modelRecommendation" value="([^"]+)"/.exec(second_page.html)![1]!;
    await admin.post(
      `/console/calibration/${second!.personId}`,
      { quarter: Q, modelRecommendation: model2, action: 'accept', reasonCode: 'evidence-supports' },
      second_page,
    );
    const decisions = await listDecisions(Q);
    expect(decisions.map((d) => [d.leaderId, d.action, d.decidedBy.email])).toEqual(
      expect.arrayContaining([
        [first!.personId, 'override', 'hana.admin@hr.ladder.example'],
        [second!.personId, 'accept', 'hana.admin@hr.ladder.example'],
      ]),
    );

    const calibration = textOf((await admin.get(`/console/calibration?quarter=${Q}`)).html);
    expect(calibration).toContain('2 of 6 leaders decided');
    expect(calibration).toContain('Not calibrated: 4 of 6 leaders still need a decision');
    expect(calibration).toContain('Final 2026-Q3');

    const rows = parse((await admin.get(`/console/exports/${Q}/csv`)).html, { columns: true }) as Record<
      string,
      string
    >[];
    const row = rows.find((r) => r.leader_id === first!.personId)!;
    expect([row.recommendation, row.final_recommendation, row.decision]).toEqual([model, final, 'override']);
    expect(row.decided_by).toBe('Hana Admin <hana.admin@hr.ladder.example>');
  });
});

describe('exports', () => {
  it('every format downloads with its type and name; the XLSX has typed cells', async () => {
    const files: [string, RegExp, string][] = [
      ['csv', /^text\/csv/, `ladder-readiness-${Q}.csv`],
      ['csv-excel', /^text\/csv/, `ladder-readiness-${Q}.csv`],
      ['json', /^application\/json/, `ladder-readiness-${Q}.json`],
      ['xlsx', /spreadsheetml/, `ladder-readiness-${Q}.xlsx`],
      ['successfactors', /^text\/csv/, `ladder-successfactors-successors-${Q}.csv`],
    ];
    for (const [name, type, fileName] of files) {
      const response = await fetch(`${runtime.endpoints.console}/exports/${Q}/${name}`, {
        headers: { cookie: admin.cookieHeader(new URL(runtime.endpoints.console)) },
      });
      expect(response.status, name).toBe(200);
      expect(response.headers.get('content-type')).toMatch(type);
      expect(response.headers.get('content-disposition')).toContain(`filename="${fileName}"`);
      // Text is gzipped for a browser that accepts it (fetch does, and unpacks it): 6 MB Lambda responses.
      expect(response.headers.get('content-encoding')).toBe(name === 'xlsx' ? null : 'gzip');
      const bytes = Buffer.from(await response.arrayBuffer());
      if (name === 'csv-excel') expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
      if (name === 'xlsx') {
        const [sheet] = await readXlsxFile(bytes);
        const [headers, firstRow] = sheet!.data as unknown[][];
        expect(typeof firstRow![(headers as string[]).indexOf('Readiness (0–100)')]).toBe('number');
      }
      if (name === 'successfactors') {
        expect(bytes.toString('utf8').split('\n')[0]).toBe(
          'JOBCODE,INCUMBENT_USERID,OLD_JOBCODE,OLD_INCUMBENT_USERID,OLD_TBH_ID,TBH_ID,TBH_MANAGER_USERID,READINESS,SUCCESSOR_USERID,ACTION',
        );
      }
    }
    expect((await admin.get(`/console/exports/${Q}/pdf`)).status).toBe(404);
  });
});

describe('roster and sales figures uploads', () => {
  const upload = async (path: string, name: string, text: string | Buffer) => {
    const page = await admin.get('/console/roster');
    const form = new FormData();
    form.set('csrf', csrfToken(page.html)!);
    form.set('file', new Blob([text], { type: 'text/csv' }), name);
    return admin.fetch(path, { method: 'POST', body: form });
  };

  it('a roster with problems is refused whole, each problem named by line and column', async () => {
    const before = await currentRoster();
    const bad = (await readFile('examples/roster.csv', 'utf8')).replace(
      "north-csl1,Ben O'Neill,ben.oneill.2@demo.ladder.example,consultant_leader",
      "north-csl1,Ben O'Neill,not-an-address,team_lead",
    );
    const refused = await upload('/console/roster', 'roster.csv', bad);
    expect(refused.status).toBe(400);
    const text = textOf(refused.html);
    expect(text).toContain('was not imported');
    expect(text).toContain('Nothing was changed');
    expect(refused.html).toMatch(/<tr><th scope="row">3<\/th><td>email<\/td>/);
    expect(refused.html).toMatch(/<tr><th scope="row">3<\/th><td>role<\/td>/);
    expect((await currentRoster())?.version).toBe(before?.version);
  });

  it('a roster as Excel saves it in Germany (Windows-1252, semicolons) is read by the same core as the CLI, with its warnings', async () => {
    const done = await upload(
      '/console/roster',
      'roster-excel-de.csv',
      await readFile('examples/roster-excel-de.csv'),
    );
    expect(done.status).toBe(200);
    const text = textOf(done.html);
    expect(text).toMatch(/The roster was imported: version \S+, \d+ people in \d+ teams/);
    expect(text).toMatch(/\d+ warnings? \(imported anyway; please check\)/);
    expect(text).toContain('Windows-1252');
    expect(text).toContain('Jürgen Weiß');
  });

  it('a good roster replaces the one in force; names are shown escaped', async () => {
    const text = (await readFile('examples/roster.csv', 'utf8')).replace(
      'Ada Okafor',
      'Ada <img src=x onerror=alert(1)> Okafor',
    );
    const done = await upload('/console/roster', 'roster.csv', text);
    expect(done.status).toBe(200);
    expect(textOf(done.html)).toContain('The roster was imported');
    expect(done.html).toContain('Ada &lt;img src=x onerror=alert(1)&gt; Okafor');
    expect(done.html).not.toContain('<img src=x');
  });

  it('sales figures: an unknown person is named; a good file is imported', async () => {
    const refused = await upload(
      '/console/roster/sales',
      'metrics.csv',
      'quarter,person_id,quota,attained\n2026-Q4,nobody,100,90\n',
    );
    expect(refused.status).toBe(400);
    expect(refused.html).toMatch(/<tr><th scope="row">2<\/th><td>person_id<\/td>/);
    const done = await upload(
      '/console/roster/sales',
      'metrics.csv',
      await readFile('examples/metrics.csv', 'utf8'),
    );
    expect(done.status).toBe(200);
    expect(textOf(done.html)).toMatch(/The sales figures were imported: \d+ added, \d+ updated/);
  });
});

describe('starting a cycle', () => {
  it('with the CLI’s checks: every problem named and nothing started; forced, a good start opens the progress page', async () => {
    const page = await admin.get('/console/cycles');
    const current = quarterOf(new Date());
    const early = await admin.post('/console/cycles', { quarter: current }, page);
    expect(early.status).toBe(400);
    expect(textOf(early.html)).toContain(`Quarter ${current} has not ended yet`);

    const refused = await admin.post(
      '/console/cycles',
      { quarter: '2025-Q1', deadline: 'next friday' },
      page,
    );
    expect(refused.status).toBe(400);
    const problems = textOf(refused.html);
    expect(problems).toContain('The cycle was not started');
    expect(problems).toContain('Quarter 2025-Q1 ended');
    expect(problems).toContain('Deadline "next friday" is not an ISO 8601 date-time');
    expect(await listAttempts(sfn(), runtime.stateMachineArn, '2025-Q1')).toEqual([]);

    const deadline = new Date(Date.now() + 30 * 24 * 3600 * 1000).toISOString().slice(0, 16);
    const started = await admin.post('/console/cycles', { quarter: '2025-Q1', deadline, force: '1' }, page);
    expect(started.status).toBe(200);
    expect(started.url).toBe(`${runtime.endpoints.console}/cycles/2025-Q1?started=1`);
    expect(textOf(started.html)).toContain('The 2025-Q1 cycle was started.');
    expect(await listAttempts(sfn(), runtime.stateMachineArn, '2025-Q1')).toMatchObject([
      { name: 'cycle-2025-Q1-1', status: 'RUNNING' },
    ]);
    const again = await admin.post('/console/cycles', { quarter: '2025-Q1', force: '1' }, page);
    expect(again.status).toBe(400);
    expect(textOf(again.html)).toContain('The 2025-Q1 review cycle was already started');
  });
});

describe('promotions and validity', () => {
  it('records a move with the CLI’s checks (every problem named, nothing stored), corrects it, and shows the validity figure', async () => {
    const page = await admin.get('/console/promotions');
    expect(page.status).toBe(200);
    let text = textOf(page.html);
    expect(text).toContain('No move has been recorded yet.');
    expect(text).toContain(
      'Not enough data: 0 promotions to manager can be compared so far; the validity figure needs at least 10.',
    );

    const future = addQuarters(quarterOf(new Date()), 1);
    const refused = await admin.post(
      '/console/promotions',
      { id: 'nobody', quarter: future, to: 'boss', team: 'Atlantis' },
      page,
    );
    expect(refused.status).toBe(400);
    text = textOf(refused.html);
    expect(text).toContain('The move was not recorded');
    expect(text).toContain(`Quarter ${future} is in the future`);
    expect(text).toContain('Choose what happened: promoted to manager, moved to another role, or left.');
    expect(text).toContain('nobody has no readiness review on record');
    expect(text).toContain('Team "Atlantis" is not in the roster in force.');
    expect(refused.html).toContain('aria-invalid="true"');
    expect(await listPromotions()).toEqual([]);

    // Reviewed in 2026-Q3, promoted in 2026-Q4: listed, too early to count (no figures after).
    const recorded = await admin.post(
      '/console/promotions',
      { id: 'north-csl1', quarter: '2026-Q4', to: 'manager', team: 'North' },
      page,
    );
    expect(recorded.status).toBe(200);
    expect(recorded.url).toBe(`${runtime.endpoints.console}/promotions?recorded=1#moves`);
    text = textOf(recorded.html);
    expect(text).toContain('The move was recorded.');
    expect(recorded.html).toMatch(
      /<th scope="row"><a href="\/console\/leaders\/north-csl1\?quarter=2026-Q3">north-csl1<\/a><\/th><td>2026-Q4<\/td><td>Promoted to manager<\/td><td class="num">[\d.]+ \(2026-Q3\)<\/td>/,
    );
    expect(text).toContain('too early');
    expect(text).toContain('Recorded moves: 1 promotion to manager, 0 moves to another role, 0 leavers.');
    expect(await listPromotions()).toMatchObject([
      { personId: 'north-csl1', quarter: '2026-Q4', to: 'manager', team: 'North' },
    ]);

    // Recorded again for the same person and quarter: a correction, still one record.
    const corrected = await admin.post(
      '/console/promotions',
      { id: 'north-csl1', quarter: '2026-Q4', to: 'left', team: '' },
      recorded,
    );
    expect(textOf(corrected.html)).toContain(
      'Recorded moves: 0 promotions to manager, 0 moves to another role, 1 leaver.',
    );
    expect(await listPromotions()).toMatchObject([
      { personId: 'north-csl1', quarter: '2026-Q4', to: 'left' },
    ]);

    // The leader's page leads there; an HR viewer reads it without the form; a manager may not open it.
    const leader = await admin.get(`/console/leaders/north-csl1?quarter=${Q}`);
    expect(leader.html).toContain('href="/console/promotions?id=north-csl1#record-title"');
    const prefilled = await admin.get('/console/promotions?id=north-csl1');
    expect(prefilled.html).toContain('name="id" value="north-csl1"');
    const viewer = new ConsoleClient(runtime.endpoints.console);
    const viewed = await viewer.signIn(user('hr-viewer'), '/console/promotions');
    expect(textOf(viewed.html)).toContain('Only an HR admin can record moves.');
    expect(viewed.html).not.toContain('name="to"');
    const denied = await viewer.post(
      '/console/promotions',
      { id: 'north-csl2', quarter: Q, to: 'left' },
      viewed,
    );
    expect(denied.status).toBe(403);
    const manager = new ConsoleClient(runtime.endpoints.console);
    await manager.signIn(user('manager'));
    expect((await manager.get('/console/promotions')).status).toBe(403);
    expect(await listPromotions()).toHaveLength(1);
  });
});
