/**
 * Charts for emails: bars made of table cells, because Outlook and Gmail drop inline SVG (and
 * images of charts would be blocked or unreadable). Each bar sits next to its number written as
 * text, so the value is never only a length or a colour; the bar tables are `role="presentation"`.
 * Widths are whole percentages on `<td width>`, with `bgcolor` and inline `background` for clients
 * that ignore one of them.
 */
import { html, type SafeHtml } from './html.ts';

const BAR = '#0b4f8a';
const TRACK = '#e6e6e6';

/** A cell a few pixels high, filled with `colour`, `percent` wide. */
function segment(percent: number, colour: string): SafeHtml {
  return html`<td width="${percent}%" height="12" bgcolor="${colour}" style="width:${percent}%;height:12px;background:${colour};font-size:1px;line-height:1px;mso-line-height-rule:exactly">&nbsp;</td>`;
}

/** `value` of `max` as a whole percentage, 0–100 (null: 0). */
export function barPercent(value: number | null | undefined, max: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || max <= 0) return 0;
  return Math.round(Math.min(1, Math.max(0, value / max)) * 100);
}

/**
 * A table cell holding the number as text, then a bar of `value` out of `max`. `text` is what the
 * reader sees (e.g. "3.5" or "72 of 100"); a missing value shows the text and no bar.
 */
export function emailBarCell(input: {
  value: number | null | undefined;
  max: number;
  text: string;
  cellStyle: string;
}): SafeHtml {
  const percent = barPercent(input.value, input.max);
  const hasValue = typeof input.value === 'number' && Number.isFinite(input.value);
  const bar = hasValue
    ? html`<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="border-collapse:collapse;width:100%;min-width:80px"><tr>${percent > 0 ? segment(percent, BAR) : ''}${percent < 100 ? segment(100 - percent, TRACK) : ''}</tr></table>`
    : '';
  return html`<td style="${input.cellStyle}"><table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="border-collapse:collapse;width:100%"><tr><td width="48" style="width:48px;padding:0 8px 0 0;text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums">${input.text}</td><td style="padding:0">${bar}</td></tr></table></td>`;
}
