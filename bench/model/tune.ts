/**
 * `npm run bench:model -- --tune`: chooses the model's parameters and the baselines' history windows
 * on the TRAIN worlds only (bench/model/worlds/train/), by coordinate search on one objective —
 * mean Spearman + mean ready-now F1 − mean instability over the train worlds — and writes the result
 * to bench/model/tuned.json. The model's values are then copied into config/ladder.config.json by
 * hand (with a new version); the benchmark says whether the configuration in force matches them.
 * The test worlds are never read here.
 */
import { writeFileSync } from 'node:fs';
import { DEFAULT_CONFIG, type LadderConfig, parseConfig } from '../../functions/core/config.ts';
import { baselineInputs, baselineRun, evaluatedQuarters, type Windows } from './evaluate.ts';
import { BASELINES, countReadyNow, type Run, runModel } from './methods.ts';
import { type SimWorld, simulateWorld } from './simulate.ts';
import {
  addConfusion,
  addStability,
  type Confusion,
  confusion,
  f1,
  instability,
  spearman,
  stability,
} from './stats.ts';
import type { World } from './world.ts';

/** A tunable parameter: where it lives in the configuration and the values tried. */
export interface Parameter {
  name: string;
  values: number[];
  get: (config: LadderConfig) => number;
  set: (config: LadderConfig, value: number) => void;
}

export const PARAMETERS: Parameter[] = [
  {
    name: 'weights.readiness.coaching (management = 1 − it)',
    values: [0.3, 0.4, 0.5, 0.6],
    get: (c) =>
      c.weights.readiness.coaching / (c.weights.readiness.coaching + c.weights.readiness.management),
    set: (c, v) => {
      c.weights.readiness = { coaching: v, management: Math.round((1 - v) * 100) / 100 };
    },
  },
  {
    name: 'weights.raterNoiseRatio',
    values: [0, 1, 2, 4, 8],
    get: (c) => c.weights.raterNoiseRatio,
    set: (c, v) => {
      c.weights.raterNoiseRatio = v;
    },
  },
  {
    name: 'weights.*.self',
    values: [0, 0.05, 0.1],
    get: (c) => c.weights.coaching.self,
    set: (c, v) => {
      c.weights.coaching.self = v;
      c.weights.management.self = v;
    },
  },
  {
    name: 'weights.management.manager',
    values: [0.3, 0.5, 0.7],
    get: (c) => c.weights.management.manager,
    set: (c, v) => {
      c.weights.management.manager = v;
    },
  },
  {
    name: 'weights.coaching.coachee',
    values: [0.4, 0.6, 0.8],
    get: (c) => c.weights.coaching.coachee,
    set: (c, v) => {
      c.weights.coaching.coachee = v;
    },
  },
  {
    name: 'history.driftPerQuarter',
    values: [2, 3.5, 5, 8],
    get: (c) => c.history.driftPerQuarter,
    set: (c, v) => {
      c.history.driftPerQuarter = v;
    },
  },
  {
    name: 'calibration.priorPairs',
    values: [0.5, 1, 2, 4],
    get: (c) => c.calibration.priorPairs,
    set: (c, v) => {
      c.calibration.priorPairs = v;
    },
  },
  {
    name: 'calibration.maxShift',
    values: [0.5, 1, 1.5],
    get: (c) => c.calibration.maxShift,
    set: (c, v) => {
      c.calibration.maxShift = v;
    },
  },
  {
    name: 'sales.haloPointsPerTenPercent',
    values: [0, 1, 2, 3, 4],
    get: (c) => c.sales.haloPointsPerTenPercent,
    set: (c, v) => {
      c.sales.haloPointsPerTenPercent = v;
    },
  },
  {
    name: 'thresholds.readyNow',
    values: [67.5, 70, 72.5, 75, 77.5],
    get: (c) => c.thresholds.readyNow,
    set: (c, v) => {
      c.thresholds.readyNow = v;
    },
  },
  {
    name: 'thresholds.readyNowManagement',
    values: [60, 65, 70, 75],
    get: (c) => c.thresholds.readyNowManagement,
    set: (c, v) => {
      c.thresholds.readyNowManagement = v;
    },
  },
  {
    name: 'history.readyNowBand',
    values: [0, 2.5, 5, 7.5],
    get: (c) => c.history.readyNowBand,
    set: (c, v) => {
      c.history.readyNowBand = v;
    },
  },
];

interface Score {
  spearman: number;
  f1: number;
  instability: number;
  objective: number;
}

