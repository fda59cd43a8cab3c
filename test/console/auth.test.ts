/**
 * Console sign-in over the wire, through the real local OpenID provider: authorization code flow
 * with PKCE, cookies, the callback used once, server-side sign-out, idle expiry, CSRF on every POST,
 * roles, and the security headers of every response.
 */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { parseSetCookie } from 'cookie';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashId } from '../../functions/console/auth/sign-in.ts';
import { dynamo, sfn } from '../../functions/shared/aws-clients.ts';
import { listAttempts } from '../../functions/shared/cycle-starter.ts';
import { keys } from '../../functions/shared/keys.ts';
import { getSession } from '../../functions/shared/store/session-store.ts';
import { type LocalRuntime, startLocalRuntime } from '../../local/runtime.ts';
import { ConsoleClient, csrfToken, textOf } from '../support/console-client.ts';

let runtime: LocalRuntime;
const user = (role: string) => runtime.consoleUsers.find((u) => u.groups.includes(role))!;

beforeAll(async () => {
  runtime = await startLocalRuntime({ quiet: true });
});
afterAll(() => runtime?.close());

describe('signed out', () => {
  it('GET /console/ sends the browser to the provider’s authorization endpoint with PKCE (S256)', async () => {
    const response = await fetch(`${runtime.endpoints.console}/`, { redirect: 'manual' });
    expect(response.status).toBe(303);
    const location = new URL(response.headers.get('location')!);
    expect(`${location.origin}${location.pathname}`).toBe(`${runtime.endpoints.oidc}/auth`);
    const params = location.searchParams;
    expect(params.get('response_type')).toBe('code');
    expect(params.get('code_challenge_method')).toBe('S256');
    expect(params.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(params.get('state')).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(params.get('nonce')).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(params.get('redirect_uri')).toBe(`${runtime.endpoints.console}/auth/callback`);
    expect(params.get('scope')).toBe('openid email profile');
    const [cookie] = response.headers.getSetCookie();
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Max-Age=600/);
    expect(cookie).toMatch(/Path=\/console/);
    // Plain local HTTP: a browser would drop a Secure cookie (on AWS: Secure and __Host-).
    expect(cookie).not.toMatch(/Secure/);
  });

  it('every response carries the strict security headers', async () => {
    const response = await fetch(`${runtime.endpoints.console}/auth/signed-out`);
    expect(response.status).toBe(200);
    const csp = response.headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'none'");
    expect(csp).toMatch(/style-src 'sha256-[A-Za-z0-9+/=]+'/);
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('script-src');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain(`form-action 'self' ${runtime.endpoints.oidc}`);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(await response.text()).not.toMatch(/<script/i);
  });

  it('a POST without a session changes nothing and says so (401)', async () => {
    const response = await fetch(`${runtime.endpoints.console}/cycles`, {
      method: 'POST',
      body: new URLSearchParams({ quarter: '2026-Q2' }),
    });
    expect(response.status).toBe(401);
    expect(await listAttempts(sfn(), runtime.stateMachineArn, '2026-Q2')).toEqual([]);
  });
});

