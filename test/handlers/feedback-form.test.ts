/**
 * The feedback form handler over the wire: real links from real invitation emails, requests made
 * with fetch through the local HTTP API, state read back from dynalite with the stores.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Person, RaterGroup } from '../../functions/core/model.ts';
import type { RequestItem } from '../../functions/shared/store/items.ts';
import { catalogFunction, invokeLambda } from '../../local/lambda.ts';
import { type CycleFixture, type Invitation, startCycleFixture } from '../support/cycle-fixture.ts';
import {
  answerEntries,
  checkedRadios,
  competencyIds,
  expectedRatings,
  type FormEntries,
  getPage,
  type PageResponse,
  postForm,
  RATING_VALUES,
  radioGroups,
  textareaContent,
} from '../support/form.ts';
import { setRaterLanguage } from '../support/rater-language.ts';

/** A leader whose roster name carries markup; the roster accepts it (it is only text). */
const HOSTILE_LEADER = 'north-csl2';
const HOSTILE_NAME = 'Rae <script>alert("x")</script> & "Co"';
const HOSTILE_ESCAPED = 'Rae &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;Co&quot;';

let fixture: CycleFixture;

/** HTML text escaping, written out here so the test does not trust the code under test. */
const escapeText = (text: string) =>
  text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');

beforeAll(async () => {
  fixture = await startCycleFixture({
    teams: 1,
    deadlineSeconds: 900,
    editPeople: (people: Person[]) =>
      people.map((p) => (p.personId === HOSTILE_LEADER ? { ...p, name: HOSTILE_NAME } : p)),
  });
});

afterAll(async () => {
  await fixture?.close();
});

function expectSecurityHeaders(response: PageResponse): void {
  const { headers } = response;
  expect(headers.get('content-type')).toBe('text/html; charset=utf-8');
  expect(headers.get('referrer-policy')).toBe('no-referrer');
  expect(headers.get('x-content-type-options')).toBe('nosniff');
  expect(headers.get('cache-control')).toBe('no-store');
  const csp = new Map(
    (headers.get('content-security-policy') ?? '')
      .split(';')
      .map((directive) => directive.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...values]) => [name!, values]),
  );
  expect(csp.get('default-src')).toEqual(["'none'"]);
  expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
  expect(csp.get('form-action')).toEqual(["'self'"]);
  expect(csp.get('base-uri')).toEqual(["'none'"]);
  // No script may run: no script-src loosening default-src 'none'.
  expect(csp.has('script-src')).toBe(false);
}

async function doneCount(): Promise<number> {
  return (await fixture.cycle()).doneCount;
}

/** Runs `act` and checks that neither the request nor the cycle's done counter changed. */
async function expectNothingStored(invitation: Invitation, act: () => Promise<void>): Promise<void> {
  const request = await fixture.requestOf(invitation);
  const done = await doneCount();
  await act();
  expect(await fixture.requestOf(invitation)).toEqual(request);
  expect(await doneCount()).toBe(done);
}

describe('GET /feedback/{token}', () => {
  it.each<RaterGroup>(['self', 'manager', 'coachee', 'peer'])(
    'renders the form with the radio groups asked of a %s',
    async (group) => {
      const invitation = fixture.invitation({ group, leaderId: 'north-csl1' });
      const page = await getPage(invitation.url);

      expect(page.status).toBe(200);
      expectSecurityHeaders(page);
      const groups = radioGroups(page.body);
      expect([...groups.keys()].sort()).toEqual(
        competencyIds(group)
          .map((id) => `rating.${id}`)
          .sort(),
      );
      for (const values of groups.values()) expect(values).toEqual([...RATING_VALUES]);
      expect(textareaContent(page.body, 'comment.keep')).toBe('');
      expect(textareaContent(page.body, 'comment.change')).toBe('');
      expect(page.body).toContain(`<form method="post" action="${new URL(invitation.url).pathname}"`);
      expect(page.body).toMatch(/<button type="submit" name="action" value="submit"/);
      expect(page.body).toMatch(/<button type="submit" name="action" value="decline"/);
      expect(page.body).not.toMatch(/<script/i);
      const leader = fixture.people.find((p) => p.personId === 'north-csl1')!;
      expect(page.body).toContain(
        group === 'self' ? 'Your self-assessment' : `Feedback for ${escapeText(leader.name)}`,
      );
    },
  );

  it('gives each group a different set of questions (peers are not asked about hiring)', async () => {
    const peer = radioGroups((await getPage(fixture.invitation({ group: 'peer' }).url)).body);
    const manager = radioGroups((await getPage(fixture.invitation({ group: 'manager' }).url)).body);
    expect(peer.has('rating.hiring')).toBe(false);
    expect(manager.has('rating.hiring')).toBe(true);
    expect(manager.has('rating.knowledge-transfer')).toBe(false);
  });

  it('does not change state (mail scanners follow links)', async () => {
    const invitation = fixture.take({ group: 'coachee' });
    await expectNothingStored(invitation, async () => {
      for (let i = 0; i < 3; i++) expect((await getPage(invitation.url)).status).toBe(200);
    });
    const request = await fixture.requestOf(invitation);
    expect(request.status).toBe('sent');
    expect(request.answers).toBeUndefined();
    expect(request.saves).toBeUndefined();
  });

  it('shows a leader name from the roster escaped, never as markup', async () => {
    const invitation = fixture.invitation({ leaderId: HOSTILE_LEADER, group: 'coachee' });
    const page = await getPage(invitation.url);
    expect(page.status).toBe(200);
    expect(page.body).toContain(`Feedback for ${HOSTILE_ESCAPED}`);
    expect(page.body).not.toContain('<script');
    expect(page.body).not.toContain('alert("x")');
    // The invitation email's HTML part escapes it too.
    expect(invitation.email.body.html).toContain(HOSTILE_ESCAPED);
    expect(invitation.email.body.html).not.toContain('<script');
  });
});

