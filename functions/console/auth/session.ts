/**
 * Console sessions (docs/security.md, "Console"): a random 256-bit id in an HttpOnly cookie, only its
 * SHA-256 in the table. A session lasts at most 8 hours and ends after 30 minutes without a request,
 * or at sign-out, which revokes it on the server. Every state-changing form carries the session's
 * CSRF token (synchronizer token), compared in constant time.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { ConsoleRole, SessionItem } from '../../shared/store/items.ts';
import { getSession, putSession, touchSession } from '../../shared/store/session-store.ts';
import { clearCookie, cookieName, setCookie } from '../http/cookies.ts';
import type { ConsoleRequest } from '../http/request.ts';
import type { ConsoleSettings } from '../settings.ts';
import { hashId, randomId } from './sign-in.ts';

export const SESSION_SECONDS = 8 * 60 * 60;
export const IDLE_SECONDS = 30 * 60;
/** The idle clock is written at most this often (one write per few minutes of browsing, not per page). */
export const TOUCH_SECONDS = 5 * 60;

export interface ConsoleUser {
  subject: string;
  name: string;
  email: string;
  roles: ConsoleRole[];
  csrfToken: string;
  /** SHA-256 of the session id: the session's key. */
  sessionHash: string;
  /** Absolute end of the session (ISO). */
  expiresAt: string;
}

/** Why there is no user: no cookie, or a session that ended (the page says which). */
export type SessionState = { user: ConsoleUser } | { user: undefined; ended: boolean };

export function isLive(session: SessionItem, now: Date): boolean {
  const t = now.getTime();
  return (
    !session.revokedAt && t < session.expiresAt * 1000 && t < Date.parse(session.seenAt) + IDLE_SECONDS * 1000
  );
}

export async function loadSession(
  request: ConsoleRequest,
  settings: ConsoleSettings,
  now: Date = new Date(),
): Promise<SessionState> {
  const id = request.cookies[cookieName('session', settings)];
  if (!id || id.length > 100) return { user: undefined, ended: false };
  const sessionHash = hashId(id);
  const session = await getSession(sessionHash);
  if (!session || !isLive(session, now)) return { user: undefined, ended: session !== undefined };
  if (now.getTime() - Date.parse(session.seenAt) > TOUCH_SECONDS * 1000) {
    if (!(await touchSession(sessionHash, now))) return { user: undefined, ended: true };
  }
  return {
    user: {
      subject: session.subject,
      name: session.name,
      email: session.email,
      roles: session.roles,
      csrfToken: session.csrfToken,
      sessionHash,
      expiresAt: new Date(session.expiresAt * 1000).toISOString(),
    },
  };
}

export interface NewSession {
  subject: string;
  name: string;
  email: string;
  roles: ConsoleRole[];
  idToken?: string;
}

/** Stores a new session and returns the Set-Cookie header that carries it. */
export async function createSession(
  user: NewSession,
  settings: ConsoleSettings,
  now: Date = new Date(),
): Promise<string> {
  const id = randomId();
  // Epoch seconds: the table's TTL attribute, so DynamoDB deletes the session (names, ID token) after it ends.
  const expiresAt = Math.floor(now.getTime() / 1000) + SESSION_SECONDS;
  await putSession(hashId(id), {
    subject: user.subject,
    name: user.name,
    email: user.email,
    roles: user.roles,
    csrfToken: randomBytes(32).toString('base64url'),
    createdAt: now.toISOString(),
    seenAt: now.toISOString(),
    expiresAt,
    ...(user.idToken ? { idToken: user.idToken } : {}),
  });
  return setCookie('session', id, SESSION_SECONDS, settings);
}

export function clearSessionCookie(settings: ConsoleSettings): string {
  return clearCookie('session', settings);
}

/** True when the posted token is the session's (constant-time comparison). */
export function validCsrfToken(user: ConsoleUser, posted: string | undefined): boolean {
  if (!posted) return false;
  const expected = Buffer.from(user.csrfToken);
  const actual = Buffer.from(posted);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
