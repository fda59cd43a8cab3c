import { describeExecutionFailure } from '../../functions/core/execution-failure.ts';
import { isQuarterId } from '../../functions/core/quarter.ts';
import { sfn } from '../../functions/shared/aws-clients.ts';
import { CycleControlError, cancelQuarterCycle, retryCycle } from '../../functions/shared/cycle-control.ts';
import { listAttempts, owningAttempt, startCycle } from '../../functions/shared/cycle-starter.ts';
import { getCycle } from '../../functions/shared/store/cycle-store.ts';
import { listCycleRequests } from '../../functions/shared/store/request-store.ts';
import { getSummary } from '../../functions/shared/store/result-store.ts';
import { CommandError } from './roster.ts';

export function requireQuarter(quarter: string | undefined): string {
  if (!quarter || !isQuarterId(quarter)) {
    throw new CommandError(`--quarter must look like 2026-Q4 (got ${JSON.stringify(quarter ?? '')})`);
  }
  return quarter;
}

export interface CycleStartResult {
  started: boolean;
  executionArn: string;
  executionName: string;
}

/**
 * `ladder cycle start`: every start check first (functions/core/cycle-start-checks.ts), then the
 * quarter's next attempt. A quarter that already has its cycle is reported (exit 0: nothing new was
 * sent); anything else that is wrong is refused with one sentence per problem.
 */
export async function cycleStart(
  stateMachineArn: string,
  options: { quarter: string; deadline?: string; reminders?: string[]; force?: boolean },
  log: (line: string) => void = console.log,
): Promise<CycleStartResult> {
  const quarter = requireQuarter(options.quarter);
  const outcome = await startCycle(
    sfn(),
    stateMachineArn,
    {
      quarter,
      ...(options.deadline ? { deadline: options.deadline } : {}),
      ...(options.reminders?.length ? { reminders: options.reminders } : {}),
    },
    options.force ? { force: true } : {},
  );
  if (outcome.started && outcome.executionArn && outcome.executionName) {
    log(`Started the ${quarter} review cycle: execution ${outcome.executionName}.`);
    return { started: true, executionArn: outcome.executionArn, executionName: outcome.executionName };
  }
  const message = outcome.problems.map((p) => p.message).join('\n');
  const alreadyStarted = outcome.problems.every((p) => p.code === 'already-started');
  if (alreadyStarted && outcome.problems.length > 0 && outcome.executionArn && outcome.executionName) {
    log(message);
    return { started: false, executionArn: outcome.executionArn, executionName: outcome.executionName };
  }
  throw new CommandError(message);
}

/** `ladder cycle retry`: redrive, or a new attempt that takes the cycle over. */
export async function cycleRetry(
  stateMachineArn: string,
  options: { quarter: string; deadline?: string; reminders?: string[]; force?: boolean },
  log: (line: string) => void = console.log,
) {
  const quarter = requireQuarter(options.quarter);
  try {
    const outcome = await retryCycle(sfn(), stateMachineArn, {
      quarter,
      ...(options.deadline ? { deadline: options.deadline } : {}),
      ...(options.reminders?.length ? { reminders: options.reminders } : {}),
      ...(options.force ? { force: true } : {}),
    });
    log(outcome.message);
    return outcome;
  } catch (error) {
    if (error instanceof CycleControlError) throw new CommandError(error.message);
    throw error;
  }
}

/** `ladder cycle cancel`: stop the execution, links answer 410, nothing more is sent. */
export async function cycleCancel(
  stateMachineArn: string,
  options: { quarter: string },
  log: (line: string) => void = console.log,
) {
  const quarter = requireQuarter(options.quarter);
  try {
    const outcome = await cancelQuarterCycle(sfn(), stateMachineArn, quarter);
    log(outcome.message);
    return outcome;
  } catch (error) {
    if (error instanceof CycleControlError) throw new CommandError(error.message);
    throw error;
  }
}

