import { createHash, randomBytes } from 'node:crypto';

/** 256 random bits, base64url: 43 characters. Only the SHA-256 of a token is ever stored. */
export function newLinkToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Cheap shape check before any database read: anything else is an unknown link. */
export function isWellFormedToken(token: unknown): token is string {
  return typeof token === 'string' && /^[A-Za-z0-9_-]{43}$/.test(token);
}
