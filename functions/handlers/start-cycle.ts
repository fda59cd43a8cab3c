/**
 * EventBridge Scheduler target: on the first working day of a quarter, start the cycle of the
 * quarter just ended. The quarter is read from the scheduled time (UTC ISO 8601, as Scheduler
 * passes `<aws.scheduler.scheduled-time>`) on the company calendar (`LADDER_TIME_ZONE`, the
 * schedule's own zone): 07:00 on 1 January in Tokyo is still 31 December in UTC.
 *
 * A scheduled start that cannot start its quarter — already started, failed, cancelled, or refused
 * by the start checks — fails the invocation with one sentence: the StartCycle errors alarm
 * (infra/constructs/failure-alerts.ts) notifies the operators, so a quarter is never skipped in
 * silence. Its own earlier start (Lambda retries an invocation whose response was lost) is not a
 * failure: the execution input carries the scheduled time.
 */
import { describeProblems } from '../core/cycle-start-checks.ts';
import { previousQuarter } from '../core/quarter.ts';
import { sfn } from '../shared/aws-clients.ts';
import { type CycleAttempt, cycleStartSettings, startCycle } from '../shared/cycle-starter.ts';
import { requireEnv } from '../shared/env.ts';
import { logger, workflowHandler } from '../shared/middleware.ts';

export interface StartCycleEvent {
  /** ISO time of the schedule (EventBridge Scheduler `<aws.scheduler.scheduled-time>`); defaults to now. */
  scheduledTime?: string;
}

export interface StartCycleResult {
  quarter: string;
  started: boolean;
  executionName?: string | undefined;
  executionArn?: string | undefined;
}

/** The scheduled start did not start its quarter; the invocation fails so the alarm goes off. */
export class ScheduledStartRefusedError extends Error {
  override readonly name = 'ScheduledStartRefused';
}

function scheduledTimeOf(attempt: CycleAttempt | undefined): string | undefined {
  try {
    const input = JSON.parse(attempt?.input ?? '{}') as { scheduledTime?: unknown };
    return typeof input.scheduledTime === 'string' ? input.scheduledTime : undefined;
  } catch {
    return undefined;
  }
}

async function startScheduledCycle(event: StartCycleEvent): Promise<StartCycleResult> {
  const settings = cycleStartSettings();
  const given = event?.scheduledTime ? new Date(event.scheduledTime) : undefined;
  const scheduledAt = given && !Number.isNaN(given.getTime()) ? given : new Date();
  const scheduledTime = scheduledAt.toISOString();
  const quarter = previousQuarter(scheduledAt, settings.timeZone);
  const outcome = await startCycle(
    sfn(),
    requireEnv('stateMachineArn'),
    { quarter },
    { settings, scheduledTime },
  );
  if (outcome.started) {
    logger.info('cycle started', { quarter, executionName: outcome.executionName, scheduledTime });
    return {
      quarter,
      started: true,
      executionName: outcome.executionName,
      executionArn: outcome.executionArn,
    };
  }
  const own = outcome.attempts.find(
    (attempt) => attempt.executionArn === outcome.executionArn && scheduledTimeOf(attempt) === scheduledTime,
  );
  if (own && outcome.problems.every((p) => p.code === 'already-started')) {
    logger.info('this scheduled start had already started the cycle', { quarter, executionName: own.name });
    return { quarter, started: false, executionName: own.name, executionArn: own.executionArn };
  }
  const reasons = describeProblems(outcome.problems);
  logger.error('scheduled start refused: the quarter was not started', {
    quarter,
    scheduledTime,
    codes: outcome.problems.map((p) => p.code),
  });
  throw new ScheduledStartRefusedError(
    `The scheduled start of the ${quarter} review cycle started nothing. ${reasons}`,
  );
}

export const handler = workflowHandler(startScheduledCycle);
