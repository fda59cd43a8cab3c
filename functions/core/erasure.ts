/**
 * Erasing one person (`ladder person erase`): what happens to each stored item, decided item by
 * item by pure functions. The store (functions/shared/store/erasure-store.ts) scans the table and
 * applies the steps.
 *
 * The person's identity goes; aggregates stay right:
 * - deleted: the person in every roster version, their sales figures, their leniency observations,
 *   the link tokens of their requests, their promotion records, and any other item outside a cycle
 *   keyed by their id (items other features add: calibration decisions…). A promotion record is
 *   deleted rather than kept under the pseudonym: the validity report joins a move to the person's
 *   history across quarters, which erasure removes, so a pseudonymous move would enter it as a
 *   row without a review and skew it; without the record the report is one move shorter and
 *   every row of it still complete;
 * - re-keyed under a pseudonym (`erased-<random>`) and stripped of names, addresses and comments:
 *   every cycle item keyed by them — requests as rater and as leader, invitees (one per rater),
 *   report emails (a leader's report, a manager's team summaries), recommendations (kept with
 *   scores, counts and recommendation), HR's calibration decisions (kept with action, outcome and
 *   reason code, without HR's free-text note about them), all without the leader-history index keys
 *   — so every count of responses and emails, every request status, every decision count and every
 *   export row of a quarter stays as it was;
 * - deleted and left to be rebuilt: the console's leader digest of any quarter that lists them (a
 *   cache of the recommendations, rebuilt from them, now under the pseudonym, on the next read);
 * - everywhere else: their id becomes the pseudonym in id attributes (manager, coach, rater lists
 *   of a report's disclosure, leniency observations) and in key attributes (`sk`, `requestSk`),
 *   their name and address are removed from any text, and the comments they wrote disappear from
 *   other leaders' reports.
 * The suppression list keeps its address hashes (it holds no address, and must keep stopping mail).
 */
import { hasExpiredComments, withoutComments } from './retention.ts';

export type Key = { pk: string; sk: string };
export type StoredItem = Record<string, unknown> & Key;

/** The attribute an item moved under a pseudonym is marked with first (a rerun reuses it). */
export const ERASED_AS = 'erasedAs';
export const PSEUDONYM_PREFIX = 'erased-';
/** What replaces the person's name or address inside a longer text. */
export const ERASED_TEXT = '[erased]';

/** Same rule as the roster's person_id (functions/core/roster.ts). */
const PERSON_ID = /^[A-Za-z0-9._-]{1,64}$/;
export const isPersonId = (value: string): boolean => PERSON_ID.test(value);

export function newPseudonym(random: () => string): string {
  return `${PSEUDONYM_PREFIX}${random()}`;
}

/** Kinds of item an erasure touches (the audit item counts steps per kind). */
export type ErasedKind =
  | 'roster-person'
  | 'sales-figure'
  | 'leniency'
  | 'link-token'
  | 'promotion-record'
  | 'request'
  | 'recommendation'
  | 'invitee'
  | 'report-email'
  | 'calibration-decision'
  | 'leader-digest'
  | 'other-keyed-item'
  | 'reference';

export type ErasureStep =
  | { action: 'delete'; kind: ErasedKind; key: Key }
  /** Rewrite the item under its own key. */
  | { action: 'update'; kind: ErasedKind; key: Key; item: StoredItem }
  /** Mark the old item, write `item` under its new key, delete the old one. */
  | { action: 'move'; kind: ErasedKind; key: Key; item: StoredItem };

/** What is known about the person, gathered from every item before anything is changed. */
export interface PersonTraces {
  personId: string;
  names: Set<string>;
  emails: Set<string>;
  /** Comments the person wrote as a rater, by `<quarter>|<leaderId>`. */
  authoredComments: Map<string, Set<string>>;
  /** The pseudonym of an earlier, interrupted erasure of this person (found on a marked item). */
  earlierPseudonym?: string;
}

const segments = (text: string) => text.split('#');
const hasSegment = (text: unknown, id: string) => typeof text === 'string' && segments(text).includes(id);
const requestIds = (sk: string) => {
  const match = /^REQ#([^#]+)#([^#]+)$/.exec(sk);
  return match ? { leaderId: match[1]!, raterId: match[2]! } : undefined;
};
const keyedByPerson = (item: Key, id: string) => hasSegment(item.pk, id) || hasSegment(item.sk, id);

export function emptyTraces(personId: string): PersonTraces {
  return { personId, names: new Set(), emails: new Set(), authoredComments: new Map() };
}

