/**
 * Small deterministic checks of the model benchmark's metrics, baseline policy and world files
 * (bench/model). The benchmark itself runs with `npm run bench:model`, never in `npm test`.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  applyPolicy,
  barForShare,
  countReadyNow,
  pooledScores,
  type Raw,
} from '../../bench/model/methods.ts';
import { confusion, f1, instability, precision, recall, stability } from '../../bench/model/stats.ts';
import { loadWorld, parseWorld, WorldError } from '../../bench/model/world.ts';
import { spearman, spearmanInterval } from '../../functions/core/statistics.ts';

describe('metrics', () => {
  it('Spearman ranks with ties and is undefined without variation', () => {
    expect(spearman([1, 2, 3, 4], [10, 20, 30, 40])).toBeCloseTo(1);
    expect(spearman([1, 2, 3, 4], [4, 3, 2, 1])).toBeCloseTo(-1);
    // ranks 1, 2.5, 2.5, 4 against 1..4: Pearson of the ranks
    expect(spearman([1, 2, 2, 3], [1, 2, 3, 4])).toBeCloseTo(0.9487, 4);
    expect(spearman([1, 1, 1], [1, 2, 3])).toBeNaN();
  });

  it('gives a Fisher-z interval that narrows with N and needs 4 pairs', () => {
    const small = spearmanInterval(0.5, 10);
    const large = spearmanInterval(0.5, 100);
    // atanh(0.5) ± 1.96·√(1.06/7) = 0.5493 ± 0.7627, back through tanh
    expect(small?.low).toBeCloseTo(-0.2102, 3);
    expect(small?.high).toBeCloseTo(0.8648, 3);
    expect((large?.high ?? 0) - (large?.low ?? 0)).toBeLessThan((small?.high ?? 0) - (small?.low ?? 0));
    expect(spearmanInterval(0.5, 3)).toBeNull();
  });

  it('precision, recall and F1 of the ready-now calls', () => {
    const c = confusion([true, true, false, false, true], [true, false, true, false, true]);
    expect(c).toEqual({ truePositives: 2, falsePositives: 1, falseNegatives: 1 });
    expect(precision(c)).toBeCloseTo(2 / 3);
    expect(recall(c)).toBeCloseTo(2 / 3);
    expect(f1(c)).toBeCloseTo(2 / 3);
    expect(f1({ truePositives: 0, falsePositives: 0, falseNegatives: 3 })).toBeNaN();
  });

  it('stability counts flips where the truth stayed and misses where it changed', () => {
    // calls:  F T F F T ; truth: F F F T T
    const s = stability([false, true, false, false, true], [false, false, false, true, true]);
    // pairs: (F→T vs F→F) false flip; (T→F vs F→F) false flip; (F→F vs F→T) missed; (F→T vs T→T) false flip
    expect(s).toEqual({ pairs: 4, falseFlips: 3, missedChanges: 1 });
    expect(instability(s)).toBe(1);
    expect(instability(stability([true, true, false], [true, true, false]))).toBe(0);
  });
});

/** One leader, scores per quarter, evidence everywhere. */
const rawOf = (scores: (number | null)[], evidence = true): Map<string, Raw>[] =>
  scores.map((score) => new Map([['a', { score, evidence }]]));
const gateOk = (n: number) => Array.from({ length: n }, () => new Map([['a', true]]));
const calls = (run: ReturnType<typeof applyPolicy>) => run.map((q) => q.get('a')?.readyNow);

describe('the baselines’ policy', () => {
  it('averages over the window only quarters that have a score', () => {
    const pooled = pooledScores(rawOf([60, null, 80, 70]), 3);
    expect(pooled.map((q) => q.get('a'))).toEqual([60, null, 70, 75]);
  });

  it('needs two consecutive quarters at the bar, then keeps ready-now within the band', () => {
    const raw = rawOf([80, 70, 80, 80, 77, 74]);
    const pooled = pooledScores(raw, 1);
    expect(calls(applyPolicy(raw, pooled, gateOk(6), 78, 2, 2))).toEqual([
      false,
      false,
      false,
      true,
      true,
      false,
    ]);
    // Without the band, 77 ends it.
    expect(calls(applyPolicy(raw, pooled, gateOk(6), 78, 0, 2))).toEqual([
      false,
      false,
      false,
      true,
      false,
      false,
    ]);
  });

  it('the evidence and sales gates block, as for the model', () => {
    const raw = rawOf([90, 90, 90]);
    const pooled = pooledScores(raw, 1);
    const blocked = gateOk(3);
    blocked[2]?.set('a', false);
    expect(calls(applyPolicy(raw, pooled, blocked, 50, 0, 2))).toEqual([false, true, false]);
    const thin = rawOf([90, 90, 90], false);
    expect(calls(applyPolicy(thin, pooledScores(thin, 1), gateOk(3), 50, 0, 2))).toEqual([
      false,
      false,
      false,
    ]);
  });

  it('tunes the bar to the number of ready-now calls asked for', () => {
    const leaders = ['a', 'b', 'c', 'd'];
    const scores = [50, 60, 70, 80];
    const raw = [0, 1, 2].map(
      () => new Map(leaders.map((id, i) => [id, { score: scores[i] ?? 0, evidence: true }])),
    );
    const pooled = pooledScores(raw, 1);
    const gate = [0, 1, 2].map(() => new Map(leaders.map((id) => [id, true])));
    const policy = (bar: number) => applyPolicy(raw, pooled, gate, bar, 0, 2);
    // Quarters 1 and 2 are evaluated: two leaders at the bar give 4 calls.
    const { bar, run } = barForShare(policy, [1, 2], 4);
    expect(countReadyNow(run, [1, 2])).toBe(4);
    expect(bar).toBeGreaterThan(60);
    expect(bar).toBeLessThanOrEqual(70);
  });
});

describe('world files', () => {
  const dir = join(import.meta.dirname, '../../bench/model/worlds');
  it.each(['train', 'test'].flatMap((set) => readdirSync(join(dir, set)).map((file) => [set, file])))(
    '%s/%s is a valid world',
    (set, file) => {
      expect(loadWorld(join(dir, set, file)).quarters).toBeGreaterThan(0);
    },
  );

  it('train and test worlds use different seeds', () => {
    const seeds = (set: string) =>
      readdirSync(join(dir, set)).map((file) => loadWorld(join(dir, set, file)).seed);
    const train = new Set(seeds('train'));
    expect(seeds('test').some((seed) => train.has(seed))).toBe(false);
  });

  it('names every problem of a bad world by its path', () => {
    const world = structuredClone(loadWorld(join(dir, 'train', 'base-a.json'))) as unknown as Record<
      string,
      Record<string, unknown>
    >;
    (world.raters as Record<string, Record<string, unknown>>).peer!.styles = { neutral: 0.5, halo: 0.2 };
    (world.traits as Record<string, unknown>).correlation = {
      coachingManagement: 0.9,
      coachingSelling: 0.9,
      managementSelling: -0.9,
    };
    world.evaluated = 20 as unknown as Record<string, unknown>;
    const parse = () => parseWorld(world, 'bad.json');
    expect(parse).toThrow(WorldError);
    expect(parse).toThrow(/raters\.peer\.styles: shares must sum to 1/);
    expect(parse).toThrow(/traits\.correlation: these three correlations cannot hold together/);
    expect(parse).toThrow(/evaluated/);
  });
});
