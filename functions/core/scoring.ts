/**
 * Baseline scoring of one leader in one quarter: group means, anonymity, coaching / management /
 * readiness scores, the recommendation and its reasons. docs/scoring.md explains every formula.
 * Pure and deterministic: no clock, no randomness, and nothing depends on the order of responses.
 */
import { DEFAULT_CONFIG, type LadderConfig } from './config.ts';
import type {
  CompetencyScore,
  LeaderReport,
  LeaderScore,
  RaterGroup,
  RaterResponse,
  Recommendation,
  ReportGroup,
  ReportGroupResult,
} from './model.ts';
import {
  type Competency,
  type CompetencyArea,
  QUESTIONNAIRE_V1,
  type Questionnaire,
} from './questionnaire.ts';
import { compareText, round1 } from './text.ts';

export interface ScoreInput {
  leaderId: string;
  responses: RaterResponse[];
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
  const tallies = tallyByGroup(input.responses, questionnaire);
  const visibility = decideVisibility(tallies.coachee.responses, tallies.peer.responses, minimum);
  const groups = visibleGroups(tallies, visibility, minimum, questionnaire);

  const coachingScore = areaScore(groups, 'coaching', config, questionnaire);
  const managementScore = areaScore(groups, 'management', config, questionnaire);
  const readinessScore = blendReadiness(coachingScore, managementScore, config);
  const competencies = questionnaire.competencies.map((competency) =>
    competencyScore(competency, groups, config),
  );
  const developmentNeeds = lowestBelowTarget(competencies, config);

  const evidence: Evidence = {
    others: groups.filter((group) => group.group !== 'self').reduce((sum, group) => sum + group.responses, 0),
    coachees: visibility.coacheeCounted ? tallies.coachee.responses : 0,
    withheld: visibility.withheld.reduce((sum, group) => sum + tallies[group].responses, 0),
  };
  const scores: Scores = { coaching: coachingScore, management: managementScore, readiness: readinessScore };
  const recommendation = recommend(scores, evidence, config);

  return {
    leaderId: input.leaderId,
    coachingScore,
    managementScore,
    readinessScore,
    recommendation,
    reasons: explain(recommendation, scores, evidence, developmentNeeds, config),
    developmentNeeds,
    flags: flagsFor(competencies, groups, config),
    responses: {
      self: tallies.self.responses,
      manager: tallies.manager.responses,
      coachee: tallies.coachee.responses,
      peer: tallies.peer.responses,
    },
    declined: input.responses.filter((response) => response.status === 'declined').length,
    expired: input.responses.filter((response) => response.status === 'expired').length,
    competencies,
    report: buildReport(groups, visibility, tallies, minimum, questionnaire),
    configVersion: config.version,
    questionnaireVersion: questionnaire.version,
  };
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
  keep: string[];
  change: string[];
}

type Tallies = Record<RaterGroup, GroupTally>;

function emptyTally(): GroupTally {
  return { responses: 0, ratings: new Map(), keep: [], change: [] };
}

function isValidRating(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 5;
}

