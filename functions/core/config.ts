/**
 * Scoring and cycle configuration, versioned. Everything HR may tune — weights, thresholds, the
 * anonymity minimum, the readiness model's parameters and the training catalogue — lives in ONE
 * file, config/ladder.config.json, validated with zod when it is loaded. The version is stored with
 * every recommendation and exported, so HR can tell which rules produced a result.
 * docs/scoring.md explains what every setting does.
 */
import * as z from 'zod';
import rawConfig from '../../config/ladder.config.json' with { type: 'json' };
import { DIFFERENCING_LOOKBACK_QUARTERS } from './differencing.ts';
import { isDuration, minimumDays, parseDuration } from './duration.ts';
import { canonicalLocale, canonicalTimeZone, type TagCheck } from './locale-tags.ts';
import { QUESTIONNAIRE_V1, type Questionnaire } from './questionnaire.ts';

const weight = z.number().finite().min(0).max(100);
const groupWeights = z.strictObject({ coachee: weight, peer: weight, manager: weight, self: weight });
const score100 = z.number().finite().min(0).max(100);
const positive = z.number().finite().positive();
const nonNegative = z.number().finite().min(0);
const count = (min: number, max: number) => z.number().int().min(min).max(max);
/** A retention period: an ISO 8601 date duration (`P90D`, `P13M`, `P5Y`). */
const period = z.string().refine(isDuration, 'use an ISO 8601 date duration such as P90D, P13M or P5Y');

/** A value checked and canonicalised by a locale-tags.ts function. */
const tag = (check: (raw: string) => TagCheck) =>
  z.string().transform((raw, context) => {
    const result = check(raw);
    if (result.ok) return result.value;
    context.addIssue({ code: 'custom', message: result.message });
    return z.NEVER;
  });

const DECISION_ACTIONS = ['accept', 'override'] as const;
const decisionReason = z.strictObject({
  /** Stable code stored with every calibration decision and exported. */
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'use lower-case letters, digits and "-"'),
  label: z.string().trim().min(1).max(200),
  /** Whether HR may give it when accepting, overriding, or both. */
  for: z.array(z.enum(DECISION_ACTIONS)).min(1),
});

const catalogueEntry = z.strictObject({
  /** Stable id of the training (exported in development plans). */
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'use lower-case letters, digits and "-"'),
  title: z.string().trim().min(1).max(200),
  /** Competency ids (questionnaire) this training develops. */
  competencies: z.array(z.string()).min(1),
});

