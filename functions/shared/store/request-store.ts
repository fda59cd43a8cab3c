/** Feedback requests (one per leader × rater) and the link tokens that lead to them. */
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Answers, RequestStatus } from '../../core/model.ts';
import { dynamo } from '../aws-clients.ts';
import { keys } from '../keys.ts';
import type { CycleItem, RequestItem, TokenItem } from './items.ts';
import { batchGet, isConditionFailure, queryPrefix, tableName } from './table.ts';

export function listLeaderRequests(quarter: string, leaderId: string): Promise<RequestItem[]> {
  return queryPrefix<RequestItem>(keys.cyclePartition(quarter), keys.requestsOfLeaderPrefix(leaderId));
}

export function listCycleRequests(quarter: string): Promise<RequestItem[]> {
  return queryPrefix<RequestItem>(keys.cyclePartition(quarter), keys.requestPrefix);
}

export async function putToken(token: TokenItem): Promise<void> {
  await dynamo().send(new PutCommand({ TableName: tableName(), Item: token }));
}

/** The request and cycle behind a link token hash, or undefined for an unknown link. */
export async function findByTokenHash(
  tokenHash: string,
): Promise<{ token: TokenItem; request: RequestItem; cycle: CycleItem } | undefined> {
  const tokenResult = await dynamo().send(
    new GetCommand({ TableName: tableName(), Key: keys.token(tokenHash), ConsistentRead: true }),
  );
  const token = tokenResult.Item as TokenItem | undefined;
  if (!token) return undefined;
  const cycleKey = keys.cycle(token.quarter);
  const items = await batchGet<RequestItem | CycleItem>([{ pk: cycleKey.pk, sk: token.requestSk }, cycleKey]);
  const request = items.find((item) => item.sk === token.requestSk) as RequestItem | undefined;
  const cycle = items.find((item) => item.sk === 'CYCLE') as CycleItem | undefined;
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

/** Claims an invitation: pending → sent. False when it was already sent (retry). */
export async function claimInvitation(request: RequestItem, now: string): Promise<boolean> {
  const before = await updateRequestFrom(
    keyOf(request),
    ['pending'],
    'SET #status = :sent, sentAt = :now',
    {},
    {
      ':sent': 'sent',
      ':now': now,
    },
  );
  return before !== undefined;
}

/** Gives a claim back after the email could not be sent, so a retry sends it. */
export async function releaseInvitation(request: RequestItem): Promise<void> {
  await updateRequestFrom(
    keyOf(request),
    ['sent'],
    'SET #status = :pending REMOVE sentAt',
    {},
    { ':pending': 'pending' },
  );
}

/** Claims reminder `round` for a request still waiting for an answer. */
export async function claimReminder(request: RequestItem, round: number): Promise<boolean> {
  const before = await updateRequestFrom(
    keyOf(request),
    ['sent'],
    'SET remindersSent = :round',
    {},
    { ':round': round },
    '(attribute_not_exists(remindersSent) OR remindersSent < :round)',
  );
  return before !== undefined;
}

export async function releaseReminder(request: RequestItem, round: number): Promise<void> {
  await updateRequestFrom(
    keyOf(request),
    ['sent', 'answered', 'declined'],
    'SET remindersSent = :previous',
    {},
    { ':previous': round - 1, ':round': round },
    'remindersSent = :round',
  );
}

/**
 * Stores answers or a decline. Returns the status before the write (to count the first completion
 * once), or undefined when the request can no longer be answered (expired).
 */
export async function saveResponse(
  request: RequestItem,
  response: { status: 'answered'; answers: Answers } | { status: 'declined' },
  now: string,
): Promise<RequestStatus | undefined> {
  const before =
    response.status === 'answered'
      ? await updateRequestFrom(
          keyOf(request),
          ['pending', 'sent', 'answered', 'declined'],
          'SET #status = :answered, answers = :answers, respondedAt = :now ADD saves :one',
          {},
          { ':answered': 'answered', ':answers': response.answers, ':now': now, ':one': 1 },
        )
      : await updateRequestFrom(
          keyOf(request),
          ['pending', 'sent', 'answered', 'declined'],
          'SET #status = :declined, respondedAt = :now REMOVE answers ADD saves :one',
          {},
          { ':declined': 'declined', ':now': now, ':one': 1 },
        );
  return before?.status;
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
