/**
 * Reading a CSV file with a fixed set of named columns (the roster, the sales figures) as HR's
 * tools write it: the encoding is detected (file-encoding.ts), the separator too (comma, semicolon
 * as Excel writes it where the comma is the decimal mark, or tab), Excel's trailing empty columns
 * are ignored. Then header checks, syntax errors and column counts, every problem named by physical
 * line (header = line 1) and column, so each import can collect all problems before it writes
 * anything. Pure: bytes (or text) in, a structured result out — the CLI and the console share it.
 */
import { type CsvError, type Info, parse } from 'csv-parse/sync';
import { decodeFile, type FileEncoding } from './file-encoding.ts';

export interface CsvIssue {
  /** Physical line in the file; the header is line 1. */
  line: number;
  /** Column name, or null when the problem concerns the whole line. */
  column: string | null;
  message: string;
}

/** A data row whose column count matched the header, values trimmed ('' for absent optional columns). */
export interface TableRow<C extends string> {
  line: number;
  values: Record<C, string>;
  /** The line each field starts on (quoted fields may span lines). */
  lineOf: Record<C, number>;
}

export type Delimiter = ',' | ';' | '\t';
export const DELIMITERS: readonly Delimiter[] = [',', ';', '\t'];

export interface TableSpec<C extends string> {
  /** Columns the header must have. */
  required: readonly C[];
  /** Columns the header may have. */
  optional?: readonly C[];
  /** The message for a file with no header row. */
  emptyMessage: string;
}

export type CsvTable<C extends string> =
  | { ok: false; errors: CsvIssue[] }
  | {
      ok: true;
      headerLine: number;
      rows: TableRow<C>[];
      /** Problems found so far (syntax, column counts); the rows are still worth checking. */
      issues: CsvIssue[];
      /** Things worth knowing that do not stop an import (e.g. the file was converted). */
      warnings: CsvIssue[];
      encoding: FileEncoding;
      delimiter: Delimiter;
    };

/** A report lists this many problems (and warnings) at most, then says how many more there are. */
export const MAX_LISTED_ISSUES = 100;

/**
 * Reads `input` — the file's bytes, or text already decoded — as a table of the spec's columns (any
 * order, case-insensitive header). Fails at once when the file cannot be read as text or has no
 * usable header; otherwise returns the well-formed rows and the problems of the others.
 */
export function readTable<C extends string>(input: string | Uint8Array, spec: TableSpec<C>): CsvTable<C> {
  const file = toText(input);
  if (!file.ok) return { ok: false, errors: [{ line: file.line, column: null, message: file.message }] };
  const columns = [...spec.required, ...(spec.optional ?? [])];
  const delimiter = detectDelimiter(file.text, columns);
  const { records, syntaxErrors } = readCsv(file.text, delimiter);
  const header = records[0];
  const wholeLine = (error: CsvSyntaxProblem): CsvIssue => ({
    line: error.line,
    column: null,
    message: error.message,
  });
  if (header === undefined) {
    const empty = { line: 1, column: null, message: spec.emptyMessage };
    return { ok: false, errors: syntaxErrors.length > 0 ? syntaxErrors.map(wholeLine) : [empty] };
  }
  const headerLine = header.fieldLines[0] ?? 1;
  // A syntax error in (or before) the header line hides the real header: report only that.
  if (syntaxErrors.some((error) => error.line <= headerLine)) {
    return { ok: false, errors: syntaxErrors.map(wholeLine) };
  }
  const headerFields = withoutTrailingEmpty(header.fields);
  const headerResult = readHeader(headerFields, headerLine, spec, delimiter);
  if (!headerResult.ok) return headerResult;
  const issues: CsvIssue[] = syntaxErrors.map((error) => ({
    line: error.line,
    column: error.fieldIndex === null ? null : (headerResult.names[error.fieldIndex] ?? null),
    message: error.message,
  }));
  const width = headerFields.length;
  const rows: TableRow<C>[] = [];
  for (const record of records.slice(1)) {
    const line = record.fieldLines[0] ?? 1;
    // Excel pads every row to its widest one: empty fields past the header are no columns.
    const extra = record.fields.findIndex((field, index) => index >= width && field.trim() !== '');
    if (extra !== -1) {
      issues.push({
        line,
        column: null,
        message: `Field ${extra + 1} ("${clip(record.fields[extra] ?? '')}") is past the last column of the header (${width} columns): delete it or name its column.`,
      });
      continue;
    }
    const fields = record.fields.slice(0, width);
    if (fields.length < width) {
      issues.push({ line, column: null, message: `Expected ${width} columns but found ${fields.length}.` });
      continue;
    }
    rows.push(toRow({ fields, fieldLines: record.fieldLines }, headerResult.index, columns));
  }
  const warnings: CsvIssue[] = file.notice
    ? [{ line: file.notice.line, column: null, message: file.notice.message }]
    : [];
  return {
    ok: true,
    headerLine,
    rows,
    issues,
    warnings,
    encoding: file.encoding,
    delimiter,
  };
}

