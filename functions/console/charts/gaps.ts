/**
 * Self against others per competency (1–5): a line from the others' mean (square) to the leader's
 * own rating (circle), both written as numbers. Shape and label tell them apart, not colour.
 */
import type { SelfOtherGap } from '../../core/model.ts';
import { html, type SafeHtml } from '../../rendering/html.ts';
import { clip, dataTable, figure, fixed, textWidth } from './svg.ts';

export function gapChart(input: { id: string; gaps: readonly SelfOtherGap[] }): SafeHtml {
  const labelWidth = Math.min(200, Math.max(90, ...input.gaps.map((g) => textWidth(clip(g.label, 26)))));
  const left = labelWidth + 16;
  const plot = 300;
  const rowH = 30;
  const top = 40;
  const width = left + plot + 60;
  const height = top + input.gaps.length * rowH + 10;
  const x = (v: number) => left + ((Math.max(1, Math.min(5, v)) - 1) / 4) * plot;
  const axis = [1, 2, 3, 4, 5].map(
    (v) =>
      html`<line x1="${x(v)}" x2="${x(v)}" y1="${top - 8}" y2="${height - 6}" stroke="#d0d0d0"/><text class="svg-text" x="${x(v)}" y="${top - 14}" text-anchor="middle">${v}</text>`,
  );
  const legend = html`<rect x="${left}" y="2" width="10" height="10" fill="#a34700"/><text class="svg-text" x="${left + 16}" y="12">Others (square)</text><circle cx="${left + 140}" cy="7" r="5.5" fill="#0b4f8a"/><text class="svg-text" x="${left + 151}" y="12">Self (circle)</text>`;
  const rows = input.gaps.map((gap, i) => {
    const y = top + i * rowH + 10;
    return html`<text class="svg-text" x="${labelWidth}" y="${y + 4}" text-anchor="end">${clip(gap.label, 26)}</text><line x1="${x(gap.others)}" x2="${x(gap.self)}" y1="${y}" y2="${y}" stroke="#1b1b1b" stroke-width="2"/><rect x="${x(gap.others) - 5}" y="${y - 5}" width="10" height="10" fill="#a34700"/><circle cx="${x(gap.self)}" cy="${y}" r="5.5" fill="#0b4f8a"/><text class="svg-text" x="${left + plot + 12}" y="${y + 4}">${gap.gap > 0 ? '+' : ''}${fixed(gap.gap)}</text>`;
  });
  const kind = (g: SelfOtherGap) => (g.kind === 'blind-spot' ? 'Blind spot' : 'Hidden strength');
  const table = dataTable({
    caption: 'Self against others',
    hideCaption: true,
    columns: [
      { label: 'Competency' },
      { label: 'Self (1–5)', numeric: true },
      { label: 'Others (1–5)', numeric: true },
      { label: 'Gap', numeric: true },
      { label: 'Kind' },
    ],
    rows: input.gaps.map((g) => [g.label, fixed(g.self), fixed(g.others), fixed(g.gap), kind(g)]),
  });
  return figure({
    id: input.id,
    title: 'Self against others',
    description: `Where the leader rates themself clearly differently from others, on the 1 to 5 scale: ${input.gaps
      .map((g) => `${g.label}: self ${fixed(g.self)}, others ${fixed(g.others)} (${kind(g).toLowerCase()})`)
      .join('; ')}.`,
    width,
    height,
    svg: html`${legend}${axis}${rows}`,
    table,
  });
}
