/**
 * The 9-box: readiness (rows, high at the top) against sales attainment (columns, low on the left).
 * Each box shows its count in large type and its name; the table beside lists the leaders per box.
 */
import type { NineBox } from '../../core/views/readiness.ts';
import { type HtmlValue, html, type SafeHtml } from '../../rendering/html.ts';
import { dataTable, figure } from './svg.ts';

const READINESS = ['Low readiness', 'Medium readiness', 'High readiness'];
const ATTAINMENT = ['below target', 'near target', 'top seller'];

export function boxName(readiness: number, attainment: number): string {
  return `${READINESS[readiness]}, ${ATTAINMENT[attainment]}`;
}

const BOX = 150;
export const MAX_NAMES = 25;
const LEFT = 110;
const TOP = 10;

export function nineBoxChart(input: {
  id: string;
  box: NineBox;
  leaderLink: (leaderId: string) => string;
  percent: (ratio: number) => string;
}): SafeHtml {
  const { box } = input;
  const [r1, r2] = box.bounds.readiness;
  const [a1, a2] = box.bounds.attainment;
  const width = LEFT + 3 * BOX + 10;
  const height = TOP + 3 * BOX + 60;
  const cells = box.cells.map((cell, i) => {
    const row = Math.floor(i / 3);
    const col = i % 3;
    const x = LEFT + col * BOX;
    const y = TOP + row * BOX;
    // The "ready and selling" corner is marked by a thicker frame, not by colour.
    const best = cell.readiness === 2 && cell.attainment === 2;
    return html`<rect x="${x}" y="${y}" width="${BOX}" height="${BOX}" fill="${best ? '#eef4fa' : '#ffffff'}" stroke="#1b1b1b" stroke-width="${best ? 3 : 1}"/><text class="svg-text" x="${x + BOX / 2}" y="${y + BOX / 2}" text-anchor="middle" font-size="30" font-weight="700">${cell.leaders.length}</text><text class="svg-text" x="${x + BOX / 2}" y="${y + BOX / 2 + 24}" text-anchor="middle">${cell.leaders.length === 1 ? 'leader' : 'leaders'}</text>`;
  });
  const rowLabels = ['High', 'Medium', 'Low'].map(
    (label, i) =>
      html`<text class="svg-text" x="${LEFT - 8}" y="${TOP + i * BOX + BOX / 2}" text-anchor="end">${label}</text>`,
  );
  const colLabels = ['Below', 'Near', 'Top'].map(
    (label, i) =>
      html`<text class="svg-text" x="${LEFT + i * BOX + BOX / 2}" y="${TOP + 3 * BOX + 20}" text-anchor="middle">${label}</text>`,
  );
  const axes = html`<text class="svg-text" x="${LEFT - 8}" y="${TOP + 3 * BOX + 20}" text-anchor="end" font-weight="700">Readiness ↑</text><text class="svg-text" x="${LEFT + 1.5 * BOX}" y="${TOP + 3 * BOX + 44}" text-anchor="middle" font-weight="700">Sales attainment →</text>`;

  const description = `Readiness bands: high from ${r2}, medium from ${r1}, low below ${r1}. Attainment bands: top from ${input.percent(a2)}, near from ${input.percent(a1)}, below under ${input.percent(a1)}. ${box.cells
    .map((cell) => `${boxName(cell.readiness, cell.attainment)}: ${cell.leaders.length}`)
    .join('; ')}. ${box.unplaced.length} not placed (no readiness score or no sales figures).`;

  // A box lists at most MAX_NAMES leaders; filter by team to see all of a large box.
  const names = (leaders: NineBox['cells'][number]['leaders']): HtmlValue =>
    leaders.length === 0
      ? '—'
      : html`<ul class="nine-box-names">${leaders
          .slice(0, MAX_NAMES)
          .map((l) => html`<li><a href="${input.leaderLink(l.leaderId)}">${l.leaderName}</a></li>`)}${
          leaders.length > MAX_NAMES ? html`<li>…and ${leaders.length - MAX_NAMES} more</li>` : ''
        }</ul>`;
  const table = dataTable({
    caption: '9-box: leaders per box',
    hideCaption: true,
    columns: [{ label: 'Box' }, { label: 'Leaders', numeric: true }, { label: 'Who' }],
    rows: [
      ...box.cells.map((cell): HtmlValue[] => [
        boxName(cell.readiness, cell.attainment),
        cell.leaders.length,
        names(cell.leaders),
      ]),
      ['Not placed (no score or no sales figures)', box.unplaced.length, names(box.unplaced)],
    ],
  });
  return figure({
    id: input.id,
    title: '9-box: readiness against sales attainment',
    description,
    width,
    height,
    svg: html`${cells}${rowLabels}${colLabels}${axes}`,
    table,
  });
}
