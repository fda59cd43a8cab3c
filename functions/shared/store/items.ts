/**
 * Shapes of the items in the single table (see docs/data-model.md). Keys come from ../keys.ts.
 */
import type { Disclosure } from '../../core/differencing.ts';
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
  /** Replaced versions whose people have not been given `expiresAt` yet. */
  pendingExpiry?: string[];
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
  /** Highest reminder round known to be fully sent (the workflow went back to waiting after it). */
  remindersCompleted?: number;
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
  expiresAt?: number;
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
  /** The attempt that claimed the invitation (so a retry of that same call still owns it). */
  claimId?: string;
  /** The attempt that claimed the latest reminder round. */
  reminderClaim?: string;
  /** The form submission that first answered or declined (counted once in `doneCount`). */
  firstDoneBy?: string;
  /** Delivery problems (functions/handlers/email-events.ts) and sends skipped for a suppressed address. */
  bouncedAt?: string;
  complainedAt?: string;
  suppressedAt?: string;
  /** Retention (functions/core/retention.ts). */
  expiresAt?: number;
  commentsExpireAt?: number;
}

export interface TokenItem {
  pk: string;
  sk: 'TOKEN';
  quarter: string;
  requestSk: string;
  /** The request's partition (its cycle shard); tokens written before sharding have none. */
  requestPk?: string;
  purpose: string;
  createdAt: string;
  expiresAt?: number;
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
  /** What the leader's report showed of coachees and peers (see functions/core/differencing.ts). */
  disclosure?: Disclosure;
  expiresAt?: number;
  commentsExpireAt?: number;
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
  hrEmailSentAtClaim?: string;
}

/** Which import version of each quarter's sales figures is in force (`METRICS` / `CURRENT`). */
export interface MetricsPointerItem {
  pk: 'METRICS';
  sk: 'CURRENT';
  /** Quarter → import version. */
  versions: Record<string, string>;
  /** Incremented by every import: the condition of the next flip. */
  revision: number;
  importedAt: string;
}

/** One person's sales figures of one quarter (`METRICS#<quarter>#<version>` / `PERSON#<id>`). */
export interface MetricsItem {
  pk: string;
  sk: string;
  quarter: string;
  personId: string;
  quota: number;
  attained: number;
  expiresAt?: number;
}

/**
 * A rater's leniency observations (`RATER#<id>` / `LENIENCY`): one attribute per quarter and batch
 * that scored them, `obs#<quarter>#<batch>` = [leaderId, residual, items][], written idempotently.
 */
export interface RaterLeniencyItem {
  pk: string;
  sk: 'LENIENCY';
  raterId: string;
  [observations: `obs#${string}`]: [string, number, number][];
}
