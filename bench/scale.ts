/**
 * Scale read off measured runs: a least-squares line through (batches, value) over the measured
 * sizes, and its value at a target size. Batches, not leaders, are the variable: the workflow runs
 * one Map iteration per batch, so history events and transitions grow with batches.
 */

export interface LinearFit {
  /** value = intercept + slope × batches */
  intercept: number;
  slope: number;
  r2: number;
  /** Largest |measured − fitted| over the points. */
  maxResidual: number;
  points: number;
}

export function fitLine(points: { x: number; y: number }[]): LinearFit {
  const n = points.length;
  if (n === 0) return { intercept: 0, slope: 0, r2: 1, maxResidual: 0, points: 0 };
  const meanX = points.reduce((s, p) => s + p.x, 0) / n;
  const meanY = points.reduce((s, p) => s + p.y, 0) / n;
  const sxx = points.reduce((s, p) => s + (p.x - meanX) ** 2, 0);
  const sxy = points.reduce((s, p) => s + (p.x - meanX) * (p.y - meanY), 0);
  const slope = sxx === 0 ? 0 : sxy / sxx;
  const intercept = meanY - slope * meanX;
  const fitted = (x: number) => intercept + slope * x;
  const ssRes = points.reduce((s, p) => s + (p.y - fitted(p.x)) ** 2, 0);
  const ssTot = points.reduce((s, p) => s + (p.y - meanY) ** 2, 0);
  return {
    intercept,
    slope,
    r2: ssTot === 0 ? 1 : 1 - ssRes / ssTot,
    maxResidual: Math.max(...points.map((p) => Math.abs(p.y - fitted(p.x)))),
    points: n,
  };
}

export const predict = (fit: LinearFit, x: number) => fit.intercept + fit.slope * x;

export function formula(fit: LinearFit, variable = 'B'): string {
  const round = (v: number) => Number(v.toFixed(2));
  return `${round(fit.intercept)} + ${round(fit.slope)}·${variable}`;
}