describe('signing in', () => {
  it('returns to the page first asked for, with an HttpOnly, SameSite=Lax, expiring session cookie', async () => {
    const client = new ConsoleClient(runtime.endpoints.console);
    const page = await client.signIn(user('hr-admin'), '/console/bench?quarter=2026-Q1');
    expect(page.status).toBe(200);
    expect(page.url).toBe(`${runtime.endpoints.console}/bench?quarter=2026-Q1`);
    expect(textOf(page.html)).toContain('Signed in as Hana Admin (HR admin)');
    const callback = page.trail.find((url) => url.includes('/auth/callback'))!;
    const raw = await fetch(callback, { redirect: 'manual', headers: { cookie: '' } });
    expect(raw.status).toBe(400); // no sign-in cookie: not this browser's sign-in
    const session = client.cookies.find((c) => c.name === 'ladder_session')!;
    expect(session.path).toBe('/console');
    expect(session.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // Only the hash is stored, with the user's roles.
    const stored = await getSession(hashId(session.value));
    expect(stored).toMatchObject({ email: user('hr-admin').email, roles: ['hr-admin'] });
    expect(JSON.stringify(stored)).not.toContain(session.value);
  });

  it('the callback works once: replayed, or with a state that does not match, it signs nobody in', async () => {
    const client = new ConsoleClient(runtime.endpoints.console);
    const page = await client.signIn(user('hr-viewer'));
    const callback = page.trail.find((url) => url.includes('/auth/callback'))!;
    const replay = await client.fetch(callback);
    expect(replay.status).toBe(400);
    expect(textOf(replay.html)).toContain('Sign-in did not complete');

    const start = await fetch(`${runtime.endpoints.console}/`, { redirect: 'manual' });
    const login = parseSetCookie(start.headers.getSetCookie()[0]!);
    const forged = await fetch(`${runtime.endpoints.console}/auth/callback?code=abc&state=not-the-state`, {
      redirect: 'manual',
      headers: { cookie: `${login.name}=${login.value}` },
    });
    expect(forged.status).toBe(400);
    expect(
      forged.headers.getSetCookie().some((c) => c.startsWith('ladder_session=') && !c.includes('Max-Age=0')),
    ).toBe(false);
  });

  it('a wrong password is refused by the provider, naming the problem', async () => {
    const client = new ConsoleClient(runtime.endpoints.console);
    const page = await client.signIn({ email: user('hr-admin').email, password: 'guess' });
    expect(page.status).toBe(400);
    expect(textOf(page.html)).toContain('The email address or the password is not right.');
    expect(client.cookies.some((c) => c.name === 'ladder_session')).toBe(false);
  });
});

describe('signed in', () => {
  it('a POST without the CSRF token, or with another session’s, is refused and changes nothing', async () => {
    const admin = new ConsoleClient(runtime.endpoints.console);
    const page = await admin.signIn(user('hr-admin'), '/console/cycles');
    const other = new ConsoleClient(runtime.endpoints.console);
    const otherPage = await other.signIn(user('hr-admin'), '/console/cycles');
    expect(csrfToken(otherPage.html)).not.toBe(csrfToken(page.html));

    const missing = await admin.post('/console/cycles', { quarter: '2026-Q2' });
    expect(missing.status).toBe(403);
    expect(textOf(missing.html)).toContain('This form was refused');
    const foreign = await admin.post('/console/cycles', {
      quarter: '2026-Q2',
      csrf: csrfToken(otherPage.html)!,
    });
    expect(foreign.status).toBe(403);
    expect(await listAttempts(sfn(), runtime.stateMachineArn, '2026-Q2')).toEqual([]);
  });

  it('roles: a viewer cannot start a cycle, a manager cannot open the roster', async () => {
    const viewer = new ConsoleClient(runtime.endpoints.console);
    const cycles = await viewer.signIn(user('hr-viewer'), '/console/cycles');
    expect(cycles.html).not.toContain('Start the review cycle');
    const refused = await viewer.post('/console/cycles', { quarter: '2026-Q2' }, cycles);
    expect(refused.status).toBe(403);
    const manager = new ConsoleClient(runtime.endpoints.console);
    const home = await manager.signIn(user('manager'));
    expect(home.url).toContain('/console/readiness');
    expect((await manager.get('/console/roster')).status).toBe(403);
    expect((await manager.get('/console/calibration')).status).toBe(403);
  });

  it('sign-out ends the session on the server: the same cookie opens nothing afterwards', async () => {
    const client = new ConsoleClient(runtime.endpoints.console);
    const page = await client.signIn(user('hr-admin'), '/console/cycles');
    const session = client.cookies.find((c) => c.name === 'ladder_session')!.value;
    const out = await fetch(`${runtime.endpoints.console}/auth/sign-out`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: `ladder_session=${session}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ csrf: csrfToken(page.html)! }),
    });
    expect(out.status).toBe(303);
    const endSession = new URL(out.headers.get('location')!);
    expect(endSession.origin).toBe(runtime.endpoints.oidc);
    expect(endSession.searchParams.get('post_logout_redirect_uri')).toBe(
      `${runtime.endpoints.console}/auth/signed-out`,
    );
    expect(endSession.searchParams.get('id_token_hint')).toBeTruthy();
    expect(
      out.headers.getSetCookie().some((c) => c.startsWith('ladder_session=;') && c.includes('Max-Age=0')),
    ).toBe(true);
    const revoked = await getSession(hashId(session));
    expect(revoked?.revokedAt).toBeTruthy();
    // Expired now: the table's TTL deletes it (and the local sweeper does the same).
    expect(revoked?.expiresAt).toBeLessThanOrEqual(Math.floor(Date.now() / 1000));
    expect(revoked?.idToken).toBeUndefined();
    // Someone who kept a copy of the cookie:
    const again = await fetch(`${runtime.endpoints.console}/cycles`, {
      redirect: 'manual',
      headers: { cookie: `ladder_session=${session}` },
    });
    expect(again.status).toBe(303);
    expect(again.headers.get('location')).toContain(`${runtime.endpoints.oidc}/auth`);
  });

  it('a session carries the table TTL (epoch seconds): deleted by DynamoDB at most 8 hours on', async () => {
    const client = new ConsoleClient(runtime.endpoints.console);
    const before = Math.floor(Date.now() / 1000);
    await client.signIn(user('hr-viewer'), '/console/cycles');
    const session = client.cookies.find((c) => c.name === 'ladder_session')!.value;
    const stored = await getSession(hashId(session));
    expect(typeof stored?.expiresAt).toBe('number');
    expect(stored!.expiresAt).toBeGreaterThanOrEqual(before + 8 * 60 * 60);
    expect(stored!.expiresAt).toBeLessThanOrEqual(Math.floor(Date.now() / 1000) + 8 * 60 * 60);
  });

  it('a session idle for more than 30 minutes has ended', async () => {
    const client = new ConsoleClient(runtime.endpoints.console);
    await client.signIn(user('hr-viewer'), '/console/cycles');
    const session = client.cookies.find((c) => c.name === 'ladder_session')!.value;
    await dynamo().send(
      new UpdateCommand({
        TableName: runtime.tableName,
        Key: keys.session(hashId(session)),
        UpdateExpression: 'SET seenAt = :old',
        ExpressionAttributeValues: { ':old': new Date(Date.now() - 31 * 60 * 1000).toISOString() },
      }),
    );
    const page = await fetch(`${runtime.endpoints.console}/cycles`, {
      redirect: 'manual',
      headers: { cookie: `ladder_session=${session}` },
    });
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toContain(`${runtime.endpoints.oidc}/auth`);
  });
});
