/**
 * The console's stylesheet: the feedback form's (same look, same colours, same focus ring) plus what
 * tables, navigation and charts need. One inline `<style>` element allowed by its SHA-256 in the CSP,
 * so no `'unsafe-inline'`, no extra request and no style attributes anywhere (charts use SVG
 * presentation attributes and classes). Colours meet WCAG 2.2 AA contrast: text ≥ 4.5:1, graphics ≥ 3:1.
 */
import { createHash } from 'node:crypto';
import { PAGE_CSS } from '../../rendering/page-style.ts';

/* Chart palette (each ≥ 3:1 on white, and every series also has a pattern or a label):
   blue #0b4f8a, teal #00695c, orange #a34700, purple #5b2a86, grey #595959.
   Heat bands: far below #b3261e (white text), below #f6c9c4, above #cfe3f5, far above #0b4f8a (white text). */
const CONSOLE_CSS = `
.shell{max-width:80rem;margin:0 auto;background:#fff;padding:1rem 1rem 3rem;min-height:100vh}
.shell main{max-width:none;margin:0;padding:0;min-height:0;background:none;border-radius:0}
@media (min-width:40rem){.shell{padding:1.25rem 2rem 3rem}}
.skip{position:absolute;left:-999px;top:0;background:#ffdd00;color:#1b1b1b;padding:.5rem 1rem;z-index:10}
.skip:focus{left:0}
.topbar{display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;align-items:center;justify-content:space-between;border-bottom:4px solid #0b4f8a;padding:0 0 .5rem;margin:0 0 1rem}
.brand{font-weight:700;font-size:1.2rem;color:#1b1b1b;text-decoration:none}
.who{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center;font-size:.95rem}
.who form{margin:0}
.link-button{display:inline;width:auto;min-height:0;padding:0;border:0;background:none;color:#0b4f8a;text-decoration:underline;font:inherit;font-weight:400;cursor:pointer}
nav.main-nav ul{list-style:none;display:flex;flex-wrap:wrap;gap:.25rem 1.25rem;margin:0 0 1.5rem;padding:0}
nav.main-nav a{display:inline-block;padding:.35rem 0;font-weight:700}
nav.main-nav a[aria-current="page"]{color:#1b1b1b;text-decoration:none;border-bottom:4px solid #1b1b1b}
.table-wrap{overflow-x:auto;margin:0 0 1.5rem;max-width:100%}
table{border-collapse:collapse;min-width:100%;font-size:.95rem}
caption{text-align:left;font-weight:700;padding:0 0 .5rem}
th,td{text-align:left;padding:.4rem .6rem;border-bottom:1px solid #b0b0b0;vertical-align:top}
thead th{border-bottom:2px solid #1b1b1b;vertical-align:bottom}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(11rem,1fr));gap:1rem;margin:0 0 1.5rem;padding:0;list-style:none}
.card{border:2px solid #6b6b6b;border-radius:.375rem;padding:.75rem 1rem}
.card .figure{display:block;font-size:1.8rem;font-weight:700;line-height:1.2}
.chart{margin:0 0 1.5rem}
.chart svg{display:block;max-width:100%;height:auto}
.chart figcaption{font-weight:700;margin:0 0 .5rem}
.chart-pair{display:grid;gap:1rem 2rem;grid-template-columns:minmax(0,1fr)}
@media (min-width:60rem){.chart-pair{grid-template-columns:minmax(0,3fr) minmax(0,2fr)}}
.svg-text{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;font-size:13px;fill:#1b1b1b}
.svg-text-inverse{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;font-size:13px;fill:#ffffff}
.heat{text-align:center;font-variant-numeric:tabular-nums;min-width:2.8rem}
.heat-far-below{background:#b3261e;color:#fff;font-weight:700}
.heat-below{background:#f6c9c4;color:#1b1b1b}
.heat-above{background:#cfe3f5;color:#1b1b1b}
.heat-far-above{background:#0b4f8a;color:#fff;font-weight:700}
.heat-none{background:#fff;color:#4a4a4a}
.legend{display:flex;flex-wrap:wrap;gap:.25rem 1rem;list-style:none;padding:0;margin:0 0 1rem;font-size:.95rem}
.legend li{display:flex;align-items:center;gap:.4rem}
.swatch{display:inline-block;width:1.6rem;height:1rem;border:1px solid #1b1b1b}
.filters{display:flex;flex-wrap:wrap;gap:.75rem 1.25rem;align-items:flex-end;margin:0 0 1.5rem;padding:.75rem 1rem;border:2px solid #6b6b6b;border-radius:.375rem}
.filters label,.field label{display:block;font-weight:700;margin:0 0 .25rem}
select,input[type="file"],input[type="text"],input[type="datetime-local"]{font:inherit;color:inherit;min-height:2.75rem;padding:.35rem .5rem;border:2px solid #6b6b6b;border-radius:.25rem;background:#fff;max-width:100%}
.filters button,.inline-actions button{width:auto;display:inline-block}
.field{margin:0 0 1rem}
.problems{border:4px solid #b3261e;padding:1rem;margin:0 0 1.5rem}
.problems h2{margin-top:0;font-size:1.2rem}
.ok{border-left:6px solid #00695c;background:#e6f2ef;padding:.75rem 1rem;margin:0 0 1.25rem}
.notice{border-left:6px solid #a34700;background:#fdf0e6;padding:.75rem 1rem;margin:0 0 1.25rem}
.status{display:inline-block;padding:.1rem .5rem;border:2px solid currentColor;border-radius:1rem;font-size:.9rem;font-weight:700}
.pager{display:flex;gap:1rem;flex-wrap:wrap;margin:0 0 1.5rem}
.nine-box-names{margin:0;padding-left:1.1rem;font-size:.9rem}
details{margin:0 0 1.25rem}
summary{cursor:pointer;font-weight:700}
.decision-form fieldset{border:2px solid #6b6b6b;border-radius:.375rem;padding:.75rem 1rem;margin:0 0 1rem}
.decision-form legend{font-weight:700;padding:0 .25rem}
.radio{display:flex;gap:.5rem;align-items:center;min-height:2.75rem}
.radio input{width:1.25rem;height:1.25rem;accent-color:#0b4f8a}
.muted{color:#4a4a4a}
.comment{white-space:pre-line}
.comments{margin:0 0 1rem;padding-left:1.25rem}
.comments li{margin:0 0 .5rem}
textarea.note{min-height:5rem}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem;margin:0 0 1.5rem}
dl.facts dt{font-weight:700}
dl.facts dd{margin:0}
@media (max-width:40rem){dl.facts{grid-template-columns:1fr}.topbar{display:block}}
`
  .replace(/\n/g, '')
  .trim();

export const STYLESHEET = `${PAGE_CSS}${CONSOLE_CSS}`;

/** The CSP source that allows exactly this stylesheet. */
export const STYLE_HASH = `'sha256-${createHash('sha256').update(STYLESHEET).digest('base64')}'`;
