/**
 * Validity: does readiness predict how a leader does after stepping up? HR records what happened to
 * reviewed leaders (`ladder promotion record`); for each one promoted to manager, this compares their
 * readiness at promotion with how the attainment of the team they took over changed, and gives an
 * overall Spearman correlation with its confidence interval and N — or "not enough data" below the
 * configured minimum. docs/scoring.md ("Validity: outcomes after promotion"). Pure: the CLI and the
 * console load the data and format the result.
 */
import type { LadderConfig } from '../config.ts';
import type { HistoryEntry, Recommendation, SalesFigure } from '../model.ts';
import { addQuarters, isQuarterId, quarterIndex } from '../quarter.ts';
import { spearman, spearmanInterval } from '../statistics.ts';
import { compareText } from '../text.ts';

export const MOVES = ['manager', 'other-role', 'left'] as const;
/** What happened to a reviewed leader: promoted to manager, moved to another role, or left. */
export type Move = (typeof MOVES)[number];

export interface PromotionRecord {
  personId: string;
  /** The quarter the person took the new role (or left). */
  quarter: string;
  to: Move;
  /** The team they manage now (as named in the roster), when HR gave it. */
  team?: string;
  recordedAt?: string;
}

export interface ValidityInput {
  promotions: readonly PromotionRecord[];
  /** Recommendations per person id (any quarters; the last one before the move is used). */
  history: ReadonlyMap<string, readonly HistoryEntry[]>;
  /** The members of each promoted person's new team, by person id. */
  teams: ReadonlyMap<string, readonly string[]>;
  /** Sales figures around the moves: the teams' and everyone else's (the comparison). */
  figures: readonly SalesFigure[];
}

/**
 * - `counted`: in the overall figure;
 * - `too-early`: fewer than `minQuartersAfter` quarters of the new team's figures after the move;
 * - `no-readiness`: no review in the quarters before the move;
 * - `no-team`: the new team is unknown or empty;
 * - `no-figures`: the team has no figures before the move;
 * - `not-a-promotion`: moved to another role or left (listed, not correlated).
 */
export type ValidityStatus =
  | 'counted'
  | 'too-early'
  | 'no-readiness'
  | 'no-team'
  | 'no-figures'
  | 'not-a-promotion';

export interface ValidityRow {
  personId: string;
  quarter: string;
  to: Move;
  /** The review the readiness comes from (the last one before the move), or null. */
  readinessQuarter: string | null;
  readiness: number | null;
  recommendation: Recommendation | null;
  teamSize: number;
  /** Quarters after the move with figures of the new team. */
  quartersAfter: number;
  /** Mean attainment of the team before and after the move (ratio). */
  teamBefore: number | null;
  teamAfter: number | null;
  /** After − before, percentage points. */
  teamChange: number | null;
  /** The same for everyone else with figures in the same quarters. */
  othersChange: number | null;
  /** teamChange − othersChange: what the validity figure correlates with. */
  relativeChange: number | null;
  status: ValidityStatus;
}

export interface ValidityOverall {
  /** Promotions counted. */
  n: number;
  /** The configured minimum N. */
  minimum: number;
  /** False below the minimum: "not enough data", no correlation is given. */
  enough: boolean;
  spearman: number | null;
  /** About 95 % confidence interval of the correlation. */
  low: number | null;
  high: number | null;
}

export interface ValidityReport {
  rows: ValidityRow[];
  moves: Record<Move, number>;
  overall: ValidityOverall;
}

const round1 = (value: number) => Math.round(value * 10) / 10;
const round3 = (value: number) => Math.round(value * 1000) / 1000;
const mean = (values: number[]) =>
  values.length === 0 ? null : values.reduce((sum, value) => sum + value, 0) / values.length;

function attainmentsByQuarter(figures: readonly SalesFigure[]): Map<string, Map<string, number>> {
  const byQuarter = new Map<string, Map<string, number>>();
  for (const { quarter, personId, quota, attained } of figures) {
    if (!Number.isFinite(quota) || !Number.isFinite(attained) || quota <= 0 || attained < 0) continue;
    const map = byQuarter.get(quarter) ?? new Map<string, number>();
    map.set(personId, attained / quota);
    byQuarter.set(quarter, map);
  }
  return byQuarter;
}

/** The last recommendation with a readiness score in the `lookback` quarters before `quarter`. */
function readinessBefore(entries: readonly HistoryEntry[] | undefined, quarter: string, lookback: number) {
  const now = quarterIndex(quarter);
  return [...(entries ?? [])]
    .filter((e) => isQuarterId(e.quarter) && e.readinessScore !== null)
    .filter((e) => now - quarterIndex(e.quarter) >= 1 && now - quarterIndex(e.quarter) <= lookback)
    .sort((a, b) => compareText(b.quarter, a.quarter))[0];
}

