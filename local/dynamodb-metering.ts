/**
 * A proxy in front of the local DynamoDB (dynalite) that meters every call as AWS does and throttles
 * as an on-demand table does (units and limits: local/dynamodb-throughput.ts). dynalite has no
 * throughput limit at all, so without this a design that queues all its writes on one partition
 * key would look fine locally and be throttled on AWS.
 *
 * What the caller sees, in AWS's wire format (JSON 1.0, as the SDK parses it):
 * - a single call on a full partition: 400 `ProvisionedThroughputExceededException`, with
 *   `ThrottlingReasons` `[{ reason: 'TableWriteKeyRangeThroughputExceeded', resource: <table ARN> }]`
 *   (`Index…` with the index ARN when an index partition is full);
 * - a single call while the whole table is beyond its on-demand capacity: 400 `ThrottlingException`
 *   "Throughput exceeds the current capacity of your table or index. DynamoDB is automatically
 *   scaling your table or index so please try again shortly. …";
 * - BatchWriteItem / BatchGetItem: the items or keys of full partitions come back in
 *   `UnprocessedItems` / `UnprocessedKeys` (nothing of them applied); when none could be processed,
 *   the call fails with one of the errors above, as AWS does.
 * Throttled calls take no effect and consume nothing.
 *
 * To learn the real units the proxy asks dynalite for `ReturnConsumedCapacity: TOTAL` and, for
 * writes, for the old (or new) item, and removes what the caller did not ask for from the answer.
 * Limits of the approximation: a batch put is charged on the new item's size (the larger old item it
 * may replace is added to the batch's partitions in proportion); a BatchGetItem whose projection
 * leaves out the keys is charged to its partitions in proportion to their keys; index units of an
 * UpdateItem that asks for UPDATED_OLD/UPDATED_NEW are not counted (Ladder asks for none).
 */
