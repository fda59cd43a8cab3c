/**
 * One run of a sending step (a batch's invitations, a reminder round, a batch's reports, HR's
 * summary): groups of emails sent in order — each group's daily quota reserved whole (a team's
 * invitations go out together), emails paced to the shared schedule, several in flight, all of
 * them stopped on the first failure — and the answer the workflow loops on: `settled`, or run again
 * after `waitSeconds`.
 */
import type { SlotDecision } from '../core/mail-slot.ts';
import { mapStoppingOnFirstFailure } from './concurrency.ts';
import { SendPacer } from './pacer.ts';
import { confirmGraceMs, type Delivery, type SendContext } from './send-once.ts';

/** SES calls in flight per Lambda: enough to keep up with the send slots at 100/s. */
const SEND_CONCURRENCY = 8;
/** A run stops starting sends this long before its Lambda would time out. */
const STOP_MARGIN_MS = 60_000;

export interface RunTally {
  /** Nothing is left to do: every email is sent, confirmed, refused or suppressed. */
  settled: boolean;
  /** When not settled: run again after this many seconds. */
  waitSeconds: number;
  sent: number;
  /** Sent without an answer from SES: confirmed by its Send event, or sent again after the grace period. */
  inDoubt: number;
  refused: number;
  /** Emails that wait for daily quota. */
  waitingForQuota: number;
  /** SES answered "Maximum sending rate exceeded." (each was tried again). */
  throttled: number;
}

export interface RunOptions<T> {
  /** Emails in sending order, grouped (a group's quota is reserved whole). */
  groups: T[][];
  decisionOf(item: T): SlotDecision;
  deliver(item: T, context: SendContext): Promise<Delivery>;
  /** Milliseconds left in the Lambda (context.getRemainingTimeInMillis). */
  remainingMs?: number | undefined;
}

/** The time after which a run starts no more sends. */
export function stopTime(remainingMs = 900_000): number {
  return Date.now() + Math.max(remainingMs - STOP_MARGIN_MS, Math.min(remainingMs / 2, 5_000));
}

export async function sendInGroups<T>(
  options: RunOptions<T>,
): Promise<RunTally & { deliveries: Map<T, Delivery> }> {
  const tally: RunTally = {
    settled: true,
    waitSeconds: 0,
    sent: 0,
    inDoubt: 0,
    refused: 0,
    waitingForQuota: 0,
    throttled: 0,
  };
  const deliveries = new Map<T, Delivery>();
  const graceMs = confirmGraceMs();
  const stopAt = stopTime(options.remainingMs);
  let waitMs = 0;
  const queue: T[][] = [];
  for (const group of options.groups) {
    const toSend: T[] = [];
    for (const item of group) {
      const decision = options.decisionOf(item);
      if (decision.action === 'send' || decision.action === 'resend') toSend.push(item);
      else if (decision.action === 'wait') waitMs = Math.max(waitMs, decision.ms);
    }
    if (toSend.length > 0) queue.push(toSend);
  }

  const pacer = new SendPacer();
  pacer.expect(queue.reduce((sum, group) => sum + group.length, 0));
  let stopped = false;
  let quotaWaitSeconds = 0;
  const left = () => queue.reduce((sum, group) => sum + group.length, 0);
  try {
    while (queue.length > 0) {
      if (Date.now() > stopAt) {
        stopped = true;
        break;
      }
      const group = queue.shift()!;
      const grant = await pacer.reserveQuota(group.length);
      if (grant.granted === 0) {
        quotaWaitSeconds = 'waitSeconds' in grant ? Math.max(1, grant.waitSeconds) : 1;
        tally.waitingForQuota += group.length + left();
        break;
      }
      if (grant.granted < group.length) queue.unshift(group.slice(grant.granted));
      const going = group.slice(0, grant.granted);
      const results = await mapStoppingOnFirstFailure(going, SEND_CONCURRENCY, (item, signal) =>
        options.deliver(item, {
          pacer,
          stopAt,
          signal,
          onThrottled: () => {
            tally.throttled++;
          },
        }),
      );
      results.forEach((delivery, i) => {
        deliveries.set(going[i]!, delivery);
        if (delivery.result === 'sent') tally.sent++;
        else if (delivery.result === 'unknown') tally.inDoubt++;
        else if (delivery.result === 'refused') tally.refused++;
        else if (delivery.result === 'not-sent' && delivery.why === 'quota') {
          tally.waitingForQuota++;
          // SES knew better than the shared state: ask it again soon (the pacer refreshes then).
          quotaWaitSeconds ||= 60;
        } else if (delivery.result === 'not-sent') stopped = true;
      });
      if (quotaWaitSeconds > 0) {
        tally.waitingForQuota += left();
        break;
      }
    }
  } finally {
    await pacer.release().catch(() => undefined);
  }
  if (tally.inDoubt > 0) waitMs = Math.max(waitMs, graceMs);
  if (quotaWaitSeconds > 0) tally.waitSeconds = quotaWaitSeconds;
  else if (waitMs > 0) tally.waitSeconds = Math.ceil(waitMs / 1000) + 1;
  else if (stopped) tally.waitSeconds = 1;
  tally.settled = quotaWaitSeconds === 0 && waitMs === 0 && !stopped;
  return { ...tally, deliveries };
}
