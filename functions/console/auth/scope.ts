/**
 * Which teams a user may see. HR roles see everything (scope undefined). A manager sees the leaders
 * whose `managerId` is one of the roster persons with role `manager` and the account's email address
 * (case-insensitive) in the roster in force. The match is cached per roster version in this process:
 * one pointer read per request, the roster itself only when a new one was imported.
 */
import type { Person } from '../../core/model.ts';
import { currentRoster, rosterPeople } from '../../shared/store/roster-store.ts';
import { seesEverything } from './roles.ts';
import type { ConsoleUser } from './session.ts';

export interface Scope {
  /** Manager person ids whose teams the user may see; undefined = every team. */
  managerIds?: ReadonlySet<string>;
  /** The roster persons that are this user (a manager), for the page to say who they are. */
  people: Person[];
  /** The roster the match was made against. */
  rosterVersion?: string;
}

// A roster version never changes once written: its managers can be kept for as long as it is in force.
let cache: { version: string; managers: Person[]; managersByEmail: Map<string, Person[]> } | undefined;

/** The managers of the roster in force (one pointer read; the roster itself once per version). */
export async function rosterManagers(): Promise<{
  version?: string;
  managers: Person[];
  byEmail: Map<string, Person[]>;
}> {
  const pointer = await currentRoster();
  if (!pointer) return { managers: [], byEmail: new Map() };
  if (cache?.version !== pointer.version) {
    const managers = (await rosterPeople(pointer.version)).filter((person) => person.role === 'manager');
    const byEmail = new Map<string, Person[]>();
    for (const person of managers) {
      const key = person.email.toLowerCase();
      byEmail.set(key, [...(byEmail.get(key) ?? []), person]);
    }
    cache = { version: pointer.version, managers, managersByEmail: byEmail };
  }
  return { version: pointer.version, managers: cache.managers, byEmail: cache.managersByEmail };
}

export async function scopeOf(user: Pick<ConsoleUser, 'roles' | 'email'>): Promise<Scope> {
  if (seesEverything(user.roles)) return { people: [] };
  const { version, byEmail } = await rosterManagers();
  const people = user.email ? (byEmail.get(user.email.toLowerCase()) ?? []) : [];
  return {
    managerIds: new Set(people.map((person) => person.personId)),
    people,
    ...(version ? { rosterVersion: version } : {}),
  };
}

export function inScope(scope: Scope, managerId: string): boolean {
  return scope.managerIds === undefined || scope.managerIds.has(managerId);
}
