/** The cycle record of a quarter, its batches, and the counters that drive early finish. */
import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { CycleStatus } from '../../core/model.ts';
import { retentionAttributes } from '../../core/retention.ts';
import { dynamo, dynamoSingleAttempt } from '../aws-clients.ts';
import { keys } from '../keys.ts';
import type { BatchCounts, BatchItem, CycleItem } from './items.ts';
import { getItem, isConditionFailure, isThrottling, queryPrefix, tableName } from './table.ts';

export function getCycle(quarter: string): Promise<CycleItem | undefined> {
  return getItem<CycleItem>(keys.cycle(quarter));
}

/**
 * Creates the cycle unless the quarter already has one. Returns false when it existed. The record
 * is kept as long as scores (counted from the deadline).
 */
export async function createCycle(cycle: CycleItem): Promise<boolean> {
  try {
    await dynamo().send(
      new PutCommand({
        TableName: tableName(),
        Item: { ...cycle, ...retentionAttributes('cycle', cycle.deadline) },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

/**
 * Moves the cycle from one of `from` to `to`, setting extra attributes. Returns false when the cycle
 * was not in an expected status (already moved on: the caller treats that as done, for retries).
 */
export async function transitionCycle(
  quarter: string,
  from: CycleStatus[],
  to: CycleStatus,
  set: Record<string, unknown> = {},
  remove: string[] = [],
): Promise<boolean> {
  const names: Record<string, string> = { '#status': 'status' };
  const values: Record<string, unknown> = { ':to': to };
  const assignments = ['#status = :to'];
  Object.entries(set).forEach(([name, value], i) => {
    names[`#a${i}`] = name;
    values[`:a${i}`] = value;
    assignments.push(`#a${i} = :a${i}`);
  });
  const fromList = from.map((status, i) => {
    values[`:from${i}`] = status;
    return `:from${i}`;
  });
  const removed = remove.map((name, i) => {
    names[`#r${i}`] = name;
    return `#r${i}`;
  });
  const removal = removed.length ? ` REMOVE ${removed.join(', ')}` : '';
  try {
    await dynamo().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.cycle(quarter),
        UpdateExpression: `SET ${assignments.join(', ')}${removal}`,
        ConditionExpression: `#status IN (${fromList.join(', ')})`,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

/**
 * Stores the task token of the current collect wait; returns the cycle as it is now. The wait
 * follows a finished reminder round (or a decision to just wait), so every started round is now
 * sent: `remindersCompleted` catches up with `remindersStarted`.
 */
export async function storeTaskToken(quarter: string, taskToken: string): Promise<CycleItem | undefined> {
  try {
    const result = await dynamo().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.cycle(quarter),
        UpdateExpression: 'SET taskToken = :token, remindersCompleted = remindersStarted',
        ConditionExpression: '#status = :collecting',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':token': taskToken, ':collecting': 'collecting' },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return result.Attributes as CycleItem;
  } catch (error) {
    if (isConditionFailure(error)) return getCycle(quarter);
    throw error;
  }
}

/** Starts reminder round `round` once: false when it was already started (a retry or a race). */
export async function startReminderRound(quarter: string, round: number): Promise<boolean> {
  try {
    await dynamo().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.cycle(quarter),
        UpdateExpression: 'SET remindersStarted = :round',
        ConditionExpression: 'remindersStarted < :round',
        ExpressionAttributeValues: { ':round': round },
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

/**
 * What a checkpoint records before deciding: the invitations have all gone out (the first
 * checkpoint comes right after them; the first time is kept), and reminder round `round` (0: none)
 * is complete. Idempotent; returns the cycle as it is now.
 */
export async function recordCheckpoint(
  quarter: string,
  now: string,
  round: number,
): Promise<CycleItem | undefined> {
  const completes = round > 0;
  try {
    const result = await dynamo().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.cycle(quarter),
        UpdateExpression: `SET invitationsSentAt = if_not_exists(invitationsSentAt, :now)${
          completes ? ', remindersCompleted = :round' : ''
        }`,
        ConditionExpression: completes
          ? 'attribute_exists(pk) AND remindersStarted >= :round AND (attribute_not_exists(remindersCompleted) OR remindersCompleted <= :round)'
          : 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':now': now, ...(completes ? { ':round': round } : {}) },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return result.Attributes as CycleItem;
  } catch (error) {
    if (isConditionFailure(error)) return getCycle(quarter);
    throw error;
  }
}

/**
 * Counts one request as done (first answer or decline). Returns the cycle after the increment, or
 * undefined when the outcome is unknown.
 *
 * `ADD` is not idempotent: if DynamoDB applied it and the response was lost, a retry would count the
 * request twice and could end the collect wait before everyone answered. So this write gets exactly
 * one attempt per try (no SDK retry) and is repeated only after a throttling error, which DynamoDB
 * returns without applying anything. After any other error the count may be one short: the cycle
 * then does not finish early and closes at its deadline instead; answers are never affected (they
 * are read from the requests, not from this counter).
 */
export async function countDone(quarter: string): Promise<CycleItem | undefined> {
  for (let attempt = 1; attempt <= 4; attempt++) {
    try {
      const result = await dynamoSingleAttempt().send(
        new UpdateCommand({
          TableName: tableName(),
          Key: keys.cycle(quarter),
          UpdateExpression: 'ADD doneCount :one',
          ExpressionAttributeValues: { ':one': 1 },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return result.Attributes as CycleItem;
    } catch (error) {
      if (!isThrottling(error) || attempt === 4) return undefined;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 50 * 2 ** attempt));
    }
  }
  return undefined;
}

export function getBatch(quarter: string, batch: number): Promise<BatchItem | undefined> {
  return getItem<BatchItem>(keys.batch(quarter, batch));
}

export function listBatches(quarter: string): Promise<BatchItem[]> {
  return queryPrefix<BatchItem>(keys.cyclePartition(quarter), keys.batchPrefix);
}

export async function recordBatchCounts(quarter: string, batch: number, counts: BatchCounts): Promise<void> {
  await dynamo().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: keys.batch(quarter, batch),
      UpdateExpression: 'SET #counts = :counts',
      ExpressionAttributeNames: { '#counts': 'counts' },
      ExpressionAttributeValues: { ':counts': counts },
    }),
  );
}

/** Statuses from which a cycle can still be cancelled or taken over by a new attempt. */
export const UNFINISHED_CYCLE_STATUSES: CycleStatus[] = ['opening', 'collecting', 'closed', 'scored'];

/**
 * Hands the cycle from the execution `previous` (which stopped) to `next`, a new attempt of
 * `ladder cycle retry`, setting `set` too. Conditional on `previous` still owning an unfinished
 * cycle, so of two concurrent retries one takes over and the other opens nothing. Returns the cycle
 * as it is now when `next` owns it (also when this same attempt took it over before), else undefined.
 */
export async function takeOverCycle(
  quarter: string,
  previous: string,
  next: string,
  set: Partial<Pick<CycleItem, 'deadline' | 'reminders' | 'rosterVersion'>> = {},
): Promise<CycleItem | undefined> {
  const names: Record<string, string> = { '#status': 'status' };
  const values: Record<string, unknown> = { ':previous': previous, ':next': next };
  const assignments = ['executionId = :next', 'supersededExecutionId = :previous'];
  Object.entries(set).forEach(([name, value], i) => {
    names[`#a${i}`] = name;
    values[`:a${i}`] = value;
    assignments.push(`#a${i} = :a${i}`);
  });
  const statuses = UNFINISHED_CYCLE_STATUSES.map((status, i) => {
    values[`:s${i}`] = status;
    return `:s${i}`;
  });
  try {
    const result = await dynamo().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.cycle(quarter),
        UpdateExpression: `SET ${assignments.join(', ')} REMOVE taskToken`,
        ConditionExpression: `executionId = :previous AND #status IN (${statuses.join(', ')})`,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
        ReturnValues: 'ALL_NEW',
      }),
    );
    return result.Attributes as CycleItem;
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    const cycle = await getCycle(quarter);
    return cycle?.executionId === next ? cycle : undefined;
  }
}

export interface CancelOutcome {
  /** The status before (undefined: the quarter had no cycle record). */
  before: CycleStatus | undefined;
  /** The cycle is cancelled now (also when it already was). */
  cancelled: boolean;
}

/**
 * Marks a quarter's cycle cancelled: every link answers 410 from now on and no step sends anything
 * more. A quarter without a cycle record gets a cancelled one, so an execution that is just opening
 * finds the quarter taken. A published cycle is not cancelled.
 */
export async function cancelCycle(
  quarter: string,
  executionId: string,
  now = new Date(),
): Promise<CancelOutcome> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const cycle = await getCycle(quarter);
    if (!cycle) {
      const created = await createCycle({
        ...keys.cycle(quarter),
        quarter,
        status: 'cancelled',
        executionId,
        rosterVersion: '',
        configVersion: '',
        openedAt: now.toISOString(),
        deadline: now.toISOString(),
        reminders: [],
        remindersStarted: 0,
        requestCount: 0,
        doneCount: 0,
        batchCount: 0,
        leaderCount: 0,
        cancelledAt: now.toISOString(),
      } as CycleItem);
      if (created) return { before: undefined, cancelled: true };
      continue; // opened a moment ago: cancel that record
    }
    if (cycle.status === 'cancelled') return { before: 'cancelled', cancelled: true };
    if (cycle.status === 'published') return { before: 'published', cancelled: false };
    if (
      await transitionCycle(quarter, [cycle.status], 'cancelled', { cancelledAt: now.toISOString() }, [
        'taskToken',
      ])
    )
      return { before: cycle.status, cancelled: true };
  }
  throw new Error(`The ${quarter} cycle kept changing while it was being cancelled; try again.`);
}
