/**
 * Choosing a language (BCP 47 best fit against the five shipped catalogues) and formatting for it:
 * the localiser's escaping, its dates in the person's time zone with the zone named, numbers.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PAGE_MESSAGES, RATER_EMAIL_MESSAGES } from '../../functions/i18n/catalogues.ts';
import {
  acceptLanguage,
  canonicalTag,
  formattingLocale,
  LOCALES,
  matchLocale,
  negotiateLocale,
} from '../../functions/i18n/locales.ts';
import { localiser } from '../../functions/i18n/localiser.ts';
import { organisationDefaults } from '../../functions/i18n/organisation.ts';
import { SafeHtml } from '../../functions/rendering/html.ts';

describe('negotiateLocale', () => {
  it.each([
    [['de-AT'], 'de'],
    [['de_CH'], 'de'],
    [['DE'], 'de'],
    [['ja-JP'], 'ja'],
    [['fr-CA'], 'fr'],
    [['es-419'], 'es'],
    [['en-US'], 'en'],
    [['de_DE.UTF-8'], 'de'],
    [['pt-BR', 'es'], 'es'],
    [['xx', 'not a tag', '', null, undefined, 'fr'], 'fr'],
    [['pt-BR'], 'en'],
    [[], 'en'],
  ] as const)('%j → %s', (preferences, expected) => {
    expect(negotiateLocale(preferences)).toBe(expected);
  });

  it('falls back from the person to the organisation, then to English', () => {
    expect(negotiateLocale([undefined, 'ja'])).toBe('ja');
    expect(negotiateLocale(['it-IT', 'de-AT'])).toBe('de');
  });

  it('always answers a shipped language, whatever it is given', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string(), fc.constantFrom(...LOCALES))), (preferences) => {
        expect(LOCALES).toContain(negotiateLocale(preferences));
      }),
    );
  });

  it('picks the first preference a shipped language serves, whatever region or script follows', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...LOCALES),
        fc.constantFrom('', '-AT', '-US', '-JP', '-Latn', '-419', '-u-ca-buddhist'),
        (language, suffix) => {
          expect(matchLocale(`${language}${suffix}`)).toBe(language);
          expect(negotiateLocale(['zz', `${language}${suffix}`, 'en'])).toBe(language);
        },
      ),
    );
  });
});

describe('acceptLanguage', () => {
  it('orders by q, then by position, and drops q=0', () => {
    expect(acceptLanguage('fr-CH, fr;q=0.9, en;q=0.8, de;q=0.7, *;q=0.5')).toEqual([
      'fr-CH',
      'fr',
      'en',
      'de',
      '*',
    ]);
    expect(acceptLanguage('de;q=0.5, ja, en;q=0')).toEqual(['ja', 'de']);
    expect(acceptLanguage(undefined)).toEqual([]);
    expect(negotiateLocale(acceptLanguage('*;q=0.5, pt-BR, ja;q=0.1'))).toBe('ja');
  });
});

describe('formattingLocale', () => {
  it('keeps a regional variant of the language shown, and formats plain English as en-GB', () => {
    expect(formattingLocale('de', 'de-AT')).toBe('de-AT');
    expect(formattingLocale('en', 'en-US')).toBe('en-US');
    expect(formattingLocale('en', 'en')).toBe('en-GB');
    expect(formattingLocale('en', 'de-AT')).toBe('en-GB');
    expect(formattingLocale('ja')).toBe('ja');
    expect(canonicalTag('en_us')).toBe('en-US');
  });
});

describe('localiser', () => {
  const deadline = '2026-12-24T16:00:00Z';

  it('shows a deadline in the person’s time zone and names the zone', () => {
    expect(localiser(PAGE_MESSAGES, 'en', 'UTC').deadline(deadline)).toBe(
      'Thursday, 24 December 2026 at 16:00 UTC',
    );
    expect(localiser(PAGE_MESSAGES, 'de', 'Europe/Berlin').deadline(deadline)).toBe(
      'Donnerstag, 24. Dezember 2026 um 17:00 Mitteleuropäische Zeit',
    );
    expect(localiser(PAGE_MESSAGES, 'en-US', 'America/New_York').deadline(deadline)).toBe(
      'Thursday, December 24, 2026 at 11:00 AM Eastern Time',
    );
    // In Tokyo the deadline is already the next day.
    const tokyo = localiser(PAGE_MESSAGES, 'ja', 'Asia/Tokyo').deadline(deadline);
    expect(tokyo).toMatch(/^2026年12月25日金曜日 1:00 /);
    expect(tokyo).toContain('日本標準時');
    expect(localiser(PAGE_MESSAGES, 'fr', 'Europe/Paris').shortDate(deadline)).toBe('24 déc.');
  });

  it('falls back to UTC for an unknown zone and leaves an unparseable date as given', () => {
    const l = localiser(PAGE_MESSAGES, 'en', 'Mars/Olympus_Mons');
    expect(l.timeZone).toBe('UTC');
    expect(l.deadline('soon')).toBe('soon');
  });

  it('formats numbers the language’s way', () => {
    expect(localiser(PAGE_MESSAGES, 'de').mean(3.456)).toBe('3,5');
    expect(localiser(PAGE_MESSAGES, 'en').mean(3)).toBe('3.0');
    expect(localiser(PAGE_MESSAGES, 'fr').mean(null)).toBe('—');
    expect(localiser(PAGE_MESSAGES, 'fr').text('form.commentHint.self', { max: 2000 })).toBe(
      'Facultatif, 2\u202f000 caractères au maximum.',
    );
    expect(localiser(PAGE_MESSAGES, 'de').percent(0.75)).toBe('75\u00a0%');
  });

  it('escapes every value in HTML, keeps the message’s own markup, and never escapes text twice', () => {
    const l = localiser(PAGE_MESSAGES, 'en');
    const out = l.html('form.privacy.anonymous', { leader: '<b>Rae</b> & "Co"', minimum: 3 }).toString();
    expect(out).toMatch(
      /^<strong>Your answers are anonymous\.<\/strong> &lt;b&gt;Rae&lt;\/b&gt; &amp; &quot;Co&quot; only sees/,
    );
    expect(out).toContain("coachees' and peers'");
    expect(out).toContain('at least 3 people');
    // Markup already safe is inserted as is.
    expect(l.html('form.title.other', { leader: new SafeHtml('<em>x</em>') }).toString()).toBe(
      'Feedback for <em>x</em>',
    );
    // The text form inserts values as written and drops the tags.
    expect(l.text('form.state.answered', { deadline: '<soon>' })).toBe(
      'We have your answers. You can change them until <soon>: edit them below and send them again.',
    );
  });

  it('chooses select and plural branches from values that are printed escaped elsewhere', () => {
    const l = localiser(RATER_EMAIL_MESSAGES, 'en');
    expect(l.html('rater.relation', { leader: 'A&B', group: 'peer' }).toString()).toBe(
      'A&amp;B is a colleague of yours',
    );
    expect(l.html('rater.relation', { leader: 'A&B', group: 'manager' }).toString()).toBe(
      "you are A&amp;B's manager",
    );
    expect(l.html('rater.people.more', { first: 'A&B', second: '<C>', count: 3 }).toString()).toBe(
      'A&amp;B, &lt;C&gt; and 3 others',
    );
    expect(l.html('rater.opening.reminder', { count: 1 }).toString()).toBe(
      "This is a reminder: we haven't received your answers for the form below yet.",
    );
    expect(l.html('rater.opening.reminder', { count: 2 }).toString()).toBe(
      "This is a reminder: we haven't received your answers for these 2 forms yet.",
    );
    expect(
      localiser(PAGE_MESSAGES, 'en').text('form.privacy.anonymous', { leader: 'A', minimum: 1 }),
    ).toContain('at least 1 person;');
  });

  it('uses the configured organisation language and zone, or English and UTC', () => {
    expect(organisationDefaults({})).toEqual({ locale: 'en', timeZone: 'UTC' });
    expect(organisationDefaults({ locale: 'de-AT', timeZone: 'Europe/Vienna' })).toEqual({
      locale: 'de-AT',
      timeZone: 'Europe/Vienna',
    });
    expect(organisationDefaults({ locale: 'fr', timeZone: 'Nowhere/Town' }).timeZone).toBe('UTC');
  });
});
