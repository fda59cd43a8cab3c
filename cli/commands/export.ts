import { writeFile } from 'node:fs/promises';
import type { ExportRow } from '../../functions/core/export.ts';
import {
  EXPORT_FORMATS,
  type ExportFormat,
  isExportFormat,
  toCsv,
  toJson,
} from '../../functions/core/export-formats.ts';
import { buildExport, NothingToExportError } from '../../functions/shared/exports.ts';
import { requireQuarter } from './cycle.ts';
import { CommandError } from './roster.ts';

export type { ExportFormat } from '../../functions/core/export-formats.ts';

/** The CSV or JSON text of export rows, as `ladder export` writes them. */
export function formatExport(rows: readonly ExportRow[], format: 'csv' | 'json'): string {
  return format === 'json' ? toJson(rows) : toCsv(rows);
}

export interface ExportCommandOptions {
  quarter: string;
  format: string;
  out?: string;
  /** CSV formats: start with a UTF-8 byte order mark, for Excel. */
  bom?: boolean;
}

/**
 * `ladder export`: the same file the console offers, in csv, json, xlsx or successfactors format.
 * Returns the rows, the file's bytes and, for SuccessFactors, who was left out of the file.
 */
export async function exportQuarter(
  options: ExportCommandOptions,
  warn: (line: string) => void = console.error,
) {
  const quarter = requireQuarter(options.quarter);
  if (!isExportFormat(options.format)) {
    throw new CommandError(
      `--format must be one of ${EXPORT_FORMATS.join(', ')} (got ${JSON.stringify(options.format)})`,
    );
  }
  if (options.bom && options.format !== 'csv' && options.format !== 'successfactors') {
    throw new CommandError('--bom applies to the CSV formats only (csv, successfactors).');
  }
  let file: Awaited<ReturnType<typeof buildExport>>;
  try {
    file = await buildExport({ quarter, format: options.format as ExportFormat, bom: options.bom ?? false });
  } catch (error) {
    if (error instanceof NothingToExportError) throw new CommandError(error.message);
    throw error;
  }
  if (file.leftOut) {
    const { undecided, notSuccessors, noManager } = file.leftOut;
    if (undecided.length > 0) {
      warn(
        `${undecided.length} leader${undecided.length === 1 ? ' has' : 's have'} no HR decision yet and ${undecided.length === 1 ? 'is' : 'are'} not in the SuccessFactors file: calibrate ${quarter} in the console first.`,
      );
    }
    if (noManager.length > 0) warn(`Left out for lack of a manager (incumbent): ${noManager.join(', ')}.`);
    if (notSuccessors.length > 0) {
      warn(
        `${notSuccessors.length} leader(s) whose final recommendation is not on the readiness scale are not successors.`,
      );
    }
  }
  if (options.out) await writeFile(options.out, file.body);
  return { rows: file.rows, body: file.body, text: file.body.toString('utf8'), leftOut: file.leftOut };
}
