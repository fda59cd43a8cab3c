/**
 * Key builders for every item kind in the single table. See docs/data-model.md for the access
 * patterns each key serves.
 */
import { createHash } from 'node:crypto';

const pad = (n: number, width = 5) => String(n).padStart(width, '0');

export const keys = {
  /** Pointer to the roster version in force; flipped only after a whole import is written. */
  rosterPointer: () => ({ pk: 'ROSTER' as const, sk: 'CURRENT' as const }),
  rosterPartition: (version: string) => `ROSTER#${version}`,
  rosterPerson: (version: string, personId: string) => ({
    pk: `ROSTER#${version}`,
    sk: `PERSON#${personId}`,
  }),

  cyclePartition: (quarter: string) => `CYCLE#${quarter}`,
  cycle: (quarter: string) => ({ pk: `CYCLE#${quarter}`, sk: 'CYCLE' as const }),
  batch: (quarter: string, batch: number) => ({ pk: `CYCLE#${quarter}`, sk: `BATCH#${pad(batch)}` }),
  batchPrefix: 'BATCH#',
  request: (quarter: string, leaderId: string, raterId: string) => ({
    pk: `CYCLE#${quarter}`,
    sk: `REQ#${leaderId}#${raterId}`,
  }),
  requestPrefix: 'REQ#',
  requestsOfLeaderPrefix: (leaderId: string) => `REQ#${leaderId}#`,
  recommendation: (quarter: string, leaderId: string) => ({ pk: `CYCLE#${quarter}`, sk: `REC#${leaderId}` }),
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
   * of their invitation and reminders. Sorted by the batch that sends their emails.
   */
  invitee: (quarter: string, batch: number, raterId: string) => ({
    pk: `CYCLE#${quarter}`,
    sk: `INVITEE#${pad(batch)}#${raterId}`,
  }),
  inviteePrefix: 'INVITEE#',
  inviteesOfBatchPrefix: (batch: number) => `INVITEE#${pad(batch)}#`,
  /** One report email of a cycle (`leader-report`, `manager-summary`, `hr-summary`) and its state. */
  mail: (quarter: string, kind: string, id: string) => ({ pk: `CYCLE#${quarter}`, sk: `MAIL#${kind}#${id}` }),
  mailPrefix: 'MAIL#',
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
};
