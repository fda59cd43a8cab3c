import { describeExecutionFailure } from '../../functions/core/execution-failure.ts';
import { isQuarterId } from '../../functions/core/quarter.ts';
import type { CycleEmails, SendingStatus } from '../../functions/core/sending-status.ts';
import { sfn } from '../../functions/shared/aws-clients.ts';
import { CycleControlError, cancelQuarterCycle, retryCycle } from '../../functions/shared/cycle-control.ts';
import { readCycleEmails } from '../../functions/shared/cycle-emails.ts';
import { listAttempts, owningAttempt, startCycle } from '../../functions/shared/cycle-starter.ts';
import { currentQuota } from '../../functions/shared/pacer.ts';
import { getCycle } from '../../functions/shared/store/cycle-store.ts';
import { listCycleRequests } from '../../functions/shared/store/request-store.ts';
import { getSummary } from '../../functions/shared/store/result-store.ts';
import { CommandError } from './roster.ts';
import { logSendingSpread } from './send-plan.ts';

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
    await logSendingSpread({ ...options, quarter }, log);
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
   * Requests whose email hard-bounced or drew a complaint (SES events), those not emailed because
   * the address is suppressed, and those whose rater SES refused to email (undeliverable).
   */
  delivery?: { bounced: number; complained: number; suppressed: number; undeliverable: number };
  /** What became of the emails, per rater (one invitation each), and of the reports. */
  emails?: CycleEmails;
  /** The SES account as the shared send schedule last read it, and what waits for its quota. */
  sending?: SendingStatus;
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
  const delivery = { bounced: 0, complained: 0, suppressed: 0, undeliverable: 0 };
  for (const request of await listCycleRequests(quarter)) {
    requests.total = (requests.total ?? 0) + 1;
    requests[request.status] = (requests[request.status] ?? 0) + 1;
    if (request.bouncedAt) delivery.bounced++;
    if (request.complainedAt) delivery.complained++;
    if (request.suppressedAt) delivery.suppressed++;
    if (request.undeliverableAt) delivery.undeliverable++;
  }
  const [summary, mail] = await Promise.all([
    getSummary(quarter),
    readCycleEmails(quarter, { readSchedule: currentQuota }),
  ]);
  return {
    ...base,
    status: cycle.status,
    deadline: cycle.deadline,
    requests,
    reminderRoundsStarted: cycle.remindersStarted,
    leaders: cycle.leaderCount,
    ...(summary ? { recommendations: summary.recommendations } : {}),
    delivery,
    emails: mail.emails,
    ...(mail.sending ? { sending: mail.sending } : {}),
  };
}

const count = (n: number) => n.toLocaleString('en-US');

function emailLines(report: CycleStatusReport): string[] {
  const lines: string[] = [];
  const e = report.emails;
  if (e && e.raters > 0) {
    lines.push(
      `Emails: ${count(e.raters)} raters; ${count(e.invited)} invitations sent, ${count(e.reminders)} reminders, ${count(e.reports)} reports; in doubt ${e.inDoubt}, not sent yet ${count(e.waiting)}, received twice ${e.duplicates}`,
    );
    if (e.undeliverable > 0) {
      lines.push(
        `Undeliverable: ${count(e.undeliverable)} raters, SES refused their email: ${e.reasons.map((r) => `${r.reason} (${r.raters})`).join('; ')}`,
      );
    }
  }
  const s = report.sending;
  if (s) {
    const { allowance } = s;
    lines.push(
      `SES: ${s.maxSendRate}/s and ${count(s.max24HourSend)} per 24 h (Ladder's share ${Math.round(s.share * 100)} %: ${allowance.rate.toFixed(1)}/s, ${count(allowance.daily)} per 24 h); sent in the last 24 h ${count(s.sentLast24Hours)}, left ${count(s.remaining)}`,
    );
    if (s.waitingForQuota) {
      lines.push(
        `Waiting for quota: ${count(s.waiting)} invitations; the next go at about ${s.nextAt ?? 'when SES frees quota'}${s.allAt ? `, all by about ${s.allAt}` : ''}`,
      );
    }
  }
  return lines;
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
          `Delivery: bounced ${report.delivery.bounced}, complained ${report.delivery.complained}, not sent to suppressed addresses ${report.delivery.suppressed}, undeliverable ${report.delivery.undeliverable}`,
        ]
      : []),
    ...emailLines(report),
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
