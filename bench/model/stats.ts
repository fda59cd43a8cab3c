/** Statistics of the model benchmark: rank correlation, precision and recall, flips. */

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

/** Spearman's rank correlation: Pearson correlation of the ranks (ties averaged). */
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
  return num / Math.sqrt(da * db);
}

export interface Confusion {
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
}

export function confusion(predicted: readonly boolean[], actual: readonly boolean[]): Confusion {
  const c: Confusion = { truePositives: 0, falsePositives: 0, falseNegatives: 0 };
  predicted.forEach((p, i) => {
    const a = actual[i] ?? false;
    if (p && a) c.truePositives++;
    else if (p) c.falsePositives++;
    else if (a) c.falseNegatives++;
  });
  return c;
}

export function precision(c: Confusion): number {
  const called = c.truePositives + c.falsePositives;
  return called === 0 ? Number.NaN : c.truePositives / called;
}

export function recall(c: Confusion): number {
  const real = c.truePositives + c.falseNegatives;
  return real === 0 ? Number.NaN : c.truePositives / real;
}

export function addConfusion(a: Confusion, b: Confusion): Confusion {
  return {
    truePositives: a.truePositives + b.truePositives,
    falsePositives: a.falsePositives + b.falsePositives,
    falseNegatives: a.falseNegatives + b.falseNegatives,
  };
}
