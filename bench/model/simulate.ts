/**
 * Simulates a world (bench/model/world.ts): an organisation whose consultant leaders have latent
 * coaching, management and selling skill that grows or stalls over quarters, rated every quarter by
 * raters with their own response styles, with sales figures — and the truth, which the model never
 * sees: how the team a leader would manage after a promotion would do.
 *
 * Every random draw comes from a generator keyed by what it is for (randomFor), so a world is the
 * same whatever the model's configuration and whatever order things are computed in.
 */
import { gaussian, randomFor } from '../../cli/demo/random.ts';
import { DEFAULT_CONFIG } from '../../functions/core/config.ts';
import type { Person, RaterGroup, RaterResponse, Rating, SalesFigure } from '../../functions/core/model.ts';
import { addQuarters } from '../../functions/core/quarter.ts';
import { QUESTIONNAIRE_V1 } from '../../functions/core/questionnaire.ts';
import { assignRaters, type RaterAssignment } from '../../functions/core/raters.ts';
import { STYLES, type Style, type World } from './world.ts';

export interface SimLeader {
  leaderId: string;
  team: string;
  managerId: string;
  coachees: string[];
  /** Coaching and management skill per quarter (0–100 points). */
  coaching: number[];
  management: number[];
  /** Own attainment level (attained / quota). */
  selling: number;
  /** Offset of each competency from its area level (points). */
  itemOffsets: Record<string, number>;
  /** Expected outcome of a promotion in each quarter (percentage points of team attainment). */
  outcome: number[];
  /** Truly ready-now in each quarter. */
  ready: boolean[];
}

export interface RaterStyle {
  style: Style;
  strength: number;
}

export interface SimWorld {
  world: World;
  quarters: string[];
  people: Person[];
  leaders: SimLeader[];
  assignments: RaterAssignment[];
  /** Per quarter: responses per leader id. */
  responses: Map<string, RaterResponse[]>[];
  /** Per quarter: the figures imported that quarter. */
  figures: SalesFigure[][];
  /** Style of each rater in each group they rate in, key `rater|group`. */
  styles: Map<string, RaterStyle>;
}

const pad = (n: number, width = 4) => String(n).padStart(width, '0');

function normalFor(seed: number, key: string): (mean?: number, sd?: number) => number {
  const random = randomFor(seed, key);
  return (mean = 0, sd = 1) => mean + sd * gaussian(random);
}

function pick(random: () => number, distribution: readonly { value: number; weight: number }[]): number {
  const total = distribution.reduce((sum, d) => sum + d.weight, 0);
  let roll = random() * total;
  for (const d of distribution) {
    roll -= d.weight;
    if (roll < 0) return d.value;
  }
  return distribution.at(-1)?.value ?? 0;
}

const clamp = (value: number, low: number, high: number) => Math.min(high, Math.max(low, value));

/** Three correlated standard normals (Cholesky of the correlation matrix). */
function correlated(normal: () => number, c: World['traits']['correlation']): [number, number, number] {
  const a = c.coachingManagement;
  const b = c.coachingSelling;
  const d = c.managementSelling;
  const l22 = Math.sqrt(1 - a * a);
  const l32 = (d - a * b) / l22;
  const l33 = Math.sqrt(Math.max(1e-9, 1 - b * b - l32 * l32));
  const [z1, z2, z3] = [normal(), normal(), normal()];
  return [z1, a * z1 + l22 * z2, b * z1 + l32 * z2 + l33 * z3];
}

/** The expected outcome of promoting a leader with these skills (percentage points). */
export function expectedOutcome(world: World, coaching: number, management: number, selling: number): number {
  const o = world.outcome;
  return (
    o.intercept +
    (o.perTenCoaching * (coaching - 50)) / 10 +
    (o.perTenManagement * (management - 50)) / 10 +
    (o.perTenthSelling * (selling - 1)) / 0.1
  );
}

