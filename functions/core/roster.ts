/**
 * Roster CSV import: `person_id,name,email,role,team,manager_id,coach_id` (header row, UTF-8).
 * Every problem is collected with the physical line (header = line 1) and the column, so HR can fix
 * the whole file in one go.
 */
import { type CsvError, type Info, parse } from 'csv-parse/sync';
import { type Person, ROLES, type Role } from './model.ts';
import { characterCount, hasControlCharacter } from './text.ts';

export interface RosterIssue {
  /** Physical line in the file; the header is line 1. */
  line: number;
  /** Column name, or null when the problem concerns the whole line. */
  column: string | null;
  message: string;
}

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

/** One parsed CSV record with the line each field starts on. */
export interface CsvRecord {
  fields: string[];
  fieldLines: number[];
}

/** A data row whose column count matched the header. */
interface Row {
  line: number;
  values: Record<RosterColumn, string>;
  lineOf: Record<RosterColumn, number>;
}

export function parseRoster(csvText: string): ParseRosterResult {
  const { records, syntaxErrors } = readCsv(csvText);
  const header = records[0];
  const wholeLine = (error: CsvSyntaxProblem): RosterIssue => ({
    line: error.line,
    column: null,
    message: error.message,
  });
  if (header === undefined) {
    const empty = { line: 1, column: null, message: emptyFileMessage() };
    return failure(syntaxErrors.length > 0 ? syntaxErrors.map(wholeLine) : [empty]);
  }
  const headerLine = header.fieldLines[0] ?? 1;
  // A syntax error in (or before) the header line hides the real header: report only that.
  if (syntaxErrors.some((error) => error.line <= headerLine)) return failure(syntaxErrors.map(wholeLine));
  const headerResult = readHeader(header.fields, headerLine);
  if (!headerResult.ok) return failure(headerResult.errors);
  const columnIndex = headerResult.index;
  const issues: RosterIssue[] = syntaxErrors.map((error) => ({
    line: error.line,
    column: error.fieldIndex === null ? null : (headerResult.names[error.fieldIndex] ?? null),
    message: error.message,
  }));

  const rows: Row[] = [];
  for (const record of records.slice(1)) {
    const line = record.fieldLines[0] ?? 1;
    if (record.fields.length !== header.fields.length) {
      issues.push({
        line,
        column: null,
        message: `Expected ${header.fields.length} columns but found ${record.fields.length}.`,
      });
      continue;
    }
    rows.push(toRow(record, columnIndex));
  }
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

/** Errors sorted by line, then by column in roster order, so the report reads top to bottom. */
function failure(errors: RosterIssue[]): ParseRosterResult {
  const columnRank = (column: string | null) =>
    column === null ? -1 : ROSTER_COLUMNS.indexOf(column as RosterColumn);
  const sorted = errors
    .map((issue, index) => ({ issue, index }))
    .sort(
      (a, b) =>
        a.issue.line - b.issue.line ||
        columnRank(a.issue.column) - columnRank(b.issue.column) ||
        a.index - b.index,
    )
    .map(({ issue }) => issue);
  return { ok: false, errors: sorted };
}

// ---------------------------------------------------------------------------------------------
// CSV reading

/** A CSV syntax error; `fieldIndex` is the position of the field in its record, when known. */
export interface CsvSyntaxProblem {
  line: number;
  fieldIndex: number | null;
  message: string;
}

export function readCsv(csvText: string): { records: CsvRecord[]; syntaxErrors: CsvSyntaxProblem[] } {
  // One kind of line break makes csv-parse's line counter match the physical lines.
  const text = csvText.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const csvErrors: CsvError[] = [];
  const parsed = parse(text, {
    info: true,
    record_delimiter: '\n',
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    on_skip: (error: CsvError | undefined) => {
      if (error !== undefined) csvErrors.push(error);
      return undefined;
    },
    // With `info: true` each record comes as { record, info }; the typings do not model that.
  }) as unknown as { record: string[]; info: Info }[];
  const records = parsed
    .map(({ record, info }) => withFieldLines(record, info.lines))
    // Spreadsheet exports often end with rows of bare commas; treat them as blank lines.
    .filter((record) => record.fields.some((field) => field.trim() !== ''));
  return { records, syntaxErrors: csvErrors.map((error) => describeSyntaxError(error, records, text)) };
}

/**
 * csv-parse reports the line a record ends on. Line breaks only occur inside quoted fields, where
 * they are kept verbatim, so counting them gives the line each field starts on.
 */
function withFieldLines(fields: string[], endLine: number): CsvRecord {
  const breaks = fields.map(countLineBreaks);
  let line = endLine - breaks.reduce((sum, n) => sum + n, 0);
  const fieldLines = fields.map((_, index) => {
    const start = line;
    line += breaks[index] ?? 0;
    return start;
  });
  return { fields, fieldLines };
}

function countLineBreaks(text: string): number {
  return text.split('\n').length - 1;
}

function describeSyntaxError(error: CsvError, records: CsvRecord[], text: string): CsvSyntaxProblem {
  const line = typeof error.lines === 'number' ? error.lines : 1;
  const fieldIndex = typeof error.column === 'number' ? error.column : null;
  const fixQuotes = 'put the whole field in double quotes and write a quote inside it as two ("").';
  switch (error.code) {
    case 'CSV_QUOTE_NOT_CLOSED': {
      const start = unclosedQuoteLine(records, text);
      return {
        line: start,
        fieldIndex: null,
        message: `A quoted field starting on line ${start} is never closed before the end of the file.`,
      };
    }
    case 'INVALID_OPENING_QUOTE':
      return { line, fieldIndex, message: `A quote appears in the middle of a field; ${fixQuotes}` };
    case 'CSV_INVALID_CLOSING_QUOTE':
      return { line, fieldIndex, message: `Text follows a closing quote; ${fixQuotes}` };
    default:
      return { line, fieldIndex, message: `This line is not valid CSV: ${error.message}` };
  }
}

/** csv-parse notices an unclosed quote at the end of the file; find the line its record starts on. */
function unclosedQuoteLine(records: CsvRecord[], text: string): number {
  const lastEnd = Math.max(0, ...records.map(recordEndLine));
  const lines = text.split('\n');
  let line = lastEnd + 1;
  while (line < lines.length && (lines[line - 1] ?? '').trim() === '') line++;
  return line;
}

function recordEndLine(record: CsvRecord): number {
  const last = record.fields.length - 1;
  return (record.fieldLines[last] ?? 1) + countLineBreaks(record.fields[last] ?? '');
}

// ---------------------------------------------------------------------------------------------
// Header

function normalizeHeader(name: string): string {
  return name.trim().toLowerCase();
}

function readHeader(
  header: string[],
  line: number,
):
  | { ok: true; index: Record<RosterColumn, number>; names: RosterColumn[] }
  | { ok: false; errors: RosterIssue[] } {
  const errors: RosterIssue[] = [];
  const index: Partial<Record<RosterColumn, number>> = {};
  header.forEach((raw, position) => {
    const name = normalizeHeader(raw);
    if (!(ROSTER_COLUMNS as readonly string[]).includes(name)) {
      errors.push({
        line,
        column: raw.trim(),
        message: `Unknown column "${raw}": the columns are ${ROSTER_COLUMNS.join(', ')}.`,
      });
    } else if (index[name as RosterColumn] !== undefined) {
      errors.push({ line, column: name, message: `Column "${name}" appears more than once.` });
    } else {
      index[name as RosterColumn] = position;
    }
  });
  for (const column of ROSTER_COLUMNS) {
    if (index[column] === undefined) {
      errors.push({ line, column, message: `Missing column "${column}" in the header row.` });
    }
  }
  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    index: index as Record<RosterColumn, number>,
    names: header.map(normalizeHeader) as RosterColumn[],
  };
}

function toRow(record: CsvRecord, columnIndex: Record<RosterColumn, number>): Row {
  const values = {} as Record<RosterColumn, string>;
  const lineOf = {} as Record<RosterColumn, number>;
  for (const column of ROSTER_COLUMNS) {
    const position = columnIndex[column];
    values[column] = (record.fields[position] ?? '').trim();
    lineOf[column] = record.fieldLines[position] ?? 1;
  }
  return { line: record.fieldLines[0] ?? 1, values, lineOf };
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