describe('POST /feedback/{token}', () => {
  it('stores valid answers, says thank you and counts the request as done', async () => {
    const invitation = fixture.take({ group: 'coachee' });
    const entries = answerEntries('coachee', {
      keep: 'Great deal reviews.\r\nAlways prepared — merci!',
      change: '  More 1:1s  ',
    });
    const done = await doneCount();

    const response = await postForm(
      invitation.url,
      entries,
      'application/x-www-form-urlencoded;charset=UTF-8',
    );

    expect(response.status).toBe(200);
    expectSecurityHeaders(response);
    expect(response.body).toContain('Thank you, your answers are saved');
    const request = await fixture.requestOf(invitation);
    expect(request.status).toBe('answered');
    expect(request.answers).toEqual({
      ratings: expectedRatings(entries),
      comments: { keep: 'Great deal reviews.\nAlways prepared — merci!', change: 'More 1:1s' },
    });
    expect(request.saves).toBe(1);
    expect(request.respondedAt).toBeDefined();
    expect(await doneCount()).toBe(done + 1);
  });

  it('replaces the answers on a second POST but counts the request once', async () => {
    const invitation = fixture.take({ group: 'manager' });
    const first = answerEntries('manager', { shift: 0, keep: 'first' });
    const second = answerEntries('manager', { shift: 3, change: 'second' });
    expect(expectedRatings(second)).not.toEqual(expectedRatings(first));
    const done = await doneCount();

    expect((await postForm(invitation.url, first)).status).toBe(200);
    expect(await doneCount()).toBe(done + 1);
    expect((await postForm(invitation.url, second)).status).toBe(200);

    const request = await fixture.requestOf(invitation);
    expect(request.answers).toEqual({
      ratings: expectedRatings(second),
      comments: { keep: '', change: 'second' },
    });
    expect(request.saves).toBe(2);
    expect(await doneCount()).toBe(done + 1);

    // The form shows the stored answers for editing.
    const page = await getPage(invitation.url);
    expect(page.body).toContain('We have your answers.');
    expect(checkedRadios(page.body)).toEqual(
      Object.fromEntries(second.filter(([name]) => name.startsWith('rating.'))),
    );
    expect(textareaContent(page.body, 'comment.change')).toBe('second');
  });

  it('counts two simultaneous first answers once', async () => {
    const invitation = fixture.take({ group: 'coachee' });
    const done = await doneCount();
    const responses = await Promise.all([
      postForm(invitation.url, answerEntries('coachee', { shift: 1 })),
      postForm(invitation.url, answerEntries('coachee', { shift: 2 })),
    ]);
    expect(responses.map((r) => r.status)).toEqual([200, 200]);
    expect((await fixture.requestOf(invitation)).saves).toBe(2);
    expect(await doneCount()).toBe(done + 1);
  });

  it('answers 400 for a missing rating, names it, shows the other values again and stores nothing', async () => {
    const invitation = fixture.take({ group: 'peer' });
    const entries = answerEntries('peer', {
      keep: 'Keeps calm',
      change: 'More <b>demos</b> & "focus"',
    }).filter(([name]) => name !== 'rating.firefighting');
    let response!: PageResponse;
    await expectNothingStored(invitation, async () => {
      response = await postForm(invitation.url, entries);
    });

    expect(response.status).toBe(400);
    expectSecurityHeaders(response);
    expect(response.body).toContain('There is a problem');
    expect(response.body).toContain('Choose a rating for &quot;Firefighting&quot;');
    expect(response.body).toMatch(/name="rating\.firefighting" value="1" required aria-invalid="true"/);
    expect(checkedRadios(response.body)).toEqual(
      Object.fromEntries(entries.filter(([name]) => name.startsWith('rating.'))),
    );
    expect(textareaContent(response.body, 'comment.keep')).toBe('Keeps calm');
    expect(textareaContent(response.body, 'comment.change')).toBe(
      'More &lt;b&gt;demos&lt;/b&gt; &amp; &quot;focus&quot;',
    );
    expect((await fixture.requestOf(invitation)).status).toBe('sent');
  });

  describe('answers 400 and stores nothing for', () => {
    let invitation: Invitation;
    beforeAll(() => {
      invitation = fixture.take({ group: 'peer' });
    });
    const valid = () => answerEntries('peer', { keep: 'ok' });
    const replace = (entries: FormEntries, name: string, value: string): FormEntries =>
      entries.map(([n, v]) => [n, n === name ? value : v]);

    it.each<[string, () => FormEntries, string]>([
      [
        'a rating above 5',
        () => replace(valid(), 'rating.knowledge-transfer', '6'),
        'Choose a rating for &quot;Knowledge transfer&quot;',
      ],
      [
        'a rating of 0',
        () => replace(valid(), 'rating.deal-strategy', '0'),
        'Choose a rating for &quot;Deal strategy&quot;',
      ],
      [
        'a rating that is not a number',
        () => replace(valid(), 'rating.stand-in', '4.5'),
        'Choose a rating for &quot;Standing in&quot;',
      ],
      [
        'a rating of a competency not asked of the group',
        () => [...valid(), ['rating.hiring', '4']],
        '&quot;Hiring&quot; is not asked of peers',
      ],
      [
        'a rating of an unknown competency',
        () => [...valid(), ['rating.charisma', '5']],
        '&quot;rating.charisma&quot; is not a question of this form',
      ],
      [
        'a duplicated rating field',
        () => [...valid(), ['rating.firefighting', '2']],
        '&quot;Firefighting&quot; was answered more than once',
      ],
      [
        'a duplicated comment field',
        () => [...valid(), ['comment.keep', 'again']],
        'was sent more than once',
      ],
      [
        'a comment over 2,000 characters',
        () => replace(valid(), 'comment.change', 'é'.repeat(2001)),
        'is too long: 2,001 characters',
      ],
    ])('%s', async (_case, entries, message) => {
      let response!: PageResponse;
      await expectNothingStored(invitation, async () => {
        response = await postForm(invitation.url, entries());
      });
      expect(response.status).toBe(400);
      expectSecurityHeaders(response);
      expect(response.body).toContain(message);
      expect((await fixture.requestOf(invitation)).status).toBe('sent');
    });
  });

  it('records a decline (200), counts it once, and lets the rater answer afterwards', async () => {
    const invitation = fixture.take({ group: 'peer' });
    const done = await doneCount();

    const response = await postForm(invitation.url, [['action', 'decline']]);
    expect(response.status).toBe(200);
    expect(response.body).toContain('Thank you for letting us know');
    let request = await fixture.requestOf(invitation);
    expect(request.status).toBe('declined');
    expect(request.answers).toBeUndefined();
    expect(await doneCount()).toBe(done + 1);

    expect((await postForm(invitation.url, [['action', 'decline']])).status).toBe(200);
    expect(await doneCount()).toBe(done + 1);
    expect((await getPage(invitation.url)).body).toContain('You told us you can');

    const entries = answerEntries('peer');
    expect((await postForm(invitation.url, entries)).status).toBe(200);
    request = await fixture.requestOf(invitation);
    expect(request.status).toBe('answered');
    expect(request.answers?.ratings).toEqual(expectedRatings(entries));
    expect(await doneCount()).toBe(done + 1);
  });

  it('declines with the decline button even when ratings were filled in (and drops them)', async () => {
    const invitation = fixture.take({ group: 'coachee' });
    const done = await doneCount();
    expect((await postForm(invitation.url, answerEntries('coachee'))).status).toBe(200);
    const entries = answerEntries('coachee').map(([n, v]): [string, string] =>
      n === 'action' ? [n, 'decline'] : [n, v],
    );
    expect((await postForm(invitation.url, entries)).status).toBe(200);
    const request = await fixture.requestOf(invitation);
    expect(request.status).toBe('declined');
    expect(request.answers).toBeUndefined();
    expect(await doneCount()).toBe(done + 1);
  });

  describe('body size', () => {
    const LIMIT = 32 * 1024;
    const padded = (size: number): string => {
      const base = new URLSearchParams(answerEntries('coachee', { keep: 'padded' })).toString();
      const prefix = `${base}&padding=`;
      return prefix + 'x'.repeat(size - prefix.length);
    };

    it('answers 413 above 32 KiB and stores nothing; exactly 32 KiB is accepted', async () => {
      const invitation = fixture.take({ group: 'coachee' });
      let response!: PageResponse;
      await expectNothingStored(invitation, async () => {
        response = await postForm(invitation.url, padded(LIMIT + 1));
      });
      expect(response.status).toBe(413);
      expectSecurityHeaders(response);
      expect(response.body).toContain('too large');

      // The limit is the handler's, not a much lower one: an honest body at the limit is stored.
      expect((await postForm(invitation.url, padded(LIMIT))).status).toBe(200);
      expect((await fixture.requestOf(invitation)).answers?.comments.keep).toBe('padded');
    });
  });

  describe('content type', () => {
    let invitation: Invitation;
    beforeAll(() => {
      invitation = fixture.take({ group: 'coachee' });
    });

    it.each<[string, string | null, () => string]>([
      ['text/plain', 'text/plain', () => new URLSearchParams(answerEntries('coachee')).toString()],
      [
        'application/json',
        'application/json',
        () => JSON.stringify(Object.fromEntries(answerEntries('coachee'))),
      ],
      [
        'multipart/form-data',
        'multipart/form-data; boundary=x',
        () => '--x\r\nContent-Disposition: form-data; name="action"\r\n\r\ndecline\r\n--x--\r\n',
      ],
      ['no content type', null, () => new URLSearchParams(answerEntries('coachee')).toString()],
    ])('answers 415 for %s and stores nothing', async (_case, contentType, body) => {
      let response!: PageResponse;
      await expectNothingStored(invitation, async () => {
        response = await postForm(invitation.url, body(), contentType);
      });
      expect(response.status).toBe(415);
      expectSecurityHeaders(response);
    });
  });

  it('thanks a leader for their self-assessment in their own terms', async () => {
    const invitation = fixture.take({ group: 'self' });
    const leader = fixture.people.find((p) => p.personId === invitation.leaderId)!;
    const answered = await postForm(invitation.url, answerEntries('self'));
    expect(answered.status).toBe(200);
    expect(answered.body).toContain('Your self-assessment will appear in your development report');
    expect(answered.body).not.toContain(`Your feedback for ${escapeText(leader.name)}`);
    const declined = await postForm(invitation.url, [['action', 'decline']]);
    expect(declined.status).toBe(200);
    expect(declined.body).toContain("We have noted that you won't do a self-assessment");
  });

  it('shows the escaped leader name on the thank-you page', async () => {
    const invitation = fixture.take({ group: 'peer', leaderId: HOSTILE_LEADER });
    const response = await postForm(invitation.url, answerEntries('peer'));
    expect(response.status).toBe(200);
    expect(response.body).toContain(HOSTILE_ESCAPED);
    expect(response.body).not.toContain('<script');
  });
});

