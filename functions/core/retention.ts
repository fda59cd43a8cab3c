/**
 * How long personal data is kept: the expiry of every item kind, computed from the retention
 * settings (`retention` in config/ladder.config.json) by pure functions.
 *
 * Every item that should expire carries `expiresAt` (epoch seconds). On AWS the table's TTL deletes
 * it (typically within days of that time); the local runtime's sweeper deletes it too. Because TTL
 * is lazy, readers treat an item past `expiresAt` as gone (functions/shared/store/table.ts filters
 * every read through `visible`). Comments may expire before the item that holds them: such items
 * carry `commentsExpireAt`, readers blank the comments from then on, and the sweeper removes them.
 *
 * For engineers adding an item kind: pick (or add) its kind below and write
 * `...retentionAttributes(kind, at)` into the item, `at` being the moment the period counts from
 * (docs/data-model.md lists each kind's `at`).
 */

import rawConfig from '../../config/ladder.config.json' with { type: 'json' };
import type { LadderConfig } from './config.ts';
import { addDuration, parseDuration } from './duration.ts';

export type RetentionSettings = LadderConfig['retention'];

/**
 * The configured periods, read without zod: nearly every function writes items that expire, and the
 * configuration schema would add ≈ 90 KB of zod to each bundle (docs/cost.md, "Lambda size").
 * config.ts validates them (its tests, and every function that loads the configuration);
 * test/core/retention.test.ts checks these equal the validated ones. A malformed period makes
 * `expiresAtFor` throw a RangeError that names the setting.
 */
export const RETENTION_SETTINGS = (rawConfig as { retention: RetentionSettings }).retention;

/**
 * The TTL attribute of the table: TABLE_SCHEMA.timeToLiveAttribute (infra enables TTL on it; the
 * local sweeper reads it). test/infra/stack.test.ts checks the two agree.
 */
export const TTL_ATTRIBUTE = 'expiresAt';
/** When the comments of an item expire, if before the item itself. */
export const COMMENTS_EXPIRE_ATTRIBUTE = 'commentsExpireAt';

/** Item kinds and the setting that decides how long each is kept. */
export const RETENTION_OF_KIND = {
  /** A feedback request (rater and leader names, the rater's address, answers): from the deadline. */
  request: 'requests',
  /** A batch item (its leaders' and managers' names and addresses): from the deadline. */
  batch: 'requests',
  /** A per-rater item of a cycle (e.g. one invitation per rater): from the deadline. */
  raterInvitation: 'requests',
  /** A report email's state (leader report, team summary, HR summary): from its first claim. */
  reportMail: 'requests',
  /** A link token (hash only): from the deadline. */
  token: 'tokens',
  /** A recommendation with its scores and report: from scoring. */
  recommendation: 'scores',
  /** The cycle record: from its deadline. It also keeps the quarter from being opened twice. */
  cycle: 'scores',
  /** The cycle summary (counts only): from when it was written. */
  summary: 'scores',
  /** One person's sales figures of one quarter: from the import. */
  salesFigure: 'scores',
  /** HR's calibration decision on a recommendation: from the decision. */
  calibrationDecision: 'scores',
  /** A promotion record: from the promotion. */
  promotionRecord: 'scores',
  /** A person of a roster version: from when a newer import replaced that version. */
  rosterVersion: 'rosterVersions',
  /** A rater's leniency observations: from the close of the last cycle that wrote them. */
  leniency: 'leniency',
  /** Free-text comments (attribute-level, see COMMENTS_EXPIRE_ATTRIBUTE): from the deadline. */
  comments: 'comments',
} as const satisfies Record<string, keyof RetentionSettings>;

export type RetentionKind = keyof typeof RETENTION_OF_KIND;

/** Kinds whose items can hold free-text comments. */
const KINDS_WITH_COMMENTS: ReadonlySet<RetentionKind> = new Set(['request', 'recommendation']);

const toDate = (at: Date | string | number): Date => {
  const date = at instanceof Date ? at : new Date(at);
  if (Number.isNaN(date.getTime())) throw new RangeError(`Invalid retention start: ${String(at)}`);
  return date;
};

