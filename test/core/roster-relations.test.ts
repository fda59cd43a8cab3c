/**
 * Rosters as organisations are: sellers coached by their manager, managers of several teams,
 * suspicious relations imported with warnings by line, impossible ones refused by line.
 */
import { describe, expect, it } from 'vitest';
import { assignRaters } from '../../functions/core/raters.ts';
import { parseRoster } from '../../functions/core/roster.ts';

const HEADER = 'person_id,name,email,role,team,manager_id,coach_id';
const csv = (...rows: string[]) => [HEADER, ...rows].join('\n');

function imported(text: string) {
  const result = parseRoster(text);
  if (!result.ok) throw new Error(`expected the roster to import, got ${JSON.stringify(result.errors)}`);
  return result;
}

function refused(text: string) {
  const result = parseRoster(text);
  if (result.ok) throw new Error('expected the roster to be refused');
  return result;
}

describe('sellers coached by their manager', () => {
  const roster = csv(
    'm1,Maria,maria@example.com,manager,North,,', // 2
    'l1,Leo,leo@example.com,consultant_leader,North,m1,', // 3
    's1,Sam,sam@example.com,salesperson,North,m1,l1', // 4
    's2,Sue,sue@example.com,salesperson,North,m1,', // 5: empty coach_id
    's3,Sid,sid@example.com,salesperson,North,m1,m1', // 6: coach_id = their manager
  );

  it('import without warnings, an empty coach_id and the manager’s id meaning the same', () => {
    const result = imported(roster);
    expect(result.warnings).toEqual([]);
    expect(result.people.map((p) => [p.personId, p.coachId])).toEqual([
      ['m1', ''],
      ['l1', ''],
      ['s1', 'l1'],
      ['s2', ''],
      ['s3', ''],
    ]);
  });

  it('rate the leaders of their team as peers', () => {
    const assignments = assignRaters(imported(roster).people).map((a) => `${a.group}:${a.raterId}`);
    expect(assignments).toEqual(['self:l1', 'manager:m1', 'coachee:s1', 'peer:s2', 'peer:s3']);
  });

  it('a new hire with neither coach nor manager imports with a warning on the manager_id', () => {
    const result = imported(
      csv(
        'm1,Maria,maria@example.com,manager,North,,',
        'l1,Leo,leo@example.com,consultant_leader,North,m1,',
        's1,Sam,sam@example.com,salesperson,North,m1,l1',
        's2,Nina New,nina@example.com,salesperson,North,,', // 5
      ),
    );
    expect(result.warnings).toEqual([
      {
        line: 5,
        column: 'manager_id',
        message:
          'This salesperson has no manager_id: add their manager if they have one (they still rate the leaders of their team).',
      },
    ]);
  });

  it('a coach_id naming another manager is refused', () => {
    const result = refused(
      csv(
        'm1,Maria,maria@example.com,manager,North,,',
        'm2,Mo,mo@example.com,manager,North,,',
        'l1,Leo,leo@example.com,consultant_leader,North,m1,',
        's1,Sam,sam@example.com,salesperson,North,m1,m2', // 5
      ),
    );
    expect(result.errors).toEqual([
      {
        line: 5,
        column: 'coach_id',
        message:
          'coach_id "m2" (line 3) has role "manager"; a coach must be a consultant_leader (leave coach_id empty for a salesperson their manager coaches).',
      },
    ]);
  });
});

