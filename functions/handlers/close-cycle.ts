/**
 * Workflow step 4 — close. One conditional write: from now on every link answers 410. Requests
 * still open are expired batch by batch while scoring, so closing costs the same at any size.
 */
import { CycleCancelledError } from '../shared/errors.ts';
import { logger, workflowHandler } from '../shared/middleware.ts';
import { getCycle, transitionCycle } from '../shared/store/cycle-store.ts';

async function closeCycle(event: { quarter: string }): Promise<{ quarter: string; closed: boolean }> {
  const closed = await transitionCycle(
    event.quarter,
    ['collecting'],
    'closed',
    { closedAt: new Date().toISOString() },
    ['taskToken'],
  );
  if (!closed) {
    const cycle = await getCycle(event.quarter);
    if (!cycle) throw new Error(`Cycle ${event.quarter} does not exist`);
    // Cancelling stops the execution; should that stop not have happened, the cycle still ends here.
    if (cycle.status === 'cancelled')
      throw new CycleCancelledError(`The ${event.quarter} cycle was cancelled: nothing is scored or sent`);
    logger.info('cycle was already closed', { quarter: event.quarter, status: cycle.status });
  }
  return { quarter: event.quarter, closed: true };
}

export const handler = workflowHandler(closeCycle);
