/**
 * Workflow step 5 — score one batch: expire requests nobody answered, aggregate each leader's
 * responses with the pure scoring core, write one recommendation per leader and quarter.
 */
import { DEFAULT_CONFIG } from '../core/config.ts';
import type { RaterResponse } from '../core/model.ts';
import { scoreLeader } from '../core/scoring.ts';
import { keys } from '../shared/keys.ts';
import { logger, workflowHandler } from '../shared/middleware.ts';
import { getBatch, recordBatchCounts } from '../shared/store/cycle-store.ts';
import type { BatchCounts, BatchLeader, RequestItem } from '../shared/store/items.ts';
import { expireRequest, listLeaderRequests } from '../shared/store/request-store.ts';
import { putRecommendation } from '../shared/store/result-store.ts';
import { mapWithConcurrency } from '../shared/store/table.ts';

export interface ScoreBatchEvent {
  quarter: string;
  batch: number;
}

async function scoreBatch(event: ScoreBatchEvent): Promise<{ batch: number; scored: number } & BatchCounts> {
  const { quarter, batch } = event;
  const batchItem = await getBatch(quarter, batch);
  if (!batchItem) throw new Error(`Batch ${batch} of cycle ${quarter} does not exist`);
  const perLeader = await mapWithConcurrency(batchItem.leaders, 4, (leader) => scoreOne(quarter, leader));
  const counts: BatchCounts = { total: 0, answered: 0, declined: 0, expired: 0 };
  for (const requests of perLeader) {
    counts.total += requests.length;
    for (const request of requests) {
      if (request.status === 'answered' || request.status === 'declined' || request.status === 'expired') {
        counts[request.status] += 1;
      }
    }
  }
  await recordBatchCounts(quarter, batch, counts);
  logger.info('batch scored', { quarter, batch, leaders: perLeader.length, ...counts });
  return { batch, scored: perLeader.length, ...counts };
}

async function scoreOne(quarter: string, leader: BatchLeader): Promise<RequestItem[]> {
  let requests = await listLeaderRequests(quarter, leader.leaderId);
  const open = requests.filter((request) => request.status === 'pending' || request.status === 'sent');
  if (open.length > 0) {
    await Promise.all(open.map((request) => expireRequest(request)));
    // Re-read: an answer may have landed between the read and the expiry.
    requests = await listLeaderRequests(quarter, leader.leaderId);
  }
  const responses: RaterResponse[] = requests.map((request) => ({
    raterId: request.raterId,
    group: request.group,
    status: request.status,
    ...(request.answers ? { answers: request.answers } : {}),
  }));
  const score = scoreLeader({ leaderId: leader.leaderId, responses }, DEFAULT_CONFIG);
  await putRecommendation({
    ...keys.recommendation(quarter, leader.leaderId),
    ...keys.recommendationHistory(quarter, leader.leaderId),
    ...score,
    quarter,
    leaderName: leader.name,
    leaderEmail: leader.email,
    team: leader.team,
    managerId: leader.managerId,
    scoredAt: new Date().toISOString(),
  });
  return requests;
}

export const handler = workflowHandler(scoreBatch);
