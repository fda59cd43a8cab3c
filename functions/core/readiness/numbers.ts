/** Small numeric helpers of the readiness model. */

export function clamp100(value: number): number {
  return Math.min(100, Math.max(0, value));
}

/** Rounds to two decimals, halves up (the nudge absorbs binary noise such as 1.005 → 1.00499…). */
export function round2(value: number): number {
  return Math.round(value * 100 + 1e-9) / 100;
}

export function mean(values: readonly number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

/** Sample variance (n − 1); callers make sure there are at least two values. */
export function sampleVariance(values: readonly number[]): number {
  const m = mean(values);
  return values.reduce((sum, value) => sum + (value - m) ** 2, 0) / (values.length - 1);
}

/** Plain mean of the values that are present, or null when none is. */
export function plainMean(values: (number | null)[]): number | null {
  const present = values.filter((value): value is number => value !== null);
  return present.length > 0 ? present.reduce((sum, value) => sum + value, 0) / present.length : null;
}

/** Weighted mean of the entries that have a value; weights renormalised over those. */
export function weightedMean(entries: { value: number | null; weight: number }[]): number | null {
  let total = 0;
  let weightSum = 0;
  for (const { value, weight } of entries) {
    if (value === null || weight <= 0) continue;
    total += value * weight;
    weightSum += weight;
  }
  return weightSum > 0 ? total / weightSum : null;
}

/** 1–5 mean to the 0–100 scale: 1 → 0, 3 → 50, 5 → 100. */
export function toScale100(mean: number): number {
  return ((mean - 1) / 4) * 100;
}
