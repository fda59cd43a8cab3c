import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseMetrics } from '../../functions/core/metrics.ts';

const KNOWN = new Set(['l1', 'l2', 's1', 's2']);
const HEADER = 'quarter,person_id,quota,attained';

function errorsOf(csv: string) {
  const result = parseMetrics(csv, { knownPersonIds: KNOWN });
  if (result.ok) throw new Error('expected the file to be rejected');
  return result.errors;
}

describe('parseMetrics: valid files', () => {
  it('reads figures of several quarters, sorted by quarter and person', () => {
    const result = parseMetrics(
      [HEADER, '2026-Q4,s1,100000,95000.50', '2026-Q3,l1,80000,0', '2026-Q4,l1, 80000 ,88000'].join('\n'),
      { knownPersonIds: KNOWN },
    );
    expect(result).toMatchObject({
      ok: true,
      warnings: [],
      figures: [
        { quarter: '2026-Q3', personId: 'l1', quota: 80000, attained: 0 },
        { quarter: '2026-Q4', personId: 'l1', quota: 80000, attained: 88000 },
        { quarter: '2026-Q4', personId: 's1', quota: 100000, attained: 95000.5 },
      ],
    });
  });

  it('accepts a BOM, CRLF, any column order and header case', () => {
    const result = parseMetrics('\uFEFFAttained,Quota,Person_ID,Quarter\r\n120,100,l2,2026-Q1\r\n\r\n', {
      knownPersonIds: KNOWN,
    });
    expect(result).toMatchObject({
      ok: true,
      figures: [{ quarter: '2026-Q1', personId: 'l2', quota: 100, attained: 120 }],
    });
  });
});

describe('parseMetrics: every problem named by line and column', () => {
  it('checks each field', () => {
    const csv = [
      HEADER,
      '2026-Q5,l1,100,90', // 2
      '2026-Q4,nobody,100,90', // 3
      '2026-Q4,l2,0,90', // 4
      '2026-Q4,s1,"100,000",90', // 5
      '2026-Q4,s2,100,-5', // 6
      ',,,', // 7 (blank row: skipped)
      '2026-Q4,,abc,', // 8
      '2026-Q4,l1,100', // 9
    ].join('\n');
    expect(errorsOf(csv)).toEqual([
      { line: 2, column: 'quarter', message: '"2026-Q5" is not a quarter: use the form 2026-Q4.' },
      { line: 3, column: 'person_id', message: 'person_id "nobody" is not in the roster in force.' },
      { line: 4, column: 'quota', message: 'quota must be more than 0: attainment is attained / quota.' },
      {
        line: 5,
        column: 'quota',
        message:
          'quota "100,000" has thousands separators: write the number with digits only, e.g. 125000.50.',
      },
      {
        line: 6,
        column: 'attained',
        message: 'attained "-5" is not an amount: use digits with an optional decimal point, e.g. 125000.50.',
      },
      { line: 8, column: 'person_id', message: 'person_id is required.' },
      {
        line: 8,
        column: 'quota',
        message: 'quota "abc" is not an amount: use digits with an optional decimal point, e.g. 125000.50.',
      },
      { line: 8, column: 'attained', message: 'attained is required.' },
      { line: 9, column: null, message: 'Expected 4 columns but found 3.' },
    ]);
  });

  it('rejects a second figure for the same person and quarter, naming the first line', () => {
    const csv = [HEADER, '2026-Q4,l1,100,90', '2026-Q3,l1,100,90', '2026-Q4,l1,100,95'].join('\n');
    expect(errorsOf(csv)).toEqual([
      { line: 4, column: 'person_id', message: 'person_id "l1" already has figures for 2026-Q4 on line 2.' },
    ]);
  });

  it('checks the header and the file', () => {
    expect(errorsOf('')[0]?.message).toMatch(/file is empty/);
    expect(errorsOf(`${HEADER}\n`)).toEqual([
      { line: 1, column: null, message: 'The file has a header row but no figures.' },
    ]);
    expect(errorsOf('quarter,person,quota,attained,quota\n2026-Q4,l1,1,1,1')).toEqual([
      {
        line: 1,
        column: 'person',
        message: 'Unknown column "person": the columns are quarter, person_id, quota, attained.',
      },
      { line: 1, column: 'person_id', message: 'Missing column "person_id" in the header row.' },
      { line: 1, column: 'quota', message: 'Column "quota" appears more than once.' },
    ]);
  });

  it('reports CSV syntax errors with their line, and control characters', () => {
    const errors = errorsOf(`${HEADER}\n2026-Q4,l1,100,90\n2026-Q4,"s1,100,90\n`);
    expect(errors[0]).toMatchObject({ line: 3, column: null });
    expect(errorsOf(`${HEADER}\n2026-Q4,l\u00071,100,90`)[0]).toMatchObject({ line: 2, column: 'person_id' });
  });

  it('accepts any person id without a roster to check against', () => {
    expect(parseMetrics(`${HEADER}\n2026-Q4,anyone,1,1`).ok).toBe(true);
  });
});

