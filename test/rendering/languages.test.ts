/**
 * Pages and emails in the recipient's language: `lang` on the document, the words of that language
 * (questionnaire included), deadlines in their time zone with the zone named, the language switch,
 * problems named in the language shown; and the form's matrix markup (column headers once per
 * section, hidden from screen readers; a label of its own for every radio).
 */
import { describe, expect, it } from 'vitest';
import { parseAnswers } from '../../functions/core/answers.ts';
import type { LeaderReport, RaterGroup } from '../../functions/core/model.ts';
import { competenciesFor } from '../../functions/core/questionnaire.ts';
import type { ReportNote } from '../../functions/core/report-notes.ts';
import { LOCALES, type Locale } from '../../functions/i18n/locales.ts';
import { localisedQuestionnaire } from '../../functions/i18n/questionnaire.ts';
import { type RaterEmailRequest, renderRaterEmail } from '../../functions/rendering/emails.ts';
import {
  type FormPageInput,
  localiseFieldErrors,
  renderClosedPage,
  renderErrorPage,
  renderFormPage,
  renderNotFoundPage,
  renderThanksPage,
} from '../../functions/rendering/pages.ts';
import {
  renderHrSummaryEmail,
  renderLeaderReportEmail,
  renderManagerSummaryEmail,
} from '../../functions/rendering/report-emails.ts';
import { elementById, tags } from './helpers.ts';

const DEADLINE = '2026-12-24T16:00:00Z';
const ACTION = '/feedback/tok_abcdefghijklmnopqrstuv';

function form(locale: string, overrides: Partial<FormPageInput> = {}, group: RaterGroup = 'coachee'): string {
  const q = localisedQuestionnaire(LOCALES.find((l) => locale.startsWith(l)) ?? 'en');
  return renderFormPage({
    locale,
    timeZone: 'Europe/Berlin',
    languageSwitch: true,
    leaderName: 'Alex Morgan',
    raterGroup: group,
    competencies: competenciesFor(group, q),
    scale: q.scale,
    notObservedLabel: q.notObservedLabel,
    openQuestions: q.openQuestions,
    ...(q.areaLabels ? { areaLabels: q.areaLabels } : {}),
    deadline: DEADLINE,
    actionUrl: ACTION,
    state: 'new',
    ...overrides,
  });
}

const langOf = (doc: string) => tags(doc).find((t) => t.name === 'html')?.attrs.lang;
const text = (doc: string) => doc.replace(/<[^>]*>/g, '').replace(/\s+/g, ' ');

