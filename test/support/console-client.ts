/**
 * A small browser for console tests without Chromium: fetch with a cookie jar (per origin and path,
 * Max-Age honoured) and redirects followed by hand, so a test signs in through the real local OpenID
 * provider exactly as a browser would, then reads pages and posts forms with their CSRF token.
 */
import { parseSetCookie } from 'cookie';
import type { SeedUser } from '../../local/oidc-provider.ts';

interface StoredCookie {
  origin: string;
  name: string;
  value: string;
  path: string;
}

export interface Page {
  status: number;
  url: string;
  headers: Headers;
  html: string;
  /** Every URL this request went through (redirects included), first to last. */
  trail: string[];
}

export class ConsoleClient {
  readonly cookies: StoredCookie[] = [];

  constructor(readonly consoleUrl: string) {}

  cookieHeader(url: URL): string {
    return this.cookies
      .filter((c) => c.origin === url.origin && url.pathname.startsWith(c.path))
      .map((c) => `${c.name}=${c.value}`)
      .join('; ');
  }

  private store(url: URL, headers: Headers): void {
    for (const line of headers.getSetCookie()) {
      const cookie = parseSetCookie(line);
      const path = cookie.path ?? '/';
      const index = this.cookies.findIndex(
        (c) => c.origin === url.origin && c.name === cookie.name && c.path === path,
      );
      if (index >= 0) this.cookies.splice(index, 1);
      const expired = cookie.maxAge !== undefined && cookie.maxAge <= 0;
      if (!expired && cookie.value !== undefined) {
        this.cookies.push({ origin: url.origin, name: cookie.name, value: cookie.value, path });
      }
    }
  }

  /** One request and every redirect after it (a 303 turns into GET). */
  async fetch(
    target: string,
    init: {
      method?: string;
      body?: string | URLSearchParams | FormData;
      headers?: Record<string, string>;
    } = {},
  ): Promise<Page> {
    let url = new URL(target, this.consoleUrl);
    let method = init.method ?? 'GET';
    let body = init.body;
    const trail: string[] = [];
    for (let hop = 0; hop < 15; hop++) {
      trail.push(url.href);
      const cookie = this.cookieHeader(url);
      const response = await fetch(url, {
        method,
        redirect: 'manual',
        headers: { ...(init.headers ?? {}), ...(cookie ? { cookie } : {}) },
        ...(body !== undefined && method !== 'GET' ? { body } : {}),
      });
      this.store(url, response.headers);
      const location = response.headers.get('location');
      if (response.status >= 300 && response.status < 400 && location) {
        await response.arrayBuffer();
        url = new URL(location, url);
        if (
          response.status === 303 ||
          ((response.status === 301 || response.status === 302) && method === 'POST')
        ) {
          method = 'GET';
          body = undefined;
        }
        continue;
      }
      return {
        status: response.status,
        url: url.href,
        headers: response.headers,
        html: await response.text(),
        trail,
      };
    }
    throw new Error(`Too many redirects from ${target}`);
  }

  /** Signs in as `user` through the local OpenID provider, starting from `path` (default the home page). */
  async signIn(user: Pick<SeedUser, 'email' | 'password'>, path = '/console/'): Promise<Page> {
    const login = await this.fetch(path);
    const action = /<form method="post" action="([^"]+)"/.exec(login.html)?.[1];
    if (!action) throw new Error(`No sign-in form at ${login.url} (status ${login.status})`);
    return this.fetch(new URL(action.replaceAll('&amp;', '&'), login.url).href, {
      method: 'POST',
      body: new URLSearchParams({ email: user.email, password: user.password }),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
  }

  get(path: string): Promise<Page> {
    return this.fetch(path);
  }

  /** Posts a form; `csrf` defaults to the token of the page given (or none). */
  post(path: string, fields: Record<string, string>, from?: Page): Promise<Page> {
    const token = from ? csrfToken(from.html) : undefined;
    return this.fetch(path, {
      method: 'POST',
      body: new URLSearchParams({ ...(token ? { csrf: token } : {}), ...fields }),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
  }
}

export function csrfToken(html: string): string | undefined {
  return /name="csrf" value="([^"]+)"/.exec(html)?.[1];
}

/** Visible text of a page, roughly: tags dropped, entities of the escaping decoded, spaces collapsed. */
export function textOf(html: string): string {
  return html
    .replace(/<style[\s\S]*?<\/style>/g, ' ')
    .replace(/<title>[\s\S]*?<\/title>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&amp;', '&')
    .replace(/\s+/g, ' ')
    .trim();
}
