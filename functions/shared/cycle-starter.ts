/**
 * Starts the review cycle of a quarter: gathers the facts the start checks need (roster in force,
 * the quarter's cycle record and executions), runs functions/core/cycle-start-checks.ts and, when
 * nothing is wrong, starts the next attempt `cycle-<quarter>-<n>`. Used by the scheduled StartCycle
 * function, `ladder cycle start|retry` and the console.
 *
 * Names are per attempt, so a failed first attempt never blocks its quarter; that a quarter has
 * one cycle is guarded by OpenCycle's conditional write of the cycle record.
 */
import {
  DescribeExecutionCommand,
  ExecutionAlreadyExists,
  type SFNClient,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import {
  CYCLE_START_CHECKS,
  type CycleStartCheck,
  type CycleStartFacts,
  type CycleStartProblem,
  type CycleStartRequest,
  type CycleStartSettings,
  checkCycleStart,
  cycleStartSettingsFrom,
  type SendingFacts,
} from '../core/cycle-start-checks.ts';
import { executionNameFor, legacyExecutionNameFor } from '../core/quarter.ts';
import { sendingNeeds } from '../core/send-plan.ts';
import { optionalEnv } from './env.ts';
import { logger } from './middleware.ts';
import { pacerSettings, readSendQuota } from './pacer.ts';
import { getCycle } from './store/cycle-store.ts';
import type { CycleItem } from './store/items.ts';
import { currentRoster, rosterPeople } from './store/roster-store.ts';

/** One execution (attempt) of a quarter's cycle, as DescribeExecution tells it. */
export interface CycleAttempt {
  name: string;
  /** 1, 2, …; 0 for the name earlier versions used (`cycle-<quarter>`). */
  attempt: number;
  executionArn: string;
  status: string;
  error?: string | undefined;
  cause?: string | undefined;
  /** The execution input (JSON text). */
  input?: string | undefined;
  startDate?: Date | undefined;
  stopDate?: Date | undefined;
  /** `REDRIVABLE` or `NOT_REDRIVABLE` (AWS: redrive is possible for 14 days). */
  redriveStatus?: string | undefined;
  redriveStatusReason?: string | undefined;
}

export interface StartCycleOptions {
  /** Default: now. */
  now?: Date;
  /** Lifts the quarter-window rule (quarter not ended, or older than the configured maximum). */
  force?: boolean;
  /** Default: from the environment (cycleStartSettings). */
  settings?: CycleStartSettings;
  /** A retry: the execution whose cycle the new attempt takes over (OpenCycle checks it owns it). */
  supersedes?: string;
  /** The schedule's `<aws.scheduler.scheduled-time>`, stored in the input to recognise its own start. */
  scheduledTime?: string;
  /** Checks to run instead of CYCLE_START_CHECKS. */
  checks?: readonly CycleStartCheck[];
}

export interface StartCycleOutcome {
  started: boolean;
  quarter: string;
  /** The started attempt, or the quarter's newest one when nothing was started. */
  executionArn?: string | undefined;
  executionName?: string | undefined;
  /** Why nothing was started (one sentence each); empty when started. */
  problems: CycleStartProblem[];
  /** The quarter's executions before this start, oldest first. */
  attempts: CycleAttempt[];
}

/** The start-check settings of this deployment (environment; defaults where unset). */
export function cycleStartSettings(): CycleStartSettings {
  return cycleStartSettingsFrom({
    reviewDays: optionalEnv('reviewDays'),
    maxReviewDays: optionalEnv('maxReviewDays'),
    maxQuarterAge: optionalEnv('maxQuarterAge'),
    timeZone: optionalEnv('timeZone'),
  });
}

export function executionArnOf(stateMachineArn: string, name: string): string {
  return `${stateMachineArn.replace(':stateMachine:', ':execution:')}:${name}`;
}

async function describeAttempt(
  client: SFNClient,
  stateMachineArn: string,
  name: string,
  attempt: number,
): Promise<CycleAttempt | undefined> {
  const executionArn = executionArnOf(stateMachineArn, name);
  try {
    const described = await client.send(new DescribeExecutionCommand({ executionArn }));
    return {
      name,
      attempt,
      executionArn,
      status: described.status ?? 'UNKNOWN',
      error: described.error,
      cause: described.cause,
      input: described.input,
      startDate: described.startDate,
      stopDate: described.stopDate,
      redriveStatus: described.redriveStatus,
      redriveStatusReason: described.redriveStatusReason,
    };
  } catch (error) {
    if ((error as Error).name === 'ExecutionDoesNotExist') return undefined;
    throw error;
  }
}

/**
 * Every execution of a quarter's cycle, oldest first: the legacy `cycle-<quarter>` if it exists,
 * then `cycle-<quarter>-1`, `-2`, … up to the first name that does not exist. A handful of
 * DescribeExecution calls: a quarter has a few attempts at most.
 */
export async function listAttempts(
  client: SFNClient,
  stateMachineArn: string,
  quarter: string,
): Promise<CycleAttempt[]> {
  const attempts: CycleAttempt[] = [];
  const legacy = await describeAttempt(client, stateMachineArn, legacyExecutionNameFor(quarter), 0);
  if (legacy) attempts.push(legacy);
  for (let attempt = 1; ; attempt++) {
    const found = await describeAttempt(client, stateMachineArn, executionNameFor(quarter, attempt), attempt);
    if (!found) return attempts;
    attempts.push(found);
  }
}

/** The attempt that owns the quarter's cycle (its record names it), else the newest attempt. */
export function owningAttempt(
  attempts: CycleAttempt[],
  cycle: CycleItem | undefined,
): CycleAttempt | undefined {
  return attempts.find((a) => cycle && a.executionArn === cycle.executionId) ?? attempts.at(-1);
}

export interface QuarterState {
  cycle: CycleItem | undefined;
  attempts: CycleAttempt[];
  facts: CycleStartFacts;
}

/**
 * What the cycle would email (from the roster in force) and what the SES account allows now;
 * undefined when SES cannot be asked (no permission, or unreachable): the start is then not refused
 * for quota, and the workflow still paces every email to the account.
 */
async function sendingFacts(rosterVersion: string): Promise<SendingFacts | undefined> {
  const quota = await readSendQuota();
  if (!quota) {
    logger.warn('SES send quota unavailable: the start is not checked against it');
    return undefined;
  }
  const needs = sendingNeeds(await rosterPeople(rosterVersion));
  return { teams: needs.teams, reports: needs.reports, quota, share: pacerSettings().share };
}

/** What a start needs to know about the deployment and the quarter. */
export async function gatherStartFacts(
  client: SFNClient,
  stateMachineArn: string,
  quarter: string,
): Promise<QuarterState> {
  const [roster, cycle, attempts] = await Promise.all([
    currentRoster(),
    getCycle(quarter),
    listAttempts(client, stateMachineArn, quarter),
  ]);
  const owner = owningAttempt(attempts, cycle);
  return {
    cycle,
    attempts,
    facts: {
      roster: roster ? { version: roster.version, people: roster.people } : undefined,
      sending: roster && !cycle ? await sendingFacts(roster.version) : undefined,
      quarter: {
        cycleStatus: cycle?.status,
        latestAttempt: owner ? { name: owner.name, status: owner.status } : undefined,
      },
    },
  };
}

/**
 * Checks the request and, when nothing is wrong, starts the quarter's next attempt. Never throws
 * for a refused start: `started: false` with the problems. Throws for AWS errors.
 */
export async function startCycle(
  client: SFNClient,
  stateMachineArn: string,
  request: CycleStartRequest,
  options: StartCycleOptions = {},
): Promise<StartCycleOutcome> {
  const quarter = request.quarter;
  const settings = options.settings ?? cycleStartSettings();
  const now = options.now ?? new Date();
  const validQuarter = /^\d{4}-Q[1-4]$/.test(String(quarter));
  const state = validQuarter
    ? await gatherStartFacts(client, stateMachineArn, quarter)
    : { cycle: undefined, attempts: [], facts: { roster: await currentRoster(), quarter: {} } };
  // A retry takes over its own quarter: the "quarter already has a cycle" rule does not apply.
  const facts: CycleStartFacts = options.supersedes ? { ...state.facts, quarter: {} } : state.facts;
  const verdict = checkCycleStart(
    { request, now, force: options.force, settings, facts },
    options.checks ?? CYCLE_START_CHECKS,
  );
  const owner = owningAttempt(state.attempts, state.cycle);
  if (!verdict.ok) {
    return {
      started: false,
      quarter,
      executionArn: owner?.executionArn,
      executionName: owner?.name,
      problems: verdict.problems,
      attempts: state.attempts,
    };
  }
  const attempt = Math.max(0, ...state.attempts.map((a) => a.attempt)) + 1;
  const executionName = executionNameFor(quarter, attempt);
  const input = {
    quarter,
    ...(request.deadline === undefined ? {} : { deadline: request.deadline }),
    ...(request.reminders === undefined ? {} : { reminders: request.reminders }),
    ...(options.supersedes ? { supersedes: options.supersedes } : {}),
    ...(options.scheduledTime ? { scheduledTime: options.scheduledTime } : {}),
  };
  try {
    const result = await client.send(
      new StartExecutionCommand({ stateMachineArn, name: executionName, input: JSON.stringify(input) }),
    );
    return {
      started: true,
      quarter,
      executionArn: result.executionArn ?? executionArnOf(stateMachineArn, executionName),
      executionName,
      problems: [],
      attempts: state.attempts,
    };
  } catch (error) {
    if (error instanceof ExecutionAlreadyExists || (error as Error).name === 'ExecutionAlreadyExists') {
      // Another start of the same quarter took this attempt's name a moment ago.
      return {
        started: false,
        quarter,
        executionArn: executionArnOf(stateMachineArn, executionName),
        executionName,
        problems: [
          {
            code: 'already-started',
            message: `The ${quarter} review cycle was started by someone else a moment ago (execution ${executionName}); nothing new was sent.`,
          },
        ],
        attempts: state.attempts,
      };
    }
    throw error;
  }
}
