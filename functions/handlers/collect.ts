/**
 * Workflow step 3 — collect. Three actions on one function:
 * - `plan`: runs as the collect wait begins (after sending); returns how long the wait lasts, so a
 *   long sending step never delays a reminder or the close.
 * - `await`: runs as the `.waitForTaskToken` task; stores the token on the cycle so the form can
 *   finish the wait the moment the last answer lands. If everything is already done (the last answer
 *   arrived between two waits), it completes its own token at once.
 * - `checkpoint`: runs when the wait times out; decides deadline, early finish and reminder rounds.
 */
import { SendTaskSuccessCommand } from '@aws-sdk/client-sfn';
import { type CheckpointDecision, decideCheckpoint, secondsToWait } from '../core/cycle-plan.ts';
import { sfn } from '../shared/aws-clients.ts';
import { logger, workflowHandler } from '../shared/middleware.ts';
import { getCycle, startReminderRound, storeTaskToken } from '../shared/store/cycle-store.ts';

export type CollectEvent =
  | { action: 'plan'; quarter: string }
  | { action: 'await'; quarter: string; taskToken: string }
  | { action: 'checkpoint'; quarter: string };

async function collect(
  event: CollectEvent,
): Promise<CheckpointDecision | { stored: boolean } | { secondsToCheckpoint: number }> {
  if (event.action === 'plan') {
    const cycle = await getCycle(event.quarter);
    if (!cycle) throw new Error(`Cycle ${event.quarter} does not exist`);
    // Not collecting (closed or cancelled meanwhile): the wait ends at once (the await action sees it).
    const seconds = cycle.status === 'collecting' ? secondsToWait(cycle, new Date()) : 1;
    logger.info('collect wait planned', { quarter: event.quarter, seconds });
    return { secondsToCheckpoint: seconds };
  }
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

  const cycle = await getCycle(event.quarter);
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
