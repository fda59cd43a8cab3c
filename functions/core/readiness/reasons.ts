/**
 * The reasons HR reads with each recommendation: 2–6 short sentences, the decision first, each fact
 * said once, in HR's words (functions/core/readiness/phrases.ts holds the English). docs/scoring.md
 * ("Reasons").
 */
import type { LadderConfig } from '../config.ts';
import type { CompetencyScore, QuarterScores, SalesSummary } from '../model.ts';
import type { Pooled } from './history.ts';
import { points, REASONS } from './phrases.ts';
import { type Decision, type Evidence, salesAllowance } from './recommendation.ts';
import type { Scores } from './weighting.ts';

export function explain(
  decision: Decision,
  scores: Scores,
  evidence: Evidence,
  needs: CompetencyScore[],
  pooled: { coaching: Pooled | null; management: Pooled | null },
  quarter: QuarterScores,
  sales: SalesSummary,
  flags: string[],
  config: LadderConfig,
): string[] {
  const t = config.thresholds;
  const { readiness, coaching, management } = scores;
  const needsSentence =
    needs.length > 0
      ? REASONS.needs({ target: t.developmentTarget, needs })
      : REASONS.noNeeds({ target: t.developmentTarget });
  const earlierCount = Math.max(pooled.coaching?.earlier ?? 0, pooled.management?.earlier ?? 0);
  const share = currentShare(pooled, config);
  const history =
    earlierCount > 0 && share !== null
      ? REASONS.history({
          // Said only when it differs from the combined readiness already named in the reasons.
          current:
            quarter.readiness !== null &&
            readiness !== null &&
            points(quarter.readiness) === points(readiness)
              ? null
              : quarter.readiness,
          earlier: earlierCount,
          share,
        })
      : null;
  const impact =
    sales.impactPoints !== 0 && sales.coachingImpact !== null
      ? REASONS.coachingImpact({
          impact: sales.coachingImpact,
          coachees: sales.coacheesWithFigures,
          points: sales.impactPoints,
        })
      : null;
  const halo = (sales.haloPoints ?? 0) !== 0 ? REASONS.halo({ points: sales.haloPoints ?? 0 }) : null;
  const ownSales =
    sales.ownRecent === null
      ? REASONS.ownSalesUnknown()
      : sales.ownRecent >= config.sales.minOwnAttainment
        ? REASONS.ownSalesOk({
            own: sales.ownRecent,
            quarters: sales.ownQuarters,
            minimum: config.sales.minOwnAttainment,
          })
        : REASONS.ownSalesNear({
            own: sales.ownRecent,
            quarters: sales.ownQuarters,
            minimum: config.sales.minOwnAttainment,
          });

  const reasons: (string | null)[] = [];
  if (decision.recommendation === 'insufficient-evidence') {
    reasons.push(
      decision.insufficient === 'responses'
        ? evidence.others === 0
          ? REASONS.noAnswers({ needed: t.minOtherResponses })
          : REASONS.fewAnswers({ answers: evidence.others, needed: t.minOtherResponses })
        : decision.insufficient === 'margin'
          ? REASONS.tooUncertain({
              margin: decision.quarterMargin ?? 0,
              maxMargin: config.confidence.maxMargin,
            })
          : REASONS.nothingRated({ answers: evidence.others }),
      evidence.withheld > 0 ? REASONS.withheld({ answers: evidence.withheld }) : null,
      REASONS.soFar({ readiness, coaching, management }),
    );
  } else if (readiness === null) {
    // Unreachable: every other recommendation has a readiness score.
    reasons.push(REASONS.soFar({ readiness, coaching, management }), needsSentence);
  } else if (decision.recommendation === 'review-coaching-role') {
    reasons.push(
      REASONS.coachingConcern({
        coaching: coaching ?? 0,
        concern: t.coachingConcern,
        coachees: evidence.coachees,
        readiness,
        management,
      }),
      halo,
      impact,
      history,
      needsSentence,
    );
  } else if (decision.recommendation === 'ready-now') {
    const previous = decision.sustain.found.map(({ entry }) => ({
      quarter: entry.quarter,
      readiness: entry.readinessScore,
      management: entry.managementScore,
    }));
    const kept = decision.kept;
    reasons.push(
      kept
        ? REASONS.keptReadyNow({
            readiness,
            management: management ?? 0,
            band: config.history.readyNowBand,
            readyNow: t.readyNow,
            readyNowManagement: t.readyNowManagement,
            previous: decision.previousQuarter ?? '',
          })
        : REASONS.readyNow({
            readiness,
            management: management ?? 0,
            readyNow: t.readyNow,
            readyNowManagement: t.readyNowManagement,
            earlier: previous,
          }),
      flags.includes('retention-risk')
        ? REASONS.retention({ quarters: config.flags.retentionQuarters, own: sales.ownRecent ?? 0 })
        : null,
      REASONS.coachingFrom({ coaching, coachees: evidence.coachees }),
      ownSales,
      halo,
      impact,
      history,
      needs.length > 0 ? needsSentence : null,
    );
  } else if (decision.recommendation === 'ready-next-year') {
    const main = readyNextYearReason(decision, scores, sales, config);
    reasons.push(
      main.sentence,
      REASONS.coachingFrom(
        main.namesCoaching ? { coachees: evidence.coachees } : { coaching, coachees: evidence.coachees },
      ),
      halo,
      impact,
      history,
      needsSentence,
    );
  } else {
    reasons.push(
      REASONS.below({ readiness, coaching, management, readyNextYear: t.readyNextYear }),
      REASONS.coachingFrom({ coachees: evidence.coachees }),
      halo,
      impact,
      history,
      needsSentence,
    );
  }
  return reasons.filter((reason): reason is string => reason !== null).slice(0, 6);
}

