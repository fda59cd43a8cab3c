/**
 * Horizontal bar charts, single or grouped (one bar per series in each row), with the value written
 * at the end of every bar and a legend naming each series' pattern. Used for response rates, the
 * distribution of recommendations, bench strength and a leader's competencies by rater group.
 */
import { html, type SafeHtml } from '../../rendering/html.ts';
import { clip, dataTable, figure, fillOf, patternDefs, seriesStyle, textWidth } from './svg.ts';

export interface BarSeries {
  name: string;
}

export interface BarRow {
  label: string;
  /** One value per series; null = no value (nothing drawn, "—" written). */
  values: (number | null)[];
}

export interface BarChartInput {
  id: string;
  title: string;
  description: string;
  series: BarSeries[];
  rows: BarRow[];
  /** The value of a full-length bar. */
  max: number;
  /** How a value is written ("73%", "4", "3.5"). */
  format: (value: number) => string;
  /** Header of the first table column. */
  rowHeader: string;
  collapseTable?: boolean;
}

const BAR = 14;
const GAP = 4;
const ROW_GAP = 12;
const PLOT = 320;

export function barChart(input: BarChartInput): SafeHtml {
  const labelWidth = Math.min(220, Math.max(80, ...input.rows.map((r) => textWidth(clip(r.label, 30)))));
  const styles = input.series.map((_, i) => seriesStyle(i));
  const legendHeight = input.series.length > 1 ? 24 : 0;
  const rowHeight = input.series.length * (BAR + GAP) - GAP + ROW_GAP;
  const width = labelWidth + 12 + PLOT + 56;
  const height = legendHeight + input.rows.length * rowHeight + 4;
  const scale = (value: number) => (input.max > 0 ? Math.max(0, Math.min(1, value / input.max)) * PLOT : 0);
  const x0 = labelWidth + 12;

  let legendX = 0;
  const legend =
    input.series.length > 1
      ? input.series.map((series, i) => {
          const x = legendX;
          legendX += 22 + textWidth(series.name) + 18;
          return html`<rect x="${x}" y="4" width="16" height="12" fill="${fillOf(input.id, styles[i]!)}" stroke="#1b1b1b" stroke-width="1"/><text class="svg-text" x="${x + 22}" y="15">${series.name}</text>`;
        })
      : '';

  const rows = input.rows.map((row, r) => {
    const top = legendHeight + r * rowHeight;
    const bars = row.values.map((value, s) => {
      const y = top + s * (BAR + GAP);
      const w = value === null ? 0 : scale(value);
      const text = value === null ? '—' : input.format(value);
      return html`<rect x="${x0}" y="${y}" width="${w.toFixed(1)}" height="${BAR}" fill="${fillOf(input.id, styles[s]!)}"/><text class="svg-text" x="${(x0 + w + 6).toFixed(1)}" y="${y + BAR - 3}">${text}</text>`;
    });
    const labelY = top + (input.series.length * (BAR + GAP) - GAP) / 2 + 4;
    return html`<text class="svg-text" x="${labelWidth}" y="${labelY}" text-anchor="end">${clip(row.label, 30)}</text>${bars}`;
  });

  const svg = html`${patternDefs(input.id, styles)}${legend}<line x1="${x0}" y1="${legendHeight}" x2="${x0}" y2="${height - 2}" stroke="#1b1b1b" stroke-width="1"/>${rows}`;
  const table = dataTable({
    caption: input.title,
    hideCaption: true,
    columns: [{ label: input.rowHeader }, ...input.series.map((s) => ({ label: s.name, numeric: true }))],
    rows: input.rows.map((row) => [
      row.label,
      ...row.values.map((value) => (value === null ? '—' : input.format(value))),
    ]),
  });
  return figure({
    id: input.id,
    title: input.title,
    description: input.description,
    width,
    height,
    svg,
    table,
    ...(input.collapseTable ? { collapseTable: true } : {}),
  });
}
