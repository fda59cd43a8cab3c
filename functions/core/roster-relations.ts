/**
 * Who manages and coaches whom, as the roster says. Impossible relations are errors, each on the
 * line that states it (a manager_id that is no manager, a management loop, a coach in another
 * team…). Possible but unusual ones are warnings, so HR can check them without being stopped: a
 * leader who coaches nobody, a manager from another team (a manager of several teams is written
 * with one team), a salesperson with no manager, a team nobody in it is reviewed for.
 *
 * Sellers coached by their manager rather than a consultant leader leave coach_id empty, or write
 * their manager's person_id: both mean the same and are stored as an empty coach_id.
 */
import type { CsvIssue, TableRow } from './csv-table.ts';
import { ROLES } from './model.ts';
import type { RosterColumn } from './roster.ts';

export type RosterRow = TableRow<RosterColumn>;

export interface RelationCheck {
  errors: CsvIssue[];
  warnings: CsvIssue[];
}

export function checkRelations(rows: RosterRow[]): RelationCheck {
  const byId = new Map<string, RosterRow>();
  for (const row of rows) if (!byId.has(row.values.person_id)) byId.set(row.values.person_id, row);
  const errors: CsvIssue[] = [];
  const warnings: CsvIssue[] = [];
  for (const row of rows) {
    const manager = checkManager(row, byId);
    errors.push(...manager.errors);
    warnings.push(...manager.warnings);
    errors.push(...checkCoach(row, byId));
  }
  errors.push(...managementLoops(rows, byId));
  warnings.push(...leadersWithoutCoachees(rows), ...teamsWithoutLeaders(rows));
  return { errors, warnings };
}

function issueAt(row: RosterRow, column: RosterColumn | null, message: string): CsvIssue {
  return { line: column === null ? row.line : row.lineOf[column], column, message };
}

const isRole = (role: string) => (ROLES as readonly string[]).includes(role);

function checkManager(row: RosterRow, byId: Map<string, RosterRow>): RelationCheck {
  const { manager_id: managerId, role, person_id: id, team } = row.values;
  const none: RelationCheck = { errors: [], warnings: [] };
  if (managerId === '') {
    if (role === 'consultant_leader') {
      return {
        errors: [issueAt(row, 'manager_id', 'A consultant_leader needs a manager_id.')],
        warnings: [],
      };
    }
    if (role === 'salesperson') {
      return {
        errors: [],
        warnings: [
          issueAt(
            row,
            'manager_id',
            'This salesperson has no manager_id: add their manager if they have one (they still rate the leaders of their team).',
          ),
        ],
      };
    }
    return none;
  }
  if (managerId === id) {
    return { errors: [issueAt(row, 'manager_id', 'A person cannot be their own manager.')], warnings: [] };
  }
  const manager = byId.get(managerId);
  if (manager === undefined) {
    return {
      errors: [issueAt(row, 'manager_id', `manager_id "${managerId}" is not a person_id in this roster.`)],
      warnings: [],
    };
  }
  if (manager.values.role !== 'manager') {
    return {
      errors: [
        issueAt(
          row,
          'manager_id',
          `manager_id "${managerId}" (line ${manager.line}) has role "${manager.values.role}"; it must be a manager.`,
        ),
      ],
      warnings: [],
    };
  }
  // A manager's manager (a regional head) is often in another team; a leader's or seller's is not.
  if (role !== 'manager' && isRole(role) && manager.values.team !== team) {
    return {
      errors: [],
      warnings: [
        issueAt(
          row,
          'manager_id',
          `manager_id "${managerId}" (line ${manager.line}) is in team "${manager.values.team}", not "${team}": fine if ${managerId} manages both teams (they get a summary per team); otherwise correct the team or the manager_id.`,
        ),
      ],
    };
  }
  return none;
}

