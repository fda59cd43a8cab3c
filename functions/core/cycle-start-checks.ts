/**
 * Everything that must hold before a quarter's review cycle is started, checked in one place: the
 * CLI (`ladder cycle start` / `retry`), the scheduled StartCycle function and the console run these
 * checks before StartExecution, so a typo is refused with a sentence instead of failing inside the
 * workflow. Pure: the caller gathers the facts (roster, what the quarter already has) and the time.
 *
 * Adding a check: give `CycleStartFacts` an optional field for the fact it needs (gathered by
 * functions/shared/cycle-starter.ts, left undefined by callers that do not know it) and append a
 * function to `CYCLE_START_CHECKS`. A check returns the problems it finds, each one sentence.
 */
import * as z from 'zod';
import { type CyclePlan, DEFAULT_REVIEW_DAYS, planCycle } from './cycle-plan.ts';
import type { TeamCount } from './invitations.ts';
import type { CycleStatus } from './model.ts';
import { isQuarterId, isTimeZone, parseQuarter, quarterIndex, quarterOf } from './quarter.ts';
import type { AccountQuota } from './send-pacing.ts';
import { earliestFeasibleDeadline, planSending } from './send-plan.ts';

/** Operator settings the checks apply (CDK context on AWS; environment locally). */
export interface CycleStartSettings {
  /** Days raters get when no deadline is given. */
  reviewDays: number;
  /** A deadline may be at most this many days after the start. */
  maxReviewDays: number;
  /** Without `force`, a cycle may review the quarter just ended (1) up to this many quarters back. */
  maxQuarterAge: number;
  /** IANA zone of the company calendar: when a quarter ends (and the schedule's zone). */
  timeZone: string;
}

export const DEFAULT_MAX_REVIEW_DAYS = 60;
export const DEFAULT_MAX_QUARTER_AGE = 4;

export const DEFAULT_CYCLE_START_SETTINGS: CycleStartSettings = {
  reviewDays: DEFAULT_REVIEW_DAYS,
  maxReviewDays: DEFAULT_MAX_REVIEW_DAYS,
  maxQuarterAge: DEFAULT_MAX_QUARTER_AGE,
  timeZone: 'UTC',
};

/** Step Functions execution statuses, as DescribeExecution reports them. */
export type ExecutionStatus =
  | 'RUNNING'
  | 'SUCCEEDED'
  | 'FAILED'
  | 'TIMED_OUT'
  | 'ABORTED'
  | 'PENDING_REDRIVE';

/** The newest execution (attempt) of a quarter's cycle. */
export interface AttemptFact {
  name: string;
  status: ExecutionStatus | string;
}

/** What the quarter already has. */
export interface QuarterFacts {
  /** Status of the quarter's cycle record; undefined when no cycle was opened. */
  cycleStatus?: CycleStatus | undefined;
  /** The newest execution of the quarter, if any. */
  latestAttempt?: AttemptFact | undefined;
}

/**
 * Facts the checks need, gathered by the caller. `roster` and `quarter` are always gathered;
 * later checks add optional fields here (undefined: the fact is unknown and its check passes).
 */
export interface CycleStartFacts {
  /** The roster in force; undefined when none was imported. */
  roster: { version: string; people: number } | undefined;
  quarter: QuarterFacts;
  /**
   * What the cycle must email and what the SES account allows (functions/core/send-plan.ts);
   * undefined when SES could not be asked (the workflow still paces every email to the account).
   */
  sending?: SendingFacts | undefined;
}

export interface SendingFacts {
  /** Invitations per team, in sending order (`sendingNeeds` of the roster in force). */
  teams: readonly TeamCount[];
  /** Leader reports, manager summaries and HR's summary. */
  reports: number;
  quota: AccountQuota;
  /** Share of the account Ladder may use (0–1). */
  share: number;
}

export interface CycleStartRequest {
  quarter: string;
  deadline?: string | undefined;
  reminders?: string[] | undefined;
}

