import { writeFile } from 'node:fs/promises';
import { stringify } from 'csv-stringify/sync';
import { EXPORT_COLUMNS, type ExportRow, toExportRows } from '../../functions/core/export.ts';
import { listCycleRequests } from '../../functions/shared/store/request-store.ts';
import { listRecommendations } from '../../functions/shared/store/result-store.ts';
import { requireQuarter } from './cycle.ts';
import { CommandError } from './roster.ts';

export type ExportFormat = 'csv' | 'json';

/** Spreadsheets run cells that start like a formula: prefix those with a quote (OWASP CSV injection). */
function neutraliseFormula(value: string | number | null): string | number | null {
  return typeof value === 'string' && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export function formatExport(rows: ExportRow[], format: ExportFormat): string {
  if (format === 'json') return `${JSON.stringify(rows, null, 2)}\n`;
  return stringify(
    rows.map((row) => EXPORT_COLUMNS.map((column) => neutraliseFormula(row[column]))),
    { header: true, columns: [...EXPORT_COLUMNS], cast: { number: (n) => String(n) } },
  );
}

export async function exportQuarter(options: { quarter: string; format: string; out?: string }) {
  const quarter = requireQuarter(options.quarter);
  if (options.format !== 'csv' && options.format !== 'json') {
    throw new CommandError(`--format must be csv or json (got ${JSON.stringify(options.format)})`);
  }
  const recs = await listRecommendations(quarter);
  if (recs.length === 0) {
    throw new CommandError(`No recommendations for ${quarter} yet: the cycle has not been scored.`);
  }
  // Delivery problems are read from the requests (they may arrive after scoring).
  const none = () => ({ bounced: 0, complained: 0, undeliverable: 0, suppressed: 0 });
  const delivery = new Map<string, ReturnType<typeof none>>();
  for (const request of await listCycleRequests(quarter)) {
    const counts = delivery.get(request.leaderId) ?? none();
    if (request.bouncedAt) counts.bounced++;
    if (request.complainedAt) counts.complained++;
    if (request.undeliverableAt) counts.undeliverable++;
    if (request.suppressedAt) counts.suppressed++;
    delivery.set(request.leaderId, counts);
  }
  const rows = toExportRows(recs.map((rec) => ({ ...rec, delivery: delivery.get(rec.leaderId) ?? none() })));
  const text = formatExport(rows, options.format);
  if (options.out) await writeFile(options.out, text, 'utf8');
  return { rows, text };
}