/** The model's (or a baseline's) metrics on one simulated world, against the truth. */
function measure(sim: SimWorld, run: Run): Omit<Score, 'objective'> {
  const quarters = evaluatedQuarters(sim.world);
  const rhos: number[] = [];
  let c: Confusion = { truePositives: 0, falsePositives: 0, falseNegatives: 0 };
  for (const q of quarters) {
    const byLeader = run[q] ?? new Map();
    const scored = sim.leaders.filter((l) => (byLeader.get(l.leaderId)?.score ?? null) !== null);
    rhos.push(
      spearman(
        scored.map((l) => byLeader.get(l.leaderId)?.score ?? 0),
        scored.map((l) => l.outcome[q] ?? 0),
      ),
    );
    c = addConfusion(
      c,
      confusion(
        sim.leaders.map((l) => byLeader.get(l.leaderId)?.readyNow === true),
        sim.leaders.map((l) => l.ready[q] === true),
      ),
    );
  }
  const span = [quarters[0]! - 1, ...quarters];
  let s = { pairs: 0, falseFlips: 0, missedChanges: 0 };
  for (const l of sim.leaders) {
    s = addStability(
      s,
      stability(
        span.map((q) => run[q]?.get(l.leaderId)?.readyNow === true),
        span.map((q) => l.ready[q] === true),
      ),
    );
  }
  return {
    spearman: rhos.reduce((a, b) => a + b, 0) / rhos.length,
    f1: f1(c) || 0,
    instability: instability(s),
  };
}

function combine(scores: Omit<Score, 'objective'>[]): Score {
  const avg = (key: 'spearman' | 'f1' | 'instability') =>
    scores.reduce((s, x) => s + x[key], 0) / scores.length;
  const result = { spearman: avg('spearman'), f1: avg('f1'), instability: avg('instability') };
  return { ...result, objective: result.spearman + result.f1 - result.instability };
}

const clone = (config: LadderConfig): LadderConfig => structuredClone(config);
const show = (s: Score) =>
  `objective ${s.objective.toFixed(4)} (Spearman ${s.spearman.toFixed(3)}, F1 ${s.f1.toFixed(3)}, instability ${(s.instability * 100).toFixed(1)}%)`;

export function tune(worlds: World[], file: string, rounds = 2): void {
  console.log(`Tuning on the train worlds only: ${worlds.map((w) => w.name).join(', ')}`);
  const sims = worlds.map(simulateWorld);
  const evaluateModel = (config: LadderConfig) =>
    combine(sims.map((sim) => measure(sim, runModel(sim, config).run)));
  let best = clone(DEFAULT_CONFIG);
  let bestScore = evaluateModel(best);
  console.log(`configuration in force (${DEFAULT_CONFIG.version}): ${show(bestScore)}`);
  for (let round = 1; round <= rounds; round++) {
    let changed = false;
    for (const parameter of PARAMETERS) {
      const current = parameter.get(best);
      for (const value of parameter.values) {
        if (Math.abs(value - current) < 1e-9) continue;
        const candidate = clone(best);
        parameter.set(candidate, value);
        try {
          parseConfig(candidate);
        } catch {
          continue; // e.g. ready-next-year above ready-now: not a configuration HR could use
        }
        const score = evaluateModel(candidate);
        if (score.objective > bestScore.objective + 1e-4) {
          best = candidate;
          bestScore = score;
          changed = true;
          console.log(`  round ${round}: ${parameter.name} = ${value} → ${show(score)}`);
        }
      }
    }
    if (!changed) break;
  }

  // Baselines: the history window (1 to the model's window) that does best at the model's share.
  const models = sims.map((sim) => runModel(sim, best).run);
  const windows = {} as Windows;
  for (const baseline of BASELINES) {
    let chosen = { window: 1, score: -Infinity };
    for (let window = 1; window <= best.history.quarters; window++) {
      const score = combine(
        sims.map((sim, i) => {
          const quarters = evaluatedQuarters(sim.world);
          const target = countReadyNow(models[i] ?? [], quarters);
          const { run } = baselineRun(baselineInputs(sim, best), baseline, window, quarters, target, best);
          return measure(sim, run);
        }),
      );
      console.log(`  ${baseline}, window ${window}: ${show(score)}`);
      if (score.objective > chosen.score + 1e-4) chosen = { window, score: score.objective };
    }
    windows[baseline] = chosen.window;
  }
  const parameters = Object.fromEntries(PARAMETERS.map((p) => [p.name, p.get(best)]));
  writeFileSync(
    file,
    `${JSON.stringify({ trainedOn: worlds.map((w) => w.name), objective: bestScore, windows, model: parameters }, null, 2)}\n`,
  );
  console.log(`\nBest on the train worlds: ${show(bestScore)}`);
  console.log('Model parameters (copy into config/ladder.config.json with a new version):');
  for (const [name, value] of Object.entries(parameters)) console.log(`  ${name}: ${value}`);
  console.log(`Baseline windows: ${JSON.stringify(windows)}; written to ${file}`);
}

/** True when the configuration in force has the tuned model parameters. */
export function matchesTuned(config: LadderConfig, model: Record<string, number>): string[] {
  return PARAMETERS.filter(
    (p) => model[p.name] !== undefined && Math.abs(p.get(config) - (model[p.name] ?? 0)) > 1e-9,
  ).map((p) => `${p.name} is ${p.get(config)}, tuned ${model[p.name]}`);
}

/** The tuning objective of one configuration on some worlds (for experiments). */
export function objectiveOn(worlds: World[], config: LadderConfig): string {
  return show(combine(worlds.map(simulateWorld).map((sim) => measure(sim, runModel(sim, config).run))));
}
