/**
 * The feedback form in a real browser (Debian's Chromium driven by playwright-core): a rater opens
 * the invitation from the local mail store, follows the link, answers every question and sends the
 * form; the answers must then be in DynamoDB. Once on a desktop through the mail viewer, once on a
 * phone-sized viewport from the email's HTML (with a screenshot in /tmp/ladder-form.png).
 *
 * Languages: a German rater gets the German form, switches to French with a link, and the choice
 * holds (cookie) through the answers. Layout: at 1280 px the self-assessment is a matrix, each
 * statement one row, and the page's height is printed and bounded; at 390 px it stays stacked.
 * Accessibility: axe-core (injected from node_modules) finds no serious or critical violation at
 * either width, in English, German and Japanese.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, type BrowserContextOptions, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CycleFixture, type Invitation, startCycleFixture } from '../support/cycle-fixture.ts';
import { competencyIds, RATING_VALUES } from '../support/form.ts';
import { setRaterLanguage } from '../support/rater-language.ts';

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
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
const SCREENSHOT = '/tmp/ladder-form.png';
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
/** Issue 12: the 13-item self-assessment within about 2,200 px at 1280 px wide (it was ≈ 7,150 px). */
const SELF_ASSESSMENT_MAX_HEIGHT = 2200;
const MISSING = `${CHROMIUM} is missing: install Debian's Chromium (apt-get install -y chromium) to run the browser test`;

const hasChromium = existsSync(CHROMIUM);
const onCi = Boolean(process.env.CI) && !['0', 'false'].includes(process.env.CI!.toLowerCase());
if (!hasChromium && !onCi) console.warn(`Skipping the browser test: ${MISSING}.`);

describe.runIf(!hasChromium && onCi)('browser test prerequisites', () => {
  it('has Chromium on CI', () => {
    throw new Error(MISSING);
  });
});

