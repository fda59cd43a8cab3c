/**
 * HTML and script in names, teams, comments and posted field names never become markup in the form
 * pages, the emails or the reports. Property: rendering with an arbitrary hostile string produces
 * exactly as many markup characters (`<`, `>`, `"`, `'`) as rendering with a harmless word — the
 * user's text adds none — and the text shows up escaped. Subjects stay on one line. Every renderer
 * in every shipped language (translations are trusted templates; what goes into them is not).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LeaderReport } from '../../functions/core/model.ts';
import { competenciesFor, QUESTIONNAIRE_V1 } from '../../functions/core/questionnaire.ts';
import { LOCALES, type Locale } from '../../functions/i18n/locales.ts';
import { localisedQuestionnaire } from '../../functions/i18n/questionnaire.ts';
import { renderRaterEmail } from '../../functions/rendering/emails.ts';
import { renderFormPage, renderThanksPage } from '../../functions/rendering/pages.ts';
import {
  renderHrSummaryEmail,
  renderLeaderReportEmail,
  renderManagerSummaryEmail,
} from '../../functions/rendering/report-emails.ts';

/** Names and comments with control characters are refused before rendering (roster, form). */
const withoutControlCharacters = (text: string) =>
  [...text].filter((char) => char.codePointAt(0)! >= 0x20 && char.codePointAt(0) !== 0x7f).join('');

const ATTACKS = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "'><svg onload=alert(1)>",
  '</textarea><script>alert(1)</script>',
  '<a href="javascript:alert(1)">x</a>',
  '&lt;script&gt;',
  '{{constructor.constructor("alert(1)")()}}',
  '<!--',
  ']]><![CDATA[',
  '\u2028<b>',
];
const hostile = fc
  .tuple(
    fc.string({ maxLength: 20 }),
    fc.constantFrom(...ATTACKS),
    fc.string({ unit: 'grapheme', maxLength: 20 }),
  )
  .map(([a, b, c]) => withoutControlCharacters(`${a}${b}${c}`));

const markup = (html: string) => {
  const count: Record<string, number> = {};
  for (const char of html) if ('<>"\''.includes(char)) count[char] = (count[char] ?? 0) + 1;
  return count;
};
const escapeText = (text: string) =>
  text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');

const labels = Object.fromEntries(QUESTIONNAIRE_V1.competencies.map((c) => [c.id, c.label]));
const DEADLINE = '2026-12-24T17:00:00.000Z';

/** Every renderer, with `text` in every user-provided place. */
const renderers: Record<
  string,
  (text: string, locale: Locale) => { html: string; subject?: string; shown: boolean }
> = {
  form: (text, locale) => ({
    html: renderFormPage({
      locale,
      timeZone: 'Asia/Tokyo',
      leaderName: text,
      raterGroup: 'coachee',
      competencies: competenciesFor('coachee', localisedQuestionnaire(locale)),
      scale: localisedQuestionnaire(locale).scale,
      notObservedLabel: localisedQuestionnaire(locale).notObservedLabel,
      openQuestions: localisedQuestionnaire(locale).openQuestions,
      deadline: DEADLINE,
      actionUrl: '/feedback/AAAA',
      state: 'answered',
      values: { ratings: { motivation: text }, comments: { keep: text, change: text } },
      errors: [{ field: text, message: `"${text}" is not a question of this form.` }],
    }),
    shown: true,
  }),
  thanks: (text, locale) => ({
    html: renderThanksPage({
      locale,
      timeZone: 'Asia/Tokyo',
      leaderName: text,
      declined: false,
      deadline: DEADLINE,
      editUrl: '/feedback/AAAA',
    }),
    shown: true,
  }),
  invitation: (text, locale) => {
    const email = renderRaterEmail({
      locale,
      timeZone: 'Asia/Tokyo',
      kind: 'invitation',
      raterName: text,
      quarter: '2026-Q4',
      deadline: DEADLINE,
      requests: [
        { leaderName: text, group: 'peer', link: 'https://example.com/feedback/AAAA' },
        { leaderName: text, group: 'coachee', link: 'https://example.com/feedback/BBBB' },
      ],
    });
    return { html: email.html, subject: email.subject, shown: true };
  },
  'rater email': (text, locale) => {
    const email = renderRaterEmail({
      locale,
      timeZone: 'Asia/Tokyo',
      kind: 'invitation',
      raterName: text,
      quarter: '2026-Q4',
      deadline: DEADLINE,
      requests: [
        { leaderName: text, group: 'self', link: 'https://example.com/feedback/AAAA' },
        { leaderName: text, group: 'peer', link: 'https://example.com/feedback/BBBB' },
      ],
    });
    return { html: email.html, subject: email.subject, shown: true };
  },
  'leader report': (text, locale) => {
    const report: LeaderReport = {
      groups: [
        {
          group: 'others',
          responses: 4,
          competencyMeans: { motivation: 3.5 },
          comments: { keep: [text, 'ok'], change: [text] },
        },
      ],
      withheld: [],
    };
    const email = renderLeaderReportEmail({
      locale,
      timeZone: 'Asia/Tokyo',
      leaderName: text,
      quarter: '2026-Q4',
      report,
      developmentNeeds: [{ id: 'forecasting', label: 'Forecasting', score: 40 }],
      competencyLabels: labels,
    });
    return { html: email.html, subject: email.subject, shown: true };
  },
  'manager summary': (text, locale) => {
    const email = renderManagerSummaryEmail({
      locale,
      timeZone: 'Asia/Tokyo',
      managerName: text,
      team: text,
      quarter: '2026-Q4',
      leaders: [
        {
          name: text,
          readinessScore: 70,
          recommendation: 'ready-next-year',
          flags: [],
          developmentNeeds: [],
        },
      ],
    });
    return { html: email.html, subject: email.subject, shown: true };
  },
  'HR summary': (text, locale) => {
    const email = renderHrSummaryEmail({
      locale,
      timeZone: 'Asia/Tokyo',
      quarter: '2026-Q4',
      requests: { total: 10, answered: 8, declined: 1, expired: 1 },
      leaders: [{ name: text, team: text, readinessScore: 80, recommendation: 'ready-now', flags: [] }],
    });
    return { html: email.html, subject: email.subject, shown: true };
  },
};

const cases = Object.keys(renderers).flatMap((name) => LOCALES.map((locale) => [name, locale] as const));

describe('user-provided text never becomes markup, in any language', () => {
  it.each(cases)('%s (%s)', (name, locale) => {
    const render = renderers[name]!;
    const benign = markup(render('Alex', locale).html);
    fc.assert(
      fc.property(hostile, (text) => {
        const out = render(text, locale);
        expect(markup(out.html)).toEqual(benign);
        expect(out.html).not.toMatch(/<script|<img|<svg|<a href="javascript/i);
        if (out.shown && text.trim() !== '') expect(out.html).toContain(escapeText(text.trim()).slice(0, 20));
        if (out.subject !== undefined) expect(out.subject).not.toMatch(/[\r\n\u2028\u2029]/);
      }),
      { numRuns: 60 },
    );
  });
});
