/**
 * The local Step Functions API, over the wire with @aws-sdk/client-sfn, running the fixture workflow
 * (same task shapes as the review cycle) with fixture handlers.
 */
import {
  DescribeExecutionCommand,
  ExecutionAlreadyExists,
  GetExecutionHistoryCommand,
  ListExecutionsCommand,
  SendTaskFailureCommand,
  SendTaskHeartbeatCommand,
  SendTaskSuccessCommand,
  SFNClient,
  StartExecutionCommand,
  StopExecutionCommand,
} from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SfnApi, startSfnApi } from '../../local/step-functions/api-server.ts';
import { StateMachineRunner } from '../../local/step-functions/runner.ts';
import { FIXTURE_STATE_MACHINE_ARN, fixturePath, fixtureWorkflow } from './fixtures/fixture-workflow.ts';
import { tokenFor } from './fixtures/state.ts';

const ARN = FIXTURE_STATE_MACHINE_ARN;
let runner: StateMachineRunner;
let api: SfnApi;
let sfn: SFNClient;
const savedEnv = { ...process.env };

beforeAll(async () => {
  runner = new StateMachineRunner({ stateMachineArn: ARN, ...fixtureWorkflow(), retryIntervalScale: 0.001 });
  api = await startSfnApi({ runner });
  // The `answer-now` fixture handler builds its own SFNClient({}): it finds the API through the env.
  Object.assign(process.env, {
    AWS_ENDPOINT_URL_SFN: api.endpoint,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
  });
  sfn = new SFNClient({
    endpoint: api.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'x', secretAccessKey: 'y' },
  });
});

afterAll(async () => {
  sfn.destroy();
  await runner.close();
  await api.close();
  process.env = savedEnv;
});

let counter = 0;
/** A fresh fixture input: a unique key keeps fixture call counts and tokens apart. */
function input(overrides: Record<string, unknown> = {}) {
  const key = `k${++counter}`;
  return { key, body: { key, batches: [1, 2, 3], wait: { seconds: 5 }, mode: 'store', ...overrides } };
}

async function start(body: unknown, name?: string) {
  const { executionArn } = await sfn.send(
    new StartExecutionCommand({ stateMachineArn: ARN, input: JSON.stringify(body), name }),
  );
  return executionArn!;
}

async function finished(executionArn: string) {
  await runner.waitFor(executionArn);
  return sfn.send(new DescribeExecutionCommand({ executionArn }));
}

describe('StartExecution → DescribeExecution', () => {
  it('runs lambda:invoke tasks, the Map and a waitForTaskToken task answered with SendTaskSuccess', async () => {
    const { key, body } = input();
    const executionArn = await start(body, `happy-${key}`);
    expect(executionArn).toBe(`arn:aws:states:us-east-1:000000000000:execution:fixture-flow:happy-${key}`);

    const running = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    expect(running.status).toBe('RUNNING');
    expect(running.startDate).toBeInstanceOf(Date);

    await sfn.send(new SendTaskHeartbeatCommand({ taskToken: await tokenFor(key) }));
    await sfn.send(
      new SendTaskSuccessCommand({ taskToken: await tokenFor(key), output: JSON.stringify({ ok: true }) }),
    );
    const done = await finished(executionArn);
    expect(done.status).toBe('SUCCEEDED');
    expect(done.stopDate).toBeInstanceOf(Date);
    const output = JSON.parse(done.output!);
    expect(output.processed).toEqual([
      { batch: 1, doubled: 2 },
      { batch: 2, doubled: 4 },
      { batch: 3, doubled: 6 },
    ]);
    expect(output.answer).toEqual({ ok: true });
    // The context object: $$.Execution.Id/Name/StartTime/Input
    expect(output.seen).toMatchObject({
      executionId: executionArn,
      executionName: `happy-${key}`,
      executionInput: body,
    });
    expect(new Date(output.seen.startedAt).toISOString()).toBe(output.seen.startedAt);
    expect(Math.abs(Date.parse(output.seen.startedAt) - done.startDate!.getTime())).toBeLessThan(50);
  });

  it('resolves a token the handler answers before it even returns', async () => {
    const { body } = input({ mode: 'answer-now', batches: [] });
    const done = await finished(await start(body));
    expect(done.status).toBe('SUCCEEDED');
    expect(JSON.parse(done.output!).answer).toEqual({ answeredBy: 'handler' });
  });

  it('refuses a second execution with the same name (ExecutionAlreadyExists), as AWS does', async () => {
    const { key, body } = input();
    const name = `dup-${key}`;
    const first = await start(body, name);
    // Same name and input while the first still runs: AWS answers with the same execution.
    expect(await start(body, name)).toBe(first);
    const error = await start({ ...body, other: 1 }, name).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExecutionAlreadyExists);
    expect((error as ExecutionAlreadyExists).name).toBe('ExecutionAlreadyExists');
    expect((error as ExecutionAlreadyExists).$metadata.httpStatusCode).toBe(400);
    await sfn.send(new SendTaskSuccessCommand({ taskToken: await tokenFor(key), output: '{}' }));
    await finished(first);
    await expect(start(body, name)).rejects.toMatchObject({ name: 'ExecutionAlreadyExists' });
  });

  it('rejects an unknown state machine and invalid input', async () => {
    await expect(
      sfn.send(new StartExecutionCommand({ stateMachineArn: `${ARN}-other`, input: '{}' })),
    ).rejects.toMatchObject({ name: 'StateMachineDoesNotExist' });
    await expect(
      sfn.send(new StartExecutionCommand({ stateMachineArn: ARN, input: '{nope' })),
    ).rejects.toMatchObject({
      name: 'InvalidExecutionInput',
    });
    await expect(
      sfn.send(
        new DescribeExecutionCommand({
          executionArn: `${ARN.replace(':stateMachine:', ':execution:')}:missing`,
        }),
      ),
    ).rejects.toMatchObject({ name: 'ExecutionDoesNotExist' });
  });
});

