/**
 * Domain types shared by the pure core, the handlers, the CLI and the local runtime.
 * Pure TypeScript: no AWS imports anywhere under functions/core.
 */

export const ROLES = ['manager', 'consultant_leader', 'salesperson'] as const;
export type Role = (typeof ROLES)[number];

/**
 * One row of the roster CSV (`person_id,name,email,role,team,manager_id,coach_id`, optionally
 * `locale,time_zone`).
 */
export interface Person {
  personId: string;
  name: string;
  email: string;
  role: Role;
  team: string;
  /** Empty string when the person has no manager in the roster. */
  managerId: string;
  /** A salesperson's consultant leader; empty for everyone else, and for a seller their manager coaches. */
  coachId: string;
  /** BCP 47 language tag (canonical, e.g. `de-AT`) when the roster gives one; else the organisation's. */
  locale?: string;
  /** IANA time zone (e.g. `Europe/Berlin`) when the roster gives one; else the organisation's. */
  timeZone?: string;
}

/** Who a rater is in relation to the leader being reviewed. */
export const RATER_GROUPS = ['self', 'manager', 'coachee', 'peer'] as const;
export type RaterGroup = (typeof RATER_GROUPS)[number];

/** A Likert answer 1–5, or `null` for "not observed". */
export type Rating = 1 | 2 | 3 | 4 | 5 | null;

/** Validated answers of one feedback form. Only competencies the rater's group is asked appear. */
export interface Answers {
  ratings: Record<string, Rating>;
  comments: { keep: string; change: string };
}

export const REQUEST_STATUSES = ['pending', 'sent', 'answered', 'declined', 'expired'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

/** One rater's response about one leader, as the scoring core sees it. */
export interface RaterResponse {
  raterId: string;
  group: RaterGroup;
  status: RequestStatus;
  /** Present when status is `answered`. */
  answers?: Answers;
}

export const RECOMMENDATIONS = [
  'ready-now',
  'ready-next-year',
  'develop-in-role',
  'review-coaching-role',
  'insufficient-evidence',
] as const;
export type Recommendation = (typeof RECOMMENDATIONS)[number];

/** `cancelled`: stopped by an operator (`ladder cycle cancel`); links answer 410, nothing more is sent. */
export const CYCLE_STATUSES = [
  'opening',
  'collecting',
  'closed',
  'scored',
  'published',
  'cancelled',
] as const;
export type CycleStatus = (typeof CYCLE_STATUSES)[number];

/** A group as it may appear in a leader's own report. `others` is coachees and peers merged. */
export type ReportGroup = 'self' | 'manager' | 'coachee' | 'peer' | 'others';

export interface ReportGroupResult {
  group: ReportGroup;
  responses: number;
  /** Mean per competency on the 1–5 scale (null when nobody in the group rated it). */
  competencyMeans: Record<string, number | null>;
  comments: { keep: string[]; change: string[] };
}

/** What the leader may see: anonymised group results only. */
export interface LeaderReport {
  groups: ReportGroupResult[];
  /** Plain-language notes about groups withheld for anonymity. */
  withheld: string[];
  /** Competencies where the leader's self-rating and others' view differ by the threshold or more. */
  selfOther?: SelfOtherGap[];
  /** Development needs with training suggestions from the configured catalogue. */
  developmentPlan?: DevelopmentPlanItem[];
}

/** Self-rating against the view of others (visible groups only), both on the 1–5 scale. */
export interface SelfOtherGap {
  id: string;
  label: string;
  self: number;
  others: number;
  /** self − others, two decimals. */
  gap: number;
  kind: 'blind-spot' | 'hidden-strength';
}

export interface TrainingSuggestion {
  id: string;
  title: string;
}

export interface DevelopmentPlanItem {
  id: string;
  label: string;
  score: number | null;
  suggestions: TrainingSuggestion[];
}

export interface CompetencyScore {
  id: string;
  label: string;
  /** 0–100, or null when nobody rated it. */
  score: number | null;
}

export type ConfidenceLevel = 'high' | 'medium' | 'low' | 'none';

/** ± margin (0–100 points, ≈95 %) around a score, and its level. */
export interface ScoreConfidence {
  margin: number | null;
  level: ConfidenceLevel;
}

export interface Confidence {
  /** Level of the readiness score, after any downgrade (e.g. missing sales figures). */
  level: ConfidenceLevel;
  readiness: ScoreConfidence;
  coaching: ScoreConfidence;
  management: ScoreConfidence;
  /** Margin of this quarter's readiness alone (decides insufficient-evidence). */
  quarterMargin: number | null;
  /** Counted responses per visible group and their spread (standard deviation, 0–100). */
  groups: { group: ReportGroup; responses: number; spread: number | null }[];
  notes: string[];
}

/** This quarter's calibrated scores alone, before pooling with history, and their variances. */
export interface QuarterScores {
  coaching: number | null;
  management: number | null;
  readiness: number | null;
  /** Variance (points²) of coaching and management from the counts alone: the pooling weights. */
  coachingVariance: number | null;
  managementVariance: number | null;
}

export interface TrendPoint {
  quarter: string;
  /** That quarter's readiness alone (before pooling). */
  readiness: number | null;
}

export interface Trend {
  direction: 'rising' | 'falling' | 'stable' | 'unclear';
  /** Least-squares slope, points per quarter; null with fewer than 3 points. */
  slope: number | null;
  points: TrendPoint[];
}

/** One person's sales figures of one quarter (the `ladder metrics import` CSV). */
export interface SalesFigure {
  quarter: string;
  personId: string;
  quota: number;
  attained: number;
}

export interface SalesSummary {
  /** attained / quota this quarter, or null without figures. */
  ownAttainment: number | null;
  /** Mean attainment over the recent quarters that have figures, or null. */
  ownRecent: number | null;
  ownQuarters: number;
  /** Coachees' change in attainment minus that of teammates coached by others, percentage points. */
  coachingImpact: number | null;
  /** Points added to the coaching score for coaching impact (after shrinkage and cap). */
  impactPoints: number;
  /**
   * Points taken off coaching and management for the star-seller halo (negative: added, below
   * quota); absent on results written before it.
   */
  haloPoints?: number;
  coacheesWithFigures: number;
  comparisonWithFigures: number;
}

export interface CalibrationSummary {
  /** Raters whose ratings of this leader were corrected for leniency. */
  ratersAdjusted: number;
  /** Readiness with calibration minus readiness without it, points (this quarter). */
  readinessShift: number | null;
}

/** What the model needs of an earlier quarter's recommendation (see result-store). */
export interface HistoryEntry {
  quarter: string;
  readinessScore: number | null;
  coachingScore: number | null;
  managementScore: number | null;
  recommendation: Recommendation;
  /** Absent on recommendations written before the readiness model. */
  quarterScores?: QuarterScores;
}

/** Result of scoring one leader in one quarter: what the recommendation item stores. */
export interface LeaderScore {
  leaderId: string;
  coachingScore: number | null;
  managementScore: number | null;
  readinessScore: number | null;
  recommendation: Recommendation;
  reasons: string[];
  developmentNeeds: CompetencyScore[];
  flags: string[];
  /** Answered responses per rater group. */
  responses: Record<RaterGroup, number>;
  declined: number;
  expired: number;
  competencies: CompetencyScore[];
  report: LeaderReport;
  configVersion: string;
  questionnaireVersion: number;
  // The readiness model (optional: recommendations written before it lack these).
  quarterScores?: QuarterScores;
  confidence?: Confidence;
  trend?: Trend;
  sales?: SalesSummary;
  calibration?: CalibrationSummary;
}
