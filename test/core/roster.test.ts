import { describe, expect, it } from 'vitest';
import type { Person } from '../../functions/core/model.ts';
import { parseRoster, summarizeRoster } from '../../functions/core/roster.ts';

const HEADER = 'person_id,name,email,role,team,manager_id,coach_id';

const VALID = [
  HEADER,
  'm1,Maria Manager,maria@example.com,manager,North,,',
  'l1,Leo Leader,leo@example.com,consultant_leader,North,m1,',
  'l2,Lena Leader,lena@example.com,consultant_leader,North,m1,',
  's1,Sam Seller,sam@example.com,salesperson,North,m1,l1',
  's2,Sara Seller,sara@example.com,salesperson,North,m1,l2',
  'm2,Mo Manager,mo@example.com,manager,South,,',
  'l3,Lou Leader,lou@example.com,consultant_leader,South,m2,',
  's3,Sid Seller,sid@example.com,salesperson,South,,l3',
].join('\n');

function errorsOf(csv: string) {
  const result = parseRoster(csv);
  if (result.ok) throw new Error('expected the roster to be rejected');
  return result.errors;
}

function peopleOf(csv: string): Person[] {
  const result = parseRoster(csv);
  if (!result.ok) throw new Error(`expected a valid roster, got ${JSON.stringify(result.errors)}`);
  return result.people;
}

describe('parseRoster: valid files', () => {
  it('returns people in file order with empty strings for absent ids', () => {
    const people = peopleOf(VALID);
    expect(people.map((p) => p.personId)).toEqual(['m1', 'l1', 'l2', 's1', 's2', 'm2', 'l3', 's3']);
    expect(people[0]).toEqual({
      personId: 'm1',
      name: 'Maria Manager',
      email: 'maria@example.com',
      role: 'manager',
      team: 'North',
      managerId: '',
      coachId: '',
    });
    expect(people[7]).toMatchObject({ personId: 's3', managerId: '', coachId: 'l3' });
  });

  it('accepts a BOM, CRLF line breaks, columns in any order and trailing blank lines', () => {
    const csv =
      '\uFEFFcoach_id,team,role,email,name,person_id,manager_id\r\n' +
      ',North,manager,m@example.com,Maria,m1,\r\n' +
      ',North,consultant_leader,l@example.com,Leo,l1,m1\r\n' +
      'l1,North,salesperson,s@example.com,Sam,s1,\r\n\r\n';
    const people = peopleOf(csv);
    expect(people.map((p) => [p.personId, p.role, p.coachId])).toEqual([
      ['m1', 'manager', ''],
      ['l1', 'consultant_leader', ''],
      ['s1', 'salesperson', 'l1'],
    ]);
  });

  it('accepts a quoted name with a comma and trims surrounding spaces', () => {
    const csv = `${HEADER}\nm1,"Manager, Maria", maria@example.com ,manager,North,,`;
    expect(peopleOf(csv)[0]).toMatchObject({ name: 'Manager, Maria', email: 'maria@example.com' });
  });

  it('skips rows of bare commas left by spreadsheet exports', () => {
    const csv = `${HEADER}\nm1,Maria,maria@example.com,manager,North,,\n,,,,,,\n`;
    expect(peopleOf(csv)).toHaveLength(1);
  });
});

