/**
 * Shapes of the items in the single table (see docs/data-model.md). Keys come from ../keys.ts.
 */
import type { Decision } from '../../core/decisions.ts';
import type { DeliverySummary } from '../../core/delivery.ts';
import type { Disclosure } from '../../core/differencing.ts';
import type { MailSlot } from '../../core/mail-slot.ts';
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
  /** When every invitation had gone out (the first checkpoint); reminders keep a gap after it. */
  invitationsSentAt?: string;
  requestCount: number;
  /** Requests answered or declined at least once (each counted once). */
  doneCount: number;
  batchCount: number;
  leaderCount: number;
  taskToken?: string;
  closedAt?: string;
  publishedAt?: string;
  /** When `ladder cycle cancel` stopped the cycle. */
  cancelledAt?: string;
  /** The execution a retry took the cycle over from (`ladder cycle retry`). */
  supersededExecutionId?: string;
}

/**
 * What a batch needs to know of one leader without reading the roster again. Locales and time
 * zones are resolved when the cycle opens (the person's own, else the organisation's) and are
 * absent on batches written before they existed.
 */
export interface BatchLeader {
  leaderId: string;
  name: string;
  email: string;
  team: string;
  /** The leader's language (BCP 47) and time zone (IANA), for their report. */
  locale?: string;
  timeZone?: string;
  managerId: string;
  managerName: string;
  managerEmail: string;
  /** The manager's language and time zone, for their team summary. */
  managerLocale?: string;
  managerTimeZone?: string;
}

/**
 * A manager summary this batch sends: the manager's leaders of `team`, held by batches
 * `firstBatch`…`lastBatch` (this batch is the first). One per (manager, team).
 */
export interface ManagerSummaryRef {
  managerId: string;
  team: string;
  firstBatch: number;
  lastBatch: number;
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
  /**
   * The manager summaries this batch publishes (absent on batches written before summaries were
   * per team: then the batch sends one per manager and team among its own leaders).
   */
  managerSummaries?: ManagerSummaryRef[];
  /** The roster version the batch was snapshotted from (a resumed snapshot keeps only those). */
  rosterVersion?: string;
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
  /** The rater's language (BCP 47) and time zone (IANA) when the cycle opened, for their emails and form. */
  raterLocale?: string;
  raterTimeZone?: string;
  group: RaterGroup;
  status: RequestStatus;
  sentAt?: string;
  remindersSent?: number;
  answers?: Answers;
  /** The language the form was shown in when the answers were saved (comments are in it, as written). */
  commentLocale?: string;
  /** The questionnaire wording the answers were given in (e.g. `v1-de-1`, functions/core/questionnaire.ts). */
  questionnaireWording?: string;
  respondedAt?: string;
  /** How many times the rater saved the form (edits count once for the cycle). */
  saves?: number;
  /** The form submission that first answered or declined (counted once in `doneCount`). */
  firstDoneBy?: string;
  /** Delivery problems (functions/handlers/email-events.ts) and sends skipped for a suppressed address. */
  bouncedAt?: string;
  complainedAt?: string;
  suppressedAt?: string;
  /** SES refused the rater's invitation for good (e.g. an address it cannot take), and why. */
  undeliverableAt?: string;
  undeliverableReason?: string;
  /** Retention (functions/core/retention.ts). */
  expiresAt?: number;
  commentsExpireAt?: number;
}

/** A request as an invitee lists it (enough to write the email without reading the request). */
export interface InviteeRequest {
  sk: string;
  leaderId: string;
  leaderName: string;
  group: RaterGroup;
}

/** Attribute name of an email's state on its item: `mail:invitation`, `mail:reminder-1`, … */
export type MailAttribute = `mail:${string}`;

/**
 * One rater of a cycle (`CYCLE#<q>` / `INVITEE#<batch>#<raterId>`): everyone they are asked about,
 * and the state of their invitation and reminders (`mail:invitation`, `mail:reminder-<round>`).
 */
export interface InviteeItem {
  pk: string;
  sk: string;
  quarter: string;
  batch: number;
  team: string;
  raterId: string;
  raterName: string;
  raterEmail: string;
  /** The rater's language (BCP 47) and time zone (IANA) when the cycle opened; optional on older items. */
  raterLocale?: string;
  raterTimeZone?: string;
  requests: InviteeRequest[];
  /** A hard bounce or complaint of one of the rater's emails (functions/handlers/email-events.ts). */
  bouncedAt?: string;
  complainedAt?: string;
  expiresAt?: number;
  [slot: MailAttribute]: MailSlot | undefined;
}

/** One report email (`CYCLE#<q>` / `MAIL#<kind>#<id>`) and its state (`mail:<kind>`). */
export interface MailItem {
  pk: string;
  sk: string;
  quarter: string;
  kind: string;
  expiresAt?: number;
  [slot: MailAttribute]: MailSlot | undefined;
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
  /** What became of the cycle's emails, per rater (functions/core/delivery.ts). */
  delivery?: DeliverySummary;
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

/** A move HR recorded for a reviewed leader (`ladder promotion record`). */
export interface PromotionItem {
  pk: 'PROMOTIONS';
  sk: string;
  personId: string;
  quarter: string;
  to: 'manager' | 'other-role' | 'left';
  /** The team they manage now, when HR named it. */
  team?: string;
  recordedAt: string;
  expiresAt?: number;
}

/** One calibration decision (`CYCLE#<q>` / `DECISION#<leaderId>#<decidedAt>#<id>`), never changed. */
export interface DecisionItem extends Decision {
  pk: string;
  sk: string;
  gsi1pk: string;
  gsi1sk: string;
  id: string;
  configVersion: string;
  /** Epoch seconds (the table's TTL). */
  expiresAt?: number;
}

/** Roles a console user may hold, from the identity provider's group claim. */
export type ConsoleRole = 'hr-admin' | 'hr-viewer' | 'manager';

/** A console session (`SESSION#<sha256(id)>` / `SESSION`). */
export interface SessionItem {
  pk: string;
  sk: 'SESSION';
  subject: string;
  name: string;
  email: string;
  roles: ConsoleRole[];
  /** Synchronizer token every state-changing form must carry. */
  csrfToken: string;
  createdAt: string;
  /** Last request that counted for the idle timeout (updated at most every few minutes). */
  seenAt: string;
  /** Absolute end of the session (epoch seconds): the table's TTL attribute deletes the item. */
  expiresAt: number;
  /** Set by sign-out: the session is over even if someone still holds the cookie. */
  revokedAt?: string;
  /** The ID token, for the identity provider's sign-out (id_token_hint). */
  idToken?: string;
}

/** A sign-in in progress (`LOGIN#<sha256(id)>` / `LOGIN`): used once, within minutes. */
export interface LoginItem {
  pk: string;
  sk: 'LOGIN';
  state: string;
  nonce: string;
  codeVerifier: string;
  /** Console path to return to after sign-in. */
  returnTo: string;
  createdAt: string;
  /** End of the sign-in (epoch seconds, the table's TTL attribute). */
  expiresAt: number;
  usedAt?: string;
}
