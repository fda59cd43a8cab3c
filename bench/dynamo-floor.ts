/**
 * The floor the local DynamoDB sets under one answered form: the very DynamoDB calls the form
 * handler made during the run (recorded by the meter), replayed through the same shared client at
 * the same concurrency, with nothing else around them — no HTTP, no Lambda adapter, no rendering.
 * Writes go to copies of the items (partition key prefixed with `PROBE#`), so the cycle's data is
 * untouched; reads of copies cost what reads of the originals cost.
 */
import { BatchGetCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo } from '../functions/shared/aws-clients.ts';
import { mapWithConcurrency, tableName } from '../functions/shared/store/table.ts';
import type { DynamoCall } from './aws-meter.ts';

const PREFIX = 'PROBE#';
type Key = { pk: string; sk: string };

export interface FloorProbe {
  calls: number;
  wallMs: number;
  /** Wall time per call at the given concurrency: the per-call floor. */
  msPerCall: number;
  concurrency: number;
}

export async function probeDynamoFloor(recorded: DynamoCall[], concurrency: number): Promise<FloorProbe> {
  const calls = recorded.filter((call) => REPLAYABLE.has(call.operation));
  if (calls.length === 0) return { calls: 0, wallMs: 0, msPerCall: 0, concurrency };
  await copyItems(calls.flatMap((call) => keysOf(call)));
  const commands = calls.map(redirect);
  const started = performance.now();
  let next = 0;
  const worker = async () => {
    while (next < commands.length) {
      const command = commands[next++]!;
      try {
        await dynamo().send(command as GetCommand);
      } catch (error) {
        // A refused condition costs a round trip like any other call.
        if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const wallMs = performance.now() - started;
  return { calls: commands.length, wallMs, msPerCall: wallMs / commands.length, concurrency };
}

const REPLAYABLE = new Set(['GetItem', 'BatchGetItem', 'UpdateItem', 'PutItem', 'Query']);

function keysOf(call: DynamoCall): Key[] {
  const input = call.input as Record<string, unknown>;
  switch (call.operation) {
    case 'GetItem':
    case 'UpdateItem':
      return [input.Key as Key];
    case 'BatchGetItem':
      return Object.values(input.RequestItems as Record<string, { Keys: Key[] }>).flatMap((r) => r.Keys);
    default:
      return [];
  }
}

async function copyItems(keyList: Key[]): Promise<void> {
  const unique = [...new Map(keyList.map((key) => [`${key.pk}|${key.sk}`, key])).values()];
  await mapWithConcurrency(unique, 8, async (key) => {
    const { Item } = await dynamo().send(
      new GetCommand({ TableName: tableName(), Key: key, ConsistentRead: true }),
    );
    if (Item)
      await dynamo().send(new PutCommand({ TableName: tableName(), Item: { ...Item, pk: PREFIX + key.pk } }));
  });
}

const probeKey = (key: Key): Key => ({ ...key, pk: PREFIX + key.pk });

function redirect(call: DynamoCall) {
  const input = structuredClone(call.input) as Record<string, unknown>;
  delete input.ReturnConsumedCapacity;
  switch (call.operation) {
    case 'GetItem':
      return new GetCommand({ ...input, Key: probeKey(input.Key as Key) } as never);
    case 'UpdateItem':
      return new UpdateCommand({ ...input, Key: probeKey(input.Key as Key) } as never);
    case 'PutItem': {
      const item = input.Item as Key & Record<string, unknown>;
      return new PutCommand({ ...input, Item: { ...item, pk: PREFIX + item.pk } } as never);
    }
    case 'BatchGetItem': {
      const requestItems = input.RequestItems as Record<string, { Keys: Key[] }>;
      for (const request of Object.values(requestItems)) request.Keys = request.Keys.map(probeKey);
      return new BatchGetCommand(input as never);
    }
    default: {
      const values = (input.ExpressionAttributeValues ?? {}) as Record<string, unknown>;
      if (typeof values[':pk'] === 'string') values[':pk'] = PREFIX + values[':pk'];
      return new QueryCommand(input as never);
    }
  }
}
