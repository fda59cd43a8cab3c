/** Builders for roster people in tests. */
import type { Person } from '../../functions/core/model.ts';

export function person(
  personId: string,
  role: Person['role'],
  team: string,
  extra: Partial<Person> = {},
): Person {
  return {
    personId,
    name: personId.toUpperCase(),
    email: `${personId}@example.com`,
    role,
    team,
    managerId: '',
    coachId: '',
    ...extra,
  };
}

export const manager = (id: string, team: string) => person(id, 'manager', team);
export const leader = (id: string, team: string, managerId = '') =>
  person(id, 'consultant_leader', team, { managerId });
export const seller = (id: string, team: string, coachId: string) =>
  person(id, 'salesperson', team, { coachId });
