/**
 * A leader's earlier quarters: pooling this quarter's scores with them, whether readiness is
 * sustained, and the trend. Pure; docs/scoring.md ("History") gives the formulas.
 */
import type { LadderConfig } from '../config.ts';
import type { HistoryEntry, Trend, TrendPoint } from '../model.ts';
import { addQuarters, isQuarterId, quarterIndex } from '../quarter.ts';
import { compareText, round1 } from '../text.ts';

export interface AgedEntry {
  /** 1 = the quarter before the current one. */
  age: number;
  entry: HistoryEntry;
}

/**
 * Earlier entries at most `window` quarters back, newest first. Entries of the current quarter or
 * later, malformed quarters and duplicates (the first by quarter order wins) are ignored, so the
 * result does not depend on the order of `history`.
 */
export function earlierEntries(
  quarter: string | undefined,
  history: readonly HistoryEntry[] | undefined,
  window: number,
): AgedEntry[] {
  if (quarter === undefined || !isQuarterId(quarter) || history === undefined) return [];
  const now = quarterIndex(quarter);
  const byAge = new Map<number, HistoryEntry>();
  const sorted = history
    .filter((entry) => isQuarterId(entry.quarter))
    .sort((a, b) => compareText(a.quarter, b.quarter) || compareText(JSON.stringify(a), JSON.stringify(b)));
  for (const entry of sorted) {
    const age = now - quarterIndex(entry.quarter);
    if (age >= 1 && age <= window && !byAge.has(age)) byAge.set(age, entry);
  }
  return [...byAge.entries()].sort(([a], [b]) => a - b).map(([age, entry]) => ({ age, entry }));
}

export interface PoolPart {
  age: number;
  value: number;
  /** Variance from the counts (points²): decides the weight. */
  variance: number;
  /** Variance used for the margin (spread-based for the current quarter). */
  marginVariance: number;
}

export interface Pooled {
  value: number;
  /** Variance of the pooled value given the parts' margin variances. */
  variance: number;
  /** Share of the current quarter in the pooled value (0–1). */
  currentShare: number;
  /** Earlier quarters that took part. */
  earlier: number;
}

/**
 * Precision-weighted mean: weight_i = 1 / (variance_i + age_i · drift²). Older quarters and thinner
 * evidence weigh less; the weights depend only on counts and ages, never on the values, so a
 * better rating this quarter can only raise the pooled value.
 */
export function pool(parts: readonly PoolPart[], driftPerQuarter: number): Pooled | null {
  const current = parts.find((part) => part.age === 0);
  if (current === undefined) return null;
  const drift = driftPerQuarter ** 2;
  const weighted = parts.map((part) => ({
    part,
    weight: 1 / Math.max(1e-9, part.variance + part.age * drift),
    error: part.marginVariance + part.age * drift,
  }));
  const total = weighted.reduce((sum, w) => sum + w.weight, 0);
  const value = weighted.reduce((sum, w) => sum + w.weight * w.part.value, 0) / total;
  const variance = weighted.reduce((sum, w) => sum + w.weight ** 2 * w.error, 0) / total ** 2;
  const currentWeight = weighted.find((w) => w.part.age === 0)?.weight ?? 0;
  return { value, variance, currentShare: currentWeight / total, earlier: parts.length - 1 };
}

/**
 * True when an earlier quarter was at the ready-now bars: its readiness and management scores (as
 * stored for that quarter) at or above them, with enough evidence for a recommendation.
 */
export function atBars(entry: HistoryEntry, config: LadderConfig): boolean {
  if (entry.recommendation === 'insufficient-evidence') return false;
  const t = config.thresholds;
  return (
    entry.readinessScore !== null &&
    entry.readinessScore >= t.readyNow &&
    entry.managementScore !== null &&
    entry.managementScore >= t.readyNowManagement
  );
}

export interface Sustain {
  /** Earlier consecutive quarters needed at the bars. */
  needed: number;
  /** Earlier consecutive quarters found at the bars (up to `needed`). */
  found: AgedEntry[];
  /** The first missing or failing quarter, when not sustained. */
  gap: { quarter: string; entry: HistoryEntry | undefined } | null;
  sustained: boolean;
}

/**
 * Ready-now needs `sustainedQuarters` consecutive quarters at the bars, exactly: this one, and each
 * of the quarters just before it (see atBars). A missing quarter breaks the run.
 */
export function sustain(quarter: string | undefined, earlier: AgedEntry[], config: LadderConfig): Sustain {
  const needed = Math.max(0, config.history.sustainedQuarters - 1);
  const found: AgedEntry[] = [];
  for (let age = 1; age <= needed; age++) {
    const aged = earlier.find((e) => e.age === age);
    if (aged === undefined || !atBars(aged.entry, config)) {
      const missing = quarter !== undefined && isQuarterId(quarter) ? addQuarters(quarter, -age) : `${age}`;
      return { needed, found, gap: { quarter: missing, entry: aged?.entry }, sustained: false };
    }
    found.push(aged);
  }
  return { needed, found, gap: null, sustained: true };
}

/** Consecutive earlier quarters (from the previous one back) whose recommendation was ready-now. */
export function readyNowStreak(earlier: AgedEntry[]): number {
  let streak = 0;
  for (let age = 1; ; age++) {
    const aged = earlier.find((e) => e.age === age);
    if (aged?.entry.recommendation !== 'ready-now') return streak;
    streak++;
  }
}

/** This quarter's readiness alone of an earlier entry (older items only have the pooled one). */
export function quarterReadinessOf(entry: HistoryEntry): number | null {
  return entry.quarterScores ? entry.quarterScores.readiness : entry.readinessScore;
}

/**
 * The last `history.quarters` quarters, oldest first, each with its own quarter's readiness; the
 * direction comes from the least-squares slope once 3 or more quarters have a value.
 */
export function trendOf(
  quarter: string | undefined,
  current: number | null,
  earlier: AgedEntry[],
  config: LadderConfig,
): Trend {
  const window = config.history.quarters;
  const points: TrendPoint[] = [];
  if (quarter !== undefined && isQuarterId(quarter)) {
    for (let age = window - 1; age >= 1; age--) {
      const aged = earlier.find((e) => e.age === age);
      if (aged) points.push({ quarter: aged.entry.quarter, readiness: quarterReadinessOf(aged.entry) });
    }
    points.push({ quarter, readiness: current });
  }
  const known = points
    .filter((p): p is TrendPoint & { readiness: number } => p.readiness !== null)
    .map((p) => ({ x: quarterIndex(p.quarter), y: p.readiness }));
  if (known.length < 3) return { direction: 'unclear', slope: null, points };
  const meanX = known.reduce((s, p) => s + p.x, 0) / known.length;
  const meanY = known.reduce((s, p) => s + p.y, 0) / known.length;
  const sxx = known.reduce((s, p) => s + (p.x - meanX) ** 2, 0);
  const sxy = known.reduce((s, p) => s + (p.x - meanX) * (p.y - meanY), 0);
  const slope = round1(sxy / sxx);
  const threshold = config.history.trendThreshold;
  const direction = slope >= threshold ? 'rising' : slope <= -threshold ? 'falling' : 'stable';
  return { direction, slope, points };
}