describe('the form in the rater’s language', () => {
  it('serves a de rater German, with lang="de", German questions and the deadline in their zone', () => {
    const doc = form('de');
    expect(langOf(doc)).toBe('de');
    expect(doc).toContain('<h1>Feedback für Alex Morgan</h1>');
    expect(doc).toContain('Trifft voll und ganz zu');
    expect(doc).toContain('Gibt die Techniken weiter, die den eigenen Erfolg ausmachen');
    expect(text(doc)).toContain(
      'Bitte antworten Sie bis Donnerstag, 24. Dezember 2026 um 17:00 Mitteleuropäische Zeit.',
    );
    expect(doc).toContain('Antworten senden');
    expect(doc).not.toMatch(/Strongly agree|Send my answers|Please answer/);
  });

  it('shows an Austrian rater German with Austrian dates', () => {
    const doc = form('de-AT', { deadline: '2027-01-15T16:00:00Z' });
    expect(langOf(doc)).toBe('de');
    expect(doc).toContain('15. Jänner 2027');
  });

  it.each([
    ['fr', 'Feedback sur Alex Morgan', 'Tout à fait d’accord'],
    ['es', 'Feedback sobre Alex Morgan', 'Totalmente de acuerdo'],
    ['ja', 'Alex Morganさんへのフィードバック', '強くそう思う'],
    ['en', 'Feedback for Alex Morgan', 'Strongly agree'],
  ])('serves %s', (locale, title, agree) => {
    const doc = form(locale);
    expect(langOf(doc)).toBe(locale);
    expect(doc).toContain(`<h1>${title}</h1>`);
    expect(doc).toContain(agree);
  });

  it('falls back to English for a language not shipped', () => {
    expect(langOf(form('pt-BR'))).toBe('en');
  });

  it('offers every language in its own name, marks the current one and links the others to ?lang=', () => {
    const doc = form('fr');
    const nav = tags(doc).find((t) => t.name === 'nav')!;
    expect(nav.attrs['aria-label']).toBe('Langue');
    const links = tags(doc).filter((t) => t.name === 'a' && t.attrs.hreflang);
    expect(links.map((a) => [a.attrs.href, a.attrs.lang])).toEqual([
      ['?lang=en', 'en'],
      ['?lang=de', 'de'],
      ['?lang=es', 'es'],
      ['?lang=ja', 'ja'],
    ]);
    const current = tags(doc).find((t) => t.attrs['aria-current'] === 'true')!;
    expect(current.attrs.lang).toBe('fr');
    expect(doc).toContain('Français');
    expect(doc).toContain('日本語');
  });

  it('posts the language it was shown in with the answers', () => {
    const hidden = tags(form('ja')).find((t) => t.name === 'input' && t.attrs.type === 'hidden');
    expect(hidden?.attrs).toMatchObject({ name: 'lang', value: 'ja' });
  });

  it('names the problems of a posted form in the language shown, with the labels the rater read', () => {
    const q = localisedQuestionnaire('de');
    const parsed = parseAnswers({ 'rating.hiring': ['1', '2'], 'comment.keep': 'x'.repeat(2001) }, 'manager');
    expect(parsed.ok).toBe(false);
    const errors = localiseFieldErrors(parsed.ok ? [] : parsed.errors, q, { locale: 'de' });
    expect(errors).toContainEqual({
      field: 'rating.hiring',
      message: '„Personalauswahl“ wurde mehrfach beantwortet; wählen Sie eine einzige Bewertung.',
    });
    expect(errors).toContainEqual({
      field: 'rating.forecasting',
      message: 'Wählen Sie eine Bewertung für „Forecasting“ (1–5 oder Nicht beobachtet).',
    });
    expect(errors).toContainEqual({
      field: 'comment.keep',
      message:
        '„Was sollte diese Person beibehalten?“ ist zu lang: 2.001 Zeichen, erlaubt sind höchstens 2.000.',
    });
    const doc = form('de', { errors });
    expect(doc).toContain('<h2 id="error-summary-title">Bitte prüfen Sie Ihre Angaben</h2>');
    expect(doc).toMatch(/<title>Fehler: Feedback für Alex Morgan – Ladder<\/title>/);
  });

  it('thanks, and names the deadline, in the rater’s language and zone', () => {
    const doc = renderThanksPage({
      locale: 'ja',
      timeZone: 'Asia/Tokyo',
      leaderName: 'Alex Morgan',
      declined: false,
      deadline: DEADLINE,
      editUrl: ACTION,
    });
    expect(langOf(doc)).toBe('ja');
    expect(doc).toContain('ありがとうございます。回答を保存しました');
    expect(doc).toContain('2026年12月25日金曜日 1:00');
    expect(tags(doc).some((t) => t.name === 'a' && t.attrs.href === ACTION)).toBe(true);
  });

  it('says "not found", "closed" and "something went wrong" in the language asked for', () => {
    expect(renderNotFoundPage({ locale: ['xx', 'es'] })).toContain('<h1>Página no encontrada</h1>');
    expect(langOf(renderClosedPage({ locale: 'de' }))).toBe('de');
    expect(renderClosedPage({ locale: 'de' })).toContain('Diese Feedbackrunde ist abgeschlossen');
    expect(renderErrorPage('unavailable', { locale: 'fr' })).toContain('Désolé, une erreur s’est produite');
  });
});

describe('the form as a matrix', () => {
  const doc = form('en', {}, 'self');
  const scale = localisedQuestionnaire('en').scale.map((p) => p.label);

  it('gives each section one header row of the scale’s labels, hidden from screen readers', () => {
    const heads = tags(doc).filter((t) => t.attrs.class === 'scale-head');
    expect(heads).toHaveLength(2); // coaching and management
    for (const head of heads) expect(head.attrs['aria-hidden']).toBe('true');
    const first = doc.slice(heads[0]!.index, doc.indexOf('</div>', heads[0]!.index));
    expect(text(first).trim()).toBe(['Statement', ...scale, 'Not observed'].join(''));
  });

  it('keeps a fieldset per statement and a visible-to-assistive-technology label per radio', () => {
    const fieldsets = tags(doc).filter((t) => t.name === 'fieldset');
    expect(fieldsets).toHaveLength(13);
    const radios = tags(doc).filter((t) => t.name === 'input' && t.attrs.type === 'radio');
    expect(radios).toHaveLength(13 * 6);
    for (const radio of radios) {
      const label = tags(doc).find((t) => t.name === 'label' && t.attrs.for === radio.attrs.id)!;
      const labelText = text(doc.slice(label.index, doc.indexOf('</label>', label.index))).trim();
      expect(labelText).toBe(
        radio.attrs.value === 'na' ? 'Not observed' : scale[Number(radio.attrs.value) - 1],
      );
    }
    expect(elementById(doc, 'q-stand-in')).toContain('<legend>');
  });
});