function readyNextYearReason(
  decision: Decision,
  scores: Scores,
  sales: SalesSummary,
  config: LadderConfig,
): { sentence: string; namesCoaching: boolean } {
  const t = config.thresholds;
  const readiness = scores.readiness ?? 0;
  const management = scores.management;
  if (decision.barsMet && !decision.sustain.sustained && management !== null) {
    const gap = decision.sustain.gap;
    return {
      sentence: REASONS.notYetSustained({
        readiness,
        management,
        quarters: config.history.sustainedQuarters,
        gapQuarter: gap?.quarter ?? '',
        gap: gap?.entry
          ? { readiness: gap.entry.readinessScore, management: gap.entry.managementScore }
          : null,
      }),
      namesCoaching: false,
    };
  }
  if (decision.barsMet && decision.salesGuard === 'below' && sales.ownRecent !== null) {
    return {
      sentence: REASONS.salesBlock({
        readiness,
        management,
        own: sales.ownRecent,
        quarters: sales.ownQuarters,
        minimum: config.sales.minOwnAttainment,
        allowance: salesAllowance(sales, config),
      }),
      namesCoaching: false,
    };
  }
  if (readiness >= t.readyNow && management === null) {
    return { sentence: REASONS.noManagement({ readiness, readyNow: t.readyNow }), namesCoaching: false };
  }
  if (readiness >= t.readyNow && management !== null) {
    return {
      sentence: REASONS.managementBelow({ readiness, management, readyNowManagement: t.readyNowManagement }),
      namesCoaching: false,
    };
  }
  return {
    sentence: REASONS.between({
      readiness,
      coaching: scores.coaching,
      management,
      readyNextYear: t.readyNextYear,
      readyNow: t.readyNow,
    }),
    namesCoaching: true,
  };
}

/** Share of this quarter in the pooled readiness, weighting the areas' shares like readiness. */
function currentShare(
  pooled: { coaching: Pooled | null; management: Pooled | null },
  config: LadderConfig,
): number | null {
  const entries = [
    { share: pooled.coaching?.currentShare, weight: config.weights.readiness.coaching },
    { share: pooled.management?.currentShare, weight: config.weights.readiness.management },
  ].filter(
    (entry): entry is { share: number; weight: number } => entry.share !== undefined && entry.weight > 0,
  );
  const total = entries.reduce((sum, entry) => sum + entry.weight, 0);
  return total > 0 ? entries.reduce((sum, entry) => sum + entry.share * entry.weight, 0) / total : null;
}