/** Sorted issues, at most MAX_LISTED_ISSUES of them, and how many there were in all. */
export function listIssues(
  issues: CsvIssue[],
  columns: readonly string[],
): { listed: CsvIssue[]; count: number } {
  return { listed: sortIssues(issues, columns).slice(0, MAX_LISTED_ISSUES), count: issues.length };
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
  spec: TableSpec<C>,
  delimiter: Delimiter,
): { ok: true; index: Partial<Record<C, number>>; names: string[] } | { ok: false; errors: CsvIssue[] } {
  const columns: readonly string[] = [...spec.required, ...(spec.optional ?? [])];
  const known = spec.optional?.length
    ? `the columns are ${spec.required.join(', ')}, and optionally ${spec.optional.join(', ')}`
    : `the columns are ${spec.required.join(', ')}`;
  const errors: CsvIssue[] = [];
  const index: Partial<Record<C, number>> = {};
  header.forEach((raw, position) => {
    const name = normalizeHeader(raw);
    if (name === '') {
      errors.push({
        line,
        column: null,
        message: `Column ${position + 1} of the header row has no name: ${known}.`,
      });
    } else if (!columns.includes(name)) {
      errors.push({ line, column: raw.trim(), message: `Unknown column "${clip(raw)}": ${known}.` });
    } else if (index[name as C] !== undefined) {
      errors.push({ line, column: name, message: `Column "${name}" appears more than once.` });
    } else {
      index[name as C] = position;
    }
  });
  for (const column of spec.required) {
    if (index[column] === undefined) {
      errors.push({ line, column, message: `Missing column "${column}" in the header row.` });
    }
  }
  if (errors.length > 0 && delimiter === ',' && header.length === 1) {
    // One unknown column holding the whole line: the file uses another separator.
    errors.push({
      line,
      column: null,
      message: 'The header row has a single column: separate the columns with commas, semicolons or tabs.',
    });
  }
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, index, names: header.map(normalizeHeader) };
}

function toRow<C extends string>(
  record: CsvRecord,
  index: Partial<Record<C, number>>,
  columns: readonly C[],
): TableRow<C> {
  const line = record.fieldLines[0] ?? 1;
  const values = {} as Record<C, string>;
  const lineOf = {} as Record<C, number>;
  for (const column of columns) {
    const position = index[column];
    values[column] = position === undefined ? '' : (record.fields[position] ?? '').trim();
    lineOf[column] = position === undefined ? line : (record.fieldLines[position] ?? line);
  }
  return { line, values, lineOf };
}

function withoutTrailingEmpty(fields: string[]): string[] {
  let end = fields.length;
  while (end > 0 && (fields[end - 1] ?? '').trim() === '') end--;
  return end === fields.length ? fields : fields.slice(0, end);
}

/** A cell quoted in a message: at most 40 characters. */
function clip(text: string): string {
  const trimmed = text.trim();
  return trimmed.length > 40 ? `${trimmed.slice(0, 40)}…` : trimmed;
}

function toText(input: string | Uint8Array) {
  if (typeof input !== 'string') return decodeFile(input);
  return {
    ok: true as const,
    text: input,
    encoding: { name: 'UTF-8' as const, bom: input.startsWith('\uFEFF'), converted: false },
    notice: undefined,
  };
}

/**
 * The separator that makes the most known column names of the header row (the first line with
 * text); ties go to the one that splits it into more fields, then to the comma.
 */
export function detectDelimiter(text: string, columns: readonly string[]): Delimiter {
  // The first line with text; no split of the whole file.
  const headerLine = /^[^\S\r\n]*[^\s\uFEFF][^\r\n]*/m.exec(text)?.[0] ?? '';
  let best: Delimiter = ',';
  let bestScore = [-1, -1];
  for (const delimiter of DELIMITERS) {
    const fields = splitLine(headerLine, delimiter);
    const score = [fields.filter((field) => columns.includes(normalizeHeader(field))).length, fields.length];
    if (score[0]! > bestScore[0]! || (score[0] === bestScore[0] && score[1]! > bestScore[1]!)) {
      best = delimiter;
      bestScore = score;
    }
  }
  return best;
}

function splitLine(line: string, delimiter: Delimiter): string[] {
  try {
    const [fields] = parse(line, { delimiter, relax_quotes: true, relax_column_count: true }) as string[][];
    return fields ?? [];
  } catch {
    return line.split(delimiter);
  }
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

export function readCsv(
  csvText: string,
  delimiter: Delimiter = ',',
): { records: CsvRecord[]; syntaxErrors: CsvSyntaxProblem[] } {
  // One kind of line break makes csv-parse's line counter match the physical lines.
  const text = csvText.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const csvErrors: CsvError[] = [];
  const parsed = parse(text, {
    info: true,
    delimiter,
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