import { randomUUID } from 'node:crypto';
import {
  Agent,
  createServer,
  request as httpRequest,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import { crc32 } from 'node:zlib';
import { TABLE_SCHEMA } from '../functions/shared/table-schema.ts';
import {
  AWS_ON_DEMAND_LIMITS,
  itemSize,
  type Refusal,
  type ThroughputLimits,
  ThroughputMeter,
  type Touch,
  writeUnits,
} from './dynamodb-throughput.ts';
import { LOCAL_ACCOUNT, LOCAL_REGION } from './lambda.ts';
import { closeServer, httpUrl, listen } from './net.ts';

type Item = Record<string, Record<string, unknown>>;
type Json = Record<string, unknown>;

export interface MeteringProxyOptions {
  /** dynalite's endpoint. */
  upstream: string;
  limits?: ThroughputLimits;
  /** The meter to use (default: a new one with `limits`). */
  meter?: ThroughputMeter;
  host?: string;
  port?: number;
}

export interface MeteringProxy {
  endpoint: string;
  meter: ThroughputMeter;
  close(): Promise<void>;
}

const DOCS_HOT_KEY =
  'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/bp-partition-key-design.html';
const PARTITION_MESSAGE =
  'The level of configured provisioned throughput for the table was exceeded. Consider increasing your provisioning level with the UpdateTable API.';
const TABLE_MESSAGE = `Throughput exceeds the current capacity of your table or index. DynamoDB is automatically scaling your table or index so please try again shortly. If exceptions persist, check if you have a hot key: ${DOCS_HOT_KEY}`;

const tableArn = (table: string) => `arn:aws:dynamodb:${LOCAL_REGION}:${LOCAL_ACCOUNT}:table/${table}`;

/** The error AWS returns for a refused call. */
export function throttlingError(refusal: Refusal, table: string): { type: string; body: Json } {
  if (refusal.scope === 'table') {
    return {
      type: 'ThrottlingException',
      body: { __type: 'com.amazonaws.dynamodb.v20120810#ThrottlingException', message: TABLE_MESSAGE },
    };
  }
  const resource = refusal.index ? `${tableArn(table)}/index/${refusal.index}` : tableArn(table);
  const reason = `${refusal.index ? 'Index' : 'Table'}${refusal.kind === 'write' ? 'Write' : 'Read'}KeyRangeThroughputExceeded`;
  return {
    type: 'ProvisionedThroughputExceededException',
    body: {
      __type: 'com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException',
      message: PARTITION_MESSAGE,
      ThrottlingReasons: [{ reason, resource }],
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Partitions

const PK = TABLE_SCHEMA.partitionKey;
const INDEXES = TABLE_SCHEMA.globalSecondaryIndexes;

const stringOf = (value: Record<string, unknown> | undefined): string | undefined =>
  value === undefined ? undefined : String(value.S ?? value.N ?? value.B ?? '');

const tablePartition = (keyOrItem: Item | undefined) => `table:${stringOf(keyOrItem?.[PK]) ?? ''}`;

/** The index partitions an item belongs to (none when it lacks an index's keys). */
function indexPartitions(item: Item | undefined): string[] {
  if (!item) return [];
  return INDEXES.filter((index) => item[index.partitionKey] && item[index.sortKey]).map(
    (index) => `${index.indexName}:${stringOf(item[index.partitionKey])}`,
  );
}

/** The partition a Query reads: the value its key condition gives the partition key. */
function queryPartition(input: Json): string {
  const index = INDEXES.find((i) => i.indexName === input.IndexName);
  const keyName = index ? index.partitionKey : PK;
  const names = (input.ExpressionAttributeNames ?? {}) as Record<string, string>;
  const values = (input.ExpressionAttributeValues ?? {}) as Item;
  const condition = String(input.KeyConditionExpression ?? '');
  for (const match of condition.matchAll(/([#A-Za-z_][\w]*)\s*=\s*(:[\w]+)/g)) {
    const name = match[1]!.startsWith('#') ? names[match[1]!] : match[1];
    if (name === keyName) return `${index ? index.indexName : 'table'}:${stringOf(values[match[2]!]) ?? ''}`;
  }
  return `${index ? index.indexName : 'table'}:?`;
}

// ---------------------------------------------------------------------------------------------
// The proxy

interface Upstream {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export async function startMeteringProxy(options: MeteringProxyOptions): Promise<MeteringProxy> {
  const host = options.host ?? '127.0.0.1';
  const upstreamUrl = new URL(options.upstream);
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const meter = options.meter ?? new ThroughputMeter(options.limits ?? AWS_ON_DEMAND_LIMITS);

  const forward = (headers: IncomingHttpHeaders, body: Buffer) =>
    new Promise<Upstream>((resolve, reject) => {
      const outgoing = httpRequest(
        {
          host: upstreamUrl.hostname,
          port: upstreamUrl.port,
          method: 'POST',
          path: '/',
          headers: { ...headers, host: upstreamUrl.host, 'content-length': String(body.length) },
          agent,
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () =>
            resolve({
              status: response.statusCode ?? 502,
              headers: response.headers,
              body: Buffer.concat(chunks),
            }),
          );
          response.on('error', reject);
        },
      );
      outgoing.on('error', reject);
      outgoing.end(body);
    });

  /** Sends `input` as operation `operation` to dynalite (unmetered: the proxy's own look-ups). */
  const call = async (headers: IncomingHttpHeaders, operation: string, input: Json) => {
    const response = await forward(
      { ...headers, 'x-amz-target': `DynamoDB_20120810.${operation}` },
      Buffer.from(JSON.stringify(input)),
    );
    return { status: response.status, json: parse(response.body) };
  };

  const handlers: Record<string, (headers: IncomingHttpHeaders, input: Json) => Promise<Reply>> = {
    GetItem: (headers, input) => readOne(headers, input, [tablePartition(input.Key as Item)]),
    Query: (headers, input) => readOne(headers, input, [queryPartition(input)]),
    Scan: (headers, input) => readOne(headers, input, []),
    PutItem: (headers, input) => writeOne(headers, input, 'PutItem'),
    UpdateItem: (headers, input) => writeOne(headers, input, 'UpdateItem'),
    DeleteItem: (headers, input) => writeOne(headers, input, 'DeleteItem'),
    BatchWriteItem: (headers, input) => batchWrite(headers, input),
    BatchGetItem: (headers, input) => batchGet(headers, input),
  };

  async function readOne(headers: IncomingHttpHeaders, input: Json, partitions: string[]): Promise<Reply> {
    const consistent = input.ConsistentRead === true;
    const estimate: Touch[] = partitions.map((partition) => ({
      partition,
      kind: 'read',
      units: consistent ? 1 : 0.5,
    }));
    const refusal = meter.admit(estimate);
    if (refusal) return refused(refusal, String(input.TableName));
    const asked = input.ReturnConsumedCapacity === 'TOTAL' || input.ReturnConsumedCapacity === 'INDEXES';
    const response = await forward(headers, body({ ...input, ReturnConsumedCapacity: 'TOTAL' }));
    const json = parse(response.body);
    const units = consumed(json?.ConsumedCapacity);
    // A Scan reads every partition: charged to the table only.
    if (partitions.length) meter.charge(correct(estimate, units));
    else meter.chargeTable('read', units);
    if (json && !asked) delete json.ConsumedCapacity;
    return reply(response, json);
  }

  async function writeOne(
    headers: IncomingHttpHeaders,
    input: Json,
    operation: 'PutItem' | 'UpdateItem' | 'DeleteItem',
  ): Promise<Reply> {
    const table = String(input.TableName);
    const key = (operation === 'PutItem' ? input.Item : input.Key) as Item;
    const partition = tablePartition(key);
    const newItem = operation === 'PutItem' ? (input.Item as Item) : undefined;
    const estimate: Touch[] = [
      { partition, kind: 'write', units: newItem ? writeUnits(itemSize(newItem)) : 1 },
      ...indexPartitions(newItem).map(
        (p): Touch => ({ partition: p, kind: 'write', units: writeUnits(itemSize(newItem)) }),
      ),
    ];
    const refusal = meter.admit(estimate);
    if (refusal) return refused(refusal, table);

    const askedCapacity =
      input.ReturnConsumedCapacity === 'TOTAL' || input.ReturnConsumedCapacity === 'INDEXES';
    const askedValues = (input.ReturnValues as string | undefined) ?? 'NONE';
    // The old item (put, delete) or the new one (update) tells whether an index is written too.
    const values =
      askedValues === 'NONE' ? (operation === 'UpdateItem' ? 'ALL_NEW' : 'ALL_OLD') : askedValues;
    const response = await forward(
      headers,
      body({
        ...input,
        ReturnConsumedCapacity: 'TOTAL',
        ...(values === 'NONE' ? {} : { ReturnValues: values }),
      }),
    );
    const json = parse(response.body);

    if (response.status !== 200) {
      if (String(json?.__type ?? '').endsWith('ConditionalCheckFailedException')) {
        // A refused condition still consumes the existing item's size (at least 1 unit).
        const existing = await call(headers, 'GetItem', {
          TableName: table,
          Key: keyOf(key),
          ConsistentRead: true,
        });
        const size = Math.max(itemSize(existing.json?.Item as Item | undefined), itemSize(newItem));
        meter.charge(correct(estimate, writeUnits(size), partition));
      } else {
        meter.charge(estimate.map((t) => ({ ...t, units: -t.units })));
      }
      return reply(response, json);
    }
    const tableUnits = consumed(json?.ConsumedCapacity) || 1;
    const returned = json?.Attributes as Item | undefined;
    const before = operation === 'UpdateItem' ? (values === 'ALL_OLD' ? returned : undefined) : returned;
    const after =
      operation === 'PutItem'
        ? newItem
        : operation === 'UpdateItem' && values === 'ALL_NEW'
          ? returned
          : undefined;
    const actual: Touch[] = [{ partition, kind: 'write', units: tableUnits }];
    // Index writes: with the same index keys before and after, one write of the item; a new or
    // removed entry, one write each (projection ALL: an index entry is the whole item).
    const beforeIndexes = new Set(indexPartitions(operation === 'UpdateItem' ? (before ?? after) : before));
    const afterIndexes = new Set(indexPartitions(operation === 'UpdateItem' ? (after ?? before) : after));
    for (const p of new Set([...beforeIndexes, ...afterIndexes])) {
      const units =
        beforeIndexes.has(p) && afterIndexes.has(p)
          ? tableUnits
          : writeUnits(itemSize(afterIndexes.has(p) ? (after ?? before) : (before ?? after)));
      actual.push({ partition: p, kind: 'write', units });
    }
    meter.charge(difference(actual, estimate));
    if (json) {
      if (!askedCapacity) delete json.ConsumedCapacity;
      if (askedValues === 'NONE') delete json.Attributes;
    }
    return reply(response, json);
  }

  async function batchWrite(headers: IncomingHttpHeaders, input: Json): Promise<Reply> {
    const requestItems = (input.RequestItems ?? {}) as Record<string, Json[]>;
    const admitted: Record<string, Json[]> = {};
    const unprocessed: Record<string, Json[]> = {};
    const charged: Touch[] = [];
    let firstRefusal: [Refusal, string] | undefined;
    for (const [table, requests] of Object.entries(requestItems)) {
      for (const request of requests) {
        const put = (request.PutRequest as { Item?: Item } | undefined)?.Item;
        const key = put ?? (request.DeleteRequest as { Key?: Item } | undefined)?.Key;
        const units = put ? writeUnits(itemSize(put)) : 1;
        const touches: Touch[] = [
          { partition: tablePartition(key), kind: 'write', units },
          ...indexPartitions(put).map((p): Touch => ({ partition: p, kind: 'write', units })),
        ];
        const refusal = meter.admit(touches);
        if (refusal) {
          firstRefusal ??= [refusal, table];
          unprocessed[table] = [...(unprocessed[table] ?? []), request];
        } else {
          admitted[table] = [...(admitted[table] ?? []), request];
          charged.push(...touches);
        }
      }
    }
    if (Object.keys(admitted).length === 0 && firstRefusal) return refused(firstRefusal[0], firstRefusal[1]);
    const askedCapacity =
      input.ReturnConsumedCapacity === 'TOTAL' || input.ReturnConsumedCapacity === 'INDEXES';
    const response = await forward(
      headers,
      body({ ...input, RequestItems: admitted, ReturnConsumedCapacity: 'TOTAL' }),
    );
    const json = parse(response.body);
    if (response.status !== 200 || !json) {
      meter.charge(charged.map((t) => ({ ...t, units: -t.units })));
      return reply(response, json);
    }
    // Replaced items larger than the new ones: dynalite's total says by how much; spread it.
    const tableCharged = charged.filter((t) => t.partition.startsWith('table:'));
    const extra = consumed(json.ConsumedCapacity) - tableCharged.reduce((sum, t) => sum + t.units, 0);
    if (extra > 0) meter.charge(spread(tableCharged, extra));
    const upstreamUnprocessed = (json.UnprocessedItems ?? {}) as Record<string, Json[]>;
    for (const [table, requests] of Object.entries(upstreamUnprocessed))
      unprocessed[table] = [...(unprocessed[table] ?? []), ...requests];
    json.UnprocessedItems = unprocessed;
    if (!askedCapacity) delete json.ConsumedCapacity;
    return reply(response, json);
  }

  async function batchGet(headers: IncomingHttpHeaders, input: Json): Promise<Reply> {
    const requestItems = (input.RequestItems ?? {}) as Record<string, Json & { Keys: Item[] }>;
    const admitted: Record<string, Json & { Keys: Item[] }> = {};
    const unprocessed: Record<string, Json & { Keys: Item[] }> = {};
    const charged = new Map<string, Touch[]>();
    let firstRefusal: [Refusal, string] | undefined;
    for (const [table, request] of Object.entries(requestItems)) {
      const consistent = request.ConsistentRead === true;
      for (const key of request.Keys ?? []) {
        const touch: Touch = { partition: tablePartition(key), kind: 'read', units: consistent ? 1 : 0.5 };
        const refusal = meter.admit([touch]);
        const target = refusal ? unprocessed : admitted;
        if (refusal) firstRefusal ??= [refusal, table];
        else charged.set(table, [...(charged.get(table) ?? []), touch]);
        target[table] ??= { ...request, Keys: [] };
        target[table].Keys.push(key);
      }
    }
    if (Object.keys(admitted).length === 0 && firstRefusal) return refused(firstRefusal[0], firstRefusal[1]);
    const askedCapacity =
      input.ReturnConsumedCapacity === 'TOTAL' || input.ReturnConsumedCapacity === 'INDEXES';
    const response = await forward(
      headers,
      body({ ...input, RequestItems: admitted, ReturnConsumedCapacity: 'TOTAL' }),
    );
    const json = parse(response.body);
    const all = [...charged.values()].flat();
    if (response.status !== 200 || !json) {
      meter.charge(all.map((t) => ({ ...t, units: -t.units })));
      return reply(response, json);
    }
    // dynalite's total is exact (whole items, whatever the projection); spread it over the keys.
    const total = consumed(json.ConsumedCapacity);
    const estimated = all.reduce((sum, t) => sum + t.units, 0);
    if (total !== estimated) meter.charge(spread(all, total - estimated));
    const upstreamUnprocessed = (json.UnprocessedKeys ?? {}) as Record<string, Json & { Keys: Item[] }>;
    for (const [table, request] of Object.entries(upstreamUnprocessed)) {
      unprocessed[table] ??= { ...request, Keys: [] };
      unprocessed[table].Keys.push(...request.Keys);
    }
    json.UnprocessedKeys = unprocessed;
    if (!askedCapacity) delete json.ConsumedCapacity;
    return reply(response, json);
  }

  /**
   * Calls being handled: close() lets them finish (a write may take two calls to dynalite, a
   * look-up and the write), so nothing reaches dynalite after the proxy closed — the runtime closes
   * dynalite next, and a call arriving then would crash it ("Database is closed").
   */
  const inFlight = new Set<Promise<void>>();
  let closing = false;
  const server = createServer((request, response) => {
    if (closing) {
      request.socket.destroy();
      return;
    }
    const handled = handle(request, response);
    inFlight.add(handled);
    void handled.finally(() => inFlight.delete(handled));
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    try {
      const chunks: Buffer[] = [];
      for await (const chunk of request) chunks.push(chunk as Buffer);
      const raw = Buffer.concat(chunks);
      const operation = String(request.headers['x-amz-target'] ?? '').split('.')[1] ?? '';
      const input = parse(raw);
      const handler = handlers[operation];
      const result: Reply =
        handler && input ? await handler(request.headers, input) : await passThrough(request.headers, raw);
      send(response, result);
    } catch (error) {
      if (!response.headersSent) {
        response.writeHead(502, { 'content-type': 'text/plain' });
        response.end(`metering proxy: upstream failed: ${(error as Error).message}`);
      } else response.destroy();
    }
  }

  async function passThrough(headers: IncomingHttpHeaders, raw: Buffer): Promise<Reply> {
    const upstream = await forward(headers, raw);
    return { status: upstream.status, headers: upstream.headers, body: upstream.body };
  }

  const port = await listen(server, options.port ?? 0, host);
  return {
    endpoint: httpUrl(host, port),
    meter,
    close: async () => {
      closing = true;
      await Promise.allSettled([...inFlight]);
      await closeServer(server);
      agent.destroy();
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Helpers

interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

function parse(raw: Buffer): Json | undefined {
  try {
    const value = JSON.parse(raw.toString('utf8')) as unknown;
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : undefined;
  } catch {
    return undefined;
  }
}

const body = (input: Json) => Buffer.from(JSON.stringify(input));

function reply(upstream: Upstream, json: Json | undefined): Reply {
  return { status: upstream.status, headers: upstream.headers, body: json ? body(json) : upstream.body };
}

function refused(refusal: Refusal, table: string): Reply {
  const error = throttlingError(refusal, table);
  return {
    status: 400,
    headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-requestid': randomUUID() },
    body: body(error.body),
  };
}

function send(response: import('node:http').ServerResponse, result: Reply): void {
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(result.headers)) {
    if (
      value === undefined ||
      ['transfer-encoding', 'connection', 'content-length', 'x-amz-crc32'].includes(name)
    )
      continue;
    headers[name] = value;
  }
  headers['content-length'] = String(result.body.length);
  // The SDK may check the body against DynamoDB's CRC32 header: it must match the body sent.
  headers['x-amz-crc32'] = String(crc32(result.body) >>> 0);
  response.writeHead(result.status, headers);
  response.end(result.body);
}

/** Units in a ConsumedCapacity answer (one object, or a list for batch calls). */
function consumed(capacity: unknown): number {
  const list = Array.isArray(capacity) ? capacity : capacity ? [capacity] : [];
  return list.reduce(
    (sum: number, entry) => sum + Number((entry as { CapacityUnits?: number }).CapacityUnits ?? 0),
    0,
  );
}

const keyOf = (item: Item): Item =>
  Object.fromEntries(
    [TABLE_SCHEMA.partitionKey, TABLE_SCHEMA.sortKey]
      .filter((name) => item[name])
      .map((name) => [name, item[name]!]),
  );

/** The correction from an estimate to the real units of one partition (the others keep theirs). */
function correct(estimate: Touch[], units: number, partition = estimate[0]?.partition): Touch[] {
  return estimate
    .filter((t) => t.partition === partition)
    .slice(0, 1)
    .map((t) => ({ ...t, units: units - t.units }));
}

/** `actual − estimate`, per partition. */
function difference(actual: Touch[], estimate: Touch[]): Touch[] {
  const byPartition = new Map<string, Touch>();
  for (const t of actual) byPartition.set(t.partition, { ...t });
  for (const t of estimate) {
    const entry = byPartition.get(t.partition) ?? { ...t, units: 0 };
    entry.units -= t.units;
    byPartition.set(t.partition, entry);
  }
  return [...byPartition.values()].filter((t) => t.units !== 0);
}

/** `units` shared over `touches` in proportion to their units. */
function spread(touches: Touch[], units: number): Touch[] {
  const total = touches.reduce((sum, t) => sum + t.units, 0) || touches.length || 1;
  return touches.map((t) => ({ ...t, units: (units * (t.units || 1)) / total }));
}
