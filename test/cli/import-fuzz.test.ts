/**
 * Property-based fuzzing of the CSV imports (roster and sales figures): random fields, quoting,
 * line breaks, BOMs, duplicates, unicode and invalid UTF-8, other separators and encodings, sizes. The parsers never throw and
 * every problem names a line; the CLI imports either succeed or stop with an import error that
 * names the problems — and then nothing in the table has changed.
 * The case counts are written to test-results/import-fuzz.json.
 */
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { metricsImport } from '../../cli/commands/metrics.ts';
import { CommandError, rosterImport } from '../../cli/commands/roster.ts';
import { parseMetrics } from '../../functions/core/metrics.ts';
import { parseRoster, ROSTER_COLUMNS } from '../../functions/core/roster.ts';
import { dynamo } from '../../functions/shared/aws-clients.ts';
import { type LocalRuntime, startLocalRuntime } from '../../local/runtime.ts';
import { importSimulatedRoster, SIMULATED_ROSTER } from '../support/simulated-cycle.ts';

let runtime: LocalRuntime;
let dir: string;
const counts = {
  rosterParse: 0,
  metricsParse: 0,
  rosterImport: 0,
  metricsImport: 0,
  imported: 0,
  refused: 0,
};

beforeAll(async () => {
  runtime = await startLocalRuntime({ quiet: true });
  dir = await mkdtemp(join(tmpdir(), 'ladder-import-fuzz-'));
  await importSimulatedRoster();
});
afterAll(async () => {
  await runtime?.close();
  await mkdir('test-results', { recursive: true });
  await writeFile('test-results/import-fuzz.json', `${JSON.stringify(counts, null, 2)}\n`);
  console.log(`import fuzz: ${JSON.stringify(counts)}`);
});

// ---------------------------------------------------------------------------------------------
// Generators: CSV-shaped text, mostly near the real format so the validators are reached.

const ids = ['m1', 'c1', 'c2', 's1', 's2', 's3', 'x-9', 'ID.7', ''];
const field = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.constantFrom(
      ...ids,
      'manager',
      'consultant_leader',
      'salesperson',
      'North',
      'a@b.co',
      '2026-Q4',
      '1000',
      '87.5',
    ),
  },
  { weight: 2, arbitrary: fc.string({ maxLength: 20 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '"',
      '""',
      '"a,b"',
      'a\nb',
      '"x\ny"',
      '=1+1',
      '<script>',
      '\u0000',
      ' ',
      '1,000',
      '1e5',
      '-3',
    ),
  },
  { weight: 1, arbitrary: fc.string({ minLength: 250, maxLength: 300 }) },
);
/** CSV quoting of a cell that needs it. */
const quote = (value: string) => (/[",\n\r]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);

function csvText(
  header: string[],
  rows: string[][],
  options: { bom: boolean; crlf: boolean; rawQuotes: boolean },
) {
  const eol = options.crlf ? '\r\n' : '\n';
  const line = (cells: string[]) => cells.map((c) => (options.rawQuotes ? c : quote(c))).join(',');
  return `${options.bom ? '\uFEFF' : ''}${[line(header), ...rows.map(line)].join(eol)}${eol}`;
}

const headerOf = (columns: readonly string[]) =>
  fc.oneof(
    {
      weight: 4,
      arbitrary: fc.shuffledSubarray([...columns], { minLength: columns.length, maxLength: columns.length }),
    },
    {
      weight: 1,
      arbitrary: fc.shuffledSubarray([...columns, 'extra', columns[0]!.toUpperCase(), columns[0]!]),
    },
    { weight: 1, arbitrary: fc.array(fc.string({ maxLength: 12 }), { maxLength: 8 }) },
  );

const csvArb = (columns: readonly string[]) =>
  fc
    .record({
      header: headerOf(columns),
      rows: fc.array(fc.array(field, { minLength: 0, maxLength: columns.length + 2 }), { maxLength: 25 }),
      bom: fc.boolean(),
      crlf: fc.boolean(),
      rawQuotes: fc.boolean(),
    })
    .map(({ header, rows, ...options }) => csvText(header, rows, options));

/** Bytes for a file: CSV text, sometimes with invalid UTF-8 spliced in, or pure noise. */
const fileArb = (columns: readonly string[], valid: fc.Arbitrary<string>) =>
  fc.oneof(
    { weight: 2, arbitrary: valid.map((text) => Buffer.from(text, 'utf8')) },
    { weight: 6, arbitrary: csvArb(columns).map((text) => Buffer.from(text, 'utf8')) },
    {
      weight: 2,
      arbitrary: fc
        .tuple(csvArb(columns), fc.uint8Array({ minLength: 1, maxLength: 16 }), fc.nat())
        .map(([text, bytes, at]) => {
          const buffer = Buffer.from(text, 'utf8');
          const cut = at % (buffer.length + 1);
          return Buffer.concat([buffer.subarray(0, cut), Buffer.from(bytes), buffer.subarray(cut)]);
        }),
    },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b)) },
    // The valid roster as Excel writes it elsewhere: semicolons or tabs, Windows-1252, trailing columns.
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.constantFrom(';', '\t', ','), fc.boolean(), fc.boolean())
        .map(([separator, latin1, padded]) => {
          const text = SIMULATED_ROSTER.replace(/Sami/g, 'Sämi')
            .split('\n')
            .map((line) =>
              line === '' ? line : `${line.replaceAll(',', separator)}${padded ? separator.repeat(2) : ''}`,
            )
            .join('\r\n');
          return Buffer.from(text, latin1 ? 'latin1' : 'utf8');
        }),
    },
    // A valid roster with one row duplicated or broken.
    {
      weight: 2,
      arbitrary: fc
        .tuple(fc.nat({ max: 13 }), fc.constantFrom('duplicate', 'drop-field', 'bad-role'))
        .map(([row, edit]) => {
          const lines = SIMULATED_ROSTER.trim().split('\n');
          const target = lines[row + 1]!;
          if (edit === 'duplicate') lines.splice(row + 1, 0, target);
          else if (edit === 'drop-field') lines[row + 1] = target.split(',').slice(1).join(',');
          else lines[row + 1] = target.replace(/consultant_leader|salesperson|manager/, 'ceo');
          return Buffer.from(`${lines.join('\n')}\n`);
        }),
    },
  );

