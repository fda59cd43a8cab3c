/**
 * What an upload of a roster or sales figures file tells HR, from the import core's structured
 * result (functions/core/csv-table.ts and its users): problems by line and column (nothing was
 * imported), or what was imported, and in both cases the warnings. The core lists the first 100 of
 * each and counts them all.
 */
import type { CsvIssue } from '../../core/csv-table.ts';
import { type HtmlValue, html } from '../../rendering/html.ts';
import { dataTable } from '../charts/svg.ts';

export type UploadKind = 'roster' | 'sales';

export type UploadOutcome =
  | {
      ok: false;
      kind: UploadKind;
      fileName: string;
      errors: CsvIssue[];
      errorCount: number;
      warnings: CsvIssue[];
      warningCount: number;
    }
  | {
      ok: true;
      kind: UploadKind;
      /** One sentence: what was imported. */
      summary: HtmlValue;
      warnings: CsvIssue[];
      warningCount: number;
    };

/** An outcome with one problem that concerns the whole file (no file, too large, a concurrent import). */
export function fileProblem(kind: UploadKind, fileName: string, message: string): UploadOutcome {
  return {
    ok: false,
    kind,
    fileName,
    errors: [{ line: 1, column: null, message }],
    errorCount: 1,
    warnings: [],
    warningCount: 0,
  };
}

const what = (kind: UploadKind) => (kind === 'roster' ? 'roster' : 'sales figures');
const count = (n: number, noun: string) => `${n.toLocaleString('en')} ${noun}${n === 1 ? '' : 's'}`;

function issueTable(caption: string, issues: CsvIssue[], total: number): HtmlValue {
  return html`${dataTable({
    caption,
    columns: [{ label: 'Line', numeric: true }, { label: 'Column' }, { label: 'What to check' }],
    rows: issues.map((p) => [String(p.line), p.column ?? '(whole line)', p.message]),
  })}${total > issues.length ? html`<p>…and ${count(total - issues.length, 'more')}.</p>` : ''}`;
}

function warningsOf(outcome: UploadOutcome, imported: boolean): HtmlValue {
  if (outcome.warningCount === 0) return '';
  return html`<h3>${count(outcome.warningCount, 'warning')}${imported ? ' (imported anyway; please check)' : ' as well'}</h3>
${issueTable(`Warnings in the ${what(outcome.kind)} file`, outcome.warnings, outcome.warningCount)}`;
}

export function importReport(outcome: UploadOutcome): HtmlValue {
  if (outcome.ok) {
    return html`<div class="ok" role="status" id="import-report">
<p><strong>The ${what(outcome.kind)} ${outcome.kind === 'roster' ? 'was' : 'were'} imported:</strong> ${outcome.summary}</p>
${warningsOf(outcome, true)}
</div>`;
  }
  const n = outcome.errorCount;
  return html`<div class="problems" role="alert" tabindex="-1" id="problems">
<h2>The ${what(outcome.kind)} ${outcome.fileName ? html`in “${outcome.fileName}” ` : ''}${outcome.kind === 'roster' ? 'was' : 'were'} not imported</h2>
<p>Nothing was changed: fix ${n === 1 ? 'this problem' : `these ${count(n, 'problem')}`} and upload the whole file again.</p>
${issueTable(`Problems in the ${what(outcome.kind)} file`, outcome.errors, n)}
${warningsOf(outcome, false)}
</div>`;
}
