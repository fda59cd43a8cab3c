/**
 * Workflow step 3 — collect. Two actions on one function:
 * - `await`: runs as the `.waitForTaskToken` task; stores the token on the cycle so the form can
 *   finish the wait the moment the last answer lands. If everything is already done (the last answer
 *   arrived between two waits), it completes its own token at once.
 * - `checkpoint`: runs right after the invitations, after each reminder round and whenever the wait
 *   times out; decides deadline, early finish and reminder rounds, and how long the next wait lasts,
 *   measured from now, so a long sending step never delays a reminder or the close.
 */
import { SendTaskSuccessCommand } from '@aws-sdk/client-sfn';
import { type CheckpointDecision, decideCheckpoint } from '../core/cycle-plan.ts';
import { sfn } from '../shared/aws-clients.ts';
import { logger, workflowHandler } from '../shared/middleware.ts';
import { recordCheckpoint, startReminderRound, storeTaskToken } from '../shared/store/cycle-store.ts';

export type CollectEvent =
  | { action: 'await'; quarter: string; taskToken: string }
  /** `completedRound`: the reminder round the workflow just sent (0: none), now complete. */
  | { action: 'checkpoint'; quarter: string; completedRound?: number };

async function collect(event: CollectEvent): Promise<CheckpointDecision | { stored: boolean }> {
  if (event.action === 'await') {
    const cycle = await storeTaskToken(event.quarter, event.taskToken);
    if (!cycle) throw new Error(`Cycle ${event.quarter} does not exist`);
    const decision = decideCheckpoint(cycle, new Date());
    if (cycle.status !== 'collecting' || decision.done) {
      await sfn().send(
        new SendTaskSuccessCommand({
          taskToken: event.taskToken,
          output: JSON.stringify({ ...decision, done: true }),
        }),
      );
    }
    return { stored: true };
  }

  // The checkpoint runs right after the invitations and after each reminder round (sending may
  // take days under the daily quota): the invitations are out, the round just sent is complete.
  const cycle = await recordCheckpoint(event.quarter, new Date().toISOString(), event.completedRound ?? 0);
  if (!cycle) throw new Error(`Cycle ${event.quarter} does not exist`);
  // A round counts as done only once the workflow got back to waiting after it (the await action
  // records that). If this checkpoint started a round and then its response was lost, the retry
  // must still decide "reminder due", or that round would never be sent.
  const decision = decideCheckpoint(
    { ...cycle, remindersStarted: cycle.remindersCompleted ?? cycle.remindersStarted },
    new Date(),
  );
  if (decision.reminderDue && !(await startReminderRound(event.quarter, decision.round))) {
    // Started by an earlier attempt of this checkpoint. Running the round again is safe: each
    // reminder is claimed per request, so nobody gets it twice.
    logger.info('reminder round already started', { quarter: event.quarter, round: decision.round });
  }
  logger.info('checkpoint', { quarter: event.quarter, reason: decision.reason, round: decision.round });
  return decision;
}

export const handler = workflowHandler(collect);
