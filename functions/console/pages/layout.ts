/**
 * The frame of every console page: skip link, banner with the signed-in user and sign-out, the main
 * navigation (only what the user's roles may open), one `<main>`. Everything interpolated is escaped
 * (functions/rendering/html.ts). No script anywhere: every page works without JavaScript.
 */
import { type HtmlValue, html, raw, type SafeHtml } from '../../rendering/html.ts';
import { type Access, allows, ROLE_LABELS } from '../auth/roles.ts';
import type { ConsoleUser } from '../auth/session.ts';
import { STYLESHEET } from './style.ts';

export type Section = 'cycles' | 'roster' | 'readiness' | 'bench' | 'calibration' | 'exports' | 'promotions';

const NAV: { section: Section; label: string; path: string; access: Access }[] = [
  { section: 'cycles', label: 'Cycles', path: '/cycles', access: 'any' },
  { section: 'roster', label: 'Roster', path: '/roster', access: 'hr' },
  { section: 'readiness', label: 'Readiness', path: '/readiness', access: 'any' },
  { section: 'bench', label: 'Bench strength', path: '/bench', access: 'any' },
  { section: 'calibration', label: 'Calibration', path: '/calibration', access: 'hr' },
  { section: 'exports', label: 'Exports', path: '/exports', access: 'any' },
  { section: 'promotions', label: 'Promotions', path: '/promotions', access: 'hr' },
];

export interface LayoutInput {
  title: string;
  /** The console's path prefix (`/console`). */
  basePath: string;
  user?: ConsoleUser;
  section?: Section;
  body: SafeHtml;
}

function banner(input: LayoutInput): SafeHtml {
  const user = input.user;
  const who = user
    ? html`<div class="who"><span>Signed in as <strong>${user.name || user.email}</strong> (${user.roles.map((r) => ROLE_LABELS[r]).join(', ') || 'no role'})</span>
<form method="post" action="${input.basePath}/auth/sign-out"><input type="hidden" name="csrf" value="${user.csrfToken}"><button type="submit" class="link-button">Sign out</button></form></div>`
    : '';
  return html`<header class="topbar"><a class="brand" href="${input.basePath}/">Ladder console</a>${who}</header>`;
}

function navigation(input: LayoutInput): HtmlValue {
  const user = input.user;
  if (!user || user.roles.length === 0) return '';
  const items = NAV.filter((item) => allows(user.roles, item.access));
  return html`<nav class="main-nav" aria-label="Console"><ul>
${items.map(
  (item) =>
    html`<li><a href="${input.basePath}${item.path}"${item.section === input.section ? html` aria-current="page"` : ''}>${item.label}</a></li>\n`,
)}</ul></nav>`;
}

/** A whole console page. `title` is plain text (escaped). */
export function consolePage(input: LayoutInput): string {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>${input.title} – Ladder console</title>
<style>${raw(STYLESHEET)}</style>
</head>
<body>
<a class="skip" href="#main">Skip to main content</a>
<div class="shell">
${banner(input)}
${navigation(input)}
<main id="main" tabindex="-1">
${input.body}
</main>
<footer><p>Ladder – quarterly reviews of Consultant Sales Leaders</p></footer>
</div>
</body>
</html>
`.toString();
}

/** A page that only says something (errors, signed out, no role). */
export function messagePage(
  input: Omit<LayoutInput, 'body'> & { heading: string; paragraphs: HtmlValue[] },
): string {
  return consolePage({
    ...input,
    body: html`<h1>${input.heading}</h1>
${input.paragraphs.map((p) => html`<p>${p}</p>\n`)}`,
  });
}
