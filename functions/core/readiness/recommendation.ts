/**
 * The recommendation policy: insufficient evidence first, then a coaching concern, then ready-now
 * (bars met, sustained over consecutive quarters, own attainment kept), ready-next-year, otherwise
 * develop-in-role. The first rule that applies wins. docs/scoring.md, step 10.
 */
import type { LadderConfig } from '../config.ts';
import type { Confidence, Recommendation, SalesSummary } from '../model.ts';
import { type AgedEntry, type Sustain, sustain } from './history.ts';
import type { Scores } from './weighting.ts';

export interface Evidence {
  /** Answered responses of visible non-self groups. */
  others: number;
  /** Coachee responses that count in the scores. */
  coachees: number;
  /** Coachee and peer responses withheld for anonymity. */
  withheld: number;
}

export interface Decision {
  recommendation: Recommendation;
  /** Why the evidence is too thin, when it is. */
  insufficient: 'responses' | 'no-score' | 'margin' | null;
  quarterMargin: number | null;
  /** Readiness and management at or above the ready-now bars this quarter. */
  barsMet: boolean;
  /** Ready-now because it was ready-now the quarter before and stays within `readyNowBand` of the bars. */
  kept: boolean;
  sustain: Sustain;
  /** The quarter before this one, when it is on record. */
  previousQuarter: string | null;
  salesGuard: 'ok' | 'below' | 'unknown';
}

export function recommend(
  scores: Scores,
  evidence: Evidence,
  confidence: Confidence,
  earlier: AgedEntry[],
  sales: SalesSummary,
  quarter: string | undefined,
  config: LadderConfig,
): Decision {
  const t = config.thresholds;
  const salesGuard =
    sales.ownRecent === null
      ? 'unknown'
      : sales.ownRecent + salesAllowance(sales, config) >= config.sales.minOwnAttainment
        ? 'ok'
        : 'below';
  const decision: Decision = {
    recommendation: 'develop-in-role',
    insufficient: null,
    quarterMargin: confidence.quarterMargin,
    barsMet: false,
    kept: false,
    sustain: sustain(quarter, earlier, config),
    previousQuarter: earlier.find((e) => e.age === 1)?.entry.quarter ?? null,
    salesGuard,
  };
  const insufficient = (why: Decision['insufficient']): Decision => ({
    ...decision,
    recommendation: 'insufficient-evidence',
    insufficient: why,
  });
  if (evidence.others < t.minOtherResponses) return insufficient('responses');
  if (scores.readiness === null) return insufficient('no-score');
  if (confidence.quarterMargin !== null && confidence.quarterMargin > config.confidence.maxMargin) {
    return insufficient('margin');
  }
  if (scores.coaching !== null && scores.coaching < t.coachingConcern && evidence.coachees > 0) {
    return { ...decision, recommendation: 'review-coaching-role' };
  }
  const management = scores.management;
  const band = config.history.readyNowBand;
  const atBars = scores.readiness >= t.readyNow && management !== null && management >= t.readyNowManagement;
  const wasReadyNow = earlier.find((e) => e.age === 1)?.entry.recommendation === 'ready-now';
  // Hysteresis: a leader who was ready-now keeps it while both scores stay within the band below
  // the bars, so noise around the bar does not flip the call every quarter.
  const keep =
    wasReadyNow &&
    scores.readiness >= t.readyNow - band &&
    management !== null &&
    management >= t.readyNowManagement - band;
  decision.barsMet = atBars;
  decision.kept = keep && !(atBars && decision.sustain.sustained);
  if (((atBars && decision.sustain.sustained) || keep) && salesGuard !== 'below') {
    return { ...decision, recommendation: 'ready-now' };
  }
  if (scores.readiness >= t.readyNextYear) return { ...decision, recommendation: 'ready-next-year' };
  return decision;
}

/**
 * Quarterly figures swing: own attainment is only "below the minimum" when it is below it by more
 * than one standard error, quarterlySwing / √(quarters with figures).
 */
export function salesAllowance(sales: SalesSummary, config: LadderConfig): number {
  return config.sales.quarterlySwing / Math.sqrt(Math.max(1, sales.ownQuarters));
}
