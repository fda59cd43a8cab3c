/**
 * The metering proxy: DynamoDB units as AWS counts them, per-partition and table limits, and AWS's
 * throttling errors and unprocessed items over the wire, read by the real SDK.
 */

import { createServer } from 'node:http';
import { DynamoDBClient, ProvisionedThroughputExceededException } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  BatchWriteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_CREDENTIALS, type LocalDynamoDb, startDynamoDb } from '../../local/dynamodb.ts';
import { type MeteringProxy, startMeteringProxy } from '../../local/dynamodb-metering.ts';
import {
  AWS_ON_DEMAND_LIMITS,
  itemSize,
  type ThroughputLimits,
  ThroughputMeter,
} from '../../local/dynamodb-throughput.ts';
import { closeServer, httpUrl, listen } from '../../local/net.ts';

const TABLE = 'metering';
let db: LocalDynamoDb;
let proxy: MeteringProxy | undefined;
/** The meter's clock: tests move it by hand, so "one second" is exact whatever the machine does. */
let clock = 1_000_000;

beforeAll(async () => {
  db = await startDynamoDb({ tableName: TABLE });
});
afterAll(async () => {
  await db?.close();
});
afterEach(async () => {
  await proxy?.close();
  proxy = undefined;
});

async function meteredClient(limits: Partial<ThroughputLimits> = {}) {
  const meter = new ThroughputMeter({ ...AWS_ON_DEMAND_LIMITS, ...limits }, () => clock);
  proxy = await startMeteringProxy({ upstream: db.endpoint, meter });
  const client = (endpoint: string) =>
    DynamoDBDocumentClient.from(
      new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: LOCAL_CREDENTIALS, maxAttempts: 1 }),
    );
  return { meter, doc: client(proxy.endpoint), direct: client(db.endpoint) };
}

const text = (bytes: number) => 'x'.repeat(bytes);
let unique = 0;
const partition = (name: string) => `${name}#${++unique}`;

