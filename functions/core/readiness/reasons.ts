/**
 * The reasons HR reads with each recommendation: 2–6 short sentences with the numbers behind the
 * decision. docs/scoring.md ("Reasons").
 */
import type { LadderConfig } from '../config.ts';
import type { CompetencyScore, QuarterScores, SalesSummary } from '../model.ts';
import type { Pooled } from './history.ts';
import { type Decision, type Evidence, salesAllowance } from './recommendation.ts';
import { percent } from './sales.ts';
import type { Scores } from './weighting.ts';

const show = (score: number | null) => (score === null ? 'n/a' : score.toFixed(1));
const signed = (value: number) => `${value > 0 ? '+' : value < 0 ? '−' : '±'}${Math.abs(value).toFixed(1)}`;
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

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
  const coachingEvidence =
    evidence.coachees > 0
      ? `Coaching score ${show(scores.coaching)} from ${plural(evidence.coachees, 'coachee response')}.`
      : `Coaching score ${show(scores.coaching)}, with no coachee ratings counted.`;
  const needsSentence =
    needs.length > 0
      ? `Below the development target of ${t.developmentTarget}: ${needs.map((n) => `${n.label} ${show(n.score)}`).join(', ')}.`
      : `No competency is below the development target of ${t.developmentTarget}.`;
  const withheld =
    evidence.withheld > 0
      ? `${plural(evidence.withheld, 'coachee or peer response')} withheld for anonymity ${evidence.withheld === 1 ? 'does' : 'do'} not count.`
      : null;
  const earlierCount = Math.max(pooled.coaching?.earlier ?? 0, pooled.management?.earlier ?? 0);
  const share = currentShare(pooled, config);
  const historySentence =
    earlierCount > 0 && share !== null
      ? `Scores pool this quarter (readiness ${show(quarter.readiness)}) with ${plural(earlierCount, 'earlier quarter')}; this quarter counts for ${Math.round(share * 100)}%.`
      : null;
  const impactSentence =
    sales.impactPoints !== 0 && sales.coachingImpact !== null
      ? `Coachees' attainment moved ${signed(sales.coachingImpact)} points against teammates coached by others (${plural(sales.coacheesWithFigures, 'coachee')} with figures): coaching score ${signed(sales.impactPoints)}.`
      : null;
  const minimum = percent(config.sales.minOwnAttainment);
  const over = `over ${plural(sales.ownQuarters, 'quarter')} with figures`;
  const allowance = `${Math.round(salesAllowance(sales, config) * 1000) / 10}-point allowance for quarterly swings`;
  const salesSentence =
    sales.ownRecent === null
      ? "No sales figures for the leader's own quota: the revenue check could not be made."
      : decision.salesGuard === 'below'
        ? `Own attainment ${percent(sales.ownRecent)} of quota ${over} is below the ${minimum} a ready-now leader must keep, by more than the ${allowance}.`
        : sales.ownRecent >= config.sales.minOwnAttainment
          ? `Own attainment ${percent(sales.ownRecent)} of quota ${over}, at or above the ${minimum} a ready-now leader keeps.`
          : `Own attainment ${percent(sales.ownRecent)} of quota ${over}: within the ${allowance} below the ${minimum} a ready-now leader keeps.`;
  const scoresLine = `Readiness ${show(scores.readiness)}, coaching ${show(scores.coaching)}, management ${show(scores.management)}.`;

  const reasons: (string | null)[] = [];
  switch (decision.recommendation) {
    case 'insufficient-evidence':
      reasons.push(
        decision.insufficient === 'responses'
          ? `Only ${plural(evidence.others, 'response')} from others counted; at least ${t.minOtherResponses} are needed.`
          : decision.insufficient === 'margin'
            ? `This quarter's readiness is only known to ±${show(decision.quarterMargin)} points; a recommendation needs ±${config.confidence.maxMargin} or better.`
            : `${plural(evidence.others, 'response')} from others counted, but no competency was rated, so there is no readiness score.`,
        withheld,
        scoresLine,
      );
      break;
    case 'review-coaching-role':
      reasons.push(
        `Coaching score ${show(scores.coaching)} is below the concern level of ${t.coachingConcern}.`,
        coachingEvidence,
        `Readiness ${show(scores.readiness)}, management score ${show(scores.management)}.`,
        impactSentence,
        historySentence,
        needsSentence,
      );
      break;
    case 'ready-now': {
      const previous = decision.sustain.found.map(
        ({ entry }) => `${entry.quarter} (${show(entry.readinessScore)})`,
      );
      reasons.push(
        decision.kept
          ? `Readiness ${show(scores.readiness)} and management ${show(scores.management)} stay within ${config.history.readyNowBand} points of the ready-now bars (${t.readyNow} and ${t.readyNowManagement}) after a ready-now quarter, so ready-now is kept.`
          : `Readiness ${show(scores.readiness)} is at or above the ready-now bar of ${t.readyNow}${previous.length > 0 ? `, as it was in ${previous.join(', ')}` : ''}.`,
        decision.kept
          ? null
          : `Management score ${show(scores.management)} is at or above the ready-now management bar of ${t.readyNowManagement}.`,
        flags.includes('retention-risk')
          ? `Ready-now for at least ${plural(config.flags.retentionQuarters, 'quarter')} in a row with own attainment ${percent(sales.ownRecent ?? 0)}: a retention risk until a path opens.`
          : null,
        coachingEvidence,
        salesSentence,
        historySentence,
        needs.length > 0 ? needsSentence : null,
      );
      break;
    }
    case 'ready-next-year':
      reasons.push(
        readyNextYearReason(decision, scores, salesSentence, config),
        coachingEvidence,
        historySentence,
        impactSentence,
        needsSentence,
      );
      break;
    case 'develop-in-role':
      reasons.push(
        `Readiness ${show(scores.readiness)} is below the ready-next-year bar of ${t.readyNextYear}.`,
        `Coaching score ${show(scores.coaching)}, management score ${show(scores.management)}.`,
        historySentence,
        impactSentence,
        needsSentence,
      );
      break;
  }
  return reasons.filter((reason): reason is string => reason !== null).slice(0, 6);
}