describe('emails in the recipient’s language', () => {
  const LINK = 'https://ladder.example.com/feedback/Zq3x_9kLm-2PpR7sT0uVwA';
  /** The one email of a rater asked about one person, a peer. */
  const request = (locale: string, timeZone: string, kind: 'invitation' | 'reminder' = 'invitation') =>
    renderRaterEmail({
      locale,
      timeZone,
      kind,
      raterName: 'Sam Lee',
      quarter: '2026-Q4',
      deadline: DEADLINE,
      requests: [{ leaderName: 'Alex Morgan', group: 'peer', link: LINK }],
    });

  it('invites a German rater in German, with the deadline in Berlin time', () => {
    const email = request('de-DE', 'Europe/Berlin');
    expect(email.subject).toBe('Bitte geben Sie Feedback zu Alex Morgan (Feedbackrunde 2026-Q4)');
    expect(langOf(email.html)).toBe('de');
    for (const part of [email.html, email.text]) {
      expect(part).toContain('Guten Tag Sam Lee,');
      expect(part).toContain(
        'Die Feedbackrunde 2026-Q4 für Consultant Sales Leader beginnt, und wir bitten Sie um Ihre Einschätzung.',
      );
      expect(part).toContain('Donnerstag, 24. Dezember 2026 um 17:00 Mitteleuropäische Zeit');
      expect(part).toContain('Feedback zu Alex Morgan geben');
      expect(part).toContain('Alex Morgan ist Ihre Kollegin oder Ihr Kollege');
    }
    expect(email.text).toContain('Ladder – vierteljährliches Feedback für Consultant Sales Leader');
    expect(email.text).not.toMatch(/Give feedback|Please answer|Hi Sam/);
  });

  it.each([
    [
      'fr',
      'Europe/Paris',
      'Votre avis sur Alex Morgan (revue 2026-Q4)',
      'Bonjour Sam Lee,',
      'La revue 2026-Q4 des Consultant Sales Leaders commence, et nous vous demandons votre avis.',
      'Donner mon avis sur Alex Morgan (Alex Morgan est votre collègue)',
      'Merci de répondre au plus tard le jeudi 24 décembre 2026 à 17:00 heure d’Europe centrale.',
    ],
    [
      'es',
      'Europe/Madrid',
      'Dé su opinión sobre Alex Morgan (revisión 2026-Q4)',
      'Hola, Sam Lee:',
      'Ha comenzado la revisión 2026-Q4 de los Consultant Sales Leaders y le pedimos su opinión.',
      'Dar mi opinión sobre Alex Morgan (Alex Morgan es su compañero o compañera)',
      'Responda a más tardar el jueves, 24 de diciembre de 2026, 17:00 hora de Europa central.',
    ],
    [
      'ja',
      'Asia/Tokyo',
      'Alex Morganさんへのフィードバックのお願い（2026-Q4 評価）',
      'Sam Lee 様',
      // Japanese has no "one" plural category: the one-person wording is chosen by `=1`.
      '2026-Q4のコンサルタント・セールスリーダー評価が始まりました。あなたのご意見をお聞かせください。',
      'Alex Morganさんへのフィードバックを送る (Alex Morganさんはあなたの同僚です)',
      '2026年12月25日金曜日 1:00 日本標準時までにご回答ください。',
    ],
  ])(
    'invites a %s rater in their language and zone',
    (locale, zone, subject, greeting, opening, item, until) => {
      const email = request(locale, zone);
      expect(email.subject).toBe(subject);
      expect(langOf(email.html)).toBe(locale);
      for (const line of [greeting, opening, item, until]) expect(email.text).toContain(line);
      expect(email.html).toContain(greeting);
      expect(email.html).toContain(opening);
    },
  );

  it('reminds a rater in Tokyo of a deadline that is already the next day there', () => {
    const email = request('ja', 'Asia/Tokyo', 'reminder');
    expect(email.subject).toBe('【リマインダー】2026-Q4 フィードバックの期限は12月25日です');
    expect(email.text).toContain('下のフォームへの回答がまだ届いていないため、ご連絡いたしました。');
    expect(email.text).toContain('2026年12月25日金曜日 1:00');
    expect(email.text).toContain(LINK);
  });

  const report: LeaderReport = {
    groups: [
      {
        group: 'others',
        responses: 4,
        competencyMeans: { 'coaching-questions': 4.25, hiring: 2.04 },
        comments: { keep: ['Super Deal-Reviews'], change: [] },
      },
    ],
    withheld: [],
    selfOther: [
      { id: 'forecasting', label: 'Forecasting', self: 4.5, others: 3, gap: 1.5, kind: 'blind-spot' },
    ],
  };

  it.each([
    [
      'de',
      'Ihr Entwicklungsbericht 2026-Q4',
      'Coaching-Fragen',
      '4,3',
      'Ihre Coachees, Kolleginnen und Kollegen (zusammengefasst) (4 Antworten)',
    ],
    [
      'fr',
      'Votre rapport de développement 2026-Q4',
      'Questions de coaching',
      '4,3',
      'Vos coachés et vos pairs (regroupés) (4 réponses)',
    ],
    [
      'es',
      'Su informe de desarrollo de 2026-Q4',
      'Preguntas de coaching',
      '4,3',
      'Sus coachees y compañeros (en conjunto) (4 respuestas)',
    ],
    ['ja', '2026-Q4 育成レポート', 'コーチング型の質問', '4.3', 'コーチーと同僚（合算）（回答 4 件）'],
  ])('writes a %s leader their report in their language', (locale, subject, label, mean, group) => {
    const email = renderLeaderReportEmail({
      locale,
      leaderName: 'Alex Morgan',
      quarter: '2026-Q4',
      report,
      developmentNeeds: [{ id: 'hiring', label: 'Hiring', score: 26 }],
    });
    expect(email.subject).toBe(subject);
    expect(langOf(email.html)).toBe(locale);
    expect(email.text).toContain(`${label}: ${mean}`);
    expect(email.html).toContain(group);
    // Comments stay as written.
    expect(email.text).toContain('Super Deal-Reviews');
    // Competencies stored under their English label are named in the reader's language.
    expect(email.text).not.toContain('Hiring');
  });

  it('summarises a team for a French manager, and a cycle for Spanish HR', () => {
    const manager = renderManagerSummaryEmail({
      locale: 'fr',
      managerName: 'Pat Kim',
      team: 'Nord',
      quarter: '2026-Q4',
      leaders: [
        {
          name: 'Alex Morgan',
          readinessScore: 78.4,
          recommendation: 'ready-now',
          flags: ['stand-in-ready', 'blind-spot'],
          developmentNeeds: [
            { id: 'knowledge-transfer', label: 'Knowledge transfer', score: 40 },
            { id: 'hiring', label: 'Hiring', score: 50 },
          ],
        },
      ],
    });
    expect(manager.subject).toBe('Préparation au management 2026-Q4\u00a0: synthèse pour Nord');
    for (const part of [manager.html, manager.text]) {
      expect(part).toContain('78 sur 100');
      expect(part).toContain('Promouvable dès maintenant');
      expect(part).toContain('Peut assurer l’intérim, Angle mort');
      expect(part).toContain('Transmission du savoir-faire, Recrutement');
    }
    const hr = renderHrSummaryEmail({
      locale: 'es',
      quarter: '2026-Q4',
      requests: { total: 1200, answered: 1000, declined: 50, expired: 150 },
      leaders: [
        {
          name: 'Alex Morgan',
          team: 'Nord',
          readinessScore: 61,
          recommendation: 'develop-in-role',
          flags: [],
        },
      ],
    });
    expect(hr.subject).toBe('Ladder 2026-Q4: revisión completada, resultados de preparación disponibles');
    expect(hr.text).toContain('Respondidas: 1000 (83\u00a0%)');
    expect(hr.text).toContain('Solicitudes de feedback: 1200');
    expect(hr.text).toContain('Alex Morgan | Nord | 61 | Desarrollo en el puesto | -');
  });

  it.each(LOCALES)('every %s email is a document in that language', (locale: Locale) => {
    expect(langOf(request(locale, 'UTC').html)).toBe(locale);
  });
});

