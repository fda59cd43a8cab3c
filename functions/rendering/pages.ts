/**
 * Server-side HTML pages behind a feedback link: the form, the thank-you page, and the not-found,
 * closed and error pages, in the rater's language (../i18n). Pure functions; no JavaScript in the
 * output; everything user-provided is escaped.
 *
 * The form posts `application/x-www-form-urlencoded` (the public contract): a radio group
 * `rating.<competency-id>` with values `1`–`5` or `na` per item, `comment.<open-question-id>`
 * (`comment.keep`, `comment.change`), `action=submit` or `action=decline`, and `lang` (the language
 * the form was shown in, so that the answer is acknowledged, and any problem named, in it).
 */
import type { AnswerProblem, FieldError } from '../core/answers.ts';
import type { RaterGroup } from '../core/model.ts';
import { PAGE_MESSAGES, type PageKey } from '../i18n/catalogues.ts';
import { LANGUAGE_NAMES, LOCALES } from '../i18n/locales.ts';
import { type Localiser, localiser } from '../i18n/localiser.ts';
import { domId, type HtmlValue, html, type SafeHtml, safeUrl } from './html.ts';
import { page } from './page-layout.ts';

/** The parts of a questionnaire competency the form needs (the questionnaire's `Competency` fits). */
export interface FormCompetency {
  id: string;
  label: string;
  statement: string;
  area?: string;
  /** When present, only competencies asked of the rater's group are shown. */
  groups?: readonly RaterGroup[];
}

export interface ScalePoint {
  value: number;
  label: string;
}

export interface OpenQuestion {
  id: string;
  prompt: string;
}

/** A validation problem (the answers module's `FieldError` fits). `field` is a form field name. */
export interface FormFieldError {
  field: string;
  message: string;
}

/** Values to show again: a re-shown POST (strings) or stored answers (numbers, null = not observed). */
export interface FormValues {
  ratings: Readonly<Record<string, string | number | null | undefined>>;
  comments: Readonly<Record<string, string | undefined>>;
}

export type FormState = 'new' | 'answered' | 'declined';

/** The language a page is shown in. */
export interface PageLanguage {
  /**
   * Language preferences, most preferred first (BCP 47): the first that a shipped language serves
   * is shown (`de-AT` → German with Austrian dates), English when none is.
   */
  locale?: string | readonly (string | null | undefined)[];
  /** IANA time zone deadlines are shown in (UTC when absent or unknown). */
  timeZone?: string;
  /** Offer the language switch: links to this same page with `?lang=xx`. */
  languageSwitch?: boolean;
}

export interface FormPageInput extends PageLanguage {
  leaderName: string;
  raterGroup: RaterGroup;
  /** In the language shown (functions/i18n/questionnaire.ts). */
  competencies: readonly FormCompetency[];
  scale: readonly ScalePoint[];
  notObservedLabel: string;
  openQuestions: readonly OpenQuestion[];
  /** Area id → heading in the language shown (the id, capitalised, when absent). */
  areaLabels?: Readonly<Record<string, string>>;
  /** ISO 8601 date-time. */
  deadline: string;
  /** Where the form posts: an http(s) URL or a path on the same site. */
  actionUrl: string;
  state: FormState;
  values?: FormValues;
  errors?: readonly FormFieldError[];
  /** Minimum size of a coachee or peer group shown to the leader (default 3, never below 3). */
  anonymityMinimum?: number;
}

/** Value of the "not observed" radio option. */
export const NOT_OBSERVED_VALUE = 'na';
/** Maximum length of each comment, also enforced by the answers validation. */
export const COMMENT_MAX_LENGTH = 2000;
/** Query parameter and form field of the language switch. */
export const LANGUAGE_PARAMETER = 'lang';

type PageLocaliser = Localiser<PageKey>;

function localiserFor(language: PageLanguage): PageLocaliser {
  return localiser(PAGE_MESSAGES, language.locale, language.timeZone);
}

function areaHeading(area: string, labels: FormPageInput['areaLabels']): string {
  return labels?.[area] ?? area.charAt(0).toUpperCase() + area.slice(1).replace(/[-_]/g, ' ');
}

/** Field names as posted, tolerant of the plural spelling some validators use. */
function normaliseField(field: string): string {
  return field.replace(/^ratings\./, 'rating.').replace(/^comments\./, 'comment.');
}

function ratingOptionId(competencyId: string, value: string): string {
  return `rating-${domId(competencyId)}-${domId(value)}`;
}

function commentId(questionId: string): string {
  return `comment-${domId(questionId)}`;
}

function ratingValue(values: FormValues | undefined, competencyId: string): string | undefined {
  const v = values?.ratings[competencyId];
  if (v === undefined) return undefined;
  if (v === null) return NOT_OBSERVED_VALUE;
  return String(v);
}

