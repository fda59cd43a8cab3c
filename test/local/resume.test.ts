/**
 * Executions survive a restart of the local runtime: with a journal, a runner that stops leaves its
 * running executions to the next runner (test/cli/local-restart.test.ts kills a real `ladder local`), which continues each from the last top-level state that did not complete. A waiting
 * task keeps its original timeout.
 */
import { appendFileSync, readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExecutionJournal } from '../../local/step-functions/journal.ts';
import { StateMachineRunner } from '../../local/step-functions/runner.ts';
import { FIXTURE_STATE_MACHINE_ARN, fixtureWorkflow } from './fixtures/fixture-workflow.ts';
import { fixtureState, tokenFor } from './fixtures/state.ts';

let dir: string;
const runners: StateMachineRunner[] = [];
const newRunner = () => {
  const runner = new StateMachineRunner({
    stateMachineArn: FIXTURE_STATE_MACHINE_ARN,
    ...fixtureWorkflow(),
    journal: new ExecutionJournal(join(dir, 'executions')),
  });
  runners.push(runner);
  return runner;
};
const arnOf = (name: string) =>
  `${FIXTURE_STATE_MACHINE_ARN.replace(':stateMachine:', ':execution:')}:${name}`;
const calls = (handler: string, key: string) => fixtureState.calls.get(`${handler}:${key}`) ?? 0;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ladder-resume-'));
});
afterAll(async () => {
  for (const runner of runners) await runner.close();
  await rm(dir, { recursive: true, force: true });
});

describe('resuming executions after a restart', () => {
  it('goes on from the waiting task: nothing before it runs again, and the answer completes it', async () => {
    const key = 'resume-wait';
    const first = newRunner();
    first.start(JSON.stringify({ key, batches: [1, 2], wait: { seconds: 60 }, mode: 'store' }), key);
    await tokenFor(key, 0);
    await first.close(); // Ctrl-C: stays RUNNING on disk

    const second = newRunner();
    const record = second.get(arnOf(key))!;
    expect(record.status).toBe('RUNNING');
    expect(second.resumable.map((r) => r.name)).toContain(key);
    second.resume();
    // The waiting task's handler runs again (a fresh token); Prepare and the Map do not.
    const token = await tokenFor(key, 1);
    expect(calls('prepare', key)).toBe(1);
    expect(record.events.filter((e) => e.type === 'MapIterationStarted')).toHaveLength(2);
    second.tokens.succeed(token, JSON.stringify({ after: 'restart' }));
    const done = await record.done;
    expect(done.status).toBe('SUCCEEDED');
    expect(JSON.parse(done.output!).answer).toEqual({ after: 'restart' });
    expect(done.events.filter((e) => e.type === 'ExecutionStarted')).toHaveLength(1);
  });

  it('keeps the original timeout of a waiting task across the restart', async () => {
    const key = 'resume-timeout';
    const first = newRunner();
    const started = Date.now();
    first.start(JSON.stringify({ key, batches: [1], wait: { seconds: 2 }, mode: 'store' }), key);
    await tokenFor(key, 0);
    await first.close();
    await new Promise((resolve) => setTimeout(resolve, 2_500));

    const second = newRunner();
    second.resume();
    const done = await second.get(arnOf(key))!.done;
    // The 2 s had passed during the downtime: the task times out at once, not 2 s after the restart.
    expect(Date.now() - started).toBeLessThan(2_500 + 1_500);
    expect(done.status).toBe('SUCCEEDED');
    expect(JSON.parse(done.output!).answer).toEqual({ timedOut: true });
  });

  it('remembers finished executions: same status, and the name stays taken', async () => {
    const third = newRunner();
    expect(third.get(arnOf('resume-wait'))).toMatchObject({ status: 'SUCCEEDED' });
    expect(() => third.start('{}', 'resume-wait')).toThrow(/Execution Already Exists/);
  });

  it('skips a torn last line (the write a kill interrupted)', async () => {
    const file = readdirSync(join(dir, 'executions')).find((f) => f.startsWith('resume-wait'))!;
    appendFileSync(join(dir, 'executions', file), '{"kind":"status","stat');
    const fourth = newRunner();
    expect(fourth.get(arnOf('resume-wait'))).toMatchObject({ status: 'SUCCEEDED' });
  });
});
