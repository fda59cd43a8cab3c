/**
 * What each function may do, beyond writing its own logs and traces. One row per catalog function:
 * adding a function to functions/catalog.ts fails type-checking here until its access is decided.
 * Derived from what the handlers call (functions/shared/store, mailer, cycle-starter, the SFN
 * task-token calls).
 */
import type { FunctionId } from '../functions/catalog.ts';

/** DynamoDB actions a function may call on the table (and its indexes). */
export type TableAction =
  | 'GetItem'
  | 'BatchGetItem'
  | 'Query'
  | 'PutItem'
  | 'UpdateItem'
  | 'BatchWriteItem'
  | 'DeleteItem'
  | 'Scan';

/**
 * Table actions allowed only on items whose partition key matches one of `leadingKeys`
 * (`dynamodb:LeadingKeys`, e.g. `SESSION#*`): a console function may write sessions without being
 * able to write anything else.
 */
export interface ScopedTableAccess {
  actions: readonly TableAction[];
  leadingKeys: readonly string[];
}

export interface FunctionAccess {
  /**
   * Exactly the DynamoDB actions the function calls; empty for none. No function deletes items or
   * uses transactions (the roster import deletes, from the CLI with the operator's credentials).
   * test/infra/iam-coverage.test.ts runs a whole cycle locally and checks every call against this.
   */
  table: readonly TableAction[];
  /** Further table actions, each limited to items of the given partition key prefixes. */
  scopedTable?: readonly ScopedTableAccess[];
  /**
   * ses:SendEmail from the sender address, with the configuration set (the mailer sends nothing
   * raw), to any recipient identity the account has (the sandbox checks those too); and
   * ses:GetSendQuota, which the shared send schedule reads (functions/shared/pacer.ts).
   */
  sendsEmail: boolean;
  /**
   * ses:GetSendQuota alone, for the start checks: whether the account's daily quota can carry the
   * cycle (functions/core/cycle-start-checks.ts, read through the shared send schedule).
   */
  readsSendQuota: boolean;
  /** states:SendTaskSuccess on the review-cycle state machine (nothing reports a task failure). */
  completesTasks: boolean;
  /**
   * states:StartExecution on the review-cycle state machine, and states:DescribeExecution on its
   * executions (the start checks look up the quarter's attempts).
   */
  startsExecutions: boolean;
  /** secretsmanager:GetSecretValue on the console's OpenID client secret. */
  readsClientSecret?: boolean;
}

/** Partition keys of console sessions and sign-ins in progress. */
export const SESSION_KEYS = ['SESSION#*', 'LOGIN#*'] as const;
/**
 * What every console function does with sessions: read its session, mark it active, and store a
 * sign-in in progress when a signed-out browser asks for a page.
 */
const SESSIONS: ScopedTableAccess = { actions: ['PutItem', 'UpdateItem'], leadingKeys: SESSION_KEYS };

const READ: readonly TableAction[] = ['GetItem', 'BatchGetItem', 'Query'];

const step = (table: readonly TableAction[], extra: Partial<FunctionAccess> = {}): FunctionAccess => ({
  table,
  sendsEmail: false,
  readsSendQuota: false,
  completesTasks: false,
  startsExecutions: false,
  ...extra,
});