/** The language switch: every shipped language in its own name, the current one marked. */
function languageSwitch(l: PageLocaliser): SafeHtml {
  return html`<nav class="languages" aria-label="${l.text('form.language')}"><ul>
${LOCALES.map((locale) =>
  locale === l.locale
    ? html`<li><span lang="${locale}" aria-current="true">${LANGUAGE_NAMES[locale]}</span></li>\n`
    : html`<li><a href="${`?${LANGUAGE_PARAMETER}=${locale}`}" lang="${locale}" hreflang="${locale}">${LANGUAGE_NAMES[locale]}</a></li>\n`,
)}</ul></nav>
`;
}

/** A page in `l`'s language, with the language switch when asked for. */
function localisedPage(l: PageLocaliser, language: PageLanguage, title: string, body: SafeHtml): string {
  return page({
    lang: l.locale,
    title: l.text('common.pageTitle', { title }),
    body,
    footer: l.text('common.footer'),
    ...(language.languageSwitch ? { nav: languageSwitch(l) } : {}),
  });
}

function formTitle(l: PageLocaliser, input: { raterGroup: RaterGroup; leaderName: string }): string {
  return input.raterGroup === 'self'
    ? l.text('form.title.self')
    : l.text('form.title.other', { leader: input.leaderName });
}

function whoSeesWhat(l: PageLocaliser, input: FormPageInput): SafeHtml {
  const minimum = Math.max(3, Math.floor(input.anonymityMinimum ?? 3));
  const leader = input.leaderName;
  switch (input.raterGroup) {
    case 'self':
      return html`<p>${l.html('form.privacy.self')}</p>`;
    case 'manager':
      return html`<p>${l.html('form.privacy.manager', { leader })}</p>`;
    default:
      return html`<p>${l.html('form.privacy.anonymous', { leader, minimum })}</p>`;
  }
}

