/**
 * The state of each email that must go exactly once (functions/core/mail-slot.ts), kept as a map
 * attribute `mail:<slot>` on the item the email is about: the invitee (invitation, reminders) or a
 * small report item (`MAIL#<kind>#<id>`). Every change is a conditional write on the claim, so an
 * attempt only ever changes its own claim, and the SDK's retry of a write whose answer was lost
 * recognises its own earlier success.
 */
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { InviteeDelivery } from '../../core/delivery.ts';
import { type MailSlot, reminderSlot } from '../../core/mail-slot.ts';
import { expiresAtFor, TTL_ATTRIBUTE } from '../../core/retention.ts';
import { dynamo } from '../aws-clients.ts';
import { keys } from '../keys.ts';
import type { InviteeItem, MailAttribute, MailItem } from './items.ts';
import { isConditionFailure, queryPartitions, queryPrefix, tableName } from './table.ts';

export type ItemKey = { pk: string; sk: string };

export const slotAttribute = (slot: string): MailAttribute => `mail:${slot}`;

/** The slot `slot` of an item read earlier. */
export function slotOf(item: object | undefined, slot: string): MailSlot | undefined {
  return (item as Record<string, MailSlot | undefined> | undefined)?.[slotAttribute(slot)];
}

async function update(
  key: ItemKey,
  expression: string,
  condition: string,
  names: Record<string, string>,
  values: Record<string, unknown>,
): Promise<boolean> {
  // DynamoDB refuses names and values the expressions do not use.
  const used = (placeholder: string) =>
    new RegExp(`${placeholder}(?![A-Za-z0-9_])`).test(`${expression} ${condition}`);
  try {
    await dynamo().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: key,
        UpdateExpression: expression,
        ConditionExpression: condition,
        ExpressionAttributeNames: Object.fromEntries(Object.entries(names).filter(([name]) => used(name))),
        ExpressionAttributeValues: Object.fromEntries(Object.entries(values).filter(([name]) => used(name))),
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

const slotNames = (slot: string) => ({
  '#s': slotAttribute(slot),
  '#claim': 'claim',
  '#state': 'state',
});

/**
 * Claims a never-claimed email. True for the caller (and the retry of its own call) only. A report
 * email's item is created by this claim: it gets its expiry then (an invitee has one already).
 */
export function claimSlot(key: ItemKey, slot: string, claim: string, now: string): Promise<boolean> {
  const value: MailSlot = { state: 'claimed', claim, claimedAt: now, attempts: 1 };
  return update(
    key,
    'SET #s = :slot, #ttl = if_not_exists(#ttl, :expiresAt)',
    'attribute_not_exists(#s) OR #s.#claim = :claim',
    { ...slotNames(slot), '#ttl': TTL_ATTRIBUTE },
    { ':slot': value, ':claim': claim, ':expiresAt': expiresAtFor('reportMail', now) },
  );
}

/**
 * Claims an email again, under a new claim: its earlier attempt certainly failed (`not-sent`), or
 * stayed in doubt past the grace period without a Send event. The old claim is kept, so its event
 * arriving late is recognised as a duplicate.
 */
export function reclaimSlot(
  key: ItemKey,
  slot: string,
  oldClaim: string,
  claim: string,
  now: string,
  attempts: number,
): Promise<boolean> {
  // Idempotent, so the SDK's retry of a write whose answer was lost applies it again harmlessly:
  // the attempt count is given, and the old claim is added to a set.
  return update(
    key,
    'SET #s.#claim = :claim, #s.claimedAt = :now, #s.attempts = :attempts REMOVE #s.outcome ADD #s.previousClaims :old',
    '(#s.#claim = :oldClaim AND #s.#state = :claimed AND attribute_not_exists(#s.confirmedAt) AND attribute_not_exists(#s.messageId)) OR #s.#claim = :claim',
    slotNames(slot),
    {
      ':claim': claim,
      ':oldClaim': oldClaim,
      ':old': new Set([oldClaim]),
      ':now': now,
      ':attempts': attempts,
      ':claimed': 'claimed',
    },
  );
}

/** SES accepted the email of `claim` with `messageId`. */
export function markSent(key: ItemKey, slot: string, claim: string, messageId: string): Promise<boolean> {
  return update(key, 'SET #s.#state = :sent, #s.messageId = :id', '#s.#claim = :claim', slotNames(slot), {
    ':sent': 'sent',
    ':id': messageId,
    ':claim': claim,
  });
}

/** The send of `claim` ended without an answer: in doubt until its Send event or the grace period. */
export function markUnknown(key: ItemKey, slot: string, claim: string): Promise<boolean> {
  return update(key, 'SET #s.outcome = :unknown', '#s.#claim = :claim', slotNames(slot), {
    ':unknown': 'unknown',
    ':claim': claim,
  });
}

/** SES certainly did not accept the email of `claim` (throttled, out of quota, stopped): send it later. */
export function markNotSent(key: ItemKey, slot: string, claim: string): Promise<boolean> {
  return update(
    key,
    'SET #s.outcome = :notSent',
    '#s.#claim = :claim AND #s.#state = :claimed AND attribute_not_exists(#s.confirmedAt)',
    slotNames(slot),
    { ':notSent': 'not-sent', ':claim': claim, ':claimed': 'claimed' },
  );
}

/** SES refused the email for good: nothing more will be tried. */
export function markRefused(key: ItemKey, slot: string, claim: string, reason: string): Promise<boolean> {
  return update(key, 'SET #s.#state = :refused, #s.reason = :reason', '#s.#claim = :claim', slotNames(slot), {
    ':refused': 'refused',
    ':reason': reason,
    ':claim': claim,
  });
}

/** SES rejected the email of `claim` after accepting it (Reject event): it was not delivered. */
export function markRefusedByEvent(
  key: ItemKey,
  slot: string,
  claim: string,
  reason: string,
): Promise<boolean> {
  return update(key, 'SET #s.#state = :refused, #s.reason = :reason', '#s.#claim = :claim', slotNames(slot), {
    ':refused': 'refused',
    ':reason': reason,
    ':claim': claim,
  });
}

/** The address is suppressed (hard bounce, complaint): the email is not sent. */
export function markSuppressed(key: ItemKey, slot: string, now: string): Promise<boolean> {
  const value: MailSlot = { state: 'suppressed', claim: 'suppressed', claimedAt: now, attempts: 0 };
  return update(
    key,
    'SET #s = :slot',
    'attribute_not_exists(#s)',
    { '#s': slotAttribute(slot) },
    { ':slot': value },
  );
}

export type Confirmation = 'confirmed' | 'late' | 'unknown-claim';

/**
 * SES published a Send (or Delivery) event for the email of `claim`. Recorded on the slot when the
 * claim is the current one; when it is an earlier claim (the email was sent again after the grace
 * period), the late claim is recorded once: that email was received twice. Reads first (an
 * eventually consistent read costs a tenth of a write): most events only confirm what the sender
 * already recorded, and need no write.
 */
export async function confirmSlot(
  key: ItemKey,
  slot: string,
  claim: string,
  messageId: string,
  at: string,
): Promise<Confirmation> {
  const read = await dynamo().send(
    new GetCommand({
      TableName: tableName(),
      Key: key,
      ProjectionExpression: '#s',
      ExpressionAttributeNames: { '#s': slotAttribute(slot) },
    }),
  );
  const current = slotOf(read.Item, slot);
  if (current?.claim === claim && (current.confirmedAt || current.messageId)) return 'confirmed';
  if (current && current.claim !== claim && current.lateClaims?.has(claim)) return 'late';
  const confirmed = await update(
    key,
    'SET #s.confirmedAt = if_not_exists(#s.confirmedAt, :at), #s.messageId = if_not_exists(#s.messageId, :id), #s.#state = :sent',
    '#s.#claim = :claim AND #s.#state IN (:claimed, :sent)',
    slotNames(slot),
    { ':at': at, ':id': messageId, ':claim': claim, ':sent': 'sent', ':claimed': 'claimed' },
  );
  if (confirmed) return 'confirmed';
  const late = await update(
    key,
    'ADD #s.lateClaims :late',
    'contains(#s.previousClaims, :claim)',
    slotNames(slot),
    { ':claim': claim, ':late': new Set([claim]) },
  );
  return late ? 'late' : 'unknown-claim';
}

/** The invitees of one batch of a cycle (strongly consistent). */
export function listBatchInvitees(quarter: string, batch: number): Promise<InviteeItem[]> {
  const { pk, skPrefix } = keys.inviteesOfBatch(quarter, batch);
  return queryPrefix<InviteeItem>(pk, skPrefix);
}

/** Every invitee of a cycle: each shard, merged in key order. */
export function listInvitees(quarter: string): Promise<InviteeItem[]> {
  return queryPartitions<InviteeItem>(keys.cycleShardPartitions(quarter), keys.inviteePrefix);
}

/** The most reminder rounds a cycle can have (the cycle input allows 10). */
const MAX_ROUNDS = 10;

/** What became of each rater's emails (only the mail slots and delivery marks are read). */
export async function listInviteeDeliveries(quarter: string): Promise<InviteeDelivery[]> {
  const slots = ['invitation', ...Array.from({ length: MAX_ROUNDS }, (_, i) => reminderSlot(i + 1))];
  const items = await queryPartitions<Record<string, unknown> & { sk: string }>(
    keys.cycleShardPartitions(quarter),
    keys.inviteePrefix,
    ['bouncedAt', 'complainedAt', ...slots.map(slotAttribute)],
  );
  return items.map((item) => ({
    invitation: slotOf(item, 'invitation'),
    reminders: slots
      .slice(1)
      .map((slot) => slotOf(item, slot))
      .filter((slot) => slot !== undefined),
    ...(typeof item.bouncedAt === 'string' ? { bouncedAt: item.bouncedAt } : {}),
    ...(typeof item.complainedAt === 'string' ? { complainedAt: item.complainedAt } : {}),
  }));
}

/** Report emails of a cycle. */
export function listMailItems(quarter: string): Promise<MailItem[]> {
  return queryPartitions<MailItem>(keys.cycleShardPartitions(quarter), keys.mailPrefix);
}

/** One invitee or report item by key, strongly consistent; undefined when absent or expired. */
export { getItem } from './table.ts';
