/**
 * EventBridge Scheduler target, once a week: removes free-text comments past their retention
 * (`commentsExpireAt`, 13 months by default) from the items that hold them — a leader's report keeps
 * its scores for years, its comments not. DynamoDB's TTL deletes whole items only, so this is the
 * part of the retention rule TTL cannot do (functions/shared/store/retention-store.ts).
 *
 * One Scan of the table, filtered on `commentsExpireAt <= now`, in parallel segments; each rewrite is
 * conditional on the item still carrying that expiry, so an item written meanwhile is left alone and
 * a run that is cut off (or two that overlap) changes nothing twice. What a run does not reach, the
 * next week's does; until then readers already blank expired comments.
 */
import { dynamo } from '../shared/aws-clients.ts';
import { logger, workflowHandler } from '../shared/middleware.ts';
import { type SweepResult, sweepExpired } from '../shared/store/retention-store.ts';
import { tableName } from '../shared/store/table.ts';

/** Scan segments read side by side: a table of several GB is read well within the 15-minute limit. */
export const SWEEP_SEGMENTS = 4;

export const handler = workflowHandler(async (): Promise<SweepResult> => {
  const result = await sweepExpired(dynamo(), tableName(), {
    deleteExpired: false,
    segments: SWEEP_SEGMENTS,
  });
  // Counts only: nothing of what was removed.
  logger.info('comments past their retention removed', { ...result });
  return result;
});
