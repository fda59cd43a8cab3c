/**
 * Fault: a Lambda cut off mid-batch. The local runner ends the invocation (Sandbox.Timedout, as a
 * Lambda that ran out of time) after a seeded part of a second, while it is sending, and freezes
 * what it left running: sends already on the wire may reach SES, nothing else happens. Step
 * Functions retries; the retry finds the claims in doubt, waits for their Send events (sent) or the
 * grace period (never sent: sent now). Cut off: the invitations, the reminders and the reports.
 */
import { describe, expect, it } from 'vitest';
import { faultyCycle } from '../support/exactly-once.ts';

const kindOf = (payload: unknown) => (payload as { kind?: string } | undefined)?.kind;

describe('a Lambda cut off mid-batch', () => {
  it.each([5, 13, 41])(
    'seed %i: every email received exactly once',
    async (seed) => {
      const { cycle } = await faultyCycle({
        label: 'lambda-cut-off',
        seed,
        quarter: '2020-Q2',
        reminderSeconds: 9,
        deadlineSeconds: 22,
        inject: (runtime) => {
          runtime.faults.configure({ rate: 0, seed, cutOffMs: 700 });
          const sending = (kind: string) => (call: { operation?: string; payload?: unknown }) =>
            call.operation === 'SendEmails' && kindOf(call.payload) === kind;
          runtime.faults.planNext('lambda', 'cut-off', sending('invitation'));
          runtime.faults.planNext('lambda', 'cut-off', sending('reminder'));
          runtime.faults.planNext('lambda', 'cut-off', (call) => call.operation === 'PublishReports');
        },
      });
      expect(cycle.faults.lambda['cut-off']).toBe(3);
      const timedOut = cycle.execution.events.filter(
        (e) => e.type === 'StateRetried' || (e as { error?: string }).error === 'Sandbox.Timedout',
      );
      expect(timedOut.length).toBeGreaterThan(0);
    },
    120_000,
  );
});