/** Adds what `item` says about the person to `traces` (first pass over the table). */
export function gatherTraces(traces: PersonTraces, item: StoredItem): void {
  const id = traces.personId;
  const add = (set: Set<string>, value: unknown) => {
    if (typeof value === 'string' && value.trim() !== '') set.add(value);
  };
  if (item.personId === id) {
    add(traces.names, item.name);
    add(traces.emails, item.email);
  }
  if (item.leaderId === id) {
    add(traces.names, item.leaderName);
    add(traces.emails, item.leaderEmail);
  }
  if (item.raterId === id) {
    add(traces.names, item.raterName);
    add(traces.emails, item.raterEmail);
    const comments = (item.answers as { comments?: { keep?: string; change?: string } } | undefined)
      ?.comments;
    const at = `${String(item.quarter)}|${String(item.leaderId)}`;
    for (const text of [comments?.keep, comments?.change]) {
      if (typeof text === 'string' && text.trim() !== '')
        traces.authoredComments.set(at, new Set([...(traces.authoredComments.get(at) ?? []), text]));
    }
  }
  // The leaders an invitee's email lists.
  for (const request of Array.isArray(item.requests) ? (item.requests as Record<string, unknown>[]) : []) {
    if (request.leaderId === id) add(traces.names, request.leaderName);
  }
  // A batch's leaders (a summary's `leaders` is a count).
  for (const leader of Array.isArray(item.leaders) ? (item.leaders as Record<string, unknown>[]) : []) {
    if (leader.leaderId === id) {
      add(traces.names, leader.name);
      add(traces.emails, leader.email);
    }
    if (leader.managerId === id) {
      add(traces.names, leader.managerName);
      add(traces.emails, leader.managerEmail);
    }
  }
  if (typeof item[ERASED_AS] === 'string' && keyedByPerson(item, id))
    traces.earlierPseudonym ??= item[ERASED_AS];
}

/** True when the person left any trace at all. */
export function foundAnything(traces: PersonTraces, steps: number): boolean {
  return steps > 0 || traces.names.size > 0 || traces.emails.size > 0;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** One pattern per traces for the person's names and addresses inside longer texts (whole words). */
const mentions = new WeakMap<PersonTraces, RegExp | undefined>();
function mentionPattern(traces: PersonTraces): RegExp | undefined {
  if (!mentions.has(traces)) {
    const needles = [...traces.emails, ...traces.names].filter((needle) => needle.length >= 3);
    mentions.set(
      traces,
      needles.length === 0
        ? undefined
        : new RegExp(
            `(?<![\\p{L}\\p{N}])(?:${needles.map(escapeRegExp).join('|')})(?![\\p{L}\\p{N}])`,
            'giu',
          ),
    );
  }
  return mentions.get(traces);
}

/** Attributes that hold a key (`sk`, `requestSk`): their `#` segments may be the person's id. */
const KEY_ATTRIBUTE = /^sk$|Sk$/;

/** Removes the person from a value: ids in id attributes, names and addresses in any text. */
function scrub(
  value: unknown,
  traces: PersonTraces,
  pseudonym: string,
  idContext: boolean,
  keyContext = false,
): unknown {
  if (typeof value === 'string') {
    if (idContext && value === traces.personId) return pseudonym;
    if (keyContext && hasSegment(value, traces.personId))
      return segments(value)
        .map((segment) => (segment === traces.personId ? pseudonym : segment))
        .join('#');
    if (traces.names.has(value) || traces.emails.has(value)) return '';
    const pattern = mentionPattern(traces);
    return pattern ? value.replace(pattern, ERASED_TEXT) : value;
  }
  if (Array.isArray(value))
    return value.map((entry) => scrub(entry, traces, pseudonym, idContext, keyContext));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([name, entry]) => [
        name,
        scrub(
          entry,
          traces,
          pseudonym,
          idContext || /Ids?$/.test(name) || name === 'disclosure' || name.startsWith('obs#'),
          KEY_ATTRIBUTE.test(name),
        ),
      ]),
    );
  }
  return value;
}

/** The other leaders' reports: comments the person wrote about them are left out. */
function withoutAuthoredComments(item: StoredItem, traces: PersonTraces): StoredItem {
  const written = traces.authoredComments.get(`${String(item.quarter)}|${String(item.leaderId)}`);
  const report = item.report as
    | { groups?: { comments?: { keep: string[]; change: string[] } }[] }
    | undefined;
  if (!written || !report?.groups) return item;
  const copy = structuredClone(item);
  for (const group of (copy.report as typeof report).groups ?? []) {
    if (!group.comments) continue;
    group.comments = {
      keep: group.comments.keep.filter((text) => !written.has(text)),
      change: group.comments.change.filter((text) => !written.has(text)),
    };
  }
  return copy;
}

