/** The whole local runtime: started on free ports, reached by unchanged SDK code through the env. */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DescribeExecutionCommand, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENV } from '../../functions/catalog.ts';
import { type LocalRuntime, readLocalState, startLocalRuntime } from '../../local/runtime.ts';
import { fixturePath, fixtureWorkflow } from './fixtures/fixture-workflow.ts';

describe('startLocalRuntime', () => {
  let runtime: LocalRuntime;
  let dir: string;
  let stateFile: string;
  const before = { ...process.env };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ladder-runtime-'));
    stateFile = join(dir, '.ladder', 'local.json');
    runtime = await startLocalRuntime({
      quiet: true,
      writeStateFile: true,
      stateFilePath: stateFile,
      dataDir: join(dir, 'data'),
      workflow: fixtureWorkflow(),
      functionOverrides: { FeedbackForm: fixturePath('./http-echo.ts') },
      retryIntervalScale: 0.001,
    });
  });

  afterAll(async () => {
    await runtime.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('points process.env at the stand-ins and sets Ladder settings', () => {
    expect(process.env.AWS_ENDPOINT_URL_DYNAMODB).toBe(runtime.endpoints.dynamodb);
    expect(process.env.AWS_ENDPOINT_URL_SES).toBe(runtime.endpoints.ses);
    expect(process.env.AWS_ENDPOINT_URL_SFN).toBe(runtime.endpoints.sfn);
    expect(process.env.AWS_REGION).toBe('us-east-1');
    expect(process.env[ENV.tableName]).toBe('ladder-local');
    expect(process.env[ENV.formBaseUrl]).toBe(runtime.endpoints.api);
    expect(process.env[ENV.stateMachineArn]).toBe(
      'arn:aws:states:us-east-1:000000000000:stateMachine:ladder-review-cycle',
    );
    expect(process.env[ENV.reviewDays]).toBe('14');
    expect(runtime.env[ENV.senderEmail]).toBe('ladder@example.com');
    expect(runtime.env[ENV.hrEmail]).toBe('hr@example.com');
  });

  it('writes the state file for other CLI processes', async () => {
    const state = JSON.parse(await readFile(stateFile, 'utf8'));
    expect(state).toMatchObject({ pid: process.pid, endpoints: runtime.endpoints, env: runtime.env });
    expect(await readLocalState(stateFile)).toEqual(state);
  });

  it('serves DynamoDB, the Step Functions API and the HTTP API to SDK clients configured by env only', async () => {
    const dynamo = new DynamoDBClient({});
    const { Table } = await dynamo.send(new DescribeTableCommand({ TableName: runtime.tableName }));
    expect(Table?.TableStatus).toBe('ACTIVE');
    dynamo.destroy();

    const sfn = new SFNClient({});
    const body = { key: 'runtime', batches: [2], wait: { seconds: 5 }, mode: 'answer-now' };
    const { executionArn } = await sfn.send(
      new StartExecutionCommand({
        stateMachineArn: runtime.stateMachineArn,
        input: JSON.stringify(body),
        name: 'runtime-1',
      }),
    );
    await runtime.executions.waitFor(executionArn!);
    const done = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    expect(done.status).toBe('SUCCEEDED');
    expect(runtime.executions.list('SUCCEEDED').map((record) => record.executionArn)).toEqual([executionArn]);
    expect(runtime.executions.get(executionArn!)?.events.length).toBeGreaterThan(10);
    sfn.destroy();

    const page = await fetch(`${runtime.endpoints.api}/feedback/some-token`);
    expect(page.status).toBe(201);
    expect(((await page.json()) as { routeKey: string }).routeKey).toBe('GET /feedback/{token}');
    expect((await fetch(`${runtime.endpoints.api}/other`)).status).toBe(404);
  });

  it('removes the state file and restores the environment on close', async () => {
    const other = await startLocalRuntime({
      quiet: true,
      writeStateFile: true,
      stateFilePath: join(dir, 'other.json'),
    });
    expect(existsSync(join(dir, 'other.json'))).toBe(true);
    await other.close();
    expect(existsSync(join(dir, 'other.json'))).toBe(false);
    // `other` restored what `runtime` had set.
    expect(process.env.AWS_ENDPOINT_URL_SFN).toBe(runtime.endpoints.sfn);
    expect(before.AWS_ENDPOINT_URL_SFN).toBeUndefined();
  });
});
