/**
 * Email delivery problems: the suppression list (addresses that hard-bounced or complained: no
 * further email goes to them) and the bounce/complaint/suppressed marks on feedback requests.
 * Suppression items are keyed by the SHA-256 of the lower-cased address and hold no address.
 */
import { createHash } from 'node:crypto';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo } from '../aws-clients.ts';
import { keys } from '../keys.ts';
import { batchGet, getItem, isConditionFailure, tableName } from './table.ts';

export type SuppressionReason = 'bounce' | 'complaint';

export interface SuppressionItem {
  pk: string;
  sk: 'SUPPRESS';
  /** When the first bounce / complaint was recorded. */
  bouncedAt?: string;
  complainedAt?: string;
  firstAt: string;
  lastAt: string;
}

/** What a request records about the delivery of its emails. */
export type DeliveryMark = 'bouncedAt' | 'complainedAt' | 'suppressedAt';

export function addressHash(address: string): string {
  return createHash('sha256').update(address.trim().toLowerCase(), 'utf8').digest('hex');
}

/** Records a suppression (idempotent: a repeated event keeps the first time). */
export async function suppressAddress(address: string, reason: SuppressionReason, at: string): Promise<void> {
  const marker = reason === 'bounce' ? 'bouncedAt' : 'complainedAt';
  await dynamo().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: keys.suppression(addressHash(address)),
      UpdateExpression:
        'SET #marker = if_not_exists(#marker, :at), firstAt = if_not_exists(firstAt, :at), lastAt = :at',
      ExpressionAttributeNames: { '#marker': marker },
      ExpressionAttributeValues: { ':at': at },
    }),
  );
}

export async function isSuppressed(address: string): Promise<boolean> {
  return (await getItem(keys.suppression(addressHash(address)))) !== undefined;
}

/** The addresses among `addresses` that are suppressed (one BatchGetItem per 100 addresses). */
export async function suppressedAmong(addresses: readonly string[]): Promise<Set<string>> {
  const byHash = new Map<string, string[]>();
  for (const address of new Set(addresses)) {
    const hash = addressHash(address);
    byHash.set(hash, [...(byHash.get(hash) ?? []), address]);
  }
  if (byHash.size === 0) return new Set();
  const found = await batchGet<SuppressionItem>([...byHash.keys()].map((hash) => keys.suppression(hash)));
  const suppressed = new Set<string>();
  for (const item of found) {
    for (const address of byHash.get(item.pk.slice('SUPPRESS#'.length)) ?? []) suppressed.add(address);
  }
  return suppressed;
}

/** Marks any item of the table that exists (first time kept): an invitee's `bouncedAt`. */
export async function markDelivery(
  key: { pk: string; sk: string },
  mark: DeliveryMark,
  at: string,
): Promise<boolean> {
  try {
    await dynamo().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: key,
        UpdateExpression: 'SET #mark = if_not_exists(#mark, :at)',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: { '#mark': mark },
        ExpressionAttributeValues: { ':at': at },
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

/**
 * Marks a request of a cycle (first time kept). False when the request does not exist (an event
 * about an email of another stack, or a forged tag): nothing is created.
 */
export async function markRequestDelivery(
  quarter: string,
  requestSk: string,
  mark: DeliveryMark,
  at: string,
): Promise<boolean> {
  const requestKey = keys.requestFromSk(quarter, requestSk);
  return requestKey ? markDelivery(requestKey, mark, at) : Promise.resolve(false);
}