function readyNextYearReason(
  decision: Decision,
  scores: Scores,
  salesSentence: string,
  config: LadderConfig,
): string {
  const t = config.thresholds;
  if (decision.barsMet && !decision.sustain.sustained) {
    const gap = decision.sustain.gap;
    const gapText = gap?.entry
      ? `${gap.quarter} was not (readiness ${show(gap.entry.readinessScore)}, management ${show(gap.entry.managementScore)}, ${gap.entry.recommendation})`
      : `${gap?.quarter ?? 'the previous quarter'} has no result`;
    return `Readiness ${show(scores.readiness)} and management ${show(scores.management)} reach the ready-now bars, but ready-now needs ${plural(config.history.sustainedQuarters, 'consecutive quarter')} at or within ${config.history.readyNowBand} points of them, and ${gapText}.`;
  }
  if (decision.barsMet && decision.salesGuard === 'below') return salesSentence;
  if ((scores.readiness ?? 0) >= t.readyNow && scores.management === null) {
    return `Readiness ${show(scores.readiness)} reaches the ready-now bar of ${t.readyNow}, but nobody rated a management item, and ready-now needs a management score of at least ${t.readyNowManagement}.`;
  }
  if ((scores.readiness ?? 0) >= t.readyNow) {
    return `Readiness ${show(scores.readiness)} reaches the ready-now bar of ${t.readyNow}, but management score ${show(scores.management)} is below the ready-now management bar of ${t.readyNowManagement}.`;
  }
  return `Readiness ${show(scores.readiness)} is at or above the ready-next-year bar of ${t.readyNextYear} but below the ready-now bar of ${t.readyNow}.`;
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
