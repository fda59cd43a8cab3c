/**
 * Sales figures CSV (`ladder metrics import FILE`): `quarter,person_id,quota,attained`, header row,
 * any column order, read like the roster (csv-table.ts: encoding and separator detected). Every
 * problem is named with its physical line (header = line 1) and column, and nothing is imported
 * unless the whole file is valid. Person ids must be people of the roster in force.
 */

import { type CsvIssue, type Delimiter, listIssues, readTable } from './csv-table.ts';
import type { FileEncoding } from './file-encoding.ts';
import type { SalesFigure } from './model.ts';
import { isQuarterId } from './quarter.ts';
import { compareText, hasControlCharacter } from './text.ts';

export const METRICS_COLUMNS = ['quarter', 'person_id', 'quota', 'attained'] as const;
export type MetricsColumn = (typeof METRICS_COLUMNS)[number];

/** Line, column (or null for the whole line), message: the same shape as a roster issue. */
export type MetricsIssue = CsvIssue;

export type ParseMetricsResult =
  | {
      ok: true;
      figures: SalesFigure[];
      warnings: MetricsIssue[];
      warningCount: number;
      encoding: FileEncoding;
    }
  | {
      ok: false;
      /** The first MAX_LISTED_ISSUES problems, sorted by line and column. */
      errors: MetricsIssue[];
      /** How many problems there are in all. */
      errorCount: number;
      warnings: MetricsIssue[];
      warningCount: number;
    };

export interface ParseMetricsOptions {
  /** Person ids of the roster in force; when given, any other id is an error. */
  knownPersonIds?: ReadonlySet<string>;
}

/** The largest quota or attained amount accepted (a typo guard, in the currency of the file). */
export const MAX_AMOUNT = 1e12;
const AMOUNT = /^\d+(\.\d+)?$/;
const WITH_SEPARATORS = /^\d{1,3}([,' ]\d{3})+(\.\d+)?$/;
/** Where Excel separates with semicolons the comma is the decimal mark: 125000,50. */
const DECIMAL_COMMA = /^\d+,\d+$/;
const WITH_DOT_SEPARATORS = /^\d{1,3}([.' ]\d{3})+(,\d+)?$/;

/** `input`: the file's bytes (encoding detected) or its text. */
export function parseMetrics(
  input: string | Uint8Array,
  options: ParseMetricsOptions = {},
): ParseMetricsResult {
  const table = readTable(input, {
    required: METRICS_COLUMNS,
    emptyMessage: `The file is empty: expected a header row "${METRICS_COLUMNS.join(',')}" and one row per person and quarter.`,
  });
  if (!table.ok) return failure(table.errors, []);
  const { rows, issues, headerLine, warnings, delimiter } = table;

  const figures: SalesFigure[] = [];
  const firstLine = new Map<string, number>();
  for (const row of rows) {
    const { line } = row;
    const value = (column: MetricsColumn) => row.values[column];
    const problem = (column: MetricsColumn, message: string) =>
      issues.push({ line: row.lineOf[column], column, message });
    const before = issues.length;

    for (const column of METRICS_COLUMNS) {
      if (hasControlCharacter(value(column))) {
        problem(column, `${column} contains a control character or line break, which is not allowed.`);
      }
    }
    const quarter = value('quarter');
    if (quarter === '') problem('quarter', 'quarter is required.');
    else if (!isQuarterId(quarter))
      problem('quarter', `"${quarter}" is not a quarter: use the form 2026-Q4.`);
    const personId = value('person_id');
    if (personId === '') problem('person_id', 'person_id is required.');
    else if (options.knownPersonIds && !options.knownPersonIds.has(personId)) {
      problem('person_id', `person_id "${personId}" is not in the roster in force.`);
    }
    const quota = amount(value('quota'), 'quota', delimiter, (message) => problem('quota', message));
    const attained = amount(value('attained'), 'attained', delimiter, (message) =>
      problem('attained', message),
    );
    if (quota === 0) problem('quota', 'quota must be more than 0: attainment is attained / quota.');

    if (quarter !== '' && personId !== '') {
      const key = `${quarter}\u0000${personId}`;
      const earlier = firstLine.get(key);
      if (earlier !== undefined) {
        problem(
          'person_id',
          `person_id "${personId}" already has figures for ${quarter} on line ${earlier}.`,
        );
      } else {
        firstLine.set(key, line);
      }
    }
    if (issues.length === before && quota !== null && attained !== null) {
      figures.push({ quarter, personId, quota, attained });
    }
  }
  if (rows.length === 0 && issues.length === 0) {
    return failure(
      [{ line: headerLine, column: null, message: 'The file has a header row but no figures.' }],
      warnings,
    );
  }
  if (issues.length > 0) return failure(issues, warnings);
  const listedWarnings = listIssues(warnings, METRICS_COLUMNS);
  return {
    ok: true,
    figures: figures.sort((a, b) => compareText(a.quarter, b.quarter) || compareText(a.personId, b.personId)),
    warnings: listedWarnings.listed,
    warningCount: listedWarnings.count,
    encoding: table.encoding,
  };
}

/**
 * A non-negative decimal amount without thousands separators, or null (the problem is reported).
 * In a semicolon-separated file a decimal comma is read too (125000,50), except with exactly three
 * digits after it (100,000), which could mean either.
 */
function amount(
  raw: string,
  column: MetricsColumn,
  delimiter: Delimiter,
  report: (message: string) => void,
): number | null {
  let text = raw;
  if (text === '') {
    report(`${column} is required.`);
    return null;
  }
  if (delimiter === ';' && DECIMAL_COMMA.test(text)) {
    if (/,\d{3}$/.test(text)) {
      report(
        `${column} "${text}" could be a decimal or a thousands separator: write 100000 or 100.5, without separators.`,
      );
      return null;
    }
    text = text.replace(',', '.');
  } else if (delimiter === ';' && WITH_DOT_SEPARATORS.test(text)) {
    report(
      `${column} "${text}" has thousands separators: write the number with digits only, e.g. 125000,50.`,
    );
    return null;
  }
  if (WITH_SEPARATORS.test(text)) {
    report(
      `${column} "${text}" has thousands separators: write the number with digits only, e.g. 125000.50.`,
    );
    return null;
  }
  if (!AMOUNT.test(text)) {
    report(
      `${column} "${text}" is not an amount: use digits with an optional decimal point, e.g. 125000.50.`,
    );
    return null;
  }
  const value = Number(text);
  if (!Number.isFinite(value) || value > MAX_AMOUNT) {
    report(`${column} ${text} is larger than ${MAX_AMOUNT}: check the figure.`);
    return null;
  }
  return value;
}

function failure(errors: MetricsIssue[], warnings: MetricsIssue[]): ParseMetricsResult {
  const listedErrors = listIssues(errors, METRICS_COLUMNS);
  const listedWarnings = listIssues(warnings, METRICS_COLUMNS);
  return {
    ok: false,
    errors: listedErrors.listed,
    errorCount: listedErrors.count,
    warnings: listedWarnings.listed,
    warningCount: listedWarnings.count,
  };
}
