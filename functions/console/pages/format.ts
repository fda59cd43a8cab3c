/** Numbers, dates and small form parts as the console shows them. */
import { addQuarters, isQuarterId, quarterOf } from '../../core/quarter.ts';
import { type HtmlValue, html, type SafeHtml } from '../../rendering/html.ts';

export const percent = (ratio: number | null | undefined, digits = 0): string =>
  typeof ratio === 'number' && Number.isFinite(ratio) ? `${(ratio * 100).toFixed(digits)}%` : '—';

export const score = (value: number | null | undefined): string =>
  typeof value === 'number' && Number.isFinite(value) ? value.toFixed(1) : '—';

const DATE_TIME = new Intl.DateTimeFormat('en-GB', {
  dateStyle: 'medium',
  timeStyle: 'short',
  timeZone: 'UTC',
});

/** "5 Jan 2027, 10:30 UTC"; an unparseable value is shown as given. */
export function dateTime(iso: string | undefined | null): string {
  if (!iso) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : `${DATE_TIME.format(date)} UTC`;
}

/** The quarters the console offers: the next one back to three years ago, newest first. */
export function recentQuarters(now: Date, back = 12): string[] {
  const current = quarterOf(now);
  return Array.from({ length: back + 2 }, (_, i) => addQuarters(current, 1 - i));
}

/** `?quarter=` when valid, else undefined. */
export function quarterParam(query: URLSearchParams): string | undefined {
  const value = query.get('quarter') ?? '';
  return isQuarterId(value) ? value : undefined;
}

/** A hidden CSRF field for every state-changing form. */
export function csrfField(token: string): SafeHtml {
  return html`<input type="hidden" name="csrf" value="${token}">`;
}

/** A `<select>` with a label; `options` are [value, text]. */
export function select(input: {
  id: string;
  name: string;
  label: string;
  options: [string, string][];
  selected?: string;
}): SafeHtml {
  return html`<div><label for="${input.id}">${input.label}</label>
<select id="${input.id}" name="${input.name}">${input.options.map(
    ([value, text]) =>
      html`<option value="${value}"${value === (input.selected ?? '') ? html` selected` : ''}>${text}</option>`,
  )}</select></div>`;
}

/** A list of problems (upload errors, form errors) with a heading, announced to screen readers. */
export function problemList(heading: string, items: HtmlValue[]): SafeHtml {
  return html`<div class="problems" role="alert" tabindex="-1" id="problems"><h2>${heading}</h2><ul>${items.map((item) => html`<li>${item}</li>`)}</ul></div>`;
}

/** `/console/readiness?quarter=2026-Q4&team=North`, dropping empty values. */
export function link(base: string, params: Record<string, string | undefined>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) if (value) search.set(name, value);
  const text = search.toString();
  return text ? `${base}?${text}` : base;
}

/** "Page 2 of 5" with previous/next links (`href(n)` builds a page's link). */
export function pager(page: number, pages: number, href: (page: number) => string, label: string): HtmlValue {
  if (pages <= 1) return '';
  return html`<nav class="pager" aria-label="${label}">${page > 1 ? html`<a href="${href(page - 1)}" rel="prev">Previous page</a>` : ''}<span>Page ${page} of ${pages}</span>${page < pages ? html`<a href="${href(page + 1)}" rel="next">Next page</a>` : ''}</nav>`;
}