describe('units as AWS counts them', () => {
  it('a write is 1 unit per started KB, the larger of before and after; an index entry costs as much again', async () => {
    const { meter, doc } = await meteredClient();
    const pk = partition('W');
    clock += 5_000;
    const item = { pk, sk: 'a', body: text(2_500) }; // 2.5 KB → 3 units
    await doc.send(new PutCommand({ TableName: TABLE, Item: item }));
    // Shrinking it still costs the larger size, the old one.
    await doc.send(
      new UpdateCommand({
        TableName: TABLE,
        Key: { pk, sk: 'a' },
        UpdateExpression: 'SET body = :b',
        ExpressionAttributeValues: { ':b': 'short' },
      }),
    );
    // An item with index keys writes the index partition too.
    await doc.send(
      new PutCommand({
        TableName: TABLE,
        Item: { pk, sk: 'b', gsi1pk: 'LEADER#w', gsi1sk: 'REC#1', body: text(1_500) },
      }),
    );
    clock += 1_000;
    const peaks = meter.takePeaks();
    expect(peaks.hottestWrite).toMatchObject({ partition: `table:${pk}`, writeUnits: 3 + 3 + 2 });
    expect(peaks.tableWriteUnits).toBe(3 + 3 + 2 + 2);
    expect(meter.allTimePeaks().throttled).toEqual({});
  });

  it('a refused conditional write still consumes the existing item (at least one unit)', async () => {
    const { meter, doc } = await meteredClient();
    const pk = partition('C');
    clock += 5_000;
    await doc.send(new PutCommand({ TableName: TABLE, Item: { pk, sk: 'a', body: text(3_000) } }));
    clock += 5_000;
    meter.takePeaks();
    await expect(
      doc.send(
        new UpdateCommand({
          TableName: TABLE,
          Key: { pk, sk: 'a' },
          UpdateExpression: 'SET n = :n',
          ConditionExpression: 'attribute_not_exists(pk)',
          ExpressionAttributeValues: { ':n': 1 },
        }),
      ),
    ).rejects.toMatchObject({ name: 'ConditionalCheckFailedException' });
    clock += 1_000;
    expect(meter.takePeaks().hottestWrite).toMatchObject({ partition: `table:${pk}`, writeUnits: 3 });
  });

  it('a read is 1 unit per started 4 KB of the whole item, half when eventually consistent; a query sums what it read', async () => {
    const { meter, doc } = await meteredClient();
    const pk = partition('R');
    clock += 5_000;
    await doc.send(new PutCommand({ TableName: TABLE, Item: { pk, sk: 'a', body: text(9_000) } }));
    await doc.send(new PutCommand({ TableName: TABLE, Item: { pk, sk: 'b', body: text(2_000) } }));
    clock += 5_000;
    meter.takePeaks();
    const key = { pk, sk: 'a' };
    await doc.send(
      new GetCommand({ TableName: TABLE, Key: key, ConsistentRead: true, ProjectionExpression: 'pk' }),
    ); // 3
    await doc.send(new GetCommand({ TableName: TABLE, Key: key })); // 1.5
    await doc.send(
      new QueryCommand({
        TableName: TABLE,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': pk },
        ConsistentRead: true,
      }),
    ); // 11 KB → 3
    clock += 1_000;
    expect(meter.takePeaks().hottestRead).toMatchObject({ partition: `table:${pk}`, readUnits: 3 + 1.5 + 3 });
  });

  it('returns no consumed capacity and no old item unless asked, like AWS', async () => {
    const { doc } = await meteredClient();
    const pk = partition('Q');
    const put = await doc.send(new PutCommand({ TableName: TABLE, Item: { pk, sk: 'a' } }));
    expect(put.ConsumedCapacity).toBeUndefined();
    expect(put.Attributes).toBeUndefined();
    const again = await doc.send(
      new PutCommand({
        TableName: TABLE,
        Item: { pk, sk: 'a', n: 1 },
        ReturnValues: 'ALL_OLD',
        ReturnConsumedCapacity: 'TOTAL',
      }),
    );
    expect(again.Attributes).toEqual({ pk, sk: 'a' });
    expect(again.ConsumedCapacity?.CapacityUnits).toBe(1);
  });

  it('sizes items by DynamoDB rules', () => {
    expect(itemSize({ pk: { S: 'abc' } })).toBe(5);
    expect(itemSize({ n: { N: '12345' } })).toBe(1 + 4);
    expect(itemSize({ l: { L: [{ S: 'ab' }, { BOOL: true }] } })).toBe(1 + 3 + (1 + 2) + (1 + 1));
    expect(itemSize({ m: { M: { a: { S: 'b' } } } })).toBe(1 + 3 + 1 + 2);
  });
});

