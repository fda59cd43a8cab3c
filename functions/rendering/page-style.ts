/**
 * The CSS of every page behind a feedback link (inline: the CSP allows no stylesheet from elsewhere).
 *
 * Phones (< 700 px): each answer is a full-width option under its statement, a comfortable touch
 * target with its label beside it. Screens ≥ 700 px: the questionnaire is a matrix, one row per
 * statement, the scale's labels once as column headers (sticky while scrolling, hidden from screen
 * readers), and each radio keeps its own label (visually hidden) inside the statement's fieldset.
 * The two open questions sit side by side.
 *
 * Colours: text #1b1b1b on #ffffff (17:1); primary #0b4f8a with white text (8.4:1); error #b3261e
 * (6.5:1); borders #6b6b6b (5.3:1, above the 3:1 needed for UI components); hint text #4a4a4a (8.9:1).
 * Focus: yellow and black double ring.
 */
const BASE = `
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%;color-scheme:light}
body{margin:0;background:#f3f3f3;color:#1b1b1b;font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Hiragino Sans","Noto Sans CJK JP","Yu Gothic",Helvetica,Arial,sans-serif;font-size:1.0625rem;line-height:1.5}
main{display:block;max-width:40rem;margin:0 auto;padding:1.25rem 1rem 3rem;background:#fff;min-height:100vh}
h1{font-size:1.75rem;line-height:1.2;margin:.5rem 0 1rem}
h2{font-size:1.3rem;line-height:1.25;margin:2rem 0 .75rem}
p,ul{margin:0 0 1rem}
a{color:#0b4f8a;text-decoration:underline;text-underline-offset:.15em}
a:hover{color:#062e52;text-decoration-thickness:2px}
:focus-visible{outline:3px solid #1b1b1b;outline-offset:2px;box-shadow:0 0 0 2px #ffdd00}
a:focus-visible{background:#ffdd00;color:#1b1b1b;text-decoration:none;box-shadow:none}
.languages ul{display:flex;flex-wrap:wrap;justify-content:flex-end;gap:.25rem 1rem;list-style:none;margin:0 0 .5rem;padding:0;font-size:.95rem}
.languages a,.languages [aria-current]{display:inline-block;padding:.5rem .25rem;min-height:2.75rem;line-height:1.75rem}
.languages [aria-current]{font-weight:700}
.notice{border-left:6px solid #0b4f8a;background:#eef4fa;padding:.75rem 1rem;margin:0 0 1.25rem}
.notice p{margin:0}
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
.scale-head{display:none}
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
`;

/*
 * The matrix (≥ 700 px). A statement's fieldset is a two-column grid: the legend (floated, so that
 * it is laid out as a grid item rather than on the fieldset's border) and the six answer cells.
 * --cell is one answer column; the header row uses the same columns.
 */
const MATRIX = `
@media (min-width:700px){
main{max-width:72rem;padding:1.5rem 2rem 2.5rem}
.intro{max-width:48rem}
h2{margin:1.75rem 0 .5rem}
.matrix{--cell:4.25rem}
.scale-head,fieldset.item{display:grid;grid-template-columns:minmax(0,1fr) calc(6 * var(--cell));column-gap:1rem;align-items:center}
.scale-head{position:sticky;top:0;z-index:1;background:#fff;border-bottom:2px solid #6b6b6b;padding:.25rem 0;font-size:.75rem;line-height:1.2;color:#1b1b1b}
.scale-head .cells,.item .cells{display:grid;grid-template-columns:repeat(6,var(--cell))}
.scale-head .cells span{padding:0 .125rem;text-align:center;overflow-wrap:break-word;hyphens:manual}
.scale-head .cells .na{font-style:italic}
fieldset.item{margin:0;padding:.25rem 0;border-bottom:1px solid #d0d0d0}
fieldset.item:nth-of-type(even){background:#f7f9fb}
fieldset.item.has-error{padding-left:.75rem}
.item legend{float:left;grid-column:1;grid-row:1;margin:0;padding:.25rem 0;font-size:1rem;line-height:1.4}
.item .cells{grid-column:2;grid-row:1}
.item .field-error{grid-column:1 / -1;grid-row:2;margin:.25rem 0 .5rem}
.q-label,.q-statement{display:inline}
.q-label{font-size:1rem;margin-right:.375rem}
.item .option{justify-content:center;min-height:2.5rem;margin:0;padding:0;border:0;border-radius:.25rem;background:transparent}
.item .option:hover{background:#eef4fa}
.item .option:has(input:checked){background:#dce9f5}
.item .option-text{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}
.open-questions{display:grid;grid-template-columns:1fr 1fr;gap:0 1.5rem}
.open-questions h2{grid-column:1 / -1}
textarea{min-height:5.5rem}
.actions{margin:1.5rem 0 0}
.decline{margin-top:1.75rem}
.decline h2{margin-top:0;font-size:1.15rem}
footer{margin-top:2rem}
}
@media (min-width:960px){.matrix{--cell:4.75rem}}
`;

/** The pages' CSS, minified to one line. */
export const PAGE_CSS = `${BASE}${MATRIX}`.replace(/\n/g, '').trim();
