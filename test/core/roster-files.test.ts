/**
 * Files as HR has them: encodings, separators, Excel's habits, workbooks, huge broken files, and the
 * optional locale and time_zone columns.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MAX_LISTED_ISSUES } from '../../functions/core/csv-table.ts';
import { parseRoster } from '../../functions/core/roster.ts';

const HEADER = 'person_id,name,email,role,team,manager_id,coach_id';
const TEAM = [
  'm1,Maria,maria@example.com,manager,North,,',
  'l1,Leo,leo@example.com,consultant_leader,North,m1,',
  's1,Sam,sam@example.com,salesperson,North,m1,l1',
];
const fixture = (name: string) => readFileSync(new URL(`../fixtures/files/${name}`, import.meta.url));

function imported(input: string | Uint8Array) {
  const result = parseRoster(input);
  if (!result.ok) throw new Error(`expected the roster to import, got ${JSON.stringify(result.errors)}`);
  return result;
}

function refused(input: string | Uint8Array) {
  const result = parseRoster(input);
  if (result.ok) throw new Error('expected the roster to be refused');
  return result;
}

describe('encodings', () => {
  const excelDe = readFileSync('examples/roster-excel-de.csv');

  it('a Windows-1252, semicolon-separated roster from Excel imports with a warning that names the encoding', () => {
    const result = imported(excelDe);
    expect(result.encoding).toEqual({ name: 'Windows-1252', bom: false, converted: true });
    expect(result.people.map((p) => p.name)).toContain('Jürgen Weiß');
    expect(result.people.map((p) => p.name)).toContain('Søren Ødegård');
    expect(result.warnings).toEqual([
      {
        line: 2,
        column: null,
        message: expect.stringMatching(
          /^The file is not UTF-8: it was read as Windows-1252 \(Western European; Latin-1\) and converted: check that "Jürgen Weiß" on line 2 read right\..*CSV UTF-8/,
        ),
      },
    ]);
    expect(result.counts).toEqual({ people: 9, managers: 1, leaders: 2, salespeople: 6, teams: 1 });
  });

  it('the same roster in UTF-8, with or without a BOM, imports the same people without a warning', () => {
    const text = new TextDecoder('windows-1252').decode(excelDe);
    const people = imported(excelDe).people;
    for (const bytes of [Buffer.from(text, 'utf8'), Buffer.from(`\uFEFF${text}`, 'utf8')]) {
      const result = imported(bytes);
      expect(result.warnings).toEqual([]);
      expect(result.encoding.converted).toBe(false);
      expect(result.people).toEqual(people);
    }
    expect(imported(Buffer.from(`\uFEFF${text}`, 'utf8')).encoding).toMatchObject({
      name: 'UTF-8',
      bom: true,
    });
  });

  it("Excel's Unicode Text (UTF-16 LE with BOM, tab-separated) imports", () => {
    const result = imported(fixture('roster-unicode-text.txt'));
    expect(result.encoding).toMatchObject({ name: 'UTF-16LE', bom: true, converted: false });
    expect(result.people.map((p) => p.name)).toEqual(['María José', 'João Gonçalves', 'Íñigo Núñez']);
  });

  it('Shift_JIS (Excel on Japanese Windows) is converted, with a warning naming it', () => {
    const result = imported(fixture('roster-shift-jis.csv'));
    expect(result.people.map((p) => [p.name, p.team, p.locale])).toEqual([
      ['山田 太郎', '東京', 'ja'],
      ['佐藤 花子', '東京', 'ja-JP'],
      ['高橋 健', '東京', 'ja'],
      ['伊藤 大輔', '東京', 'ja'],
    ]);
    expect(result.warnings[0]?.message).toMatch(/read as Shift_JIS \(Japanese\) and converted/);
  });

  it('another legacy encoding is refused with a message that names it', () => {
    const result = refused(fixture('roster-windows-1250.csv'));
    expect(result.errors).toEqual([
      {
        line: 2,
        column: null,
        message: expect.stringMatching(/not UTF-8 .*line 2.*Central European.*save it as CSV UTF-8/),
      },
    ]);
  });

  it('a UTF-8 file with one line in another encoding is refused, naming the line', () => {
    const bytes = Buffer.concat([
      Buffer.from(`${HEADER}\nm1,Chloé,c@example.com,manager,North,,\n`, 'utf8'),
      Buffer.from('m2,Zoë,z@example.com,manager,North,,\n', 'latin1'),
    ]);
    expect(refused(bytes).errors).toEqual([
      { line: 3, column: null, message: expect.stringMatching(/UTF-8 up to line 3.*mixes encodings/) },
    ]);
  });
});

describe('workbooks and binary files', () => {
  it('an .xlsx (even renamed to .csv) is refused as an Excel file, to be saved as CSV UTF-8', () => {
    expect(refused(fixture('roster.xlsx')).errors).toEqual([
      {
        line: 1,
        column: null,
        message: expect.stringMatching(
          /^This is an Excel file \(\.xlsx\), not a CSV file: save it as CSV UTF-8/,
        ),
      },
    ]);
  });

  it('an old .xls, an OpenDocument spreadsheet and other binary files are refused by name', () => {
    const xls = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
    expect(refused(xls).errors[0]?.message).toMatch(/^This is an Excel file \(\.xls, Excel 97–2003\)/);
    const ods = Buffer.concat([
      Buffer.from([0x50, 0x4b, 0x03, 0x04]),
      Buffer.from('\0'.repeat(26)),
      Buffer.from('mimetypeapplication/vnd.oasis.opendocument.spreadsheet'),
    ]);
    expect(refused(ods).errors[0]?.message).toMatch(/^This is an OpenDocument spreadsheet/);
    expect(refused(Buffer.from([1, 0, 2, 0, 255, 0])).errors[0]?.message).toMatch(/not a text file/);
  });
});

describe('separators and Excel habits', () => {
  const rows = [HEADER, ...TEAM];

  it('detects semicolons and tabs', () => {
    for (const separator of [';', '\t']) {
      const text = rows.map((row) => row.replaceAll(',', separator)).join('\r\n');
      expect(imported(text).people.map((p) => p.personId)).toEqual(['m1', 'l1', 's1']);
    }
  });

  it('keeps commas inside fields of a semicolon file', () => {
    const text = [
      'person_id;name;email;role;team;manager_id;coach_id',
      'm1;Okafor, Ada;ada@example.com;manager;North;;',
    ];
    expect(imported(text.join('\n')).people[0]?.name).toBe('Okafor, Ada');
  });

  it("ignores Excel's trailing empty columns, in the header and in the rows", () => {
    const text = [`${HEADER},,,`, ...TEAM.map((row) => `${row},,,`), ',,,,,,,,,,'].join('\n');
    expect(imported(text).people).toHaveLength(3);
  });

  it('names a value past the last column of the header by line', () => {
    const text = [`${HEADER},`, ...TEAM.slice(0, 2).map((row) => `${row},`), `${TEAM[2]},oops`].join('\n');
    expect(refused(text).errors).toEqual([
      {
        line: 4,
        column: null,
        message:
          'Field 8 ("oops") is past the last column of the header (7 columns): delete it or name its column.',
      },
    ]);
  });

  it('names a header column without a name', () => {
    const text = [
      'person_id,name,,email,role,team,manager_id,coach_id',
      'm1,Maria,,maria@example.com,manager,North,,',
    ].join('\n');
    expect(refused(text).errors).toEqual([
      { line: 1, column: null, message: expect.stringMatching(/^Column 3 of the header row has no name/) },
    ]);
  });
});

describe('a huge file where every row is wrong', () => {
  it('lists the first 100 problems and counts the rest', () => {
    const bad = Array.from({ length: 20_000 }, (_, i) => `p${i},Name,not-an-address,boss,North,,`);
    const result = refused([HEADER, ...bad].join('\n'));
    expect(result.errors).toHaveLength(MAX_LISTED_ISSUES);
    expect(result.errorCount).toBe(40_000);
    expect(result.errors[0]).toMatchObject({ line: 2, column: 'email' });
    expect(result.errors[99]).toMatchObject({ line: 51, column: 'role' });
  });
});

describe('optional locale and time_zone columns', () => {
  const header = `${HEADER},locale,time_zone`;

  it('are stored canonicalised on the person; an empty cell means the organisation default', () => {
    const result = imported(
      [
        header,
        'm1,Maria,maria@example.com,manager,North,,,de_DE,europe/berlin',
        'l1,Leo,leo@example.com,consultant_leader,North,m1,,EN-gb,Asia/Kolkata',
        's1,Sam,sam@example.com,salesperson,North,m1,l1,,',
        's2,Sue,sue@example.com,salesperson,North,m1,l1,ja,UTC',
      ].join('\n'),
    );
    expect(result.people.map((p) => [p.personId, p.locale, p.timeZone])).toEqual([
      ['m1', 'de-DE', 'Europe/Berlin'],
      ['l1', 'en-GB', 'Asia/Kolkata'],
      ['s1', undefined, undefined],
      ['s2', 'ja', 'UTC'],
    ]);
    expect('locale' in (result.people[2] ?? {})).toBe(false);
  });

  it('either column alone is fine', () => {
    expect(
      imported([`${HEADER},time_zone`, `${TEAM[0]},America/New_York`].join('\n')).people[0],
    ).toMatchObject({
      timeZone: 'America/New_York',
    });
  });

  it('refuses what is no language or no time zone, by line and column', () => {
    const result = refused(
      [
        header,
        'm1,Maria,maria@example.com,manager,North,,,english,Europe/Berlin',
        'l1,Leo,leo@example.com,consultant_leader,North,m1,,de,+02:00',
        's1,Sam,sam@example.com,salesperson,North,m1,l1,12,Mars/Phobos',
      ].join('\n'),
    );
    expect(result.errors.map((e) => [e.line, e.column])).toEqual([
      [2, 'locale'],
      [3, 'time_zone'],
      [4, 'locale'],
      [4, 'time_zone'],
    ]);
    expect(result.errors[0]?.message).toBe(
      'locale "english" names no language we know ("english"): use a BCP 47 language tag such as en, en-GB, de, fr-CA, es, ja.',
    );
    expect(result.errors[1]?.message).toMatch(/fixed offset, not a time zone/);
    expect(result.errors[3]?.message).toMatch(
      /^time_zone "Mars\/Phobos" is not a time zone we know: use an IANA/,
    );
  });
});

describe('email addresses SES would refuse import with a warning; what is no address is refused', () => {
  it('warns by line, stores an internationalised domain in Punycode, refuses a missing @', () => {
    const result = imported(
      [
        HEADER,
        'm1,Maria,maria@example..com,manager,North,,',
        'l1,Leo,léo@example.com,consultant_leader,North,m1,',
        's1,Sam,sam@bücher.example,salesperson,North,m1,l1',
      ].join('\n'),
    );
    expect(result.warnings.map((w) => [w.line, w.column])).toEqual([
      [2, 'email'],
      [3, 'email'],
      [4, 'email'],
    ]);
    expect(result.warnings[1]?.message).toMatch(/SMTPUTF8/);
    expect(result.people[2]?.email).toBe('sam@xn--bcher-kva.example');
    expect(refused([HEADER, 'm1,Maria,maria at example.com,manager,North,,'].join('\n')).errors[0]).toEqual({
      line: 2,
      column: 'email',
      message: '"maria at example.com" is not an email address: it contains a space.',
    });
  });

  it('two spellings of one internationalised address are one address', () => {
    const result = refused(
      [HEADER, 'm1,A,a@bücher.example,manager,North,,', 'm2,B,A@XN--BCHER-KVA.example,manager,North,,'].join(
        '\n',
      ),
    );
    expect(result.errors[0]).toMatchObject({
      line: 3,
      column: 'email',
      message: expect.stringMatching(/already used/),
    });
  });
});