export function simulateWorld(world: World): SimWorld {
  const seed = world.seed;
  const quarters = Array.from({ length: world.quarters }, (_, i) => addQuarters(world.start, i));
  const people: Person[] = [];
  const leaders: SimLeader[] = [];
  const structure = randomFor(seed, 'structure');
  const add = (personId: string, role: Person['role'], team: string, managerId = '', coachId = '') =>
    people.push({
      personId,
      name: personId,
      email: `${personId}@example.com`,
      role,
      team,
      managerId,
      coachId,
    });

  for (let t = 0; t < world.population.teams; t++) {
    const team = `team-${pad(t)}`;
    const managerId = `m${pad(t)}`;
    add(managerId, 'manager', team);
    const count = Math.max(1, pick(structure, world.population.leadersPerTeam));
    for (let l = 0; l < count; l++) {
      const leaderId = `l${pad(t)}-${l}`;
      add(leaderId, 'consultant_leader', team, managerId);
      const coachees: string[] = [];
      const k = pick(structure, world.population.coacheesPerLeader);
      for (let s = 0; s < k; s++) {
        const id = `s${pad(t)}-${l}-${s}`;
        add(id, 'salesperson', team, managerId, leaderId);
        coachees.push(id);
      }
      leaders.push(simLeader(world, leaderId, team, managerId, coachees, quarters.length));
    }
  }
  const assignments = assignRaters(people, DEFAULT_CONFIG);

  const styles = new Map<string, RaterStyle>();
  for (const a of assignments) {
    const key = `${a.raterId}|${a.group}`;
    if (styles.has(key)) continue;
    const spec = world.raters[a.group];
    const random = randomFor(seed, `style|${key}`);
    const style = pick(
      random,
      STYLES.map((s, i) => ({ value: i, weight: spec.styles[s] ?? 0 })).filter((d) => d.weight > 0),
    );
    const name = STYLES[style] ?? 'neutral';
    styles.set(key, { style: name, strength: (spec.strength[name] ?? 0) * (0.5 + random()) });
  }

  const sellerLevel = new Map<string, number>();
  for (const person of people) {
    if (person.role === 'salesperson') {
      sellerLevel.set(
        person.personId,
        normalFor(seed, `level|${person.personId}`)(1, world.sales.sellerLevelSd),
      );
    }
  }
  const coachOf = new Map(leaders.flatMap((l) => l.coachees.map((id) => [id, l] as const)));

  const responses = quarters.map((quarter, q) => {
    const byLeader = new Map<string, RaterResponse[]>();
    const shock = new Map(
      leaders.map((l) => [
        l.leaderId,
        normalFor(seed, `shock|${l.leaderId}|${q}`)(0, world.traits.quarterShockSd),
      ]),
    );
    for (const leader of leaders) byLeader.set(leader.leaderId, []);
    const byId = new Map(leaders.map((l) => [l.leaderId, l]));
    for (const a of assignments) {
      const leader = byId.get(a.leaderId);
      if (!leader) continue;
      byLeader
        .get(a.leaderId)
        ?.push(respond(world, a, leader, q, quarter, shock.get(a.leaderId) ?? 0, styles));
    }
    return byLeader;
  });

  const figures = quarters.map((quarter, q) => {
    const list: SalesFigure[] = [];
    const quota = 100_000;
    const figure = (personId: string, ratio: number) => {
      if (randomFor(seed, `missing|${personId}|${q}`)() < world.sales.missing) return;
      list.push({ quarter, personId, quota, attained: Math.round(Math.max(0, ratio) * quota) });
    };
    for (const leader of leaders) {
      figure(
        leader.leaderId,
        normalFor(seed, `own|${leader.leaderId}|${q}`)(leader.selling, world.sales.ownNoiseSd),
      );
    }
    for (const [personId, level] of sellerLevel) {
      const coach = coachOf.get(personId);
      const effect = coach ? (world.sales.coachingEffect * ((coach.coaching[q] ?? 50) - 50)) / 10 : 0;
      figure(personId, normalFor(seed, `seller|${personId}|${q}`)(level + effect, world.sales.sellerNoiseSd));
    }
    return list;
  });

  return { world, quarters, people, leaders, assignments, responses, figures, styles };
}

