/**
 * `ladder roster import` and `ladder metrics import` with files as HR has them, against the local
 * table: what they print, what they store, and that a refused file changes nothing.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { metricsImport } from '../../cli/commands/metrics.ts';
import { CommandError, rosterImport } from '../../cli/commands/roster.ts';
import { currentRoster, rosterPeople } from '../../functions/shared/store/roster-store.ts';
import { type LocalRuntime, startLocalRuntime } from '../../local/runtime.ts';

let runtime: LocalRuntime;
let dir: string;
beforeAll(async () => {
  runtime = await startLocalRuntime({ quiet: true });
  dir = await mkdtemp(join(tmpdir(), 'ladder-import-files-'));
});
afterAll(async () => {
  await runtime?.close();
});

const HEADER = 'person_id,name,email,role,team,manager_id,coach_id';

async function refusal(run: Promise<unknown>): Promise<string> {
  const error = await run.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(CommandError);
  return (error as Error).message;
}

describe('ladder roster import', () => {
  it('imports the Windows-1252, semicolon-separated Excel roster and prints the warning naming the encoding', async () => {
    const lines: string[] = [];
    const result = await rosterImport('examples/roster-excel-de.csv', (line) => lines.push(line));
    expect(lines[0]).toMatch(/9 people — 1 team, 1 manager, 2 consultant leaders, 6 salespeople/);
    expect(lines[1]).toBe('1 warning (imported anyway; please check):');
    expect(lines[2]).toMatch(/^ {2}line 2: The file is not UTF-8: it was read as Windows-1252/);
    expect(result.warningCount).toBe(1);
    const people = await rosterPeople((await currentRoster())!.version);
    expect(people.find((p) => p.personId === 'dach-m1')).toMatchObject({
      name: 'Jürgen Weiß',
      locale: 'de-DE',
      timeZone: 'Europe/Berlin',
    });
    expect(people.find((p) => p.personId === 'dach-s05')?.coachId).toBe('');
  });

  it('imports the example roster with its locale and time_zone columns', async () => {
    const lines: string[] = [];
    await rosterImport('examples/roster.csv', (line) => lines.push(line));
    expect(lines).toEqual([expect.stringMatching(/35 people — 3 teams/)]);
    const people = await rosterPeople((await currentRoster())!.version);
    expect(people.find((p) => p.personId === 'south-m1')).toMatchObject({
      locale: 'de-DE',
      timeZone: 'Europe/Berlin',
    });
  });

  it('refuses an Excel workbook, saying how to save it, and changes nothing', async () => {
    const before = await currentRoster();
    const message = await refusal(rosterImport('test/fixtures/files/roster.xlsx', () => {}));
    expect(message).toMatch(/was not imported \(1 problem\); nothing was changed/);
    expect(message).toMatch(/line 1: This is an Excel file \(\.xlsx\), not a CSV file: save it as CSV UTF-8/);
    expect(await currentRoster()).toEqual(before);
  });

  it('prints the first 100 problems of a file where every row is bad, then how many more', async () => {
    const file = join(dir, 'all-bad.csv');
    const rows = Array.from({ length: 30_000 }, (_, i) => `p${i},Name ${i},not-an-address-${i},boss,North,,`);
    await writeFile(file, [HEADER, ...rows].join('\n'));
    const message = await refusal(rosterImport(file, () => {}));
    const lines = message.split('\n');
    expect(lines[0]).toMatch(/was not imported \(60,000 problems\); nothing was changed/);
    expect(lines.filter((line) => /^ {2}line \d+/.test(line))).toHaveLength(100);
    expect(lines.at(-1)).toBe('  … and 59,900 more problems (fix these first, then import again).');
  });

  it('prints warnings after the problems of a refused file, so both can be fixed at once', async () => {
    const file = join(dir, 'mixed.csv');
    await writeFile(
      file,
      [
        HEADER,
        'm1,Maria,maria@example.com,manager,North,m2,',
        'm2,Mo,mo@example.com,manager,North,m1,',
        'l1,Leo,leo@example..com,consultant_leader,North,m1,',
      ].join('\n'),
    );
    const message = await refusal(rosterImport(file, () => {}));
    expect(message).toMatch(/line 2, column manager_id: Management loop: m1 \(line 2\) has manager_id m2/);
    expect(message).toMatch(/2 warnings as well:\n {2}line 4: consultant_leader "l1" coaches nobody/);
    expect(message).toMatch(/line 4, column email: "leo@example\.\.com" has two dots in a row/);
  });
});

describe('ladder metrics import', () => {
  it('imports sales figures as German Excel writes them (semicolons, decimal commas)', async () => {
    await rosterImport('examples/roster-excel-de.csv', () => {});
    const lines: string[] = [];
    await metricsImport('test/fixtures/files/metrics-excel-de.csv', (line) => lines.push(line));
    expect(lines).toEqual([
      'Imported sales figures for 2026-Q3: 3 added, 0 updated (3 people with figures).',
    ]);
  });

  it('refuses a workbook and caps its problems like the roster import', async () => {
    expect(await refusal(metricsImport('test/fixtures/files/roster.xlsx', () => {}))).toMatch(
      /^Sales figures .* were not imported \(1 problem\); nothing was changed:\n {2}line 1: This is an Excel file/,
    );
    const file = join(dir, 'figures.csv');
    const rows = Array.from({ length: 500 }, (_, i) => `2026-Q3,nobody-${i},100,90`);
    await writeFile(file, ['quarter,person_id,quota,attained', ...rows].join('\n'));
    const message = await refusal(metricsImport(file, () => {}));
    expect(message.split('\n').at(-1)).toBe(
      '  … and 400 more problems (fix these first, then import again).',
    );
  });
});