describe('possible but suspicious relations import with warnings listed by line', () => {
  it('a leader with no coachees, a manager from another team, a team with no leader', () => {
    const result = imported(
      csv(
        'm1,Maria,maria@example.com,manager,North,,', // 2
        'l1,Leo,leo@example.com,consultant_leader,North,m1,', // 3
        's1,Sam,sam@example.com,salesperson,North,m1,l1', // 4
        'l2,Lou,lou@example.com,consultant_leader,South,m1,', // 5: managed from North, coaches nobody
        's2,Sid,sid@example.com,salesperson,West,m1,', // 6: team West has no leader
      ),
    );
    expect(result.warnings).toEqual([
      {
        line: 5,
        column: null,
        message:
          'consultant_leader "l2" coaches nobody (no salesperson has coach_id "l2"): their review will have no coachee answers.',
      },
      {
        line: 5,
        column: 'manager_id',
        message:
          'manager_id "m1" (line 2) is in team "North", not "South": fine if m1 manages both teams (they get a summary per team); otherwise correct the team or the manager_id.',
      },
      {
        line: 6,
        column: 'team',
        message:
          'Team "West" has no consultant_leader: nobody in it is reviewed, and its salespeople rate no one.',
      },
      {
        line: 6,
        column: 'manager_id',
        message:
          'manager_id "m1" (line 2) is in team "North", not "West": fine if m1 manages both teams (they get a summary per team); otherwise correct the team or the manager_id.',
      },
    ]);
    expect(result.warningCount).toBe(4);
  });

  it('a regional manager above managers of other teams is normal', () => {
    const result = imported(
      csv(
        'r1,Rita Region,rita@example.com,manager,Region,,',
        'm1,Maria,maria@example.com,manager,North,r1,',
        'l1,Leo,leo@example.com,consultant_leader,North,m1,',
        's1,Sam,sam@example.com,salesperson,North,m1,l1',
      ),
    );
    expect(result.warnings).toEqual([]);
  });

  it('warnings come back with the errors when the file is refused, so HR sees both at once', () => {
    const result = refused(
      csv(
        'm1,Maria,maria@example.com,manager,North,,',
        'l1,Leo,leo@example.com,consultant_leader,North,m1,',
        's1,Sam,sam@example.com,salesperson,North,,', // 4: warning
        's2,Sid,sid@example.com,boss,North,m1,', // 5: error
      ),
    );
    expect(result.errors.map((e) => [e.line, e.column])).toEqual([[5, 'role']]);
    expect(result.warnings.map((w) => [w.line, w.column])).toEqual([
      [3, null],
      [4, 'manager_id'],
    ]);
  });
});

describe('impossible relations are refused with the line named', () => {
  it('two managers who manage each other', () => {
    const result = refused(
      csv(
        'm1,Maria,maria@example.com,manager,North,m2,', // 2
        'm2,Mo,mo@example.com,manager,North,m1,', // 3
        'l1,Leo,leo@example.com,consultant_leader,North,m1,',
        's1,Sam,sam@example.com,salesperson,North,m1,l1',
      ),
    );
    expect(result.errors).toEqual([
      {
        line: 2,
        column: 'manager_id',
        message:
          'Management loop: m1 (line 2) has manager_id m2, m2 (line 3) has manager_id m1. Someone at the top must have no manager_id.',
      },
    ]);
  });

  it('a longer loop is named once, from its first line, whichever row the walk starts from', () => {
    const result = refused(
      csv(
        'l1,Leo,leo@example.com,consultant_leader,North,m3,', // 2: leads into the loop
        'm3,Mia,mia@example.com,manager,North,m1,', // 3
        'm1,Maria,maria@example.com,manager,North,m2,', // 4
        'm2,Mo,mo@example.com,manager,North,m3,', // 5
        's1,Sam,sam@example.com,salesperson,North,m3,l1',
      ),
    );
    expect(result.errors).toEqual([
      {
        line: 3,
        column: 'manager_id',
        message:
          'Management loop: m3 (line 3) has manager_id m1, m1 (line 4) has manager_id m2, m2 (line 5) has manager_id m3. Someone at the top must have no manager_id.',
      },
    ]);
  });

  it('self-management, a coach who is no leader, a coach in another team', () => {
    const result = refused(
      csv(
        'm1,Maria,maria@example.com,manager,North,m1,', // 2
        'l1,Leo,leo@example.com,consultant_leader,North,m1,', // 3
        's1,Sam,sam@example.com,salesperson,North,m1,s2', // 4
        's2,Sid,sid@example.com,salesperson,North,m1,l1', // 5
        'l2,Lou,lou@example.com,consultant_leader,South,m1,', // 6
        's3,Sol,sol@example.com,salesperson,North,m1,l2', // 7
      ),
    );
    expect(result.errors.map((e) => [e.line, e.column, e.message])).toEqual([
      [2, 'manager_id', 'A person cannot be their own manager.'],
      [
        4,
        'coach_id',
        'coach_id "s2" (line 5) has role "salesperson"; a coach must be a consultant_leader (leave coach_id empty for a salesperson their manager coaches).',
      ],
      [
        7,
        'coach_id',
        'coach_id "l2" (line 6) is in team "South", not "North"; a coach must be in the same team.',
      ],
    ]);
  });
});
