/**
 * The console's two cookies: the session, and a sign-in in progress. Both HttpOnly, SameSite=Lax
 * (the identity provider's redirect back is a top-level GET, which Lax allows), expiring. Over HTTPS
 * they are `Secure` with the `__Host-` prefix (bound to this host, path /); on plain local HTTP, where
 * a browser would drop a Secure cookie, they are neither, and scoped to the console's path.
 */
import { stringifySetCookie } from 'cookie';
import type { ConsoleSettings } from '../settings.ts';

export type CookieKind = 'session' | 'login';

export function cookieName(kind: CookieKind, settings: Pick<ConsoleSettings, 'secureCookies'>): string {
  const base = kind === 'session' ? 'ladder_session' : 'ladder_login';
  return settings.secureCookies ? `__Host-${base}` : base;
}

function attributes(settings: Pick<ConsoleSettings, 'secureCookies' | 'basePath'>) {
  return settings.secureCookies
    ? { path: '/', secure: true, httpOnly: true, sameSite: 'lax' as const }
    : { path: settings.basePath || '/', secure: false, httpOnly: true, sameSite: 'lax' as const };
}

export function setCookie(
  kind: CookieKind,
  value: string,
  maxAgeSeconds: number,
  settings: Pick<ConsoleSettings, 'secureCookies' | 'basePath'>,
): string {
  return stringifySetCookie({
    name: cookieName(kind, settings),
    value,
    maxAge: Math.max(0, Math.floor(maxAgeSeconds)),
    ...attributes(settings),
  });
}

export function clearCookie(
  kind: CookieKind,
  settings: Pick<ConsoleSettings, 'secureCookies' | 'basePath'>,
): string {
  return stringifySetCookie({
    name: cookieName(kind, settings),
    value: '',
    maxAge: 0,
    expires: new Date(0),
    ...attributes(settings),
  });
}
