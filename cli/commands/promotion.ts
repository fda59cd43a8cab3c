/**
 * `ladder promotion record|list|remove` and `ladder validity`: outcomes after promotion
 * (docs/scoring.md, "Validity").
 */
import { DEFAULT_CONFIG } from '../../functions/core/config.ts';
import { promotionProblemText } from '../../functions/core/promotion-check.ts';
import { addQuarters } from '../../functions/core/quarter.ts';
import { VALIDITY } from '../../functions/core/readiness/phrases.ts';
import {
  type PromotionRecord,
  type ValidityReport,
  validityReport,
} from '../../functions/core/readiness/validity.ts';
import { recordCheckedPromotion } from '../../functions/shared/promotions.ts';
import { deletePromotion, listPromotions } from '../../functions/shared/store/promotion-store.ts';
import { loadValidityInput } from '../../functions/shared/validity-data.ts';
import { requireQuarter } from './cycle.ts';
import { CommandError } from './roster.ts';

export interface RecordOptions {
  id: string;
  quarter: string;
  to: string;
  team?: string;
}

/** Checks and records one move (every problem named); `now` decides which quarters are in the future. */
export async function promotionRecord(
  options: RecordOptions,
  log: (line: string) => void = console.log,
  now = new Date(),
): Promise<PromotionRecord> {
  const result = await recordCheckedPromotion(options, now);
  if (!result.ok) {
    throw new CommandError(result.problems.map((p) => promotionProblemText(p, 'cli')).join('\n'));
  }
  const { record } = result;
  log(
    `${result.replaced ? 'Updated' : 'Recorded'}: ${record.personId} moved to ${record.to}${record.team ? ` (team ${record.team})` : ''} in ${record.quarter}.${
      record.to === 'manager'
        ? ` The validity report counts it once the new team has figures for ${DEFAULT_CONFIG.validity.minQuartersAfter} quarters after ${record.quarter} (from ${addQuarters(record.quarter, DEFAULT_CONFIG.validity.minQuartersAfter)}).`
        : ''
    }`,
  );
  return record;
}

export async function promotionRemove(
  options: { id: string; quarter: string },
  log: (line: string) => void = console.log,
) {
  const quarter = requireQuarter(options.quarter);
  const existing = (await listPromotions()).find((p) => p.personId === options.id && p.quarter === quarter);
  if (!existing) throw new CommandError(`No move of ${options.id} is recorded for ${quarter}.`);
  await deletePromotion(options.id, quarter);
  log(`Removed: ${options.id}'s move to ${existing.to} in ${quarter}.`);
}

export async function promotionList(): Promise<PromotionRecord[]> {
  return (await listPromotions()).sort((a, b) =>
    a.quarter < b.quarter ? -1 : a.quarter > b.quarter ? 1 : 0,
  );
}

export async function validity(): Promise<ValidityReport> {
  return validityReport(await loadValidityInput(DEFAULT_CONFIG), DEFAULT_CONFIG);
}

const pp = (value: number | null) => (value === null ? '–' : `${value > 0 ? '+' : ''}${value.toFixed(1)}`);

/** The report as text: moves, one line per move, the overall figure. */
export function formatValidity(report: ValidityReport): string {
  const rows = report.rows.map((r) => [
    r.personId,
    r.quarter,
    r.to,
    r.readiness === null ? '–' : `${r.readiness.toFixed(1)} (${r.readinessQuarter})`,
    String(r.teamSize),
    pp(r.teamChange),
    pp(r.relativeChange),
    VALIDITY.status[r.status],
  ]);
  const widths = VALIDITY.columns.map((c, i) =>
    Math.max(c.length, ...rows.map((row) => row[i]?.length ?? 0)),
  );
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  const o = report.overall;
  return [
    VALIDITY.moves({
      manager: report.moves.manager,
      other: report.moves['other-role'],
      left: report.moves.left,
    }),
    ...(rows.length > 0 ? ['', line(VALIDITY.columns), ...rows.map(line), ''] : []),
    o.enough && o.spearman !== null && o.low !== null && o.high !== null
      ? VALIDITY.enough({ spearman: o.spearman, low: o.low, high: o.high, n: o.n })
      : VALIDITY.notEnough({ n: o.n, minimum: o.minimum }),
  ].join('\n');
}
