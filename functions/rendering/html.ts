/**
 * Shared HTML building blocks for the feedback pages and the emails: escaping, a tagged template that
 * escapes every interpolated value by default, the email layout (the page layout is page-layout.ts).
 *
 * Pure: no I/O, no AWS, no third-party assets. Words come from ../i18n (one catalogue per language). Every value interpolated into `html`…`` is escaped
 * unless it is already `SafeHtml` (produced by `html` itself or, for trusted constant markup, `raw`).
 */

/** Markup that is already safe to emit as is. Only `html` and `raw` create it. */
export class SafeHtml {
  readonly #value: string;
  constructor(value: string) {
    this.#value = value;
  }
  toString(): string {
    return this.#value;
  }
}

/** What may be interpolated into `html`…``: text (escaped), safe markup, lists of either, or nothing. */
export type HtmlValue = SafeHtml | string | number | boolean | null | undefined | readonly HtmlValue[];

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for HTML element content and (double- or single-quoted) attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** Marks trusted, constant markup as safe. Never pass user-provided text. */
export function raw(markup: string): SafeHtml {
  return new SafeHtml(markup);
}

function render(value: HtmlValue): string {
  if (value instanceof SafeHtml) return value.toString();
  if (value === null || value === undefined || typeof value === 'boolean') return '';
  if (typeof value === 'number') return escapeHtml(String(value));
  if (typeof value === 'string') return escapeHtml(value);
  return value.map(render).join('');
}

/** Tagged template: literal parts are trusted markup, every interpolated value is escaped (see HtmlValue). */
export function html(strings: TemplateStringsArray, ...values: readonly HtmlValue[]): SafeHtml {
  let out = strings[0] ?? '';
  for (let i = 0; i < values.length; i++) {
    out += render(values[i]) + (strings[i + 1] ?? '');
  }
  return new SafeHtml(out);
}

/**
 * Returns `url` if it is an http(s) URL or (when `allowRelative`) a path on the same site; throws
 * otherwise, so a `javascript:` or `data:` URL can never end up in an href or a form action.
 */
export function safeUrl(url: string, options: { allowRelative?: boolean } = {}): string {
  const absolute = /^[a-z][a-z0-9+.-]*:/i.test(url);
  if (!absolute) {
    if (options.allowRelative && !url.startsWith('//') && !/[\p{Cc}\\]/u.test(url)) return url;
    throw new Error('Refusing to render a URL that is not an absolute http(s) URL');
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error('Refusing to render an invalid URL');
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new Error(`Refusing to render a ${parsed.protocol} URL`);
  }
  return url;
}

/**
 * Makes text safe for a one-line header such as an email subject: control characters and line
 * breaks (including U+2028/U+2029/NEL) become spaces, runs of whitespace collapse, ends are trimmed.
 * No-break spaces (French typography: `Rappel\u00a0:`) are kept.
 */
export function oneLine(text: string): string {
  return text
    .replace(/[\p{Cc}\u2028\u2029]/gu, ' ')
    .replace(/[^\S\u00a0\u202f]+/g, ' ')
    .trim();
}

/** Lowercase-kebab or free text turned into a safe `id` fragment. */
export function domId(text: string): string {
  return text.replace(/[^A-Za-z0-9_-]/g, '_');
}

/** Content-Security-Policy of every page: no scripts, no external anything, inline styles only. */
export const PAGE_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/** Response headers the feedback-form handler should send with any page of this module. */
export const PAGE_HEADERS: Readonly<Record<string, string>> = {
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy': PAGE_CSP,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cache-control': 'no-store',
};

/** Inline styles for emails (many mail clients drop `<style>` blocks, so every element carries its own). */
export const EMAIL_STYLE = {
  h1: 'margin:0 0 16px;font-size:22px;line-height:1.3;color:#1b1b1b',
  h2: 'margin:28px 0 10px;font-size:18px;line-height:1.3;color:#1b1b1b',
  h3: 'margin:20px 0 8px;font-size:16px;line-height:1.3;color:#1b1b1b',
  p: 'margin:0 0 14px',
  small: 'margin:0 0 14px;font-size:14px;color:#4a4a4a',
  ul: 'margin:0 0 14px;padding-left:22px',
  li: 'margin:0 0 6px',
  a: 'color:#0b4f8a;text-decoration:underline;word-break:break-all',
  button:
    'display:inline-block;background:#0b4f8a;color:#ffffff;padding:14px 24px;border-radius:6px;text-decoration:none;font-weight:bold;font-size:16px',
  table: 'border-collapse:collapse;width:100%;margin:0 0 16px;font-size:14px',
  th: 'text-align:left;padding:6px 8px;border-bottom:2px solid #6b6b6b;vertical-align:bottom',
  thNum: 'text-align:right;padding:6px 8px;border-bottom:2px solid #6b6b6b;vertical-align:bottom',
  td: 'text-align:left;padding:6px 8px;border-bottom:1px solid #d0d0d0;vertical-align:top',
  tdNum:
    'text-align:right;padding:6px 8px;border-bottom:1px solid #d0d0d0;vertical-align:top;white-space:nowrap',
  box: 'margin:0 0 16px;padding:12px 14px;border-left:5px solid #0b4f8a;background:#eef4fa',
} as const;

/**
 * A whole HTML email: `lang`, charset, viewport, a single 600px column that shrinks on phones, inline
 * styles only. `title`, `preheader` and `footer` are plain text (escaped here).
 */
export function emailLayout(input: {
  lang: string;
  title: string;
  preheader?: string;
  body: SafeHtml;
  footer: string;
}): string {
  const preheader = input.preheader
    ? html`<div style="display:none;max-height:0;overflow:hidden;mso-hide:all" aria-hidden="true">${input.preheader}</div>`
    : '';
  return html`<!doctype html>
<html lang="${input.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<title>${input.title}</title>
</head>
<body style="margin:0;padding:0;background:#f3f3f3">
${preheader}
<div role="article" aria-label="${input.title}" lang="${input.lang}" style="max-width:600px;margin:0 auto;padding:24px 16px;background:#ffffff;color:#1b1b1b;font-family:system-ui,-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;font-size:16px;line-height:1.5">
${input.body}
<p style="margin:28px 0 0;font-size:13px;color:#4a4a4a">${input.footer}</p>
</div>
</body>
</html>
`.toString();
}
