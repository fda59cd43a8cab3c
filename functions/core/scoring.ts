/**
 * Scoring of one leader in one quarter — the readiness model: group means, anonymity, rater
 * calibration, coaching / management / readiness scores pooled with earlier quarters, sales figures,
 * confidence, the recommendation and its reasons, self–other gaps, the development plan and flags.
 * docs/scoring.md explains every formula and threshold.
 * Pure and deterministic: no clock, no randomness, and nothing depends on the order of responses.
 */
import { DEFAULT_CONFIG, type LadderConfig } from './config.ts';
import type {
  CalibrationSummary,
  CompetencyScore,
  Confidence,
  ConfidenceLevel,
  HistoryEntry,
  LeaderReport,
  LeaderScore,
  QuarterScores,
  RaterGroup,
  RaterResponse,
  Recommendation,
  ReportGroup,
  ReportGroupResult,
  SalesSummary,
  ScoreConfidence,
  SelfOtherGap,
} from './model.ts';
import {
  type Competency,
  type CompetencyArea,
  QUESTIONNAIRE_V1,
  type Questionnaire,
} from './questionnaire.ts';
import { developmentPlan } from './readiness/development.ts';
import {
  type AgedEntry,
  earlierEntries,
  type Pooled,
  type PoolPart,
  pool,
  readyNowStreak,
  type Sustain,
  sustain,
  trendOf,
} from './readiness/history.ts';
import { assessSales, percent, type SalesInput } from './readiness/sales.ts';
import { selfOtherGaps } from './readiness/self-other.ts';
import { compareText, round1 } from './text.ts';

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