export const epochSeconds = (date: Date | number = Date.now()): number =>
  Math.floor((typeof date === 'number' ? date : date.getTime()) / 1000);

/**
 * When an item of `kind` whose period starts at `at` expires, in epoch seconds (the value of
 * `expiresAt`).
 */
export function expiresAtFor(
  kind: RetentionKind,
  at: Date | string | number,
  retention: RetentionSettings = RETENTION_SETTINGS,
): number {
  const setting = RETENTION_OF_KIND[kind];
  const duration = parseDuration(retention[setting]);
  if (!duration) throw new RangeError(`Invalid retention period for ${setting}: ${retention[setting]}`);
  return epochSeconds(addDuration(toDate(at), duration));
}

export interface RetentionAttributes {
  expiresAt: number;
  commentsExpireAt?: number;
}

/**
 * The retention attributes to write into an item of `kind`: `expiresAt`, and `commentsExpireAt`
 * when the item can hold comments and they expire before it.
 */
export function retentionAttributes(
  kind: RetentionKind,
  at: Date | string | number,
  retention: RetentionSettings = RETENTION_SETTINGS,
  commentsFrom: Date | string | number = at,
): RetentionAttributes {
  const expiresAt = expiresAtFor(kind, at, retention);
  if (!KINDS_WITH_COMMENTS.has(kind)) return { expiresAt };
  const commentsExpireAt = expiresAtFor('comments', commentsFrom, retention);
  return commentsExpireAt < expiresAt ? { expiresAt, commentsExpireAt } : { expiresAt };
}

/** True when the item is past its `expiresAt` (AWS may not have deleted it yet: treat it as gone). */
export function isExpired(item: object, nowSeconds: number = epochSeconds()): boolean {
  const expiresAt = (item as Record<string, unknown>)[TTL_ATTRIBUTE];
  return typeof expiresAt === 'number' && expiresAt <= nowSeconds;
}

/** True when the item's comments are past `commentsExpireAt` and not removed yet. */
export function hasExpiredComments(item: object, nowSeconds: number = epochSeconds()): boolean {
  const at = (item as Record<string, unknown>)[COMMENTS_EXPIRE_ATTRIBUTE];
  return typeof at === 'number' && at <= nowSeconds;
}

interface CommentHolder {
  answers?: { comments?: { keep: string; change: string } };
  report?: { groups?: { comments?: { keep: string[]; change: string[] } }[] };
}

/**
 * The item without its comments: a request's `answers.comments` become empty strings, a
 * recommendation report's group comments empty lists (the shapes stay, so readers need no special
 * case), and `commentsExpireAt` is dropped.
 */
export function withoutComments<T extends object>(item: T): T {
  const copy = structuredClone(item) as T & CommentHolder & Record<string, unknown>;
  delete copy[COMMENTS_EXPIRE_ATTRIBUTE];
  if (copy.answers?.comments) copy.answers.comments = { keep: '', change: '' };
  for (const group of copy.report?.groups ?? []) {
    if (group.comments) group.comments = { keep: [], change: [] };
  }
  return copy;
}

/**
 * What a reader may see of a stored item at `nowSeconds`: nothing once it expired, no comments once
 * they expired, otherwise the item unchanged.
 */
export function visible<T extends object>(
  item: T | undefined,
  nowSeconds: number = epochSeconds(),
): T | undefined {
  if (item === undefined || isExpired(item, nowSeconds)) return undefined;
  return hasExpiredComments(item, nowSeconds) ? withoutComments(item) : item;
}

/** The earliest `expiresAt` of some items (undefined when none expires). */
export function earliestExpiry(items: readonly { expiresAt?: unknown }[]): number | undefined {
  let earliest: number | undefined;
  for (const item of items) {
    if (typeof item.expiresAt === 'number' && (earliest === undefined || item.expiresAt < earliest))
      earliest = item.expiresAt;
  }
  return earliest;
}
