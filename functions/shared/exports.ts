/**
 * A quarter's export as a file, in any format, for the console and `ladder export` alike: reads the
 * recommendations, the delivery problems of their requests and HR's decisions, then formats them
 * with the pure core (functions/core/export*.ts).
 */
import { type Decision, latestDecisions } from '../core/decisions.ts';
import { type ExportRow, type ExportSource, toExportRows } from '../core/export.ts';
import { type ExportFormat, exportFile, tableToCsv, toCsv, toJson } from '../core/export-formats.ts';
import { SUCCESSFACTORS_COLUMNS, type SuccessorsFile, successorRows } from '../core/export-successfactors.ts';
import { toXlsx } from '../core/export-xlsx.ts';
import { SUCCESSFACTORS_SETTINGS, type SuccessFactorsSettings } from '../core/successfactors-settings.ts';
import { keys } from './keys.ts';
import { listDecisions, toDecision } from './store/decision-store.ts';
import type { RecommendationItem } from './store/items.ts';
import { queryPartitions } from './store/table.ts';
import { requestProgress } from './store/view-store.ts';

export class NothingToExportError extends Error {
  override readonly name = 'NothingToExportError';
}

export interface ExportOptions {
  quarter: string;
  format: ExportFormat;
  /** CSV only: start with a UTF-8 byte order mark (Excel then reads the file as UTF-8). */
  bom?: boolean;
  /** Only leaders of these managers (the console's `manager` role). */
  managerScope?: ReadonlySet<string>;
  successFactors?: SuccessFactorsSettings;
}

export interface ExportFileResult {
  name: string;
  contentType: string;
  body: Buffer;
  rows: ExportRow[];
  /** SuccessFactors only: who is not in the file, and why. */
  leftOut?: SuccessorsFile['leftOut'];
}

export interface ExportData {
  sources: (ExportSource & { managerId: string })[];
  decisions: Decision[];
}

export async function readExportData(
  quarter: string,
  managerScope?: ReadonlySet<string>,
): Promise<ExportData> {
  const [recs, requests, decisionItems] = await Promise.all([
    queryPartitions<RecommendationItem>(keys.cycleShardPartitions(quarter), keys.recommendationPrefix),
    requestProgress(quarter),
    listDecisions(quarter),
  ]);
  const inScope = (rec: RecommendationItem) => !managerScope || managerScope.has(rec.managerId);
  const scoped = recs.filter(inScope);
  const leaders = new Set(scoped.map((rec) => rec.leaderId));
  // Delivery problems are read from the requests (they may arrive after scoring).
  const none = () => ({ bounced: 0, complained: 0, undeliverable: 0, suppressed: 0 });
  const delivery = new Map<string, ReturnType<typeof none>>();
  for (const request of requests) {
    if (!request.bouncedAt && !request.complainedAt && !request.undeliverableAt && !request.suppressedAt)
      continue;
    const counts = delivery.get(request.leaderId) ?? none();
    if (request.bouncedAt) counts.bounced++;
    if (request.complainedAt) counts.complained++;
    if (request.undeliverableAt) counts.undeliverable++;
    if (request.suppressedAt) counts.suppressed++;
    delivery.set(request.leaderId, counts);
  }
  const decisions = decisionItems.map(toDecision).filter((decision) => leaders.has(decision.leaderId));
  const latest = latestDecisions(decisions);
  return {
    sources: scoped.map((rec) => {
      const decision = latest.get(rec.leaderId);
      return {
        ...rec,
        delivery: delivery.get(rec.leaderId) ?? none(),
        ...(decision ? { decision } : {}),
      };
    }),
    decisions,
  };
}

export async function buildExport(options: ExportOptions): Promise<ExportFileResult> {
  const { sources, decisions } = await readExportData(options.quarter, options.managerScope);
  if (sources.length === 0) {
    throw new NothingToExportError(
      `No recommendations for ${options.quarter} yet: the cycle has not been scored.`,
    );
  }
  const rows = toExportRows(sources);
  const { name, contentType } = exportFile(options.format, options.quarter);
  switch (options.format) {
    case 'csv':
      return { name, contentType, rows, body: Buffer.from(toCsv(rows, { bom: options.bom }), 'utf8') };
    case 'json':
      return { name, contentType, rows, body: Buffer.from(toJson(rows), 'utf8') };
    case 'xlsx':
      return { name, contentType, rows, body: await toXlsx(rows, decisions) };
    case 'successfactors': {
      const file = successorRows(sources, options.successFactors ?? SUCCESSFACTORS_SETTINGS);
      const text = tableToCsv(SUCCESSFACTORS_COLUMNS, file.rows);
      return {
        name,
        contentType,
        rows,
        body: Buffer.from(options.bom ? `\uFEFF${text}` : text, 'utf8'),
        leftOut: file.leftOut,
      };
    }
  }
}
