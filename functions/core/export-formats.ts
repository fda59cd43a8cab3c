/**
 * The export as text: CSV (optionally with a UTF-8 byte order mark, so Excel opens it as UTF-8) and
 * JSON. XLSX and the SuccessFactors file have their own modules. Used by the console and the CLI.
 */
import { stringify } from 'csv-stringify/sync';
import { columnType, EXPORT_COLUMNS, type ExportRow } from './export.ts';

export const EXPORT_FORMATS = ['csv', 'json', 'xlsx', 'successfactors'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export function isExportFormat(value: string): value is ExportFormat {
  return (EXPORT_FORMATS as readonly string[]).includes(value);
}

/** File name and media type of each format. */
export function exportFile(format: ExportFormat, quarter: string): { name: string; contentType: string } {
  switch (format) {
    case 'csv':
      return { name: `ladder-readiness-${quarter}.csv`, contentType: 'text/csv; charset=utf-8' };
    case 'json':
      return { name: `ladder-readiness-${quarter}.json`, contentType: 'application/json; charset=utf-8' };
    case 'xlsx':
      return {
        name: `ladder-readiness-${quarter}.xlsx`,
        contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      };
    case 'successfactors':
      return {
        name: `ladder-successfactors-successors-${quarter}.csv`,
        contentType: 'text/csv; charset=utf-8',
      };
  }
}

export const UTF8_BOM = '\uFEFF';

/** Spreadsheets run cells that start like a formula: prefix those with a quote (OWASP CSV injection). */
export function neutraliseFormula(value: string | number | null): string | number | null {
  return typeof value === 'string' && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** `93.5` → `93.5%` (a spreadsheet reads it as a percentage). */
const percentText = (value: number) => `${value}%`;

export function toCsv(rows: readonly ExportRow[], options: { bom?: boolean } = {}): string {
  const text = stringify(
    rows.map((row) =>
      EXPORT_COLUMNS.map((column) => {
        const value = row[column];
        if (typeof value === 'number' && columnType(column) === 'percent') return percentText(value);
        return neutraliseFormula(value);
      }),
    ),
    { header: true, columns: [...EXPORT_COLUMNS], cast: { number: (n) => String(n) } },
  );
  return options.bom ? `${UTF8_BOM}${text}` : text;
}

/** Plain CSV of any table (the SuccessFactors file), formulas neutralised. */
export function tableToCsv(columns: readonly string[], rows: readonly (readonly string[])[]): string {
  return stringify(
    rows.map((row) => row.map((cell) => neutraliseFormula(cell))),
    { header: true, columns: [...columns] },
  );
}

export function toJson(rows: readonly ExportRow[]): string {
  return `${JSON.stringify(rows, null, 2)}\n`;
}
