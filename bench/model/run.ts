/**
 * `npm run bench:model` — the readiness model against the naive mean of all ratings, on simulated
 * populations whose true readiness is known and does not change (bench/model/simulate.ts).
 *
 * For several sizes and seeds it runs six quarters through the same pure core the ScoreBatch
 * handler uses (readiness/batch.ts: calibration, history, sales figures) and prints, over the last
 * three quarters:
 *   - Spearman rank correlation of the readiness score with the true readiness;
 *   - precision and recall of `ready-now` (truly ready: true readiness ≥ the ready-now bar and own
 *     attainment ≥ the minimum a ready-now leader keeps);
 *   - flip rate: share of leaders whose recommendation changes from one quarter to the next,
 *     although nothing real changed.
 * The naive mean calls ready-now at ≥ 75, ready-next-year at ≥ 60, develop-in-role below.
 * Prints numbers only; nothing is asserted.
 */
import { DEFAULT_CONFIG, type LadderConfig } from '../../functions/core/config.ts';
import type { HistoryEntry, LeaderScore, RaterResponse, SalesFigure } from '../../functions/core/model.ts';
import { addQuarters } from '../../functions/core/quarter.ts';
import { leaderBatches } from '../../functions/core/raters.ts';
import { scoreBatch } from '../../functions/core/readiness/batch.ts';
import type { RaterProfile } from '../../functions/core/readiness/calibration.ts';
import {
  DEFAULT_PARAMETERS,
  naiveScore,
  type Population,
  population,
  type SimulationParameters,
  simulateQuarter,
} from './simulate.ts';
import { addConfusion, type Confusion, confusion, precision, recall, spearman } from './stats.ts';

const SIZES = [20, 60, 200];
const SEEDS = [11, 22, 33];
const QUARTERS = Array.from({ length: 6 }, (_, i) => addQuarters('2025-Q1', i));
const EVALUATED = QUARTERS.slice(3);

interface Outcome {
  score: number | null;
  recommendation: string;
}

type Run = Map<string, Outcome>[]; // per quarter, by leader id

interface Simulated {
  world: Population;
  responses: Map<string, RaterResponse[]>[];
  figures: SalesFigure[][];
}

function simulate(teams: number, seed: number, config: LadderConfig, p: SimulationParameters): Simulated {
  const world = population(teams, seed, config, p);
  const quarters = QUARTERS.map((quarter, i) => simulateQuarter(world, quarter, seed * 1000 + i, p));
  return { world, responses: quarters.map((q) => q.responses), figures: quarters.map((q) => q.figures) };
}

function runModel(sim: Simulated, config: LadderConfig, useHistory: boolean): Run {
  const history = new Map<string, HistoryEntry[]>();
  const profiles = new Map<string, RaterProfile>();
  const figures: SalesFigure[] = [];
  const teamOf = new Map(sim.world.leaders.map((leader) => [leader.leaderId, leader.team]));
  const batches = leaderBatches(sim.world.people, config.batchSize);
  return QUARTERS.map((quarter, q) => {
    figures.push(...(sim.figures[q] ?? []));
    const outcomes = new Map<string, Outcome>();
    const scores: LeaderScore[] = [];
    const responses = sim.responses[q] ?? new Map();
    for (const batch of batches) {
      const result = scoreBatch(
        {
          quarter,
          leaders: batch.map((leaderId) => ({
            leaderId,
            team: teamOf.get(leaderId) ?? '',
            responses: responses.get(leaderId) ?? [],
          })),
          history: useHistory ? history : new Map(),
          figures,
          profiles: useHistory ? profiles : new Map(),
        },
        config,
      );
      scores.push(...result.scores);
      for (const [raterId, residuals] of result.residuals) {
        const profile = profiles.get(raterId) ?? { raterId, residuals: [] };
        profile.residuals.push(...residuals);
        profiles.set(raterId, profile);
      }
    }
    for (const score of scores) {
      outcomes.set(score.leaderId, { score: score.readinessScore, recommendation: score.recommendation });
      const entries = history.get(score.leaderId) ?? [];
      entries.push({ quarter, ...pickHistory(score) });
      history.set(score.leaderId, entries);
    }
    return outcomes;
  });
}

function pickHistory(score: LeaderScore): Omit<HistoryEntry, 'quarter'> {
  return {
    readinessScore: score.readinessScore,
    coachingScore: score.coachingScore,
    managementScore: score.managementScore,
    recommendation: score.recommendation,
    ...(score.quarterScores ? { quarterScores: score.quarterScores } : {}),
  };
}

