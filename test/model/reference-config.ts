/**
 * The configuration the hand calculations of the model tests are written against: the values of
 * config 2026.12-model-3 (weights 0.6/0.15/0.2/0.05 and 0.05/0.2/0.7/0.05, λ = 2, bars 75/70, band 5,
 * drift 5, priorPairs 2, no halo adjustment). The configuration in force is tuned on the benchmark's
 * train worlds and may change; these tests check the formulas, not the tuning.
 */
import { DEFAULT_CONFIG, type LadderConfig, parseConfig } from '../../functions/core/config.ts';

export const REFERENCE: LadderConfig = parseConfig({
  ...structuredClone(DEFAULT_CONFIG),
  version: 'test-reference',
  weights: {
    coaching: { coachee: 0.6, peer: 0.15, manager: 0.2, self: 0.05 },
    management: { coachee: 0.05, peer: 0.2, manager: 0.7, self: 0.05 },
    readiness: { coaching: 0.5, management: 0.5 },
    raterNoiseRatio: 2,
  },
  thresholds: { ...DEFAULT_CONFIG.thresholds, readyNow: 75, readyNowManagement: 70, readyNextYear: 60 },
  calibration: { ...DEFAULT_CONFIG.calibration, priorPairs: 2, maxShift: 1, decayPerQuarter: 0.8 },
  history: {
    ...DEFAULT_CONFIG.history,
    driftPerQuarter: 5,
    readyNowBand: 5,
    sustainedQuarters: 2,
    quarters: 4,
  },
  sales: { ...DEFAULT_CONFIG.sales, haloPointsPerTenPercent: 0 },
});