describe('one email per rater, in their language', () => {
  const link = (n: number) => `https://ladder.example.com/feedback/${'A'.repeat(42)}${n}`;
  const requests = [
    { leaderName: 'Sam Lee', group: 'self', link: link(0) },
    { leaderName: 'Ana Ruiz', group: 'peer', link: link(1) },
    { leaderName: 'Ben Okafor', group: 'manager', link: link(2) },
  ] as const;
  const email = (
    locale: string,
    kind: 'invitation' | 'reminder',
    list: readonly RaterEmailRequest[] = requests,
  ) =>
    renderRaterEmail({
      locale,
      timeZone: locale === 'ja' ? 'Asia/Tokyo' : 'Europe/Berlin',
      kind,
      raterName: 'Sam Lee',
      quarter: '2026-Q4',
      deadline: DEADLINE,
      requests: list,
    });

  it('lists everyone with their own link and button, and names them in the subject', () => {
    const en = email('en', 'invitation');
    expect(en.subject).toBe('Your 2026-Q4 self-assessment and feedback on Ana Ruiz and Ben Okafor');
    for (const [i, request] of requests.entries()) {
      expect(tags(en.html).some((t) => t.name === 'a' && t.attrs.href === link(i))).toBe(true);
      expect(en.text).toContain(link(i));
      expect(en.text).toContain(request.leaderName);
    }
    expect(en.text).toContain('Give feedback on Ana Ruiz (Ana Ruiz is a colleague of yours):');
    expect(en.text).toContain('Start my self-assessment (your self-assessment):');
    expect(en.text).toContain('in groups of at least 3 people');
    expect(email('en', 'invitation', [requests[0]]).subject).toBe('Your 2026-Q4 self-assessment');
  });

  it('writes to a German rater in German, with the deadline in Berlin time', () => {
    const de = email('de', 'invitation');
    expect(langOf(de.html)).toBe('de');
    expect(de.subject).toBe('Ihre Selbsteinschätzung für 2026-Q4 und Feedback zu Ana Ruiz und Ben Okafor');
    expect(de.text).toContain('Feedback zu Ben Okafor geben (Sie sind die Führungskraft von Ben Okafor):');
    expect(de.text).toContain('Donnerstag, 24. Dezember 2026 um 17:00 Mitteleuropäische Zeit');
    expect(de.text).toContain('Wir bitten Sie um Ihre Einschätzung zu 3 Personen');
    expect(de.text).toContain(
      'Die Person, deren Führungskraft Sie sind, sieht Ihre Bewertungen als die ihrer Führungskraft; Kommentare erscheinen ohne Namen.',
    );
    expect(email('de', 'reminder').subject).toBe(
      'Erinnerung: Ihr Feedback für 2026-Q4 ist bis 24. Dez. fällig',
    );
  });

  it('names many people briefly, in Japanese too, with the Tokyo date', () => {
    const many = ['Ana', 'Ben', 'Cleo', 'Dev'].map((name, i) => ({
      leaderName: name,
      group: 'coachee' as const,
      link: link(i),
    }));
    expect(email('en', 'invitation', many).subject).toBe(
      'Please give feedback on Ana, Ben and 2 others (2026-Q4 review)',
    );
    // "zu" takes the dative.
    expect(email('de', 'invitation', many).subject).toBe(
      'Bitte geben Sie Feedback zu Ana, Ben und 2 weiteren Personen (Feedbackrunde 2026-Q4)',
    );
    const ja = email('ja', 'invitation', many);
    expect(ja.subject).toBe('Anaさん、Benさんほか 2 名へのフィードバックのお願い（2026-Q4 評価）');
    expect(ja.text).toContain('2026年12月25日金曜日 1:00');
    expect(email('ja', 'reminder', many).subject).toBe(
      '【リマインダー】2026-Q4 フィードバックの期限は12月25日です',
    );
    expect(email('ja', 'reminder', many).text).toContain(
      'これら 4 件のフォームへの回答がまだ届いていないため、ご連絡いたしました。',
    );
  });
});

