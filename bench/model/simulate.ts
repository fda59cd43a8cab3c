/**
 * Simulated populations for the model benchmark: organisations of teams whose consultant leaders
 * have a known true readiness that does not change, rated every quarter by raters with a personal
 * leniency, a persistent personal view of each leader (halo), fresh noise, "not observed" answers,
 * declines and silence — and sales figures with missing values. Seeded, so every run is the same.
 */
import { gaussian, seededRandom } from '../../cli/demo/random.ts';
import type { LadderConfig } from '../../functions/core/config.ts';
import type { Person, RaterGroup, RaterResponse, Rating, SalesFigure } from '../../functions/core/model.ts';
import { QUESTIONNAIRE_V1 } from '../../functions/core/questionnaire.ts';
import { assignRaters, type RaterAssignment } from '../../functions/core/raters.ts';

export interface SimulationParameters {
  /** Standard deviation of raters' leniency, rating points. */
  leniencySd: number;
  /** Standard deviation of a rater's persistent view of one leader, rating points. */
  haloSd: number;
  /** Standard deviation of a rater's view of a leader that changes every quarter. */
  quarterHaloSd: number;
  /** Standard deviation of the noise of one rating, rating points. */
  itemNoiseSd: number;
  /**
   * A leader's good or bad quarter that every rater sees (0–100 points): what they showed this
   * quarter moves around their true readiness, which does not change.
   */
  leaderQuarterSd: number;
  /** Mean extra leniency of coachees rating their own leader, rating points. */
  coacheeBias: number;
  /**
   * Self-ratings: inflated at the middle of the scale, less so toward the top (weaker leaders
   * overrate themselves most, strong ones slightly underrate — blind spots and hidden strengths):
   * bias = selfBias − selfBiasSlope · (latent − 60) / 30, plus a personal part (selfBiasSd).
   */
  selfBias: number;
  selfBiasSlope: number;
  selfBiasSd: number;
  notObserved: number;
  declined: number;
  silent: number;
  /** Share of missing sales figures (per person and quarter). */
  missingFigures: number;
}

export const DEFAULT_PARAMETERS: SimulationParameters = {
  leniencySd: 0.45,
  haloSd: 0.3,
  quarterHaloSd: 0.2,
  itemNoiseSd: 0.5,
  leaderQuarterSd: 5,
  coacheeBias: 0.15,
  selfBias: 0.3,
  selfBiasSlope: 0.4,
  selfBiasSd: 0.35,
  notObserved: 0.08,
  declined: 0.07,
  silent: 0.13,
  missingFigures: 0.1,
};

export interface TrueLeader {
  leaderId: string;
  team: string;
  /**
   * True readiness, 0–100: the classical true score — the readiness an endless panel of raters
   * with no leniency on average, no group or self bias, over endless quarters would give, through
   * the same 1–5 scale (so with its floor and ceiling): the coaching and management means of the
   * expected ratings, blended like the model blends them.
   */
  readiness: number;
  /** True management score, the same way (the ready-now management bar applies to it). */
  management: number;
  /** The latent level that drives the ratings, 0–100 (before the scale's floor and ceiling). */
  latent: number;
  /** Latent competency levels, 0–100. */
  competencies: Record<string, number>;
  /** True own attainment level (attained / quota). */
  attainment: number;
}

export interface Population {
  people: Person[];
  leaders: TrueLeader[];
  assignments: RaterAssignment[];
  leniency: Map<string, number>;
  selfBias: Map<string, number>;
  /** Persistent view of rater × leader, key `rater|leader`. */
  halo: Map<string, number>;

  /** Sellers' true attainment level. */
  sellerLevel: Map<string, number>;
}