describe('parseMetrics: files as HR has them', () => {
  const known = new Set(['dach-csl1', 'dach-s01', 'dach-s02']);
  const fixture = readFileSync(new URL('../fixtures/files/metrics-excel-de.csv', import.meta.url));

  it('reads German Excel: semicolons, decimal commas, trailing empty columns, CRLF', () => {
    const result = parseMetrics(fixture, { knownPersonIds: known });
    expect(result).toMatchObject({
      ok: true,
      warnings: [],
      figures: [
        { quarter: '2026-Q3', personId: 'dach-csl1', quota: 125000.5, attained: 131250.75 },
        { quarter: '2026-Q3', personId: 'dach-s01', quota: 80000, attained: 72000.5 },
        { quarter: '2026-Q3', personId: 'dach-s02', quota: 90000, attained: 99000 },
      ],
    });
  });

  it('a Windows-1252 file converts with a warning naming the encoding', () => {
    const text = `${HEADER}\n2026-Q4,l1,100,90\n`;
    const bytes = Buffer.concat([Buffer.from(text), Buffer.from('2026-Q4,s1,100,95 \u00a0\n', 'latin1')]);
    const result = parseMetrics(bytes, { knownPersonIds: KNOWN });
    expect(result.ok).toBe(true);
    expect(result.warnings[0]?.message).toMatch(/read as Windows-1252/);
  });

  it('in a semicolon file, refuses a comma that could be either decimal or thousands', () => {
    const csv = 'quarter;person_id;quota;attained\n2026-Q4;l1;100,000;1.250,50\n';
    expect(errorsOf(csv)).toEqual([
      {
        line: 2,
        column: 'quota',
        message:
          'quota "100,000" could be a decimal or a thousands separator: write 100000 or 100.5, without separators.',
      },
      {
        line: 2,
        column: 'attained',
        message:
          'attained "1.250,50" has thousands separators: write the number with digits only, e.g. 125000,50.',
      },
    ]);
  });

  it('refuses a workbook and caps a file of errors at 100 with the total', () => {
    const xlsx = readFileSync(new URL('../fixtures/files/roster.xlsx', import.meta.url));
    const refused = parseMetrics(xlsx);
    expect(refused.ok).toBe(false);
    expect(refused.ok ? '' : refused.errors[0]?.message).toMatch(/^This is an Excel file \(\.xlsx\)/);

    const rows = Array.from({ length: 3000 }, (_, i) => `2026-Q9,p${i},1,1`);
    const capped = parseMetrics([HEADER, ...rows].join('\n'));
    if (capped.ok) throw new Error('expected a refusal');
    expect(capped.errors).toHaveLength(100);
    expect(capped.errorCount).toBe(3000);
  });
});
