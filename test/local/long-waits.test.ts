/**
 * Waits of any length work locally: a review window of 25 days or more used to overflow Node's
 * timers (anything above 2^31−1 ms runs after 1 ms), so the collect wait timed out at once and the
 * workflow looped at full CPU, printing thousands of TimeoutOverflowWarnings.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { installLongTimers, MAX_TIMER_MS } from '../../local/step-functions/long-timers.ts';
import { StateMachineRunner } from '../../local/step-functions/runner.ts';
import { FIXTURE_STATE_MACHINE_ARN, fixtureWorkflow } from './fixtures/fixture-workflow.ts';
import { tokenFor } from './fixtures/state.ts';

const DAY_S = 24 * 3600;
const warnings: string[] = [];
const onWarning = (warning: Error) => warnings.push(`${warning.name}: ${warning.message}`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(() => {
  process.on('warning', onWarning);
});
afterAll(() => {
  process.off('warning', onWarning);
});
afterEach(() => {
  expect(warnings.filter((w) => w.startsWith('TimeoutOverflowWarning'))).toEqual([]);
});

describe('long timers', () => {
  it('a global setTimeout above 2^31−1 ms waits (in chunks) and can be cleared; shorter ones are Node’s own', async () => {
    installLongTimers();
    let fired = false;
    const long = setTimeout(() => {
      fired = true;
    }, MAX_TIMER_MS + 1);
    const short = setTimeout(() => {}, 10);
    expect(short.constructor.name).toBe('Timeout');
    await sleep(50);
    expect(fired).toBe(false);
    clearTimeout(long);
    clearTimeout(short);
  });
});

describe('the local runner', () => {
  let runner: StateMachineRunner;
  beforeAll(() => {
    runner = new StateMachineRunner({ stateMachineArn: FIXTURE_STATE_MACHINE_ARN, ...fixtureWorkflow() });
  });
  afterAll(async () => {
    await runner.close();
  });

  it('a waitForTaskToken task with a 40-day TimeoutSecondsPath waits for its answer', async () => {
    const key = 'long-task';
    const record = runner.start(
      JSON.stringify({ key, batches: [1], wait: { seconds: 40 * DAY_S }, mode: 'store' }),
      'long-task',
    );
    const token = await tokenFor(key);
    await sleep(300);
    expect(record.status).toBe('RUNNING');
    expect(record.events.some((e) => e.type === 'StateFailed')).toBe(false);
    runner.tokens.succeed(token, JSON.stringify({ answered: true }));
    const done = await record.done;
    expect(done.status).toBe('SUCCEEDED');
    expect(JSON.parse(done.output!).answer).toEqual({ answered: true });
  });

  it('a 30-day Wait state waits', async () => {
    const waiting = new StateMachineRunner({
      stateMachineArn: 'arn:aws:states:us-east-1:000000000000:stateMachine:long-wait',
      definition: {
        StartAt: 'Wait',
        States: { Wait: { Type: 'Wait', Seconds: 30 * DAY_S, Next: 'Done' }, Done: { Type: 'Succeed' } },
      },
      functions: new Map(),
    });
    const record = waiting.start('{}', 'long-wait');
    await sleep(300);
    expect(record.status).toBe('RUNNING');
    await waiting.close();
    expect(record.status).toBe('ABORTED');
  });
});