/** An organisation of `teams` teams: one manager, 2–3 consultant leaders, 1–5 coachees each. */
export function population(
  teams: number,
  seed: number,
  config: LadderConfig,
  p = DEFAULT_PARAMETERS,
): Population {
  const random = seededRandom(seed);
  const normal = (mean: number, sd: number) => mean + sd * gaussian(random);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)] as T;
  const people: Person[] = [];
  const leaders: TrueLeader[] = [];
  const person = (personId: string, role: Person['role'], team: string, managerId = '', coachId = '') =>
    people.push({
      personId,
      name: personId,
      email: `${personId}@example.com`,
      role,
      team,
      managerId,
      coachId,
    });
  const pad = (n: number) => String(n).padStart(4, '0');
  for (let t = 0; t < teams; t++) {
    const team = `team-${pad(t)}`;
    const managerId = `m${pad(t)}`;
    person(managerId, 'manager', team);
    const csls = random() < 0.7 ? 2 : 3;
    for (let l = 0; l < csls; l++) {
      const leaderId = `l${pad(t)}-${l}`;
      person(leaderId, 'consultant_leader', team, managerId);
      const coachees = pick([1, 2, 3, 3, 4, 4, 4, 5, 5, 5]);
      for (let s = 0; s < coachees; s++) person(`s${pad(t)}-${l}-${s}`, 'salesperson', team, '', leaderId);
      leaders.push(trueLeader(leaderId, team, normal, config, p));
    }
  }
  const assignments = assignRaters(people, config);
  const leniency = new Map<string, number>();
  const selfBias = new Map<string, number>();
  const halo = new Map<string, number>();
  for (const someone of people) {
    leniency.set(someone.personId, normal(0, p.leniencySd));
    selfBias.set(someone.personId, normal(0, p.selfBiasSd));
  }
  for (const a of assignments) halo.set(`${a.raterId}|${a.leaderId}`, normal(0, p.haloSd));
  const sellerLevel = new Map<string, number>();
  for (const someone of people) {
    if (someone.role === 'salesperson') sellerLevel.set(someone.personId, normal(1, 0.15));
  }
  return { people, leaders, assignments, leniency, selfBias, halo, sellerLevel };
}

function trueLeader(
  leaderId: string,
  team: string,
  normal: (m: number, s: number) => number,
  config: LadderConfig,
  p: SimulationParameters,
): TrueLeader {
  const latent = Math.min(95, Math.max(5, normal(60, 14)));
  const split = normal(0, 7);
  const competencies: Record<string, number> = {};
  const areaTruth: Record<'coaching' | 'management', number> = { coaching: 0, management: 0 };
  const sd = Math.sqrt(
    p.leniencySd ** 2 +
      p.haloSd ** 2 +
      p.quarterHaloSd ** 2 +
      p.itemNoiseSd ** 2 +
      (p.leaderQuarterSd / 25) ** 2,
  );
  for (const area of ['coaching', 'management'] as const) {
    const level = area === 'coaching' ? latent + split : latent - split;
    const items = QUESTIONNAIRE_V1.competencies.filter((c) => c.area === area);
    const offsets = items.map(() => normal(0, 6));
    const centre = offsets.reduce((s, v) => s + v, 0) / offsets.length;
    let sum = 0;
    items.forEach((c, i) => {
      const value = level + (offsets[i] ?? 0) - centre;
      competencies[c.id] = value;
      sum += expectedScore(value, sd);
    });
    areaTruth[area] = sum / items.length;
  }
  const w = config.weights.readiness;
  const readiness =
    (w.coaching * areaTruth.coaching + w.management * areaTruth.management) / (w.coaching + w.management);
  return {
    leaderId,
    team,
    readiness,
    management: areaTruth.management,
    latent,
    competencies,
    attainment: normal(1.03, 0.08),
  };
}

/** Expected 0–100 score of a rating round(1 + level/25 + e), e ~ N(0, sd), kept within 1–5. */
export function expectedScore(level: number, sd: number): number {
  const mu = 1 + level / 25;
  let expected = 1;
  for (let k = 1; k <= 4; k++) expected += 1 - normalCdf((k + 0.5 - mu) / sd);
  return ((expected - 1) / 4) * 100;
}