const langOf = (body: string) => /<html lang="([^"]*)"/.exec(body)?.[1];

/** Set-Cookie attributes of the language cookie, or undefined when none is set. */
function languageCookie(response: PageResponse): Map<string, string> | undefined {
  const header = response.headers.getSetCookie().find((cookie) => cookie.startsWith('ladder_lang='));
  if (!header) return undefined;
  return new Map(
    header.split(';').map((part) => {
      const [name, ...value] = part.trim().split('=');
      return [name!.toLowerCase(), value.join('=')];
    }),
  );
}

describe('languages', () => {
  it('serves a de rater the form in German, with lang="de" and the deadline in their time zone', async () => {
    const invitation = fixture.take({ group: 'peer' });
    await setRaterLanguage(invitation, 'de', 'Europe/Berlin');
    const page = await getPage(invitation.url);
    expect(page.status).toBe(200);
    expect(langOf(page.body)).toBe('de');
    expect(page.body).toContain('<h1>Feedback für ');
    expect(page.body).toContain('Trifft voll und ganz zu');
    expect(page.body).toContain('Antworten senden');
    expect(page.body).toMatch(
      /Bitte antworten Sie bis <strong>[^<]*(?:MEZ|Mitteleuropäische)[^<]*<\/strong>/,
    );
    expect(page.body).not.toContain('Send my answers');
    expect(languageCookie(page)).toBeUndefined();
  });

  it('switches language with ?lang=, remembers it in a cookie for the feedback links and stores nothing', async () => {
    const invitation = fixture.take({ group: 'coachee' });
    await setRaterLanguage(invitation, 'de', 'Europe/Berlin');
    let page!: PageResponse;
    await expectNothingStored(invitation, async () => {
      page = await getPage(`${invitation.url}?lang=fr`);
    });
    expect(page.status).toBe(200);
    expect(langOf(page.body)).toBe('fr');
    expect(page.body).toContain('Envoyer mes réponses');
    const cookie = languageCookie(page)!;
    expect(cookie.get('ladder_lang')).toBe('fr');
    expect(cookie.get('path')).toBe('/feedback');
    expect(cookie.has('httponly')).toBe(true);
    expect(cookie.get('samesite')).toBe('Lax');
    expect(Number(cookie.get('max-age'))).toBeGreaterThan(0);
    // Plain HTTP on this machine; behind API Gateway (HTTPS) the cookie is Secure.
    expect(cookie.has('secure')).toBe(false);
    const https = await getPage(`${invitation.url}?lang=fr`, { 'x-forwarded-proto': 'https' });
    expect(languageCookie(https)!.has('secure')).toBe(true);

    // The browser sends the cookie back: the choice holds without ?lang.
    const again = await getPage(invitation.url, { cookie: 'ladder_lang=fr' });
    expect(langOf(again.body)).toBe('fr');
    expect(languageCookie(again)).toBeUndefined();
    // A language not shipped, or nonsense, changes nothing.
    const unknown = await getPage(`${invitation.url}?lang=xx`);
    expect(langOf(unknown.body)).toBe('de');
    expect(languageCookie(unknown)).toBeUndefined();
  });

  it('answers in the language the form was posted in and stores the comments as written, with it', async () => {
    const invitation = fixture.take({ group: 'coachee' });
    await setRaterLanguage(invitation, 'de', 'Europe/Berlin');
    const entries = answerEntries('coachee', { keep: 'Sus revisiones de oportunidades — ¡geniales!' });
    const response = await postForm(invitation.url, [...entries, ['lang', 'es']]);
    expect(response.status).toBe(200);
    expect(langOf(response.body)).toBe('es');
    expect(response.body).toContain('Gracias, sus respuestas se han guardado');
    const request = await fixture.requestOf(invitation);
    expect(request.answers?.comments.keep).toBe('Sus revisiones de oportunidades — ¡geniales!');
    expect(request.commentLocale).toBe('es');
    expect(request.questionnaireWording).toBe('v1-es-1');

    // Saved again from the German form: the comments are now German, and so is their language.
    await postForm(invitation.url, answerEntries('coachee', { keep: 'Tolle Deal-Reviews' }));
    const edited = await fixture.requestOf(invitation);
    expect(edited.commentLocale).toBe('de');
    expect(edited.questionnaireWording).toBe('v1-de-1');
    // A decline keeps no answers, so no language for them either.
    await postForm(invitation.url, [['action', 'decline']]);
    const declined = await fixture.requestOf(invitation);
    expect(declined.commentLocale).toBeUndefined();
    expect(declined.questionnaireWording).toBeUndefined();
  });

  it('names the problems of a German form in German, with the German labels, and stores nothing', async () => {
    const invitation = fixture.take({ group: 'peer' });
    await setRaterLanguage(invitation, 'de', 'Europe/Berlin');
    const entries = answerEntries('peer').filter(([name]) => name !== 'rating.firefighting');
    let response!: PageResponse;
    await expectNothingStored(invitation, async () => {
      response = await postForm(invitation.url, [...entries, ['lang', 'de']]);
    });
    expect(response.status).toBe(400);
    expect(langOf(response.body)).toBe('de');
    expect(response.body).toContain('Bitte prüfen Sie Ihre Angaben');
    expect(response.body).toContain(
      'Wählen Sie eine Bewertung für „Krisenfestigkeit“ (1–5 oder Nicht beobachtet).',
    );
  });

  it('shows an unknown link’s page in the browser’s language, or the one chosen before', async () => {
    const url = `${fixture.runtime.endpoints.api}/feedback/${randomBytes(32).toString('base64url')}`;
    const german = await getPage(url, { 'accept-language': 'pt-BR, de-AT;q=0.8, en;q=0.5' });
    expect(german.status).toBe(404);
    expect(langOf(german.body)).toBe('de');
    expect(german.body).toContain('Seite nicht gefunden');
    const japanese = await getPage(url, { 'accept-language': 'de', cookie: 'ladder_lang=ja' });
    expect(langOf(japanese.body)).toBe('ja');
    expect(langOf((await getPage(url)).body)).toBe('en');
  });

  it('invites in the organisation’s language when the roster names none (English by default)', () => {
    // A coachee (a salesperson: no self-assessment of their own, so no "Your … self-assessment").
    const invitation = fixture.invitation({ group: 'coachee' });
    expect(invitation.email.body.html).toMatch(/<html lang="en">/);
    expect(invitation.email.subject).toMatch(/^Please give feedback on /);
  });
});

