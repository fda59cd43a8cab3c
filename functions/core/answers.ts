/**
 * Validation of a posted feedback form (`application/x-www-form-urlencoded`, already parsed).
 * Fields: `rating.<competency-id>` = `1`–`5` or `na`; `comment.keep`, `comment.change`; `action`.
 * Anything else (a CSRF token, the submit button) is ignored.
 */
import * as z from 'zod';
import type { Answers, RaterGroup, Rating } from './model.ts';
import { competenciesFor, findCompetency, QUESTIONNAIRE_V1, type Questionnaire } from './questionnaire.ts';
import { characterCount, compareText, hasControlCharacter } from './text.ts';

/** What is wrong with a field, for the form to name it in the rater's language. */
export type AnswerProblem =
  | { kind: 'missing'; competency: string }
  | { kind: 'repeated'; competency: string }
  | { kind: 'unknown' }
  | { kind: 'not-asked'; competency: string; group: RaterGroup }
  | { kind: 'comment-repeated'; question: 'keep' | 'change' }
  | { kind: 'control'; question: 'keep' | 'change' }
  | { kind: 'too-long'; question: 'keep' | 'change'; length: number; max: number };

export interface FieldError {
  field: string;
  /** In English, with the questionnaire's English labels (logs, tests, the CLI). */
  message: string;
  problem?: AnswerProblem;
}

export type FormFields = Record<string, string | string[] | undefined>;

export type ParseAnswersResult = { ok: true; answers: Answers } | { ok: false; errors: FieldError[] };

export const MAX_COMMENT_CHARACTERS = 2000;

const RATING_PREFIX = 'rating.';
const COMMENT_FIELDS = { keep: 'comment.keep', change: 'comment.change' } as const;

const ratingValue = z.enum(['1', '2', '3', '4', '5', 'na']);

const GROUP_NAMES: Record<RaterGroup, string> = {
  self: 'the leader themself',
  manager: 'the manager',
  coachee: 'coachees',
  peer: 'peers',
};

/** True when the rater pressed "I can't judge this person". */
export function isDecline(form: FormFields): boolean {
  return form.action === 'decline';
}

export function parseAnswers(
  form: FormFields,
  group: RaterGroup,
  questionnaire: Questionnaire = QUESTIONNAIRE_V1,
): ParseAnswersResult {
  const errors: FieldError[] = [];
  const ratings = parseRatings(form, group, questionnaire, errors);
  const keep = parseComment(form, 'keep', questionnaire, errors);
  const change = parseComment(form, 'change', questionnaire, errors);
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, answers: { ratings, comments: { keep, change } } };
}

function parseRatings(
  form: FormFields,
  group: RaterGroup,
  questionnaire: Questionnaire,
  errors: FieldError[],
): Record<string, Rating> {
  const ratings: Record<string, Rating> = {};
  for (const competency of competenciesFor(group, questionnaire)) {
    const field = RATING_PREFIX + competency.id;
    const raw = form[field];
    if (Array.isArray(raw)) {
      errors.push({
        field,
        message: `"${competency.label}" was answered more than once; choose one rating.`,
        problem: { kind: 'repeated', competency: competency.id },
      });
      continue;
    }
    const parsed = ratingValue.safeParse(raw);
    if (!parsed.success) {
      errors.push({
        field,
        message: `Choose a rating for "${competency.label}" (1–5 or Not observed).`,
        problem: { kind: 'missing', competency: competency.id },
      });
      continue;
    }
    ratings[competency.id] = parsed.data === 'na' ? null : (Number(parsed.data) as Rating);
  }
  errors.push(...unexpectedRatings(form, group, questionnaire));
  return ratings;
}

/** Ratings for unknown competencies or for competencies this group is not asked. */
function unexpectedRatings(form: FormFields, group: RaterGroup, questionnaire: Questionnaire): FieldError[] {
  const errors: FieldError[] = [];
  const fields = Object.keys(form)
    .filter((field) => field.startsWith(RATING_PREFIX))
    .sort(compareText);
  for (const field of fields) {
    const competency = findCompetency(field.slice(RATING_PREFIX.length), questionnaire);
    if (competency === undefined) {
      errors.push({
        field,
        message: `"${field}" is not a question of this form.`,
        problem: { kind: 'unknown' },
      });
    } else if (!competency.groups.includes(group)) {
      errors.push({
        field,
        message: `"${competency.label}" is not asked of ${GROUP_NAMES[group]}.`,
        problem: { kind: 'not-asked', competency: competency.id, group },
      });
    }
  }
  return errors;
}

function parseComment(
  form: FormFields,
  id: 'keep' | 'change',
  questionnaire: Questionnaire,
  errors: FieldError[],
): string {
  const field = COMMENT_FIELDS[id];
  const prompt = questionnaire.openQuestions.find((question) => question.id === id)?.prompt ?? field;
  const raw = form[field];
  if (raw === undefined) return '';
  if (Array.isArray(raw)) {
    errors.push({
      field,
      message: `"${prompt}" was sent more than once; send one answer.`,
      problem: { kind: 'comment-repeated', question: id },
    });
    return '';
  }
  // Browsers send textarea line breaks as CRLF; store plain newlines.
  const text = raw.replace(/\r\n?/g, '\n').trim();
  if (hasControlCharacter(text, true)) {
    errors.push({
      field,
      message: `"${prompt}" contains a control character; use only text, line breaks and tabs.`,
      problem: { kind: 'control', question: id },
    });
  }
  const length = characterCount(text);
  if (length > MAX_COMMENT_CHARACTERS) {
    errors.push({
      field,
      message: `"${prompt}" is too long: ${length} characters, at most ${MAX_COMMENT_CHARACTERS} are allowed.`,
      problem: { kind: 'too-long', question: id, length, max: MAX_COMMENT_CHARACTERS },
    });
  }
  return text;
}
