/**
 * Workflow step 5 — score one batch: expire requests nobody answered, load what the readiness
 * model needs for the whole batch at once (earlier recommendations, sales figures, rater leniency
 * observations), score every leader with the pure core (readiness/batch.ts), write one
 * recommendation per leader and quarter, and store this quarter's leniency observations.
 * A batch holds whole teams, so every rater of its leaders is seen with all they rated.
 */
import { DEFAULT_CONFIG } from '../core/config.ts';
import type { RaterResponse } from '../core/model.ts';
import { figurePeople, figureQuarters, historyQuarters, scoreBatch } from '../core/readiness/batch.ts';
import { keys } from '../shared/keys.ts';
import { logger, workflowHandler } from '../shared/middleware.ts';
import { getBatch, getCycle, recordBatchCounts } from '../shared/store/cycle-store.ts';
import { recentHistory } from '../shared/store/history-store.ts';
import type { BatchCounts, BatchLeader, RequestItem } from '../shared/store/items.ts';
import { loadFigures } from '../shared/store/metrics-store.ts';
import { loadRaterProfiles, saveRaterObservations } from '../shared/store/rater-store.ts';
import { expireRequest, listLeaderRequests } from '../shared/store/request-store.ts';
import { putRecommendation } from '../shared/store/result-store.ts';
import { mapWithConcurrency } from '../shared/store/table.ts';

export interface ScoreBatchEvent {
  quarter: string;
  batch: number;
}

async function scoreBatchHandler(
  event: ScoreBatchEvent,
): Promise<{ batch: number; scored: number } & BatchCounts> {
  const { quarter, batch } = event;
  const config = DEFAULT_CONFIG;
  const [batchItem, cycle] = await Promise.all([getBatch(quarter, batch), getCycle(quarter)]);
  if (!batchItem) throw new Error(`Batch ${batch} of cycle ${quarter} does not exist`);
  const perLeader = await mapWithConcurrency(batchItem.leaders, 4, (leader) =>
    closeRequests(quarter, leader),
  );
  const leaders = batchItem.leaders.map((leader, i) => ({
    leaderId: leader.leaderId,
    team: leader.team,
    responses: toResponses(perLeader[i] ?? []),
  }));

  const raterIds = leaders.flatMap((leader) =>
    leader.responses.filter((r) => r.group !== 'self' && r.status === 'answered').map((r) => r.raterId),
  );
  const [history, figures, stored] = await Promise.all([
    recentHistory(
      leaders.map((leader) => leader.leaderId),
      historyQuarters(quarter, config),
    ),
    loadFigures(figurePeople(leaders), figureQuarters(quarter, config)),
    config.calibration.enabled ? loadRaterProfiles(raterIds) : undefined,
  ]);
  const result = scoreBatch(
    { quarter, leaders, history, figures, profiles: stored?.profiles ?? new Map() },
    config,
  );

  const scoredAt = new Date().toISOString();
  // Retention counts from the close (the same on a retry).
  const closedAt = cycle?.closedAt ?? cycle?.deadline ?? scoredAt;
  const byId = new Map(batchItem.leaders.map((leader) => [leader.leaderId, leader]));
  await mapWithConcurrency(result.scores, 8, async (score) => {
    const leader = byId.get(score.leaderId);
    if (!leader) throw new Error(`Scored leader ${score.leaderId} is not in batch ${batch}`);
    await putRecommendation(
      {
        ...keys.recommendation(quarter, leader.leaderId),
        ...keys.recommendationHistory(quarter, leader.leaderId),
        ...score,
        quarter,
        leaderName: leader.name,
        leaderEmail: leader.email,
        team: leader.team,
        managerId: leader.managerId,
        scoredAt,
      },
      closedAt,
    );
  });
  const raters = stored
    ? await saveRaterObservations(quarter, batch, result.residuals, stored, config, closedAt)
    : 0;

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
  logger.info('batch scored', {
    quarter,
    batch,
    leaders: perLeader.length,
    figures: figures.length,
    leadersWithHistory: history.size,
    ratersCalibrated: raters,
    ...counts,
  });
  return { batch, scored: perLeader.length, ...counts };
}

/** Expires the leader's requests still open and returns all of them as they are now. */
async function closeRequests(quarter: string, leader: BatchLeader): Promise<RequestItem[]> {
  const requests = await listLeaderRequests(quarter, leader.leaderId);
  const open = requests.filter((request) => request.status === 'pending' || request.status === 'sent');
  if (open.length === 0) return requests;
  await Promise.all(open.map((request) => expireRequest(request)));
  // Re-read: an answer may have landed between the read and the expiry.
  return listLeaderRequests(quarter, leader.leaderId);
}

function toResponses(requests: RequestItem[]): RaterResponse[] {
  return requests.map((request) => ({
    raterId: request.raterId,
    group: request.group,
    status: request.status,
    ...(request.answers ? { answers: request.answers } : {}),
  }));
}

export const handler = workflowHandler(scoreBatchHandler);
