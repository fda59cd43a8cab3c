/**
 * The demo organisation: teams of one sales manager, two consultant sales leaders and 8–10
 * sellers split between the leaders. Each leader gets a hidden profile (how good a coach and how
 * ready a manager they really are) that the simulated raters answer from.
 */
import { stringify } from 'csv-stringify/sync';
import type { Person } from '../../functions/core/model.ts';
import { seededRandom } from './random.ts';

export interface LeaderProfile {
  /** True quality on the 1–5 scale, before rater leniency and noise. */
  coaching: number;
  management: number;
}

export interface SampleOrganisation {
  people: Person[];
  profiles: Map<string, LeaderProfile>;
  csv: string;
}

const FIRST = [
  'Ada',
  'Ben',
  'Chloé',
  'Dev',
  'Elif',
  'Finn',
  'Grace',
  'Hugo',
  'Ines',
  'Jonas',
  'Kemi',
  'Luca',
  'Maya',
  'Nils',
  'Omar',
  'Priya',
  'Quinn',
  'Rosa',
  'Sami',
  'Tara',
  'Uma',
  'Viktor',
  'Wen',
  'Yara',
  'Zoe',
];
const LAST = [
  'Okafor',
  'Lindqvist',
  'Moreau',
  'Patel',
  'Yılmaz',
  'Brennan',
  'Nakamura',
  "O'Neill",
  'Fischer',
  'Costa',
  'Haddad',
  'Novak',
  'García',
  'Kowalski',
  'Mensah',
  'Tanaka',
  'Dubois',
  'Rossi',
  'Svensson',
  'Adeyemi',
];
const TEAMS = ['North', 'South', 'Enterprise', 'Public Sector', 'Partners'];
/**
 * Where each team works: its people's language and time zone (the roster's `locale` and
 * `time_zone`). North has none, so it takes the organisation's defaults.
 */
const TEAM_PLACES: ({ locale: string; timeZone: string } | undefined)[] = [
  undefined,
  { locale: 'de-DE', timeZone: 'Europe/Berlin' },
  { locale: 'fr-FR', timeZone: 'Europe/Paris' },
  { locale: 'es-ES', timeZone: 'Europe/Madrid' },
  { locale: 'ja-JP', timeZone: 'Asia/Tokyo' },
];

/** Leader archetypes the demo cycles through so the readiness table shows every outcome. */
const ARCHETYPES: LeaderProfile[] = [
  { coaching: 4.6, management: 4.5 }, // ready now
  { coaching: 4.0, management: 3.5 }, // ready next year
  { coaching: 3.4, management: 2.8 }, // develop in role
  { coaching: 2.1, management: 3.2 }, // coaching concern
  { coaching: 4.4, management: 4.2 },
  { coaching: 3.8, management: 3.0 },
];

export function sampleOrganisation(options: { teams?: number; seed?: number } = {}): SampleOrganisation {
  const teams = Math.min(options.teams ?? 3, TEAMS.length);
  const random = seededRandom(options.seed ?? 2026);
  const people: Person[] = [];
  const profiles = new Map<string, LeaderProfile>();
  let nameIndex = 0;
  const nextName = () => {
    const first = FIRST[nameIndex % FIRST.length]!;
    const last = LAST[(nameIndex * 7 + Math.floor(nameIndex / FIRST.length)) % LAST.length]!;
    nameIndex += 1;
    return {
      name: `${first} ${last}`,
      email: `${first}.${last}.${nameIndex}`
        .toLowerCase()
        .normalize('NFKD')
        .replace(/[^a-z0-9.]/g, ''),
    };
  };
  for (let t = 0; t < teams; t++) {
    const team = TEAMS[t]!;
    const prefix = team
      .toLowerCase()
      .replace(/[^a-z]/g, '')
      .slice(0, 5);
    const place = TEAM_PLACES[t];
    const add = (personId: string, role: Person['role'], managerId: string, coachId: string) => {
      const { name, email } = nextName();
      people.push({
        personId,
        name,
        email: `${email}@demo.ladder.example`,
        role,
        team,
        managerId,
        coachId,
        ...place,
      });
      return personId;
    };
    const manager = add(`${prefix}-m1`, 'manager', '', '');
    const leaders = [1, 2].map((n) => add(`${prefix}-csl${n}`, 'consultant_leader', manager, ''));
    leaders.forEach((leaderId, i) => {
      profiles.set(leaderId, ARCHETYPES[(t * 2 + i) % ARCHETYPES.length]!);
    });
    const sellers = 8 + Math.floor(random() * 3); // 8–10
    for (let s = 1; s <= sellers; s++) {
      add(`${prefix}-s${String(s).padStart(2, '0')}`, 'salesperson', manager, leaders[s % 2]!);
    }
  }
  const csv = stringify(
    people.map((p) => [
      p.personId,
      p.name,
      p.email,
      p.role,
      p.team,
      p.managerId,
      p.coachId,
      p.locale ?? '',
      p.timeZone ?? '',
    ]),
    {
      header: true,
      columns: [
        'person_id',
        'name',
        'email',
        'role',
        'team',
        'manager_id',
        'coach_id',
        'locale',
        'time_zone',
      ],
    },
  );
  return { people, profiles, csv };
}
