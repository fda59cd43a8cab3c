/**
 * HTTP API handler behind a personal feedback link: `GET /feedback/{token}` renders the form,
 * `POST` validates and stores answers or a decline. GET never changes state (mail scanners follow
 * links). Unknown link → 404 revealing nothing; closed cycle → 410; invalid answers → 400 with the
 * form shown again and nothing stored. The last answer of a cycle finishes the collect wait.
 */

import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { SendTaskSuccessCommand } from '@aws-sdk/client-sfn';
import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { isDecline, parseAnswers } from '../core/answers.ts';
import { competenciesFor, QUESTIONNAIRE_V1 } from '../core/questionnaire.ts';
import {
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

const html = (statusCode: number, body: string): APIGatewayProxyStructuredResultV2 => ({
  statusCode,
  headers: SECURITY_HEADERS,
  body,
});

async function feedbackForm(event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> {
  const method = event.requestContext.http.method.toUpperCase();
  const token = event.pathParameters?.token;
  if (!isWellFormedToken(token)) return html(404, renderNotFoundPage());
  const found = await findByTokenHash(hashToken(token));
  if (!found) return html(404, renderNotFoundPage());
  const { request, cycle } = found;
  if (isClosed(cycle, request)) return html(410, renderClosedPage());

  const actionUrl = event.rawPath;
  if (method === 'GET' || method === 'HEAD') {
    return html(200, formPage(request, cycle, actionUrl));
  }
  if (method !== 'POST')
    return {
      ...html(405, renderErrorPage('This page only accepts GET and POST.')),
      headers: { ...SECURITY_HEADERS, allow: 'GET, POST' },
    };

  const contentType = (event.headers?.['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (contentType !== 'application/x-www-form-urlencoded') {
    return html(415, renderErrorPage('The form must be sent as application/x-www-form-urlencoded.'));
  }
  const raw = event.isBase64Encoded
    ? Buffer.from(event.body ?? '', 'base64')
    : Buffer.from(event.body ?? '', 'utf8');
  if (raw.byteLength > MAX_BODY_BYTES)
    return html(413, renderErrorPage('The form is too large to be accepted.'));
  const form = parseForm(raw.toString('utf8'));

  const now = new Date().toISOString();
  let saved: SaveOutcome | undefined;
  let declined = false;
  if (isDecline(form)) {
    saved = await saveResponse(request, { status: 'declined' }, now);
    declined = true;
  } else {
    const parsed = parseAnswers(form, request.group);
    if (!parsed.ok) {
      return html(
        400,
        formPage(request, cycle, actionUrl, { values: formValues(form), errors: parsed.errors }),
      );
    }
    saved = await saveResponse(request, { status: 'answered', answers: parsed.answers }, now);
  }
  if (saved === undefined) return html(410, renderClosedPage());
  if (saved.firstCompletion) await countCompletion(cycle.quarter);
  logger.info(declined ? 'request declined' : 'answers stored', {
    quarter: cycle.quarter,
    group: request.group,
  });
  return html(
    200,
    renderThanksPage({
      leaderName: request.leaderName,
      raterGroup: request.group,
      declined,
      deadline: cycle.deadline,
      editUrl: actionUrl,
    }),
  );
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
  override?: { values: ReturnType<typeof formValues>; errors: { field: string; message: string }[] },
): string {
  const values = override?.values ?? storedValues(request);
  return renderFormPage({
    leaderName: request.leaderName,
    raterGroup: request.group,
    competencies: competenciesFor(request.group),
    scale: QUESTIONNAIRE_V1.scale,
    notObservedLabel: QUESTIONNAIRE_V1.notObservedLabel,
    openQuestions: QUESTIONNAIRE_V1.openQuestions,
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
    if (isTransient(request.error)) {
      logger.warn('feedback form: AWS temporarily unavailable', { errorName: request.error?.name });
      request.response = {
        ...html(
          503,
          renderErrorPage(
            'We could not save or show this page just now. Please wait a few seconds and try again; your answers are counted only once.',
          ),
        ),
        headers: { ...SECURITY_HEADERS, 'retry-after': String(RETRY_AFTER_SECONDS) },
      };
      return;
    }
    logger.error('feedback form failed', { errorName: request.error?.name });
    request.response = html(
      500,
      renderErrorPage('Something went wrong on our side. Please try again in a minute.'),
    );
  },
});

export const handler = middy(feedbackForm).use(injectLambdaContext(logger)).use(errorPage());
