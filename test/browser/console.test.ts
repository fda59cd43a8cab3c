/**
 * The console end to end in real Chromium, signed in through the real local OpenID provider: an HR
 * admin uploads a roster with an error and sees it named, then a good one and the sales figures,
 * starts a cycle and watches its progress while simulated raters answer, opens readiness and a
 * leader, overrides a recommendation with a reason, downloads every export (the XLSX is opened and
 * its cells checked), records a promotion from a leader's page (refused without what happened, then
 * recorded); a manager sees only their team; a signed-out request goes to sign-in and a POST
 * without the CSRF token is refused. axe-core (from node_modules) runs on every page at 1280 and at
 * 390 pixels: no serious or critical violation. One browser, one runtime: it runs on 2 CI cores.
 */
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import readXlsxFile from 'read-excel-file/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assignRaters } from '../../functions/core/raters.ts';
import { parseRoster } from '../../functions/core/roster.ts';
import { findByTokenHash } from '../../functions/shared/store/request-store.ts';
import { hashToken } from '../../functions/shared/tokens.ts';
import { type LocalRuntime, startLocalRuntime } from '../../local/runtime.ts';
import { answerEntries, FORM_CONTENT_TYPE } from '../support/form.ts';
import { feedbackLinks, tokenOf, waitForEmails } from '../support/mail.ts';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-dev-shm-usage',
  '--disable-quic',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
];
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const hasChromium = existsSync(CHROMIUM);

interface AxeResult {
  violations: { id: string; impact: string | null; nodes: { target: string[] }[] }[];
}

