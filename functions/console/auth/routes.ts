/**
 * The sign-in callback and sign-out (the ConsoleAuth function: the only one that holds the client
 * secret). The callback uses its sign-in once: state checked, code exchanged with the PKCE verifier,
 * ID token claims validated (issuer, audience, expiry, nonce) by oauth4webapi; roles come from the
 * group claim. Sign-out revokes the session on the server, then continues at the provider's sign-out
 * when it offers one.
 */
import * as oauth from 'oauth4webapi';
import { html } from '../../rendering/html.ts';
import { logger } from '../../shared/middleware.ts';
import { getSession, revokeSession, takeLogin } from '../../shared/store/session-store.ts';
import { clearCookie, cookieName } from '../http/cookies.ts';
import { type ConsoleResponse, htmlResponse, redirect } from '../http/response.ts';
import type { Route, RouteContext } from '../http/router.ts';
import { messagePage } from '../pages/layout.ts';
import type { ConsoleSettings } from '../settings.ts';
import { clientSecret } from './client-secret.ts';
import { authorizationServer, callbackUrl, oauthClient, requestOptions, signedOutUrl } from './provider.ts';
import { rolesFromClaims } from './roles.ts';
import { clearSessionCookie, createSession } from './session.ts';
import { hashId } from './sign-in.ts';

function signInFailed(
  settings: ConsoleSettings,
  status: number,
  text: string,
  cookies: string[],
): ConsoleResponse {
  return htmlResponse(
    status,
    messagePage({
      title: 'Sign-in did not complete',
      basePath: settings.basePath,
      heading: 'Sign-in did not complete',
      paragraphs: [text, html`<a href="${settings.basePath}/">Sign in again</a>`],
    }),
    cookies,
  );
}

async function callback(context: RouteContext): Promise<ConsoleResponse> {
  const { request, settings, now } = context;
  const clearLogin = clearCookie('login', settings);
  const loginId = request.cookies[cookieName('login', settings)];
  const login = loginId && loginId.length <= 100 ? await takeLogin(hashId(loginId), now) : undefined;
  if (!login) {
    return signInFailed(
      settings,
      400,
      'This sign-in has expired, was already used, or was started in another browser.',
      [clearLogin],
    );
  }
  const server = await authorizationServer(settings);
  const client = oauthClient(settings);
  let params: URLSearchParams;
  try {
    params = oauth.validateAuthResponse(server, client, request.query, login.state);
  } catch (error) {
    if (error instanceof oauth.AuthorizationResponseError) {
      logger.warn('console: the identity provider refused the sign-in', { error: error.error });
      return signInFailed(
        settings,
        error.error === 'access_denied' ? 403 : 400,
        `The identity provider said: ${error.error_description ?? error.error}.`,
        [clearLogin],
      );
    }
    logger.warn('console: invalid sign-in response', { errorName: (error as Error).name });
    return signInFailed(settings, 400, 'The answer of the identity provider did not match this sign-in.', [
      clearLogin,
    ]);
  }
  let claims: oauth.IDToken;
  let idToken: string | undefined;
  try {
    const response = await oauth.authorizationCodeGrantRequest(
      server,
      client,
      oauth.ClientSecretBasic(await clientSecret()),
      params,
      callbackUrl(settings),
      login.codeVerifier,
      requestOptions(settings),
    );
    const result = await oauth.processAuthorizationCodeResponse(server, client, response, {
      expectedNonce: login.nonce,
      requireIdToken: true,
    });
    claims = oauth.getValidatedIdTokenClaims(result)!;
    idToken = result.id_token;
  } catch (error) {
    if (error instanceof oauth.ResponseBodyError || error instanceof oauth.OperationProcessingError) {
      logger.warn('console: code exchange or ID token refused', { errorName: error.name });
      return signInFailed(settings, 400, 'The identity provider’s answer could not be verified.', [
        clearLogin,
      ]);
    }
    throw error;
  }
  const email = typeof claims.email === 'string' ? claims.email : '';
  const name = typeof claims.name === 'string' && claims.name ? claims.name : email || claims.sub;
  const roles = rolesFromClaims(claims as Record<string, unknown>, settings);
  const sessionCookie = await createSession(
    { subject: claims.sub, name, email, roles, ...(idToken ? { idToken } : {}) },
    settings,
    now,
  );
  logger.info('console: signed in', { roles });
  return redirect(login.returnTo, [sessionCookie, clearLogin]);
}

async function signOut(
  context: RouteContext & { auth: { user: { sessionHash: string } } },
): Promise<ConsoleResponse> {
  const { settings, now, auth } = context;
  const session = await getSession(auth.user.sessionHash);
  await revokeSession(auth.user.sessionHash, now);
  logger.info('console: signed out');
  const cookies = [clearSessionCookie(settings)];
  const server = await authorizationServer(settings).catch(() => undefined);
  if (server?.end_session_endpoint) {
    const url = new URL(server.end_session_endpoint);
    url.searchParams.set('client_id', settings.clientId);
    url.searchParams.set('post_logout_redirect_uri', signedOutUrl(settings));
    if (session?.idToken) url.searchParams.set('id_token_hint', session.idToken);
    return redirect(url.href, cookies);
  }
  return redirect(settings.logoutUrl ?? signedOutUrl(settings), cookies);
}

async function signedOut(context: RouteContext): Promise<ConsoleResponse> {
  const { settings } = context;
  return htmlResponse(
    200,
    messagePage({
      title: 'Signed out',
      basePath: settings.basePath,
      heading: 'You are signed out',
      paragraphs: [
        'Your console session has ended on the server: the cookie it used no longer opens any page.',
        html`<a href="${settings.basePath}/">Sign in again</a>`,
      ],
    }),
  );
}

export const authRoutes: Route[] = [
  {
    method: 'GET',
    path: '/auth/callback',
    access: 'public',
    handle: callback,
  },
  { method: 'POST', path: '/auth/sign-out', access: 'session', handle: signOut },
  {
    method: 'GET',
    path: '/auth/signed-out',
    access: 'public',
    handle: signedOut,
  },
];
