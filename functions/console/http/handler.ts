/**
 * The Lambda handler every console function is made of: parse the event, find the route, load the
 * session (or start signing in), check the role and the CSRF token of every POST, run the page,
 * add the security headers. Errors become pages that reveal nothing; a transient AWS error is 503
 * with Retry-After (send again), anything else 500 — details only in the log, never personal data.
 */
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { html } from '../../rendering/html.ts';
import { isTransient } from '../../shared/errors.ts';
import { logger } from '../../shared/middleware.ts';
import { allows } from '../auth/roles.ts';
import { scopeOf } from '../auth/scope.ts';
import { loadSession, validCsrfToken } from '../auth/session.ts';
import { startSignIn } from '../auth/sign-in.ts';
import { messagePage } from '../pages/layout.ts';
import { type ConsoleSettings, consoleSettings } from '../settings.ts';
import { BadRequestError, textField, toConsoleRequest } from './request.ts';
import { type ConsoleResponse, htmlResponse, withSecurityHeaders } from './response.ts';
import { findRoute, type Route } from './router.ts';

export const RETRY_AFTER_SECONDS = 5;

function relativePath(rawPath: string, basePath: string): string | undefined {
  if (rawPath === basePath || rawPath === `${basePath}/`) return '/';
  if (!rawPath.startsWith(`${basePath}/`)) return undefined;
  return rawPath.slice(basePath.length).replace(/\/+$/, '') || '/';
}

function statusPage(
  settings: ConsoleSettings,
  status: number,
  heading: string,
  text: string,
): ConsoleResponse {
  return htmlResponse(
    status,
    messagePage({ title: heading, basePath: settings.basePath, heading, paragraphs: [text] }),
  );
}

async function route(
  event: APIGatewayProxyEventV2,
  routes: readonly Route[],
  settings: ConsoleSettings,
): Promise<ConsoleResponse> {
  const now = new Date();
  const request = toConsoleRequest(event);
  const path = relativePath(request.path, settings.basePath);
  const found = path === undefined ? ({ status: 404 } as const) : findRoute(routes, request.method, path);
  if ('status' in found) {
    if (found.status === 405) {
      const response = statusPage(settings, 405, 'Not allowed', 'This page cannot be used this way.');
      return { ...response, headers: { ...response.headers, allow: found.allow.join(', ') } };
    }
    return statusPage(settings, 404, 'Page not found', 'There is no such page in the Ladder console.');
  }
  request.params = found.params;
  const { route } = found;
  if (route.access === 'public') return route.handle({ request, settings, now });

  const session = await loadSession(request, settings, now);
  if (!session.user) {
    if (request.method === 'GET' || request.method === 'HEAD') {
      const query = request.query.toString();
      return startSignIn(settings, `${request.path}${query ? `?${query}` : ''}`, now);
    }
    return htmlResponse(
      401,
      messagePage({
        title: 'Signed out',
        basePath: settings.basePath,
        heading: session.ended ? 'Your session has ended' : 'You are not signed in',
        paragraphs: [
          'Nothing was changed. Sign in again, then repeat what you were doing.',
          html`<a href="${settings.basePath}/">Sign in</a>`,
        ],
      }),
    );
  }
  const user = session.user;
  if (!allows(user.roles, route.access)) {
    return htmlResponse(
      403,
      messagePage({
        title: 'Not allowed',
        basePath: settings.basePath,
        user,
        heading: user.roles.length === 0 ? 'Your account has no Ladder role' : 'Not allowed',
        paragraphs: [
          user.roles.length === 0
            ? 'Ask your Ladder administrator to add your account to the hr-admin, hr-viewer or manager group.'
            : 'Your role does not allow this page or action.',
        ],
      }),
    );
  }
  if (route.method === 'POST') {
    const form = await request.form({ uploads: route.uploads ?? false });
    if (!validCsrfToken(user, textField(form, 'csrf'))) {
      logger.warn('console: POST refused without a valid CSRF token', { route: route.path });
      return htmlResponse(
        403,
        messagePage({
          title: 'Form refused',
          basePath: settings.basePath,
          user,
          heading: 'This form was refused',
          paragraphs: [
            'It did not carry this session’s security token, so nothing was changed. Go back, reload the page and send the form again.',
          ],
        }),
      );
    }
  }
  // Routes any signed-in user may use (home, sign-out) show no team's data: no roster read for them
  // (ConsoleAuth may read sessions only).
  const scope =
    route.access === 'session' ? { managerIds: new Set<string>(), people: [] } : await scopeOf(user);
  return route.handle({ request, settings, now, auth: { user, scope } });
}

/** A console Lambda handler serving `routes`. */
export function consoleHandler(routes: readonly Route[]) {
  const handle = async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> => {
    let settings: ConsoleSettings;
    try {
      settings = consoleSettings();
    } catch (error) {
      logger.error('console misconfigured', { errorName: (error as Error).name });
      return withSecurityHeaders(
        htmlResponse(
          500,
          '<!doctype html><title>Ladder console</title><p>The console is not configured.</p>',
        ),
        { secure: true, formTargets: [] },
      );
    }
    const headerOptions = {
      secure: settings.secureCookies,
      formTargets: [
        new URL(settings.issuer).origin,
        ...(settings.logoutUrl ? [new URL(settings.logoutUrl).origin] : []),
      ],
    };
    let response: ConsoleResponse;
    try {
      response = await route(event, routes, settings);
    } catch (error) {
      response = errorResponse(error, settings);
    }
    if (event.requestContext.http.method.toUpperCase() === 'HEAD') response = { ...response, body: '' };
    return withSecurityHeaders(response, headerOptions);
  };
  return middy(handle).use(injectLambdaContext(logger));
}

function errorResponse(error: unknown, settings: ConsoleSettings): ConsoleResponse {
  if (error instanceof BadRequestError) {
    return statusPage(settings, error.status, 'The request was refused', error.message);
  }
  if (isTransient(error)) {
    logger.warn('console: AWS temporarily unavailable', { errorName: (error as Error).name });
    const response = statusPage(
      settings,
      503,
      'Please try again',
      'Ladder could not complete this just now. Wait a few seconds and try again; nothing is counted twice.',
    );
    return { ...response, headers: { ...response.headers, 'retry-after': String(RETRY_AFTER_SECONDS) } };
  }
  logger.error('console failed', { errorName: (error as Error)?.name });
  return statusPage(
    settings,
    500,
    'Something went wrong',
    'Something went wrong on our side. Please try again in a minute.',
  );
}