export function validityReport(input: ValidityInput, config: LadderConfig): ValidityReport {
  const v = config.validity;
  const attainment = attainmentsByQuarter(input.figures);
  const entries = new Map<string, [string, number][]>();
  const entriesOf = (quarter: string) => {
    let list = entries.get(quarter);
    if (!list) {
      list = [...(attainment.get(quarter) ?? new Map<string, number>()).entries()];
      entries.set(quarter, list);
    }
    return list;
  };
  const moves: Record<Move, number> = { manager: 0, 'other-role': 0, left: 0 };
  const rows: ValidityRow[] = [];
  const sorted = [...input.promotions]
    .filter((p) => isQuarterId(p.quarter))
    .sort((a, b) => compareText(a.quarter, b.quarter) || compareText(a.personId, b.personId));
  for (const promotion of sorted) {
    moves[promotion.to]++;
    const review = readinessBefore(
      input.history.get(promotion.personId),
      promotion.quarter,
      v.readinessLookback,
    );
    const team = [...new Set(input.teams.get(promotion.personId) ?? [])].filter(
      (id) => id !== promotion.personId,
    );
    const row: ValidityRow = {
      personId: promotion.personId,
      quarter: promotion.quarter,
      to: promotion.to,
      readinessQuarter: review?.quarter ?? null,
      readiness: review?.readinessScore ?? null,
      recommendation: review?.recommendation ?? null,
      teamSize: team.length,
      quartersAfter: 0,
      teamBefore: null,
      teamAfter: null,
      teamChange: null,
      othersChange: null,
      relativeChange: null,
      status: 'counted',
    };
    rows.push(row);
    if (promotion.to !== 'manager') {
      row.status = 'not-a-promotion';
      continue;
    }
    if (team.length === 0) {
      row.status = 'no-team';
      continue;
    }
    const members = new Set(team);
    // Each quarter's mean once per promotion, over the quarter's figures in their order (the same
    // sums as filtering them afresh each time, without copying thousands of entries per call).
    const means = new Map<string, number | null>();
    const groupMean = (quarter: string, inTeam: boolean) => {
      const key = `${quarter}|${inTeam}`;
      if (!means.has(key)) {
        const values: number[] = [];
        for (const [id, value] of entriesOf(quarter)) {
          if (id !== promotion.personId && members.has(id) === inTeam) values.push(value);
        }
        means.set(key, mean(values));
      }
      return means.get(key) ?? null;
    };
    const window = (from: number, to: number) =>
      Array.from({ length: to - from + 1 }, (_, i) => addQuarters(promotion.quarter, from + i));
    const before = window(-v.quartersBefore, -1).filter((q) => groupMean(q, true) !== null);
    const after = window(1, v.quartersAfter).filter((q) => groupMean(q, true) !== null);
    row.quartersAfter = after.length;
    if (before.length === 0) {
      row.status = 'no-figures';
    } else {
      const side = (quarters: string[], inTeam: boolean) =>
        mean(quarters.map((q) => groupMean(q, inTeam)).filter((x): x is number => x !== null));
      const teamBefore = side(before, true);
      const teamAfter = side(after, true);
      row.teamBefore = teamBefore === null ? null : round3(teamBefore);
      row.teamAfter = teamAfter === null ? null : round3(teamAfter);
      if (teamBefore !== null && teamAfter !== null) {
        const teamChange = (teamAfter - teamBefore) * 100;
        const othersBefore = side(before, false);
        const othersAfter = side(after, false);
        const othersChange =
          othersBefore === null || othersAfter === null ? null : (othersAfter - othersBefore) * 100;
        row.teamChange = round1(teamChange);
        row.othersChange = othersChange === null ? null : round1(othersChange);
        // Without anyone else to compare with, the team's own change stands (the market is unknown).
        row.relativeChange = round1(teamChange - (othersChange ?? 0));
      }
    }
    if (row.status === 'counted' && after.length < v.minQuartersAfter) row.status = 'too-early';
    if (row.status === 'counted' && row.readiness === null) row.status = 'no-readiness';
  }
  const counted = rows.filter(
    (r): r is ValidityRow & { readiness: number; relativeChange: number } =>
      r.status === 'counted' && r.readiness !== null && r.relativeChange !== null,
  );
  const n = counted.length;
  const enough = n >= Math.max(4, v.minPromotions);
  const rho = enough
    ? spearman(
        counted.map((r) => r.readiness),
        counted.map((r) => r.relativeChange),
      )
    : Number.NaN;
  const interval = enough ? spearmanInterval(rho, n) : null;
  return {
    rows,
    moves,
    overall: {
      n,
      minimum: v.minPromotions,
      enough,
      spearman: Number.isFinite(rho) ? round3(rho) : null,
      low: interval ? round3(interval.low) : null,
      high: interval ? round3(interval.high) : null,
    },
  };
}
