import { readFile } from 'node:fs/promises';
import { parseRoster, summarizeRoster } from '../../functions/core/roster.ts';
import { importRoster } from '../../functions/shared/store/roster-store.ts';

export class CommandError extends Error {
  override readonly name = 'CommandError';
}

/** Validates the whole file first; writes nothing unless every row is valid. */
export async function rosterImport(file: string, log: (line: string) => void = console.log) {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new CommandError(`Cannot read roster file ${file}: ${(error as Error).message}`);
  }
  const parsed = parseRoster(text);
  if (!parsed.ok) {
    const lines = parsed.errors.map(
      (issue) => `  line ${issue.line}${issue.column ? `, column ${issue.column}` : ''}: ${issue.message}`,
    );
    throw new CommandError(
      `Roster ${file} was not imported (${parsed.errors.length} problem${parsed.errors.length === 1 ? '' : 's'}); nothing was changed:\n${lines.join('\n')}`,
    );
  }
  const pointer = await importRoster(parsed.people);
  const summary = summarizeRoster(parsed.people);
  log(
    `Imported roster version ${pointer.version}: ${parsed.people.length} people — ${summary.teams} teams, ${summary.managers} managers, ${summary.leaders} consultant leaders, ${summary.salespeople} salespeople.`,
  );
  return { pointer, summary };
}
