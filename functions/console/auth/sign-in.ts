/**
 * Starting a sign-in: the authorization code flow with PKCE (S256), a state bound to this browser by
 * a short-lived cookie, and a nonce for the ID token. What the callback needs (state, nonce, code
 * verifier, where to return) is stored under the SHA-256 of the cookie's random id, for 10 minutes,
 * usable once. Nothing here needs the client secret.
 */
import { createHash, randomBytes } from 'node:crypto';
import * as oauth from 'oauth4webapi';
import { putLogin } from '../../shared/store/session-store.ts';
import { setCookie } from '../http/cookies.ts';
import { type ConsoleResponse, redirect } from '../http/response.ts';
import type { ConsoleSettings } from '../settings.ts';
import { authorizationServer, callbackUrl } from './provider.ts';

export const SIGN_IN_SECONDS = 10 * 60;
export const SCOPES = 'openid email profile';

export const hashId = (id: string) => createHash('sha256').update(id).digest('base64url');
export const randomId = () => randomBytes(32).toString('base64url');

/**
 * Only a console path may be returned to after sign-in (never another site, never a protocol-relative
 * URL, never the auth routes themselves).
 */
export function safeReturnPath(path: string | null | undefined, settings: ConsoleSettings): string {
  const home = `${settings.basePath}/`;
  if (!path || path.length > 512) return home;
  if (!path.startsWith(`${settings.basePath}/`) && path !== settings.basePath) return home;
  if (/[\\\p{Cc}]/u.test(path) || path.startsWith('//') || path.includes('/auth/')) return home;
  return path;
}

/** 303 to the provider's authorization endpoint, with the sign-in cookie set. */
export async function startSignIn(
  settings: ConsoleSettings,
  returnTo: string,
  now: Date = new Date(),
): Promise<ConsoleResponse> {
  const server = await authorizationServer(settings);
  if (!server.authorization_endpoint) throw new Error('The OpenID provider has no authorization endpoint');
  const loginId = randomId();
  const state = oauth.generateRandomState();
  const nonce = oauth.generateRandomNonce();
  const codeVerifier = oauth.generateRandomCodeVerifier();
  const codeChallenge = await oauth.calculatePKCECodeChallenge(codeVerifier);
  await putLogin(hashId(loginId), {
    state,
    nonce,
    codeVerifier,
    returnTo: safeReturnPath(returnTo, settings),
    createdAt: now.toISOString(),
    expiresAt: Math.floor(now.getTime() / 1000) + SIGN_IN_SECONDS,
  });
  const url = new URL(server.authorization_endpoint);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: settings.clientId,
    redirect_uri: callbackUrl(settings),
    scope: SCOPES,
    state,
    nonce,
    code_challenge: codeChallenge,
    code_challenge_method: 'S256',
  }).toString();
  return redirect(url.href, [setCookie('login', loginId, SIGN_IN_SECONDS, settings)]);
}
