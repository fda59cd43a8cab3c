/**
 * Shared HTML building blocks for the feedback pages and the emails: escaping, a tagged template that
 * escapes every interpolated value by default, the page layout and the email layout.
 *
 * Pure: no I/O, no AWS, no third-party assets. Every value interpolated into `html`…`` is escaped
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
 */
export function oneLine(text: string): string {
  return text
    .replace(/[\p{Cc}\u2028\u2029]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Lowercase-kebab or free text turned into a safe `id` fragment. */
export function domId(text: string): string {
  return text.replace(/[^A-Za-z0-9_-]/g, '_');
}

const DEADLINE_FORMAT = new Intl.DateTimeFormat('en-GB', {
  dateStyle: 'full',
  timeStyle: 'short',
  timeZone: 'UTC',
});

/** "Monday, 12 January 2026 at 17:00 UTC"; an unparseable value is returned unchanged (and escaped by callers). */
export function formatDeadline(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${DEADLINE_FORMAT.format(date)} UTC`;
}

const SHORT_DATE_FORMAT = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  timeZone: 'UTC',
});

/** "12 Jan" (UTC), for subjects; an unparseable value is returned unchanged. */
export function formatShortDate(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return SHORT_DATE_FORMAT.format(date);
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

/* Colours: text #1b1b1b on #ffffff (17:1); primary #0b4f8a with white text (8.4:1); error #b3261e (6.5:1);
   borders #6b6b6b (5.3:1, above the 3:1 needed for UI components). Focus: yellow and black double ring. */
const PAGE_CSS = `
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%;color-scheme:light}
body{margin:0;background:#f3f3f3;color:#1b1b1b;font-family:system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;font-size:1.0625rem;line-height:1.5}
main{display:block;max-width:40rem;margin:0 auto;padding:1.25rem 1rem 3rem;background:#fff;min-height:100vh}
h1{font-size:1.75rem;line-height:1.2;margin:.5rem 0 1rem}
h2{font-size:1.3rem;line-height:1.25;margin:2rem 0 .75rem}
p,ul{margin:0 0 1rem}
a{color:#0b4f8a;text-decoration:underline;text-underline-offset:.15em}
a:hover{color:#062e52;text-decoration-thickness:2px}
:focus-visible{outline:3px solid #1b1b1b;outline-offset:2px;box-shadow:0 0 0 2px #ffdd00}
a:focus-visible{background:#ffdd00;color:#1b1b1b;text-decoration:none;box-shadow:none}
.notice{border-left:6px solid #0b4f8a;background:#eef4fa;padding:.75rem 1rem;margin:0 0 1.25rem}
.error-summary{border:4px solid #b3261e;padding:1rem;margin:0 0 1.5rem}
.error-summary h2{margin-top:0;font-size:1.2rem}
.error-summary ul{margin:0;padding-left:1.25rem}
.error-summary a{color:#b3261e;font-weight:700}
.field-error{color:#b3261e;font-weight:700;margin:.25rem 0 .5rem}
.hint{color:#4a4a4a;margin:.25rem 0 .5rem}
fieldset{border:0;margin:0 0 1.5rem;padding:0;min-width:0}
fieldset.has-error,.field.has-error{border-left:5px solid #b3261e;padding-left:.75rem}
legend{padding:0;margin:0 0 .5rem;font-weight:400}
.q-label{display:block;font-weight:700;font-size:1.1rem}
.q-statement{display:block}
.option{display:flex;align-items:center;gap:.75rem;min-height:3rem;margin:.375rem 0;padding:.5rem .75rem;border:2px solid #6b6b6b;border-radius:.375rem;cursor:pointer;background:#fff}
.option:has(input:checked){border-color:#0b4f8a;background:#eef4fa;font-weight:700}
.option input{flex:none;width:1.5rem;height:1.5rem;margin:0;accent-color:#0b4f8a}
.option-na{border-style:dashed}
label.block{display:block;font-weight:700;font-size:1.1rem}
textarea{display:block;width:100%;min-height:8rem;padding:.5rem;font:inherit;color:inherit;border:2px solid #6b6b6b;border-radius:.25rem;background:#fff}
textarea[aria-invalid="true"]{border-color:#b3261e}
.actions{margin:2rem 0 0}
button{display:block;width:100%;min-height:3rem;padding:.75rem 1.25rem;font:inherit;font-weight:700;border-radius:.375rem;cursor:pointer}
.button-primary{background:#0b4f8a;color:#fff;border:2px solid #0b4f8a}
.button-primary:hover{background:#083c69}
.button-secondary{background:#fff;color:#0b4f8a;border:2px solid #0b4f8a}
.button-secondary:hover{background:#eef4fa}
.decline{margin-top:2.5rem;padding-top:1rem;border-top:1px solid #6b6b6b}
.visually-hidden{position:absolute!important;width:1px!important;height:1px!important;margin:0!important;padding:0!important;overflow:hidden!important;clip:rect(0 0 0 0)!important;clip-path:inset(50%)!important;white-space:nowrap!important;border:0!important}
footer{margin-top:3rem;color:#4a4a4a;font-size:.95rem}
@media (min-width:40rem){button{display:inline-block;width:auto}main{margin-top:1.5rem;min-height:0;border-radius:.5rem}}
@media (prefers-reduced-motion:reduce){*{transition:none!important}}
`
  .replace(/\n/g, '')
  .trim();

/**
 * A whole HTML page: `lang`, charset, viewport, no-index, CSP meta, inline CSS, one `<main>` holding
 * `body`. `title` is plain text (escaped here).
 */
export function page(title: string, body: SafeHtml): string {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${raw(PAGE_CSP.replace(/; frame-ancestors 'none'/, ''))}">
<meta name="referrer" content="no-referrer">
<meta name="robots" content="noindex, nofollow">
<title>${title} – Ladder</title>
<style>${raw(PAGE_CSS)}</style>
</head>
<body>
<main id="main">
${body}
<footer><p>Ladder – quarterly reviews of Consultant Sales Leaders</p></footer>
</main>
</body>
</html>
`.toString();
}

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
 * styles only. `title` and `preheader` are plain text (escaped here).
 */
export function emailLayout(input: { title: string; preheader?: string; body: SafeHtml }): string {
  const preheader = input.preheader
    ? html`<div style="display:none;max-height:0;overflow:hidden;mso-hide:all" aria-hidden="true">${input.preheader}</div>`
    : '';
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<title>${input.title}</title>
</head>
<body style="margin:0;padding:0;background:#f3f3f3">
${preheader}
<div role="article" aria-label="${input.title}" lang="en" style="max-width:600px;margin:0 auto;padding:24px 16px;background:#ffffff;color:#1b1b1b;font-family:system-ui,-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;font-size:16px;line-height:1.5">
${input.body}
<p style="margin:28px 0 0;font-size:13px;color:#4a4a4a">Ladder – quarterly reviews of Consultant Sales Leaders</p>
</div>
</body>
</html>
`.toString();
}
