/**
 * Workflow step 1 — open the cycle of a quarter exactly once and snapshot the roster into one
 * feedback request per leader × rater. Returns batch numbers only: the Map states read each batch's
 * leaders from DynamoDB, so the state payload stays small whatever the roster size.
 */
import type { Context } from 'aws-lambda';
import { DEFAULT_CONFIG } from '../core/config.ts';
import { type CyclePlan, decideCheckpoint, planCycle } from '../core/cycle-plan.ts';
import { groupByRater } from '../core/invitations.ts';
import { localeSettingsOf } from '../core/locale-tags.ts';
import type { Person } from '../core/model.ts';
import { assignRaters, leaderBatches, managerSummaryGroups } from '../core/raters.ts';
import { retentionAttributes } from '../core/retention.ts';
import { optionalEnv } from '../shared/env.ts';
import { InvalidInputError } from '../shared/errors.ts';
import { keys } from '../shared/keys.ts';
import { logger, workflowHandler } from '../shared/middleware.ts';
import { createCycle, getCycle, takeOverCycle, transitionCycle } from '../shared/store/cycle-store.ts';
import type {
  BatchItem,
  BatchLeader,
  CycleItem,
  InviteeItem,
  ManagerSummaryRef,
  RequestItem,
} from '../shared/store/items.ts';
import { currentRoster, rosterPeople } from '../shared/store/roster-store.ts';
import { writeSnapshot } from '../shared/store/snapshot-store.ts';

export interface OpenCycleEvent {
  input: unknown;
  executionId: string;
  startedAt: string;
}

export interface OpenCycleResult {
  quarter: string;
  alreadyOpen: boolean;
  deadline?: string;
  reminders?: string[];
  batches: number[];
  /** The first checkpoint's input: no reminder round sent yet. */
  collect: { secondsToCheckpoint: number; round: number };
}

async function openCycle(event: OpenCycleEvent, _context?: Context): Promise<OpenCycleResult> {
  const openedAt = new Date(event.startedAt || Date.now());
  const reviewDays = Number(optionalEnv('reviewDays') ?? 14);
  const plan = planCycle(event.input, openedAt, reviewDays);
  const roster = await currentRoster();
  if (!roster)
    throw new InvalidInputError('No roster has been imported yet: run `ladder roster import FILE` first');

  const created = await createCycle({
    ...keys.cycle(plan.quarter),
    quarter: plan.quarter,
    status: 'opening',
    executionId: event.executionId,
    rosterVersion: roster.version,
    configVersion: DEFAULT_CONFIG.version,
    openedAt: openedAt.toISOString(),
    deadline: plan.deadline,
    reminders: plan.reminders,
    remindersStarted: 0,
    requestCount: 0,
    doneCount: 0,
    batchCount: 0,
    leaderCount: 0,
  } as CycleItem);

  let cycle = created ? undefined : await getCycle(plan.quarter);
  if (cycle && cycle.executionId !== event.executionId && plan.supersedes === cycle.executionId) {
    cycle = await takeOver(cycle, event.executionId, plan, roster.version);
  }
  if (cycle && (cycle.executionId !== event.executionId || cycle.status === 'cancelled')) {
    logger.info('the quarter already has its cycle: nothing sent', {
      quarter: plan.quarter,
      status: cycle.status,
    });
    return {
      quarter: plan.quarter,
      alreadyOpen: true,
      batches: [],
      collect: { secondsToCheckpoint: 1, round: 0 },
    };
  }
  // Same execution (a retry or a redrive): finish the snapshot if it did not complete.
  if (!cycle || cycle.status === 'opening') {
    const rosterVersion = cycle?.rosterVersion ?? roster.version;
    const people = await rosterPeople(rosterVersion);
    await snapshot(plan.quarter, cycle?.deadline ?? plan.deadline, rosterVersion, people, !created);
    cycle = await getCycle(plan.quarter);
  }
  if (!cycle) throw new Error(`Cycle ${plan.quarter} vanished while opening`);
  const decision = decideCheckpoint(cycle, new Date());
  logger.info('cycle open', {
    quarter: plan.quarter,
    requests: cycle.requestCount,
    batches: cycle.batchCount,
  });
  return {
    quarter: plan.quarter,
    alreadyOpen: false,
    deadline: cycle.deadline,
    reminders: cycle.reminders,
    batches: Array.from({ length: cycle.batchCount }, (_, i) => i),
    collect: { secondsToCheckpoint: decision.secondsToCheckpoint, round: 0 },
  };
}

/**
 * A new attempt (`ladder cycle retry`) takes the cycle over from the attempt that stopped. Nothing
 * sent is sent again (every email is claimed per request). A cycle still opening snapshots the
 * roster in force now (the old one may be why it failed); a cycle still collecting gets the new
 * deadline, and keeps the reminder rounds already sent ahead of the new ones, so round numbers go
 * on. Undefined when another attempt took it over first.
 */
