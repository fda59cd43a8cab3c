/**
 * EventBridge Scheduler target: on the first working day of a quarter, start the cycle of the
 * quarter just ended.
 */
import { previousQuarter } from '../core/quarter.ts';
import { sfn } from '../shared/aws-clients.ts';
import { startCycle } from '../shared/cycle-starter.ts';
import { requireEnv } from '../shared/env.ts';
import { logger, workflowHandler } from '../shared/middleware.ts';

export interface StartCycleEvent {
  /** ISO time of the schedule (EventBridge Scheduler `<aws.scheduler.scheduled-time>`); defaults to now. */
  scheduledTime?: string;
}

async function startScheduledCycle(event: StartCycleEvent) {
  const at = event?.scheduledTime ? new Date(event.scheduledTime) : new Date();
  const quarter = previousQuarter(Number.isNaN(at.getTime()) ? new Date() : at);
  const outcome = await startCycle(sfn(), requireEnv('stateMachineArn'), { quarter });
  logger.info(outcome.started ? 'cycle started' : 'cycle of this quarter already started', {
    quarter,
    executionName: outcome.executionName,
  });
  return { quarter, ...outcome };
}

export const handler = workflowHandler(startScheduledCycle);
