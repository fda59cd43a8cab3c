/**
 * The scheduled StartCycle function against the local runtime: it reads the quarter from the
 * scheduled time in the schedule's zone, starts that quarter's next attempt, recognises its own
 * earlier start, and fails loudly — the StartCycle errors alarm — whenever the quarter was not
 * started: already started by someone else, failed, cancelled, or refused by a start check.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rosterImport } from '../../cli/commands/roster.ts';
import { ENV } from '../../functions/catalog.ts';
import { addQuarters, quarterOf } from '../../functions/core/quarter.ts';
import { sfn } from '../../functions/shared/aws-clients.ts';
import { cancelQuarterCycle } from '../../functions/shared/cycle-control.ts';
import { listAttempts } from '../../functions/shared/cycle-starter.ts';
import { catalogFunction, invokeLambda, type LambdaFunctionError } from '../../local/lambda.ts';
import { type LocalRuntime, startLocalRuntime } from '../../local/runtime.ts';
import { pollUntil } from '../support/mail.ts';

const ROSTER = `person_id,name,email,role,team,manager_id,coach_id
m1,Mara Manager,mara@example.com,manager,North,,
c1,Cleo Leader,cleo@example.com,consultant_leader,North,m1,
s1,Sam One,sam1@example.com,salesperson,North,m1,c1
`;
const ZONE = 'Asia/Tokyo';

let runtime: LocalRuntime;
const startCycleFn = catalogFunction('StartCycle');
const invoke = (scheduledTime: string) =>
  invokeLambda(startCycleFn, { scheduledTime }) as Promise<{
    quarter: string;
    started: boolean;
    executionName?: string;
  }>;
const refusal = (scheduledTime: string) =>
  invoke(scheduledTime).then(
    () => {
      throw new Error('expected the scheduled start to fail');
    },
    (error: LambdaFunctionError) => error,
  );

/** 07:00 in Tokyo on the first day of the current Tokyo quarter: still the day before in UTC. */
function firstMorningOfThisQuarterInTokyo(): { scheduledTime: string; tokyoQuarter: string } {
  const current = quarterOf(new Date(), ZONE);
  const [year, q] = current.split('-Q').map(Number) as [number, number];
  const scheduled = new Date(Date.UTC(year, (q - 1) * 3, 1, 7 - 9)); // JST is UTC+9, no DST
  return { scheduledTime: scheduled.toISOString(), tokyoQuarter: addQuarters(current, -1) };
}

beforeAll(async () => {
  runtime = await startLocalRuntime({ quiet: true, retryIntervalScale: 0.01 });
  process.env[ENV.timeZone] = ZONE;
});
afterAll(async () => {
  await runtime?.close();
});

describe('StartCycle (EventBridge Scheduler target)', () => {
  it('a quarter that cannot start (no roster yet) fails the invocation: the alarm goes off', async () => {
    const { scheduledTime, tokyoQuarter } = firstMorningOfThisQuarterInTokyo();
    const error = await refusal(scheduledTime);
    expect(error.name).toBe('ScheduledStartRefused');
    expect(error.errorMessage).toBe(
      `The scheduled start of the ${tokyoQuarter} review cycle started nothing. No roster has been imported yet: import one with \`ladder roster import FILE\` first.`,
    );
    expect(runtime.executions.list()).toHaveLength(0);
  });

  it('starts the quarter just ended on the calendar of the schedule zone, not the UTC one', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ladder-start-'));
    await writeFile(join(dir, 'roster.csv'), ROSTER);
    await rosterImport(join(dir, 'roster.csv'), () => {});
    const { scheduledTime, tokyoQuarter } = firstMorningOfThisQuarterInTokyo();
    // In UTC the scheduled time is the last day of the quarter before: UTC would start one quarter too early.
    expect(quarterOf(new Date(scheduledTime))).toBe(tokyoQuarter);

    const result = await invoke(scheduledTime);
    expect(result).toMatchObject({
      quarter: tokyoQuarter,
      started: true,
      executionName: `cycle-${tokyoQuarter}-1`,
    });
    const [attempt] = await listAttempts(sfn(), runtime.stateMachineArn, tokyoQuarter);
    expect(JSON.parse(attempt!.input!)).toEqual({ quarter: tokyoQuarter, scheduledTime });

    // Lambda retries an invocation whose answer was lost: its own start is no failure, and no second attempt.
    expect(await invoke(scheduledTime)).toMatchObject({ quarter: tokyoQuarter, started: false });
    expect(await listAttempts(sfn(), runtime.stateMachineArn, tokyoQuarter)).toHaveLength(1);
  });

  it('a quarter already started by someone else, or cancelled, raises the alarm with a sentence', async () => {
    const { scheduledTime, tokyoQuarter } = firstMorningOfThisQuarterInTokyo();
    await pollUntil(
      async () =>
        (await runtime.executions.list()).some((e) => e.events.some((ev) => ev.type === 'StateExited')),
      { timeoutMs: 20_000 },
    );
    const later = new Date(Date.parse(scheduledTime) + 3600_000).toISOString();
    const started = await refusal(later);
    expect(started.name).toBe('ScheduledStartRefused');
    expect(started.errorMessage).toMatch(
      new RegExp(
        `^The scheduled start of the ${tokyoQuarter} review cycle started nothing\\. The ${tokyoQuarter} review cycle was already started \\(execution cycle-${tokyoQuarter}-1, RUNNING\\)`,
      ),
    );

    await cancelQuarterCycle(sfn(), runtime.stateMachineArn, tokyoQuarter);
    const cancelled = await refusal(scheduledTime);
    expect(cancelled.errorMessage).toMatch(/was cancelled .*; a cancelled quarter is not started again\.$/);
    expect(await listAttempts(sfn(), runtime.stateMachineArn, tokyoQuarter)).toHaveLength(1);
  });
});
