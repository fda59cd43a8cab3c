import { DescribeExecutionCommand } from '@aws-sdk/client-sfn';
import { executionNameFor, isQuarterId } from '../../functions/core/quarter.ts';
import { sfn } from '../../functions/shared/aws-clients.ts';
import { startCycle } from '../../functions/shared/cycle-starter.ts';
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

export async function cycleStart(
  stateMachineArn: string,
  options: { quarter: string; deadline?: string; reminders?: string[] },
  log: (line: string) => void = console.log,
) {
  const quarter = requireQuarter(options.quarter);
  // StartExecution is idempotent for the same name and input while the execution runs (it returns
  // the running one), so ask first to tell the HR admin the truth.
  const existing = await describeCycleExecution(stateMachineArn, quarter);
  if (existing) {
    log(
      `The ${quarter} review cycle was already started (execution ${executionNameFor(quarter)}, ${existing.status}); nothing new was sent.`,
    );
    return { started: false, executionArn: existing.executionArn, executionName: executionNameFor(quarter) };
  }
  const outcome = await startCycle(sfn(), stateMachineArn, {
    quarter,
    ...(options.deadline ? { deadline: options.deadline } : {}),
    ...(options.reminders?.length ? { reminders: options.reminders } : {}),
  });
  log(
    outcome.started
      ? `Started the ${quarter} review cycle: execution ${outcome.executionName}.`
      : `The ${quarter} review cycle was already started (execution ${outcome.executionName}); nothing new was sent.`,
  );
  return outcome;
}

function executionArnFor(stateMachineArn: string, quarter: string): string {
  return `${stateMachineArn.replace(':stateMachine:', ':execution:')}:${executionNameFor(quarter)}`;
}

async function describeCycleExecution(stateMachineArn: string, quarter: string) {
  const executionArn = executionArnFor(stateMachineArn, quarter);
  try {
    const described = await sfn().send(new DescribeExecutionCommand({ executionArn }));
    return {
      executionArn,
      status: described.status ?? 'UNKNOWN',
      error: described.error,
      cause: described.cause,
    };
  } catch (error) {
    if ((error as Error).name === 'ExecutionDoesNotExist') return undefined;
    throw error;
  }
}

export interface CycleStatusReport {
  quarter: string;
  status: string;
  execution: string;
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
  const cycle = await getCycle(quarter);
  const described = await describeCycleExecution(stateMachineArn, quarter);
  let execution = described?.status ?? 'not started';
  if (described?.error) execution += ` (${described.error}: ${described.cause ?? ''})`;
  if (!cycle) return { quarter, status: 'not opened', execution, requests: {} };
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
    quarter,
    status: cycle.status,
    execution,
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
    `Cycle ${report.quarter}: ${report.status} (execution: ${report.execution})`,
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
