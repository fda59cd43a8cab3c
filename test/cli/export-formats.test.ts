/** `ladder export` in every format against the local table: the same files the console offers. */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import readXlsxFile from 'read-excel-file/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportQuarter } from '../../cli/commands/export.ts';
import { parseRoster } from '../../functions/core/roster.ts';
import { appendDecision } from '../../functions/shared/store/decision-store.ts';
import { type LocalRuntime, startLocalRuntime } from '../../local/runtime.ts';
import { seedScoredQuarters } from '../support/seed-quarters.ts';

const Q = '2026-Q4';
let runtime: LocalRuntime;
let dir: string;

beforeAll(async () => {
  runtime = await startLocalRuntime({ quiet: true });
  dir = await mkdtemp(join(tmpdir(), 'ladder-export-'));
  const parsed = parseRoster(await readFile('examples/roster.csv', 'utf8'));
  if (!parsed.ok) throw new Error('examples/roster.csv is invalid');
  await seedScoredQuarters({ people: parsed.people, quarters: [Q] });
  await appendDecision(
    {
      quarter: Q,
      leaderId: 'north-csl1',
      action: 'override',
      modelRecommendation: 'develop-in-role',
      finalRecommendation: 'ready-now',
      reasonCode: 'sales-results',
      reasonLabel: 'Sales results the ratings do not reflect',
      note: 'Top of the region two quarters running.',
      decidedBy: { subject: 's', name: 'Hana Admin', email: 'hana@example.com' },
      decidedAt: '2027-01-05T10:00:00.000Z',
    },
    'test',
  );
}, 60_000);
afterAll(async () => {
  await runtime?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('ladder export', () => {
  it('xlsx: a workbook with typed cells and the decision beside the model', async () => {
    const out = join(dir, 'r.xlsx');
    const { rows } = await exportQuarter({ quarter: Q, format: 'xlsx', out });
    expect(rows).toHaveLength(6);
    const [sheet] = await readXlsxFile(await readFile(out));
    const [headers, ...data] = sheet!.data as unknown[][];
    const row = data.find((r) => r[(headers as string[]).indexOf('Leader ID')] === 'north-csl1')!;
    expect(row[(headers as string[]).indexOf('Final recommendation')]).toBe('Ready now');
  });

  it('successfactors: decided leaders only, and says who was left out', async () => {
    const warnings: string[] = [];
    const { text } = await exportQuarter({ quarter: Q, format: 'successfactors' }, (line) =>
      warnings.push(line),
    );
    expect(text.trim().split('\n')).toEqual([
      'JOBCODE,INCUMBENT_USERID,OLD_JOBCODE,OLD_INCUMBENT_USERID,OLD_TBH_ID,TBH_ID,TBH_MANAGER_USERID,READINESS,SUCCESSOR_USERID,ACTION',
      'SALES_MANAGER,north-m1,,,,,,Ready Now,north-csl1,ADD',
    ]);
    expect(warnings.join(' ')).toContain('5 leaders have no HR decision yet');
  });

  it('csv with --bom starts with the byte order mark; --bom with json and an unknown format are refused', async () => {
    const { body } = await exportQuarter({ quarter: Q, format: 'csv', bom: true });
    expect(body.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    await expect(exportQuarter({ quarter: Q, format: 'json', bom: true })).rejects.toThrow(
      '--bom applies to the CSV formats only',
    );
    await expect(exportQuarter({ quarter: Q, format: 'pdf' })).rejects.toThrow(
      '--format must be one of csv, json, xlsx, successfactors',
    );
    await expect(exportQuarter({ quarter: '2025-Q1', format: 'csv' })).rejects.toThrow(
      'No recommendations for 2025-Q1',
    );
  });
});
