import { readFile } from 'node:fs/promises';
import { parseRoster } from '../../functions/core/roster.ts';
import { importRoster } from '../../functions/shared/store/roster-store.ts';
import { issueLines, plural, warningLines } from './import-report.ts';

export class CommandError extends Error {
  override readonly name = 'CommandError';
}

/**
 * `ladder roster import FILE`: validates the whole file first (encoding and separator detected);
 * writes nothing unless every row is valid. Warnings are printed and returned, and do not stop it.
 */
export async function rosterImport(file: string, log: (line: string) => void = console.log) {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (error) {
    throw new CommandError(`Cannot read roster file ${file}: ${(error as Error).message}`);
  }
  const parsed = parseRoster(bytes);
  if (!parsed.ok) {
    const lines = [
      ...issueLines(parsed.errors, parsed.errorCount, 'problem'),
      ...warningLines(parsed.warnings, parsed.warningCount, false),
    ];
    throw new CommandError(
      `Roster ${file} was not imported (${plural(parsed.errorCount, 'problem')}); nothing was changed:\n${lines.join('\n')}`,
    );
  }
  const pointer = await importRoster(parsed.people);
  const { counts } = parsed;
  const salespeople = `${counts.salespeople} ${counts.salespeople === 1 ? 'salesperson' : 'salespeople'}`;
  log(
    `Imported roster version ${pointer.version}: ${plural(counts.people, 'person').replace(/persons$/, 'people')} — ${plural(counts.teams, 'team')}, ${plural(counts.managers, 'manager')}, ${plural(counts.leaders, 'consultant leader')}, ${salespeople}.`,
  );
  for (const line of warningLines(parsed.warnings, parsed.warningCount, true)) log(line);
  return {
    pointer,
    summary: counts,
    warnings: parsed.warnings,
    warningCount: parsed.warningCount,
    encoding: parsed.encoding,
  };
}
