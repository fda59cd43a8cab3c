/**
 * Small line charts: a sparkline of a leader's readiness across quarters (in a table row, next to the
 * trend in words) and a larger trend chart for the leader's page. Points are marked and labelled.
 */
import type { TrendPoint } from '../../core/model.ts';
import { html, type SafeHtml } from '../../rendering/html.ts';
import { dataTable, figure, fixed } from './svg.ts';

function describe(points: readonly TrendPoint[]): string {
  return points
    .map((p) => `${p.quarter}: ${p.readiness === null ? 'no score' : fixed(p.readiness)}`)
    .join(', ');
}

function path(points: readonly TrendPoint[], x: (i: number) => number, y: (v: number) => number): string {
  let d = '';
  points.forEach((point, i) => {
    if (point.readiness === null) return;
    d += `${d === '' ? 'M' : 'L'}${x(i).toFixed(1)} ${y(point.readiness).toFixed(1)} `;
  });
  return d.trim();
}

/** A 100 × 28 sparkline with its own accessible name (the numbers are in the neighbouring cell). */
export function sparkline(points: readonly TrendPoint[], name: string): SafeHtml {
  if (points.length === 0) return html`—`;
  const w = 100;
  const h = 28;
  const x = (i: number) => (points.length === 1 ? w / 2 : 4 + (i * (w - 8)) / (points.length - 1));
  const y = (v: number) => h - 4 - (Math.max(0, Math.min(100, v)) / 100) * (h - 8);
  return html`<svg xmlns="http://www.w3.org/2000/svg" role="img" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}"><title>${name}: ${describe(points)}</title><path d="${path(points, x, y)}" fill="none" stroke="#0b4f8a" stroke-width="2"/>${points.map(
    (p, i) =>
      p.readiness === null
        ? ''
        : html`<circle cx="${x(i).toFixed(1)}" cy="${y(p.readiness).toFixed(1)}" r="2.5" fill="#0b4f8a"/>`,
  )}</svg>`;
}

/** The leader's readiness by quarter, 0–100, with each point's value written above it. */
export function trendChart(input: { id: string; title: string; points: readonly TrendPoint[] }): SafeHtml {
  const w = 420;
  const h = 180;
  const left = 36;
  const right = 16;
  const top = 20;
  const bottom = 30;
  const n = input.points.length;
  const x = (i: number) =>
    n <= 1 ? left + (w - left - right) / 2 : left + (i * (w - left - right)) / (n - 1);
  const y = (v: number) => top + (1 - Math.max(0, Math.min(100, v)) / 100) * (h - top - bottom);
  const grid = [0, 50, 100].map(
    (v) =>
      html`<line x1="${left}" x2="${w - right}" y1="${y(v)}" y2="${y(v)}" stroke="#b0b0b0" stroke-width="1"/><text class="svg-text" x="${left - 6}" y="${y(v) + 4}" text-anchor="end">${v}</text>`,
  );
  const marks = input.points.map((p, i) =>
    p.readiness === null
      ? html`<text class="svg-text" x="${x(i)}" y="${h - 10}" text-anchor="middle">${p.quarter}</text>`
      : html`<circle cx="${x(i)}" cy="${y(p.readiness)}" r="4" fill="#0b4f8a"/><text class="svg-text" x="${x(i)}" y="${y(p.readiness) - 8}" text-anchor="middle">${fixed(p.readiness)}</text><text class="svg-text" x="${x(i)}" y="${h - 10}" text-anchor="middle">${p.quarter}</text>`,
  );
  const table = dataTable({
    caption: input.title,
    hideCaption: true,
    columns: [{ label: 'Quarter' }, { label: 'Readiness (0–100)', numeric: true }],
    rows: input.points.map((p) => [p.quarter, p.readiness === null ? '—' : fixed(p.readiness)]),
  });
  return figure({
    id: input.id,
    title: input.title,
    description: `Readiness of each quarter on its own, 0 to 100: ${describe(input.points)}.`,
    width: w,
    height: h,
    svg: html`${grid}<path d="${path(input.points, x, y)}" fill="none" stroke="#0b4f8a" stroke-width="2.5"/>${marks}`,
    table,
  });
}
