/**
 * The AWS history mapping, checked on small known runs of the fixture workflow (a Lambda task with
 * a retry, a Map over batches, a waitForTaskToken task whose timeout is caught, Pass, Succeed):
 * the events AWS writes for each are counted by hand below.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AWS_HISTORY_EVENT_LIMIT,
  awsHistory,
  largestPayload,
} from '../../local/step-functions/aws-history.ts';
import { loadReviewCycle } from '../../local/step-functions/definition.ts';
import { type ExecutionRecord, StateMachineRunner } from '../../local/step-functions/runner.ts';
import { walkStates } from '../../local/step-functions/tasks.ts';
import { FIXTURE_STATE_MACHINE_ARN, fixtureWorkflow } from './fixtures/fixture-workflow.ts';
import { tokenFor } from './fixtures/state.ts';

const workflow = fixtureWorkflow();
let runner: StateMachineRunner;

beforeAll(() => {
  runner = new StateMachineRunner({
    stateMachineArn: FIXTURE_STATE_MACHINE_ARN,
    ...workflow,
    retryIntervalScale: 0.001,
  });
});

afterAll(() => runner.close());

let counter = 0;
async function run(body: Record<string, unknown>, answer?: unknown): Promise<ExecutionRecord> {
  const key = `history-${++counter}`;
  const record = runner.start(JSON.stringify({ key, batches: [1, 2], mode: 'store', ...body }));
  if (answer !== undefined) runner.tokens.succeed(await tokenFor(key), JSON.stringify(answer));
  return record.done;
}

/** A lambda:invoke task that succeeds at once: 5 events. */
const TASK = ['TaskStateEntered', 'TaskScheduled', 'TaskStarted', 'TaskSucceeded', 'TaskStateExited'];
/** One Map iteration running one such task: 7 events. */
const ITERATION = ['MapIterationStarted', ...TASK, 'MapIterationSucceeded'];

function count(types: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const type of types) counts[type] = (counts[type] ?? 0) + 1;
  return counts;
}

describe('awsHistory', () => {
  it('maps a run with a retried task, a 2-item Map and a callback task whose timeout is caught', async () => {
    const record = await run({ failTimes: 1, wait: { seconds: 1 } });
    expect(record.status).toBe('SUCCEEDED');
    const expected = [
      'ExecutionStarted',
      // Prepare: fails once (TransientError), is retried, then succeeds.
      'TaskStateEntered',
      'TaskScheduled',
      'TaskStarted',
      'TaskFailed',
      'TaskScheduled',
      'TaskStarted',
      'TaskSucceeded',
      'TaskStateExited',
      // ProcessBatches: two iterations of one task each.
      'MapStateEntered',
      'MapStateStarted',
      ...ITERATION,
      ...ITERATION,
      'MapStateSucceeded',
      'MapStateExited',
      // WaitForAnswer: the Lambda call returns (submitted), the token never comes: timeout, caught.
      'TaskStateEntered',
      'TaskScheduled',
      'TaskStarted',
      'TaskSubmitted',
      'TaskTimedOut',
      'TaskStateExited',
      'PassStateEntered',
      'PassStateExited',
      'SucceedStateEntered',
      'SucceedStateExited',
      'ExecutionSucceeded',
    ];
    const history = awsHistory(record.events, workflow.definition);
    expect(history.historyEvents).toBe(38);
    expect(history.events).toHaveLength(expected.length);
    // Iterations run concurrently, so their events interleave: compare the sequence outside the
    // Map exactly and the Map part as counts.
    const mapStart = expected.indexOf('MapStateEntered');
    const mapEnd = expected.indexOf('MapStateExited') + 1;
    expect(history.events.slice(0, mapStart)).toEqual(expected.slice(0, mapStart));
    expect(history.events.slice(mapEnd)).toEqual(expected.slice(mapEnd));
    expect(count(history.events.slice(mapStart, mapEnd))).toEqual(count(expected.slice(mapStart, mapEnd)));
    expect(history.byType).toEqual(count(expected));
    // Prepare twice (one retry), the Map, two iteration tasks, WaitForAnswer, TimedOut, Done.
    expect(history.stateTransitions).toBe(8);
    expect(history.transitionsByState).toEqual({
      Prepare: 2,
      ProcessBatches: 1,
      ProcessBatch: 2,
      WaitForAnswer: 1,
      TimedOut: 1,
      Done: 1,
    });
  });

  it('writes TaskSubmitted and TaskSucceeded when the task token is answered', async () => {
    const record = await run({ wait: { seconds: 30 } }, { answeredBy: 'test' });
    expect(record.status).toBe('SUCCEEDED');
    const history = awsHistory(record.events, workflow.definition);
    const waitStart = history.events.lastIndexOf('TaskStateEntered');
    expect(history.events.slice(waitStart)).toEqual([
      'TaskStateEntered',
      'TaskScheduled',
      'TaskStarted',
      'TaskSubmitted',
      'TaskSucceeded',
      'TaskStateExited',
      'SucceedStateEntered',
      'SucceedStateExited',
      'ExecutionSucceeded',
    ]);
    // ExecutionStarted, Prepare, the Map with 2 iterations, the callback task, Done, ExecutionSucceeded.
    expect(history.historyEvents).toBe(1 + 5 + (4 + 2 * 7) + 6 + 2 + 1);
    expect(history.stateTransitions).toBe(1 + 1 + 2 + 1 + 1);
  });

  it('maps a failed iteration to TaskFailed, MapIterationFailed, MapStateFailed and ExecutionFailed', async () => {
    const record = await run({ batches: ['boom'], wait: { seconds: 30 } });
    expect(record.status).toBe('FAILED');
    const history = awsHistory(record.events, workflow.definition);
    expect(history.events).toEqual([
      'ExecutionStarted',
      ...TASK,
      'MapStateEntered',
      'MapStateStarted',
      'MapIterationStarted',
      'TaskStateEntered',
      'TaskScheduled',
      'TaskStarted',
      'TaskFailed',
      'MapIterationFailed',
      'MapStateFailed',
      'ExecutionFailed',
    ]);
    expect(history.stateTransitions).toBe(3);
  });

  it('knows every state type of the review cycle definition', () => {
    const types = new Set<string>();
    walkStates(loadReviewCycle().definition, (_name, state) => types.add(state.Type));
    // The types whose events the mapping writes explicitly.
    for (const type of types)
      expect(['Task', 'Map', 'Choice', 'Succeed', 'Pass', 'Wait', 'Fail']).toContain(type);
    expect(AWS_HISTORY_EVENT_LIMIT).toBe(25_000);
  });
});

describe('largestPayload', () => {
  it('measures state inputs and outputs and the Map result array', async () => {
    const record = await run({ batches: [1, 2, 3], wait: { seconds: 30 } }, { answeredBy: 'test' });
    const largest = largestPayload(record.events);
    expect(largest.bytes).toBeGreaterThanOrEqual(Buffer.byteLength(record.output ?? ''));
    // The Map's collected results alone: three `{"batch":n,"doubled":2n}` items.
    const results = JSON.stringify([1, 2, 3].map((batch) => ({ batch, doubled: batch * 2 })));
    expect(largest.bytes).toBeGreaterThan(Buffer.byteLength(results));
    expect(largest.where).not.toBe('');
  });
});
