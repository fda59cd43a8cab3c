/**
 * The quota-aware sending plan of a cycle about to start, for what `cycle start` tells the HR admin:
 * reads the roster in force and the account's limits (GetSendQuota, through the shared send
 * schedule) and plans with functions/core/send-plan.ts.
 */
import { DEFAULT_REVIEW_DAYS, planCycle } from '../../functions/core/cycle-plan.ts';
import {
  earliestFeasibleDeadline,
  planSending,
  type SendPlan,
  sendingNeeds,
  span,
} from '../../functions/core/send-plan.ts';
import { optionalEnv } from '../../functions/shared/env.ts';
import { currentQuota, pacerSettings } from '../../functions/shared/pacer.ts';
import { currentRoster, rosterPeople } from '../../functions/shared/store/roster-store.ts';

const count = (n: number) => n.toLocaleString('en-US');

/**
 * The plan of a cycle started now, or undefined when there is no roster yet or SES cannot be asked
 * (then the workflow itself still paces every email to the account).
 */
export async function sendingPlanFor(
  options: { quarter: string; deadline?: string; reminders?: string[] },
  now = new Date(),
): Promise<{ plan: SendPlan; suggestion?: string } | undefined> {
  const roster = await currentRoster();
  if (!roster) return undefined;
  let state: Awaited<ReturnType<typeof currentQuota>>;
  try {
    state = await currentQuota();
  } catch {
    return undefined;
  }
  if (!state.quota) return undefined;
  const timing = planCycle(
    {
      quarter: options.quarter,
      ...(options.deadline ? { deadline: options.deadline } : {}),
      ...(options.reminders?.length ? { reminders: options.reminders } : {}),
    },
    now,
    Number(optionalEnv('reviewDays') ?? DEFAULT_REVIEW_DAYS),
  );
  const needs = sendingNeeds(await rosterPeople(roster.version));
  const input = {
    teams: needs.teams,
    reports: needs.reports,
    quota: state.quota,
    share: pacerSettings().share,
    start: now.getTime(),
    deadline: Date.parse(timing.deadline),
    reminders: timing.reminders.map((at) => Date.parse(at)),
  };
  const plan = planSending(input);
  if (plan.feasible) return { plan };
  const earliest = earliestFeasibleDeadline(input);
  return {
    plan,
    ...(earliest !== undefined
      ? {
          suggestion: `The earliest deadline this quota can meet (reminders at the same points) is ${new Date(earliest).toISOString().replace(/\.\d{3}Z$/, 'Z')}.`,
        }
      : {}),
  };
}

/**
 * After a start: says when the invitations spread over several days under the daily quota. (A
 * deadline the quota cannot meet is refused by the start checks, functions/core/cycle-start-checks.ts.)
 */
export async function logSendingSpread(
  options: { quarter: string; deadline?: string; reminders?: string[] },
  log: (line: string) => void,
): Promise<void> {
  const result = await sendingPlanFor(options).catch(() => undefined);
  if (!result?.plan.feasible) return;
  const { plan } = result;
  if (plan.invitations.days > 1) {
    log(
      `${count(plan.invitations.emails)} invitations go out over ${plan.invitations.days} days (${count(plan.allowance.daily)} emails per 24 hours); the last at about ${new Date(plan.invitations.lastAt).toISOString()}, ${span(plan.invitations.lastAt - Date.now())} from now.`,
    );
  }
}