export interface CycleStatusReport {
  quarter: string;
  status: string;
  /** Status of the execution that owns the cycle (or the newest one), e.g. `RUNNING`; `not started`. */
  execution: string;
  /** Name of that execution, e.g. `cycle-2026-Q4-1`. */
  executionName?: string;
  /** Why the execution stopped, in one sentence (details: execution history and logs). */
  failure?: string;
  /** Executions of the quarter, oldest first (more than one after a retry). */
  attempts?: { name: string; status: string }[];
  deadline?: string;
  requests: Record<string, number>;
  reminderRoundsStarted?: number;
  leaders?: number;
  recommendations?: Record<string, number>;
  /**
   * Requests whose email hard-bounced or drew a complaint (SES events), and those not emailed
   * because the address is suppressed.
   */
  delivery?: { bounced: number; complained: number; suppressed: number };
}

export async function cycleStatus(stateMachineArn: string, quarter: string): Promise<CycleStatusReport> {
  requireQuarter(quarter);
  const [cycle, attempts] = await Promise.all([
    getCycle(quarter),
    listAttempts(sfn(), stateMachineArn, quarter),
  ]);
  const owner = owningAttempt(attempts, cycle);
  const failure = owner ? describeExecutionFailure(owner.status, owner.error, owner.cause) : undefined;
  const base = {
    quarter,
    execution: owner?.status ?? 'not started',
    ...(owner ? { executionName: owner.name } : {}),
    ...(failure ? { failure } : {}),
    ...(attempts.length > 1 ? { attempts: attempts.map((a) => ({ name: a.name, status: a.status })) } : {}),
  };
  if (!cycle) return { ...base, status: 'not opened', requests: {} };
  const requests: Record<string, number> = {
    total: 0,
    pending: 0,
    sent: 0,
    answered: 0,
    declined: 0,
    expired: 0,
  };
  const delivery = { bounced: 0, complained: 0, suppressed: 0 };
  for (const request of await listCycleRequests(quarter)) {
    requests.total = (requests.total ?? 0) + 1;
    requests[request.status] = (requests[request.status] ?? 0) + 1;
    if (request.bouncedAt) delivery.bounced++;
    if (request.complainedAt) delivery.complained++;
    if (request.suppressedAt) delivery.suppressed++;
  }
  const summary = await getSummary(quarter);
  return {
    ...base,
    status: cycle.status,
    deadline: cycle.deadline,
    requests,
    reminderRoundsStarted: cycle.remindersStarted,
    leaders: cycle.leaderCount,
    ...(summary ? { recommendations: summary.recommendations } : {}),
    delivery,
  };
}

export function formatStatus(report: CycleStatusReport): string {
  const lines = [
    `Cycle ${report.quarter}: ${report.status} (execution${report.executionName ? ` ${report.executionName}` : ''}: ${report.execution})`,
    ...(report.failure ? [`Stopped: ${report.failure}`] : []),
    ...(report.failure && report.status !== 'cancelled'
      ? [
          `What to do: fix the cause, then \`ladder cycle retry --quarter ${report.quarter}\` (details in the execution history and the function logs).`,
        ]
      : []),
    ...(report.attempts
      ? [`Attempts: ${report.attempts.map((a) => `${a.name} ${a.status}`).join(', ')}`]
      : []),
    ...(report.deadline ? [`Deadline: ${report.deadline}`] : []),
    ...(report.leaders !== undefined ? [`Leaders: ${report.leaders}`] : []),
    `Requests: ${Object.entries(report.requests)
      .map(([status, n]) => `${status} ${n}`)
      .join(', ')}`,
    ...(report.reminderRoundsStarted !== undefined
      ? [`Reminder rounds sent: ${report.reminderRoundsStarted}`]
      : []),
    ...(report.delivery
      ? [
          `Delivery: bounced ${report.delivery.bounced}, complained ${report.delivery.complained}, not sent to suppressed addresses ${report.delivery.suppressed}`,
        ]
      : []),
    ...(report.recommendations
      ? [
          `Recommendations: ${Object.entries(report.recommendations)
            .map(([r, n]) => `${r} ${n}`)
            .join(', ')}`,
        ]
      : []),
  ];
  return lines.join('\n');
}