const validRoster = fc.constant(SIMULATED_ROSTER);
const validMetrics = fc
  .array(
    fc.record({
      person: fc.constantFrom('c1', 'c2', 'c3', 'c4', 's1', 's2', 's5'),
      quota: fc.integer({ min: 1, max: 1_000_000 }),
      attained: fc.integer({ min: 0, max: 2_000_000 }),
    }),
    { minLength: 1, maxLength: 6 },
  )
  .map((rows) => {
    const unique = [...new Map(rows.map((r) => [r.person, r])).values()];
    return `quarter,person_id,quota,attained\n${unique.map((r) => `2026-Q3,${r.person},${r.quota},${r.attained}`).join('\n')}\n`;
  });

const checkIssues = (errors: { line: number; message: string }[]) => {
  expect(errors.length).toBeGreaterThan(0);
  for (const issue of errors) {
    expect(Number.isInteger(issue.line) && issue.line >= 1).toBe(true);
    expect(issue.message.trim().length).toBeGreaterThan(0);
  }
};

async function tableSnapshot(): Promise<string> {
  const { Items = [] } = await dynamo().send(new ScanCommand({ TableName: runtime.tableName }));
  return JSON.stringify(Items.map((item) => JSON.stringify(item)).sort());
}

describe('CSV parsers never throw; every problem names a line', () => {
  it('roster', () => {
    fc.assert(
      fc.property(fileArb(ROSTER_COLUMNS, validRoster), (bytes) => {
        counts.rosterParse++;
        const result = parseRoster(bytes);
        if (!result.ok) checkIssues(result.errors);
        else expect(result.people.length).toBeGreaterThan(0);
      }),
      { numRuns: 1500 },
    );
  });

  it('sales figures', () => {
    const known = new Set(['m1', 'c1', 'c2', 's1', 's2']);
    fc.assert(
      fc.property(fileArb(['quarter', 'person_id', 'quota', 'attained'], validMetrics), (bytes) => {
        counts.metricsParse++;
        const result = parseMetrics(bytes, { knownPersonIds: known });
        if (!result.ok) checkIssues(result.errors);
      }),
      { numRuns: 1500 },
    );
  });
});

describe('CLI imports against the local table: imported whole, or refused with nothing stored', () => {
  const attempt = async (
    kind: 'roster' | 'metrics',
    bytes: Buffer,
    run: (file: string) => Promise<unknown>,
  ) => {
    const file = join(dir, `${kind}-${counts.rosterImport + counts.metricsImport}.csv`);
    await writeFile(file, bytes);
    const before = await tableSnapshot();
    try {
      await run(file);
      counts.imported++;
    } catch (error) {
      // Only a clear import error, never a crash.
      expect(error).toBeInstanceOf(CommandError);
      expect((error as Error).message).toMatch(/not imported|nothing was changed/);
      expect(await tableSnapshot()).toBe(before);
      counts.refused++;
    }
  };

  it('roster import', async () => {
    await fc.assert(
      fc.asyncProperty(fileArb(ROSTER_COLUMNS, validRoster), async (bytes) => {
        counts.rosterImport++;
        await attempt('roster', bytes, (file) => rosterImport(file, () => {}));
      }),
      { numRuns: 150 },
    );
  }, 120_000);

  it('sales figures import', async () => {
    await importSimulatedRoster();
    await fc.assert(
      fc.asyncProperty(
        fileArb(['quarter', 'person_id', 'quota', 'attained'], validMetrics),
        async (bytes) => {
          counts.metricsImport++;
          await attempt('metrics', bytes, (file) => metricsImport(file, () => {}));
        },
      ),
      { numRuns: 150 },
    );
  }, 120_000);
});
