/**
 * Outcomes after promotion, simulated: the company promotes leaders the way the world says (on own
 * attainment, on the manager's rating, by chance — not on the model), each promoted leader takes
 * over a team whose attainment then changes by the leader's true outcome plus noise, while the
 * market moves everyone. The real validity report (functions/core/readiness/validity.ts) then
 * correlates each method's readiness at promotion with the team's change against everyone else.
 */
import { gaussian, randomFor } from '../../cli/demo/random.ts';
import type { LadderConfig } from '../../functions/core/config.ts';
import type { HistoryEntry, SalesFigure } from '../../functions/core/model.ts';
import { addQuarters } from '../../functions/core/quarter.ts';
import {
  type PromotionRecord,
  type ValidityReport,
  validityReport,
} from '../../functions/core/readiness/validity.ts';
import type { Raw, Run } from './methods.ts';
import type { SimWorld } from './simulate.ts';

export interface SimPromotion {
  leaderId: string;
  /** Index of the quarter whose review preceded the move; the move is the quarter after. */
  reviewed: number;
  /** Realised change of the new team's attainment, percentage points (before the market). */
  realised: number;
}

const normal = (seed: number, key: string) => {
  const random = randomFor(seed, key);
  return (mean = 0, sd = 1) => mean + sd * gaussian(random);
};

function zScores(values: Map<string, number | null>): Map<string, number> {
  const present = [...values.values()].filter((v): v is number => v !== null);
  const m = present.reduce((s, v) => s + v, 0) / Math.max(1, present.length);
  const sd = Math.sqrt(present.reduce((s, v) => s + (v - m) ** 2, 0) / Math.max(1, present.length - 1)) || 1;
  return new Map([...values].map(([id, v]) => [id, v === null ? 0 : (v - m) / sd]));
}

/** Who the company promotes after each review, from the third quarter to two before the end. */
export function simulatePromotions(
  sim: SimWorld,
  managerRaw: Map<string, Raw>[],
  ownRaw: Map<string, Raw>[],
): SimPromotion[] {
  const p = sim.world.promotions;
  const promoted = new Set<string>();
  const result: SimPromotion[] = [];
  for (let q = 2; q < sim.quarters.length - 2; q++) {
    const remaining = sim.leaders.filter((l) => !promoted.has(l.leaderId));
    const own = zScores(
      new Map(remaining.map((l) => [l.leaderId, ownRaw[q]?.get(l.leaderId)?.score ?? null])),
    );
    const manager = zScores(
      new Map(remaining.map((l) => [l.leaderId, managerRaw[q]?.get(l.leaderId)?.score ?? null])),
    );
    const ranked = remaining
      .map((l) => ({
        leader: l,
        key:
          p.onSelling * (own.get(l.leaderId) ?? 0) +
          p.onManagerRating * (manager.get(l.leaderId) ?? 0) +
          p.onChance * normal(sim.world.seed, `promote|${l.leaderId}|${q}`)(),
      }))
      .sort((a, b) => b.key - a.key);
    const count = Math.round(remaining.length * p.perQuarter);
    for (const { leader } of ranked.slice(0, count)) {
      promoted.add(leader.leaderId);
      const realised = normal(sim.world.seed, `realised|${leader.leaderId}`)(
        leader.outcome[q] ?? 0,
        sim.world.outcome.noiseSd,
      );
      result.push({ leaderId: leader.leaderId, reviewed: q, realised });
    }
  }
  return result;
}

/**
 * The data HR would have: the promotions recorded, each new team's figures and everyone else's
 * (the market moves all of them alike), for the quarters the validity report reads.
 */
export function promotionData(sim: SimWorld, promotions: readonly SimPromotion[], config: LadderConfig) {
  const seed = sim.world.seed;
  const v = config.validity;
  const records: PromotionRecord[] = [];
  const teams = new Map<string, string[]>();
  const figures: SalesFigure[] = [];
  const quota = 100_000;
  const market = (quarter: string) => normal(seed, `market|${quarter}`)(0, 0.03);
  const first = addQuarters(sim.quarters[0] ?? '2025-Q1', -v.quartersBefore);
  const span = sim.quarters.length + v.quartersBefore + v.quartersAfter + 1;
  const quarters = Array.from({ length: span }, (_, i) => addQuarters(first, i));
  const sd = sim.world.sales.sellerNoiseSd;
  // Everyone else: a comparison group of sellers who only follow the market.
  for (let k = 0; k < 60; k++) {
    const level = normal(seed, `other-level|${k}`)(1, sim.world.sales.sellerLevelSd);
    for (const quarter of quarters) {
      const ratio = level + market(quarter) + normal(seed, `other|${k}|${quarter}`)(0, sd);
      figures.push({
        quarter,
        personId: `other-${k}`,
        quota,
        attained: Math.round(Math.max(0, ratio) * quota),
      });
    }
  }
  for (const promotion of promotions) {
    const moved = addQuarters(sim.quarters[promotion.reviewed] ?? '2025-Q1', 1);
    records.push({ personId: promotion.leaderId, quarter: moved, to: 'manager' });
    const members: string[] = [];
    for (let k = 0; k < sim.world.promotions.teamSize; k++) {
      const id = `team-of-${promotion.leaderId}-${k}`;
      members.push(id);
      const level = normal(seed, `member-level|${id}`)(1, sim.world.sales.sellerLevelSd);
      for (let offset = -v.quartersBefore; offset <= v.quartersAfter; offset++) {
        if (offset === 0) continue;
        const quarter = addQuarters(moved, offset);
        const effect = offset > 0 ? promotion.realised / 100 : 0;
        const ratio = level + effect + market(quarter) + normal(seed, `member|${id}|${quarter}`)(0, sd);
        figures.push({ quarter, personId: id, quota, attained: Math.round(Math.max(0, ratio) * quota) });
      }
    }
    teams.set(promotion.leaderId, members);
  }
  return { records, teams, figures };
}

/** The validity report for one method: its score at the review before each move is "readiness". */
export function validityOf(
  sim: SimWorld,
  run: Run,
  data: ReturnType<typeof promotionData>,
  config: LadderConfig,
): ValidityReport {
  const history = new Map<string, HistoryEntry[]>();
  for (const record of data.records) {
    history.set(
      record.personId,
      run.flatMap((byLeader, q) => {
        const outcome = byLeader.get(record.personId);
        if (!outcome) return [];
        return [
          {
            quarter: sim.quarters[q] ?? '',
            readinessScore: outcome.score,
            coachingScore: null,
            managementScore: null,
            recommendation: outcome.readyNow ? ('ready-now' as const) : ('develop-in-role' as const),
          },
        ];
      }),
    );
  }
  return validityReport(
    { promotions: data.records, history, teams: data.teams, figures: data.figures },
    config,
  );
}
