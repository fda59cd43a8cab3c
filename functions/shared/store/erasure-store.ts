/**
 * `ladder person erase`: removes or anonymises one person's personal data in every quarter (the
 * rules: functions/core/erasure.ts) and writes an audit item that holds no personal data.
 *
 * Two consistent scans of the whole table: the first gathers what is known about the person (names,
 * addresses, comments they wrote) and refuses while a cycle is running; the second applies one step
 * per item. No transactions: an item moved under the pseudonym is first marked with it, then
 * written under its new key, then deleted, so an interrupted erasure can simply be run again — it
 * reuses the pseudonym it finds on a marked item and writes nothing twice.
 */
import { randomBytes } from 'node:crypto';
import { DeleteCommand, PutCommand, ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import {
  ERASED_AS,
  type ErasedKind,
  type ErasureStep,
  emptyTraces,
  foundAnything,
  gatherTraces,
  isPersonId,
  newPseudonym,
  type PersonTraces,
  planErasure,
  type StoredItem,
} from '../../core/erasure.ts';
import { dynamo } from '../aws-clients.ts';
import { keys } from '../keys.ts';
import { currentRoster, rosterPeople } from './roster-store.ts';
import { mapWithConcurrency, tableName } from './table.ts';

export class ErasureRefused extends Error {
  override readonly name = 'ErasureRefused';
}

export interface ErasureOptions {
  /** Who asked (the operator): kept in the audit item. */
  by: string;
  /** A reference of the request (a ticket number): kept in the audit item. */
  reference?: string;
  /** Only count what would change. */
  dryRun?: boolean;
  now?: Date;
}

export interface ErasureReport {
  found: boolean;
  dryRun: boolean;
  /** Steps per kind of item. */
  steps: Partial<Record<ErasedKind, number>>;
  /** Key of the audit item (none for a dry run). */
  audit?: { pk: string; sk: string };
}

/** Cycle statuses in which the workflow still writes: erasing then would race with it. */
const RUNNING = new Set(['opening', 'collecting', 'closed', 'scored']);

async function scanAll(onPage: (items: StoredItem[]) => Promise<void>): Promise<void> {
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await dynamo().send(
      new ScanCommand({ TableName: tableName(), ConsistentRead: true, ExclusiveStartKey }),
    );
    await onPage((page.Items ?? []) as StoredItem[]);
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
}

/** A cycle item's key after the move: its new sort key routed to its shard (`CYCLE#<q>…` gives q). */
function rekey(item: StoredItem) {
  return keys.cycleItemFromSk(item.pk.split('#')[1] ?? '', item.sk);
}

async function apply(step: ErasureStep, pseudonym: string): Promise<void> {
  const table = tableName();
  if (step.action === 'delete') {
    await dynamo().send(new DeleteCommand({ TableName: table, Key: step.key }));
    return;
  }
  if (step.action === 'update') {
    await dynamo().send(new PutCommand({ TableName: table, Item: step.item }));
    return;
  }
  await dynamo().send(
    new UpdateCommand({
      TableName: table,
      Key: step.key,
      UpdateExpression: 'SET #mark = :pseudonym',
      ExpressionAttributeNames: { '#mark': ERASED_AS },
      ExpressionAttributeValues: { ':pseudonym': pseudonym },
    }),
  );
  await dynamo().send(new PutCommand({ TableName: table, Item: step.item }));
  await dynamo().send(new DeleteCommand({ TableName: table, Key: step.key }));
}

export async function erasePerson(personId: string, options: ErasureOptions): Promise<ErasureReport> {
  if (!isPersonId(personId))
    throw new ErasureRefused(
      `--id must be a person_id (letters, digits, ".", "_" and "-"), got ${JSON.stringify(personId)}.`,
    );
  const roster = await currentRoster();
  if (roster && (await rosterPeople(roster.version)).some((person) => person.personId === personId)) {
    throw new ErasureRefused(
      `${personId} is in the roster in force: import a roster without them first, then erase.`,
    );
  }

  const traces: PersonTraces = emptyTraces(personId);
  const running: string[] = [];
  await scanAll(async (items) => {
    for (const item of items) {
      gatherTraces(traces, item);
      if (item.sk === 'CYCLE' && RUNNING.has(String(item.status))) running.push(String(item.quarter));
    }
  });
  if (running.length > 0) {
    throw new ErasureRefused(
      `The ${running.sort().join(', ')} review cycle is still running: erase once it is published or cancelled.`,
    );
  }

  const pseudonym = traces.earlierPseudonym ?? newPseudonym(() => randomBytes(6).toString('hex'));
  const steps: Partial<Record<ErasedKind, number>> = {};
  let count = 0;
  await scanAll(async (items) => {
    const planned = items
      .map((item) => planErasure(item, traces, pseudonym, rekey))
      .filter((step): step is ErasureStep => step !== undefined);
    for (const step of planned) steps[step.kind] = (steps[step.kind] ?? 0) + 1;
    count += planned.length;
    if (!options.dryRun) await mapWithConcurrency(planned, 8, (step) => apply(step, pseudonym));
  });
  const found = foundAnything(traces, count);
  if (options.dryRun) return { found, dryRun: true, steps };

  const now = options.now ?? new Date();
  const audit = keys.audit('ERASE', now.toISOString(), randomBytes(4).toString('hex'));
  // Who and when and how much: nothing that names or points to the person.
  await dynamo().send(
    new PutCommand({
      TableName: tableName(),
      Item: {
        ...audit,
        action: 'erase-person',
        at: now.toISOString(),
        by: options.by,
        ...(options.reference ? { reference: options.reference } : {}),
        found,
        steps,
      },
    }),
  );
  return { found, dryRun: false, steps, audit };
}
