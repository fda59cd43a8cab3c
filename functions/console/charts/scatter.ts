/**
 * A scatter chart: one point per item, x from 0 to 100 (a readiness score), y a change in
 * percentage points around zero. For the validity figure: readiness at promotion against how the new
 * team's attainment changed compared with everyone else. The numbers are in the table below it.
 */
import { html, type SafeHtml } from '../../rendering/html.ts';
import { dataTable, figure, fixed } from './svg.ts';

export interface ScatterPoint {
  label: string;
  x: number;
  y: number;
}

export function scatterChart(input: {
  id: string;
  title: string;
  description: string;
  xLabel: string;
  yLabel: string;
  points: readonly ScatterPoint[];
}): SafeHtml {
  const w = 420;
  const h = 240;
  const left = 44;
  const right = 16;
  const top = 16;
  const bottom = 44;
  // A symmetric y range around 0, in steps of 5 points, at least ±5.
  const reach = Math.max(5, Math.ceil(Math.max(...input.points.map((p) => Math.abs(p.y)), 0) / 5) * 5);
  const x = (v: number) => left + (Math.max(0, Math.min(100, v)) / 100) * (w - left - right);
  const y = (v: number) =>
    top + ((reach - Math.max(-reach, Math.min(reach, v))) / (2 * reach)) * (h - top - bottom);
  const xTicks = [0, 25, 50, 75, 100].map(
    (v) =>
      html`<line x1="${x(v)}" x2="${x(v)}" y1="${top}" y2="${h - bottom}" stroke="#d0d0d0" stroke-width="1"/><text class="svg-text" x="${x(v)}" y="${h - bottom + 16}" text-anchor="middle">${v}</text>`,
  );
  const yTicks = [-reach, 0, reach].map(
    (v) =>
      html`<line x1="${left}" x2="${w - right}" y1="${y(v)}" y2="${y(v)}" stroke="${v === 0 ? '#595959' : '#d0d0d0'}" stroke-width="1"/><text class="svg-text" x="${left - 6}" y="${y(v) + 4}" text-anchor="end">${v > 0 ? `+${v}` : v}</text>`,
  );
  const marks = input.points.map(
    (p) =>
      html`<circle cx="${fixed(x(p.x))}" cy="${fixed(y(p.y))}" r="5" fill="#0b4f8a" stroke="#fff" stroke-width="1.5"/>`,
  );
  const axes = html`<text class="svg-text" x="${left + (w - left - right) / 2}" y="${h - 8}" text-anchor="middle">${input.xLabel}</text><text class="svg-text" transform="translate(12 ${top + (h - top - bottom) / 2}) rotate(-90)" text-anchor="middle">${input.yLabel}</text>`;
  return figure({
    id: input.id,
    title: input.title,
    description: input.description,
    width: w,
    height: h,
    svg: html`${xTicks}${yTicks}${marks}${axes}`,
    table: dataTable({
      caption: input.title,
      hideCaption: true,
      columns: [
        { label: 'Person' },
        { label: input.xLabel, numeric: true },
        { label: input.yLabel, numeric: true },
      ],
      rows: input.points.map((p) => [p.label, fixed(p.x), `${p.y > 0 ? '+' : ''}${fixed(p.y)}`]),
    }),
  });
}