/** True when a digest chunk lists the person (as a leader or a manager) or names them. */
function digestMentions(item: StoredItem, traces: PersonTraces): boolean {
  const rows = typeof item.rows === 'string' ? item.rows : '';
  let parsed: { leaderId?: unknown; managerId?: unknown }[] = [];
  try {
    parsed = JSON.parse(rows) as typeof parsed;
  } catch {
    return true; // Unreadable: a cache, so delete it rather than keep what cannot be checked.
  }
  if (parsed.some((row) => row.leaderId === traces.personId || row.managerId === traces.personId))
    return true;
  const pattern = mentionPattern(traces);
  return pattern !== undefined && new RegExp(pattern.source, pattern.flags).test(rows);
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The step for one item (undefined: nothing of the person in it). `rekey` gives a request or a
 * recommendation its key under the pseudonym (the store knows the key layout).
 */
export function planErasure(
  item: StoredItem,
  traces: PersonTraces,
  pseudonym: string,
  rekey: (item: StoredItem) => Key,
): ErasureStep | undefined {
  const id = traces.personId;
  const key = { pk: item.pk, sk: item.sk };
  if (item.pk.startsWith('ROSTER#') && item.sk === `PERSON#${id}`)
    return { action: 'delete', kind: 'roster-person', key };
  if (item.pk.startsWith('METRICS#') && item.sk === `PERSON#${id}`)
    return { action: 'delete', kind: 'sales-figure', key };
  if (item.pk === `RATER#${id}`) return { action: 'delete', kind: 'leniency', key };
  if (item.pk === 'PROMOTIONS' && segments(item.sk)[1] === id)
    return { action: 'delete', kind: 'promotion-record', key };
  if (item.pk.startsWith('TOKEN#')) {
    const ids = requestIds(String(item.requestSk ?? ''));
    return ids && (ids.leaderId === id || ids.raterId === id)
      ? { action: 'delete', kind: 'link-token', key }
      : undefined;
  }

  // The console's digest: a copy of the recommendations, rebuilt from them when missing.
  if (item.pk.startsWith('CYCLE#') && item.sk.startsWith('DIGEST#'))
    return digestMentions(item, traces) ? { action: 'delete', kind: 'leader-digest', key } : undefined;

  // A cycle item keyed by the person (request, recommendation, invitee, report email, decision):
  // moved under the pseudonym, so every count of the cycle stays.
  if (item.pk.startsWith('CYCLE#') && hasSegment(item.sk, id)) {
    const isRecommendation = item.sk === `REC#${id}`;
    const isDecision = item.sk.startsWith(`DECISION#${id}#`);
    const base: Record<string, unknown> = { ...item };
    delete base[ERASED_AS];
    // The item leaves the leader's history (gsi1); a recommendation also what their report showed.
    if (hasSegment(base.gsi1pk, id)) {
      delete base.gsi1pk;
      delete base.gsi1sk;
    }
    if (isRecommendation) delete base.disclosure;
    const moved = scrub(withoutComments(base), traces, pseudonym, false) as StoredItem;
    if (moved.leaderId === pseudonym) Object.assign(moved, { team: '' });
    if (isRecommendation) Object.assign(moved, { leaderName: '', leaderEmail: '' });
    // HR's note is about the person, in words no name list can catch.
    if (isDecision) Object.assign(moved, { note: '' });
    const sk = item.sk
      .split('#')
      .map((segment) => (segment === id ? pseudonym : segment))
      .join('#');
    const kind: ErasedKind = item.sk.startsWith('REQ#')
      ? 'request'
      : isRecommendation
        ? 'recommendation'
        : isDecision
          ? 'calibration-decision'
          : item.sk.startsWith('INVITEE#')
            ? 'invitee'
            : 'report-email';
    return { action: 'move', kind, key, item: { ...moved, ...rekey({ ...moved, sk }) } };
  }
  if (keyedByPerson(item, id)) return { action: 'delete', kind: 'other-keyed-item', key };

  let changed = scrub(item, traces, pseudonym, false) as StoredItem;
  // A batch's entry for the leader loses its team, as their recommendation and requests do.
  if (Array.isArray(changed.leaders))
    changed.leaders = (changed.leaders as Record<string, unknown>[]).map((leader) =>
      leader.leaderId === pseudonym ? { ...leader, team: '' } : leader,
    );
  if (item.sk.startsWith('REC#') && !hasExpiredComments(item))
    changed = withoutAuthoredComments(changed, traces);
  return same(changed, item) ? undefined : { action: 'update', kind: 'reference', key, item: changed };
}
