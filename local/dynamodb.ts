/**
 * Local DynamoDB: dynalite in-process, in memory or persisted to LevelDB, with Ladder's table created
 * from the one schema (`createTableInput`).
 */
import { mkdir } from 'node:fs/promises';
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ResourceNotFoundException,
} from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';
import { createTableInput } from '../functions/shared/table-schema.ts';
import { closeServer, httpUrl, listen } from './net.ts';

export interface LocalDynamoDbOptions {
  tableName: string;
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  /** Directory for LevelDB files; in memory when absent. */
  path?: string;
}

export interface LocalDynamoDb {
  endpoint: string;
  close(): Promise<void>;
}

export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

export async function startDynamoDb(options: LocalDynamoDbOptions): Promise<LocalDynamoDb> {
  const host = options.host ?? '127.0.0.1';
  if (options.path) await mkdir(options.path, { recursive: true });
  const server = dynalite({
    createTableMs: 0,
    deleteTableMs: 0,
    updateTableMs: 0,
    ...(options.path ? { path: options.path } : {}),
  });
  const port = await listen(server, options.port ?? 0, host);
  const endpoint = httpUrl(host, port);
  const close = () => closeServer(server);
  try {
    await ensureTable(endpoint, options.tableName);
  } catch (error) {
    await close();
    throw error;
  }
  return { endpoint, close };
}

/** Creates the table unless it exists (a persisted data dir keeps it), then waits until ACTIVE. */
export async function ensureTable(endpoint: string, tableName: string): Promise<void> {
  const client = new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: LOCAL_CREDENTIALS });
  try {
    try {
      await client.send(new DescribeTableCommand({ TableName: tableName }));
    } catch (error) {
      if (!(error instanceof ResourceNotFoundException)) throw error;
      await client.send(new CreateTableCommand(createTableInput(tableName)));
    }
    // dynalite flips CREATING → ACTIVE on a timer even with createTableMs 0.
    for (let attempt = 0; attempt < 100; attempt++) {
      const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
      if (Table?.TableStatus === 'ACTIVE') return;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error(`Table ${tableName} did not become ACTIVE`);
  } finally {
    client.destroy();
  }
}