describe('HR summary: email delivery', () => {
  const summary = (locale: string, delivery: Parameters<typeof renderHrSummaryEmail>[0]['delivery']) =>
    renderHrSummaryEmail({
      locale,
      quarter: '2026-Q4',
      requests: { total: 10, answered: 8, declined: 1, expired: 1 },
      leaders: [],
      ...(delivery ? { delivery } : {}),
    });
  const trouble = {
    raters: 12,
    undeliverable: 1,
    reasons: [{ reason: 'Email address is not verified.', raters: 1 }],
    bounced: 2,
    complained: 0,
    suppressed: 1,
  };

  it('names the raters not reached, by cause, in HR’s language', () => {
    const en = summary('en', trouble);
    expect(en.text).toContain('EMAIL DELIVERY\nOf 12 raters, these could not be reached by email');
    expect(en.text).toContain('  Email refused by SES: Email address is not verified.: 1 rater');
    expect(en.text).toContain('  Email bounced: 2 raters');
    expect(en.text).not.toContain('Marked as spam');
    const de = summary('de', trouble);
    expect(de.text).toContain('E-MAIL-ZUSTELLUNG');
    expect(de.html).toContain('E-Mail unzustellbar (Bounce)');
    expect(de.html).toContain('2 Personen');
  });

  it('says when everyone was reached, and leaves the section out when delivery is not known', () => {
    const clean = { raters: 5, undeliverable: 0, reasons: [], bounced: 0, complained: 0, suppressed: 0 };
    expect(summary('fr', clean).text).toContain('Les 5 évaluateurs ont tous reçu leur e-mail sans problème.');
    expect(summary('en', undefined).text).not.toContain('EMAIL DELIVERY');
  });
});

