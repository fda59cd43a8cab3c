/**
 * Scoring of one leader in one quarter — the readiness model, put together: tallies, anonymity,
 * rater calibration, coaching / management / readiness scores pooled with earlier quarters, sales
 * figures, confidence, the recommendation and its reasons, self–other gaps, the development plan
 * and flags. Each step lives in its own module of this folder; docs/scoring.md explains every
 * formula and threshold.
 * Pure and deterministic: no clock, no randomness, and nothing depends on the order of responses.
 */
import { DEFAULT_CONFIG, type LadderConfig } from '../config.ts';
import type { HistoryEntry, LeaderScore, QuarterScores, RaterResponse } from '../model.ts';
import { QUESTIONNAIRE_V1, type Questionnaire } from '../questionnaire.ts';
import { round1 } from '../text.ts';
import { anonymityMinimum, commentMinimum, decideVisibility, visibleGroups } from './anonymity.ts';
import { calibrationSummary, usableOffsets } from './calibration.ts';
import { areaVariance, confidenceOf, poolArea } from './confidence.ts';
import { developmentPlan, lowestBelowTarget } from './development.ts';
import { flagsFor } from './flags.ts';
import { earlierEntries, trendOf } from './history.ts';
import { clamp100, round2 } from './numbers.ts';
import { explain } from './reasons.ts';
import { type Evidence, recommend } from './recommendation.ts';
import { buildReport } from './report.ts';
import { assessSales, type SalesInput } from './sales.ts';
import { selfOtherGaps } from './self-other.ts';
import { tallyByGroup } from './tallies.ts';
import { areaScore, blendReadiness, competencyScore, type Scores } from './weighting.ts';

export interface ScoreInput {
  leaderId: string;
  responses: RaterResponse[];
  /** The quarter being scored (`2026-Q4`); needed for history and sales figures to be used. */
  quarter?: string;
  /** The leader's earlier recommendations (any order; only the last quarters are used). */
  history?: HistoryEntry[];
  /**
   * Leniency per rater id, in rating points, subtracted from that rater's ratings of this leader
   * (see readiness/calibration.ts). Self-ratings are never calibrated.
   */
  calibration?: Readonly<Record<string, number>>;
  /** Sales figures of the leader, their coachees and the team's other sellers. */
  sales?: SalesInput;
}

export function scoreLeader(
  input: ScoreInput,
  config: LadderConfig = DEFAULT_CONFIG,
  questionnaire: Questionnaire = QUESTIONNAIRE_V1,
): LeaderScore {
  const minimum = anonymityMinimum(config);
  const offsets = config.calibration.enabled ? usableOffsets(input.calibration) : undefined;
  const tallies = tallyByGroup(input.responses, questionnaire);
  const visibility = decideVisibility(tallies.coachee.responses, tallies.peer.responses, minimum);
  // The report shows what people said; the scores use calibrated ratings. Visibility and hidden
  // items depend on counts only, so both views hide exactly the same things.
  const commentMin = commentMinimum(config);
  const shown = visibleGroups(tallies, visibility, minimum, commentMin, questionnaire);
  const groups = offsets
    ? visibleGroups(
        tallyByGroup(input.responses, questionnaire, offsets),
        visibility,
        minimum,
        commentMin,
        questionnaire,
      )
    : shown;

  const sd = config.confidence.responseSd;
  const priorDf = config.confidence.priorDegreesOfFreedom;
  const quarter: QuarterScores = {
    coaching: areaScore(groups, 'coaching', config, questionnaire),
    management: areaScore(groups, 'management', config, questionnaire),
    readiness: null,
    coachingVariance: null,
    managementVariance: null,
  };
  quarter.readiness = blendReadiness(quarter.coaching, quarter.management, config);
  const variances = {
    coaching: areaVariance(groups, 'coaching', config, questionnaire, sd, priorDf),
    management: areaVariance(groups, 'management', config, questionnaire, sd, priorDf),
  };
  quarter.coachingVariance = variances.coaching ? round2(variances.coaching.counts) : null;
  quarter.managementVariance = variances.management ? round2(variances.management.counts) : null;

  const earlier = earlierEntries(input.quarter, input.history, config.history.quarters - 1);
  const sales = assessSales(input.quarter, input.sales, config);
  const pooled = {
    coaching: poolArea('coaching', quarter, variances.coaching, earlier, config),
    management: poolArea('management', quarter, variances.management, earlier, config),
  };
  const halo = sales.haloPoints ?? 0;
  const coachingScore =
    pooled.coaching === null ? null : round1(clamp100(pooled.coaching.value + sales.impactPoints - halo));
  const managementScore =
    pooled.management === null ? null : round1(clamp100(pooled.management.value - halo));
  const readinessScore = blendReadiness(coachingScore, managementScore, config);

  const competencies = questionnaire.competencies.map((competency) =>
    competencyScore(competency, groups, config),
  );
  const developmentNeeds = lowestBelowTarget(competencies, config);
  const selfGroup = shown.find((group) => group.group === 'self');
  const selfOther = selfOtherGaps(selfGroup?.means ?? new Map(), competencies, config);

  const evidence: Evidence = {
    others: groups.filter((group) => group.group !== 'self').reduce((sum, group) => sum + group.responses, 0),
    coachees: visibility.coacheeCounted ? tallies.coachee.responses : 0,
    withheld: visibility.withheld.reduce((sum, group) => sum + tallies[group].responses, 0),
  };
  const scores: Scores = { coaching: coachingScore, management: managementScore, readiness: readinessScore };
  const confidence = confidenceOf(groups, pooled, variances, scores, sales, config);
  const decision = recommend(scores, evidence, confidence, earlier, sales, input.quarter, config);
  const flags = flagsFor(competencies, groups, selfOther, decision, earlier, sales, config);
  const calibration = offsets
    ? calibrationSummary(
        input.responses,
        offsets,
        visibility,
        quarter.readiness,
        shown,
        config,
        questionnaire,
      )
    : undefined;

  return {
    leaderId: input.leaderId,
    coachingScore,
    managementScore,
    readinessScore,
    recommendation: decision.recommendation,
    reasons: explain(decision, scores, evidence, developmentNeeds, pooled, quarter, sales, flags, config),
    developmentNeeds,
    flags,
    responses: {
      self: tallies.self.responses,
      manager: tallies.manager.responses,
      coachee: tallies.coachee.responses,
      peer: tallies.peer.responses,
    },
    declined: input.responses.filter((response) => response.status === 'declined').length,
    expired: input.responses.filter((response) => response.status === 'expired').length,
    competencies,
    report: {
      ...buildReport(
        shown,
        visibility,
        tallies,
        { minimum, commentMinimum: commentMin, seed: `${input.quarter ?? ''}#${input.leaderId}` },
        questionnaire,
      ),
      selfOther,
      developmentPlan: developmentPlan(developmentNeeds, config),
    },
    configVersion: config.version,
    questionnaireVersion: questionnaire.version,
    quarterScores: quarter,
    confidence,
    trend: trendOf(input.quarter, quarter.readiness, earlier, config),
    sales,
    ...(calibration ? { calibration } : {}),
  };
}