describe('parseRoster: file-level errors', () => {
  it('rejects an empty file and a header-only file with a clear message', () => {
    expect(errorsOf('')).toEqual([
      { line: 1, column: null, message: expect.stringMatching(/roster is empty/) },
    ]);
    expect(errorsOf('\uFEFF\n\n')[0]?.message).toMatch(/roster is empty/);
    expect(errorsOf(`${HEADER}\n`)).toEqual([
      { line: 1, column: null, message: 'The roster has a header row but no people.' },
    ]);
  });

  it('names every missing and unknown header column on line 1', () => {
    const errors = errorsOf(
      'person_id,name,mail,role,team,manager_id\nm1,Maria,m@example.com,manager,North,',
    );
    expect(errors).toContainEqual({
      line: 1,
      column: 'mail',
      message: expect.stringMatching(/Unknown column "mail"/),
    });
    expect(errors).toContainEqual({
      line: 1,
      column: 'email',
      message: 'Missing column "email" in the header row.',
    });
    expect(errors).toContainEqual({
      line: 1,
      column: 'coach_id',
      message: 'Missing column "coach_id" in the header row.',
    });
    expect(errors).toHaveLength(3);
  });

  it('rejects a duplicated header column', () => {
    const errors = errorsOf(`${HEADER},team\nm1,Maria,m@example.com,manager,North,,,North`);
    expect(errors).toEqual([{ line: 1, column: 'team', message: 'Column "team" appears more than once.' }]);
  });

  it('reports a row with the wrong number of columns by line', () => {
    const csv = `${HEADER}\nm1,Maria,maria@example.com,manager,North,,\nm2,Mo,mo@example.com,manager\n`;
    expect(errorsOf(csv)).toEqual([{ line: 3, column: null, message: 'Expected 7 columns but found 4.' }]);
  });

  it('reports an unclosed quote at the line where the field starts', () => {
    const csv = `${HEADER}\nm1,Maria,maria@example.com,manager,North,,\nm2,"Mo,mo@example.com,manager,North,,\n`;
    expect(errorsOf(csv)).toEqual([
      {
        line: 3,
        column: null,
        message: 'A quoted field starting on line 3 is never closed before the end of the file.',
      },
    ]);
  });

  it('reports a stray quote inside a field with its line and column', () => {
    const csv = `${HEADER}\nm1,Ma"ria,maria@example.com,manager,North,,\nm2,Mo,mo@example.com,manager,North,,`;
    const errors = errorsOf(csv);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ line: 2, column: 'name' });
    expect(errors[0]?.message).toMatch(/quote/);
  });
});

describe('parseRoster: a broken header', () => {
  it('reports only the syntax error when the header line itself is not valid CSV', () => {
    const csv = `person_id,na"me,email,role,team,manager_id,coach_id\nm1,Maria,maria@example.com,manager,North,,`;
    const errors = errorsOf(csv);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ line: 1, column: null, message: expect.stringMatching(/quote/) });
  });
});

describe('parseRoster: line numbers with quoted multi-line fields', () => {
  it('counts the physical lines of a multi-line field, so later rows keep their real line', () => {
    const csv = [
      HEADER,
      'm1,"Maria',
      'Manager",maria@example.com,manager,North,,', // lines 2–3: a line break inside the quoted name
      'l1,Leo,not-an-email,consultant_leader,North,m1,', // line 4
    ].join('\n');
    const errors = errorsOf(csv);
    expect(errors).toContainEqual({
      line: 2,
      column: 'name',
      message: expect.stringMatching(/control character/),
    });
    expect(errors).toContainEqual({
      line: 4,
      column: 'email',
      message: '"not-an-email" is not an email address: it has no @.',
    });
    expect(errors).toHaveLength(2);
  });

  it('gives a field after a multi-line field the line it starts on (CRLF file)', () => {
    const csv = [
      HEADER,
      'm1,"Maria',
      '',
      'Manager",bad@,manager,North,,',
      'm2,Mo,mo@example.com,manager,North,,',
    ].join('\r\n');
    const errors = errorsOf(csv);
    expect(errors).toContainEqual({
      line: 4,
      column: 'email',
      message: '"bad@" is not an email address: it has nothing after the @.',
    });
    expect(errors.some((e) => e.line === 5)).toBe(false);
  });

  it('counts blank lines between records', () => {
    const csv = `${HEADER}\n\nm1,Maria,maria@example.com,manager,North,,\n\n\nl1,Leo,leo@example.com,boss,North,m1,\n`;
    expect(errorsOf(csv)).toEqual([
      {
        line: 6,
        column: 'role',
        message: 'Unknown role "boss": use manager, consultant_leader, salesperson.',
      },
    ]);
  });
});