export const FUNCTION_ACCESS: Record<FunctionId, FunctionAccess> = {
  // Start checks: reads the roster pointer and the cycle, describes the quarter's executions by
  // name, counts the cycle's emails from the roster (query) against the SES quota (GetSendQuota);
  // then starts the next attempt.
  StartCycle: step(['GetItem', 'Query'], { startsExecutions: true, readsSendQuota: true }),
  // Creates the cycle (conditional put), snapshots the roster (batch write), flips the status.
  OpenCycle: step(['GetItem', 'Query', 'PutItem', 'UpdateItem', 'BatchWriteItem']),
  // Reads its raters and (reminders) their requests, checks suppression (batch get), claims each
  // email and marks its requests (conditional updates), stores the link hashes (batch write), takes
  // send slots and quota from the shared schedule (get, conditional update).
  SendEmails: step([...READ, 'UpdateItem', 'BatchWriteItem'], { sendsEmail: true }),
  // Stores the task token; completes its own token when everything is already done.
  Collect: step(['GetItem', 'UpdateItem'], { completesTasks: true }),
  CloseCycle: step(['GetItem', 'UpdateItem']),
  // Expires open requests, writes recommendations and batch counts.
  ScoreBatch: step([...READ, 'PutItem', 'UpdateItem']),
  // Reads recommendations and the leader's history; claims each report's email and records the
  // disclosure (conditional updates); the shared send schedule (get, update).
  PublishReports: step([...READ, 'UpdateItem'], { sendsEmail: true }),
  // Sums the batches and the raters' email states into the summary; sends HR's email once.
  SummarizeCycle: step(['GetItem', 'Query', 'PutItem', 'UpdateItem'], { sendsEmail: true }),
  // Reads the link's request and cycle, stores answers, counts the completion; finishes the wait.
  FeedbackForm: step(['GetItem', 'BatchGetItem', 'UpdateItem'], { completesTasks: true }),
  // Send/Delivery: reads the email's state, records the confirmation; bounce/complaint: records the
  // suppression, reads the rater's item and marks it and its requests.
  EmailEvents: step(['GetItem', 'UpdateItem']),
  // Scans for items whose comments have expired and rewrites each without them (conditional put).
  SweepComments: step(['Scan', 'PutItem']),
  // Reads every view (queries and batch reads); appends calibration decisions (conditional put).
  Console: step([...READ, 'PutItem'], { scopedTable: [SESSIONS] }),
  // Sign-in callback and sign-out: sessions and sign-ins only, and the client secret.
  ConsoleAuth: step([], {
    scopedTable: [{ actions: ['GetItem', 'PutItem', 'UpdateItem'], leadingKeys: SESSION_KEYS }],
    readsClientSecret: true,
  }),
  // Reads cycles and their requests; starts and describes the quarter's execution.
  // The start checks read the account's quota as StartCycle does (GetSendQuota).
  ConsoleCycles: step(READ, { scopedTable: [SESSIONS], startsExecutions: true, readsSendQuota: true }),
  // Imports a roster or sales figures (new version in batches, conditional pointer flip). A failed
  // import deletes its own half-written version: deletes are limited to those partitions. After
  // the flip it unlists the replaced versions it marked to expire (an update of the pointer only).
  ConsoleRoster: step(['GetItem', 'Query', 'PutItem', 'BatchWriteItem'], {
    scopedTable: [
      SESSIONS,
      { actions: ['DeleteItem'], leadingKeys: ['ROSTER#*', 'METRICS#*'] },
      { actions: ['UpdateItem'], leadingKeys: ['ROSTER'] },
    ],
  }),
  // Reads a quarter to build a file; writes nothing but its session.
  ConsoleExport: step(['GetItem', 'Query'], { scopedTable: [SESSIONS] }),
};

/** `dynamodb:<Action>` names of a function's table access. */
export function tableActions(access: FunctionAccess): string[] {
  return access.table.map((action) => `dynamodb:${action}`);
}

export const SEND_EMAIL_ACTIONS = ['ses:SendEmail'] as const;
/** No resource-level permissions: granted on `*`. */
export const SEND_QUOTA_ACTIONS = ['ses:GetSendQuota'] as const;
export const TASK_RESPONSE_ACTIONS = ['states:SendTaskSuccess'] as const;
export const START_EXECUTION_ACTIONS = ['states:StartExecution'] as const;
export const DESCRIBE_EXECUTION_ACTIONS = ['states:DescribeExecution'] as const;
export const CLIENT_SECRET_ACTIONS = ['secretsmanager:GetSecretValue'] as const;

/** Every DynamoDB action a function may call, scoped or not. */
export function allTableActions(access: FunctionAccess): TableAction[] {
  return [...new Set([...access.table, ...(access.scopedTable ?? []).flatMap((scoped) => scoped.actions)])];
}
