/**
 * Heatmap of leaders × competencies: each cell's score is written in it; its band against the
 * development target is shown by shade AND by hatching (below target is hatched), so colour is never
 * the only cue. The numbers also come as a table.
 */
import type { HeatBand, HeatmapRow } from '../../core/views/readiness.ts';
import { domId, type HtmlValue, html, type SafeHtml } from '../../rendering/html.ts';
import { clip, dataTable, figure, textWidth } from './svg.ts';

export const HEAT_LABELS: Record<HeatBand, string> = {
  'far-below': 'far below target (hatched)',
  below: 'below target (hatched)',
  above: 'at or above target',
  'far-above': 'far above target',
  none: 'no score',
};

const FILL: Record<HeatBand, { fill: string; text: string; hatch?: string }> = {
  'far-below': { fill: '#b3261e', text: '#ffffff', hatch: '#ffffff' },
  below: { fill: '#f6c9c4', text: '#1b1b1b', hatch: '#b3261e' },
  above: { fill: '#cfe3f5', text: '#1b1b1b' },
  'far-above': { fill: '#0b4f8a', text: '#ffffff' },
  none: { fill: '#ffffff', text: '#4a4a4a' },
};

const CELL_W = 46;
const CELL_H = 24;

export interface HeatmapInput {
  id: string;
  title: string;
  description: string;
  rows: HeatmapRow[];
  /** Competency id → label, in column order. */
  competencies: { id: string; label: string }[];
  /** Link of a leader's page. */
  leaderLink: (leaderId: string) => string;
}

export function heatmapChart(input: HeatmapInput): SafeHtml {
  const id = domId(input.id);
  const labelWidth = Math.min(200, Math.max(90, ...input.rows.map((r) => textWidth(clip(r.leaderName, 26)))));
  const headerHeight = 110;
  const width = labelWidth + 10 + input.competencies.length * CELL_W + 4;
  const height = headerHeight + input.rows.length * CELL_H + 4;
  const x0 = labelWidth + 10;

  const defs = html`<defs>${(['far-below', 'below'] as HeatBand[]).map((band) => {
    const style = FILL[band];
    return html`<pattern id="${id}-${band}" width="8" height="8" patternUnits="userSpaceOnUse"><rect width="8" height="8" fill="${style.fill}"/><path d="M0 8 L8 0" stroke="${style.hatch ?? style.fill}" stroke-width="1.5"/></pattern>`;
  })}</defs>`;
  const fill = (band: HeatBand) => (FILL[band].hatch ? `url(#${id}-${band})` : FILL[band].fill);

  const headers = input.competencies.map((c, i) => {
    const x = x0 + i * CELL_W + CELL_W / 2;
    return html`<text class="svg-text" x="${x}" y="${headerHeight - 6}" transform="rotate(-50 ${x} ${headerHeight - 6})">${clip(c.label, 16)}</text>`;
  });
  const rows = input.rows.map((row, r) => {
    const y = headerHeight + r * CELL_H;
    const cells = row.cells.map((cell, c) => {
      const x = x0 + c * CELL_W;
      const text = cell.score === null ? '—' : String(Math.round(cell.score));
      // A halo keeps the number readable over the hatching.
      return html`<rect x="${x}" y="${y}" width="${CELL_W - 2}" height="${CELL_H - 2}" fill="${fill(cell.band)}" stroke="#6b6b6b" stroke-width="0.5"/><text x="${x + (CELL_W - 2) / 2}" y="${y + 16}" text-anchor="middle" class="svg-text" fill="${FILL[cell.band].text}" stroke="${FILL[cell.band].fill}" stroke-width="3" paint-order="stroke">${text}</text>`;
    });
    return html`<text class="svg-text" x="${labelWidth}" y="${y + 16}" text-anchor="end">${clip(row.leaderName, 26)}</text>${cells}`;
  });

  const table = dataTable({
    caption: input.title,
    hideCaption: true,
    columns: [{ label: 'Leader' }, ...input.competencies.map((c) => ({ label: c.label, numeric: true }))],
    rows: input.rows.map((row): HtmlValue[] => [
      html`<a href="${input.leaderLink(row.leaderId)}">${row.leaderName}</a> <span class="muted">(${row.team})</span>`,
      ...row.cells.map((cell) =>
        cell.score === null
          ? '—'
          : html`${Math.round(cell.score)}<span class="visually-hidden"> (${HEAT_LABELS[cell.band]})</span>`,
      ),
    ]),
  });
  return figure({
    id: input.id,
    title: input.title,
    description: input.description,
    width,
    height,
    svg: html`${defs}${headers}${rows}`,
    table,
    collapseTable: true,
  });
}

/** The legend of the bands, as an HTML list with hatched swatches. */
export function heatLegend(target: number): SafeHtml {
  const bands: HeatBand[] = ['far-below', 'below', 'above', 'far-above'];
  return html`<ul class="legend" aria-label="Heatmap legend">${bands.map(
    (band) =>
      html`<li><svg width="26" height="16" aria-hidden="true" focusable="false"><rect width="26" height="16" fill="${FILL[band].fill}" stroke="#1b1b1b"/>${FILL[band].hatch ? html`<path d="M0 16 L16 0 M10 16 L26 0" stroke="${FILL[band].hatch}" stroke-width="1.5"/>` : ''}</svg>${HEAT_LABELS[band]}</li>`,
  )}<li>Target: ${target} of 100</li></ul>`;
}