describe.skipIf(!hasChromium)('the feedback form in Chromium', () => {
  let fixture: CycleFixture;
  const opened: { context: BrowserContext; dir: string }[] = [];

  beforeAll(async () => {
    fixture = await startCycleFixture({ teams: 1, deadlineSeconds: 900 });
  });

  afterAll(async () => {
    for (const { context, dir } of opened) {
      await context.close().catch(() => {});
      await rm(dir, { recursive: true, force: true });
    }
    await fixture?.close();
  });

  /** A browser with a fresh profile. */
  async function openBrowser(options: BrowserContextOptions = {}): Promise<BrowserContext> {
    const dir = await mkdtemp(join(tmpdir(), 'ladder-chromium-'));
    const context = await chromium.launchPersistentContext(dir, {
      executablePath: CHROMIUM,
      args: CHROMIUM_ARGS,
      ...options,
    });
    opened.push({ context, dir });
    context.setDefaultTimeout(15_000);
    return context;
  }

  /** Console errors of a page (a CSP violation shows up here). */
  function consoleErrors(page: Page): string[] {
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(error.message));
    return errors;
  }

  /**
   * Answers every radio group on the page (found in the page itself) and the first open question.
   * Returns what was chosen, as the store should keep it.
   */
  async function fillForm(page: Page, invitation: Invitation, comment: string, tap = false) {
    const names = await page
      .locator('input[type="radio"]')
      .evaluateAll((inputs) => [...new Set(inputs.map((input) => input.getAttribute('name') ?? ''))]);
    expect(names.sort()).toEqual(
      competencyIds(invitation.group)
        .map((id) => `rating.${id}`)
        .sort(),
    );
    const ratings: Record<string, number | null> = {};
    for (const [i, name] of names.entries()) {
      const value = RATING_VALUES[(i + 2) % RATING_VALUES.length]!;
      const input = page.locator(`input[type="radio"][name="${name}"][value="${value}"]`);
      const label = page.locator(`label[for="${await input.getAttribute('id')}"]`);
      await (tap ? label.tap() : label.click());
      expect(await input.isChecked()).toBe(true);
      ratings[name.slice('rating.'.length)] = value === 'na' ? null : Number(value);
    }
    await page.getByLabel('What should they keep doing?').fill(comment);
    return ratings;
  }

  async function expectStored(invitation: Invitation, ratings: Record<string, number | null>, keep: string) {
    const request = await fixture.requestOf(invitation);
    expect(request.status).toBe('answered');
    expect(request.answers).toEqual({ ratings, comments: { keep, change: '' } });
  }

  it('opens the invitation in the mail viewer, follows its link, answers and sends the form', async () => {
    const invitation = fixture.take({ group: 'manager' });
    const context = await openBrowser({ viewport: { width: 1280, height: 900 } });
    const viewer = context.pages()[0] ?? (await context.newPage());

    await viewer.goto(fixture.runtime.endpoints.mailViewer);
    const card = viewer
      .locator('.email')
      .filter({ hasText: invitation.email.subject })
      .filter({ hasText: invitation.raterEmail });
    await card.getByRole('button', { name: 'Toggle HTML view' }).click();
    // The manager's one invitation lists every leader they manage, each with its own button.
    const link = card
      .frameLocator('iframe')
      .getByRole('link', { name: `Give feedback on ${invitation.request.leaderName}`, exact: true });
    expect(await link.getAttribute('href')).toBe(invitation.url);

    // The viewer shows the email in an iframe and the form refuses to be framed
    // (frame-ancestors 'none'), so the rater opens the link in a new tab, as from a mail client.
    const [form] = await Promise.all([
      context.waitForEvent('page'),
      link.click({ modifiers: ['ControlOrMeta'] }),
    ]);
    const errors = consoleErrors(form);
    await form.bringToFront(); // a background tab is throttled
    await form.waitForLoadState();
    expect(form.url()).toBe(invitation.url);
    const leader = fixture.people.find((p) => p.personId === invitation.leaderId)!;
    await form.getByRole('heading', { level: 1, name: `Feedback for ${leader.name}` }).waitFor();

    const comment = 'Runs crisp pipeline reviews.\nAsks before telling — très bien.';
    const ratings = await fillForm(form, invitation, comment);
    await form.getByRole('button', { name: 'Send my answers' }).click();
    await form.getByRole('heading', { level: 1, name: 'Thank you, your answers are saved' }).waitFor();
    expect(form.url()).toBe(invitation.url);
    expect(errors).toEqual([]);

    // The browser sends the line break as CRLF; the store keeps a plain newline.
    await expectStored(invitation, ratings, comment);

    // A plain click inside the viewer's iframe is blocked by the form's CSP: no clickjacking.
    const blocked = viewer.waitForEvent('console', (message) =>
      message.text().includes("frame-ancestors 'none'"),
    );
    await link.click();
    await blocked;
  });

  it('works on a phone-sized screen, opened from the email itself', async () => {
    const invitation = fixture.take({ group: 'self' });
    const viewport = { width: 390, height: 844 };
    const context = await openBrowser({ viewport, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
    const page = context.pages()[0] ?? (await context.newPage());

    await page.setContent(invitation.email.body.html ?? '');
    const errors = consoleErrors(page);
    await page.getByRole('link', { name: 'Start my self-assessment' }).tap();
    await page.waitForURL(invitation.url);
    await page.getByRole('heading', { level: 1, name: 'Your self-assessment' }).waitFor();

    // Nothing wider than the screen, and every answer option is a comfortable touch target.
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(
      viewport.width,
    );
    const heights = await page
      .locator('label.option')
      .evaluateAll((labels) => labels.map((label) => label.getBoundingClientRect().height));
    expect(heights.length).toBe(competencyIds('self').length * RATING_VALUES.length);
    expect(Math.min(...heights)).toBeGreaterThanOrEqual(44);

    const comment = 'Keep the Friday deal clinics.';
    const ratings = await fillForm(page, invitation, comment, true);
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    await page.getByRole('button', { name: 'Send my answers' }).tap();
    await page.getByRole('heading', { level: 1, name: 'Thank you, your answers are saved' }).waitFor();
    await page.getByText('Your self-assessment will appear in your development report').waitFor();
    expect(errors).toEqual([]);

    await expectStored(invitation, ratings, comment);
  });

  /** Serious and critical axe-core violations of the page as it is now (rule id: first targets). */
  async function axeViolations(page: Page): Promise<string[]> {
    // Evaluated through the DevTools protocol, which the page's CSP (no scripts) does not govern.
    await page.evaluate(AXE_SOURCE);
    const result = await page.evaluate<{
      violations: { id: string; impact: string; nodes: { target: string[] }[] }[];
    }>('axe.run(document, { resultTypes: ["violations"] })');
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map(
        (v) =>
          `${v.id} (${v.impact}): ${v.nodes
            .map((n) => n.target.join(' '))
            .slice(0, 3)
            .join(', ')}`,
      );
  }

  it('serves a German rater in German, switches to French with a link and keeps it through the answers', async () => {
    const invitation = fixture.take({ group: 'peer' });
    await setRaterLanguage(invitation, 'de', 'Europe/Berlin');
    const context = await openBrowser({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
    const page = context.pages()[0] ?? (await context.newPage());
    const errors = consoleErrors(page);

    await page.goto(invitation.url);
    expect(await page.evaluate('document.documentElement.lang')).toBe('de');
    const leader = fixture.people.find((p) => p.personId === invitation.leaderId)!;
    await page.getByRole('heading', { level: 1, name: `Feedback für ${leader.name}` }).waitFor();
    await page.getByRole('button', { name: 'Antworten senden' }).waitFor();

    await page.getByRole('navigation', { name: 'Sprache' }).getByRole('link', { name: 'Français' }).click();
    await page.getByRole('heading', { level: 1, name: `Feedback sur ${leader.name}` }).waitFor();
    expect(await page.evaluate('document.documentElement.lang')).toBe('fr');
    const cookie = (await context.cookies()).find((c) => c.name === 'ladder_lang');
    expect(cookie).toMatchObject({ value: 'fr', path: '/feedback', httpOnly: true, sameSite: 'Lax' });

    // Back on the link from the email: the choice holds.
    await page.goto(invitation.url);
    expect(await page.evaluate('document.documentElement.lang')).toBe('fr');
    const names = await page
      .locator('input[type="radio"]')
      .evaluateAll((inputs) => [...new Set(inputs.map((input) => input.getAttribute('name') ?? ''))]);
    for (const name of names) {
      await page
        .locator(`label[for="${await page.locator(`input[name="${name}"][value="4"]`).getAttribute('id')}"]`)
        .click();
    }
    await page
      .getByLabel('Que devrait continuer à faire cette personne')
      .fill('Des revues d’affaires très claires.');
    await page.getByRole('button', { name: 'Envoyer mes réponses' }).click();
    await page.getByRole('heading', { level: 1, name: 'Merci, vos réponses sont enregistrées' }).waitFor();
    expect(errors).toEqual([]);

    const request = await fixture.requestOf(invitation);
    expect(request.answers?.comments.keep).toBe('Des revues d’affaires très claires.');
    expect(request.commentLocale).toBe('fr');
    expect(request.questionnaireWording).toBe('v1-fr-1');
  });

  it('lays the self-assessment out as a matrix at 1280 px: one row per statement, within the height target', async () => {
    // A self-assessment nobody has answered yet (no "we have your answers" notice): GET only.
    const invitation = fixture.take({ group: 'self' });
    const context = await openBrowser({ viewport: { width: 1280, height: 900 } });
    const page = context.pages()[0] ?? (await context.newPage());
    for (const lang of ['en', 'de', 'fr', 'es', 'ja']) {
      await page.goto(`${invitation.url}?lang=${lang}`);
      const rows = await page.locator('fieldset').evaluateAll((fieldsets) =>
        fieldsets.map((fieldset) => {
          const tops = [...fieldset.querySelectorAll('input[type="radio"]')].map((input) =>
            Math.round(input.getBoundingClientRect().top),
          );
          const legend = fieldset.querySelector('legend')!.getBoundingClientRect();
          const first = fieldset.querySelector('input[type="radio"]')!.getBoundingClientRect();
          return {
            radios: tops.length,
            rowsOfRadios: new Set(tops).size,
            legendLeftOfRadios: legend.right <= first.left,
          };
        }),
      );
      expect(rows).toHaveLength(13);
      for (const row of rows) expect(row).toEqual({ radios: 6, rowsOfRadios: 1, legendLeftOfRadios: true });
      // The column headers are shown once per section, and line up with the radios below them.
      const heads = await page
        .locator('.scale-head')
        .evaluateAll((heads) => heads.map((h) => h.getBoundingClientRect().height > 0));
      expect(heads).toEqual([true, true]);
      const height = await page.evaluate<number>('document.documentElement.scrollHeight');
      console.log(
        `self-assessment at 1280 px (${lang}): ${height} px tall (target ≤ ${SELF_ASSESSMENT_MAX_HEIGHT} px)`,
      );
      expect(height).toBeLessThanOrEqual(SELF_ASSESSMENT_MAX_HEIGHT);
      expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(1280);
    }
  });

  it('keeps the answers stacked on a phone: one option per line, the column headers hidden', async () => {
    const invitation = fixture.invitation({ group: 'self' });
    const context = await openBrowser({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(`${invitation.url}?lang=de`);
    const rows = await page
      .locator('fieldset')
      .evaluateAll((fieldsets) =>
        fieldsets.map(
          (fieldset) =>
            new Set(
              [...fieldset.querySelectorAll('label.option')].map((l) =>
                Math.round(l.getBoundingClientRect().top),
              ),
            ).size,
        ),
      );
    expect(rows.every((distinct) => distinct === 6)).toBe(true);
    expect(
      await page
        .locator('.scale-head')
        .evaluateAll((heads) => heads.every((h) => h.getBoundingClientRect().height === 0)),
    ).toBe(true);
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    const height = await page.evaluate<number>('document.documentElement.scrollHeight');
    console.log(`self-assessment at 390 px (de): ${height} px tall`);
  });

  it.each([
    ['en', 1280],
    ['en', 390],
    ['de', 1280],
    ['de', 390],
    ['ja', 1280],
    ['ja', 390],
  ] as const)('has no serious or critical axe violation (%s, %i px)', async (lang, width) => {
    const invitation = fixture.invitation({ group: 'coachee' });
    const phone = width < 700;
    const context = await openBrowser({
      viewport: { width, height: phone ? 844 : 900 },
      ...(phone ? { isMobile: true, hasTouch: true } : {}),
    });
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(`${invitation.url}?lang=${lang}`);
    expect(await axeViolations(page)).toEqual([]);
    // The page with its problems named (a 400) is checked too.
    // Without the browser's own required-field check, the server names the problems (400).
    await page.locator('form').evaluate((form) => form.setAttribute('novalidate', ''));
    await page.locator('button[value="submit"]').click();
    await page.locator('#error-summary').waitFor();
    expect(await axeViolations(page)).toEqual([]);
  });
});