describe('links that lead nowhere', () => {
  const base = () => `${fixture.runtime.endpoints.api}/feedback/`;

  it('answers 404 for an unknown, well-formed token without echoing it', async () => {
    const token = randomBytes(32).toString('base64url');
    expect(token).toHaveLength(43);
    const get = await getPage(base() + token);
    expect(get.status).toBe(404);
    expectSecurityHeaders(get);
    expect(get.body).toContain('Page not found');
    expect(get.body).not.toContain(token);
    const post = await postForm(base() + token, answerEntries('peer'));
    expect(post.status).toBe(404);
    expect(post.body).not.toContain(token);
  });

  it.each([
    ['too short', 'abc'],
    ['42 characters', 'A'.repeat(42)],
    ['44 characters', 'A'.repeat(44)],
    ['a character outside base64url', `${'A'.repeat(42)}.`],
    ['an encoded slash', `${'A'.repeat(41)}%2F`],
  ])('answers 404 for a malformed token (%s)', async (_case, token) => {
    const get = await getPage(base() + token);
    expect(get.status).toBe(404);
    expect(get.body).toContain('Page not found');
    expect((await postForm(base() + token, [['action', 'decline']])).status).toBe(404);
  });

  it('answers 404 for a real token with one character changed', async () => {
    const { token } = fixture.invitation({ group: 'self' });
    const changed = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    expect((await getPage(base() + changed)).status).toBe(404);
  });
});