function runNaive(sim: Simulated, config: LadderConfig): Run {
  const t = config.thresholds;
  return QUARTERS.map((_, q) => {
    const outcomes = new Map<string, Outcome>();
    for (const leader of sim.world.leaders) {
      const score = naiveScore(sim.responses[q]?.get(leader.leaderId) ?? []);
      const recommendation =
        score === null
          ? 'insufficient-evidence'
          : score >= t.readyNow
            ? 'ready-now'
            : score >= t.readyNextYear
              ? 'ready-next-year'
              : 'develop-in-role';
      outcomes.set(leader.leaderId, { score, recommendation });
    }
    return outcomes;
  });
}

interface Tally {
  spearman: number[];
  confusion: Confusion;
  flips: number;
  pairs: number;
}

const emptyTally = (): Tally => ({
  spearman: [],
  confusion: { truePositives: 0, falsePositives: 0, falseNegatives: 0 },
  flips: 0,
  pairs: 0,
});

function evaluate(sim: Simulated, run: Run, quarters: string[], config: LadderConfig, tally: Tally) {
  const truth = sim.world.leaders;
  const t = config.thresholds;
  // The policy applied to the true values: what a perfectly informed HR would call ready-now.
  const ready = truth.map(
    (leader) =>
      leader.readiness >= t.readyNow &&
      leader.management >= t.readyNowManagement &&
      leader.attainment >= config.sales.minOwnAttainment,
  );
  for (const quarter of quarters) {
    const q = QUARTERS.indexOf(quarter);
    const outcomes = run[q] ?? new Map<string, Outcome>();
    const scored = truth.filter((leader) => (outcomes.get(leader.leaderId)?.score ?? null) !== null);
    tally.spearman.push(
      spearman(
        scored.map((leader) => outcomes.get(leader.leaderId)?.score ?? 0),
        scored.map((leader) => leader.readiness),
      ),
    );
    const predicted = truth.map((leader) => outcomes.get(leader.leaderId)?.recommendation === 'ready-now');
    tally.confusion = addConfusion(tally.confusion, confusion(predicted, ready));
    if (q > 0) {
      const before = run[q - 1] ?? new Map<string, Outcome>();
      for (const leader of truth) {
        tally.pairs++;
        if (before.get(leader.leaderId)?.recommendation !== outcomes.get(leader.leaderId)?.recommendation) {
          tally.flips++;
        }
      }
    }
  }
}

const METHODS = ['naive mean', 'model', 'model, no calibration', 'model, no history'] as const;
type Method = (typeof METHODS)[number];

function runs(sim: Simulated, config: LadderConfig): Record<Method, Run> {
  const uncalibrated = { ...config, calibration: { ...config.calibration, enabled: false } };
  return {
    'naive mean': runNaive(sim, config),
    model: runModel(sim, config, true),
    'model, no calibration': runModel(sim, uncalibrated, true),
    'model, no history': runModel(sim, config, false),
  };
}

const pc = (share: number) => `${Math.round(share * 100)}%`;
const fmt = (value: number) => (Number.isNaN(value) ? '  n/a' : value.toFixed(3));
const pct = (value: number) => `${(value * 100).toFixed(1)}%`;
const avg = (values: number[]) => values.reduce((s, v) => s + v, 0) / values.length;

function row(cells: string[], widths: number[]) {
  return cells
    .map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
    .join('  ');
}

/** Alternative worlds, to show where the model's margin comes from (printed in short). */
const STRESS: { name: string; parameters: SimulationParameters }[] = [
  {
    name: 'self-ratings inflated evenly (+0.4 at every level)',
    parameters: { ...DEFAULT_PARAMETERS, selfBias: 0.4, selfBiasSlope: 0 },
  },
  {
    name: 'no good or bad quarters (all variation is the raters)',
    parameters: { ...DEFAULT_PARAMETERS, leaderQuarterSd: 0 },
  },
  {
    name: 'wider leniency spread (sd 0.7 rating points)',
    parameters: { ...DEFAULT_PARAMETERS, leniencySd: 0.7 },
  },
];

type Tallies = Record<Method, Tally>;
const emptyTallies = () => Object.fromEntries(METHODS.map((m) => [m, emptyTally()])) as Tallies;