function checkCoach(row: RosterRow, byId: Map<string, RosterRow>): CsvIssue[] {
  const { coach_id: coachId, role, team, person_id: id, manager_id: managerId } = row.values;
  if (role !== 'salesperson') {
    return coachId !== '' && isRole(role)
      ? [issueAt(row, 'coach_id', `Only salespeople have a coach_id; leave it empty for a ${role}.`)]
      : [];
  }
  // Empty, or the seller's own manager: coached by the manager (checked as manager_id).
  if (coachId === '' || coachId === managerId) return [];
  if (coachId === id) return [issueAt(row, 'coach_id', 'A salesperson cannot coach themself.')];
  const coach = byId.get(coachId);
  if (coach === undefined) {
    return [issueAt(row, 'coach_id', `coach_id "${coachId}" is not a person_id in this roster.`)];
  }
  if (coach.values.role !== 'consultant_leader') {
    return [
      issueAt(
        row,
        'coach_id',
        `coach_id "${coachId}" (line ${coach.line}) has role "${coach.values.role}"; a coach must be a consultant_leader (leave coach_id empty for a salesperson their manager coaches).`,
      ),
    ];
  }
  if (coach.values.team !== team) {
    return [
      issueAt(
        row,
        'coach_id',
        `coach_id "${coachId}" (line ${coach.line}) is in team "${coach.values.team}", not "${team}"; a coach must be in the same team.`,
      ),
    ];
  }
  return [];
}

/**
 * Chains of manager_id that come back to where they started (A manages B manages A, or longer).
 * Each loop is reported once, on the line of its first person in the file.
 */
function managementLoops(rows: RosterRow[], byId: Map<string, RosterRow>): CsvIssue[] {
  const issues: CsvIssue[] = [];
  const settled = new Set<string>();
  for (const start of rows) {
    const path: RosterRow[] = [];
    const onPath = new Map<string, number>();
    let current: RosterRow | undefined = start;
    while (current !== undefined && !settled.has(current.values.person_id)) {
      const id: string = current.values.person_id;
      const seenAt = onPath.get(id);
      if (seenAt !== undefined) {
        const loop = path.slice(seenAt);
        const first = loop.reduce((a, b) => (b.line < a.line ? b : a));
        const from = loop.indexOf(first);
        const ordered = [...loop.slice(from), ...loop.slice(0, from)];
        issues.push(
          issueAt(
            first,
            'manager_id',
            `Management loop: ${describeLoop(ordered)}. Someone at the top must have no manager_id.`,
          ),
        );
        break;
      }
      onPath.set(id, path.length);
      path.push(current);
      const managerId: string = current.values.manager_id;
      // Self-management and a manager_id that is no manager are reported on their own.
      const next = managerId === '' || managerId === id ? undefined : byId.get(managerId);
      current = next?.values.role === 'manager' ? next : undefined;
    }
    for (const row of path) settled.add(row.values.person_id);
  }
  return issues;
}

/** `a (line 2) has manager_id b, b (line 3) has manager_id a` */
function describeLoop(loop: RosterRow[]): string {
  return loop
    .map((row) => `${row.values.person_id} (line ${row.line}) has manager_id ${row.values.manager_id}`)
    .join(', ');
}

function leadersWithoutCoachees(rows: RosterRow[]): CsvIssue[] {
  const coached = new Set(
    rows.filter((row) => row.values.role === 'salesperson').map((row) => row.values.coach_id),
  );
  return rows
    .filter((row) => row.values.role === 'consultant_leader' && !coached.has(row.values.person_id))
    .map((row) =>
      issueAt(
        row,
        null,
        `consultant_leader "${row.values.person_id}" coaches nobody (no salesperson has coach_id "${row.values.person_id}"): their review will have no coachee answers.`,
      ),
    );
}

function teamsWithoutLeaders(rows: RosterRow[]): CsvIssue[] {
  const teams = new Map<string, { first: RosterRow; leaders: number; sellers: number }>();
  for (const row of rows) {
    const { team, role } = row.values;
    if (team === '') continue;
    const entry = teams.get(team) ?? { first: row, leaders: 0, sellers: 0 };
    if (role === 'consultant_leader') entry.leaders++;
    if (role === 'salesperson') entry.sellers++;
    teams.set(team, entry);
  }
  return [...teams.entries()]
    .filter(([, entry]) => entry.leaders === 0 && entry.sellers > 0)
    .map(([team, entry]) =>
      issueAt(
        entry.first,
        'team',
        `Team "${team}" has no consultant_leader: nobody in it is reviewed, and its salespeople rate no one.`,
      ),
    );
}
