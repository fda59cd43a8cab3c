/**
 * Roles and what they may do. Roles come from the ID token's group claim (`cognito:groups` by
 * default): `hr-admin` may do everything, `hr-viewer` may see everything and change nothing,
 * `manager` may see only the teams they manage. A manager is matched to the roster in force by the
 * email address of their account (case-insensitive): every roster person with role `manager` and
 * that address is "them", and the teams they manage are those whose leaders name them as manager.
 */
import type { ConsoleRole } from '../../shared/store/items.ts';
import { CONSOLE_ROLES, type ConsoleSettings } from '../settings.ts';

/** The roles a set of ID token claims grants. */
export function rolesFromClaims(claims: Record<string, unknown>, settings: ConsoleSettings): ConsoleRole[] {
  const raw = claims[settings.groupsClaim];
  const groups = Array.isArray(raw)
    ? raw.filter((g): g is string => typeof g === 'string')
    : typeof raw === 'string'
      ? raw.split(/[\s,]+/)
      : [];
  return CONSOLE_ROLES.filter((role) => groups.includes(settings.roleGroups[role]));
}

export type Access = 'admin' | 'hr' | 'any' | 'session';

/**
 * `admin`: changes (hr-admin); `hr`: everything, read only (both HR roles); `any`: also managers;
 * `session`: anyone signed in, even without a role (to sign out).
 */
export function allows(roles: readonly ConsoleRole[], access: Access): boolean {
  if (access === 'admin') return roles.includes('hr-admin');
  if (access === 'hr') return roles.includes('hr-admin') || roles.includes('hr-viewer');
  if (access === 'any') return roles.length > 0;
  return true;
}

/** True when the user sees every team (any HR role); managers see theirs only. */
export function seesEverything(roles: readonly ConsoleRole[]): boolean {
  return allows(roles, 'hr');
}

export const ROLE_LABELS: Record<ConsoleRole, string> = {
  'hr-admin': 'HR admin',
  'hr-viewer': 'HR viewer',
  manager: 'Manager',
};
