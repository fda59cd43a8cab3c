/**
 * Building blocks of the console's charts: small hand-written server-side SVG (docs/architecture.md,
 * "Charts": no library in the bundle, nothing for the CSP to allow, full control of the accessible
 * markup). Every chart is a `<figure>` whose SVG has `role="img"`, a `<title>` and a `<desc>`, and
 * whose numbers are in a table beside it; series differ by pattern and label, never by colour alone.
 */
import { domId, type HtmlValue, html, type SafeHtml } from '../../rendering/html.ts';

/** Series colours, each at least 3:1 against white (WCAG 1.4.11). */
export const SERIES_COLOURS = ['#0b4f8a', '#a34700', '#00695c', '#5b2a86', '#595959'] as const;

export type Fill = 'solid' | 'stripes' | 'dots' | 'cross' | 'rungs';
export const SERIES_FILLS: readonly Fill[] = ['solid', 'stripes', 'dots', 'cross', 'rungs'];

export interface SeriesStyle {
  colour: string;
  fill: Fill;
}

export function seriesStyle(index: number): SeriesStyle {
  return {
    colour: SERIES_COLOURS[index % SERIES_COLOURS.length]!,
    fill: SERIES_FILLS[index % SERIES_FILLS.length]!,
  };
}

/** `fill` attribute value for a style: the colour, or the pattern drawn over it. */
export function fillOf(chartId: string, style: SeriesStyle): string {
  return style.fill === 'solid' ? style.colour : `url(#${patternId(chartId, style)})`;
}

function patternId(chartId: string, style: SeriesStyle): string {
  return `${domId(chartId)}-${style.fill}-${style.colour.slice(1)}`;
}

/** `<defs>` with the patterns `styles` need (white marks over the series colour). */
export function patternDefs(chartId: string, styles: readonly SeriesStyle[]): SafeHtml {
  const unique = new Map(styles.filter((s) => s.fill !== 'solid').map((s) => [patternId(chartId, s), s]));
  const mark = (style: SeriesStyle): SafeHtml => {
    switch (style.fill) {
      case 'stripes':
        return html`<path d="M0 8 L8 0" stroke="#fff" stroke-width="2"/>`;
      case 'dots':
        return html`<circle cx="4" cy="4" r="1.6" fill="#fff"/>`;
      case 'cross':
        return html`<path d="M0 0 L8 8 M8 0 L0 8" stroke="#fff" stroke-width="1.5"/>`;
      default:
        return html`<path d="M0 4 H8" stroke="#fff" stroke-width="2"/>`;
    }
  };
  if (unique.size === 0) return html``;
  return html`<defs>${[...unique].map(
    ([id, style]) =>
      html`<pattern id="${id}" width="8" height="8" patternUnits="userSpaceOnUse"><rect width="8" height="8" fill="${style.colour}"/>${mark(style)}</pattern>`,
  )}</defs>`;
}

/** Rough text width in the chart font (13px): enough to lay out labels without measuring. */
export function textWidth(text: string): number {
  return Math.ceil([...text].length * 7.2);
}

/** Shortens a label to `max` characters with an ellipsis (the full text is in the table). */
export function clip(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

export const fixed = (value: number, digits = 1) =>
  (Math.round(value * 10 ** digits) / 10 ** digits).toFixed(digits);

export interface FigureInput {
  id: string;
  /** Visible caption, and the SVG's accessible name. */
  title: string;
  /** What the chart shows, in words (the SVG's description). */
  description: string;
  width: number;
  height: number;
  svg: HtmlValue;
  /** The same numbers as a table. */
  table: SafeHtml;
  /** Show the table collapsed under a "Show the numbers" disclosure (long tables). */
  collapseTable?: boolean;
}

export function figure(input: FigureInput): SafeHtml {
  const id = domId(input.id);
  const table = input.collapseTable
    ? html`<details><summary>Show the numbers of “${input.title}”</summary>${input.table}</details>`
    : input.table;
  return html`<figure class="chart" aria-labelledby="${id}-caption">
<figcaption id="${id}-caption">${input.title}</figcaption>
<svg xmlns="http://www.w3.org/2000/svg" role="img" width="${input.width}" height="${input.height}" viewBox="0 0 ${input.width} ${input.height}" aria-labelledby="${id}-title ${id}-desc"><title id="${id}-title">${input.title}</title><desc id="${id}-desc">${input.description}</desc>${input.svg}</svg>
${table}
</figure>`;
}

export interface TableInput {
  caption: string;
  columns: { label: string; numeric?: boolean }[];
  rows: HtmlValue[][];
  /** Visually hidden caption (the figure caption already says it). */
  hideCaption?: boolean;
}

/** A plain data table in a horizontally scrollable region (keyboard-focusable, named by its caption). */
export function dataTable(input: TableInput): SafeHtml {
  return html`<div class="table-wrap" role="region" aria-label="${input.caption}" tabindex="0"><table>
<caption${input.hideCaption ? html` class="visually-hidden"` : ''}>${input.caption}</caption>
<thead><tr>${input.columns.map((c) => html`<th scope="col"${c.numeric ? html` class="num"` : ''}>${c.label}</th>`)}</tr></thead>
<tbody>
${input.rows.map(
  (row) =>
    html`<tr>${row.map((cell, i) =>
      i === 0
        ? html`<th scope="row">${cell}</th>`
        : html`<td${input.columns[i]?.numeric ? html` class="num"` : ''}>${cell}</td>`,
    )}</tr>\n`,
)}</tbody>
</table></div>`;
}
