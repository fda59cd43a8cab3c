/**
 * `npm run bench:model [-- --world FILE …] [-- --tune]` — the readiness model against fair
 * baselines, on simulated worlds whose truth the model never sees (docs/scoring.md, "Evidence").
 *
 * Without arguments: every world of bench/model/worlds/train/ (the worlds the model's parameters and
 * the baselines' history windows were tuned on) and of bench/model/worlds/test/ (other seeds and
 * other response-style mixes, never used for tuning), a table per world, then train and test side by
 * side. With `--world FILE` (repeatable): just those worlds, reported the same way. With `--tune`:
 * the search on the train worlds only (bench/model/tune.ts).
 *
 * Prints numbers only; nothing is asserted.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_CONFIG } from '../../functions/core/config.ts';
import { evaluateWorld, type MethodResult, type Windows, type WorldResult } from './evaluate.ts';
import { BASELINES, type Method } from './methods.ts';
import { f1, instability, precision, recall } from './stats.ts';
import { matchesTuned, tune } from './tune.ts';
import { loadWorld, type World, WorldError } from './world.ts';

const HERE = import.meta.dirname;
export const TRAIN_DIR = join(HERE, 'worlds', 'train');
export const TEST_DIR = join(HERE, 'worlds', 'test');
export const TUNED_FILE = join(HERE, 'tuned.json');
const METHODS: Method[] = ['model', ...BASELINES];

export function worldsIn(dir: string): World[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => loadWorld(join(dir, file)));
}

interface Tuned {
  trainedOn: string[];
  windows: Windows;
  model: Record<string, number>;
}

export function readTuned(): Tuned {
  return JSON.parse(readFileSync(TUNED_FILE, 'utf8')) as Tuned;
}

const fmt = (value: number, digits = 3) => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a');
const pct = (value: number) => (Number.isFinite(value) ? `${(value * 100).toFixed(1)}%` : 'n/a');

function row(cells: string[], widths: number[]) {
  return cells
    .map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
    .join('  ');
}

const WIDTHS = [14, 7, 6, 9, 9, 7, 6, 19, 22];
const HEADER = [
  'method',
  'window',
  'bar',
  'spearman',
  'precision',
  'recall',
  'F1',
  'instability',
  'validity (N)',
];

function validityCell(m: MethodResult): string {
  const v = m.validity;
  if (!v.enough || v.spearman === null) return `not enough (${v.n})`;
  return `${fmt(v.spearman, 2)} [${fmt(v.low ?? Number.NaN, 2)}, ${fmt(v.high ?? Number.NaN, 2)}] (${v.n})`;
}

const modelBars = () =>
  `${DEFAULT_CONFIG.thresholds.readyNow}/${DEFAULT_CONFIG.thresholds.readyNowManagement}`;

function methodLine(m: MethodResult): string {
  const s = m.stability;
  return row(
    [
      m.method,
      m.window === undefined ? '4*' : String(m.window),
      m.bar === undefined ? modelBars() : m.bar.toFixed(1),
      fmt(m.spearman),
      fmt(precision(m.confusion)),
      fmt(recall(m.confusion)),
      fmt(f1(m.confusion)),
      `${pct(instability(s))} (${pct(s.falseFlips / s.pairs)}+${pct(s.missedChanges / s.pairs)})`,
      validityCell(m),
    ],
    WIDTHS,
  );
}

function printWorld(result: WorldResult, label: string) {
  const w = result.world;
  console.log(
    `\n${label}/${w.name} — seed ${w.seed}, ${w.population.teams} teams, ${result.leaders} leaders, ${w.quarters} quarters, last ${w.evaluated} evaluated`,
  );
  console.log(`  ${w.description}`);
  const model = result.methods.model;
  console.log(
    `  truly ready-now: ${pct(result.trulyReady / result.evaluated)} of leader-quarters; every method calls ready-now for ${pct(model.calls / result.evaluated)}; ${result.promotions} simulated promotions`,
  );
  console.log(`  ${row(HEADER, WIDTHS)}`);
  for (const method of METHODS) console.log(`  ${methodLine(result.methods[method])}`);
}

interface Summary {
  spearman: number;
  f1: number;
  instability: number;
}

function summarise(results: WorldResult[], method: Method): Summary {
  const avg = (values: number[]) => values.reduce((s, v) => s + v, 0) / values.length;
  return {
    spearman: avg(results.map((r) => r.methods[method].spearman)),
    f1: avg(results.map((r) => f1(r.methods[method].confusion))),
    instability: avg(results.map((r) => instability(r.methods[method].stability))),
  };
}

function printSideBySide(sets: { label: string; results: WorldResult[] }[]) {
  const present = sets.filter((s) => s.results.length > 0);
  console.log(`\nMean over worlds (${present.map((s) => `${s.label}: ${s.results.length}`).join(', ')})`);
  const widths = [14, ...present.flatMap(() => [9, 7, 11])];
  console.log(row(['', ...present.flatMap((s) => [`${s.label} ρ`, 'F1', 'instab.'])], widths));
  for (const method of METHODS) {
    console.log(
      row(
        [
          method,
          ...present.flatMap((s) => {
            const m = summarise(s.results, method);
            return [fmt(m.spearman), fmt(m.f1), pct(m.instability)];
          }),
        ],
        widths,
      ),
    );
  }
  for (const set of present) {
    const model = summarise(set.results, 'model');
    const best = (key: keyof Summary, better: (a: number, b: number) => boolean) =>
      BASELINES.map((b) => ({ b, value: summarise(set.results, b)[key] })).reduce((x, y) =>
        better(y.value, x.value) ? y : x,
      );
    const bestRho = best('spearman', (a, b) => a > b);
    const bestF1 = best('f1', (a, b) => a > b);
    const bestStable = best('instability', (a, b) => a < b);
    const margin = (a: number, b: number) => `${a - b >= 0 ? '+' : ''}${(a - b).toFixed(3)}`;
    console.log(
      `${set.label}: model vs best baseline — Spearman ${margin(model.spearman, bestRho.value)} (${bestRho.b}; target ≥ +0.030: ${model.spearman - bestRho.value >= 0.03 ? 'met' : 'NOT met'}), F1 ${margin(model.f1, bestF1.value)} (${bestF1.b}; ${model.f1 > bestF1.value ? 'met' : 'NOT met'}), instability ${margin(model.instability, bestStable.value)} (${bestStable.b}; ${model.instability <= bestStable.value ? 'met' : 'NOT met'})`,
    );
  }
}

function main() {
  const { values } = parseArgs({
    options: { world: { type: 'string', multiple: true }, tune: { type: 'boolean' } },
    allowPositionals: false,
  });
  const started = Date.now();
  const config = DEFAULT_CONFIG;
  if (values.tune) {
    tune(worldsIn(TRAIN_DIR), TUNED_FILE);
    console.log(`\n(${((Date.now() - started) / 1000).toFixed(1)} s)`);
    return;
  }
  // Every given world is validated before anything runs: a bad file fails first, with its problems.
  const given = values.world?.map((file) => loadWorld(file));
  const tuned = readTuned();
  const windows = tuned.windows;
  console.log(`Ladder readiness model benchmark — config ${config.version}`);
  const differences = matchesTuned(config, tuned.model);
  console.log(
    differences.length === 0
      ? `The configuration in force has the parameters tuned on the train worlds (${tuned.trainedOn.join(', ')}; bench/model/tuned.json).`
      : `NOTE: the configuration in force differs from the parameters tuned on the train worlds: ${differences.join('; ')}.`,
  );
  console.log(
    `Baselines under the model's policy: evidence and sales gates, ready-now only at the bar two quarters in a row (kept within ${config.history.readyNowBand} points), bar tuned to the model's share of ready-now; history windows tuned on the train worlds (${BASELINES.map((b) => `${b} ${windows[b]}`).join(', ')}; *the model pools ${config.history.quarters} quarters, weighted).`,
  );
  console.log(
    'Metrics over the evaluated quarters against the truth (the expected outcome of a promotion): Spearman (mean per quarter, leaders every method scored); ready-now precision, recall, F1; instability = share of quarter pairs where a call changed although the truth did not, or stayed although it changed; validity = the simulated `ladder validity` figure (Spearman of readiness at promotion with the new team’s change, 95 % interval, N).',
  );
  const sets: { label: string; results: WorldResult[] }[] = [];
  if (given) {
    const results = given.map((world) => {
      const result = evaluateWorld(world, config, windows);
      printWorld(result, 'given');
      return result;
    });
    sets.push({ label: 'given', results });
  } else {
    for (const [label, dir] of [
      ['train', TRAIN_DIR],
      ['test', TEST_DIR],
    ] as const) {
      const results = worldsIn(dir).map((world) => {
        const result = evaluateWorld(world, config, windows);
        printWorld(result, label);
        return result;
      });
      sets.push({ label, results });
    }
  }
  printSideBySide(sets);
  console.log(`\n(${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

try {
  main();
} catch (error) {
  if (error instanceof WorldError) {
    console.error(error.message);
    process.exitCode = 1;
  } else throw error;
}
