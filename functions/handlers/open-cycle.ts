/**
 * Workflow step 1 — open the cycle of a quarter exactly once and snapshot the roster into one
 * feedback request per leader × rater. Returns batch numbers only: the Map states read each batch's
 * leaders from DynamoDB, so the state payload stays small whatever the roster size.
 */
import type { Context } from 'aws-lambda';
import { DEFAULT_CONFIG } from '../core/config.ts';
import { decideCheckpoint, planCycle } from '../core/cycle-plan.ts';
import type { Person } from '../core/model.ts';
import { assignRaters, leaderBatches } from '../core/raters.ts';
import { retentionAttributes } from '../core/retention.ts';
import { optionalEnv } from '../shared/env.ts';
import { InvalidInputError } from '../shared/errors.ts';
import { keys } from '../shared/keys.ts';
import { logger, workflowHandler } from '../shared/middleware.ts';
import { createCycle, getCycle, transitionCycle } from '../shared/store/cycle-store.ts';
import type { BatchItem, BatchLeader, CycleItem, RequestItem } from '../shared/store/items.ts';
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
  collect: { secondsToCheckpoint: number };
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
  if (cycle && cycle.executionId !== event.executionId) {
    logger.info('cycle already open for this quarter: nothing sent', { quarter: plan.quarter });
    return { quarter: plan.quarter, alreadyOpen: true, batches: [], collect: { secondsToCheckpoint: 1 } };
  }
  // Same execution (a retry or a redrive): finish the snapshot if it did not complete.
  if (!cycle || cycle.status === 'opening') {
    const people = await rosterPeople(cycle?.rosterVersion ?? roster.version);
    await snapshot(plan.quarter, cycle?.deadline ?? plan.deadline, people, !created);
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
    collect: { secondsToCheckpoint: decision.secondsToCheckpoint },
  };
}

/**
 * Writes batches and requests (resuming an earlier attempt without writing anything twice), then
 * marks the cycle as collecting.
 */
async function snapshot(quarter: string, deadline: string, people: Person[], resume: boolean): Promise<void> {
  const byId = new Map(people.map((person) => [person.personId, person]));
  const assignments = assignRaters(people, DEFAULT_CONFIG);
  const batches = leaderBatches(people, DEFAULT_CONFIG.batchSize);
  if (batches.length === 0) throw new InvalidInputError('The roster has no consultant leaders to review');

  const batchOf = new Map<string, number>();
  const batchItems: BatchItem[] = batches.map((leaderIds, batch) => {
    const leaders: BatchLeader[] = leaderIds.map((leaderId) => {
      batchOf.set(leaderId, batch);
      const leader = byId.get(leaderId)!;
      const manager = byId.get(leader.managerId);
      return {
        leaderId,
        name: leader.name,
        email: leader.email,
        team: leader.team,
        managerId: leader.managerId,
        managerName: manager?.name ?? '',
        managerEmail: manager?.email ?? '',
      };
    });
    return {
      ...keys.batch(quarter, batch),
      quarter,
      batch,
      leaders,
      ...retentionAttributes('batch', deadline),
    };
  });
  const requests: RequestItem[] = assignments.map(({ leaderId, raterId, group }) => {
    const leader = byId.get(leaderId)!;
    const rater = byId.get(raterId)!;
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
      group,
      status: 'pending',
      ...retentionAttributes('request', deadline),
    };
  });
  const requestsOf = new Map<number, RequestItem[]>();
  for (const request of requests)
    requestsOf.set(request.batch, [...(requestsOf.get(request.batch) ?? []), request]);
  const progress = await writeSnapshot(
    quarter,
    batchItems.map((item) => ({ item, requests: requestsOf.get(item.batch) ?? [] })),
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