/** The feedback form of one request (GET, or a POST shown again with its problems). */
export function renderFormPage(input: FormPageInput): string {
  const l = localiserFor(input);
  const action = safeUrl(input.actionUrl, { allowRelative: true });
  const self = input.raterGroup === 'self';
  const leader = input.leaderName;
  const deadline = l.deadline(input.deadline);
  const competencies = input.competencies.filter((c) => !c.groups || c.groups.includes(input.raterGroup));

  // Field name → id of the element an error summary link points to (first radio, or the textarea).
  const anchors = new Map<string, string>();
  const options = [
    ...input.scale.map((p) => ({ value: String(p.value), label: p.label, na: false })),
    { value: NOT_OBSERVED_VALUE, label: input.notObservedLabel, na: true },
  ];
  for (const c of competencies) anchors.set(`rating.${c.id}`, ratingOptionId(c.id, options[0]!.value));
  for (const q of input.openQuestions) anchors.set(`comment.${q.id}`, commentId(q.id));

  const fieldErrors = new Map<string, string[]>();
  for (const e of input.errors ?? []) {
    const field = normaliseField(e.field);
    fieldErrors.set(field, [...(fieldErrors.get(field) ?? []), e.message]);
  }
  const hasErrors = (input.errors?.length ?? 0) > 0;

  const errorSummary = hasErrors
    ? html`<div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1" id="error-summary">
<h2 id="error-summary-title">${l.html('form.errorSummary')}</h2>
<ul>
${(input.errors ?? []).map((e) => {
  const anchor = anchors.get(normaliseField(e.field));
  return anchor ? html`<li><a href="#${anchor}">${e.message}</a></li>\n` : html`<li>${e.message}</li>\n`;
})}</ul>
</div>`
    : '';

  const stateNote: HtmlValue =
    input.state === 'answered'
      ? html`<div class="notice" role="status"><p>${l.html('form.state.answered', { deadline })}</p></div>\n`
      : input.state === 'declined'
        ? html`<div class="notice" role="status"><p>${
            self
              ? l.html('form.state.declined.self', { deadline })
              : l.html('form.state.declined.other', { deadline, leader })
          }</p></div>\n`
        : '';

  const errorMessage = (field: string, id: string): HtmlValue => {
    const messages = fieldErrors.get(field);
    return messages
      ? html`<p class="field-error" id="${id}"><span class="visually-hidden">${l.html('form.errorPrefix')} </span>${messages.join(' ')}</p>\n`
      : '';
  };

  const ratingFieldset = (c: FormCompetency): SafeHtml => {
    const field = `rating.${c.id}`;
    const invalid = fieldErrors.has(field);
    const errorId = `${ratingOptionId(c.id, 'error')}`;
    const current = ratingValue(input.values, c.id);
    return html`<fieldset class="${invalid ? 'item has-error' : 'item'}" id="${`q-${domId(c.id)}`}"${invalid ? html` aria-describedby="${errorId}"` : ''}>
<legend><span class="q-label">${c.label}</span> <span class="q-statement">${c.statement}</span></legend>
${invalid ? errorMessage(field, errorId) : ''}<div class="cells">
${options.map((o) => {
  const id = ratingOptionId(c.id, o.value);
  return html`<label class="${o.na ? 'option option-na' : 'option'}" for="${id}"><input type="radio" id="${id}" name="${field}" value="${o.value}" required${current === o.value ? html` checked` : ''}${invalid ? html` aria-invalid="true"` : ''}> <span class="option-text">${o.label}</span></label>
`;
})}</div>
</fieldset>
`;
  };

  // The scale's labels once per section, as the matrix's column headers on wide screens. Hidden
  // from screen readers: every radio has its own label.
  const scaleHead = html`<div class="scale-head" aria-hidden="true"><span>${l.html('form.statement')}</span><span class="cells">${options.map((o) => html`<span${o.na ? html` class="na"` : ''}>${o.label}</span>`)}</span></div>
`;

  const areas: string[] = [];
  for (const c of competencies) if (!areas.includes(c.area ?? '')) areas.push(c.area ?? '');
  const ratingSections = areas.map((area) => {
    const items = competencies.filter((c) => (c.area ?? '') === area);
    return html`<section class="matrix"${area ? html` aria-labelledby="${`area-${domId(area)}`}"` : ''}>
${area ? html`<h2 id="${`area-${domId(area)}`}">${areaHeading(area, input.areaLabels)}</h2>\n` : ''}${scaleHead}${items.map(ratingFieldset)}</section>
`;
  });

  const commentFields = input.openQuestions.map((q) => {
    const field = `comment.${q.id}`;
    const id = commentId(q.id);
    const invalid = fieldErrors.has(field);
    const errorId = `${id}-error`;
    const describedBy = [`${id}-hint`, ...(invalid ? [errorId] : [])].join(' ');
    const hint = l.html(self ? 'form.commentHint.self' : 'form.commentHint.other', {
      max: COMMENT_MAX_LENGTH,
    });
    // The newline after <textarea> is eaten by the HTML parser, so a value starting with one survives.
    return html`<div class="${invalid ? 'field has-error' : 'field'}">
<label class="block" for="${id}">${q.prompt}</label>
<p class="hint" id="${`${id}-hint`}">${hint}</p>
${invalid ? errorMessage(field, errorId) : ''}<textarea id="${id}" name="${field}" rows="5" maxlength="${COMMENT_MAX_LENGTH}" aria-describedby="${describedBy}"${invalid ? html` aria-invalid="true"` : ''}>
${input.values?.comments[q.id] ?? ''}</textarea>
</div>
`;
  });

  const title = formTitle(l, input);
  const scaleEnds = {
    lowest: input.scale[0]?.label ?? '',
    highest: input.scale.at(-1)?.label ?? '',
    notObserved: input.notObservedLabel,
  };
  const intro = self
    ? html`<p>${l.html('form.intro.self', scaleEnds)}</p>`
    : html`<p>${l.html('form.intro.other', { ...scaleEnds, leader })}</p>`;

  const body = html`${errorSummary}<h1>${title}</h1>
${stateNote}<div class="intro">
${intro}
${whoSeesWhat(l, input)}
<p>${l.html('form.deadline', { deadline })}</p>
</div>
<form method="post" action="${action}" enctype="application/x-www-form-urlencoded" accept-charset="UTF-8">
<input type="hidden" name="${LANGUAGE_PARAMETER}" value="${l.locale}">
${ratingSections}<section class="open-questions" aria-labelledby="open-questions">
<h2 id="open-questions">${l.html('form.openQuestions')}</h2>
${commentFields}</section>
<div class="actions">
<button type="submit" name="action" value="submit" class="button-primary">${l.html(input.state === 'answered' ? 'form.submit.update' : 'form.submit.new')}</button>
</div>
<section class="decline" aria-labelledby="decline-title">
<h2 id="decline-title">${self ? l.html('form.decline.title.self') : l.html('form.decline.title.other', { leader })}</h2>
<p>${self ? l.html('form.decline.text.self') : l.html('form.decline.text.other', { leader })}</p>
<button type="submit" name="action" value="decline" formnovalidate class="button-secondary">${l.html(self ? 'form.decline.button.self' : 'form.decline.button.other')}</button>
</section>
</form>
`;
  return localisedPage(l, input, hasErrors ? l.text('form.errorTitle', { title }) : title, body);
}