describe('waitForTaskToken', () => {
  it('times out at TimeoutSecondsPath (read from the state input), runs the States.Timeout Catch, and a late answer gets TaskTimedOut', async () => {
    const { key, body } = input({ wait: { seconds: 1 }, batches: [] });
    const executionArn = await start(body);
    const token = await tokenFor(key);
    const done = await finished(executionArn);
    expect(done.status).toBe('SUCCEEDED');
    expect(JSON.parse(done.output!).answer).toEqual({ timedOut: true });
    const record = runner.get(executionArn)!;
    expect(record.events.some((e) => e.type === 'StateCaught' && e.state.name === 'WaitForAnswer')).toBe(
      true,
    );
    await expect(
      sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: '{}' })),
    ).rejects.toMatchObject({
      name: 'TaskTimedOut',
    });
  });

  it('answers TaskDoesNotExist for an unknown token and InvalidToken for a malformed one', async () => {
    const unknown = runner.tokens.mint();
    await expect(
      sfn.send(new SendTaskSuccessCommand({ taskToken: unknown, output: '{}' })),
    ).rejects.toMatchObject({
      name: 'TaskDoesNotExist',
      $metadata: { httpStatusCode: 400 },
    });
    await expect(sfn.send(new SendTaskHeartbeatCommand({ taskToken: unknown }))).rejects.toMatchObject({
      name: 'TaskDoesNotExist',
    });
    await expect(
      sfn.send(new SendTaskSuccessCommand({ taskToken: 'not a token', output: '{}' })),
    ).rejects.toMatchObject({
      name: 'InvalidToken',
    });
  });

  it('fails the task with the error and cause of SendTaskFailure', async () => {
    const { key, body } = input({ batches: [] });
    const executionArn = await start(body);
    await sfn.send(
      new SendTaskFailureCommand({ taskToken: await tokenFor(key), error: 'RaterGone', cause: 'no answers' }),
    );
    const done = await finished(executionArn);
    expect(done).toMatchObject({ status: 'FAILED', error: 'RaterGone', cause: 'no answers' });
  });

  it('retries the task with a fresh token when its handler throws TransientError', async () => {
    const { key, body } = input({ mode: 'fail-once', batches: [] });
    const executionArn = await start(body);
    await sfn.send(new SendTaskSuccessCommand({ taskToken: await tokenFor(key), output: '{"second":true}' }));
    const done = await finished(executionArn);
    expect(done.status).toBe('SUCCEEDED');
    expect(runner.get(executionArn)?.invocations['await-answer']).toBe(2);
  });
});

