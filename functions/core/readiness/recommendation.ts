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
  /** Readiness and management at or above the ready-now bars (lowered when kept). */
  barsMet: boolean;
  /** Ready-now kept within `readyNowBand` of the bars after a ready-now quarter. */
  kept: boolean;
  sustain: Sustain;
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
  const strict = scores.readiness >= t.readyNow && management !== null && management >= t.readyNowManagement;
  const wasReadyNow = earlier.find((e) => e.age === 1)?.entry.recommendation === 'ready-now';
  const keep = wasReadyNow ? config.history.readyNowBand : 0;
  const kept =
    !strict &&
    keep > 0 &&
    scores.readiness >= t.readyNow - keep &&
    management !== null &&
    management >= t.readyNowManagement - keep;
  decision.barsMet = strict || kept;
  decision.kept = kept;
  if (decision.barsMet && decision.sustain.sustained && salesGuard !== 'below') {
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
