import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, describe, expect, it } from 'vitest';
import { createTableInput } from '../../functions/shared/table-schema.ts';
import { LOCAL_CREDENTIALS, type LocalDynamoDb, startDynamoDb } from '../../local/dynamodb.ts';

const clientFor = (endpoint: string) =>
  new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: LOCAL_CREDENTIALS });

describe('local DynamoDB (dynalite)', () => {
  let db: LocalDynamoDb | undefined;
  afterEach(async () => {
    await db?.close();
    db = undefined;
  });

  it('creates the table from the one schema on an ephemeral port', async () => {
    db = await startDynamoDb({ tableName: 'schema-test' });
    expect(db.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const { Table } = await clientFor(db.endpoint).send(
      new DescribeTableCommand({ TableName: 'schema-test' }),
    );
    const expected = createTableInput('schema-test');
    expect(Table?.TableStatus).toBe('ACTIVE');
    expect(Table?.KeySchema).toEqual(expected.KeySchema);
    expect(Table?.GlobalSecondaryIndexes?.map((index) => [index.IndexName, index.KeySchema])).toEqual(
      expected.GlobalSecondaryIndexes.map((index) => [index.IndexName, index.KeySchema]),
    );
  });

  it('serves Put, Get and a GSI Query over the wire', async () => {
    db = await startDynamoDb({ tableName: 'items' });
    const doc = DynamoDBDocumentClient.from(clientFor(db.endpoint));
    const item = {
      pk: 'CYCLE#2026-Q4',
      sk: 'REC#p1',
      gsi1pk: 'LEADER#p1',
      gsi1sk: 'REC#2026-Q4',
      score: 71.5,
    };
    await doc.send(new PutCommand({ TableName: 'items', Item: item }));
    const { Item } = await doc.send(
      new GetCommand({ TableName: 'items', Key: { pk: item.pk, sk: item.sk } }),
    );
    expect(Item).toEqual(item);
    const { Items } = await doc.send(
      new QueryCommand({
        TableName: 'items',
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :leader',
        ExpressionAttributeValues: { ':leader': 'LEADER#p1' },
      }),
    );
    expect(Items).toEqual([item]);
  });

  it('keeps data and the table across restarts when given a path', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ladder-dynalite-'));
    try {
      db = await startDynamoDb({ tableName: 'kept', path: dir });
      const first = DynamoDBDocumentClient.from(clientFor(db.endpoint));
      await first.send(new PutCommand({ TableName: 'kept', Item: { pk: 'A', sk: 'B', value: 1 } }));
      await db.close();
      db = await startDynamoDb({ tableName: 'kept', path: dir });
      const second = DynamoDBDocumentClient.from(clientFor(db.endpoint));
      const { Item } = await second.send(new GetCommand({ TableName: 'kept', Key: { pk: 'A', sk: 'B' } }));
      expect(Item).toEqual({ pk: 'A', sk: 'B', value: 1 });
    } finally {
      await db?.close();
      db = undefined;
      await rm(dir, { recursive: true, force: true });
    }
  });
});