/** The anonymity minimum actually applied: the configured value, never below 3. */
export function anonymityMinimum(config: LadderConfig): number {
  return Math.max(3, config.anonymityMinimum);
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
  const shown = visibleGroups(tallies, visibility, minimum, questionnaire);
  const groups = offsets
    ? visibleGroups(tallyByGroup(input.responses, questionnaire, offsets), visibility, minimum, questionnaire)
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
  const coachingScore =
    pooled.coaching === null ? null : round1(clamp100(pooled.coaching.value + sales.impactPoints));
  const managementScore = pooled.management === null ? null : round1(clamp100(pooled.management.value));
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
      ...buildReport(shown, visibility, tallies, minimum, questionnaire),
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

/** Offsets that are finite numbers; others are ignored (a rater without an estimate gets none). */
function usableOffsets(
  calibration: Readonly<Record<string, number>> | undefined,
): Map<string, number> | undefined {
  if (calibration === undefined) return undefined;
  const offsets = new Map<string, number>();
  for (const [raterId, value] of Object.entries(calibration)) {
    if (typeof value === 'number' && Number.isFinite(value) && value !== 0) offsets.set(raterId, value);
  }
  return offsets.size > 0 ? offsets : undefined;
}

function clamp100(value: number): number {
  return Math.min(100, Math.max(0, value));
}

function round2(value: number): number {
  return Math.round(value * 100 + 1e-9) / 100;
}

// ---------------------------------------------------------------------------------------------
// Tallies: sums and counts per rater group and competency

interface RatingTally {
  sum: number;
  count: number;
}

interface GroupTally {
  responses: number;
  /** Non-null ratings per competency id (only competencies the group is asked). */
  ratings: Map<string, RatingTally>;
  /** Per answered response, its counted ratings by competency id (for spread and evidence). */
  rows: Map<string, number>[];
  keep: string[];
  change: string[];
}

type Tallies = Record<RaterGroup, GroupTally>;

function emptyTally(): GroupTally {
  return { responses: 0, ratings: new Map(), rows: [], keep: [], change: [] };
}

function isValidRating(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 5;
}

/**
 * Only answered responses carry ratings; ratings for items a group is not asked are ignored. With
 * `offsets`, each rater's leniency is subtracted from their ratings (kept within 1–5); self-ratings
 * are never calibrated.
 */
function tallyByGroup(
  responses: RaterResponse[],
  questionnaire: Questionnaire,
  offsets?: ReadonlyMap<string, number>,
): Tallies {
  const tallies: Tallies = {
    self: emptyTally(),
    manager: emptyTally(),
    coachee: emptyTally(),
    peer: emptyTally(),
  };
  for (const response of responses) {
    if (response.status !== 'answered' || response.answers === undefined) continue;
    const tally = tallies[response.group];
    const shift = response.group === 'self' ? 0 : (offsets?.get(response.raterId) ?? 0);
    tally.responses++;
    const row = new Map<string, number>();
    for (const competency of questionnaire.competencies) {
      const raw = response.answers.ratings[competency.id];
      if (!competency.groups.includes(response.group) || !isValidRating(raw)) continue;
      const rating = shift === 0 ? raw : Math.min(5, Math.max(1, raw - shift));
      row.set(competency.id, rating);
      const entry = tally.ratings.get(competency.id) ?? { sum: 0, count: 0 };
      tally.ratings.set(competency.id, { sum: entry.sum + rating, count: entry.count + 1 });
    }
    tally.rows.push(row);
    const { keep, change } = response.answers.comments;
    if (keep.trim() !== '') tally.keep.push(keep.trim());
    if (change.trim() !== '') tally.change.push(change.trim());
  }
  return tallies;
}

function mergeTallies(a: GroupTally, b: GroupTally): GroupTally {
  const ratings = new Map(a.ratings);
  for (const [id, entry] of b.ratings) {
    const existing = ratings.get(id) ?? { sum: 0, count: 0 };
    ratings.set(id, { sum: existing.sum + entry.sum, count: existing.count + entry.count });
  }
  return {
    responses: a.responses + b.responses,
    ratings,
    rows: [...a.rows, ...b.rows],
    keep: [...a.keep, ...b.keep],
    change: [...a.change, ...b.change],
  };
}

// ---------------------------------------------------------------------------------------------
// Anonymity

export interface Visibility {
  /** How coachee and peer results appear: separately, merged as `others`, or not at all. */
  shown: ('coachee' | 'peer' | 'others')[];
  withheld: ('coachee' | 'peer')[];
  /** True when coachee ratings count in the scores (shown alone or inside `others`). */
  coacheeCounted: boolean;
}

/**
 * A group with 1 to minimum-1 answers is small; a group with none is simply absent. With a small
 * group, coachees and peers are merged when together they reach the minimum. Both are merged, never
 * one beside a shown group, or a reader could subtract one from the other. Otherwise the small
 * groups are withheld.
 */
export function decideVisibility(coachees: number, peers: number, minimum: number): Visibility {
  const small = (n: number) => n > 0 && n < minimum;
  if (!small(coachees) && !small(peers)) {
    const shown: ('coachee' | 'peer')[] = [];
    if (coachees > 0) shown.push('coachee');
    if (peers > 0) shown.push('peer');
    return { shown, withheld: [], coacheeCounted: coachees > 0 };
  }
  if (coachees + peers >= minimum) return { shown: ['others'], withheld: [], coacheeCounted: coachees > 0 };
  const withheld: ('coachee' | 'peer')[] = [];
  if (coachees > 0) withheld.push('coachee');
  if (peers > 0) withheld.push('peer');
  return { shown: [], withheld, coacheeCounted: false };
}

/** A group whose results may be shown and counted, with its means already made anonymous. */
interface VisibleGroup {
  group: ReportGroup;
  responses: number;
  tally: GroupTally;
  /** Mean (1–5) per competency id; null when too few people rated it to show. */
  means: Map<string, number | null>;
  /** Competencies asked of the group, in questionnaire order. */
  asked: Competency[];
}

const GROUPS_OF: Record<ReportGroup, RaterGroup[]> = {
  self: ['self'],
  manager: ['manager'],
  coachee: ['coachee'],
  peer: ['peer'],
  others: ['coachee', 'peer'],
};

function visibleGroups(
  tallies: Tallies,
  visibility: Visibility,
  minimum: number,
  questionnaire: Questionnaire,
): VisibleGroup[] {
  const candidates: [ReportGroup, GroupTally][] = [
    ['self', tallies.self],
    ['manager', tallies.manager],
  ];
  for (const group of visibility.shown) {
    candidates.push([
      group,
      group === 'others' ? mergeTallies(tallies.coachee, tallies.peer) : tallies[group],
    ]);
  }
  return candidates
    .filter(([, tally]) => tally.responses > 0)
    .map(([group, tally]) => {
      const asked = questionnaire.competencies.filter((c) =>
        GROUPS_OF[group].some((g) => c.groups.includes(g)),
      );
      // Manager and self are one person by nature. In other groups an item rated by fewer than the
      // minimum (others chose "not observed", or only coachees are asked it in `others`) would expose
      // individual ratings, so its mean is hidden — and therefore not counted in any score either.
      const needed = group === 'self' || group === 'manager' ? 1 : minimum;
      const means = new Map<string, number | null>();
      for (const competency of asked) {
        const entry = tally.ratings.get(competency.id);
        means.set(
          competency.id,
          entry !== undefined && entry.count >= needed ? entry.sum / entry.count : null,
        );
      }
      return { group, responses: tally.responses, tally, means, asked };
    });
}

// ---------------------------------------------------------------------------------------------
// Scores

/** 1–5 mean to the 0–100 scale: 1 → 0, 3 → 50, 5 → 100. */
export function toScale100(mean: number): number {
  return ((mean - 1) / 4) * 100;
}

function groupWeight(group: ReportGroup, area: CompetencyArea, config: LadderConfig): number {
  const weights = config.weights[area];
  return group === 'others' ? weights.coachee + weights.peer : weights[group];
}

/** Weighted mean of the entries that have a value; weights renormalised over those. */
function weightedMean(entries: { value: number | null; weight: number }[]): number | null {
  let total = 0;
  let weightSum = 0;
  for (const { value, weight } of entries) {
    if (value === null || weight <= 0) continue;
    total += value * weight;
    weightSum += weight;
  }
  return weightSum > 0 ? total / weightSum : null;
}

function plainMean(values: (number | null)[]): number | null {
  const present = values.filter((value): value is number => value !== null);
  return present.length > 0 ? present.reduce((sum, value) => sum + value, 0) / present.length : null;
}

interface GroupEntry {
  group: ReportGroup;
  value: number | null;
  /** Configured weight of the group. */
  weight: number;
  /** Raters behind the value. */
  raters: number;
}

/**
 * Effective weights of the groups that have a value: each non-self group keeps
 * reliability = raters / (raters + λ) of its (renormalised) configured weight, and the weight it
 * gives up is shared among the non-self groups in proportion to their raters. One manager or two
 * coachees therefore cannot carry a whole score on their own, while the configured weights still
 * decide what a well-evidenced group counts for. Self keeps its configured weight. The weights depend
 * on counts only, never on the ratings. λ = `weights.raterNoiseRatio` (0: configured weights only).
 */
export function effectiveWeights(entries: readonly GroupEntry[], lambda: number): number[] {
  const present = entries.map((e) => e.value !== null && e.weight > 0 && e.raters > 0);
  const total = entries.reduce((sum, e, i) => sum + (present[i] ? e.weight : 0), 0);
  if (total <= 0) return entries.map(() => 0);
  const kept = entries.map((e, i) => {
    if (!present[i]) return 0;
    const reliability = e.group === 'self' || lambda <= 0 ? 1 : e.raters / (e.raters + lambda);
    return (e.weight / total) * reliability;
  });
  const freed = 1 - kept.reduce((sum, k) => sum + k, 0);
  const pooledRaters = entries.reduce(
    (sum, e, i) => sum + (present[i] && e.group !== 'self' ? e.raters : 0),
    0,
  );
  return entries.map((e, i) => {
    const base = kept[i] ?? 0;
    if (!present[i] || e.group === 'self' || pooledRaters === 0) return base;
    return base + (freed * e.raters) / pooledRaters;
  });
}

function mixedMean(entries: readonly GroupEntry[], lambda: number): number | null {
  const weights = effectiveWeights(entries, lambda);
  let total = 0;
  let weightSum = 0;
  entries.forEach((entry, i) => {
    const w = weights[i] ?? 0;
    if (entry.value === null || w <= 0) return;
    total += entry.value * w;
    weightSum += w;
  });
  return weightSum > 0 ? total / weightSum : null;
}

/** Each visible group's mean over the area's items (1–5), its weight and its raters. */
function areaEntries(
  groups: VisibleGroup[],
  area: CompetencyArea,
  config: LadderConfig,
  questionnaire: Questionnaire,
): GroupEntry[] {
  const ids = questionnaire.competencies.filter((c) => c.area === area).map((c) => c.id);
  return groups.map((group) => {
    const visible = ids.filter((id) => (group.means.get(id) ?? null) !== null);
    return {
      group: group.group,
      value: plainMean(ids.map((id) => group.means.get(id) ?? null)),
      weight: groupWeight(group.group, area, config),
      raters: responseMeans(group, visible).length,
    };
  });
}

/** Coaching or management score: each group's mean over the area's items, blended by effective weight. */
function areaScore(
  groups: VisibleGroup[],
  area: CompetencyArea,
  config: LadderConfig,
  questionnaire: Questionnaire,
): number | null {
  const mean = mixedMean(areaEntries(groups, area, config, questionnaire), config.weights.raterNoiseRatio);
  return mean === null ? null : round1(toScale100(mean));
}

/** Readiness blends the rounded scores, so a reader can check it from the numbers shown. */
function blendReadiness(
  coaching: number | null,
  management: number | null,
  config: LadderConfig,
): number | null {
  const blended = weightedMean([
    { value: coaching, weight: config.weights.readiness.coaching },
    { value: management, weight: config.weights.readiness.management },
  ]);
  return blended === null ? null : round1(blended);
}

/** One competency across groups, self excluded (self is kept for the self–other comparison). */
function competencyScore(
  competency: Competency,
  groups: VisibleGroup[],
  config: LadderConfig,
): CompetencyScore {
  const mean = mixedMean(
    groups
      .filter((group) => group.group !== 'self')
      .map((group) => ({
        group: group.group,
        value: group.means.get(competency.id) ?? null,
        weight: groupWeight(group.group, competency.area, config),
        raters: group.tally.ratings.get(competency.id)?.count ?? 0,
      })),
    config.weights.raterNoiseRatio,
  );
  return {
    id: competency.id,
    label: competency.label,
    score: mean === null ? null : round1(toScale100(mean)),
  };
}

function lowestBelowTarget(competencies: CompetencyScore[], config: LadderConfig): CompetencyScore[] {
  return competencies
    .map((competency, order) => ({ competency, order }))
    .filter(
      ({ competency }) => competency.score !== null && competency.score < config.thresholds.developmentTarget,
    )
    .sort((a, b) => (a.competency.score ?? 0) - (b.competency.score ?? 0) || a.order - b.order)
    .slice(0, Math.max(0, config.maxDevelopmentNeeds))
    .map(({ competency }) => competency);
}

export const STAND_IN_COMPETENCY = 'stand-in';

function flagsFor(
  competencies: CompetencyScore[],
  groups: VisibleGroup[],
  selfOther: SelfOtherGap[],
  decision: Decision,
  earlier: AgedEntry[],
  sales: SalesSummary,
  config: LadderConfig,
): string[] {
  const flags: string[] = [];
  const standIn = competencies.find((competency) => competency.id === STAND_IN_COMPETENCY)?.score ?? null;
  const manager = groups.find((group) => group.group === 'manager');
  const managerRated = (manager?.means.get(STAND_IN_COMPETENCY) ?? null) !== null;
  if (standIn !== null && standIn >= config.thresholds.standIn && managerRated) flags.push('stand-in-ready');
  const blindSpots = selfOther.filter((gap) => gap.kind === 'blind-spot').length;
  if (blindSpots >= config.selfOther.blindSpotFlagMinimum) flags.push('blind-spot');
  if (retentionRisk(decision, earlier, sales, config)) flags.push('retention-risk');
  return flags;
}

/** Ready-now for `retentionQuarters` quarters in a row, and a top seller: no path yet means risk. */
function retentionRisk(decision: Decision, earlier: AgedEntry[], sales: SalesSummary, config: LadderConfig) {
  return (
    decision.recommendation === 'ready-now' &&
    readyNowStreak(earlier) + 1 >= config.flags.retentionQuarters &&
    sales.ownRecent !== null &&
    sales.ownRecent >= config.flags.topSellerAttainment
  );
}

// ---------------------------------------------------------------------------------------------
// Evidence: ratings that count, variances, pooling with history, confidence

export interface CountedRating {
  raterId: string;
  group: RaterGroup;
  competencyId: string;
  rating: number;
}

/**
 * The raw ratings that count in a leader's scores: answered, non-self, in a visible group, on an
 * item whose mean is visible. Ratings withheld for anonymity are not among them, so they can move
 * nothing — not even another leader's calibration.
 */
export function countedRatings(
  responses: RaterResponse[],
  config: LadderConfig = DEFAULT_CONFIG,
  questionnaire: Questionnaire = QUESTIONNAIRE_V1,
): CountedRating[] {
  const minimum = anonymityMinimum(config);
  const tallies = tallyByGroup(responses, questionnaire);
  const visibility = decideVisibility(tallies.coachee.responses, tallies.peer.responses, minimum);
  const groups = visibleGroups(tallies, visibility, minimum, questionnaire);
  const shownAs = (group: RaterGroup): ReportGroup | null => {
    if (group === 'self') return null;
    if (group === 'manager') return 'manager';
    if (visibility.shown.includes(group)) return group;
    return visibility.shown.includes('others') ? 'others' : null;
  };
  const counted: CountedRating[] = [];
  for (const response of responses) {
    if (response.status !== 'answered' || response.answers === undefined) continue;
    const shownGroup = shownAs(response.group);
    const visible = groups.find((group) => group.group === shownGroup);
    if (visible === undefined) continue;
    for (const competency of questionnaire.competencies) {
      const rating = response.answers.ratings[competency.id];
      if (!competency.groups.includes(response.group) || !isValidRating(rating)) continue;
      if ((visible.means.get(competency.id) ?? null) === null) continue;
      counted.push({ raterId: response.raterId, group: response.group, competencyId: competency.id, rating });
    }
  }
  return counted;
}

interface AreaVariance {
  /** From the counts alone (responseSd² / n per group): the pooling weights. */
  counts: number;
  /** From the counts and the observed spread of each group: the margins. */
  spread: number;
}

function mean(values: number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

function sampleVariance(values: number[]): number {
  const m = mean(values);
  return values.reduce((sum, value) => sum + (value - m) ** 2, 0) / (values.length - 1);
}

/** Each response's mean over `ids` (those it rated), on the 0–100 scale. */
function responseMeans(group: VisibleGroup, ids: string[]): number[] {
  const means: number[] = [];
  for (const row of group.tally.rows) {
    const values = ids.map((id) => row.get(id)).filter((value): value is number => value !== undefined);
    if (values.length > 0) means.push(toScale100(mean(values)));
  }
  return means;
}

/**
 * Variance (points²) of an area score: Σ (w_g / W)² · s_g² / n_g over the groups that count, where
 * n_g is the group's responses with a rating in the area and s_g is `responseSd` (counts) or the
 * group's spread pooled with `responseSd` (spread).
 */
function areaVariance(
  groups: VisibleGroup[],
  area: CompetencyArea,
  config: LadderConfig,
  questionnaire: Questionnaire,
  sd: number,
  priorDf: number,
): AreaVariance | null {
  const entries = areaEntries(groups, area, config, questionnaire);
  const weights = effectiveWeights(entries, config.weights.raterNoiseRatio);
  const ids = questionnaire.competencies.filter((c) => c.area === area).map((c) => c.id);
  let counts = 0;
  let spread = 0;
  let any = false;
  groups.forEach((group, i) => {
    const weight = weights[i] ?? 0;
    if (weight <= 0) return;
    const values = responseMeans(
      group,
      ids.filter((id) => (group.means.get(id) ?? null) !== null),
    );
    const n = values.length;
    if (n === 0) return;
    const df = n - 1 + priorDf;
    const observed = n > 1 ? sampleVariance(values) : 0;
    const pooled = df > 0 ? ((n - 1) * observed + priorDf * sd * sd) / df : sd * sd;
    counts += weight ** 2 * ((sd * sd) / n);
    spread += weight ** 2 * (pooled / n);
    any = true;
  });
  return any ? { counts, spread } : null;
}

/** This quarter's area score pooled with the same area of earlier quarters (readiness/history.ts). */
function poolArea(
  area: CompetencyArea,
  quarter: QuarterScores,
  variance: AreaVariance | null,
  earlier: AgedEntry[],
  config: LadderConfig,
): Pooled | null {
  const current = quarter[area];
  if (current === null || variance === null) return null;
  const parts: PoolPart[] = [
    { age: 0, value: current, variance: variance.counts, marginVariance: variance.spread },
  ];
  for (const { age, entry } of earlier) {
    const scores = entry.quarterScores;
    if (scores === undefined) continue;
    const value = scores[area];
    const v = area === 'coaching' ? scores.coachingVariance : scores.managementVariance;
    if (!isScore(value) || typeof v !== 'number' || !Number.isFinite(v) || v <= 0) continue;
    parts.push({ age, value, variance: v, marginVariance: v });
  }
  return pool(parts, config.history.driftPerQuarter);
}

function isScore(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= 100;
}

/** Variance of the readiness blend from the variances of its areas (null areas are left out). */
function blendVariance(coaching: number | null, management: number | null, config: LadderConfig) {
  const entries = [
    { variance: coaching, weight: config.weights.readiness.coaching },
    { variance: management, weight: config.weights.readiness.management },
  ].filter(
    (entry): entry is { variance: number; weight: number } => entry.variance !== null && entry.weight > 0,
  );
  const total = entries.reduce((sum, entry) => sum + entry.weight, 0);
  if (total <= 0) return null;
  return entries.reduce((sum, entry) => sum + (entry.weight / total) ** 2 * entry.variance, 0);
}

const LOWER: Record<ConfidenceLevel, ConfidenceLevel> = {
  high: 'medium',
  medium: 'low',
  low: 'low',
  none: 'none',
};

function confidenceOf(
  groups: VisibleGroup[],
  pooled: { coaching: Pooled | null; management: Pooled | null },
  variances: { coaching: AreaVariance | null; management: AreaVariance | null },
  scores: Scores,
  sales: SalesSummary,
  config: LadderConfig,
): Confidence {
  const c = config.confidence;
  const margin = (variance: number | null | undefined) =>
    variance === null || variance === undefined ? null : round1(c.z * Math.sqrt(variance));
  const levelOf = (m: number | null): ConfidenceLevel =>
    m === null ? 'none' : m <= c.highMargin ? 'high' : m <= c.mediumMargin ? 'medium' : 'low';
  const scoreConfidence = (m: number | null): ScoreConfidence => ({ margin: m, level: levelOf(m) });

  const coachingVariance = scores.coaching === null ? null : (pooled.coaching?.variance ?? null);
  const managementVariance = scores.management === null ? null : (pooled.management?.variance ?? null);
  const readinessMargin = margin(blendVariance(coachingVariance, managementVariance, config));
  const quarterMargin = margin(
    blendVariance(variances.coaching?.spread ?? null, variances.management?.spread ?? null, config),
  );
  const notes: string[] = [];
  let level = levelOf(readinessMargin);
  if (sales.ownAttainment === null && level !== 'none') {
    notes.push("No sales figures for the leader's own quota this quarter: confidence is one level lower.");
    level = LOWER[level];
  }
  return {
    level,
    readiness: scoreConfidence(readinessMargin),
    coaching: scoreConfidence(margin(coachingVariance)),
    management: scoreConfidence(margin(managementVariance)),
    quarterMargin,
    groups: groups
      .filter((group) => group.group !== 'self')
      .map((group) => {
        const visible = group.asked.filter((c) => (group.means.get(c.id) ?? null) !== null).map((c) => c.id);
        const values = responseMeans(group, visible);
        return {
          group: group.group,
          responses: group.responses,
          spread: values.length > 1 ? round1(Math.sqrt(sampleVariance(values))) : null,
        };
      }),
    notes,
  };
}

// ---------------------------------------------------------------------------------------------
// Recommendation and reasons

interface Scores {
  coaching: number | null;
  management: number | null;
  readiness: number | null;
}

interface Evidence {
  /** Answered responses of visible non-self groups. */
  others: number;
  /** Coachee responses that count in the scores. */
  coachees: number;
  /** Coachee and peer responses withheld for anonymity. */
  withheld: number;
}

interface Decision {
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

function recommend(
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
function salesAllowance(sales: SalesSummary, config: LadderConfig): number {
  return config.sales.quarterlySwing / Math.sqrt(Math.max(1, sales.ownQuarters));
}

const show = (score: number | null) => (score === null ? 'n/a' : score.toFixed(1));
const signed = (value: number) => `${value > 0 ? '+' : value < 0 ? '−' : '±'}${Math.abs(value).toFixed(1)}`;
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function explain(
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

// ---------------------------------------------------------------------------------------------
// Calibration summary

function calibrationSummary(
  responses: RaterResponse[],
  offsets: ReadonlyMap<string, number>,
  visibility: Visibility,
  calibratedReadiness: number | null,
  shown: VisibleGroup[],
  config: LadderConfig,
  questionnaire: Questionnaire,
): CalibrationSummary {
  const raw = blendReadiness(
    areaScore(shown, 'coaching', config, questionnaire),
    areaScore(shown, 'management', config, questionnaire),
    config,
  );
  const counted = (group: RaterGroup) =>
    group === 'manager' ||
    (group === 'coachee' && visibility.coacheeCounted) ||
    (group === 'peer' && (visibility.shown.includes('peer') || visibility.shown.includes('others')));
  const adjusted = new Set(
    responses
      .filter(
        (r) => r.status === 'answered' && r.group !== 'self' && counted(r.group) && offsets.has(r.raterId),
      )
      .map((r) => r.raterId),
  );
  return {
    ratersAdjusted: adjusted.size,
    readinessShift:
      raw === null || calibratedReadiness === null ? null : round1(calibratedReadiness - raw) || 0,
  };
}

// ---------------------------------------------------------------------------------------------
// The leader's report

const GROUP_TITLES: Record<ReportGroup, string> = {
  self: 'Self',
  manager: 'Manager',
  coachee: 'Coachees',
  peer: 'Peers',
  others: 'Others (coachees and peers)',
};

function buildReport(
  groups: VisibleGroup[],
  visibility: Visibility,
  tallies: Tallies,
  minimum: number,
  questionnaire: Questionnaire,
): LeaderReport {
  return {
    groups: groups.map(reportGroup),
    withheld: anonymityNotes(groups, visibility, tallies, minimum, questionnaire),
  };
}

function reportGroup(group: VisibleGroup): ReportGroupResult {
  const competencyMeans: Record<string, number | null> = {};
  for (const competency of group.asked) {
    const mean = group.means.get(competency.id) ?? null;
    competencyMeans[competency.id] = mean === null ? null : round2(mean);
  }
  // Sorted so that the order of comments says nothing about who wrote them.
  return {
    group: group.group,
    responses: group.responses,
    competencyMeans,
    comments: {
      keep: [...group.tally.keep].sort(compareText),
      change: [...group.tally.change].sort(compareText),
    },
  };
}

function anonymityNotes(
  groups: VisibleGroup[],
  visibility: Visibility,
  tallies: Tallies,
  minimum: number,
  questionnaire: Questionnaire,
): string[] {
  const notes: string[] = [];
  for (const group of visibility.withheld) {
    const n = tallies[group].responses;
    notes.push(
      `${GROUP_TITLES[group]}: ${plural(n, 'response')}, fewer than the ${minimum} needed to keep answers anonymous, so ratings and comments are not shown.`,
    );
  }
  if (visibility.shown.includes('others')) {
    notes.push(
      `Coachees and peers are shown together as "others" because one of the groups had fewer than ${minimum} responses.`,
    );
  }
  for (const group of groups) {
    if (group.group === 'self' || group.group === 'manager') continue;
    const hidden = questionnaire.competencies.filter((competency) => {
      const count = group.tally.ratings.get(competency.id)?.count ?? 0;
      return count > 0 && count < minimum;
    });
    if (hidden.length > 0) {
      notes.push(
        `${GROUP_TITLES[group.group]}: no mean is shown for ${hidden.map((c) => c.label).join(', ')}, because fewer than ${minimum} people rated ${hidden.length === 1 ? 'it' : 'them'}.`,
      );
    }
  }
  return notes;
}