export interface CycleStartContext {
  request: CycleStartRequest;
  /** When the cycle would start. */
  now: Date;
  /** Lifts the quarter-window rule (a quarter not yet ended, or older than `maxQuarterAge`). */
  force?: boolean | undefined;
  settings: CycleStartSettings;
  facts: CycleStartFacts;
}

export type CycleStartProblemCode =
  | 'invalid-request'
  | 'invalid-quarter'
  | 'quarter-not-ended'
  | 'quarter-too-old'
  | 'invalid-deadline'
  | 'deadline-not-in-future'
  | 'deadline-too-far'
  | 'invalid-reminder'
  | 'reminder-outside-window'
  | 'no-roster'
  | 'already-started'
  | 'failed'
  | 'cancelled'
  // Codes of checks added later.
  | (string & {});

export interface CycleStartProblem {
  code: CycleStartProblemCode;
  /** One sentence naming the problem (and what to do). */
  message: string;
}

export type CycleStartCheck = (context: CycleStartContext) => CycleStartProblem[];

export type CycleStartVerdict =
  | { ok: true; plan: CyclePlan; problems: [] }
  | { ok: false; problems: CycleStartProblem[] };

/** The codes that mean "this quarter already has its cycle", not "this request is wrong". */
export const QUARTER_TAKEN_CODES: readonly CycleStartProblemCode[] = [
  'already-started',
  'failed',
  'cancelled',
];

const DAY_MS = 24 * 3600 * 1000;

const problem = (code: CycleStartProblemCode, message: string): CycleStartProblem[] => [{ code, message }];

