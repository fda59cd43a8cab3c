import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_CONFIG, type LadderConfig, parseConfig } from '../../functions/core/config.ts';

const FILE: LadderConfig = JSON.parse(
  readFileSync(new URL('../../config/ladder.config.json', import.meta.url), 'utf8'),
);
/** Breaks the configuration in ways its type would not allow. */
const loose = (value: object) => value as Record<string, unknown>;

const broken = (change: (config: LadderConfig) => void) => {
  const config = structuredClone(FILE);
  change(config);
  return () => parseConfig(config);
};

describe('the configuration file', () => {
  it('is what DEFAULT_CONFIG holds, validated', () => {
    expect(parseConfig(FILE)).toEqual(DEFAULT_CONFIG);
    expect(DEFAULT_CONFIG.version).toBe(FILE.version);
    expect(DEFAULT_CONFIG.anonymityMinimum).toBeGreaterThanOrEqual(3);
  });

  it('has a catalogue covering the trainings the programme names', () => {
    const titles = DEFAULT_CONFIG.catalogue.map((entry) => entry.title.toLowerCase()).join(' | ');
    for (const topic of [
      'hiring',
      'territory',
      'target setting',
      'forecasting',
      'meetings',
      'strategy',
      'across functions',
      'budgets',
      'purchasing',
      'firefighting',
    ]) {
      expect(titles).toContain(topic);
    }
    const covered = new Set(DEFAULT_CONFIG.catalogue.flatMap((entry) => entry.competencies));
    expect(covered.size).toBe(13);
  });
});

describe('parseConfig', () => {
  it.each([
    ['an anonymity minimum below 3', (c: LadderConfig) => (c.anonymityMinimum = 2), 'anonymityMinimum'],
    [
      'a comment minimum below the anonymity minimum',
      (c: LadderConfig) => Object.assign(c, { anonymityMinimum: 5, commentMinimum: 4 }),
      'commentMinimum: must not be below anonymityMinimum (5)',
    ],
    ['a missing comment minimum', (c: LadderConfig) => delete loose(c).commentMinimum, 'commentMinimum'],
    ['a negative weight', (c: LadderConfig) => (c.weights.coaching.peer = -1), 'weights.coaching.peer'],
    [
      'all readiness weights zero',
      (c: LadderConfig) => (c.weights.readiness = { coaching: 0, management: 0 }),
      'weights.readiness',
    ],
    [
      'ready-next-year above ready-now',
      (c: LadderConfig) => (c.thresholds.readyNextYear = 80),
      'thresholds.readyNextYear',
    ],
    ['an unknown setting', (c: LadderConfig) => (loose(c.thresholds).readyLater = 50), 'thresholds'],
    ['a missing setting', (c: LadderConfig) => delete loose(c.history).readyNowBand, 'history.readyNowBand'],
    [
      'a training for an unknown competency',
      (c: LadderConfig) => c.catalogue[0]?.competencies.push('juggling'),
      'catalogue.0.competencies.2',
    ],
    [
      'two trainings with one id',
      (c: LadderConfig) => Object.assign(c.catalogue[1] ?? {}, { id: c.catalogue[0]?.id }),
      'catalogue.1.id',
    ],
    [
      'a decay above 1',
      (c: LadderConfig) => (c.calibration.decayPerQuarter = 1.5),
      'calibration.decayPerQuarter',
    ],
    ['a bad version', (c: LadderConfig) => (c.version = 'v 1'), 'version'],
  ])('rejects %s, naming where', (_name, change, path) => {
    const parse = broken(change);
    expect(parse).toThrow(ConfigError);
    expect(parse).toThrow(path);
  });

  it('names every problem at once', () => {
    const parse = broken((c) => {
      c.anonymityMinimum = 1;
      c.thresholds.readyNow = 120;
    });
    expect(parse).toThrow(/anonymityMinimum[\s\S]*thresholds\.readyNow/);
  });
});
