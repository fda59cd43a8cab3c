/**
 * Reading a CSV file with a fixed set of named columns (the roster, the sales figures): header
 * checks, syntax errors and column counts, every problem named by physical line (header = line 1)
 * and column, so each import can collect all problems before it writes anything.
 */
import { type CsvError, type Info, parse } from 'csv-parse/sync';

export interface CsvIssue {
  /** Physical line in the file; the header is line 1. */
  line: number;
  /** Column name, or null when the problem concerns the whole line. */
  column: string | null;
  message: string;
}

/** A data row whose column count matched the header, values trimmed. */
export interface TableRow<C extends string> {
  line: number;
  values: Record<C, string>;
  /** The line each field starts on (quoted fields may span lines). */
  lineOf: Record<C, number>;
}

export type CsvTable<C extends string> =
  | { ok: false; errors: CsvIssue[] }
  | {
      ok: true;
      headerLine: number;
      rows: TableRow<C>[];
      /** Problems found so far (syntax, column counts); the rows are still worth checking. */
      issues: CsvIssue[];
    };

/**
 * Reads `csvText` as a table of `columns` (any order, case-insensitive header). Fails at once when
 * there is no usable header; otherwise returns the well-formed rows and the problems of the others.
 */
export function readTable<C extends string>(
  csvText: string,
  columns: readonly C[],
  emptyMessage: string,
): CsvTable<C> {
  const { records, syntaxErrors } = readCsv(csvText);
  const header = records[0];
  const wholeLine = (error: CsvSyntaxProblem): CsvIssue => ({
    line: error.line,
    column: null,
    message: error.message,
  });
  if (header === undefined) {
    const empty = { line: 1, column: null, message: emptyMessage };
    return { ok: false, errors: syntaxErrors.length > 0 ? syntaxErrors.map(wholeLine) : [empty] };
  }
  const headerLine = header.fieldLines[0] ?? 1;
  // A syntax error in (or before) the header line hides the real header: report only that.
  if (syntaxErrors.some((error) => error.line <= headerLine)) {
    return { ok: false, errors: syntaxErrors.map(wholeLine) };
  }
  const headerResult = readHeader(header.fields, headerLine, columns);
  if (!headerResult.ok) return headerResult;
  const issues: CsvIssue[] = syntaxErrors.map((error) => ({
    line: error.line,
    column: error.fieldIndex === null ? null : (headerResult.names[error.fieldIndex] ?? null),
    message: error.message,
  }));
  const rows: TableRow<C>[] = [];
  for (const record of records.slice(1)) {
    if (record.fields.length !== header.fields.length) {
      issues.push({
        line: record.fieldLines[0] ?? 1,
        column: null,
        message: `Expected ${header.fields.length} columns but found ${record.fields.length}.`,
      });
      continue;
    }
    rows.push(toRow(record, headerResult.index, columns));
  }
  return { ok: true, headerLine, rows, issues };
}

/** Issues sorted by line, then by column in `columns` order, so a report reads top to bottom. */
export function sortIssues(issues: CsvIssue[], columns: readonly string[]): CsvIssue[] {
  const rank = (column: string | null) => (column === null ? -1 : columns.indexOf(column));
  return issues
    .map((issue, order) => ({ issue, order }))
    .sort(
      (a, b) =>
        a.issue.line - b.issue.line || rank(a.issue.column) - rank(b.issue.column) || a.order - b.order,
    )
    .map(({ issue }) => issue);
}

function normalizeHeader(name: string): string {
  return name.trim().toLowerCase();
}

function readHeader<C extends string>(
  header: string[],
  line: number,
  columns: readonly C[],
): { ok: true; index: Record<C, number>; names: string[] } | { ok: false; errors: CsvIssue[] } {
  const errors: CsvIssue[] = [];
  const index: Partial<Record<C, number>> = {};
  header.forEach((raw, position) => {
    const name = normalizeHeader(raw);
    if (!(columns as readonly string[]).includes(name)) {
      errors.push({
        line,
        column: raw.trim(),
        message: `Unknown column "${raw}": the columns are ${columns.join(', ')}.`,
      });
    } else if (index[name as C] !== undefined) {
      errors.push({ line, column: name, message: `Column "${name}" appears more than once.` });
    } else {
      index[name as C] = position;
    }
  });
  for (const column of columns) {
    if (index[column] === undefined) {
      errors.push({ line, column, message: `Missing column "${column}" in the header row.` });
    }
  }
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, index: index as Record<C, number>, names: header.map(normalizeHeader) };
}

function toRow<C extends string>(
  record: CsvRecord,
  index: Record<C, number>,
  columns: readonly C[],
): TableRow<C> {
  const values = {} as Record<C, string>;
  const lineOf = {} as Record<C, number>;
  for (const column of columns) {
    const position = index[column];
    values[column] = (record.fields[position] ?? '').trim();
    lineOf[column] = record.fieldLines[position] ?? 1;
  }
  return { line: record.fieldLines[0] ?? 1, values, lineOf };
}

/** One parsed CSV record with the line each field starts on. */
export interface CsvRecord {
  fields: string[];
  fieldLines: number[];
}

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
