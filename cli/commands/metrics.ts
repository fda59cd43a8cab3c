import { readFile } from 'node:fs/promises';
import { parseMetrics } from '../../functions/core/metrics.ts';
import { importMetrics } from '../../functions/shared/store/metrics-store.ts';
import { currentRoster, rosterPeople } from '../../functions/shared/store/roster-store.ts';
import { CommandError } from './roster.ts';

/**
 * `ladder metrics import FILE`: validates the whole CSV against the roster in force (every problem
 * named by line and column) and imports it all or nothing.
 */
export async function metricsImport(file: string, log: (line: string) => void = console.log) {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new CommandError(`Cannot read sales figures file ${file}: ${(error as Error).message}`);
  }
  const roster = await currentRoster();
  if (!roster) {
    throw new CommandError('No roster has been imported yet: run `ladder roster import FILE` first.');
  }
  const people = await rosterPeople(roster.version);
  const parsed = parseMetrics(text, { knownPersonIds: new Set(people.map((person) => person.personId)) });
  if (!parsed.ok) {
    const lines = parsed.errors.map(
      (issue) => `  line ${issue.line}${issue.column ? `, column ${issue.column}` : ''}: ${issue.message}`,
    );
    throw new CommandError(
      `Sales figures ${file} were not imported (${parsed.errors.length} problem${parsed.errors.length === 1 ? '' : 's'}); nothing was changed:\n${lines.join('\n')}`,
    );
  }
  const summary = await importMetrics(parsed.figures);
  for (const q of summary.quarters) {
    log(
      `Imported sales figures for ${q.quarter}: ${q.added} added, ${q.updated} updated (${q.total} people with figures).`,
    );
  }
  return summary;
}