describe.skipIf(!hasChromium)('the console in Chromium', () => {
  let runtime: LocalRuntime;
  let browser: Browser;
  let admin: BrowserContext;
  let page: Page;
  const errors: string[] = [];
  const checked: string[] = [];
  const user = (role: string) => runtime.consoleUsers.find((u) => u.groups.includes(role))!;

  beforeAll(async () => {
    runtime = await startLocalRuntime({ quiet: true, retryIntervalScale: 0.01 });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    admin = await browser.newContext({ viewport: DESKTOP, acceptDownloads: true });
    admin.setDefaultTimeout(20_000);
    page = await admin.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(error.message));
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await runtime?.close();
  });

  /** axe-core on the page as it is, at desktop width and at 390 px: no serious or critical violation. */
  async function accessible(target: Page, label: string) {
    for (const viewport of [DESKTOP, PHONE]) {
      await target.setViewportSize(viewport);
      // Evaluated through the DevTools protocol: the page's CSP (no script at all) is not involved.
      await target.evaluate(AXE);
      const result = (await target.evaluate(
        'axe.run(document, { resultTypes: ["violations"] })',
      )) as AxeResult;
      const serious = result.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      expect(serious, `${label} at ${viewport.width}px`).toEqual([]);
      if (viewport === PHONE) {
        const overflow = await target.evaluate('document.documentElement.scrollWidth');
        expect(overflow, `${label}: nothing wider than the phone`).toBeLessThanOrEqual(PHONE.width);
      }
    }
    await target.setViewportSize(DESKTOP);
    checked.push(label);
  }

  async function signIn(target: Page, email: string, password: string) {
    await target.getByLabel('Email address').fill(email);
    await target.getByLabel('Password').fill(password);
    await target.getByRole('button', { name: 'Sign in' }).click();
  }

  it('a signed-out request is sent to sign-in; the HR admin signs in', async () => {
    await page.goto(`${runtime.endpoints.console}/roster`);
    expect(page.url()).toMatch(new RegExp(`^${runtime.endpoints.oidc}/interaction/`));
    await page.getByRole('heading', { level: 1, name: 'Sign in to the Ladder console' }).waitFor();
    await accessible(page, 'sign-in (identity provider)');
    await signIn(page, user('hr-admin').email, 'wrong');
    await page.getByText('The email address or the password is not right.').first().waitFor();
    await signIn(page, user('hr-admin').email, user('hr-admin').password);
    await page.waitForURL(`${runtime.endpoints.console}/roster`);
    await page.getByText('Signed in as Hana Admin').waitFor();
  });

  it('uploads a roster with an error and sees it named by line and column, then a good one and the sales figures', async () => {
    const roster = await readFile('examples/roster.csv', 'utf8');
    await accessible(page, 'roster (empty)');
    const bad = roster.replace('ben.oneill.2@demo.ladder.example', 'ben.oneill.at.example');
    await page
      .getByLabel('Roster CSV file')
      .setInputFiles({ name: 'roster.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
    await page.getByRole('button', { name: 'Check and import the roster' }).click();
    const problems = page.getByRole('alert');
    await problems.getByRole('heading', { name: 'The roster in “roster.csv” was not imported' }).waitFor();
    const row = problems.getByRole('row').filter({ hasText: 'email' });
    expect(await row.getByRole('rowheader').textContent()).toBe('3');
    await accessible(page, 'roster upload refused');

    await page
      .getByLabel('Roster CSV file')
      .setInputFiles({ name: 'roster.csv', mimeType: 'text/csv', buffer: Buffer.from(roster) });
    await page.getByRole('button', { name: 'Check and import the roster' }).click();
    await page.getByText('The roster was imported').waitFor();
    await page.getByLabel('Sales figures CSV file').setInputFiles('examples/metrics.csv');
    await page.getByRole('button', { name: 'Check and import the sales figures' }).click();
    await page.getByText('The sales figures were imported').waitFor();
    await accessible(page, 'roster in force');
  });

  it('starts a cycle and watches progress while simulated raters answer', async () => {
    await page.getByRole('link', { name: 'Cycles' }).click();
    await accessible(page, 'cycles');
    const quarter = await page.getByLabel('Quarter', { exact: true }).inputValue();
    const deadline = new Date(Date.now() + 2 * 24 * 3600 * 1000).toISOString().slice(0, 16);
    await page.getByLabel('Deadline (UTC, optional)').fill(deadline);
    await page.getByRole('button', { name: 'Start the review cycle' }).click();
    await page.waitForURL(`${runtime.endpoints.console}/cycles/${quarter}?started=1`);

    const parsed = parseRoster(await readFile('examples/roster.csv', 'utf8'));
    const assignments = parsed.ok ? assignRaters(parsed.people) : [];
    // One invitation per rater, with a link for each leader they are asked about.
    const raters = new Set(assignments.map((a) => a.raterId)).size;
    const invitations = await waitForEmails(
      runtime.endpoints.ses,
      (e) => feedbackLinks(e).length > 0,
      raters,
    );
    const links = [...new Set(invitations.flatMap(feedbackLinks))];
    expect(links).toHaveLength(assignments.length);
    const answer = async (link: string, i: number) => {
      const found = await findByTokenHash(hashToken(tokenOf(link)));
      const body =
        i % 11 === 5
          ? new URLSearchParams({ action: 'decline' })
          : new URLSearchParams(answerEntries(found!.request.group, { shift: i }));
      const response = await fetch(link, {
        method: 'POST',
        headers: { 'content-type': FORM_CONTENT_TYPE },
        body,
      });
      expect(response.status).toBe(200);
    };
    const half = Math.floor(links.length / 2);
    for (const [i, link] of links.slice(0, half).entries()) await answer(link, i);
    await page.reload();
    const answered = await page.locator('.card').filter({ hasText: 'answered' }).first().textContent();
    expect(answered).toMatch(new RegExp(`\\d+ of ${links.length} requests`));
    await accessible(page, 'progress while answering');

    for (const [i, link] of links.slice(half).entries()) await answer(link, half + i);
    // The last answer finishes the collect wait early; the workflow scores and publishes.
    const execution = await runtime.executions.waitFor(
      `${runtime.stateMachineArn.replace(':stateMachine:', ':execution:')}:cycle-${quarter}-1`,
    );
    expect(execution.status).toBe('SUCCEEDED');
    await page.reload();
    await page.getByText('Status: Published').waitFor();
    await page.getByRole('link', { name: "What became of every rater's emails" }).click();
    await page.getByRole('table', { name: 'What became of the emails (one invitation per rater)' }).waitFor();
    await accessible(page, 'emails of the cycle');
  }, 120_000);

  it('opens readiness and a leader, and overrides one recommendation with a reason', async () => {
    await page.getByRole('link', { name: 'Readiness' }).click();
    await page.getByRole('heading', { level: 1, name: /^Readiness, / }).waitFor();
    expect(await page.locator('svg[role="img"] title').count()).toBeGreaterThanOrEqual(3);
    await accessible(page, 'readiness');
    await page.getByRole('link', { name: 'Bench strength' }).click();
    await accessible(page, 'bench strength');

    await page.getByRole('link', { name: 'Readiness' }).click();
    const leaderLink = page.getByRole('table', { name: 'Each leader’s trend' }).getByRole('link').first();
    const leaderName = (await leaderLink.textContent())!;
    await leaderLink.click();
    await page.getByRole('heading', { level: 1, name: new RegExp(`^${leaderName}`) }).waitFor();
    await page.getByRole('heading', { name: `The report ${leaderName} received` }).waitFor();
    await accessible(page, 'leader');

    const model = await page.locator('input[name="modelRecommendation"]').inputValue();
    const finalLabel = model === 'develop-in-role' ? 'Ready next year' : 'Develop in role';
    await page.getByLabel('Override it').check();
    await page.getByRole('button', { name: 'Record the decision' }).click();
    await page.getByRole('alert').getByText('The decision was not recorded').waitFor();
    await accessible(page, 'leader, decision refused');
    await page.getByLabel('Override it').check();
    await page.getByLabel('Final recommendation, when overriding').selectOption({ label: finalLabel });
    await page.getByLabel('Reason').selectOption({ label: 'A recent change of role, team or circumstances' });
    await page.getByLabel('Note').fill('Took over a new territory in March; review next quarter.');
    await page.getByRole('button', { name: 'Record the decision' }).click();
    await page.getByText('Your decision was recorded.').waitFor();
    const history = page.getByRole('table', { name: 'Decisions, newest first' });
    await history.getByText('Hana Admin (hana.admin@hr.ladder.example)').waitFor();
    await history.getByText(`Overridden: `).waitFor();

    await page.getByRole('link', { name: 'Calibration' }).click();
    await page.getByText(/1 of 6\s*leaders decided/).waitFor();
    await accessible(page, 'calibration');
  });

  it('downloads each export; the XLSX carries the model and the final decision side by side', async () => {
    await page.getByRole('link', { name: 'Exports' }).click();
    await accessible(page, 'exports');
    const names = ['CSV (UTF-8)', 'CSV for Excel', 'JSON', 'Excel workbook', 'SAP SuccessFactors'];
    const files = new Map<string, Buffer>();
    for (const name of names) {
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name }).click(),
      ]);
      files.set(name, await readFile((await download.path())!));
    }
    expect(files.get('CSV for Excel')!.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(JSON.parse(files.get('JSON')!.toString('utf8'))).toHaveLength(6);
    const [readiness, historySheet] = await readXlsxFile(files.get('Excel workbook')!);
    const [headers, ...rows] = readiness!.data as unknown[][];
    const col = (title: string) => (headers as string[]).indexOf(title);
    expect(rows).toHaveLength(6);
    expect(col('Final recommendation')).toBe(col('Model recommendation') + 1);
    const decided = rows.filter((r) => r[col('HR decision')] === 'Overridden');
    expect(decided).toHaveLength(1);
    expect(decided[0]![col('Decision note')]).toBe(
      'Took over a new territory in March; review next quarter.',
    );
    expect(decided[0]![col('Decided at (UTC)')]).toBeInstanceOf(Date);
    for (const row of rows) {
      expect(typeof row[col('Readiness (0–100)')]).toBe('number');
      expect(typeof row[col('Coachee answers')]).toBe('number');
    }
    expect(historySheet!.data).toHaveLength(2);
    expect(files.get('SAP SuccessFactors')!.toString('utf8')).toMatch(/^JOBCODE,INCUMBENT_USERID,/);
  });

  it('records a promotion from a leader’s page: refused without what happened, then recorded', async () => {
    await page.getByRole('link', { name: 'Readiness' }).click();
    const leaderLink = page.getByRole('table', { name: 'Each leader’s trend' }).getByRole('link').first();
    const leaderName = (await leaderLink.textContent())!;
    await leaderLink.click();
    await page.getByRole('link', { name: `Record a promotion or another move of ${leaderName}` }).click();
    await page.getByRole('heading', { level: 1, name: 'Promotions and validity' }).waitFor();
    await page.getByText(/^Not enough data: 0 promotions to manager/).waitFor();
    const id = await page.getByLabel('Person id').inputValue();
    expect(id).not.toBe('');
    await page.getByRole('button', { name: 'Record the move' }).click();
    await page.getByRole('alert').getByText('The move was not recorded').waitFor();
    await accessible(page, 'promotions, move refused');
    await page.getByLabel('Promoted to manager').check();
    await page.getByLabel(/^The team they manage now/).selectOption('North');
    await page.getByRole('button', { name: 'Record the move' }).click();
    await page.getByText('The move was recorded.').waitFor();
    const moves = page.getByRole('table', { name: 'Recorded moves, oldest first' });
    await moves.getByRole('rowheader', { name: id }).waitFor();
    await moves.getByText('Promoted to manager').waitFor();
    await accessible(page, 'promotions and validity');
  });

  it('a POST without the CSRF token is refused', async () => {
    const response = await admin.request.post(`${runtime.endpoints.console}/cycles`, {
      form: { quarter: '2027-Q1' },
      maxRedirects: 0,
    });
    expect(response.status()).toBe(403);
  });

  it('a manager sees only their team', async () => {
    const context = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true });
    const manager = await context.newPage();
    await manager.goto(`${runtime.endpoints.console}/`);
    await signIn(manager, user('manager').email, user('manager').password);
    await manager.getByRole('heading', { level: 1, name: /^Readiness, / }).waitFor();
    const trend = manager.getByRole('table', { name: 'Each leader’s trend' });
    const teams = await trend.locator('tbody tr td:nth-child(2)').allTextContents();
    expect(teams.length).toBe(2);
    expect(new Set(teams)).toEqual(new Set(['North']));
    await accessible(manager, 'readiness (manager)');
    await context.close();
  });

  it('signs out: the session is over, and every page leads to sign-in again', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign out of the local identity provider?' }).waitFor();
    await accessible(page, 'sign-out (identity provider)');
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await page.getByRole('heading', { name: 'You are signed out' }).waitFor();
    await accessible(page, 'signed out');
    await page.goto(`${runtime.endpoints.console}/cycles`);
    expect(page.url()).toMatch(new RegExp(`^${runtime.endpoints.oidc}/interaction/`));
    // The four pages answered 400 on purpose (wrong password, refused roster, refused decision,
    // refused move) are
    // logged by Chromium; anything else (a CSP violation, a script error) is a defect.
    expect(errors.filter((e) => !e.includes('status of 400 (Bad Request)'))).toEqual([]);
    expect(errors).toHaveLength(4);
    expect(checked.length).toBeGreaterThanOrEqual(17);
  });
});
