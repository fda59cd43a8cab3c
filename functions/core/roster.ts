/**
 * Roster CSV import: `person_id,name,email,role,team,manager_id,coach_id`, optionally `locale` and
 * `time_zone` (header row, any column order; encoding and separator detected by csv-table.ts).
 * Every problem is collected with the physical line (header = line 1) and the column, so HR can fix
 * the whole file in one go; relations that are possible but unusual import with warnings
 * (roster-relations.ts). Pure: the CLI and the console pass the file's bytes and show the result.
 */
import { type CsvIssue, listIssues, readTable } from './csv-table.ts';
import { checkEmailAddress } from './email-address.ts';
import type { FileEncoding } from './file-encoding.ts';
import { canonicalLocale, canonicalTimeZone } from './locale-tags.ts';
import { type Person, ROLES, type Role } from './model.ts';
import { checkRelations, type RosterRow } from './roster-relations.ts';
import { characterCount, hasControlCharacter } from './text.ts';

export type RosterIssue = CsvIssue;

export interface RosterCounts {
  people: number;
  managers: number;
  leaders: number;
  salespeople: number;
  teams: number;
}

/** What an import shows HR: the people (when valid), problems and warnings, each listed by line. */
export type ParseRosterResult =
  | {
      ok: true;
      people: Person[];
      counts: RosterCounts;
      /** The first MAX_LISTED_ISSUES warnings, sorted by line and column. */
      warnings: RosterIssue[];
      /** How many warnings there are in all. */
      warningCount: number;
      encoding: FileEncoding;
    }
  | {
      ok: false;
      /** The first MAX_LISTED_ISSUES problems, sorted by line and column. */
      errors: RosterIssue[];
      /** How many problems there are in all. */
      errorCount: number;
      warnings: RosterIssue[];
      warningCount: number;
    };

export const ROSTER_COLUMNS = [
  'person_id',
  'name',
  'email',
  'role',
  'team',
  'manager_id',
  'coach_id',
] as const;
export const OPTIONAL_ROSTER_COLUMNS = ['locale', 'time_zone'] as const;
export type RosterColumn = (typeof ROSTER_COLUMNS)[number] | (typeof OPTIONAL_ROSTER_COLUMNS)[number];
const ALL_COLUMNS: readonly RosterColumn[] = [...ROSTER_COLUMNS, ...OPTIONAL_ROSTER_COLUMNS];

export const MAX_NAME_CHARACTERS = 200;
export const MAX_TEAM_CHARACTERS = 100;
const PERSON_ID = /^[A-Za-z0-9._-]{1,64}$/;
const REQUIRED: readonly RosterColumn[] = ['person_id', 'name', 'email', 'role', 'team'];

/** `input`: the file's bytes (encoding detected) or its text. */
export function parseRoster(input: string | Uint8Array): ParseRosterResult {
  const table = readTable(input, {
    required: ROSTER_COLUMNS,
    optional: OPTIONAL_ROSTER_COLUMNS,
    emptyMessage: `The roster is empty: expected a header row "${ROSTER_COLUMNS.join(',')}" and one row per person.`,
  });
  if (!table.ok) return failure(table.errors, []);
  const { rows, issues, headerLine } = table;
  const warnings = [...table.warnings];
  if (rows.length === 0 && issues.length === 0) {
    return failure(
      [{ line: headerLine, column: null, message: 'The roster has a header row but no people.' }],
      warnings,
    );
  }

  const fields = rows.map((row) => checkFields(row));
  for (const checked of fields) {
    issues.push(...checked.errors);
    warnings.push(...checked.warnings);
  }
  // Relations and uniqueness see the values as they will be stored (e.g. the Punycode address).
  const stored: RosterRow[] = rows.map((row, index) => ({
    ...row,
    values: { ...row.values, email: fields[index]?.email ?? row.values.email },
  }));
  issues.push(...checkUniqueness(stored));
  const relations = checkRelations(stored);
  issues.push(...relations.errors);
  warnings.push(...relations.warnings);
  if (issues.length > 0) return failure(issues, warnings);

  const people = stored.map((row, index) => toPerson(row, fields[index]!));
  const listed = listIssues(warnings, ALL_COLUMNS);
  return {
    ok: true,
    people,
    counts: summarizeRoster(people),
    warnings: listed.listed,
    warningCount: listed.count,
    encoding: table.encoding,
  };
}

export function summarizeRoster(people: Person[]): RosterCounts {
  const count = (role: Role) => people.filter((person) => person.role === role).length;
  return {
    people: people.length,
    managers: count('manager'),
    leaders: count('consultant_leader'),
    salespeople: count('salesperson'),
    teams: new Set(people.map((person) => person.team)).size,
  };
}

