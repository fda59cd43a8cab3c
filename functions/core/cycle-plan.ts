/**
 * The timing of a cycle: validating the requested deadline and reminder times, and deciding at
 * each checkpoint whether the deadline has passed or a reminder round is due. Pure: `now` is given.
 */
import * as z from 'zod';

export const DEFAULT_REVIEW_DAYS = 14;
/** Default reminder times as fractions of the window between opening and the deadline. */
export const DEFAULT_REMINDER_FRACTIONS = [0.5, 0.85];

export interface CyclePlan {
  quarter: string;
  deadline: string;
  reminders: string[];
  /** A new attempt (`ladder cycle retry`) takes the cycle over from this execution (its ARN). */
  supersedes?: string;
}

const isoInstant = z.iso.datetime({
  offset: true,
  message: 'must be an ISO 8601 date-time such as 2027-01-15T17:00:00Z',
});

export const cycleRequestSchema = z.object({
  quarter: z.string().regex(/^\d{4}-Q[1-4]$/, 'must look like 2026-Q4'),
  deadline: isoInstant.optional(),
  reminders: z.array(isoInstant).max(10, 'at most 10 reminder times').optional(),
  /** Set by `ladder cycle retry`: the failed execution whose cycle this attempt takes over. */
  supersedes: z
    .string()
    .regex(/^arn:aws[a-z-]*:states:[^:]*:\d{12}:execution:[^:]+:[^:]+$/, 'must be an execution ARN')
    .optional(),
  /** Set by the quarterly schedule: the scheduled time that started this attempt. */
  scheduledTime: isoInstant.optional(),
});
export type CycleRequest = z.infer<typeof cycleRequestSchema>;

export class InvalidCyclePlanError extends Error {
  override readonly name = 'InvalidInputError';
}

/** Validates a start request against the opening time; fills in the default deadline and reminders. */
export function planCycle(request: unknown, openedAt: Date, reviewDays = DEFAULT_REVIEW_DAYS): CyclePlan {
  const parsed = cycleRequestSchema.safeParse(request);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `${issue.path.join('.') || 'input'} ${issue.message}`,
    );
    throw new InvalidCyclePlanError(`Invalid cycle input: ${problems.join('; ')}`);
  }
  const { quarter } = parsed.data;
  const start = openedAt.getTime();
  const deadline = parsed.data.deadline
    ? new Date(parsed.data.deadline).getTime()
    : start + reviewDays * 24 * 3600 * 1000;
  if (deadline <= start) {
    throw new InvalidCyclePlanError(
      `Invalid cycle input: deadline ${new Date(deadline).toISOString()} is not after the cycle opens (${openedAt.toISOString()})`,
    );
  }
  const reminderTimes = parsed.data.reminders
    ? parsed.data.reminders.map((r) => new Date(r).getTime())
    : DEFAULT_REMINDER_FRACTIONS.map((f) => Math.round(start + (deadline - start) * f));
  for (const time of reminderTimes) {
    if (time <= start || time >= deadline) {
      throw new InvalidCyclePlanError(
        `Invalid cycle input: reminder ${new Date(time).toISOString()} must fall between the opening and the deadline`,
      );
    }
  }
  const reminders = [...new Set(reminderTimes)].sort((a, b) => a - b).map((t) => new Date(t).toISOString());
  return {
    quarter,
    deadline: new Date(deadline).toISOString(),
    reminders,
    ...(parsed.data.supersedes ? { supersedes: parsed.data.supersedes } : {}),
  };
}

export interface CheckpointState {
  /**
   * When the cycle opened and when its invitations had all gone out. Invitations can run late
   * (spread over days by the daily quota, or held back by throttling): a reminder then waits at
   * least half the planned time between opening and the first reminder after the invitations, so
   * nobody is reminded right after being invited.
   */
  openedAt?: string;
  invitationsSentAt?: string;
  deadline: string;
  reminders: string[];
  remindersStarted: number;
  requestCount: number;
  doneCount: number;
}

export interface CheckpointDecision {
  done: boolean;
  reason: 'all-done' | 'deadline' | 'reminder' | 'waiting';
  reminderDue: boolean;
  /** Reminder round to send (1-based), or 0. */
  round: number;
  /** Seconds until the next reminder or the deadline, at least 1 (Step Functions needs > 0). */
  secondsToCheckpoint: number;
}

/** The reminder times, each moved to at least the minimum gap after the invitations went out. */
export function reminderTimes(state: CheckpointState): number[] {
  const planned = state.reminders.map((r) => new Date(r).getTime());
  const opened = state.openedAt ? Date.parse(state.openedAt) : Number.NaN;
  const sent = state.invitationsSentAt ? Date.parse(state.invitationsSentAt) : Number.NaN;
  if (planned.length === 0 || Number.isNaN(opened) || Number.isNaN(sent)) return planned;
  const gap = Math.max(0, (planned[0]! - opened) / 2);
  return planned.map((time) => Math.max(time, sent + gap));
}

export function decideCheckpoint(state: CheckpointState, now: Date): CheckpointDecision {
  const t = now.getTime();
  const deadline = new Date(state.deadline).getTime();
  const times = reminderTimes(state);
  if (state.requestCount > 0 && state.doneCount >= state.requestCount) {
    return { done: true, reason: 'all-done', reminderDue: false, round: 0, secondsToCheckpoint: 1 };
  }
  if (t >= deadline)
    return { done: true, reason: 'deadline', reminderDue: false, round: 0, secondsToCheckpoint: 1 };
  // The latest reminder time already passed and not yet started; older missed rounds are skipped
  // so that a late checkpoint never sends two reminders at once.
  let round = 0;
  times.forEach((time, index) => {
    if (time <= t && index + 1 > state.remindersStarted) round = index + 1;
  });
  const startedAfterThis = Math.max(state.remindersStarted, round);
  const nextPoint = Math.min(
    deadline,
    ...times.filter((time, index) => index + 1 > startedAfterThis && time > t),
  );
  const secondsToCheckpoint = Math.max(1, Math.ceil((nextPoint - t) / 1000));
  return round > 0
    ? { done: false, reason: 'reminder', reminderDue: true, round, secondsToCheckpoint }
    : { done: false, reason: 'waiting', reminderDue: false, round: 0, secondsToCheckpoint };
}

/**
 * Seconds the collect wait that begins now should last: until the next reminder or the deadline,
 * or 1 (the shortest wait Step Functions allows) when a checkpoint is already due — sending may
 * have taken longer than the time to the next reminder.
 */
export function secondsToWait(state: CheckpointState, now: Date): number {
  const decision = decideCheckpoint(state, now);
  return decision.done || decision.reminderDue ? 1 : decision.secondsToCheckpoint;
}
