/**
 * The roster: each import is written as a new version, then a pointer is flipped with a conditional
 * write. Readers only follow the pointer, so an import is all-or-nothing without transactions:
 * a failed import leaves the previous roster in force and nothing half-written visible.
 *
 * Retention: the version in force never expires. Once replaced, a version's people get `expiresAt`
 * (the `rosterVersions` period from the replacement). The pointer lists versions still to be marked
 * (`pendingExpiry`), so a marking that failed is done by the next import.
 */
import { randomBytes } from 'node:crypto';
import { DeleteCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Person } from '../../core/model.ts';
import { retentionAttributes } from '../../core/retention.ts';
import { dynamo } from '../aws-clients.ts';
import { keys } from '../keys.ts';
import type { RosterPersonItem, RosterPointerItem } from './items.ts';
import {
  batchPut,
  getItem,
  isConditionFailure,
  mapWithConcurrency,
  queryPrefix,
  tableName,
} from './table.ts';

export class ConcurrentImportError extends Error {
  override readonly name = 'ConcurrentImportError';
}

export function currentRoster(): Promise<RosterPointerItem | undefined> {
  return getItem<RosterPointerItem>(keys.rosterPointer());
}

export async function rosterPeople(version: string): Promise<Person[]> {
  const items = await queryPrefix<RosterPersonItem>(keys.rosterPartition(version), 'PERSON#');
  return items.map(({ pk: _pk, sk: _sk, ...person }) => person);
}

/** Writes a validated roster as a new version and makes it current. Returns the new pointer. */
export async function importRoster(people: Person[], now = new Date()): Promise<RosterPointerItem> {
  const previous = await currentRoster();
  const version = `${now.toISOString().replace(/[-:.]/g, '')}-${randomBytes(3).toString('hex')}`;
  const items = people.map((person) => ({ ...keys.rosterPerson(version, person.personId), ...person }));
  try {
    await batchPut(items);
  } catch (error) {
    await deleteVersion(version, people).catch(() => undefined); // best effort: it is invisible anyway
    throw error;
  }
  const pendingExpiry = [
    ...new Set([...(previous?.pendingExpiry ?? []), ...(previous ? [previous.version] : [])]),
  ];
  const pointer: RosterPointerItem = {
    ...keys.rosterPointer(),
    version,
    importedAt: now.toISOString(),
    people: people.length,
    ...(pendingExpiry.length ? { pendingExpiry } : {}),
  } as RosterPointerItem;
  try {
    await dynamo().send(
      new PutCommand({
        TableName: tableName(),
        Item: pointer,
        // Refuse to overwrite an import that finished while this one was writing. `version = :new`:
        // the SDK's retry of this same write, after a lost response, must not see its own success as
        // a concurrent import (and then delete the roster it has just made current).
        ConditionExpression: previous
          ? 'version = :previous OR version = :new'
          : 'attribute_not_exists(pk) OR version = :new',
        ExpressionAttributeValues: {
          ':new': version,
          ...(previous ? { ':previous': previous.version } : {}),
        },
      }),
    );
  } catch (error) {
    await deleteVersion(version, people).catch(() => undefined);
    if (isConditionFailure(error)) {
      throw new ConcurrentImportError(
        'Another roster import finished first; nothing was changed. Try again.',
      );
    }
    throw error;
  }
  // The import is done; marking the replaced versions to expire may fail and is then retried by
  // the next import (they stay listed in `pendingExpiry`).
  try {
    await expireReplacedVersions(pointer, now);
    const { pendingExpiry: _done, ...rest } = pointer;
    return rest as RosterPointerItem;
  } catch {
    return pointer;
  }
}

/** Gives every person of the versions listed in `pendingExpiry` their `expiresAt`, then unlists them. */
async function expireReplacedVersions(pointer: RosterPointerItem, now: Date): Promise<void> {
  const versions = pointer.pendingExpiry ?? [];
  if (versions.length === 0) return;
  const { expiresAt } = retentionAttributes('rosterVersion', now);
  for (const version of versions) {
    const items = await queryPrefix<RosterPersonItem & { expiresAt?: number }>(
      keys.rosterPartition(version),
      'PERSON#',
    );
    await batchPut(
      items.filter((item) => item.expiresAt === undefined).map((item) => ({ ...item, expiresAt })),
    );
  }
  await dynamo().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: keys.rosterPointer(),
      UpdateExpression: 'REMOVE pendingExpiry',
      ConditionExpression: 'version = :version',
      ExpressionAttributeValues: { ':version': pointer.version },
    }),
  );
}

async function deleteVersion(version: string, people: Person[]) {
  await mapWithConcurrency(people, 8, (person) =>
    dynamo().send(
      new DeleteCommand({ TableName: tableName(), Key: keys.rosterPerson(version, person.personId) }),
    ),
  );
}
