/**
 * Console sign-ins and sessions. The browser holds a random id (256 bits) in an HttpOnly cookie; the
 * table holds only its SHA-256, like feedback links. A session ends at its absolute expiry, after
 * an idle period, or at sign-out, which marks the item revoked on the server: a copied cookie is
 * worthless from then on. Expiry is an attribute checked in code (DynamoDB TTL deletes late, and
 * the local table has none).
 */
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo } from '../aws-clients.ts';
import { keys } from '../keys.ts';
import type { LoginItem, SessionItem } from './items.ts';
import { isConditionFailure, tableName } from './table.ts';

export async function putLogin(idHash: string, login: Omit<LoginItem, 'pk' | 'sk'>): Promise<void> {
  await dynamo().send(
    new PutCommand({
      TableName: tableName(),
      Item: { ...keys.login(idHash), ...login },
      ConditionExpression: 'attribute_not_exists(pk)',
    }),
  );
}

/**
 * Uses a sign-in exactly once: marks it used if it is unused and unexpired, and returns it. A replayed
 * or late callback gets undefined. The SDK's retry after a lost response finds it used by itself
 * (same `usedAt`) and still gets it.
 */
export async function takeLogin(idHash: string, now: Date): Promise<LoginItem | undefined> {
  const at = now.toISOString();
  try {
    const result = await dynamo().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.login(idHash),
        UpdateExpression: 'SET usedAt = :now',
        ConditionExpression:
          'attribute_exists(pk) AND expiresAt > :seconds AND (attribute_not_exists(usedAt) OR usedAt = :now)',
        ExpressionAttributeValues: { ':now': at, ':seconds': Math.floor(now.getTime() / 1000) },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return result.Attributes as LoginItem;
  } catch (error) {
    if (isConditionFailure(error)) return undefined;
    throw error;
  }
}

export async function putSession(idHash: string, session: Omit<SessionItem, 'pk' | 'sk'>): Promise<void> {
  await dynamo().send(
    new PutCommand({
      TableName: tableName(),
      Item: { ...keys.session(idHash), ...session },
      ConditionExpression: 'attribute_not_exists(pk)',
    }),
  );
}

export async function getSession(idHash: string): Promise<SessionItem | undefined> {
  const result = await dynamo().send(
    new GetCommand({ TableName: tableName(), Key: keys.session(idHash), ConsistentRead: true }),
  );
  return result.Item as SessionItem | undefined;
}

/** Records activity for the idle timeout; false when the session was revoked meanwhile. */
export async function touchSession(idHash: string, now: Date): Promise<boolean> {
  try {
    await dynamo().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.session(idHash),
        UpdateExpression: 'SET seenAt = :now',
        ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(revokedAt)',
        ExpressionAttributeValues: { ':now': now.toISOString() },
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

/** Ends a session on the server (sign-out). Idempotent; the item expires now. */
export async function revokeSession(idHash: string, now: Date): Promise<void> {
  try {
    await dynamo().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.session(idHash),
        UpdateExpression:
          'SET revokedAt = if_not_exists(revokedAt, :now), expiresAt = :seconds REMOVE idToken',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: {
          ':now': now.toISOString(),
          ':seconds': Math.floor(now.getTime() / 1000),
        },
      }),
    );
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
  }
}
