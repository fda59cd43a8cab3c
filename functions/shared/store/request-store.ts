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
        ExpressionAttributeNames: names,
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

/**
 * Claims an invitation: pending → sent, recording which attempt claimed it. Returns the claim id, or
 * undefined when it was already claimed by another attempt (a retry of the batch).
 *
 * The claim id makes the claim idempotent for the one call that made it: if DynamoDB applied the
 * write but its response was lost, the SDK's retry of that same call finds its own claim and still
 * owns the email, instead of concluding "already sent" and sending nothing.
 */
export async function claimInvitation(
  request: RequestItem,
  now: string,
  claim: string = randomUUID(),
): Promise<string | undefined> {
  const before = await updateIf(
    keyOf(request),
    'SET #status = :sent, sentAt = :now, claimId = :claim',
    '#status = :pending OR (#status = :sent AND claimId = :claim)',
    { '#status': 'status' },
    { ':sent': 'sent', ':pending': 'pending', ':now': now, ':claim': claim },
  );
  return before === undefined ? undefined : claim;
}

/** Gives a claim back after the email certainly was not sent, so a retry sends it. Only its own claim. */
export async function releaseInvitation(request: RequestItem, claim: string): Promise<void> {
  await updateIf(
    keyOf(request),
    'SET #status = :pending REMOVE sentAt, claimId',
    '#status = :sent AND claimId = :claim',
    { '#status': 'status' },
    { ':pending': 'pending', ':sent': 'sent', ':claim': claim },
  );
}

/** Claims reminder `round` for a request still waiting for an answer (idempotent like claimInvitation). */
export async function claimReminder(
  request: RequestItem,
  round: number,
  claim: string = randomUUID(),
): Promise<string | undefined> {
  const before = await updateIf(
    keyOf(request),
    'SET remindersSent = :round, reminderClaim = :claim',
    '#status = :sent AND (attribute_not_exists(remindersSent) OR remindersSent < :round OR (remindersSent = :round AND reminderClaim = :claim))',
    { '#status': 'status' },
    { ':sent': 'sent', ':round': round, ':claim': claim },
  );
  return before === undefined ? undefined : claim;
}

export async function releaseReminder(request: RequestItem, round: number, claim: string): Promise<void> {
  await updateIf(
    keyOf(request),
    'SET remindersSent = :previous REMOVE reminderClaim',
    'remindersSent = :round AND reminderClaim = :claim',
    {},
    { ':previous': round - 1, ':round': round, ':claim': claim },
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
  response: { status: 'answered'; answers: Answers } | { status: 'declined' },
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
          'SET #status = :answered, answers = :answers, respondedAt = :now, firstDoneBy = if_not_exists(firstDoneBy, :submission) ADD saves :one',
          {},
          { ':answered': 'answered', ':answers': response.answers, ...common },
        )
      : await updateRequestFrom(
          keyOf(request),
          [...open],
          'SET #status = :declined, respondedAt = :now, firstDoneBy = if_not_exists(firstDoneBy, :submission) REMOVE answers ADD saves :one',
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