/** Milliseconds of an ISO 8601 date-time with a zone (`Z` or an offset); undefined for anything else. */
function instant(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  if (!z.iso.datetime({ offset: true }).safeParse(value).success) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

/** The first day of the quarter after `quarter`, e.g. `2026-Q4` → `2027-01-01`. */
export function quarterEndDate(quarter: string): string {
  const { year, quarter: n } = parseQuarter(quarter);
  return n === 4 ? `${year + 1}-01-01` : `${year}-${String(n * 3 + 1).padStart(2, '0')}-01`;
}

/** The deadline a request amounts to (given, or the default), in milliseconds; undefined when invalid. */
function deadlineOf({ request, now, settings }: CycleStartContext): number | undefined {
  if (request.deadline === undefined) return now.getTime() + settings.reviewDays * DAY_MS;
  return instant(request.deadline);
}

const checkQuarter: CycleStartCheck = ({ request }) =>
  isQuarterId(String(request.quarter))
    ? []
    : problem(
        'invalid-quarter',
        `Quarter ${JSON.stringify(request.quarter ?? '')} is not a quarter id: use the form 2026-Q4.`,
      );

const checkQuarterWindow: CycleStartCheck = ({ request, now, force, settings }) => {
  if (force || !isQuarterId(String(request.quarter))) return [];
  const current = quarterOf(now, settings.timeZone);
  const age = quarterIndex(current) - quarterIndex(request.quarter);
  if (age < 1) {
    return problem(
      'quarter-not-ended',
      `Quarter ${request.quarter} has not ended yet (it ends on ${quarterEndDate(request.quarter)}, ${settings.timeZone}): start it once it has, or force it with --force.`,
    );
  }
  if (age > settings.maxQuarterAge) {
    return problem(
      'quarter-too-old',
      `Quarter ${request.quarter} ended ${age - 1} quarters before the current one, more than the ${settings.maxQuarterAge} allowed: force it with --force if you really mean it.`,
    );
  }
  return [];
};

const checkDeadline: CycleStartCheck = (context) => {
  const { request, now, settings } = context;
  const deadline = deadlineOf(context);
  if (deadline === undefined) {
    return problem(
      'invalid-deadline',
      `Deadline ${JSON.stringify(request.deadline)} is not an ISO 8601 date-time with a time zone, such as 2027-01-15T17:00:00Z.`,
    );
  }
  if (deadline <= now.getTime()) {
    return problem(
      'deadline-not-in-future',
      `Deadline ${new Date(deadline).toISOString()} is not in the future (it is now ${now.toISOString()}).`,
    );
  }
  if (deadline > now.getTime() + settings.maxReviewDays * DAY_MS) {
    return problem(
      'deadline-too-far',
      `Deadline ${new Date(deadline).toISOString()} is more than ${settings.maxReviewDays} days away, the configured maximum.`,
    );
  }
  return [];
};

const checkReminders: CycleStartCheck = (context) => {
  const { request, now } = context;
  if (request.reminders === undefined) return [];
  if (!Array.isArray(request.reminders)) {
    return problem('invalid-reminder', 'Reminders must be a list of ISO 8601 date-times.');
  }
  if (request.reminders.length > 10) {
    return problem('invalid-reminder', `${request.reminders.length} reminder times given: at most 10.`);
  }
  const deadline = deadlineOf(context);
  const problems: CycleStartProblem[] = [];
  for (const reminder of request.reminders) {
    const time = instant(reminder);
    if (time === undefined) {
      problems.push({
        code: 'invalid-reminder',
        message: `Reminder ${JSON.stringify(reminder)} is not an ISO 8601 date-time with a time zone, such as 2027-01-10T09:00:00Z.`,
      });
    } else if (deadline !== undefined && (time <= now.getTime() || time >= deadline)) {
      problems.push({
        code: 'reminder-outside-window',
        message: `Reminder ${new Date(time).toISOString()} is not between now (${now.toISOString()}) and the deadline (${new Date(deadline).toISOString()}).`,
      });
    }
  }
  return problems;
};

const checkRoster: CycleStartCheck = ({ facts }) =>
  facts.roster
    ? []
    : problem(
        'no-roster',
        'No roster has been imported yet: import one with `ladder roster import FILE` first.',
      );

const checkQuarterFree: CycleStartCheck = ({ request, facts }) => {
  const { cycleStatus, latestAttempt } = facts.quarter;
  const quarter = request.quarter;
  const execution = latestAttempt ? ` (execution ${latestAttempt.name}, ${latestAttempt.status})` : '';
  if (cycleStatus === 'cancelled') {
    return problem(
      'cancelled',
      `The ${quarter} review cycle was cancelled${execution}; a cancelled quarter is not started again.`,
    );
  }
  const ended = latestAttempt && ['FAILED', 'TIMED_OUT', 'ABORTED'].includes(latestAttempt.status);
  if (cycleStatus !== undefined && cycleStatus !== 'published' && ended) {
    return problem(
      'failed',
      `The ${quarter} review cycle stopped before it finished${execution}: continue it with \`ladder cycle retry --quarter ${quarter}\`.`,
    );
  }
  // A failed attempt that never opened the cycle (it sent nothing) does not hold the quarter.
  if (cycleStatus !== undefined || (latestAttempt && !ended)) {
    return problem(
      'already-started',
      `The ${quarter} review cycle was already started${execution}; nothing new was sent.`,
    );
  }
  return [];
};

/**
 * The SES account's daily quota must carry the cycle: every invitation before the first reminder,
 * every reminder round (worst case: all still open) before the deadline. Checked only when the
 * request itself is sound and the facts are known.
 */
const checkSendingFitsQuota: CycleStartCheck = (context) => {
  const { request, now, settings, facts } = context;
  if (!facts.sending) return [];
  if ([checkDeadline, checkReminders].some((check) => check(context).length > 0)) return [];
  const plan = planCycle(
    {
      quarter: request.quarter,
      ...(request.deadline === undefined ? {} : { deadline: request.deadline }),
      ...(request.reminders === undefined ? {} : { reminders: request.reminders }),
    },
    now,
    settings.reviewDays,
  );
  const input = {
    ...facts.sending,
    start: now.getTime(),
    deadline: Date.parse(plan.deadline),
    reminders: plan.reminders.map((at) => Date.parse(at)),
  };
  const sending = planSending(input);
  if (sending.feasible) return [];
  const earliest = earliestFeasibleDeadline(input);
  const suggestion =
    earliest === undefined
      ? 'Raise the SES sending quota.'
      : `The earliest deadline this quota can meet (reminders at the same points) is ${new Date(earliest).toISOString().replace(/\.\d{3}Z$/, 'Z')}; or raise the SES sending quota.`;
  return problem(
    'quota-cannot-meet-deadline',
    `The SES account's quota cannot meet the deadline: ${sending.problems.join(' ')} ${suggestion}`,
  );
};

/** The checks, in the order their problems are reported. */
export const CYCLE_START_CHECKS: readonly CycleStartCheck[] = [
  checkQuarter,
  checkQuarterWindow,
  checkDeadline,
  checkReminders,
  checkRoster,
  checkQuarterFree,
  checkSendingFitsQuota,
];

/**
 * Runs every check. `ok` with the cycle's plan (deadline and reminders filled in) when nothing is
 * wrong; otherwise every problem found, each one sentence.
 */
export function checkCycleStart(
  context: CycleStartContext,
  checks: readonly CycleStartCheck[] = CYCLE_START_CHECKS,
): CycleStartVerdict {
  const problems = checks.flatMap((check) => check(context));
  if (problems.length > 0) return { ok: false, problems };
  const { request, now, settings } = context;
  const plan = planCycle(
    {
      quarter: request.quarter,
      ...(request.deadline === undefined ? {} : { deadline: request.deadline }),
      ...(request.reminders === undefined ? {} : { reminders: request.reminders }),
    },
    now,
    settings.reviewDays,
  );
  return { ok: true, plan, problems: [] };
}

/** The problems as one text: one sentence each. */
export function describeProblems(problems: readonly CycleStartProblem[]): string {
  return problems.map((p) => p.message).join(' ');
}

/** True when every problem only says that the quarter already has its cycle. */
export function onlyQuarterTaken(problems: readonly CycleStartProblem[]): boolean {
  return problems.length > 0 && problems.every((p) => QUARTER_TAKEN_CODES.includes(p.code));
}

/** Settings from environment-style values (missing → defaults); throws naming a bad value. */
export function cycleStartSettingsFrom(values: {
  reviewDays?: string | undefined;
  maxReviewDays?: string | undefined;
  maxQuarterAge?: string | undefined;
  timeZone?: string | undefined;
}): CycleStartSettings {
  const whole = (name: string, text: string | undefined, fallback: number, min: number, max: number) => {
    if (text === undefined || text.trim() === '') return fallback;
    const value = Number(text);
    if (!Number.isInteger(value) || value < min || value > max)
      throw new RangeError(`${name} must be a whole number from ${min} to ${max}, got "${text}".`);
    return value;
  };
  const maxReviewDays = whole('maxReviewDays', values.maxReviewDays, DEFAULT_MAX_REVIEW_DAYS, 1, 365);
  const reviewDays = whole('reviewDays', values.reviewDays, DEFAULT_REVIEW_DAYS, 1, 365);
  if (reviewDays > maxReviewDays)
    throw new RangeError(`reviewDays (${reviewDays}) must not exceed maxReviewDays (${maxReviewDays}).`);
  const maxQuarterAge = whole('maxQuarterAge', values.maxQuarterAge, DEFAULT_MAX_QUARTER_AGE, 1, 400);
  const timeZone = values.timeZone?.trim() || 'UTC';
  if (!isTimeZone(timeZone)) throw new RangeError(`timeZone must be an IANA time zone, got "${timeZone}".`);
  return { reviewDays, maxReviewDays, maxQuarterAge, timeZone };
}
