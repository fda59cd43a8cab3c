/**
 * The quota-aware plan of a cycle's email, and whether its deadline can be met. Pure: the caller
 * gives the cycle's numbers and the account's quota (GetSendQuota); `cycle start` (and the shared
 * pre-start checks) refuse a cycle whose plan is not feasible, before anything is sent.
 *
 * The plan, in the order the workflow sends:
 * 1. **invitations**, team by team (a team is never split over two days unless it alone is larger
 *    than a day's allowance), as fast as the rate allows while the rolling 24-hour allowance lasts,
 *    then on as the allowance frees up 24 hours after each send;
 * 2. **reminders**, each round at its time — planned for the worst case, every invitee still open;
 * 3. **reports** (each leader's report, each manager's summary, HR's summary) after the deadline.
 *
 * Feasible when every invitation goes before the first reminder (and the deadline), and every
 * reminder round, in the worst case, goes before the deadline. Assumptions: other senders of the
 * account keep to the share left to them; what the account sent in the 24 hours before the start
 * leaves the window 24 hours after the start.
 */
import { DEFAULT_CONFIG, type LadderConfig } from './config.ts';
import { groupByRater, inviteesPerTeam, type TeamCount } from './invitations.ts';
import type { Person } from './model.ts';
import { assignRaters, leaderBatches } from './raters.ts';
import { type AccountQuota, type Allowance, allowanceOf, DAY_MS } from './send-pacing.ts';

export interface PlanInput {
  /** Invitations per team, in sending order (`inviteesPerTeam`). */
  teams: readonly TeamCount[];
  /** Leader reports, manager summaries and HR's summary. */
  reports: number;
  quota: AccountQuota;
  /** Share of the account Ladder may use (0–1). */
  share: number;
  /** When the cycle starts, its deadline, its reminder times (ms since epoch). */
  start: number;
  deadline: number;
  reminders: readonly number[];
}

export interface PhasePlan {
  emails: number;
  /** When the first and the last email of the phase go (ms). */
  firstAt: number;
  lastAt: number;
  /** Over how many days (24-hour windows from the first email) the phase spreads. */
  days: number;
}

export interface SendPlan {
  allowance: Allowance;
  /** What the allowance has left at the start (the account's last 24 hours subtracted). */
  availableAtStart: number;
  invitations: PhasePlan & { teams: number };
  /** Worst case per round: every invitee still open. */
  reminders: PhasePlan[];
  reports: PhasePlan;
  feasible: boolean;
  /** Why not, one sentence each, with the numbers. */
  problems: string[];
}

interface Ledger {
  entries: { at: number; n: number }[];
}

function usedAt(ledger: Ledger, t: number): number {
  let used = 0;
  for (const entry of ledger.entries) if (entry.at > t - DAY_MS && entry.at <= t) used += entry.n;
  return used;
}

/** The next moment after `t` at which some sending leaves the 24-hour window. */
function nextRelease(ledger: Ledger, t: number): number | undefined {
  let next: number | undefined;
  for (const entry of ledger.entries) {
    const release = entry.at + DAY_MS;
    if (release > t && (next === undefined || release < next)) next = release;
  }
  return next;
}

/**
 * Sends `emails` from `from` on: whole when they fit (or when `splittable`), else waiting for the
 * allowance. Returns when the first and last went, and the time the sender is free again.
 */
function send(
  ledger: Ledger,
  allowance: Allowance,
  emails: number,
  from: number,
  splittable: boolean,
): { firstAt: number; lastAt: number } {
  let t = from;
  let left = emails;
  let firstAt: number | undefined;
  while (left > 0) {
    const available = allowance.daily - usedAt(ledger, t);
    const whole = available >= left;
    const tooBigForADay = left > allowance.daily && available === allowance.daily;
    if (whole || ((splittable || tooBigForADay) && available > 0)) {
      const n = Math.min(left, available);
      ledger.entries.push({ at: t, n });
      firstAt ??= t;
      t += (n / allowance.rate) * 1000;
      left -= n;
      continue;
    }
    const next = nextRelease(ledger, t);
    if (next === undefined)
      return { firstAt: firstAt ?? Number.POSITIVE_INFINITY, lastAt: Number.POSITIVE_INFINITY };
    t = next;
  }
  return { firstAt: firstAt ?? from, lastAt: t };
}

const phase = (emails: number, firstAt: number, lastAt: number): PhasePlan => ({
  emails,
  firstAt,
  lastAt,
  days: emails === 0 ? 0 : Math.floor(Math.max(0, lastAt - firstAt) / DAY_MS) + 1,
});