describe('limits and AWS throttling errors', () => {
  it('a full partition: ProvisionedThroughputExceededException with the key-range reason; other partitions and the next second are fine', async () => {
    const { meter, doc, direct } = await meteredClient({ partitionWriteUnits: 10, partitionReadUnits: 30 });
    const pk = partition('HOT');
    clock += 5_000;
    for (let i = 0; i < 10; i++)
      await doc.send(new PutCommand({ TableName: TABLE, Item: { pk, sk: `s${i}` } }));
    const error = await doc
      .send(new PutCommand({ TableName: TABLE, Item: { pk, sk: 'one-too-many' } }))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProvisionedThroughputExceededException);
    expect(error).toMatchObject({
      name: 'ProvisionedThroughputExceededException',
      message:
        'The level of configured provisioned throughput for the table was exceeded. Consider increasing your provisioning level with the UpdateTable API.',
      ThrottlingReasons: [
        {
          reason: 'TableWriteKeyRangeThroughputExceeded',
          resource: 'arn:aws:dynamodb:us-east-1:000000000000:table/metering',
        },
      ],
      $metadata: { httpStatusCode: 400 },
    });
    // Nothing of the refused call was applied.
    expect(
      (await direct.send(new GetCommand({ TableName: TABLE, Key: { pk, sk: 'one-too-many' } }))).Item,
    ).toBeUndefined();
    // A read is a third of a write on the same partition's budget: refused too.
    await expect(
      doc.send(new GetCommand({ TableName: TABLE, Key: { pk, sk: 's0' }, ConsistentRead: true })),
    ).rejects.toMatchObject({
      ThrottlingReasons: [expect.objectContaining({ reason: 'TableReadKeyRangeThroughputExceeded' })],
    });
    await doc.send(new PutCommand({ TableName: TABLE, Item: { pk: partition('COLD'), sk: 'a' } }));
    clock += 1_001;
    await doc.send(new PutCommand({ TableName: TABLE, Item: { pk, sk: 'next-second' } }));
    expect(meter.allTimePeaks().throttled).toEqual({
      TableWriteKeyRangeThroughputExceeded: 1,
      TableReadKeyRangeThroughputExceeded: 1,
    });
  });

  it('a full index partition throttles the table write with the index reason', async () => {
    const { doc } = await meteredClient({ partitionWriteUnits: 2 });
    clock += 5_000;
    const leader = `LEADER#${partition('I')}`;
    for (let i = 0; i < 2; i++)
      await doc.send(
        new PutCommand({
          TableName: TABLE,
          Item: { pk: partition('T'), sk: 'r', gsi1pk: leader, gsi1sk: `${i}` },
        }),
      );
    await expect(
      doc.send(
        new PutCommand({
          TableName: TABLE,
          Item: { pk: partition('T'), sk: 'r', gsi1pk: leader, gsi1sk: 'x' },
        }),
      ),
    ).rejects.toMatchObject({
      name: 'ProvisionedThroughputExceededException',
      ThrottlingReasons: [
        {
          reason: 'IndexWriteKeyRangeThroughputExceeded',
          resource: 'arn:aws:dynamodb:us-east-1:000000000000:table/metering/index/gsi1',
        },
      ],
    });
  });

  it('beyond the table’s on-demand capacity: ThrottlingException, whichever partition', async () => {
    const { doc } = await meteredClient({ tableWriteUnits: 5 });
    clock += 5_000;
    for (let i = 0; i < 5; i++)
      await doc.send(new PutCommand({ TableName: TABLE, Item: { pk: partition('S'), sk: 'a' } }));
    await expect(
      doc.send(new PutCommand({ TableName: TABLE, Item: { pk: partition('S'), sk: 'a' } })),
    ).rejects.toMatchObject({
      name: 'ThrottlingException',
      message: expect.stringMatching(/^Throughput exceeds the current capacity of your table or index\./),
    });
  });

  it('the table takes double its previous peak once that peak is 30 minutes old', () => {
    const meter = new ThroughputMeter(AWS_ON_DEMAND_LIMITS, () => clock);
    clock += 3_600_000;
    expect(meter.tableCapacity()).toBe(4_000);
    for (let second = 0; second < 10; second++) {
      for (let p = 0; p < 8; p++) meter.charge([{ partition: `table:p${p}`, kind: 'write', units: 450 }]);
      clock += 1_000;
    }
    expect(meter.tableCapacity()).toBe(4_000); // a new peak of 3,600: not yet 30 minutes old
    clock += 30 * 60_000;
    expect(meter.tableCapacity()).toBe(7_200);
  });
});

