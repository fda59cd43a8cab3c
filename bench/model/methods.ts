/**
 * The methods the benchmark compares, each giving, per quarter and leader, a score (for the rank
 * correlation) and a ready-now call:
 *
 * - the model: the real core, quarter after quarter, as the ScoreBatch step runs it
 *   (readiness/batch.ts: calibration with stored observations, history, sales figures);
 * - three fair baselines under the same policy where it applies (docs/scoring.md, "Evidence"):
 *   the naive mean of the others' ratings, the manager's rating alone, and the top seller (own
 *   attainment). Each averages its quarterly score over a history window, passes the same evidence
 *   and sales gates and the same sustained rule (two consecutive quarters at the bar, kept within the
 *   band), and its bar is tuned so that it calls ready-now as often as the model does.
 */
import type { LadderConfig } from '../../functions/core/config.ts';
import type { HistoryEntry, LeaderScore, RaterResponse, SalesFigure } from '../../functions/core/model.ts';
import { leaderBatches } from '../../functions/core/raters.ts';
import { scoreBatch } from '../../functions/core/readiness/batch.ts';
import type { RaterProfile } from '../../functions/core/readiness/calibration.ts';
import { attainmentIn, type Figure } from '../../functions/core/readiness/sales.ts';
import type { SimWorld } from './simulate.ts';

export interface Outcome {
  score: number | null;
  readyNow: boolean;
}

/** Per quarter, by leader id. */
export type Run = Map<string, Outcome>[];

export const BASELINES = ['naive mean', 'manager alone', 'top seller'] as const;
export type Baseline = (typeof BASELINES)[number];
export type Method = Baseline | 'model';

/** The model, quarter by quarter; also returns each quarter's full results (for the validity check). */
export function runModel(
  sim: SimWorld,
  config: LadderConfig,
): { run: Run; scores: Map<string, LeaderScore>[] } {
  const history = new Map<string, HistoryEntry[]>();
  const profiles = new Map<string, RaterProfile>();
  const figures: SalesFigure[] = [];
  const teamOf = new Map(sim.leaders.map((leader) => [leader.leaderId, leader.team]));
  const batches = leaderBatches(sim.people, config.batchSize);
  const all: Map<string, LeaderScore>[] = [];
  const run = sim.quarters.map((quarter, q) => {
    figures.push(...(sim.figures[q] ?? []));
    const responses = sim.responses[q] ?? new Map<string, RaterResponse[]>();
    const byLeader = new Map<string, LeaderScore>();
    for (const batch of batches) {
      const result = scoreBatch(
        {
          quarter,
          leaders: batch.map((leaderId) => ({
            leaderId,
            team: teamOf.get(leaderId) ?? '',
            responses: responses.get(leaderId) ?? [],
          })),
          history,
          figures,
          profiles,
        },
        config,
      );
      for (const score of result.scores) byLeader.set(score.leaderId, score);
      for (const [raterId, residuals] of result.residuals) {
        const profile = profiles.get(raterId) ?? { raterId, residuals: [] };
        profile.residuals.push(...residuals);
        profiles.set(raterId, profile);
      }
    }
    const outcomes = new Map<string, Outcome>();
    for (const score of byLeader.values()) {
      outcomes.set(score.leaderId, {
        score: score.readinessScore,
        readyNow: score.recommendation === 'ready-now',
      });
      const entries = history.get(score.leaderId) ?? [];
      entries.push({
        quarter,
        readinessScore: score.readinessScore,
        coachingScore: score.coachingScore,
        managementScore: score.managementScore,
        recommendation: score.recommendation,
        ...(score.quarterScores ? { quarterScores: score.quarterScores } : {}),
      });
      history.set(score.leaderId, entries);
    }
    all.push(byLeader);
    return outcomes;
  });
  return { run, scores: all };
}

const toScale = (mean: number) => ((mean - 1) / 4) * 100;

function meanRating(responses: readonly RaterResponse[]): { score: number | null; raters: number } {
  let sum = 0;
  let count = 0;
  let raters = 0;
  for (const response of responses) {
    if (response.status !== 'answered' || !response.answers) continue;
    raters++;
    for (const rating of Object.values(response.answers.ratings)) {
      if (rating === null) continue;
      sum += rating;
      count++;
    }
  }
  return { score: count === 0 ? null : toScale(sum / count), raters };
}

/** A baseline's own score of one leader in one quarter, and whether its evidence gate passes. */
export interface Raw {
  score: number | null;
  evidence: boolean;
}

/** Per quarter, by leader id: each baseline's raw quarterly scores. */
export function rawScores(sim: SimWorld, baseline: Baseline, config: LadderConfig): Map<string, Raw>[] {
  const ownFigures = ownFiguresByLeader(sim);
  return sim.quarters.map((quarter, q) => {
    const byLeader = new Map<string, Raw>();
    for (const leader of sim.leaders) {
      const responses = sim.responses[q]?.get(leader.leaderId) ?? [];
      if (baseline === 'naive mean') {
        const { score, raters } = meanRating(responses.filter((r) => r.group !== 'self'));
        byLeader.set(leader.leaderId, { score, evidence: raters >= config.thresholds.minOtherResponses });
      } else if (baseline === 'manager alone') {
        const { score, raters } = meanRating(responses.filter((r) => r.group === 'manager'));
        byLeader.set(leader.leaderId, { score, evidence: raters > 0 });
      } else {
        const attainment = attainmentIn(ownFigures.get(leader.leaderId) ?? [], quarter);
        byLeader.set(leader.leaderId, {
          score: attainment === null ? null : attainment * 100,
          evidence: attainment !== null,
        });
      }
    }
    return byLeader;
  });
}

