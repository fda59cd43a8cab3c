/**
 * HTTP API handler behind a personal feedback link: `GET /feedback/{token}` renders the form,
 * `POST` validates and stores answers or a decline. GET never changes state (mail scanners follow
 * links). Unknown link → 404 revealing nothing; closed cycle → 410; invalid answers → 400 with the
 * form shown again and nothing stored. The last answer of a cycle finishes the collect wait.
 *
 * Language: `?lang=xx` (the language switch) > the posted `lang` field > the `ladder_lang` cookie >
 * the rater's roster locale > the organisation's; an unknown link adds the browser's
 * Accept-Language before the organisation's. `?lang` sets the cookie (path-scoped to the feedback
 * links, HttpOnly, SameSite=Lax, Secure except on plain local HTTP): a preference, not stored state.
 */

import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { SendTaskSuccessCommand } from '@aws-sdk/client-sfn';
import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { isDecline, parseAnswers } from '../core/answers.ts';
import { DISPLAY_SETTINGS } from '../core/display-settings.ts';
import { competenciesFor, QUESTIONNAIRE_V1 } from '../core/questionnaire.ts';
import { acceptLanguage, type Locale, matchLocale, negotiateLocale } from '../i18n/locales.ts';
import { organisationDefaults } from '../i18n/organisation.ts';
import { localisedQuestionnaire } from '../i18n/questionnaire.ts';
import {
  type ErrorProblem,
  LANGUAGE_PARAMETER,
  localiseFieldErrors,
  type PageLanguage,
  renderClosedPage,
  renderErrorPage,
  renderFormPage,
  renderNotFoundPage,
  renderThanksPage,
} from '../rendering/pages.ts';
import { sfn } from '../shared/aws-clients.ts';
import { isTransient } from '../shared/errors.ts';
import { logger } from '../shared/middleware.ts';
import { countDone } from '../shared/store/cycle-store.ts';
import type { CycleItem, RequestItem } from '../shared/store/items.ts';
import { findByTokenHash, type SaveOutcome, saveResponse } from '../shared/store/request-store.ts';
import { hashToken, isWellFormedToken } from '../shared/tokens.ts';

/** Far above any honest form (13 ratings and two 2,000-character comments). */
export const MAX_BODY_BYTES = 32 * 1024;

const SECURITY_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  // The token is in the URL: never leak it through a Referer header.
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'content-security-policy':
    "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
};

/** The cookie that remembers the language switch. */
export const LANGUAGE_COOKIE = 'ladder_lang';
/** How long the language choice is remembered: a year, longer than any review cycle. */
const LANGUAGE_COOKIE_MAX_AGE_SECONDS = 365 * 24 * 60 * 60;

const html = (statusCode: number, body: string, cookies?: string[]): APIGatewayProxyStructuredResultV2 => ({
  statusCode,
  headers: SECURITY_HEADERS,
  body,
  ...(cookies?.length ? { cookies } : {}),
});

/** What the request itself says about language: the switch, the cookie, the browser. */
interface LanguageHints {
  /** `?lang=xx`, when it names a shipped language. */
  chosen?: Locale;
  cookie?: string;
  acceptLanguage: string[];
}

function languageHints(event: APIGatewayProxyEventV2): LanguageHints {
  const chosen = matchLocale(event.queryStringParameters?.[LANGUAGE_PARAMETER]?.split(',')[0]);
  const cookie = (event.cookies ?? [])
    .flatMap((header) => header.split(';'))
    .map((pair) => pair.trim().split('='))
    .find(([name]) => name === LANGUAGE_COOKIE)?.[1];
  return {
    ...(chosen ? { chosen } : {}),
    ...(cookie ? { cookie } : {}),
    acceptLanguage: acceptLanguage(event.headers?.['accept-language']),
  };
}

/** The page language before the link is known (unknown link, errors): no roster locale to go by. */
function anonymousLanguage(hints: LanguageHints): PageLanguage {
  const organisation = organisationDefaults();
  return {
    locale: [hints.chosen, hints.cookie, ...hints.acceptLanguage, organisation.locale],
    timeZone: organisation.timeZone,
  };
}

/**
 * Set-Cookie for a language picked with the switch: scoped to the feedback links (the path above
 * the token), not readable by scripts, sent on top-level navigation only, and HTTPS-only unless
 * the request came over plain HTTP (the local runtime).
 */
