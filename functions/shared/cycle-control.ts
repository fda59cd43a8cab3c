/**
 * What an operator does with a cycle that went wrong: retry it (redrive the stopped execution from
 * the step that failed, or start a new attempt that takes the cycle over) or cancel it (stop the
 * execution, links answer 410, nothing more is sent). Used by `ladder cycle retry|cancel` and the
 * console; the same SDK calls work against AWS and the local runtime.
 */
import { RedriveExecutionCommand, type SFNClient, StopExecutionCommand } from '@aws-sdk/client-sfn';
import { describeProblems } from '../core/cycle-start-checks.ts';
import { describeExecutionFailure } from '../core/execution-failure.ts';
import { type CycleAttempt, gatherStartFacts, owningAttempt, startCycle } from './cycle-starter.ts';
import { cancelCycle } from './store/cycle-store.ts';

/** A refused operation; the message is one sentence for the operator. */
export class CycleControlError extends Error {
  override readonly name = 'CycleControlError';
}

const STOPPED = ['FAILED', 'TIMED_OUT', 'ABORTED'];

export interface RetryRequest {
  quarter: string;
  /** New times: a new attempt with them (a redrive would keep the old ones). */
  deadline?: string | undefined;
  reminders?: string[] | undefined;
  /** Lifts the quarter-window rule for a new attempt. */
  force?: boolean | undefined;
  now?: Date;
}

export type RetryOutcome =
  | { action: 'redriven'; executionArn: string; executionName: string; message: string }
  | { action: 'new-attempt'; executionArn: string; executionName: string; message: string };

/** The input an attempt was started with (quarter, deadline, reminders), or {} when unreadable. */
function inputOf(attempt: CycleAttempt): { deadline?: string; reminders?: string[] } {
  try {
    const input = JSON.parse(attempt.input ?? '{}') as { deadline?: unknown; reminders?: unknown };
    return {
      ...(typeof input.deadline === 'string' ? { deadline: input.deadline } : {}),
      ...(Array.isArray(input.reminders) ? { reminders: input.reminders as string[] } : {}),
    };
  } catch {
    return {};
  }
}

/**
 * Retries the quarter's stopped cycle. Redrive when it can help: the cycle was opened by that
 * execution, AWS still allows a redrive (14 days), the failure was not bad input, and no new times
 * are given. Otherwise a new attempt, checked like a start (with the old times unless new ones are
 * given), which takes the cycle over from the stopped execution without sending anything twice.
 */
export async function retryCycle(
  client: SFNClient,
  stateMachineArn: string,
  request: RetryRequest,
): Promise<RetryOutcome> {
  const { quarter } = request;
  const { cycle, attempts } = await gatherStartFacts(client, stateMachineArn, quarter);
  const target = owningAttempt(attempts, cycle);
  if (!target) {
    throw new CycleControlError(
      `No review cycle of ${quarter} was started: start it with \`ladder cycle start --quarter ${quarter}\`.`,
    );
  }
  if (cycle?.status === 'cancelled') {
    throw new CycleControlError(
      `The ${quarter} review cycle was cancelled; a cancelled quarter is not started again.`,
    );
  }
  if (cycle?.status === 'published') {
    throw new CycleControlError(
      `The ${quarter} review cycle has finished and was published: nothing to retry.`,
    );
  }
  if (target.status === 'RUNNING') {
    throw new CycleControlError(
      `The ${quarter} review cycle is running (execution ${target.name}): nothing to retry.`,
    );
  }
  if (!STOPPED.includes(target.status)) {
    throw new CycleControlError(
      `The ${quarter} review cycle's execution ${target.name} ended ${target.status}: nothing to retry.`,
    );
  }
  const newTimes = request.deadline !== undefined || request.reminders !== undefined;
  const ownsCycle = cycle !== undefined && cycle.executionId === target.executionArn;
  const redrivable =
    ownsCycle &&
    !newTimes &&
    target.error !== 'InvalidInputError' &&
    (target.redriveStatus === undefined || target.redriveStatus.startsWith('REDRIVABLE'));
  if (redrivable) {
    await client.send(new RedriveExecutionCommand({ executionArn: target.executionArn }));
    return {
      action: 'redriven',
      executionArn: target.executionArn,
      executionName: target.name,
      message: `Redriving the ${quarter} review cycle (execution ${target.name}) from the step that stopped; nothing already sent is sent again.`,
    };
  }
  const previous = inputOf(target);
  const outcome = await startCycle(
    client,
    stateMachineArn,
    {
      quarter,
      deadline: request.deadline ?? previous.deadline,
      reminders: request.reminders ?? (request.deadline === undefined ? previous.reminders : undefined),
    },
    {
      ...(request.now ? { now: request.now } : {}),
      ...(request.force ? { force: true } : {}),
      ...(ownsCycle ? { supersedes: target.executionArn } : {}),
    },
  );
  if (!outcome.started || !outcome.executionArn || !outcome.executionName) {
    throw new CycleControlError(describeProblems(outcome.problems));
  }
  const why = describeExecutionFailure(target.status, target.error, target.cause);
  return {
    action: 'new-attempt',
    executionArn: outcome.executionArn,
    executionName: outcome.executionName,
    message: `Started attempt ${outcome.executionName} of the ${quarter} review cycle${ownsCycle ? `, taking over from ${target.name}` : ''}${why ? ` (the last one stopped: ${why.replace(/\.$/, '')})` : ''}; nothing already sent is sent again.`,
  };
}

export interface CancelResult {
  /** Executions stopped now. */
  stopped: string[];
  message: string;
}

/**
 * Cancels the quarter's cycle: marks the cycle record cancelled first (every link answers 410, no
 * step sends anything more, a late OpenCycle finds the quarter taken), then stops every running
 * attempt. A published cycle cannot be cancelled.
 */
export async function cancelQuarterCycle(
  client: SFNClient,
  stateMachineArn: string,
  quarter: string,
  now = new Date(),
): Promise<CancelResult> {
  const { cycle, attempts } = await gatherStartFacts(client, stateMachineArn, quarter);
  const running = attempts.filter((a) => a.status === 'RUNNING');
  if (!cycle && running.length === 0) {
    throw new CycleControlError(`No review cycle of ${quarter} is open: nothing to cancel.`);
  }
  if (cycle?.status === 'published') {
    throw new CycleControlError(
      `The ${quarter} review cycle has finished and was published: it cannot be cancelled.`,
    );
  }
  const owner = owningAttempt(attempts, cycle);
  const outcome = await cancelCycle(quarter, cycle?.executionId ?? owner?.executionArn ?? '', now);
  if (!outcome.cancelled) {
    throw new CycleControlError(
      `The ${quarter} review cycle finished while it was being cancelled: it was published.`,
    );
  }
  for (const attempt of running) {
    await client.send(
      new StopExecutionCommand({
        executionArn: attempt.executionArn,
        error: 'Ladder.Cancelled',
        cause: `The ${quarter} review cycle was cancelled with ladder cycle cancel.`,
      }),
    );
  }
  const stopped = running.map((a) => a.name);
  const already = outcome.before === 'cancelled' && stopped.length === 0;
  return {
    stopped,
    message: already
      ? `The ${quarter} review cycle was already cancelled.`
      : `Cancelled the ${quarter} review cycle${stopped.length ? ` (stopped ${stopped.join(', ')})` : ''}: its links now say the review is closed and nothing more is sent.`,
  };
}
