/** Feedback requests (one per leader × rater) and the link tokens that lead to them. */
import { randomUUID } from 'node:crypto';
import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Answers, RequestStatus } from '../../core/model.ts';
import { retentionAttributes } from '../../core/retention.ts';
import { dynamo } from '../aws-clients.ts';
import { keys } from '../keys.ts';
import type { CycleItem, RequestItem, TokenItem } from './items.ts';
import { batchGet, getItem, isConditionFailure, queryPartitions, queryPrefix, tableName } from './table.ts';

/** A leader's requests of a cycle: one query of the leader's shard. */
export function listLeaderRequests(quarter: string, leaderId: string): Promise<RequestItem[]> {
  const { pk, skPrefix } = keys.requestsOfLeader(quarter, leaderId);
  return queryPrefix<RequestItem>(pk, skPrefix);
}

/** Every request of a cycle (status, export): one query per shard, merged in key order. */
export function listCycleRequests(quarter: string): Promise<RequestItem[]> {
  return queryPartitions<RequestItem>(keys.cycleShardPartitions(quarter), keys.requestPrefix);
}

/** Stores a link token (its hash) with the retention of link tokens, counted from the deadline. */
export async function putToken(token: Omit<TokenItem, 'expiresAt'>, deadline: string): Promise<void> {
  await dynamo().send(
    new PutCommand({
      TableName: tableName(),
      Item: { ...token, ...retentionAttributes('token', deadline) },
    }),
  );
}

/** The request and cycle behind a link token hash, or undefined for an unknown (or expired) link. */
export async function findByTokenHash(
  tokenHash: string,
): Promise<{ token: TokenItem; request: RequestItem; cycle: CycleItem } | undefined> {
  const token = await getItem<TokenItem>(keys.token(tokenHash));
  if (!token) return undefined;
  const requestKey = token.requestPk
    ? { pk: token.requestPk, sk: token.requestSk }
    : keys.requestFromSk(token.quarter, token.requestSk);
  if (!requestKey) return undefined;
  const cycleKey = keys.cycle(token.quarter);
  const items = await batchGet<RequestItem | CycleItem>([requestKey, cycleKey]);
  const request = items.find((item) => item.pk === requestKey.pk && item.sk === requestKey.sk) as
    | RequestItem
    | undefined;
  const cycle = items.find((item) => item.pk === cycleKey.pk && item.sk === cycleKey.sk) as
    | CycleItem
    | undefined;
  if (!request || !cycle) return undefined;
  return { token, request, cycle };
}

/**
 * Conditional update of one request: applies `update` only when the request is in one of `from`.
 * Returns the request as it was before, or undefined when the condition failed.
 */
async function updateRequestFrom(
  key: { pk: string; sk: string },
  from: RequestStatus[],
  update: string,
  names: Record<string, string>,
  values: Record<string, unknown>,
  extraCondition?: string,
): Promise<RequestItem | undefined> {
  const fromValues = Object.fromEntries(from.map((status, i) => [`:from${i}`, status]));
  const condition = `#status IN (${Object.keys(fromValues).join(', ')})${extraCondition ? ` AND ${extraCondition}` : ''}`;
  try {
    const result = await dynamo().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: key,
        UpdateExpression: update,
        ConditionExpression: condition,
        ExpressionAttributeNames: { '#status': 'status', ...names },
        ExpressionAttributeValues: { ...values, ...fromValues },
        ReturnValues: 'ALL_OLD',
      }),
    );
    return result.Attributes as RequestItem;
  } catch (error) {
    if (isConditionFailure(error)) return undefined;
    throw error;
  }
}

const keyOf = (request: RequestItem) => ({ pk: request.pk, sk: request.sk });

/**
 * Conditional update with an explicit condition; the item as it was before, or undefined when the
 * condition failed.
 */
async function updateIf(
  key: { pk: string; sk: string },
  update: string,
  condition: string,
  names: Record<string, string>,
  values: Record<string, unknown>,
): Promise<RequestItem | undefined> {
  try {
    const result = await dynamo().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: key,
        UpdateExpression: update,
        ConditionExpression: condition,
        ...(Object.keys(names).length > 0 ? { ExpressionAttributeNames: names } : {}),
        ExpressionAttributeValues: values,
        ReturnValues: 'ALL_OLD',
      }),
    );
    return result.Attributes as RequestItem;
  } catch (error) {
    if (isConditionFailure(error)) return undefined;
    throw error;
  }
}