function languageCookie(event: APIGatewayProxyEventV2, locale: Locale): string {
  const path = event.rawPath.slice(0, event.rawPath.lastIndexOf('/')) || '/';
  const plainHttp = (event.headers?.['x-forwarded-proto'] ?? '').toLowerCase() === 'http';
  return [
    `${LANGUAGE_COOKIE}=${locale}`,
    `Path=${path}`,
    `Max-Age=${LANGUAGE_COOKIE_MAX_AGE_SECONDS}`,
    'SameSite=Lax',
    'HttpOnly',
    ...(plainHttp ? [] : ['Secure']),
  ].join('; ');
}

async function feedbackForm(event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> {
  const method = event.requestContext.http.method.toUpperCase();
  const hints = languageHints(event);
  const read = method === 'GET' || method === 'HEAD';
  // A cookie is not stored state: GET may set it (mail scanners following links change nothing).
  const cookies = read && hints.chosen ? [languageCookie(event, hints.chosen)] : [];
  const token = event.pathParameters?.token;
  const unknown = () =>
    html(404, renderNotFoundPage({ ...anonymousLanguage(hints), languageSwitch: true }), cookies);
  if (!isWellFormedToken(token)) return unknown();
  const found = await findByTokenHash(hashToken(token));
  if (!found) return unknown();
  const { request, cycle } = found;
  const language = raterLanguage(request, hints);
  if (isClosed(cycle, request))
    return html(410, renderClosedPage({ ...language, languageSwitch: true }), cookies);

  const actionUrl = event.rawPath;
  if (read) {
    return html(200, formPage(request, cycle, actionUrl, language), cookies);
  }
  if (method !== 'POST')
    return {
      ...html(405, renderErrorPage('method', language)),
      headers: { ...SECURITY_HEADERS, allow: 'GET, POST' },
    };

  const contentType = (event.headers?.['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (contentType !== 'application/x-www-form-urlencoded') {
    return html(415, renderErrorPage('contentType', language));
  }
  const raw = event.isBase64Encoded
    ? Buffer.from(event.body ?? '', 'base64')
    : Buffer.from(event.body ?? '', 'utf8');
  if (raw.byteLength > MAX_BODY_BYTES) return html(413, renderErrorPage('tooLarge', language));
  const form = parseForm(raw.toString('utf8'));
  // The language the form was shown in comes back with it: the answer is acknowledged in it.
  const posted = raterLanguage(request, { ...hints, ...postedLanguage(form) });
  const locale = negotiateLocale(posted.locale as readonly (string | undefined)[]);

  const now = new Date().toISOString();
  let saved: SaveOutcome | undefined;
  let declined = false;
  if (isDecline(form)) {
    saved = await saveResponse(request, { status: 'declined' }, now);
    declined = true;
  } else {
    const parsed = parseAnswers(form, request.group);
    if (!parsed.ok) {
      const shown = localisedQuestionnaire(locale);
      return html(
        400,
        formPage(request, cycle, actionUrl, posted, {
          values: formValues(form),
          errors: localiseFieldErrors(parsed.errors, shown, posted),
        }),
      );
    }
    saved = await saveResponse(
      request,
      {
        status: 'answered',
        answers: parsed.answers,
        // Comments are kept as written, with the language they were written in.
        commentLocale: locale,
        questionnaireWording: localisedQuestionnaire(locale).wording ?? `v${QUESTIONNAIRE_V1.version}`,
      },
      now,
    );
  }
  if (saved === undefined) return html(410, renderClosedPage(posted));
  if (saved.firstCompletion) await countCompletion(cycle.quarter);
  logger.info(declined ? 'request declined' : 'answers stored', {
    quarter: cycle.quarter,
    group: request.group,
    locale,
  });
  return html(
    200,
    renderThanksPage({
      ...posted,
      languageSwitch: true,
      leaderName: request.leaderName,
      raterGroup: request.group,
      declined,
      deadline: cycle.deadline,
      editUrl: actionUrl,
    }),
  );
}

/** The posted `lang` field, when it names a shipped language. */
function postedLanguage(form: Record<string, string | string[]>): Partial<LanguageHints> {
  const value = form[LANGUAGE_PARAMETER];
  const chosen = matchLocale(Array.isArray(value) ? value[0] : value);
  return chosen ? { chosen } : {};
}

/**
 * A rater's page language: the switch or cookie, then the language and time zone the roster gave
 * them when the cycle opened (`raterLocale`, `raterTimeZone`), then the organisation's.
 */
function raterLanguage(request: RequestItem, hints: Partial<LanguageHints>): PageLanguage {
  const organisation = organisationDefaults();
  const rater = request as RequestItem & { raterLocale?: string; raterTimeZone?: string };
  return {
    locale: [hints.chosen, hints.cookie, rater.raterLocale, organisation.locale],
    timeZone: rater.raterTimeZone || organisation.timeZone,
  };
}

function isClosed(cycle: CycleItem, request: RequestItem): boolean {
  return (
    cycle.status !== 'collecting' || request.status === 'expired' || Date.now() >= Date.parse(cycle.deadline)
  );
}

/** First answer or decline of a request: count it, and finish the collect wait if it was the last. */
async function countCompletion(quarter: string): Promise<void> {
  const cycle = await countDone(quarter);
  // Unknown outcome (see countDone): the answer is stored; the cycle then closes at its deadline.
  if (!cycle) {
    logger.warn('completion not counted', { quarter });
    return;
  }
  if (cycle.doneCount < cycle.requestCount || !cycle.taskToken) return;
  try {
    await sfn().send(
      new SendTaskSuccessCommand({
        taskToken: cycle.taskToken,
        output: JSON.stringify({
          done: true,
          reason: 'all-done',
          reminderDue: false,
          round: 0,
          secondsToCheckpoint: 1,
        }),
      }),
    );
    logger.info('last answer in: collect finished early', { quarter });
  } catch (error) {
    // The wait timed out a moment ago: the next wait or checkpoint sees the cycle is complete.
    logger.warn('could not finish the collect wait', { quarter, errorName: (error as Error).name });
  }
}

function parseForm(body: string): Record<string, string | string[]> {
  // No prototype: a field named `__proto__` or `constructor` is just an unknown field.
  const form: Record<string, string | string[]> = Object.create(null);
  for (const [name, value] of new URLSearchParams(body)) {
    const existing = form[name];
    form[name] =
      existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return form;
}

function formValues(form: Record<string, string | string[]>) {
  const first = (value: string | string[] | undefined) =>
    Array.isArray(value) ? (value[0] ?? '') : (value ?? '');
  const ratings: Record<string, string> = {};
  for (const [name, value] of Object.entries(form)) {
    if (name.startsWith('rating.')) ratings[name.slice('rating.'.length)] = first(value);
  }
  return { ratings, comments: { keep: first(form['comment.keep']), change: first(form['comment.change']) } };
}

function storedValues(request: RequestItem) {
  if (!request.answers) return undefined;
  const ratings = Object.fromEntries(
    Object.entries(request.answers.ratings).map(([id, rating]) => [
      id,
      rating === null ? 'na' : String(rating),
    ]),
  );
  return { ratings, comments: request.answers.comments };
}

function formPage(
  request: RequestItem,
  cycle: CycleItem,
  actionUrl: string,
  language: PageLanguage,
  override?: { values: ReturnType<typeof formValues>; errors: { field: string; message: string }[] },
): string {
  const values = override?.values ?? storedValues(request);
  const questionnaire = localisedQuestionnaire(negotiateLocale([language.locale].flat()));
  return renderFormPage({
    ...language,
    languageSwitch: true,
    anonymityMinimum: DISPLAY_SETTINGS.anonymityMinimum,
    leaderName: request.leaderName,
    raterGroup: request.group,
    competencies: competenciesFor(request.group, questionnaire),
    scale: questionnaire.scale,
    notObservedLabel: questionnaire.notObservedLabel,
    openQuestions: questionnaire.openQuestions,
    ...(questionnaire.areaLabels ? { areaLabels: questionnaire.areaLabels } : {}),
    deadline: cycle.deadline,
    actionUrl,
    state: request.status === 'answered' ? 'answered' : request.status === 'declined' ? 'declined' : 'new',
    ...(values ? { values } : {}),
    ...(override ? { errors: override.errors } : {}),
  });
}

/** Seconds a rater is asked to wait after a 503 (AWS throttled or failed for a moment). */
export const RETRY_AFTER_SECONDS = 5;

/**
 * Anything unexpected: a page that reveals nothing, and the error name in the log. A transient AWS
 * error (throttling, a 5xx, a timeout — after the SDK's own retries) is 503 with Retry-After: the
 * rater can simply send the form again, and a repeated submission never counts twice. Anything
 * else is a bug: 500.
 */
const errorPage = (): middy.MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2> => ({
  onError: async (request) => {
    // The store may be what failed: the language comes from the request alone.
    const language = anonymousLanguage(languageHints(request.event));
    const page = (problem: ErrorProblem) => renderErrorPage(problem, language);
    if (isTransient(request.error)) {
      logger.warn('feedback form: AWS temporarily unavailable', { errorName: request.error?.name });
      request.response = {
        ...html(503, page('unavailable')),
        headers: { ...SECURITY_HEADERS, 'retry-after': String(RETRY_AFTER_SECONDS) },
      };
      return;
    }
    logger.error('feedback form failed', { errorName: request.error?.name });
    request.response = html(500, page('internal'));
  },
});

export const handler = middy(feedbackForm).use(injectLambdaContext(logger)).use(errorPage());
