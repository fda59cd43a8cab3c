/**
 * Roster CSV import: `person_id,name,email,role,team,manager_id,coach_id` (header row, UTF-8).
 * Every problem is collected with the physical line (header = line 1) and the column, so HR can fix
 * the whole file in one go.
 */
import { type CsvIssue, readTable, sortIssues, type TableRow } from './csv-table.ts';
import { type Person, ROLES, type Role } from './model.ts';
import { characterCount, hasControlCharacter } from './text.ts';

export type RosterIssue = CsvIssue;

export type ParseRosterResult = { ok: true; people: Person[] } | { ok: false; errors: RosterIssue[] };

export const ROSTER_COLUMNS = [
  'person_id',
  'name',
  'email',
  'role',
  'team',
  'manager_id',
  'coach_id',
] as const;
export type RosterColumn = (typeof ROSTER_COLUMNS)[number];

export const MAX_NAME_CHARACTERS = 200;
export const MAX_TEAM_CHARACTERS = 100;
const PERSON_ID = /^[A-Za-z0-9._-]{1,64}$/;
// Deliberately simple: something@domain.tld without spaces. Deliverability is SES's job.
const EMAIL = /^[^\s@",;<>]+@[^\s@",;<>]+\.[^\s@",;<>.]+$/;
const MAX_EMAIL_CHARACTERS = 254;
const REQUIRED: readonly RosterColumn[] = ['person_id', 'name', 'email', 'role', 'team'];

type Row = TableRow<RosterColumn>;

export function parseRoster(csvText: string): ParseRosterResult {
  const table = readTable(csvText, ROSTER_COLUMNS, emptyFileMessage());
  if (!table.ok) return failure(table.errors);
  const { rows, issues, headerLine } = table;
  if (rows.length === 0 && issues.length === 0) {
    return failure([
      { line: headerLine, column: null, message: 'The roster has a header row but no people.' },
    ]);
  }

  for (const row of rows) issues.push(...checkFields(row));
  issues.push(...checkUniqueness(rows), ...checkRelations(rows));
  if (issues.length > 0) return failure(issues);
  return { ok: true, people: rows.map(toPerson) };
}

export function summarizeRoster(people: Person[]): {
  managers: number;
  leaders: number;
  salespeople: number;
  teams: number;
} {
  const count = (role: Role) => people.filter((person) => person.role === role).length;
  return {
    managers: count('manager'),
    leaders: count('consultant_leader'),
    salespeople: count('salesperson'),
    teams: new Set(people.map((person) => person.team)).size,
  };
}

function emptyFileMessage(): string {
  return `The roster is empty: expected a header row "${ROSTER_COLUMNS.join(',')}" and one row per person.`;
}

function failure(errors: RosterIssue[]): ParseRosterResult {
  return { ok: false, errors: sortIssues(errors, ROSTER_COLUMNS) };
}

function toPerson(row: Row): Person {
  const v = row.values;
  return {
    personId: v.person_id,
    name: v.name,
    email: v.email,
    role: v.role as Role,
    team: v.team,
    managerId: v.manager_id,
    coachId: v.coach_id,
  };
}

// ---------------------------------------------------------------------------------------------
// Checks

function issueAt(row: Row, column: RosterColumn, message: string): RosterIssue {
  return { line: row.lineOf[column], column, message };
}

/** Checks that look at one row only. */
function checkFields(row: Row): RosterIssue[] {
  const v = row.values;
  const issues: RosterIssue[] = [];
  for (const column of REQUIRED) {
    if (v[column] === '') issues.push(issueAt(row, column, `${column} is required.`));
  }
  for (const column of ROSTER_COLUMNS) {
    if (hasControlCharacter(v[column])) {
      issues.push(
        issueAt(row, column, `${column} contains a control character or line break, which is not allowed.`),
      );
    }
  }
  if (v.person_id !== '' && !PERSON_ID.test(v.person_id)) {
    issues.push(
      issueAt(
        row,
        'person_id',
        `person_id "${v.person_id}" may only use letters, digits, ".", "_" and "-" (at most 64).`,
      ),
    );
  }
  if (characterCount(v.name) > MAX_NAME_CHARACTERS) {
    issues.push(issueAt(row, 'name', `name is longer than ${MAX_NAME_CHARACTERS} characters.`));
  }
  if (v.email !== '' && (!EMAIL.test(v.email) || v.email.length > MAX_EMAIL_CHARACTERS)) {
    issues.push(issueAt(row, 'email', `"${v.email}" is not a valid email address.`));
  }
  if (v.role !== '' && !(ROLES as readonly string[]).includes(v.role)) {
    issues.push(issueAt(row, 'role', `Unknown role "${v.role}": use ${ROLES.join(', ')}.`));
  }
  if (characterCount(v.team) > MAX_TEAM_CHARACTERS) {
    issues.push(issueAt(row, 'team', `team is longer than ${MAX_TEAM_CHARACTERS} characters.`));
  }
  return issues;
}

/** person_id and email (case-insensitive) must each be used once; the message names the first use. */
function checkUniqueness(rows: Row[]): RosterIssue[] {
  const issues: RosterIssue[] = [];
  const firstId = new Map<string, Row>();
  const firstEmail = new Map<string, Row>();
  for (const row of rows) {
    const { person_id: id, email } = row.values;
    const earlierId = firstId.get(id);
    if (id !== '' && earlierId !== undefined) {
      issues.push(issueAt(row, 'person_id', `person_id "${id}" is already used on line ${earlierId.line}.`));
    } else if (id !== '') {
      firstId.set(id, row);
    }
    const key = email.toLowerCase();
    const earlierEmail = firstEmail.get(key);
    if (email !== '' && earlierEmail !== undefined) {
      issues.push(
        issueAt(
          row,
          'email',
          `Email "${email}" is already used by person_id "${earlierEmail.values.person_id}" on line ${earlierEmail.line}.`,
        ),
      );
    } else if (email !== '') {
      firstEmail.set(key, row);
    }
  }
  return issues;
}

/** manager_id and coach_id must point at the right kind of person. */
function checkRelations(rows: Row[]): RosterIssue[] {
  const byId = new Map<string, Row>();
  for (const row of rows) if (!byId.has(row.values.person_id)) byId.set(row.values.person_id, row);
  return rows.flatMap((row) => [...checkManager(row, byId), ...checkCoach(row, byId)]);
}

function checkManager(row: Row, byId: Map<string, Row>): RosterIssue[] {
  const { manager_id: managerId, role, person_id: id } = row.values;
  if (managerId === '') {
    return role === 'consultant_leader'
      ? [issueAt(row, 'manager_id', 'A consultant_leader needs a manager_id.')]
      : [];
  }
  if (managerId === id) return [issueAt(row, 'manager_id', 'A person cannot be their own manager.')];
  const manager = byId.get(managerId);
  if (manager === undefined) {
    return [issueAt(row, 'manager_id', `manager_id "${managerId}" is not a person_id in this roster.`)];
  }
  if (manager.values.role !== 'manager') {
    return [
      issueAt(
        row,
        'manager_id',
        `manager_id "${managerId}" (line ${manager.line}) has role "${manager.values.role}"; it must be a manager.`,
      ),
    ];
  }
  return [];
}

function checkCoach(row: Row, byId: Map<string, Row>): RosterIssue[] {
  const { coach_id: coachId, role, team, person_id: id } = row.values;
  if (role !== 'salesperson') {
    return coachId !== '' && (ROLES as readonly string[]).includes(role)
      ? [issueAt(row, 'coach_id', `Only salespeople have a coach_id; leave it empty for a ${role}.`)]
      : [];
  }
  if (coachId === '') {
    return [
      issueAt(row, 'coach_id', 'A salesperson needs a coach_id: the person_id of their consultant leader.'),
    ];
  }
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
        `coach_id "${coachId}" (line ${coach.line}) has role "${coach.values.role}"; it must be a consultant_leader.`,
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
