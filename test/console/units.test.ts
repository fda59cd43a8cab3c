/** The console's small pure parts: roles, cookies, return paths, routing, charts that escape. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allows, rolesFromClaims } from '../../functions/console/auth/roles.ts';
import { validCsrfToken } from '../../functions/console/auth/session.ts';
import { safeReturnPath } from '../../functions/console/auth/sign-in.ts';
import { barChart } from '../../functions/console/charts/bars.ts';
import { heatmapChart } from '../../functions/console/charts/heatmap.ts';
import { sparkline } from '../../functions/console/charts/lines.ts';
import { scatterChart } from '../../functions/console/charts/scatter.ts';
import { cookieName, setCookie } from '../../functions/console/http/cookies.ts';
import { findRoute, type Route } from '../../functions/console/http/router.ts';
import { utcFromLocalField } from '../../functions/console/pages/cycles.ts';
import type { ConsoleSettings } from '../../functions/console/settings.ts';

const settings: ConsoleSettings = {
  baseUrl: 'https://api.example.com/console',
  basePath: '/console',
  secureCookies: true,
  issuer: 'https://idp.example.com',
  clientId: 'c',
  groupsClaim: 'cognito:groups',
  roleGroups: { 'hr-admin': 'hr-admin', 'hr-viewer': 'hr-viewer', manager: 'manager' },
  logoutUrl: undefined,
  allowHttp: false,
};

describe('roles', () => {
  it('come from the configured group claim, with a configurable mapping (Entra ID group ids)', () => {
    expect(rolesFromClaims({ 'cognito:groups': ['manager', 'sales'] }, settings)).toEqual(['manager']);
    expect(rolesFromClaims({ groups: ['hr-admin'] }, settings)).toEqual([]);
    const entra = {
      ...settings,
      groupsClaim: 'groups',
      roleGroups: { ...settings.roleGroups, 'hr-admin': '6f1c-0a' },
    };
    expect(rolesFromClaims({ groups: ['6f1c-0a', 'hr-admin'] }, entra)).toEqual(['hr-admin']);
    expect(rolesFromClaims({ 'cognito:groups': 'hr-viewer manager' }, settings)).toEqual([
      'hr-viewer',
      'manager',
    ]);
    expect(rolesFromClaims({ 'cognito:groups': [42, null] }, settings)).toEqual([]);
  });

  it('admin changes, HR reads everything, managers read their teams, anyone signed in signs out', () => {
    expect(allows(['hr-admin'], 'admin')).toBe(true);
    expect(allows(['hr-viewer'], 'admin')).toBe(false);
    expect(allows(['hr-viewer'], 'hr')).toBe(true);
    expect(allows(['manager'], 'hr')).toBe(false);
    expect(allows(['manager'], 'any')).toBe(true);
    expect(allows([], 'any')).toBe(false);
    expect(allows([], 'session')).toBe(true);
  });
});

describe('cookies and return paths', () => {
  it('over HTTPS: __Host- prefix, Secure, HttpOnly, SameSite=Lax, Path=/, expiring', () => {
    const cookie = setCookie('session', 'abc', 3600, settings);
    expect(cookieName('session', settings)).toBe('__Host-ladder_session');
    expect(cookie).toBe('__Host-ladder_session=abc; Max-Age=3600; Path=/; HttpOnly; Secure; SameSite=Lax');
  });

  it('only console paths are returned to after sign-in', () => {
    expect(safeReturnPath('/console/leaders/x?quarter=2026-Q4', settings)).toBe(
      '/console/leaders/x?quarter=2026-Q4',
    );
    for (const bad of [
      'https://evil.example/',
      '//evil.example/console/',
      '/other',
      '/console/auth/callback',
      '/console\\evil',
      undefined,
    ]) {
      expect(safeReturnPath(bad, settings)).toBe('/console/');
    }
  });

  it('the CSRF token must be exactly the session’s', () => {
    const user = { csrfToken: 'A'.repeat(43) } as Parameters<typeof validCsrfToken>[0];
    expect(validCsrfToken(user, 'A'.repeat(43))).toBe(true);
    expect(validCsrfToken(user, 'A'.repeat(42))).toBe(false);
    expect(validCsrfToken(user, undefined)).toBe(false);
  });

  it('a datetime field in UTC becomes ISO 8601; anything else is left for the checks to name', () => {
    expect(utcFromLocalField('2027-01-15T17:00')).toBe('2027-01-15T17:00:00Z');
    expect(utcFromLocalField('next friday')).toBe('next friday');
  });
});

describe('routing', () => {
  const route = (method: 'GET' | 'POST', path: string): Route => ({
    method,
    path,
    access: 'any',
    handle: async () => ({ statusCode: 200, headers: {} }),
  });
  const routes = [route('GET', '/leaders/{leaderId}'), route('POST', '/calibration/{leaderId}')];

  it('matches segments and decodes parameters; tells 404 from 405', () => {
    expect(findRoute(routes, 'GET', '/leaders/a%20b')).toMatchObject({ params: { leaderId: 'a b' } });
    expect(findRoute(routes, 'HEAD', '/leaders/x')).toMatchObject({ params: { leaderId: 'x' } });
    expect(findRoute(routes, 'GET', '/calibration/x')).toEqual({ status: 405, allow: ['POST'] });
    expect(findRoute(routes, 'GET', '/leaders/x/y')).toEqual({ status: 404 });
    expect(findRoute(routes, 'GET', '/leaders/%E0%A4%A')).toEqual({ status: 404 });
  });
});

describe('charts escape everything they are given', () => {
  const hostile = fc.oneof(
    fc.string(),
    fc.constantFrom('<script>alert(1)</script>', '"><svg onload=x>', "' onmouseover='x", '&amp;'),
  );

  it('property: a hostile label or name adds no markup compared with a plain word', () => {
    const markup = (html: string) => (html.match(/[<>]/g) ?? []).length;
    fc.assert(
      fc.property(hostile, (text) => {
        const render = (label: string) =>
          [
            barChart({
              id: 'x',
              title: label,
              description: label,
              series: [{ name: label }, { name: 'b' }],
              rows: [{ label, values: [1, null] }],
              max: 2,
              format: String,
              rowHeader: label,
            }).toString(),
            heatmapChart({
              id: 'h',
              title: label,
              description: label,
              rows: [
                {
                  leaderId: label,
                  leaderName: label,
                  team: label,
                  cells: [{ competency: 'c', score: 50, band: 'below' }],
                },
              ],
              competencies: [{ id: 'c', label }],
              leaderLink: (id) => `/console/leaders/${encodeURIComponent(id)}`,
            }).toString(),
            sparkline([{ quarter: '2026-Q4', readiness: 50 }], label).toString(),
            scatterChart({
              id: 's',
              title: label,
              description: label,
              xLabel: label,
              yLabel: label,
              points: [
                { label, x: 50, y: -3 },
                { label: 'b', x: 80, y: 12 },
              ],
            }).toString(),
          ].join('');
        expect(markup(render(text))).toBe(markup(render('plain')));
      }),
      { numRuns: 150 },
    );
  });
});

describe('the validity scatter', () => {
  it('places readiness left to right and the change around a zero line, clamped; the numbers in its table', () => {
    const chart = scatterChart({
      id: 'v',
      title: 'Readiness and change',
      description: 'd',
      xLabel: 'Readiness',
      yLabel: 'Change',
      points: [
        { label: 'a', x: 0, y: 12 },
        { label: 'b', x: 100, y: -12 },
        { label: 'c', x: 150, y: 0 },
      ],
    }).toString();
    const circles = [...chart.matchAll(/<circle cx="([\d.]+)" cy="([\d.]+)"/g)].map((m) => [
      Number(m[1]),
      Number(m[2]),
    ]);
    // x from 44 to 404; y from 16 (+15) to 196 (−15), 0 in the middle.
    expect(circles).toEqual([
      [44, 34],
      [404, 178],
      [404, 106],
    ]);
    expect(chart).toContain('<title id="v-title">Readiness and change</title>');
    expect(chart).toMatch(/<th scope="row">a<\/th><td class="num">0\.0<\/td><td class="num">\+12\.0<\/td>/);
  });
});