function ownFiguresByLeader(sim: SimWorld): Map<string, Figure[]> {
  const leaders = new Set(sim.leaders.map((l) => l.leaderId));
  const byLeader = new Map<string, Figure[]>();
  for (const list of sim.figures) {
    for (const f of list) {
      if (!leaders.has(f.personId)) continue;
      byLeader.set(f.personId, [...(byLeader.get(f.personId) ?? []), f]);
    }
  }
  return byLeader;
}

/**
 * The model's sales gate, the same for every baseline: own attainment over the last `ownQuarters`
 * quarters with figures, below the minimum by more than the quarterly-swing allowance, blocks
 * ready-now; unknown figures do not block.
 */
export function salesGate(sim: SimWorld, config: LadderConfig): Map<string, boolean>[] {
  const own = ownFiguresByLeader(sim);
  const s = config.sales;
  return sim.quarters.map((_, q) => {
    const ok = new Map<string, boolean>();
    for (const leader of sim.leaders) {
      const values: number[] = [];
      for (let age = 0; age < s.ownQuarters && q - age >= 0; age++) {
        const value = attainmentIn(own.get(leader.leaderId) ?? [], sim.quarters[q - age] ?? '');
        if (value !== null) values.push(value);
      }
      if (values.length === 0) {
        ok.set(leader.leaderId, true);
        continue;
      }
      const recent = values.reduce((sum, v) => sum + v, 0) / values.length;
      ok.set(leader.leaderId, recent + s.quarterlySwing / Math.sqrt(values.length) >= s.minOwnAttainment);
    }
    return ok;
  });
}

/** A baseline's quarterly scores averaged over the last `window` quarters that have one. */
export function pooledScores(raw: Map<string, Raw>[], window: number): Map<string, number | null>[] {
  return raw.map((byLeader, q) => {
    const pooled = new Map<string, number | null>();
    for (const [leaderId, current] of byLeader) {
      if (current.score === null) {
        pooled.set(leaderId, null);
        continue;
      }
      const values: number[] = [];
      for (let age = 0; age < window && q - age >= 0; age++) {
        const value = raw[q - age]?.get(leaderId)?.score;
        if (typeof value === 'number') values.push(value);
      }
      pooled.set(leaderId, values.reduce((sum, v) => sum + v, 0) / values.length);
    }
    return pooled;
  });
}

/**
 * The policy with a bar: ready-now when the evidence and sales gates pass, the score is at the bar
 * and was at the bar the quarter before (two consecutive quarters); a leader who was ready-now keeps
 * it while within `band` below the bar.
 */
export function applyPolicy(
  raw: Map<string, Raw>[],
  pooled: Map<string, number | null>[],
  gate: Map<string, boolean>[],
  bar: number,
  band: number,
  sustainedQuarters: number,
): Run {
  const run: Run = [];
  pooled.forEach((byLeader, q) => {
    const outcomes = new Map<string, Outcome>();
    for (const [leaderId, score] of byLeader) {
      const passes = (quarter: number) =>
        raw[quarter]?.get(leaderId)?.evidence === true && (pooled[quarter]?.get(leaderId) ?? null) !== null;
      const eligible = passes(q) && gate[q]?.get(leaderId) !== false && score !== null;
      let readyNow = false;
      if (eligible) {
        const wasReady = run[q - 1]?.get(leaderId)?.readyNow === true;
        let sustained = score >= bar;
        for (let age = 1; age < sustainedQuarters && sustained; age++) {
          const earlier = pooled[q - age]?.get(leaderId) ?? null;
          sustained = q - age >= 0 && passes(q - age) && earlier !== null && earlier >= bar;
        }
        readyNow = sustained || (wasReady && score >= bar - band);
      }
      outcomes.set(leaderId, { score, readyNow });
    }
    run.push(outcomes);
  });
  return run;
}

export function countReadyNow(run: Run, quarters: readonly number[]): number {
  let n = 0;
  for (const q of quarters) for (const outcome of run[q]?.values() ?? []) if (outcome.readyNow) n++;
  return n;
}

/**
 * The bar at which the baseline calls ready-now as often as `target` (over `quarters`), or as close
 * as its scores allow (the call count only falls as the bar rises).
 */
export function barForShare(
  policyAt: (bar: number) => Run,
  quarters: readonly number[],
  target: number,
): { bar: number; run: Run } {
  let low = -50;
  let high = 250;
  for (let i = 0; i < 40; i++) {
    const mid = (low + high) / 2;
    if (countReadyNow(policyAt(mid), quarters) > target) low = mid;
    else high = mid;
  }
  // `high` calls at most `target`; `low` more than it: keep the closer of the two.
  const atHigh = policyAt(high);
  const atLow = policyAt(low);
  const distance = (run: Run) => Math.abs(countReadyNow(run, quarters) - target);
  return distance(atLow) < distance(atHigh) ? { bar: low, run: atLow } : { bar: high, run: atHigh };
}
