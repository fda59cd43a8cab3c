/**
 * Domain types shared by the pure core, the handlers, the CLI and the local runtime.
 * Pure TypeScript: no AWS imports anywhere under functions/core.
 */

export const ROLES = ['manager', 'consultant_leader', 'salesperson'] as const;
export type Role = (typeof ROLES)[number];

/** One row of the roster CSV (`person_id,name,email,role,team,manager_id,coach_id`). */
export interface Person {
  personId: string;
  name: string;
  email: string;
  role: Role;
  team: string;
  /** Empty string when the person has no manager in the roster. */
  managerId: string;
  /** A salesperson's consultant leader; empty for everyone else. */
  coachId: string;
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

export const CYCLE_STATUSES = ['opening', 'collecting', 'closed', 'scored', 'published'] as const;
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
}

export interface CompetencyScore {
  id: string;
  label: string;
  /** 0–100, or null when nobody rated it. */
  score: number | null;
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
}