function scenario(
  config: LadderConfig,
  p: SimulationParameters,
  perSize?: (teams: number, t: Tallies, leaders: number) => void,
) {
  const overall = emptyTallies();
  const firstQuarter = emptyTallies();
  let leadersTotal = 0;
  for (const teams of SIZES) {
    const size = emptyTallies();
    let leaders = 0;
    for (const seed of SEEDS) {
      const sim = simulate(teams, seed, config, p);
      leaders += sim.world.leaders.length;
      const all = runs(sim, config);
      for (const method of METHODS) {
        evaluate(sim, all[method], EVALUATED, config, size[method]);
        evaluate(sim, all[method], EVALUATED, config, overall[method]);
        evaluate(sim, all[method], [QUARTERS[0] ?? ''], config, firstQuarter[method]);
      }
    }
    leadersTotal += leaders;
    perSize?.(teams, size, leaders);
  }
  return { overall, firstQuarter, leadersTotal };
}

function main() {
  const config = DEFAULT_CONFIG;
  const started = Date.now();
  const p = DEFAULT_PARAMETERS;
  console.log(`Ladder readiness model benchmark — config ${config.version}`);
  console.log(
    `${QUARTERS.length} quarters per population (${QUARTERS[0]}…${QUARTERS.at(-1)}), true readiness constant; metrics over ${EVALUATED.join(', ')}.`,
  );
  console.log(
    `Seeds ${SEEDS.join(', ')}; sizes ${SIZES.join(', ')} teams (2–3 leaders each, 1–5 coachees each).`,
  );
  console.log(
    `Raters: leniency sd ${p.leniencySd}, persistent view sd ${p.haloSd}, quarterly view sd ${p.quarterHaloSd}, item noise sd ${p.itemNoiseSd} (rating points); a leader's good/bad quarter sd ${p.leaderQuarterSd} points; coachees +${p.coacheeBias}; self +${p.selfBias} − ${p.selfBiasSlope}·(level − 60)/30.`,
  );
  console.log(
    `Answers: ${pc(p.notObserved)} of items not observed, ${pc(p.declined)} declined, ${pc(p.silent)} never answered; ${pc(p.missingFigures)} of sales figures missing.`,
  );
  console.log(
    'Truly ready-now: true readiness ≥ 75, true management ≥ 70 and own attainment ≥ 90% (the policy on true values).\n',
  );
  const widths = [24, 8, 9, 9, 9, 8];
  const header = row(['method', 'leaders', 'spearman', 'precision', 'recall', 'flips'], widths);
  const main = scenario(config, p, (teams, tallies, leaders) => {
    console.log(`${teams} teams × ${SEEDS.length} seeds (${leaders} leaders)`);
    console.log(header);
    for (const method of METHODS) console.log(line(method, String(leaders), tallies[method], widths));
    console.log('');
  });
  console.log(`All sizes and seeds (${main.leadersTotal} leaders, ${EVALUATED.length} quarters each)`);
  console.log(header);
  for (const method of METHODS)
    console.log(line(method, String(main.leadersTotal), main.overall[method], widths));
  const model = main.overall.model;
  const naive = main.overall['naive mean'];
  const wins = [
    avg(model.spearman) > avg(naive.spearman),
    precision(model.confusion) > precision(naive.confusion),
    recall(model.confusion) > recall(naive.confusion),
    model.flips / model.pairs < naive.flips / naive.pairs,
  ];
  console.log(
    `Model better than the naive mean on spearman, precision, recall, flips: ${wins.map((w) => (w ? 'yes' : 'NO')).join(', ')}`,
  );

  console.log(
    '\nFirst quarter only (no history yet: ready-now needs 2 quarters, so the model never calls it)',
  );
  console.log(row(['method', 'leaders', 'spearman', 'precision', 'recall', ''], widths));
  for (const method of METHODS) {
    const t = main.firstQuarter[method];
    console.log(
      row(
        [
          method,
          String(main.leadersTotal),
          fmt(avg(t.spearman)),
          fmt(precision(t.confusion)),
          fmt(recall(t.confusion)),
          '',
        ],
        widths,
      ),
    );
  }

  console.log('\nOther worlds (all sizes and seeds): naive mean vs model');
  for (const stress of STRESS) {
    const result = scenario(config, stress.parameters);
    console.log(`- ${stress.name}`);
    for (const method of ['naive mean', 'model'] as const) {
      console.log(`  ${line(method, String(result.leadersTotal), result.overall[method], widths)}`);
    }
  }
  console.log(`\n(${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

function line(method: string, leaders: string, t: Tally, widths: number[]) {
  return row(
    [
      method,
      leaders,
      fmt(avg(t.spearman)),
      fmt(precision(t.confusion)),
      fmt(recall(t.confusion)),
      pct(t.pairs === 0 ? Number.NaN : t.flips / t.pairs),
    ],
    widths,
  );
}

main();
