/**
 * The document around every page behind a feedback link (form, thanks, 404, 410, errors): kept apart
 * from html.ts so that the email functions do not bundle the pages' CSS.
 */
import { html, PAGE_CSP, raw, type SafeHtml } from './html.ts';
import { PAGE_CSS } from './page-style.ts';

/**
 * A whole HTML page: `lang`, charset, viewport, no-index, CSP meta, inline CSS, one `<main>` holding
 * an optional `nav` (the language switch), then `body`. `title` and `footer` are plain text
 * (escaped here); `lang` is the BCP 47 tag of the page's language.
 */
export function page(input: {
  lang: string;
  title: string;
  body: SafeHtml;
  footer: string;
  nav?: SafeHtml;
}): string {
  return html`<!doctype html>
<html lang="${input.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${raw(PAGE_CSP.replace(/; frame-ancestors 'none'/, ''))}">
<meta name="referrer" content="no-referrer">
<meta name="robots" content="noindex, nofollow">
<title>${input.title}</title>
<style>${raw(PAGE_CSS)}</style>
</head>
<body>
<main id="main">
${input.nav ?? ''}${input.body}
<footer><p>${input.footer}</p></footer>
</main>
</body>
</html>
`.toString();
}
