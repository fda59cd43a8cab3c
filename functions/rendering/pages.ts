/**
 * Server-side HTML pages behind a feedback link: the form, the thank-you page, and the not-found,
 * closed and error pages. Pure functions; no JavaScript in the output; everything user-provided is escaped.
 *
 * The form posts `application/x-www-form-urlencoded` (the public contract): a radio group
 * `rating.<competency-id>` with values `1`–`5` or `na` per item, `comment.<open-question-id>`
 * (`comment.keep`, `comment.change`) and `action=submit` or `action=decline`.
 */
import type { RaterGroup } from '../core/model.ts';
import { domId, formatDeadline, type HtmlValue, html, page, raw, type SafeHtml, safeUrl } from './html.ts';

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

export interface FormPageInput {
  leaderName: string;
  raterGroup: RaterGroup;
  competencies: readonly FormCompetency[];
  scale: readonly ScalePoint[];
  notObservedLabel: string;
  openQuestions: readonly OpenQuestion[];
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
export const DECLINE_LABEL = "I can't judge this person";
const SELF_DECLINE_LABEL = "I can't do a self-assessment";

const AREA_HEADINGS: Record<string, string> = {
  coaching: 'Coaching',
  management: 'Management',
};

function areaHeading(area: string): string {
  return AREA_HEADINGS[area] ?? area.charAt(0).toUpperCase() + area.slice(1).replace(/[-_]/g, ' ');
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

function formTitle(input: { raterGroup: RaterGroup; leaderName: string }): string {
  return input.raterGroup === 'self' ? 'Your self-assessment' : `Feedback for ${input.leaderName}`;
}

function whoSeesWhat(input: FormPageInput): SafeHtml {
  const minimum = Math.max(3, Math.floor(input.anonymityMinimum ?? 3));
  const name = input.leaderName;
  switch (input.raterGroup) {
    case 'self':
      return html`<p>Your answers appear in your own development report next to the feedback of your
coachees, peers and manager, so you can compare how you see yourself with how others see you.</p>`;
    case 'manager':
      return html`<p>As ${name}'s manager, your ratings are shown to them as the manager's ratings, so they
are not anonymous. Comments are shown without names.</p>`;
    default:
      return html`<p><strong>Your answers are anonymous.</strong> ${name} only sees coachees' and peers'
ratings combined, for a group of at least ${minimum} people; a smaller group is not shown on its own.
Comments are shown without names, exactly as written, so leave out anything that would identify you.</p>`;
  }
}

/** The feedback form of one request (GET, or a POST shown again with its problems). */
export function renderFormPage(input: FormPageInput): string {
  const action = safeUrl(input.actionUrl, { allowRelative: true });
  const self = input.raterGroup === 'self';
  const name = input.leaderName;
  const deadline = formatDeadline(input.deadline);
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
<h2 id="error-summary-title">There is a problem</h2>
<ul>
${(input.errors ?? []).map((e) => {
  const anchor = anchors.get(normaliseField(e.field));
  return anchor ? html`<li><a href="#${anchor}">${e.message}</a></li>\n` : html`<li>${e.message}</li>\n`;
})}</ul>
</div>`
    : '';

  const stateNote: HtmlValue =
    input.state === 'answered'
      ? html`<div class="notice" role="status"><p><strong>We have your answers.</strong> You can change them until
${deadline}: edit them below and send them again.</p></div>`
      : input.state === 'declined'
        ? html`<div class="notice" role="status"><p><strong>You told us you can't ${self ? 'do a self-assessment' : html`judge ${name}`}.</strong>
If you change your mind, you can still answer until ${deadline}.</p></div>`
        : '';

  const errorMessage = (field: string, id: string): HtmlValue => {
    const messages = fieldErrors.get(field);
    return messages
      ? html`<p class="field-error" id="${id}"><span class="visually-hidden">Error: </span>${messages.join(' ')}</p>\n`
      : '';
  };

  const ratingFieldset = (c: FormCompetency): SafeHtml => {
    const field = `rating.${c.id}`;
    const invalid = fieldErrors.has(field);
    const errorId = `${ratingOptionId(c.id, 'error')}`;
    const current = ratingValue(input.values, c.id);
    return html`<fieldset id="${`q-${domId(c.id)}`}"${invalid ? html` class="has-error" aria-describedby="${errorId}"` : ''}>
<legend><span class="q-label">${c.label}</span> <span class="q-statement">${c.statement}</span></legend>
${invalid ? errorMessage(field, errorId) : ''}${options.map((o) => {
  const id = ratingOptionId(c.id, o.value);
  return html`<label class="${o.na ? 'option option-na' : 'option'}" for="${id}"><input type="radio" id="${id}" name="${field}" value="${o.value}" required${current === o.value ? html` checked` : ''}${invalid ? html` aria-invalid="true"` : ''}> <span>${o.label}</span></label>
`;
})}</fieldset>
`;
  };

  const areas: string[] = [];
  for (const c of competencies) if (!areas.includes(c.area ?? '')) areas.push(c.area ?? '');
  const ratingSections = areas.map((area) => {
    const items = competencies.filter((c) => (c.area ?? '') === area);
    return html`<section${area ? html` aria-labelledby="${`area-${domId(area)}`}"` : ''}>
${area ? html`<h2 id="${`area-${domId(area)}`}">${areaHeading(area)}</h2>\n` : ''}${items.map(ratingFieldset)}</section>
`;
  });

  const commentFields = input.openQuestions.map((q) => {
    const field = `comment.${q.id}`;
    const id = commentId(q.id);
    const invalid = fieldErrors.has(field);
    const errorId = `${id}-error`;
    const describedBy = [`${id}-hint`, ...(invalid ? [errorId] : [])].join(' ');
    // The newline after <textarea> is eaten by the HTML parser, so a value starting with one survives.
    return html`<div class="${invalid ? 'field has-error' : 'field'}">
<label class="block" for="${id}">${q.prompt}</label>
<p class="hint" id="${`${id}-hint`}">Optional, up to ${COMMENT_MAX_LENGTH.toLocaleString('en-GB')} characters.${self ? '' : ' Shown without your name.'}</p>
${invalid ? errorMessage(field, errorId) : ''}<textarea id="${id}" name="${field}" rows="5" maxlength="${COMMENT_MAX_LENGTH}" aria-describedby="${describedBy}"${invalid ? html` aria-invalid="true"` : ''}>
${input.values?.comments[q.id] ?? ''}</textarea>
</div>
`;
  });

  const title = formTitle(input);
  const intro = self
    ? html`<p>This quarter's review of Consultant Sales Leaders asks you, too, how you see yourself. Rate each
statement from “${input.scale[0]?.label ?? ''}” to “${input.scale.at(-1)?.label ?? ''}”, or choose
“${input.notObservedLabel}” when it doesn't apply.</p>`
    : html`<p>You are asked for your view of <strong>${name}</strong> as a Consultant Sales Leader. Rate each
statement from “${input.scale[0]?.label ?? ''}” to “${input.scale.at(-1)?.label ?? ''}”, or choose
“${input.notObservedLabel}” when you haven't seen it.</p>`;

  const body = html`${errorSummary}<h1>${title}</h1>
${stateNote}${intro}
${whoSeesWhat(input)}
<p>Please answer by <strong>${deadline}</strong>. You can change your answers with the same link until then.</p>
<form method="post" action="${action}" enctype="application/x-www-form-urlencoded" accept-charset="UTF-8">
${ratingSections}<section aria-labelledby="open-questions">
<h2 id="open-questions">In your own words</h2>
${commentFields}</section>
<div class="actions">
<button type="submit" name="action" value="submit" class="button-primary">${input.state === 'answered' ? 'Update my answers' : 'Send my answers'}</button>
</div>
<section class="decline" aria-labelledby="decline-title">
<h2 id="decline-title">${self ? 'Not able to assess yourself?' : html`Don't know ${name} well enough?`}</h2>
<p>${self ? 'Tell us instead of answering.' : html`If you haven't worked with ${name} enough to judge, tell us instead of answering.`}</p>
<button type="submit" name="action" value="decline" formnovalidate class="button-secondary">${raw(self ? SELF_DECLINE_LABEL : DECLINE_LABEL)}</button>
</section>
</form>
`;
  return page(hasErrors ? `Error: ${title}` : title, body);
}

/** Shown after a successful POST (answers stored, or the request declined). */
export function renderThanksPage(input: {
  leaderName: string;
  declined: boolean;
  deadline: string;
  editUrl: string;
  raterGroup?: RaterGroup;
}): string {
  const editUrl = safeUrl(input.editUrl, { allowRelative: true });
  const deadline = formatDeadline(input.deadline);
  const self = input.raterGroup === 'self';
  const title = input.declined ? 'Thank you for letting us know' : 'Thank you, your answers are saved';
  const what = input.declined
    ? self
      ? html`<p>We have noted that you won't do a self-assessment this quarter.</p>`
      : html`<p>We have noted that you can't judge ${input.leaderName}. You won't get reminders about it.</p>`
    : self
      ? html`<p>Your self-assessment will appear in your development report after the review closes.</p>`
      : html`<p>Your feedback for ${input.leaderName} is saved and will be part of their report after the review closes.</p>`;
  const body = html`<h1>${title}</h1>
${what}
<p>You can ${input.declined ? 'still answer' : 'change your answers'} until <strong>${deadline}</strong>:
<a href="${editUrl}">${input.declined ? 'go to the form' : 'change your answers'}</a>.</p>
<p>You can close this page.</p>
`;
  return page(title, body);
}

/** Unknown or malformed link. Reveals nothing about the link or whether it ever existed. */
export function renderNotFoundPage(): string {
  return page(
    'Page not found',
    html`<h1>Page not found</h1>
<p>This link doesn't work. If you copied it from an email, check that you copied all of it.</p>
<p>If it still doesn't work, please contact your HR team.</p>
`,
  );
}

/** The review cycle is closed (410): answers can no longer be given or changed. */
export function renderClosedPage(): string {
  return page(
    'This review is closed',
    html`<h1>This review is closed</h1>
<p>The deadline has passed, so answers can no longer be given or changed.</p>
<p>Thank you for your time. If you have a question about the review, please contact your HR team.</p>
`,
  );
}

/** Generic error page (413, 429, 500…). `message` is plain text and is escaped. */
export function renderErrorPage(message: string): string {
  return page(
    'Sorry, something went wrong',
    html`<h1>Sorry, something went wrong</h1>
<p>${message}</p>
<p>Please try again in a few minutes. If you were sending answers, go back and send them again: they may not have been saved.</p>
`,
  );
}