export function planSending(input: PlanInput): SendPlan {
  const allowance = allowanceOf(input.quota, input.share);
  // What the account sent in the last 24 hours leaves the window 24 hours after the start.
  const ledger: Ledger = { entries: [{ at: input.start, n: input.quota.sentLast24Hours }] };
  const availableAtStart = Math.max(0, allowance.daily - input.quota.sentLast24Hours);

  const invitees = input.teams.reduce((sum, team) => sum + team.emails, 0);
  let clock = input.start;
  let firstInvitation: number | undefined;
  for (const team of input.teams) {
    const sent = send(ledger, allowance, team.emails, clock, false);
    firstInvitation ??= sent.firstAt;
    clock = sent.lastAt;
  }
  const invitations = {
    ...phase(invitees, firstInvitation ?? input.start, clock),
    teams: input.teams.length,
  };

  const reminders: PhasePlan[] = [];
  for (const at of input.reminders) {
    const sent = send(ledger, allowance, invitees, Math.max(at, clock), true);
    reminders.push(phase(invitees, sent.firstAt, sent.lastAt));
    clock = sent.lastAt;
  }
  const reportsSent = send(ledger, allowance, input.reports, Math.max(input.deadline, clock), true);
  const reports = phase(input.reports, reportsSent.firstAt, reportsSent.lastAt);

  const problems: string[] = [];
  const perDay = `${count(allowance.daily)} emails per 24 hours (${percent(input.share)} of the account's ${count(input.quota.max24HourSend)}; ${count(input.quota.sentLast24Hours)} sent in the last 24 hours) and ${rate(allowance.rate)} a second`;
  const firstReminder = input.reminders.length > 0 ? Math.min(...input.reminders) : undefined;
  const invitationLimit = Math.min(firstReminder ?? input.deadline, input.deadline);
  if (invitations.lastAt > invitationLimit) {
    const what =
      firstReminder !== undefined && firstReminder < input.deadline ? 'the first reminder' : 'the deadline';
    problems.push(
      `${count(invitees)} invitations need ${span(invitations.lastAt - input.start)} at ${perDay}: the last would go at ${iso(invitations.lastAt)}, after ${what} (${iso(invitationLimit)}).`,
    );
  }
  reminders.forEach((round, index) => {
    if (round.lastAt > input.deadline && invitations.lastAt <= invitationLimit) {
      problems.push(
        `Reminder round ${index + 1} may go to all ${count(invitees)} raters and then needs until ${iso(round.lastAt)} at ${perDay}, after the deadline (${iso(input.deadline)}).`,
      );
    }
  });
  return {
    allowance,
    availableAtStart,
    invitations,
    reminders,
    reports,
    feasible: problems.length === 0,
    problems,
  };
}

/** The earliest deadline the plan would accept with reminders at the same fractions of the window. */
export function earliestFeasibleDeadline(input: PlanInput): number | undefined {
  const window = input.deadline - input.start;
  const fractions = input.reminders.map((at) => (at - input.start) / window);
  const feasibleWith = (deadline: number) =>
    planSending({
      ...input,
      deadline,
      reminders: fractions.map((f) => Math.round(input.start + (deadline - input.start) * f)),
    }).feasible;
  let high = Math.max(window, 3_600_000);
  for (let i = 0; i < 12 && !feasibleWith(input.start + high); i++) high *= 2;
  if (!feasibleWith(input.start + high)) return undefined;
  let low = 0;
  for (let i = 0; i < 30; i++) {
    const mid = (low + high) / 2;
    if (feasibleWith(input.start + mid)) high = mid;
    else low = mid;
  }
  // Rounded up to the next full hour.
  return Math.ceil((input.start + high) / 3_600_000) * 3_600_000;
}

const count = (n: number) => Math.round(n).toLocaleString('en-US');
const percent = (share: number) => `${Math.round(share * 100)} %`;
const rate = (perSecond: number) => (Number.isInteger(perSecond) ? String(perSecond) : perSecond.toFixed(1));
const iso = (ms: number) =>
  Number.isFinite(ms) ? new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z') : 'never';

/** "2 days 3 hours", "45 minutes". */
export function span(ms: number): string {
  if (!Number.isFinite(ms)) return 'forever';
  const minutes = Math.max(1, Math.ceil(ms / 60_000));
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  const parts = [
    days ? `${days} day${days === 1 ? '' : 's'}` : '',
    hours ? `${hours} hour${hours === 1 ? '' : 's'}` : '',
    !days && rest ? `${rest} minute${rest === 1 ? '' : 's'}` : '',
  ].filter(Boolean);
  return parts.join(' ');
}

/**
 * What a cycle of `people` will send: one invitation per rater, grouped by team in sending order
 * (the way OpenCycle groups them), and one report per leader, one summary per manager and HR's.
 */
export function sendingNeeds(
  people: readonly Person[],
  config: LadderConfig = DEFAULT_CONFIG,
): { teams: TeamCount[]; invitees: number; reports: number } {
  const assignments = assignRaters([...people], config);
  const batchOf = new Map<string, number>();
  leaderBatches([...people], config.batchSize).forEach((ids, batch) => {
    for (const id of ids) batchOf.set(id, batch);
  });
  const teamOf = new Map(people.map((person) => [person.personId, person.team]));
  const invitees = groupByRater(
    assignments,
    (leaderId) => batchOf.get(leaderId) ?? 0,
    (leaderId) => teamOf.get(leaderId) ?? '',
  );
  const leaders = new Set(assignments.map((a) => a.leaderId));
  const managers = new Set(
    people.filter((p) => leaders.has(p.personId) && p.managerId !== '').map((p) => p.managerId),
  );
  return {
    teams: inviteesPerTeam(invitees),
    invitees: invitees.length,
    reports: leaders.size + managers.size + 1,
  };
}