/** Standard normal CDF (Abramowitz–Stegun 7.1.26, error < 1.5e-7). */
function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const erf =
    1 -
    ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) *
      t *
      Math.exp(-x * x);
  return 0.5 * (1 + (z >= 0 ? erf : -erf));
}

/** One quarter of responses per leader and the quarter's sales figures. */
export function simulateQuarter(
  world: Population,
  quarter: string,
  seed: number,
  p = DEFAULT_PARAMETERS,
): { responses: Map<string, RaterResponse[]>; figures: SalesFigure[] } {
  const random = seededRandom(seed);
  const normal = (mean: number, sd: number) => mean + sd * gaussian(random);
  const byId = new Map(world.leaders.map((leader) => [leader.leaderId, leader]));
  const responses = new Map<string, RaterResponse[]>();
  const quarterHalo = new Map<string, number>();
  const shock = new Map(world.leaders.map((leader) => [leader.leaderId, normal(0, p.leaderQuarterSd)]));
  for (const a of world.assignments) {
    const leader = byId.get(a.leaderId);
    if (leader === undefined) continue;
    const list = responses.get(a.leaderId) ?? [];
    list.push(respond(a.raterId, a.group, leader));
    responses.set(a.leaderId, list);
  }

  function respond(raterId: string, group: RaterGroup, leader: TrueLeader): RaterResponse {
    const roll = random();
    if (group !== 'self' && roll < p.declined) return { raterId, group, status: 'declined' };
    if (roll < p.declined + p.silent * (group === 'self' ? 0.5 : 1))
      return { raterId, group, status: 'expired' };
    const key = `${raterId}|${leader.leaderId}`;
    const view =
      group === 'self'
        ? (world.selfBias.get(raterId) ?? 0) + p.selfBias - (p.selfBiasSlope * (leader.latent - 60)) / 30
        : (world.leniency.get(raterId) ?? 0) +
          (world.halo.get(key) ?? 0) +
          (group === 'coachee' ? p.coacheeBias : 0);
    let fresh = quarterHalo.get(key);
    if (fresh === undefined) {
      fresh = normal(0, p.quarterHaloSd);
      quarterHalo.set(key, fresh);
    }
    const ratings: Record<string, Rating> = {};
    for (const competency of QUESTIONNAIRE_V1.competencies) {
      if (!competency.groups.includes(group)) continue;
      if (random() < p.notObserved) {
        ratings[competency.id] = null;
        continue;
      }
      const shown = (leader.competencies[competency.id] ?? 50) + (shock.get(leader.leaderId) ?? 0);
      const latent = 1 + shown / 25 + view + fresh + normal(0, p.itemNoiseSd);
      ratings[competency.id] = Math.min(5, Math.max(1, Math.round(latent))) as Rating;
    }
    return { raterId, group, status: 'answered', answers: { ratings, comments: { keep: '', change: '' } } };
  }

  const figures: SalesFigure[] = [];
  const quota = 100_000;
  for (const leader of world.leaders) {
    if (random() >= p.missingFigures) {
      const attained = Math.max(0, leader.attainment + normal(0, 0.07)) * quota;
      figures.push({ quarter, personId: leader.leaderId, quota, attained: Math.round(attained) });
    }
  }
  for (const [personId, level] of world.sellerLevel) {
    if (random() >= p.missingFigures) {
      const attained = Math.max(0, level + normal(0, 0.1)) * quota;
      figures.push({ quarter, personId, quota, attained: Math.round(attained) });
    }
  }
  return { responses, figures };
}

/** The naive mean: every rating of every answered response (self included), on the 0–100 scale. */
export function naiveScore(responses: readonly RaterResponse[]): number | null {
  let sum = 0;
  let count = 0;
  for (const response of responses) {
    for (const rating of Object.values(response.answers?.ratings ?? {})) {
      if (rating === null) continue;
      sum += rating;
      count++;
    }
  }
  return count === 0 ? null : ((sum / count - 1) / 4) * 100;
}