export const configSchema = z
  .strictObject({
    version: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'use letters, digits, ".", "_" and "-"'),
    /**
     * The organisation's language (BCP 47) and time zone (IANA): used for everyone whose roster row
     * has no `locale` or `time_zone`, and for HR's emails.
     */
    organisation: z.strictObject({ locale: tag(canonicalLocale), timeZone: tag(canonicalTimeZone) }),
    /** Minimum responses for a coachee or peer group to be shown on its own (never below 3). */
    anonymityMinimum: count(3, 50),
    /**
     * Minimum answered responses for a coachee or peer group's comments to be shown — the group on
     * its own, never released by merging it with another. Never below anonymityMinimum.
     */
    commentMinimum: count(3, 50),
    /**
     * At most this many peers rate a leader (other CSLs of the team first, then sellers their manager
     * coaches, then sellers coached by another CSL).
     */
    maxPeers: count(0, 50),
    /** Leaders per Map iteration batch (a team is split only when it alone is larger). */
    batchSize: count(1, 1000),
    weights: z.strictObject({
      coaching: groupWeights,
      management: groupWeights,
      readiness: z.strictObject({ coaching: weight, management: weight }),
      /**
       * λ: a non-self group of n raters keeps n / (n + λ) of its weight; the rest is shared among
       * the raters of all non-self groups (0 = the configured weights only).
       */
      raterNoiseRatio: z.number().finite().min(0).max(20),
    }),
    thresholds: z.strictObject({
      /** Competency score (0–100) below which it is a development need. */
      developmentTarget: score100,
      /** Readiness at or above which a leader can be ready-now (sustained, see history). */
      readyNow: score100,
      /** Management score at or above which a leader can be ready-now. */
      readyNowManagement: score100,
      readyNextYear: score100,
      /** Coaching score below this (with counted coachee evidence) → review-coaching-role. */
      coachingConcern: score100,
      /** Minimum answered responses from others (not self) before a recommendation is made. */
      minOtherResponses: count(1, 100),
      /** Stand-in competency score at or above which the stand-in-ready flag is set. */
      standIn: score100,
    }),
    /** How many development needs to name at most. */
    maxDevelopmentNeeds: count(0, 13),
    /** Rater leniency calibration (docs/scoring.md, "Rater calibration"). */
    calibration: z.strictObject({
      enabled: z.boolean(),
      /** Shrinkage: pseudo-observations of "no leniency" added to every rater's estimate. */
      priorPairs: positive,
      /** Weight of an observation one quarter older (0–1]. */
      decayPerQuarter: z.number().finite().gt(0).max(1),
      /** Earlier quarters whose observations count. */
      historyQuarters: count(0, 12),
      /** Largest correction, in rating points (1–5 scale). */
      maxShift: z.number().finite().min(0).max(4),
    }),
    /** Confidence of the scores (docs/scoring.md, "Confidence"). */
    confidence: z.strictObject({
      /** Assumed standard deviation of one response's area mean, 0–100 scale. */
      responseSd: positive,
      /** Weight of responseSd against the observed spread of a group. */
      priorDegreesOfFreedom: nonNegative,
      /** Multiplier of the standard error for the margin (1.96 ≈ 95 %). */
      z: positive,
      /** Readiness margin (±points) at or below which confidence is high. */
      highMargin: positive,
      mediumMargin: positive,
      /** A quarter's readiness margin above this → insufficient-evidence. */
      maxMargin: positive,
    }),
    history: z.strictObject({
      /** Quarters pooled and shown in the trend, the current one included. */
      quarters: count(1, 12),
      /** How much true readiness may move per quarter (standard deviation, points). */
      driftPerQuarter: nonNegative,
      /** Consecutive quarters at or near the ready-now bars needed for ready-now (current included). */
      sustainedQuarters: count(1, 8),
      /**
       * Tolerance band below the ready-now bars (points): an earlier quarter within it counts toward
       * sustained readiness, and a leader who was ready-now keeps it while within it.
       */
      readyNowBand: z.number().finite().min(0).max(20),
      /** Slope (points per quarter) from which the trend is rising or falling. */
      trendThreshold: positive,
    }),
    selfOther: z.strictObject({
      /** Self minus others, in rating points, from which a gap is named. */
      threshold: z.number().finite().gt(0).max(4),
      /** Blind spots needed for the blind-spot flag. */
      blindSpotFlagMinimum: count(1, 13),
    }),
    sales: z.strictObject({
      /** Own attainment (attained / quota) a ready-now leader must keep. */
      minOwnAttainment: nonNegative,
      /** Quarters (current included) averaged for the leader's own attainment. */
      ownQuarters: count(1, 12),
      /**
       * Typical quarter-to-quarter swing of one person's attainment (standard deviation, as a
       * fraction of quota): own attainment is below the minimum only by more than swing / √quarters.
       */
      quarterlySwing: z.number().finite().min(0).max(1),
      /** Earlier quarters that make up a coachee's own history. */
      historyQuarters: count(1, 12),
      /** Shrinkage of the coaching impact: pseudo-coachees of "no impact". */
      impactPriorCoachees: nonNegative,
      /** Coaching-score points per percentage point of coaching impact. */
      impactPointsPerPercentagePoint: nonNegative,
      /** Largest coaching-score adjustment from coaching impact, ± points. */
      maxImpactPoints: z.number().finite().min(0).max(50),
      /**
       * Star-seller halo: raters see a top seller's numbers in everything they rate. Points taken off
       * coaching and management per 10 % of own attainment above quota (added below it; 0 = off).
       */
      haloPointsPerTenPercent: z.number().finite().min(0).max(20),
      /** Largest halo adjustment, ± points. */
      maxHaloPoints: z.number().finite().min(0).max(50),
    }),
    flags: z.strictObject({
      /** Consecutive ready-now quarters (current included) before retention-risk. */
      retentionQuarters: count(1, 12),
      /** Own attainment from which a leader counts as a top seller. */
      topSellerAttainment: nonNegative,
    }),
    /** Outcomes after promotion (docs/scoring.md, "Validity"). */
    validity: z.strictObject({
      /** Promotions to manager needed before an overall validity figure is given. */
      minPromotions: count(4, 1000),
      /** Quarters of the new team's figures compared before and after the move. */
      quartersBefore: count(1, 12),
      quartersAfter: count(1, 12),
      /** Quarters after the move with figures needed before a promotion counts. */
      minQuartersAfter: count(1, 12),
      /** How many quarters before the move the readiness at promotion may come from. */
      readinessLookback: count(1, 12),
    }),
    /** Training suggestions for development needs. */
    catalogue: z.array(catalogueEntry),
    /**
     * How long personal data is kept (functions/core/retention.ts; docs/security.md, "Data
     * retention"). Not part of scoring: changing it needs no new version.
     */
    retention: z.strictObject({
      /** Feedback requests (answers, rater names and addresses), batches: after the cycle's deadline. */
      requests: period,
      /** Link-token items (hashes only; the links stop working when the cycle closes). */
      tokens: period,
      /** Free-text comments, in requests and in the recommendation's report: after the deadline. */
      comments: period,
      /** Scores, recommendations, cycle records and summaries, sales figures: after scoring. */
      scores: period,
      /** A roster version after a newer import replaced it. */
      rosterVersions: period,
      /** A rater's leniency observations after the last quarter that wrote them. */
      leniency: period,
    }),
    /** HR's calibration decisions (docs/console.md, "Calibration"). */
    decisions: z.strictObject({
      /** Reason codes HR chooses from when accepting or overriding a recommendation. */
      reasons: z.array(decisionReason).min(1),
      /** Decisions whose note may not be empty. */
      noteRequiredFor: z.array(z.enum(DECISION_ACTIONS)),
    }),
  })
  .superRefine((config, context) => {
    const issue = (path: (string | number)[], message: string) =>
      context.addIssue({ code: 'custom', path, message });
    if (config.commentMinimum < config.anonymityMinimum) {
      issue(['commentMinimum'], `must not be below anonymityMinimum (${config.anonymityMinimum})`);
    }
    const t = config.thresholds;
    if (t.readyNextYear > t.readyNow) issue(['thresholds', 'readyNextYear'], 'must not exceed readyNow');
    if (t.coachingConcern > t.readyNextYear) {
      issue(['thresholds', 'coachingConcern'], 'must not exceed readyNextYear');
    }
    const c = config.confidence;
    if (c.highMargin > c.mediumMargin) issue(['confidence', 'highMargin'], 'must not exceed mediumMargin');
    for (const area of ['coaching', 'management'] as const) {
      const w = config.weights[area];
      if (w.coachee + w.peer + w.manager + w.self <= 0) issue(['weights', area], 'needs a positive weight');
    }
    const r = config.weights.readiness;
    if (r.coaching + r.management <= 0) issue(['weights', 'readiness'], 'needs a positive weight');
    for (const [path, message] of retentionProblems(config)) issue(path, message);
    if (config.validity.minQuartersAfter > config.validity.quartersAfter) {
      issue(['validity', 'minQuartersAfter'], 'must not exceed quartersAfter');
    }
    const ids = new Set<string>();
    config.catalogue.forEach((entry, index) => {
      if (ids.has(entry.id)) issue(['catalogue', index, 'id'], `duplicate id "${entry.id}"`);
      ids.add(entry.id);
    });
    const reasons = new Set<string>();
    config.decisions.reasons.forEach((reason, index) => {
      if (reasons.has(reason.id)) issue(['decisions', 'reasons', index, 'id'], `duplicate id "${reason.id}"`);
      reasons.add(reason.id);
    });
    for (const action of DECISION_ACTIONS) {
      if (!config.decisions.reasons.some((reason) => reason.for.includes(action))) {
        issue(['decisions', 'reasons'], `needs at least one reason for "${action}"`);
      }
    }
  });