/** The request's invitation went to SES: pending → sent (idempotent; an answered request stays answered). */
export async function markInvited(quarter: string, requestSk: string, at: string): Promise<void> {
  await updateIf(
    keys.cycleItemFromSk(quarter, requestSk),
    'SET #status = :sent, sentAt = :at',
    '#status = :pending',
    { '#status': 'status' },
    { ':sent': 'sent', ':pending': 'pending', ':at': at },
  );
}

/** Reminder `round` listed the request (and so did its invitation, if that mark was missed). */
export async function markReminded(quarter: string, requestSk: string, round: number): Promise<void> {
  await updateIf(
    keys.cycleItemFromSk(quarter, requestSk),
    'SET remindersSent = :round, #status = :sent',
    '#status IN (:pending, :sent) AND (attribute_not_exists(remindersSent) OR remindersSent < :round)',
    { '#status': 'status' },
    { ':round': round, ':sent': 'sent', ':pending': 'pending' },
  );
}

/** SES refused the rater's email for good: the request cannot reach its rater (first time kept). */
export async function markUndeliverable(
  quarter: string,
  requestSk: string,
  reason: string,
  at: string,
): Promise<void> {
  await updateIf(
    keys.cycleItemFromSk(quarter, requestSk),
    'SET undeliverableAt = :at, undeliverableReason = :reason',
    'attribute_exists(pk) AND attribute_not_exists(undeliverableAt)',
    {},
    { ':at': at, ':reason': reason },
  );
}

export interface SaveOutcome {
  /** Status before the write. */
  previous: RequestStatus;
  /**
   * True for the submission that first answered or declined the request (and for SDK retries of that
   * same write): only it counts the request as done.
   */
  firstCompletion: boolean;
}

/**
 * Stores answers or a decline; undefined when the request can no longer be answered (expired).
 * `submission` identifies this form submission: `firstDoneBy` keeps the first one, so a retried write
 * whose first response was lost is still recognised as the first completion.
 */
export async function saveResponse(
  request: RequestItem,
  response:
    | {
        status: 'answered';
        answers: Answers;
        /** The language the form was shown in (BCP 47): comments are kept as written, in it. */
        commentLocale?: string;
        /** The questionnaire wording the rater answered (e.g. `v1-de-1`). */
        questionnaireWording?: string;
      }
    | { status: 'declined' },
  now: string,
  submission: string = randomUUID(),
): Promise<SaveOutcome | undefined> {
  const open = ['pending', 'sent', 'answered', 'declined'] as const;
  const common = { ':now': now, ':one': 1, ':submission': submission };
  const before =
    response.status === 'answered'
      ? await updateRequestFrom(
          keyOf(request),
          [...open],
          `SET #status = :answered, answers = :answers, respondedAt = :now, firstDoneBy = if_not_exists(firstDoneBy, :submission)${
            response.commentLocale ? ', commentLocale = :commentLocale' : ''
          }${response.questionnaireWording ? ', questionnaireWording = :wording' : ''} ADD saves :one`,
          {},
          {
            ':answered': 'answered',
            ':answers': response.answers,
            ...(response.commentLocale ? { ':commentLocale': response.commentLocale } : {}),
            ...(response.questionnaireWording ? { ':wording': response.questionnaireWording } : {}),
            ...common,
          },
        )
      : await updateRequestFrom(
          keyOf(request),
          [...open],
          'SET #status = :declined, respondedAt = :now, firstDoneBy = if_not_exists(firstDoneBy, :submission) REMOVE answers, commentLocale, questionnaireWording ADD saves :one',
          {},
          { ':declined': 'declined', ...common },
        );
  if (before === undefined) return undefined;
  const firstCompletion =
    before.firstDoneBy === submission ||
    (before.firstDoneBy === undefined && (before.status === 'pending' || before.status === 'sent'));
  return { previous: before.status, firstCompletion };
}

/** Expires a request nobody answered. False when it was answered or declined meanwhile. */
export async function expireRequest(request: RequestItem): Promise<boolean> {
  const before = await updateRequestFrom(
    keyOf(request),
    ['pending', 'sent'],
    'SET #status = :expired',
    {},
    {
      ':expired': 'expired',
    },
  );
  return before !== undefined;
}
