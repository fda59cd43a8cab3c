/**
 * Shapes of the items in the single table (see docs/data-model.md). Keys come from ../keys.ts.
 */
import type {
  Answers,
  CycleStatus,
  LeaderScore,
  Person,
  RaterGroup,
  RequestStatus,
} from '../../core/model.ts';

export interface RosterPointerItem {
  pk: 'ROSTER';
  sk: 'CURRENT';
  version: string;
  importedAt: string;
  people: number;
}

export interface RosterPersonItem extends Person {
  pk: string;
  sk: string;
}

export interface CycleItem {
  pk: string;
  sk: 'CYCLE';
  quarter: string;
  status: CycleStatus;
  executionId: string;
  rosterVersion: string;
  configVersion: string;
  openedAt: string;
  deadline: string;
  reminders: string[];
  /** Highest reminder round started (0 = none). */
  remindersStarted: number;
  requestCount: number;
  /** Requests answered or declined at least once (each counted once). */
  doneCount: number;
  batchCount: number;
  leaderCount: number;
  taskToken?: string;
  closedAt?: string;
  publishedAt?: string;
}

/** What a batch needs to know of one leader without reading the roster again. */
export interface BatchLeader {
  leaderId: string;
  name: string;
  email: string;
  team: string;
  managerId: string;
  managerName: string;
  managerEmail: string;
}

export interface BatchCounts {
  total: number;
  answered: number;
  declined: number;
  expired: number;
}

export interface BatchItem {
  pk: string;
  sk: string;
  quarter: string;
  batch: number;
  leaders: BatchLeader[];
  /** Written when the batch is scored; summed into the cycle summary. */
  counts?: BatchCounts;
}

export interface RequestItem {
  pk: string;
  sk: string;
  quarter: string;
  batch: number;
  leaderId: string;
  leaderName: string;
  team: string;
  raterId: string;
  raterName: string;
  raterEmail: string;
  group: RaterGroup;
  status: RequestStatus;
  sentAt?: string;
  remindersSent?: number;
  answers?: Answers;
  respondedAt?: string;
  /** How many times the rater saved the form (edits count once for the cycle). */
  saves?: number;
}

export interface TokenItem {
  pk: string;
  sk: 'TOKEN';
  quarter: string;
  requestSk: string;
  purpose: string;
  createdAt: string;
}

export interface RecommendationItem extends LeaderScore {
  pk: string;
  sk: string;
  gsi1pk: string;
  gsi1sk: string;
  quarter: string;
  leaderName: string;
  leaderEmail: string;
  team: string;
  managerId: string;
  scoredAt: string;
  reportSentAt?: string;
}

export interface SummaryItem {
  pk: string;
  sk: 'SUMMARY';
  quarter: string;
  leaders: number;
  requests: BatchCounts;
  recommendations: Record<string, number>;
  configVersion: string;
  summarizedAt: string;
  hrEmailSentAt?: string;
}
