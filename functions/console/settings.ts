/**
 * The console's deployment settings, from environment variables set by CDK (or the local runtime).
 * Read at call time, so one process can host a local runtime after another (tests).
 */
import { ENV } from '../catalog.ts';
import { ConfigurationError } from '../shared/errors.ts';
import type { ConsoleRole } from '../shared/store/items.ts';

export const CONSOLE_ROLES: readonly ConsoleRole[] = ['hr-admin', 'hr-viewer', 'manager'];

export interface ConsoleSettings {
  /** `https://…/console` (no trailing slash). */
  baseUrl: string;
  /** Path prefix of every console URL (`/console`). */
  basePath: string;
  /** Cookies carry `Secure` (and the `__Host-` prefix) unless the console runs on plain HTTP. */
  secureCookies: boolean;
  issuer: string;
  clientId: string;
  groupsClaim: string;
  /** Role → the group value that grants it. */
  roleGroups: Record<ConsoleRole, string>;
  logoutUrl: string | undefined;
  allowHttp: boolean;
}

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new ConfigurationError(`Environment variable ${name} is not set`);
  return value;
}

export function consoleSettings(): ConsoleSettings {
  const baseUrl = required(ENV.consoleUrl).replace(/\/+$/, '');
  const url = new URL(baseUrl);
  const roleGroups = Object.fromEntries(CONSOLE_ROLES.map((role) => [role, role])) as Record<
    ConsoleRole,
    string
  >;
  const mapping = process.env[ENV.oidcRoleGroups];
  if (mapping) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(mapping);
    } catch {
      throw new ConfigurationError(`${ENV.oidcRoleGroups} is not JSON`);
    }
    for (const role of CONSOLE_ROLES) {
      const value = (parsed as Record<string, unknown>)[role];
      if (typeof value === 'string' && value !== '') roleGroups[role] = value;
    }
  }
  return {
    baseUrl,
    basePath: url.pathname.replace(/\/+$/, ''),
    secureCookies: url.protocol === 'https:',
    issuer: required(ENV.oidcIssuer),
    clientId: required(ENV.oidcClientId),
    groupsClaim: process.env[ENV.oidcGroupsClaim] || 'cognito:groups',
    roleGroups,
    logoutUrl: process.env[ENV.oidcLogoutUrl] || undefined,
    allowHttp: process.env[ENV.oidcAllowHttp] === 'true',
  };
}
