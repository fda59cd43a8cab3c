/** Statistics of the model benchmark: rank correlation, precision, recall and F1, stability against true change. */

export { ranks, spearman } from '../../functions/core/statistics.ts';

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

export function f1(c: Confusion): number {
  const p = precision(c);
  const r = recall(c);
  if (Number.isNaN(p) || Number.isNaN(r)) return Number.NaN;
  return p + r === 0 ? 0 : (2 * p * r) / (p + r);
}

/**
 * Stability against true change, for one leader over consecutive quarters: a flip of the call where
 * the truth did not change counts against (a false flip), and so does a call that stays put where the
 * truth changed (a missed change).
 */
export interface Stability {
  pairs: number;
  falseFlips: number;
  missedChanges: number;
}

export function stability(calls: readonly boolean[], truth: readonly boolean[]): Stability {
  const s: Stability = { pairs: 0, falseFlips: 0, missedChanges: 0 };
  for (let i = 1; i < calls.length && i < truth.length; i++) {
    const called = calls[i] !== calls[i - 1];
    const real = truth[i] !== truth[i - 1];
    s.pairs++;
    if (called && !real) s.falseFlips++;
    if (real && !called) s.missedChanges++;
  }
  return s;
}

export function addStability(a: Stability, b: Stability): Stability {
  return {
    pairs: a.pairs + b.pairs,
    falseFlips: a.falseFlips + b.falseFlips,
    missedChanges: a.missedChanges + b.missedChanges,
  };
}

/** Share of quarter pairs where the call's change disagrees with the truth's (lower is better). */
export function instability(s: Stability): number {
  return s.pairs === 0 ? Number.NaN : (s.falseFlips + s.missedChanges) / s.pairs;
}