/**
 * The problems of a posted form in the language shown: each named with the competency's label or
 * the question's prompt as the rater read them. An error without a known problem keeps its message.
 */
export function localiseFieldErrors(
  errors: readonly FieldError[],
  questionnaire: {
    competencies: readonly { id: string; label: string }[];
    openQuestions: readonly OpenQuestion[];
    notObservedLabel: string;
  },
  language: PageLanguage,
): FormFieldError[] {
  const l = localiserFor(language);
  const label = (id: string) => questionnaire.competencies.find((c) => c.id === id)?.label ?? id;
  const prompt = (id: string) => questionnaire.openQuestions.find((q) => q.id === id)?.prompt ?? id;
  const message = (error: FieldError, problem: AnswerProblem): string => {
    switch (problem.kind) {
      case 'missing':
        return l.text('answers.missing', {
          label: label(problem.competency),
          notObserved: questionnaire.notObservedLabel,
        });
      case 'repeated':
        return l.text('answers.repeated', { label: label(problem.competency) });
      case 'unknown':
        return l.text('answers.unknown', { field: error.field });
      case 'not-asked':
        return l.text('answers.notAsked', { label: label(problem.competency), group: problem.group });
      case 'comment-repeated':
        return l.text('answers.commentRepeated', { prompt: prompt(problem.question) });
      case 'control':
        return l.text('answers.control', { prompt: prompt(problem.question) });
      case 'too-long':
        return l.text('answers.tooLong', {
          prompt: prompt(problem.question),
          length: problem.length,
          max: problem.max,
        });
    }
  };
  return errors.map((error) => ({
    field: error.field,
    message: error.problem ? message(error, error.problem) : error.message,
  }));
}

/** Shown after a successful POST (answers stored, or the request declined). */
export function renderThanksPage(
  input: PageLanguage & {
    leaderName: string;
    declined: boolean;
    deadline: string;
    editUrl: string;
    raterGroup?: RaterGroup;
  },
): string {
  const l = localiserFor(input);
  const editUrl = safeUrl(input.editUrl, { allowRelative: true });
  const deadline = l.deadline(input.deadline);
  const self = input.raterGroup === 'self';
  const leader = input.leaderName;
  const title = l.text(input.declined ? 'thanks.title.declined' : 'thanks.title.saved');
  const what = input.declined
    ? self
      ? l.html('thanks.declined.self')
      : l.html('thanks.declined.other', { leader })
    : self
      ? l.html('thanks.saved.self')
      : l.html('thanks.saved.other', { leader });
  const link = (content: SafeHtml) => html`<a href="${editUrl}">${content}</a>`;
  const body = html`<h1>${title}</h1>
<p>${what}</p>
<p>${l.html(input.declined ? 'thanks.edit.declined' : 'thanks.edit.saved', { deadline }, { link })}</p>
<p>${l.html('thanks.close')}</p>
`;
  return localisedPage(l, input, title, body);
}

/** Unknown or malformed link. Reveals nothing about the link or whether it ever existed. */
export function renderNotFoundPage(language: PageLanguage = {}): string {
  const l = localiserFor(language);
  const title = l.text('notFound.title');
  return localisedPage(
    l,
    language,
    title,
    html`<h1>${title}</h1>
<p>${l.html('notFound.text')}</p>
<p>${l.html('notFound.help')}</p>
`,
  );
}

/** The review cycle is closed (410): answers can no longer be given or changed. */
export function renderClosedPage(language: PageLanguage = {}): string {
  const l = localiserFor(language);
  const title = l.text('closed.title');
  return localisedPage(
    l,
    language,
    title,
    html`<h1>${title}</h1>
<p>${l.html('closed.text')}</p>
<p>${l.html('closed.help')}</p>
`,
  );
}

/** What went wrong, for the generic error page. */
export type ErrorProblem = 'method' | 'contentType' | 'tooLarge' | 'unavailable' | 'internal';

const ERROR_MESSAGES: Readonly<Record<ErrorProblem, PageKey>> = {
  method: 'error.method',
  contentType: 'error.contentType',
  tooLarge: 'error.tooLarge',
  unavailable: 'error.unavailable',
  internal: 'error.internal',
};

/** Generic error page (405, 413, 415, 500, 503…), in the language of the page it replaces. */
export function renderErrorPage(problem: ErrorProblem, language: PageLanguage = {}): string {
  const l = localiserFor(language);
  const title = l.text('error.title');
  return localisedPage(
    l,
    { ...language, languageSwitch: false },
    title,
    html`<h1>${title}</h1>
<p>${l.html(ERROR_MESSAGES[problem])}</p>
<p>${l.html('error.retry')}</p>
`,
  );
}