describe('after the cycle is closed', () => {
  it('answers 410 to GET and POST and stores nothing', async () => {
    const other = await fixture.openCycle({ quarter: '2024-Q2', deadlineSeconds: 900 });
    const answerLater = other.take({ group: 'coachee' });
    const answered = other.take({ group: 'peer' });
    const entries = answerEntries('peer', { keep: 'before closing' });
    expect((await postForm(answered.url, entries)).status).toBe(200);

    await invokeLambda(catalogFunction('CloseCycle'), { quarter: other.quarter });
    expect((await fixture.cycle(other.quarter)).status).toBe('closed');

    // One rater reads Japanese: the closed page says so in Japanese.
    await setRaterLanguage(answerLater, 'ja', 'Asia/Tokyo');
    for (const invitation of [answerLater, answered]) {
      const closed = invitation === answerLater ? 'この評価は締め切られました' : 'This review is closed';
      const before: RequestItem = await fixture.requestOf(invitation);
      const get = await getPage(invitation.url);
      expect(get.status).toBe(410);
      expectSecurityHeaders(get);
      expect(get.body).toContain(closed);
      const post = await postForm(invitation.url, answerEntries(invitation.group, { shift: 4 }));
      expect(post.status).toBe(410);
      expect(post.body).toContain(closed);
      expect((await postForm(invitation.url, [['action', 'decline']])).status).toBe(410);
      expect(await fixture.requestOf(invitation)).toEqual(before);
    }
    expect((await fixture.requestOf(answered)).answers?.comments.keep).toBe('before closing');
    expect((await fixture.requestOf(answerLater)).status).toBe('sent');
    expect((await fixture.cycle(other.quarter)).doneCount).toBe(1);

    // The other quarter's links still work.
    expect((await getPage(fixture.invitation({ group: 'self' }).url)).status).toBe(200);
  });
});
