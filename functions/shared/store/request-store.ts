/** Feedback requests (one per leader × rater) and the link tokens that lead to them. */
import { randomUUID } from 'node:crypto';
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
