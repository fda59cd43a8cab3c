/**
 * Key builders for every item kind in the single table. See docs/data-model.md for the access
 * patterns each key serves.
 *
 * **Write sharding.** A DynamoDB partition serves at most 1,000 write units and 3,000 read units a
 * second. A cycle at 10,000 leaders writes about 120,000 requests and 10,000 recommendations within
 * minutes, so those per-leader items are spread over CYCLE_SHARDS partitions `CYCLE#<q>#<nn>`, the
 * shard derived from the leader id: the requests and the recommendation of one leader share one
 * partition (one query), and a quarter's recommendations are read from every shard and merged.
 * Items of a cycle that other people own (one per rater, say) use `shardedCycleItem` with their
 * own id. The cycle record, its batches, markers and summary stay in `CYCLE#<q>` (few, small).
 * CYCLE_SHARDS is part of the key layout: changing it needs a migration of stored cycles.
 */
import { createHash } from 'node:crypto';

const pad = (n: number, width = 5) => String(n).padStart(width, '0');

/** Partitions a cycle's per-person items are spread over. */
export const CYCLE_SHARDS = 16;

/** The shard of an id: FNV-1a (32 bit) of its UTF-8 bytes, modulo CYCLE_SHARDS. Stable forever. */
export function shardOf(id: string): number {
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(id, 'utf8')) hash = Math.imul(hash ^ byte, 0x01000193);
  return (hash >>> 0) % CYCLE_SHARDS;
}

const shardPartition = (quarter: string, shard: number) => `CYCLE#${quarter}#${pad(shard, 2)}`;
/** Batches take the shards in turn (consecutive batches, sent side by side, land apart). */
const batchShard = (batch: number) => batch % CYCLE_SHARDS;

