/**
 * The console's routes: method, path below the console's base (`/leaders/{leaderId}`), who may use
 * it, and the page or action. Matching is exact per segment; `{name}` captures one segment.
 */
import type { Access } from '../auth/roles.ts';
import type { Scope } from '../auth/scope.ts';
import type { ConsoleUser } from '../auth/session.ts';
import type { ConsoleSettings } from '../settings.ts';
import type { ConsoleRequest } from './request.ts';
import type { ConsoleResponse } from './response.ts';

export interface SignedIn {
  user: ConsoleUser;
  scope: Scope;
}

export interface RouteContext {
  request: ConsoleRequest;
  settings: ConsoleSettings;
  now: Date;
  /** Present on every route but the public ones. */
  auth?: SignedIn;
}

interface RouteBase {
  method: 'GET' | 'POST';
  /** Below the console's base path, starting with `/`. */
  path: string;
  /** POST only: accept a multipart upload. */
  uploads?: boolean;
}

/** A route for signed-in users with the given access. */
export interface SignedInRoute extends RouteBase {
  access: Access;
  handle(context: RouteContext & { auth: SignedIn }): Promise<ConsoleResponse>;
}

/** A route without a session: the sign-in callback and the signed-out page. */
export interface PublicRoute extends RouteBase {
  access: 'public';
  handle(context: RouteContext): Promise<ConsoleResponse>;
}

export type Route = SignedInRoute | PublicRoute;

export type RouteMatch = { route: Route; params: Record<string, string> };

function matchPath(pattern: string, path: string): Record<string, string> | undefined {
  const want = pattern.split('/').filter(Boolean);
  const have = path.split('/').filter(Boolean);
  if (want.length !== have.length) return undefined;
  const params: Record<string, string> = {};
  for (const [i, part] of want.entries()) {
    const segment = have[i]!;
    const name = /^\{(\w+)\}$/.exec(part)?.[1];
    if (name) {
      let value: string;
      try {
        value = decodeURIComponent(segment);
      } catch {
        return undefined;
      }
      params[name] = value;
    } else if (part !== segment) {
      return undefined;
    }
  }
  return params;
}

/** The route for a method and path, or why there is none: 404 (no such path) or 405 (wrong method). */
export function findRoute(
  routes: readonly Route[],
  method: string,
  path: string,
): RouteMatch | { status: 404 } | { status: 405; allow: string[] } {
  const allow: string[] = [];
  for (const route of routes) {
    const params = matchPath(route.path, path);
    if (!params) continue;
    const effective = method === 'HEAD' ? 'GET' : method;
    if (route.method === effective) return { route, params };
    allow.push(route.method);
  }
  return allow.length > 0 ? { status: 405, allow } : { status: 404 };
}
