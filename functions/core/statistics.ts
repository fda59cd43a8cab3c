/**
 * Rank correlation for the validity check (and the model benchmark): Spearman's rho with ties, and
 * its approximate confidence interval. Pure.
 */

/** Ranks 1..n, ties get the mean of their ranks. */
export function ranks(values: readonly number[]): number[] {
  const order = values.map((value, index) => ({ value, index })).sort((a, b) => a.value - b.value);
  const result = new Array<number>(values.length);
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && order[j + 1]?.value === order[i]?.value) j++;
    const rank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) result[order[k]?.index ?? 0] = rank;
    i = j + 1;
  }
  return result;
}

/** Spearman's rank correlation: Pearson correlation of the ranks (ties averaged); NaN when undefined. */
export function spearman(a: readonly number[], b: readonly number[]): number {
  if (a.length !== b.length || a.length < 2) return Number.NaN;
  const ra = ranks(a);
  const rb = ranks(b);
  const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
  const ma = mean(ra);
  const mb = mean(rb);
  let num = 0;
  let da = 0;
  let db = 0;
  for (let i = 0; i < ra.length; i++) {
    const x = (ra[i] ?? 0) - ma;
    const y = (rb[i] ?? 0) - mb;
    num += x * y;
    da += x * x;
    db += y * y;
  }
  return da === 0 || db === 0 ? Number.NaN : num / Math.sqrt(da * db);
}

/**
 * Approximate confidence interval of Spearman's rho: Fisher's z with the standard error
 * √(1.06 / (n − 3)) (Fieller, Hartley and Pearson, 1957). Needs n ≥ 4; `z` = 1.96 for about 95 %.
 */
export function spearmanInterval(rho: number, n: number, z = 1.96): { low: number; high: number } | null {
  if (!Number.isFinite(rho) || n < 4) return null;
  const clipped = Math.max(-0.999999, Math.min(0.999999, rho));
  const centre = Math.atanh(clipped);
  const se = Math.sqrt(1.06 / (n - 3));
  return { low: Math.tanh(centre - z * se), high: Math.tanh(centre + z * se) };
}