async function takeOver(
  cycle: CycleItem,
  executionId: string,
  plan: CyclePlan,
  rosterVersion: string,
): Promise<CycleItem | undefined> {
  const sentRounds = cycle.reminders.slice(0, cycle.remindersStarted);
  const times = { deadline: plan.deadline, reminders: [...sentRounds, ...plan.reminders] };
  const set =
    cycle.status === 'opening' ? { ...times, rosterVersion } : cycle.status === 'collecting' ? times : {};
  const taken = await takeOverCycle(cycle.quarter, cycle.executionId, executionId, set);
  logger.info(taken ? 'cycle taken over from a stopped attempt' : 'another attempt took the cycle over', {
    quarter: cycle.quarter,
    status: cycle.status,
  });
  return taken ?? (await getCycle(cycle.quarter));
}

/**
 * Writes batches, requests and invitees (one per rater: the email they get lists all their
 * requests), then marks the cycle as collecting. A retry or redrive resumes an earlier attempt
 * without writing any item twice (functions/shared/store/snapshot-store.ts). Each request, invitee
 * and batch entry carries its recipient's language and time zone as of now, so emails and pages of
 * this cycle do not change if the roster or the defaults change while it runs; every item carries
 * its expiry, counted from the deadline.
 */
async function snapshot(
  quarter: string,
  deadline: string,
  rosterVersion: string,
  people: Person[],
  resume: boolean,
): Promise<void> {
  const byId = new Map(people.map((person) => [person.personId, person]));
  const localeOf = (person: Person | undefined) => localeSettingsOf(person, DEFAULT_CONFIG.organisation);
  const assignments = assignRaters(people, DEFAULT_CONFIG);
  const batches = leaderBatches(people, DEFAULT_CONFIG.batchSize);
  if (batches.length === 0) throw new InvalidInputError('The roster has no consultant leaders to review');

  // Each summary is sent by the first batch holding its leaders, after every batch is scored.
  const summariesOf = new Map<number, ManagerSummaryRef[]>();
  for (const { managerId, team, firstBatch, lastBatch } of managerSummaryGroups(people, batches)) {
    const refs = summariesOf.get(firstBatch) ?? [];
    refs.push({ managerId, team, firstBatch, lastBatch });
    summariesOf.set(firstBatch, refs);
  }
  const batchOf = new Map<string, number>();
  const batchItems: BatchItem[] = batches.map((leaderIds, batch) => {
    const leaders: BatchLeader[] = leaderIds.map((leaderId) => {
      batchOf.set(leaderId, batch);
      const leader = byId.get(leaderId)!;
      const manager = byId.get(leader.managerId);
      const own = localeOf(leader);
      const managers = localeOf(manager);
      return {
        leaderId,
        name: leader.name,
        email: leader.email,
        team: leader.team,
        locale: own.locale,
        timeZone: own.timeZone,
        managerId: leader.managerId,
        managerName: manager?.name ?? '',
        managerEmail: manager?.email ?? '',
        managerLocale: managers.locale,
        managerTimeZone: managers.timeZone,
      };
    });
    return {
      ...keys.batch(quarter, batch),
      quarter,
      batch,
      leaders,
      managerSummaries: summariesOf.get(batch) ?? [],
      rosterVersion,
      ...retentionAttributes('batch', deadline),
    };
  });
  const requests: RequestItem[] = assignments.map(({ leaderId, raterId, group }) => {
    const leader = byId.get(leaderId)!;
    const rater = byId.get(raterId)!;
    const raters = localeOf(rater);
    return {
      ...keys.request(quarter, leaderId, raterId),
      quarter,
      batch: batchOf.get(leaderId)!,
      leaderId,
      leaderName: leader.name,
      team: leader.team,
      raterId,
      raterName: rater.name,
      raterEmail: rater.email,
      raterLocale: raters.locale,
      raterTimeZone: raters.timeZone,
      group,
      status: 'pending',
      ...retentionAttributes('request', deadline),
    };
  });
  const invitees: InviteeItem[] = groupByRater(
    requests,
    (leaderId) => batchOf.get(leaderId)!,
    (leaderId) => byId.get(leaderId)!.team,
  ).map((invitee) => {
    const rater = byId.get(invitee.raterId)!;
    const raters = localeOf(rater);
    return {
      ...keys.invitee(quarter, invitee.batch, invitee.raterId),
      quarter,
      batch: invitee.batch,
      team: invitee.team,
      raterId: invitee.raterId,
      raterName: rater.name,
      raterEmail: rater.email,
      raterLocale: raters.locale,
      raterTimeZone: raters.timeZone,
      requests: invitee.requests.map((request) => ({
        sk: request.sk,
        leaderId: request.leaderId,
        leaderName: request.leaderName,
        group: request.group,
      })),
      ...retentionAttributes('raterInvitation', deadline),
    };
  });
  const itemsOf = new Map<number, (RequestItem | InviteeItem)[]>();
  for (const item of [...requests, ...invitees])
    itemsOf.set(item.batch, [...(itemsOf.get(item.batch) ?? []), item]);
  const progress = await writeSnapshot(
    quarter,
    rosterVersion,
    batchItems.map((item) => ({ item, items: itemsOf.get(item.batch) ?? [] })),
    resume,
  );
  if (resume) logger.info('snapshot resumed', { quarter, ...progress });
  await transitionCycle(quarter, ['opening'], 'collecting', {
    requestCount: requests.length,
    batchCount: batches.length,
    leaderCount: batchOf.size,
  });
}

export const handler = workflowHandler(openCycle);