describe('notes of the leader’s report, as data, in the reader’s language', () => {
  const notes: ReportNote[] = [
    { kind: 'groupWithheld', group: 'peer', responses: 2, minimum: 3 },
    { kind: 'merged', minimum: 3 },
    { kind: 'itemsHidden', group: 'others', competencies: ['hiring', 'stand-in'], minimum: 3 },
    { kind: 'commentsBelowMinimum', group: 'coachee', commentMinimum: 4 },
    { kind: 'mergedCommentsOneGroup', commentMinimum: 4 },
    { kind: 'differencingMeans', group: 'coachee', competencies: ['motivation'], minimum: 3 },
    { kind: 'differencingComments', group: 'peer' },
  ];
  const report = (locale: string) =>
    renderLeaderReportEmail({
      locale,
      leaderName: 'Alex Morgan',
      quarter: '2026-Q4',
      report: { groups: [], withheld: ['(English notes of the stored report)'], notes } as LeaderReport,
      developmentNeeds: [],
    });

  it('says in English what the model says', () => {
    const text = report('en').text;
    for (const sentence of [
      'Peers: 2 responses, fewer than the 3 needed to keep answers anonymous, so ratings and comments are not shown.',
      'Coachees and peers are shown together as "others" because one of the groups had fewer than 3 responses.',
      'Others (coachees and peers): no mean is shown for Hiring, Standing in, because fewer than 3 people rated them.',
      'Coachees: comments are shown only from a group of at least 4 people, so none are shown this quarter.',
      "Others (coachees and peers): comments are shown only from a group of at least 4 people on its own, so the smaller group's comments are not shown.",
      'Coachees: no mean is shown this quarter for Motivation and accountability: compared with your earlier reports, it would reveal the answers of fewer than 3 people, because the group changed too little.',
      'Peers: comments are not shown this quarter: compared with your earlier reports, they would reveal who wrote what, because the group changed too little.',
    ]) {
      expect(text).toContain(sentence);
    }
    expect(text).not.toContain('(English notes of the stored report)');
  });

  it('says it in German to a German reader, naming competencies in German', () => {
    const text = report('de').text;
    expect(text).toContain(
      'Kolleginnen und Kollegen: 2 Antworten, weniger als die 3, die für anonyme Antworten nötig sind; Bewertungen und Kommentare werden daher nicht angezeigt.',
    );
    expect(text).toContain('Für Personalauswahl, Stellvertretung wird kein Durchschnitt angezeigt');
  });

  it('keeps the stored English notes of a report written before notes were data', () => {
    const old = renderLeaderReportEmail({
      locale: 'de',
      leaderName: 'Alex Morgan',
      quarter: '2026-Q4',
      report: { groups: [], withheld: ['Peers: 2 responses, fewer than the 3 needed.'] },
      developmentNeeds: [],
    });
    expect(old.text).toContain('Peers: 2 responses, fewer than the 3 needed.');
  });
});