describe('parseRoster: field and relation errors', () => {
  it('collects all errors of the file, sorted by line and column', () => {
    const csv = [
      HEADER,
      'm1,Maria,maria@example.com,manager,North,,', // 2
      'bad id!,,,consultant_leader,,,', // 3
      'l1,Leo,LEO@example.com,consultant_leader,North,,', // 4: no manager
      'l1,Lea,leo@example.com,consultant_leader,North,m1,', // 5: duplicate id and email
    ].join('\n');
    expect(errorsOf(csv)).toEqual([
      { line: 3, column: 'person_id', message: expect.stringMatching(/^person_id "bad id!" may only use/) },
      { line: 3, column: 'name', message: 'name is required.' },
      { line: 3, column: 'email', message: 'email is required.' },
      { line: 3, column: 'team', message: 'team is required.' },
      { line: 3, column: 'manager_id', message: 'A consultant_leader needs a manager_id.' },
      { line: 4, column: 'manager_id', message: 'A consultant_leader needs a manager_id.' },
      { line: 5, column: 'person_id', message: 'person_id "l1" is already used on line 4.' },
      {
        line: 5,
        column: 'email',
        message: 'Email "leo@example.com" is already used by person_id "l1" on line 4.',
      },
    ]);
  });

  it('rejects an unknown role', () => {
    const csv = `${HEADER}\nm1,Maria,maria@example.com,director,North,,`;
    expect(errorsOf(csv)).toEqual([
      {
        line: 2,
        column: 'role',
        message: 'Unknown role "director": use manager, consultant_leader, salesperson.',
      },
    ]);
  });

  it('requires manager_id to exist and to be a manager', () => {
    const csv = [
      HEADER,
      'm1,Maria,maria@example.com,manager,North,,',
      'l1,Leo,leo@example.com,consultant_leader,North,m9,',
      'l2,Lena,lena@example.com,consultant_leader,North,l1,',
    ].join('\n');
    expect(errorsOf(csv)).toEqual([
      { line: 3, column: 'manager_id', message: 'manager_id "m9" is not a person_id in this roster.' },
      {
        line: 4,
        column: 'manager_id',
        message: 'manager_id "l1" (line 3) has role "consultant_leader"; it must be a manager.',
      },
    ]);
  });

  it('rejects a coach in another team', () => {
    const csv = [
      HEADER,
      'm1,Maria,maria@example.com,manager,North,,',
      'l1,Leo,leo@example.com,consultant_leader,North,m1,',
      's1,Sam,sam@example.com,salesperson,South,,l1',
    ].join('\n');
    expect(errorsOf(csv)).toEqual([
      {
        line: 4,
        column: 'coach_id',
        message: 'coach_id "l1" (line 3) is in team "North", not "South"; a coach must be in the same team.',
      },
    ]);
  });

  it('requires a salesperson coach to be a consultant_leader or their own manager, and allows coach_id only for salespeople', () => {
    const csv = [
      HEADER,
      'm1,Maria,maria@example.com,manager,North,,l1',
      'l1,Leo,leo@example.com,consultant_leader,North,m1,',
      's1,Sam,sam@example.com,salesperson,North,,m1', // m1 coaches s1 but does not manage them
      's2,Sue,sue@example.com,salesperson,North,m1,', // coached by the manager: fine
      's3,Sid,sid@example.com,salesperson,North,m1,x9',
      's4,Sol,sol@example.com,salesperson,North,m1,m1', // coached by the manager: fine
    ].join('\n');
    expect(errorsOf(csv)).toEqual([
      {
        line: 2,
        column: 'coach_id',
        message: 'Only salespeople have a coach_id; leave it empty for a manager.',
      },
      {
        line: 4,
        column: 'coach_id',
        message:
          'coach_id "m1" (line 2) has role "manager"; a coach must be a consultant_leader (leave coach_id empty for a salesperson their manager coaches).',
      },
      { line: 6, column: 'coach_id', message: 'coach_id "x9" is not a person_id in this roster.' },
    ]);
  });

  it('limits names to 200 characters and rejects control characters', () => {
    const long = 'x'.repeat(201);
    const csv = [
      HEADER,
      `m1,${long},maria@example.com,manager,North,,`,
      `m2,${'y'.repeat(200)},mo@example.com,manager,North,,`,
      'm3,Tab\there,t@example.com,manager,North,,',
    ].join('\n');
    expect(errorsOf(csv)).toEqual([
      { line: 2, column: 'name', message: 'name is longer than 200 characters.' },
      {
        line: 4,
        column: 'name',
        message: 'name contains a control character or line break, which is not allowed.',
      },
    ]);
  });

  it('accepts forward references to people later in the file', () => {
    const csv = [
      HEADER,
      's1,Sam,sam@example.com,salesperson,North,m1,l1',
      'l1,Leo,leo@example.com,consultant_leader,North,m1,',
      'm1,Maria,maria@example.com,manager,North,,',
    ].join('\n');
    expect(peopleOf(csv).map((p) => p.personId)).toEqual(['s1', 'l1', 'm1']);
  });
});

describe('summarizeRoster', () => {
  it('counts people by role and distinct teams', () => {
    expect(summarizeRoster(peopleOf(VALID))).toEqual({
      people: 8,
      managers: 2,
      leaders: 3,
      salespeople: 3,
      teams: 2,
    });
    expect(summarizeRoster([])).toEqual({ people: 0, managers: 0, leaders: 0, salespeople: 0, teams: 0 });
  });
});