/**
 * Retention periods too short for what reads the data later: earlier quarters' scores (the
 * readiness history, sales figures, flags, the anonymity guard) and leniency observations
 * (calibration) must outlive their lookback, with a month's margin for the next cycle to run.
 */
function retentionProblems(config: {
  retention: Record<string, string>;
  history: { quarters: number; sustainedQuarters: number };
  sales: { ownQuarters: number; historyQuarters: number };
  flags: { retentionQuarters: number };
  calibration: { historyQuarters: number };
}): [string[], string][] {
  const days = (name: string) => {
    const duration = parseDuration(config.retention[name] ?? '');
    return duration ? minimumDays(duration) : Number.POSITIVE_INFINITY;
  };
  const quarters = (n: number) => n * 92 + 31;
  const problems: [string[], string][] = [];
  const scoresLookback = Math.max(
    config.history.quarters,
    config.history.sustainedQuarters,
    config.sales.ownQuarters,
    config.sales.historyQuarters + 1,
    config.flags.retentionQuarters,
    DIFFERENCING_LOOKBACK_QUARTERS,
  );
  if (days('scores') < quarters(scoresLookback))
    problems.push([
      ['retention', 'scores'],
      `must keep scores at least ${quarters(scoresLookback)} days: later quarters read ${scoresLookback} quarters back`,
    ]);
  if (days('leniency') < quarters(config.calibration.historyQuarters))
    problems.push([
      ['retention', 'leniency'],
      `must keep leniency observations at least ${quarters(config.calibration.historyQuarters)} days (calibration.historyQuarters)`,
    ]);
  return problems;
}

export type LadderConfig = z.infer<typeof configSchema>;
export type CatalogueEntry = LadderConfig['catalogue'][number];
export type DecisionReason = LadderConfig['decisions']['reasons'][number];

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/**
 * Validates a configuration object; throws a ConfigError naming every problem by its path. Training
 * catalogue entries must name competencies of the questionnaire.
 */
export function parseConfig(raw: unknown, questionnaire: Questionnaire = QUESTIONNAIRE_V1): LadderConfig {
  const result = configSchema.safeParse(raw);
  const problems = result.success
    ? []
    : result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
  if (result.success) {
    const known = new Set(questionnaire.competencies.map((c) => c.id));
    result.data.catalogue.forEach((entry, index) => {
      entry.competencies.forEach((id, k) => {
        if (!known.has(id)) problems.push(`catalogue.${index}.competencies.${k}: unknown competency "${id}"`);
      });
    });
  }
  if (!result.success || problems.length > 0) {
    throw new ConfigError(`Invalid Ladder configuration:\n  ${problems.join('\n  ')}`);
  }
  return result.data;
}

/** The configuration in force: config/ladder.config.json, validated at load. */
export const DEFAULT_CONFIG: LadderConfig = parseConfig(rawConfig);
