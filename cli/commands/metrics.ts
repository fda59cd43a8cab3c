import { readFile } from 'node:fs/promises';
import { parseMetrics } from '../../functions/core/metrics.ts';
import { importMetrics } from '../../functions/shared/store/metrics-store.ts';
import { currentRoster, rosterPeople } from '../../functions/shared/store/roster-store.ts';
import { issueLines, plural, warningLines } from './import-report.ts';
import { CommandError } from './roster.ts';

/**
 * `ladder metrics import FILE`: validates the whole CSV against the roster in force (every problem
 * named by line and column; encoding and separator detected) and imports it all or nothing.
 */
export async function metricsImport(file: string, log: (line: string) => void = console.log) {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (error) {
    throw new CommandError(`Cannot read sales figures file ${file}: ${(error as Error).message}`);
  }
  const roster = await currentRoster();
  if (!roster) {
    throw new CommandError('No roster has been imported yet: run `ladder roster import FILE` first.');
  }
  const people = await rosterPeople(roster.version);
  const parsed = parseMetrics(bytes, { knownPersonIds: new Set(people.map((person) => person.personId)) });
  if (!parsed.ok) {
    const lines = [
      ...issueLines(parsed.errors, parsed.errorCount, 'problem'),
      ...warningLines(parsed.warnings, parsed.warningCount, false),
    ];
    throw new CommandError(
      `Sales figures ${file} were not imported (${plural(parsed.errorCount, 'problem')}); nothing was changed:\n${lines.join('\n')}`,
    );
  }
  const summary = await importMetrics(parsed.figures);
  for (const q of summary.quarters) {
    log(
      `Imported sales figures for ${q.quarter}: ${q.added} added, ${q.updated} updated (${q.total} people with figures).`,
    );
  }
  for (const line of warningLines(parsed.warnings, parsed.warningCount, true)) log(line);
  return summary;
}