/** Only answered responses carry ratings; ratings for items a group is not asked are ignored. */
function tallyByGroup(responses: RaterResponse[], questionnaire: Questionnaire): Tallies {
  const tallies: Tallies = {
    self: emptyTally(),
    manager: emptyTally(),
    coachee: emptyTally(),
    peer: emptyTally(),
  };
  for (const response of responses) {
    if (response.status !== 'answered' || response.answers === undefined) continue;
    const tally = tallies[response.group];
    tally.responses++;
    for (const competency of questionnaire.competencies) {
      const rating = response.answers.ratings[competency.id];
      if (!competency.groups.includes(response.group) || !isValidRating(rating)) continue;
      const entry = tally.ratings.get(competency.id) ?? { sum: 0, count: 0 };
      tally.ratings.set(competency.id, { sum: entry.sum + rating, count: entry.count + 1 });
    }
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

/** Coaching or management score: each group's mean over the area's items, blended by group weight. */
function areaScore(
  groups: VisibleGroup[],
  area: CompetencyArea,
  config: LadderConfig,
  questionnaire: Questionnaire,
): number | null {
  const ids = questionnaire.competencies.filter((c) => c.area === area).map((c) => c.id);
  const mean = weightedMean(
    groups.map((group) => ({
      value: plainMean(ids.map((id) => group.means.get(id) ?? null)),
      weight: groupWeight(group.group, area, config),
    })),
  );
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
  const mean = weightedMean(
    groups
      .filter((group) => group.group !== 'self')
      .map((group) => ({
        value: group.means.get(competency.id) ?? null,
        weight: groupWeight(group.group, competency.area, config),
      })),
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

function flagsFor(competencies: CompetencyScore[], groups: VisibleGroup[], config: LadderConfig): string[] {
  const standIn = competencies.find((competency) => competency.id === STAND_IN_COMPETENCY)?.score ?? null;
  const manager = groups.find((group) => group.group === 'manager');
  const managerRated = (manager?.means.get(STAND_IN_COMPETENCY) ?? null) !== null;
  return standIn !== null && standIn >= config.thresholds.standIn && managerRated ? ['stand-in-ready'] : [];
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

function recommend(scores: Scores, evidence: Evidence, config: LadderConfig): Recommendation {
  const t = config.thresholds;
  if (evidence.others < t.minOtherResponses || scores.readiness === null) return 'insufficient-evidence';
  if (scores.coaching !== null && scores.coaching < t.coachingConcern && evidence.coachees > 0) {
    return 'review-coaching-role';
  }
  if (scores.readiness >= t.readyNow && scores.management !== null && scores.management >= t.readyNow - 5) {
    return 'ready-now';
  }
  if (scores.readiness >= t.readyNextYear) return 'ready-next-year';
  return 'develop-in-role';
}

const show = (score: number | null) => (score === null ? 'n/a' : score.toFixed(1));
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function explain(
  recommendation: Recommendation,
  scores: Scores,
  evidence: Evidence,
  needs: CompetencyScore[],
  config: LadderConfig,
): string[] {
  const t = config.thresholds;
  const managementBar = t.readyNow - 5;
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

  const reasons: (string | null)[] = [];
  switch (recommendation) {
    case 'insufficient-evidence':
      reasons.push(
        evidence.others < t.minOtherResponses
          ? `Only ${plural(evidence.others, 'response')} from others counted; at least ${t.minOtherResponses} are needed.`
          : `${plural(evidence.others, 'response')} from others counted, but no competency was rated, so there is no readiness score.`,
        withheld,
        `Readiness ${show(scores.readiness)}, coaching ${show(scores.coaching)}, management ${show(scores.management)}.`,
      );
      break;
    case 'review-coaching-role':
      reasons.push(
        `Coaching score ${show(scores.coaching)} is below the concern level of ${t.coachingConcern}.`,
        coachingEvidence,
        `Readiness ${show(scores.readiness)}, management score ${show(scores.management)}.`,
        needsSentence,
      );
      break;
    case 'ready-now':
      reasons.push(
        `Readiness ${show(scores.readiness)} is at or above the ready-now bar of ${t.readyNow}.`,
        `Management score ${show(scores.management)} is at or above ${managementBar} (the ready-now bar minus 5).`,
        coachingEvidence,
        needs.length > 0 ? needsSentence : null,
      );
      break;
    case 'ready-next-year':
      reasons.push(
        (scores.readiness ?? 0) >= t.readyNow
          ? `Readiness ${show(scores.readiness)} reaches the ready-now bar of ${t.readyNow}, but management score ${show(scores.management)} is not at or above ${managementBar} (the ready-now bar minus 5).`
          : `Readiness ${show(scores.readiness)} is at or above the ready-next-year bar of ${t.readyNextYear} but below the ready-now bar of ${t.readyNow}.`,
        coachingEvidence,
        needsSentence,
      );
      break;
    case 'develop-in-role':
      reasons.push(
        `Readiness ${show(scores.readiness)} is below the ready-next-year bar of ${t.readyNextYear}.`,
        `Coaching score ${show(scores.coaching)}, management score ${show(scores.management)}.`,
        needsSentence,
      );
      break;
  }
  return reasons.filter((reason): reason is string => reason !== null).slice(0, 4);
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

function round2(value: number): number {
  return Math.round(value * 100 + 1e-9) / 100;
}

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
