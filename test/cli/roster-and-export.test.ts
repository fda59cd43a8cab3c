import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rosterImport } from '../../cli/commands/roster.ts';
import { toExportRow } from '../../functions/core/export.ts';
import { toCsv, toJson } from '../../functions/core/export-formats.ts';
import { currentRoster, rosterPeople } from '../../functions/shared/store/roster-store.ts';
import { type LocalRuntime, startLocalRuntime } from '../../local/runtime.ts';

let runtime: LocalRuntime;
let dir: string;
beforeAll(async () => {
  runtime = await startLocalRuntime({ quiet: true });
  dir = await mkdtemp(join(tmpdir(), 'ladder-cli-'));
});
afterAll(async () => {
  await runtime?.close();
});

describe('ladder roster import', () => {
  it('imports the example roster', async () => {
    const lines: string[] = [];
    await rosterImport('examples/roster.csv', (line) => lines.push(line));
    expect(lines[0]).toMatch(/35 people — 3 teams, 3 managers, 6 consultant leaders, 26 salespeople/);
    const pointer = await currentRoster();
    expect(await rosterPeople(pointer!.version)).toHaveLength(35);
  });

  it('refuses a file with errors, names each by line and column, and changes nothing', async () => {
    const before = await currentRoster();
    const file = join(dir, 'bad.csv');
    await writeFile(
      file,
      [
        'person_id,name,email,role,team,manager_id,coach_id',
        'm1,Mara,mara@example.com,manager,North,,',
        'c1,Cleo,not-an-email,consultant_leader,North,m1,',
        's1,Sam,sam@example.com,boss,North,m1,c1',
      ].join('\n'),
    );
    const error = await rosterImport(file, () => {}).catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/line 3, column email/);
    expect((error as Error).message).toMatch(/line 4, column role/);
    expect((error as Error).message).toMatch(/nothing was changed/);
    expect(await currentRoster()).toEqual(before);
  });

  it('names a missing file', async () => {
    await expect(rosterImport(join(dir, 'nope.csv'), () => {})).rejects.toThrow(
      /Cannot read roster file .*nope\.csv/,
    );
  });
});

describe('export format', () => {
  const rec = {
    quarter: '2026-Q4',
    leaderId: 'c1',
    leaderName: '=HYPERLINK("http://evil")',
    team: 'North, "East"',
    coachingScore: 80,
    managementScore: 70.5,
    readinessScore: 75.3,
    recommendation: 'ready-now' as const,
    reasons: ['Readiness 75.3 is at or above the bar.'],
    developmentNeeds: [{ id: 'forecasting', label: 'Forecasting', score: 40 }],
    flags: ['stand-in-ready'],
    responses: { self: 1, manager: 1, coachee: 4, peer: 3 },
    declined: 1,
    expired: 2,
    competencies: [],
    report: { groups: [], withheld: [] },
    configVersion: 'v-test',
    questionnaireVersion: 1,
  };

  it('CSV: header with the contract columns, quoting, and formulas neutralised', () => {
    const csv = toCsv([toExportRow(rec)]);
    const [row] = parse(csv, { columns: true }) as Record<string, string>[];
    expect(row).toMatchObject({
      quarter: '2026-Q4',
      leader_id: 'c1',
      leader_name: `'=HYPERLINK("http://evil")`,
      team: 'North, "East"',
      readiness_score: '75.3',
      recommendation: 'ready-now',
      responses_coachee: '4',
      development_needs: 'forecasting',
      flags: 'stand-in-ready',
      config_version: 'v-test',
    });
  });

  it('JSON keeps numbers as numbers', async () => {
    const json = JSON.parse(toJson([toExportRow(rec)]));
    expect(json[0].readiness_score).toBe(75.3);
    expect(json[0].leader_name).toBe('=HYPERLINK("http://evil")');
    expect(await readFile('examples/roster.csv', 'utf8')).toMatch(
      /^person_id,name,email,role,team,manager_id,coach_id/,
    );
  });
});