export const keys = {
  /** Pointer to the roster version in force; flipped only after a whole import is written. */
  rosterPointer: () => ({ pk: 'ROSTER' as const, sk: 'CURRENT' as const }),
  rosterPartition: (version: string) => `ROSTER#${version}`,
  rosterPerson: (version: string, personId: string) => ({
    pk: `ROSTER#${version}`,
    sk: `PERSON#${personId}`,
  }),

  /** The cycle record, its batch items and summary (not sharded). */
  cyclePartition: (quarter: string) => `CYCLE#${quarter}`,
  cycle: (quarter: string) => ({ pk: `CYCLE#${quarter}`, sk: 'CYCLE' as const }),
  batch: (quarter: string, batch: number) => ({ pk: `CYCLE#${quarter}`, sk: `BATCH#${pad(batch)}` }),
  batchPrefix: 'BATCH#',

  /** Every shard partition of a cycle (to read items of one kind across the whole quarter). */
  cycleShardPartitions: (quarter: string) =>
    Array.from({ length: CYCLE_SHARDS }, (_, shard) => shardPartition(quarter, shard)),
  /** The shard partition of a cycle's items about `shardKey` (a person id). */
  cycleShardPartition: (quarter: string, shardKey: string) => shardPartition(quarter, shardOf(shardKey)),
  /**
   * A cycle item of another kind, sharded by `shardKey` (e.g. a rater id for one item per rater):
   * write it with this key, read it back with `cycleShardPartitions` + a sort-key prefix.
   */
  shardedCycleItem: (quarter: string, shardKey: string, sk: string) => ({
    pk: shardPartition(quarter, shardOf(shardKey)),
    sk,
  }),

  request: (quarter: string, leaderId: string, raterId: string) => ({
    pk: shardPartition(quarter, shardOf(leaderId)),
    sk: `REQ#${leaderId}#${raterId}`,
  }),
  /**
   * The key of a request from its sort key (`REQ#<leaderId>#<raterId>`, as link tokens and email
   * tags carry it); undefined for anything else. Person ids never contain `#`.
   */
  requestFromSk: (quarter: string, sk: string) => {
    const match = /^REQ#([^#]+)#([^#]+)$/.exec(sk);
    return match ? { pk: shardPartition(quarter, shardOf(match[1]!)), sk } : undefined;
  },
  requestPrefix: 'REQ#',
  /** Partition and sort-key prefix of a leader's requests in a cycle (one query). */
  requestsOfLeader: (quarter: string, leaderId: string) => ({
    pk: shardPartition(quarter, shardOf(leaderId)),
    skPrefix: `REQ#${leaderId}#`,
  }),
  recommendation: (quarter: string, leaderId: string) => ({
    pk: shardPartition(quarter, shardOf(leaderId)),
    sk: `REC#${leaderId}`,
  }),
  recommendationPrefix: 'REC#',
  /** GSI1 attributes of a recommendation: a leader's history across quarters. */
  recommendationHistory: (quarter: string, leaderId: string) => ({
    gsi1pk: `LEADER#${leaderId}`,
    gsi1sk: `REC#${quarter}`,
  }),
  leaderHistoryPartition: (leaderId: string) => `LEADER#${leaderId}`,
  summary: (quarter: string) => ({ pk: `CYCLE#${quarter}`, sk: 'SUMMARY' as const }),
  /**
   * One rater of a cycle (one email per rater): the requests they are asked to answer and the state
   * of their invitation and reminders. Sorted by the batch that sends their emails, and sharded by
   * that batch: a batch's invitees are one query, the batches spread over the shards.
   */
  invitee: (quarter: string, batch: number, raterId: string) => ({
    pk: shardPartition(quarter, batchShard(batch)),
    sk: `INVITEE#${pad(batch)}#${raterId}`,
  }),
  inviteePrefix: 'INVITEE#',
  /** Partition and sort-key prefix of the invitees of one batch. */
  inviteesOfBatch: (quarter: string, batch: number) => ({
    pk: shardPartition(quarter, batchShard(batch)),
    skPrefix: `INVITEE#${pad(batch)}#`,
  }),
  /**
   * One report email of a cycle (`leader-report`, `manager-summary`, `hr-summary`) and its state,
   * sharded by its id (a leader's report lands in the leader's shard).
   */
  mail: (quarter: string, kind: string, id: string) => ({
    pk: shardPartition(quarter, shardOf(id.split('#')[0] ?? id)),
    sk: `MAIL#${kind}#${id}`,
  }),
  mailPrefix: 'MAIL#',
  /**
   * The full key of a cycle item from its sort key (as email tags and link tokens carry it): the
   * shard of a request, a recommendation, an invitee or a report email; the cycle partition for
   * anything else.
   */
  cycleItemFromSk: (quarter: string, sk: string): { pk: string; sk: string } => {
    const leader = /^REQ#([^#]+)#[^#]+$/.exec(sk) ?? /^REC#([^#]+)$/.exec(sk);
    if (leader) return { pk: shardPartition(quarter, shardOf(leader[1]!)), sk };
    const invitee = /^INVITEE#(\d+)#/.exec(sk);
    if (invitee) return { pk: shardPartition(quarter, batchShard(Number(invitee[1]))), sk };
    const mail = /^MAIL#[^#]+#([^#]+)/.exec(sk);
    if (mail) return { pk: shardPartition(quarter, shardOf(mail[1]!)), sk };
    return { pk: `CYCLE#${quarter}`, sk };
  },
  /**
   * The mail id of a team summary: one per manager and team. The team is hashed so that the id (and
   * the SES tag that carries it, at most 256 characters) stays short whatever the team's name.
   */
  managerSummaryMailId: (managerId: string, team: string) =>
    `${managerId}#${createHash('sha256').update(team, 'utf8').digest('hex').slice(0, 16)}`,
  /** The shared SES send schedule and quota of the deployment (functions/shared/pacer.ts). */
  sesPacer: () => ({ pk: 'SES' as const, sk: 'PACER' as const }),

  /** A feedback link: only the SHA-256 of the token is stored. */
  token: (tokenHash: string) => ({ pk: `TOKEN#${tokenHash}`, sk: 'TOKEN' as const }),

  /**
   * An address no email may go to any more (hard bounce or complaint). Keyed by the SHA-256 of the
   * lower-cased address: the address itself is stored nowhere in the item.
   */
  suppression: (addressHash: string) => ({ pk: `SUPPRESS#${addressHash}`, sk: 'SUPPRESS' as const }),

  /**
   * Sales figures: which import version of each quarter is in force. Flipped once per import with a
   * conditional write, so an import is all or nothing (like the roster pointer).
   */
  metricsPointer: () => ({ pk: 'METRICS' as const, sk: 'CURRENT' as const }),
  metricsPartition: (quarter: string, version: string) => `METRICS#${quarter}#${version}`,
  /** One person's figures of one quarter, in one import version. */
  metrics: (quarter: string, personId: string, version: string) => ({
    pk: `METRICS#${quarter}#${version}`,
    sk: `PERSON#${personId}`,
  }),

  /** An audit entry (e.g. a person erased): who, when and how much, never whom. */
  audit: (kind: string, at: string, unique: string) => ({
    pk: 'AUDIT' as const,
    sk: `${kind}#${at}#${unique}`,
  }),

  /** A rater's leniency observations (rater calibration), one item per rater. */
  raterLeniency: (raterId: string) => ({ pk: `RATER#${raterId}`, sk: 'LENIENCY' as const }),

  /**
   * What happened to a reviewed leader (promoted to manager, another role, left), recorded by HR;
   * one partition for all of them: a few per quarter, read whole by the validity report.
   */
  promotionsPartition: 'PROMOTIONS' as const,
  promotion: (personId: string, quarter: string) => ({
    pk: 'PROMOTIONS' as const,
    sk: `PERSON#${personId}#${quarter}`,
  }),

  /**
   * HR's calibration decisions: append-only, one item per decision. The sort key orders a leader's
   * decisions by time; the random id keeps two decisions in the same millisecond apart.
   */
  decision: (quarter: string, leaderId: string, decidedAt: string, id: string) => ({
    pk: `CYCLE#${quarter}`,
    sk: `DECISION#${leaderId}#${decidedAt}#${id}`,
  }),
  decisionPrefix: 'DECISION#',
  decisionsOfLeaderPrefix: (leaderId: string) => `DECISION#${leaderId}#`,
  /** GSI1 attributes of a decision: a leader's decisions across quarters. */
  decisionHistory: (quarter: string, leaderId: string, decidedAt: string, id: string) => ({
    gsi1pk: `LEADER#${leaderId}`,
    gsi1sk: `DECISION#${quarter}#${decidedAt}#${id}`,
  }),

  /**
   * The console's digest of a published quarter: its leaders reduced to what HR's pictures need, in
   * a few items (a cache of the recommendations, rebuilt when the quarter is summarized again).
   */
  leaderDigest: (quarter: string, chunk: number) => ({
    pk: `CYCLE#${quarter}`,
    sk: `DIGEST#${pad(chunk, 4)}`,
  }),
  leaderDigestPrefix: 'DIGEST#',

  /** A console session: only the SHA-256 of the cookie's random id is stored. */
  session: (idHash: string) => ({ pk: `SESSION#${idHash}`, sk: 'SESSION' as const }),
  /** A sign-in in progress (state, nonce, PKCE verifier), single use: keyed by its cookie's hash. */
  login: (idHash: string) => ({ pk: `LOGIN#${idHash}`, sk: 'LOGIN' as const }),
};