function failure(errors: RosterIssue[], warnings: RosterIssue[]): ParseRosterResult {
  const listedErrors = listIssues(errors, ALL_COLUMNS);
  const listedWarnings = listIssues(warnings, ALL_COLUMNS);
  return {
    ok: false,
    errors: listedErrors.listed,
    errorCount: listedErrors.count,
    warnings: listedWarnings.listed,
    warningCount: listedWarnings.count,
  };
}

/** What one row's own checks decided: its problems, and the values to store. */
interface CheckedFields {
  errors: RosterIssue[];
  warnings: RosterIssue[];
  email: string;
  locale?: string;
  timeZone?: string;
}

function toPerson(row: RosterRow, checked: CheckedFields): Person {
  const v = row.values;
  return {
    personId: v.person_id,
    name: v.name,
    email: v.email,
    role: v.role as Role,
    team: v.team,
    managerId: v.manager_id,
    // Writing the manager's own id as coach_id means "coached by the manager", like leaving it empty.
    coachId: v.coach_id !== '' && v.coach_id === v.manager_id ? '' : v.coach_id,
    ...(checked.locale ? { locale: checked.locale } : {}),
    ...(checked.timeZone ? { timeZone: checked.timeZone } : {}),
  };
}

// ---------------------------------------------------------------------------------------------
// Checks of one row

function issueAt(row: RosterRow, column: RosterColumn, message: string): RosterIssue {
  return { line: row.lineOf[column], column, message };
}

function checkFields(row: RosterRow): CheckedFields {
  const v = row.values;
  const errors: RosterIssue[] = [];
  const warnings: RosterIssue[] = [];
  const checked: CheckedFields = { errors, warnings, email: v.email };
  for (const column of REQUIRED) {
    if (v[column] === '') errors.push(issueAt(row, column, `${column} is required.`));
  }
  for (const column of ALL_COLUMNS) {
    if (hasControlCharacter(v[column])) {
      errors.push(
        issueAt(row, column, `${column} contains a control character or line break, which is not allowed.`),
      );
    }
  }
  if (v.person_id !== '' && !PERSON_ID.test(v.person_id)) {
    errors.push(
      issueAt(
        row,
        'person_id',
        `person_id "${v.person_id}" may only use letters, digits, ".", "_" and "-" (at most 64).`,
      ),
    );
  }
  if (characterCount(v.name) > MAX_NAME_CHARACTERS) {
    errors.push(issueAt(row, 'name', `name is longer than ${MAX_NAME_CHARACTERS} characters.`));
  }
  if (v.email !== '' && !hasControlCharacter(v.email)) {
    const address = checkEmailAddress(v.email);
    if (address.verdict === 'invalid') {
      errors.push(issueAt(row, 'email', `"${clip(v.email)}" is not an email address: it ${address.problem}`));
      checked.email = ''; // one problem per field: no "already used" for a non-address
    } else {
      checked.email = address.address;
      if (address.verdict === 'warn')
        warnings.push(issueAt(row, 'email', `"${clip(v.email)}" ${address.problem}`));
    }
  }
  if (v.role !== '' && !(ROLES as readonly string[]).includes(v.role)) {
    errors.push(issueAt(row, 'role', `Unknown role "${clip(v.role)}": use ${ROLES.join(', ')}.`));
  }
  if (characterCount(v.team) > MAX_TEAM_CHARACTERS) {
    errors.push(issueAt(row, 'team', `team is longer than ${MAX_TEAM_CHARACTERS} characters.`));
  }
  if (v.locale !== '') {
    const locale = canonicalLocale(v.locale);
    if (locale.ok) checked.locale = locale.value;
    else errors.push(issueAt(row, 'locale', locale.message));
  }
  if (v.time_zone !== '') {
    const zone = canonicalTimeZone(v.time_zone);
    if (zone.ok) checked.timeZone = zone.value;
    else errors.push(issueAt(row, 'time_zone', zone.message));
  }
  return checked;
}

/** person_id and email (case-insensitive) must each be used once; the message names the first use. */
function checkUniqueness(rows: RosterRow[]): RosterIssue[] {
  const issues: RosterIssue[] = [];
  const firstId = new Map<string, RosterRow>();
  const firstEmail = new Map<string, RosterRow>();
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
          `Email "${clip(email)}" is already used by person_id "${earlierEmail.values.person_id}" on line ${earlierEmail.line}.`,
        ),
      );
    } else if (email !== '') {
      firstEmail.set(key, row);
    }
  }
  return issues;
}

/** A cell quoted in a message: at most 60 characters, so a runaway field cannot flood the report. */
function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}
