/**
 * Progress of a cycle while raters answer: response rates by team and rater group, reminders and
 * delivery problems. Pure: the requests come in as a projection of the stored items.
 */
import { RATER_GROUPS, type RaterGroup, type RequestStatus } from '../model.ts';
import { compareText } from '../text.ts';

/** The attributes of a request the progress page reads (a DynamoDB projection). */
export interface RequestProgress {
  leaderId: string;
  team: string;
  group: RaterGroup;
  status: RequestStatus;
  remindersSent?: number;
  bouncedAt?: string;
  complainedAt?: string;
  suppressedAt?: string;
  /** SES refused the invitation for good (an address it cannot take, a sandbox recipient). */
  undeliverableAt?: string;
}

export interface ProgressCounts {
  total: number;
  answered: number;
  declined: number;
  expired: number;
  /** Not yet answered or declined (pending or sent). */
  open: number;
  /** answered / total, 0–1 (null without requests). */
  responseRate: number | null;
}

export interface TeamProgress extends ProgressCounts {
  team: string;
  byGroup: Record<RaterGroup, ProgressCounts>;
}

export interface CycleProgress {
  overall: ProgressCounts;
  byGroup: Record<RaterGroup, ProgressCounts>;
  teams: TeamProgress[];
  leaders: number;
  reminders: {
    /** Reminder emails sent (a request reminded twice counts twice). */
    emails: number;
    /** Requests that got at least one reminder. */
    requests: number;
  };
  delivery: { bounced: number; complained: number; suppressed: number; undeliverable: number };
}

function empty(): ProgressCounts {
  return { total: 0, answered: 0, declined: 0, expired: 0, open: 0, responseRate: null };
}

function add(counts: ProgressCounts, status: RequestStatus): void {
  counts.total++;
  if (status === 'answered') counts.answered++;
  else if (status === 'declined') counts.declined++;
  else if (status === 'expired') counts.expired++;
  else counts.open++;
}

function finish(counts: ProgressCounts): ProgressCounts {
  counts.responseRate = counts.total > 0 ? counts.answered / counts.total : null;
  return counts;
}

const byGroupEmpty = () =>
  Object.fromEntries(RATER_GROUPS.map((group) => [group, empty()])) as Record<RaterGroup, ProgressCounts>;

export function cycleProgress(requests: readonly RequestProgress[]): CycleProgress {
  const overall = empty();
  const byGroup = byGroupEmpty();
  const teams = new Map<string, TeamProgress>();
  const leaders = new Set<string>();
  const reminders = { emails: 0, requests: 0 };
  const delivery = { bounced: 0, complained: 0, suppressed: 0, undeliverable: 0 };
  for (const request of requests) {
    leaders.add(request.leaderId);
    add(overall, request.status);
    add(byGroup[request.group], request.status);
    let team = teams.get(request.team);
    if (!team) {
      team = { team: request.team, ...empty(), byGroup: byGroupEmpty() };
      teams.set(request.team, team);
    }
    add(team, request.status);
    add(team.byGroup[request.group], request.status);
    const sent = request.remindersSent ?? 0;
    if (sent > 0) {
      reminders.emails += sent;
      reminders.requests++;
    }
    if (request.bouncedAt) delivery.bounced++;
    if (request.complainedAt) delivery.complained++;
    if (request.suppressedAt) delivery.suppressed++;
    if (request.undeliverableAt) delivery.undeliverable++;
  }
  for (const counts of Object.values(byGroup)) finish(counts);
  const teamList = [...teams.values()].sort((a, b) => compareText(a.team, b.team));
  for (const team of teamList) {
    finish(team);
    for (const counts of Object.values(team.byGroup)) finish(counts);
  }
  return { overall: finish(overall), byGroup, teams: teamList, leaders: leaders.size, reminders, delivery };
}