describe('Retry and failures', () => {
  it('retries a handler that throws an error named TransientError, per the definition', async () => {
    const { body } = input({ failTimes: 2, mode: 'answer-now' });
    const executionArn = await start(body);
    const done = await finished(executionArn);
    expect(done.status).toBe('SUCCEEDED');
    const record = runner.get(executionArn)!;
    expect(record.invocations.prepare).toBe(3);
    expect(record.events.filter((e) => e.type === 'StateRetried').map((e) => e.state.name)).toEqual([
      'Prepare',
      'Prepare',
    ]);
  });

  it('fails with the handler error name and an AWS-shaped cause once MaxAttempts is spent', async () => {
    const { body } = input({ failTimes: 10 });
    const executionArn = await start(body);
    const done = await finished(executionArn);
    expect(done).toMatchObject({ status: 'FAILED', error: 'TransientError' });
    expect(JSON.parse(done.cause!)).toMatchObject({
      errorType: 'TransientError',
      errorMessage: 'attempt 4 fails',
    });
    expect(runner.get(executionArn)?.invocations.prepare).toBe(4);
  });

  it('fails the execution when a Map iteration fails, and on a result over 256 KiB', async () => {
    const boom = await finished(await start(input({ batches: [1, 'boom'] }).body));
    expect(boom).toMatchObject({ status: 'FAILED', error: 'BoomError' });
    const huge = await finished(await start(input({ batches: ['huge'] }).body));
    expect(huge).toMatchObject({ status: 'FAILED', error: 'States.DataLimitExceeded' });
  });
});

describe('StopExecution, ListExecutions, GetExecutionHistory', () => {
  it('aborts a running execution and lists executions by status', async () => {
    const { key, body } = input({ batches: [] });
    const executionArn = await start(body);
    const token = await tokenFor(key);
    const { stopDate } = await sfn.send(
      new StopExecutionCommand({ executionArn, error: 'Stopped', cause: 'by test' }),
    );
    expect(stopDate).toBeInstanceOf(Date);
    const stopped = await finished(executionArn);
    expect(stopped).toMatchObject({ status: 'ABORTED', error: 'Stopped', cause: 'by test' });
    await expect(
      sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: '{}' })),
    ).rejects.toMatchObject({
      name: 'TaskTimedOut',
    });
    const { executions } = await sfn.send(
      new ListExecutionsCommand({ stateMachineArn: ARN, statusFilter: 'ABORTED' }),
    );
    expect(executions?.map((e) => e.executionArn)).toContain(executionArn);
    expect(executions?.every((e) => e.status === 'ABORTED')).toBe(true);
  });

  it('returns the event log as history', async () => {
    const { body } = input({ mode: 'answer-now', batches: [1] });
    const executionArn = await start(body);
    await finished(executionArn);
    const { events } = await sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000 }));
    const types = events?.map((e) => e.type);
    expect(types?.[0]).toBe('ExecutionStarted');
    expect(types?.at(-1)).toBe('ExecutionSucceeded');
    expect(types).toContain('TaskStateEntered');
    expect(types).toContain('MapIterationStarted');
    expect(events?.[0]?.timestamp).toBeInstanceOf(Date);
    expect(events?.map((e) => e.id)).toEqual(events?.map((_e, i) => i + 1));
    expect(events).toHaveLength(runner.get(executionArn)!.events.length);
  });
});

describe('function overrides', () => {
  it('replaces a handler of the function map by id', async () => {
    const patched = new StateMachineRunner({
      stateMachineArn: ARN,
      ...fixtureWorkflow(),
      functionOverrides: { batch: fixturePath('./batch-alt.ts') },
      // Shared, so that the `answer-now` handler's SendTaskSuccess (to the API of `runner`) finds the token.
      tokens: runner.tokens,
    });
    const record = patched.start(JSON.stringify(input({ mode: 'answer-now', batches: [7] }).body));
    await record.done;
    expect(record.status).toBe('SUCCEEDED');
    expect(JSON.parse(record.output!).processed).toEqual([{ batch: 7, replaced: true }]);
    expect(
      () =>
        new StateMachineRunner({
          stateMachineArn: ARN,
          ...fixtureWorkflow(),
          functionOverrides: { nope: 'x.ts' },
        }),
    ).toThrow(/no function nope/);
  });
});