describe('batch operations', () => {
  it('BatchWriteItem: items of a full partition come back unprocessed and are not written', async () => {
    const { doc, direct } = await meteredClient({ partitionWriteUnits: 10 });
    clock += 5_000;
    const pk = partition('B');
    const cold = partition('B-cold');
    const requests = [
      ...Array.from({ length: 20 }, (_, i) => ({ PutRequest: { Item: { pk, sk: `s${i}` } } })),
      ...Array.from({ length: 5 }, (_, i) => ({ PutRequest: { Item: { pk: cold, sk: `s${i}` } } })),
    ];
    const result = await doc.send(new BatchWriteCommand({ RequestItems: { [TABLE]: requests } }));
    const unprocessed = result.UnprocessedItems?.[TABLE] ?? [];
    expect(unprocessed).toHaveLength(10);
    expect(unprocessed.every((r) => r.PutRequest?.Item?.pk === pk)).toBe(true);
    const stored = await direct.send(
      new QueryCommand({
        TableName: TABLE,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': pk },
      }),
    );
    expect(stored.Items).toHaveLength(10);
    const left = new Set(unprocessed.map((r) => r.PutRequest!.Item!.sk as string));
    expect(stored.Items!.filter((i) => left.has(i.sk as string))).toEqual([]);
    // All of it refused: the whole call fails, as on AWS.
    await expect(
      doc.send(new BatchWriteCommand({ RequestItems: { [TABLE]: unprocessed } })),
    ).rejects.toMatchObject({ name: 'ProvisionedThroughputExceededException' });
  });

  it('BatchGetItem: keys of a full partition come back unprocessed, with their read options', async () => {
    const { doc } = await meteredClient({ partitionWriteUnits: 3, partitionReadUnits: 9 });
    clock += 5_000;
    const pk = partition('G');
    const other = partition('G-other');
    await doc.send(
      new BatchWriteCommand({
        RequestItems: {
          [TABLE]: [
            ...Array.from({ length: 3 }, (_, i) => ({ PutRequest: { Item: { pk, sk: `s${i}` } } })),
            { PutRequest: { Item: { pk: other, sk: 'x' } } },
          ],
        },
      }),
    );
    clock += 5_000;
    const keys = [
      ...Array.from({ length: 12 }, (_, i) => ({ pk, sk: `s${i % 3}#${i}` })),
      { pk: other, sk: 'x' },
    ];
    const result = await doc.send(
      new BatchGetCommand({ RequestItems: { [TABLE]: { Keys: keys, ConsistentRead: true } } }),
    );
    // 9 read units a second on that partition: 9 of its 12 keys were read (a missing item costs a unit too).
    const left = result.UnprocessedKeys?.[TABLE];
    expect(left?.Keys).toHaveLength(3);
    expect(left?.ConsistentRead).toBe(true);
    expect(result.Responses?.[TABLE]?.some((item) => item.pk === other)).toBe(true);
  });
});

describe('closing', () => {
  it('lets a call it is handling finish, look-ups included, and sends nothing upstream once closed', async () => {
    // An upstream that holds its answer to the write until the test releases it; the refused
    // condition makes the proxy look the item up afterwards (a second upstream call).
    const seen: { operation: string; afterClose: boolean }[] = [];
    let closed = false;
    let release!: () => void;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    let writeArrived!: () => void;
    const arrived = new Promise<void>((resolve) => {
      writeArrived = resolve;
    });
    const upstream = createServer(async (request, response) => {
      for await (const _ of request);
      const operation = String(request.headers['x-amz-target']).split('.')[1]!;
      seen.push({ operation, afterClose: closed });
      const json = (status: number, body: object) => {
        response.writeHead(status, { 'content-type': 'application/x-amz-json-1.0' });
        response.end(JSON.stringify(body));
      };
      if (operation === 'PutItem') {
        writeArrived();
        await released;
        json(400, {
          __type: 'com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException',
          message: 'The conditional request failed',
        });
      } else json(200, { Item: { pk: { S: 'p' }, sk: { S: 's' } }, ConsumedCapacity: { CapacityUnits: 1 } });
    });
    const port = await listen(upstream, 0, '127.0.0.1');
    const gated = await startMeteringProxy({ upstream: httpUrl('127.0.0.1', port) });
    try {
      const doc = DynamoDBDocumentClient.from(
        new DynamoDBClient({
          endpoint: gated.endpoint,
          region: 'us-east-1',
          credentials: LOCAL_CREDENTIALS,
          maxAttempts: 1,
        }),
      );
      const put = doc
        .send(
          new PutCommand({
            TableName: TABLE,
            Item: { pk: 'p', sk: 's' },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        )
        .then(
          () => 'written',
          (error: Error) => error.name,
        );
      await arrived;
      const closing = gated.close().then(() => {
        closed = true;
      });
      release();
      await closing;
      // The caller got DynamoDB's answer, not a dropped connection, and the look-up came before
      // the proxy said it was closed.
      expect(await put).toBe('ConditionalCheckFailedException');
      expect(seen).toEqual([
        { operation: 'PutItem', afterClose: false },
        { operation: 'GetItem', afterClose: false },
      ]);
      // Closed means closed: a new call does not get through.
      await expect(
        doc.send(new GetCommand({ TableName: TABLE, Key: { pk: 'p', sk: 's' } })),
      ).rejects.toThrow();
      expect(seen).toHaveLength(2);
      doc.destroy();
    } finally {
      await closeServer(upstream);
    }
  });
});
