/**
 * One world through every method: the model, then each baseline with its history window and its bar
 * tuned to call ready-now as often as the model; metrics against the truth over the evaluated
 * quarters; the simulated validity check.
 */
import type { LadderConfig } from '../../functions/core/config.ts';
import type { ValidityOverall } from '../../functions/core/readiness/validity.ts';
import {
  applyPolicy,
  BASELINES,
  type Baseline,
  barForShare,
  countReadyNow,
  type Method,
  pooledScores,
  type Raw,
  type Run,
  rawScores,
  runModel,
  salesGate,
} from './methods.ts';
import { promotionData, simulatePromotions, validityOf } from './promotions.ts';
import { type SimWorld, simulateWorld } from './simulate.ts';
import {
  addConfusion,
  addStability,
  type Confusion,
  confusion,
  type Stability,
  spearman,
  stability,
} from './stats.ts';
import type { World } from './world.ts';

export interface MethodResult {
  method: Method;
  /** Baselines: the history window (quarters) and the bar. */
  window?: number;
  bar?: number;
  /** Mean over the evaluated quarters of the rank correlation with the true outcome. */
  spearman: number;
  confusion: Confusion;
  stability: Stability;
  /** Ready-now calls over the evaluated quarters. */
  calls: number;
  validity: ValidityOverall;
}

export interface WorldResult {
  world: World;
  leaders: number;
  /** Leader-quarters evaluated and truly ready among them. */
  evaluated: number;
  trulyReady: number;
  methods: Record<Method, MethodResult>;
  promotions: number;
}

/** History windows of the baselines (quarters), tuned on the train worlds (bench/model/tuned.json). */
export type Windows = Record<Baseline, number>;

export function evaluatedQuarters(world: World): number[] {
  return Array.from({ length: world.evaluated }, (_, i) => world.quarters - world.evaluated + i);
}

function metrics(sim: SimWorld, run: Run, quarters: number[], common: Set<string>[]) {
  const spearmans: number[] = [];
  let c: Confusion = { truePositives: 0, falsePositives: 0, falseNegatives: 0 };
  let s: Stability = { pairs: 0, falseFlips: 0, missedChanges: 0 };
  quarters.forEach((q, i) => {
    const byLeader = run[q] ?? new Map();
    const scored = sim.leaders.filter((l) => common[i]?.has(l.leaderId));
    spearmans.push(
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
  });
  // Stability over the evaluated quarters and the pair that leads into the first of them.
  const span = [quarters[0]! - 1, ...quarters].filter((q) => q >= 0);
  for (const leader of sim.leaders) {
    s = addStability(
      s,
      stability(
        span.map((q) => run[q]?.get(leader.leaderId)?.readyNow === true),
        span.map((q) => leader.ready[q] === true),
      ),
    );
  }
  return {
    spearman: spearmans.reduce((sum, v) => sum + v, 0) / spearmans.length,
    confusion: c,
    stability: s,
    calls: countReadyNow(run, quarters),
  };
}

export interface BaselineInputs {
  raw: Record<Baseline, Map<string, Raw>[]>;
  gate: ReturnType<typeof salesGate>;
}

export function baselineInputs(sim: SimWorld, config: LadderConfig): BaselineInputs {
  return {
    raw: Object.fromEntries(BASELINES.map((b) => [b, rawScores(sim, b, config)])) as BaselineInputs['raw'],
    gate: salesGate(sim, config),
  };
}

/** A baseline's run with `window`, its bar tuned to `target` ready-now calls over `quarters`. */
export function baselineRun(
  inputs: BaselineInputs,
  baseline: Baseline,
  window: number,
  quarters: number[],
  target: number,
  config: LadderConfig,
) {
  const raw = inputs.raw[baseline];
  const pooled = pooledScores(raw, window);
  return barForShare(
    (bar) =>
      applyPolicy(
        raw,
        pooled,
        inputs.gate,
        bar,
        config.history.readyNowBand,
        config.history.sustainedQuarters,
      ),
    quarters,
    target,
  );
}

export function evaluateWorld(world: World, config: LadderConfig, windows: Windows): WorldResult {
  const sim = simulateWorld(world);
  const quarters = evaluatedQuarters(world);
  const model = runModel(sim, config);
  const target = countReadyNow(model.run, quarters);
  const inputs = baselineInputs(sim, config);
  const runs: Record<Method, { run: Run; window?: number; bar?: number }> = {
    model: { run: model.run },
    ...(Object.fromEntries(
      BASELINES.map((b) => {
        const { bar, run } = baselineRun(inputs, b, windows[b], quarters, target, config);
        return [b, { run, window: windows[b], bar }];
      }),
    ) as Record<Baseline, { run: Run; window: number; bar: number }>),
  };
  // The rank correlation is taken over the leaders every method scored that quarter.
  const methods = Object.keys(runs) as Method[];
  const common = quarters.map(
    (q) =>
      new Set(
        sim.leaders
          .map((l) => l.leaderId)
          .filter((id) => methods.every((m) => (runs[m].run[q]?.get(id)?.score ?? null) !== null)),
      ),
  );
  const promotions = simulatePromotions(sim, inputs.raw['manager alone'], inputs.raw['top seller']);
  const data = promotionData(sim, promotions, config);
  const results = Object.fromEntries(
    methods.map((m) => [
      m,
      {
        method: m,
        ...(runs[m].window !== undefined ? { window: runs[m].window, bar: runs[m].bar } : {}),
        ...metrics(sim, runs[m].run, quarters, common),
        validity: validityOf(sim, runs[m].run, data, config).overall,
      },
    ]),
  ) as Record<Method, MethodResult>;
  const evaluated = quarters.length * sim.leaders.length;
  const trulyReady = quarters.reduce((sum, q) => sum + sim.leaders.filter((l) => l.ready[q]).length, 0);
  return {
    world,
    leaders: sim.leaders.length,
    evaluated,
    trulyReady,
    methods: results,
    promotions: promotions.length,
  };
}
