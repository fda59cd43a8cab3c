/** How `ladder roster import` and `ladder metrics import` print problems and warnings. */
import type { CsvIssue } from '../../functions/core/csv-table.ts';

/** "1 problem", "58,201 problems". */
export function plural(count: number, noun: string): string {
  return `${count.toLocaleString('en')} ${noun}${count === 1 ? '' : 's'}`;
}

export function issueLine(issue: CsvIssue): string {
  return `  line ${issue.line}${issue.column ? `, column ${issue.column}` : ''}: ${issue.message}`;
}

/**
 * The listed issues one per line, then how many more there are (the core lists the first 100):
 * a file where every row is wrong must not print fifty thousand lines.
 */
export function issueLines(listed: CsvIssue[], count: number, noun: string): string[] {
  const lines = listed.map(issueLine);
  if (count > listed.length) {
    lines.push(
      `  … and ${plural(count - listed.length, `more ${noun}`)} (fix these first, then import again).`,
    );
  }
  return lines;
}

/** "2 warnings (imported anyway; please check):" and the list, or nothing. */
export function warningLines(listed: CsvIssue[], count: number, imported: boolean): string[] {
  if (count === 0) return [];
  const heading = imported
    ? `${plural(count, 'warning')} (imported anyway; please check):`
    : `${plural(count, 'warning')} as well:`;
  return [heading, ...issueLines(listed, count, 'warning')];
}