function simLeader(
  world: World,
  leaderId: string,
  team: string,
  managerId: string,
  coachees: string[],
  quarterCount: number,
): SimLeader {
  const seed = world.seed;
  const normal = normalFor(seed, `traits|${leaderId}`);
  const t = world.traits;
  const [zc, zm, zs] = correlated(() => normal(), t.correlation);
  const g = t.growth;
  const stalled = randomFor(seed, `stalled|${leaderId}`)() < g.stalledShare;
  const rate = stalled ? 0 : normal(g.mean, g.sd);
  const coaching: number[] = [];
  const management: number[] = [];
  let c = t.coaching.mean + t.coaching.sd * zc;
  let m = t.management.mean + t.management.sd * zm;
  for (let q = 0; q < quarterCount; q++) {
    if (q > 0) {
      c += rate + normal(0, g.innovationSd);
      m += rate + normal(0, g.innovationSd);
    }
    c = clamp(c, 0, 100);
    m = clamp(m, 0, 100);
    coaching.push(c);
    management.push(m);
  }
  const selling = Math.max(0.2, t.selling.mean + t.selling.sd * zs);
  const itemOffsets: Record<string, number> = {};
  for (const area of ['coaching', 'management'] as const) {
    const items = QUESTIONNAIRE_V1.competencies.filter((item) => item.area === area);
    const offsets = items.map(() => normal(0, t.itemSd));
    const centre = offsets.reduce((sum, v) => sum + v, 0) / offsets.length;
    items.forEach((item, i) => {
      itemOffsets[item.id] = (offsets[i] ?? 0) - centre;
    });
  }
  const outcome = coaching.map((cq, q) => expectedOutcome(world, cq, management[q] ?? 50, selling));
  return {
    leaderId,
    team,
    managerId,
    coachees,
    coaching,
    management,
    selling,
    itemOffsets,
    outcome,
    ready: outcome.map((o) => o >= world.outcome.readyAt),
  };
}

function respond(
  world: World,
  a: RaterAssignment,
  leader: SimLeader,
  q: number,
  quarter: string,
  shock: number,
  styles: Map<string, RaterStyle>,
): RaterResponse {
  const { raterId, group } = a;
  const seed = world.seed;
  const random = randomFor(seed, `answer|${raterId}|${leader.leaderId}|${q}`);
  const roll = random();
  if (roll < world.answers.declined[group]) return { raterId, group, status: 'declined' };
  if (roll < world.answers.declined[group] + world.answers.silent[group])
    return { raterId, group, status: 'expired' };
  const spec = world.raters[group];
  const { style, strength } = styles.get(`${raterId}|${group}`) ?? { style: 'neutral', strength: 0 };
  const view = normalFor(seed, `view|${raterId}|${leader.leaderId}`)(0, spec.viewSd);
  const quarterView = normalFor(seed, `qview|${raterId}|${leader.leaderId}|${quarter}`)(
    0,
    spec.quarterViewSd,
  );
  const noise = normalFor(seed, `noise|${raterId}|${leader.leaderId}|${q}`);
  const c = leader.coaching[q] ?? 50;
  const m = leader.management[q] ?? 50;
  const overall = (c + m) / 2;
  const impression =
    1 + (overall + shock + (world.raters.impressionFromSelling * (leader.selling - 1)) / 0.1) / 25;
  let shift = spec.bias + view + quarterView;
  if (style === 'leniency') shift += strength;
  if (style === 'severity') shift -= strength;
  if (group === 'self') shift += (spec.overrateWhenWeak * (60 - overall)) / 30;
  const ratings: Record<string, Rating> = {};
  for (const competency of QUESTIONNAIRE_V1.competencies) {
    if (!competency.groups.includes(group as RaterGroup)) continue;
    if (random() < world.answers.notObserved) {
      ratings[competency.id] = null;
      continue;
    }
    const area = competency.area === 'coaching' ? c : m;
    let x = 1 + (area + (leader.itemOffsets[competency.id] ?? 0) + shock) / 25;
    if (style === 'halo') x = (1 - Math.min(1, strength)) * x + Math.min(1, strength) * impression;
    x += shift + noise(0, spec.noiseSd) + (style === 'noise' ? noise(0, strength) : 0);
    if (style === 'central') x = 3 + (x - 3) * (1 - Math.min(1, strength));
    if (style === 'extreme') x = 3 + (x - 3) * (1 + strength);
    ratings[competency.id] = clamp(Math.round(x), 1, 5) as Rating;
  }
  return { raterId, group, status: 'answered', answers: { ratings, comments: { keep: '', change: '' } } };
}
