/**
 * Fault: the connection is reset before SES read the request (nothing was sent, but the mailer
 * cannot tell that from an answer lost after SES accepted). The email stays in doubt; no Send event
 * comes; after the grace period it is sent again. With 3 seeds, 20 % of SES calls reset: every
 * invitation, reminder and report is received exactly once.
 */
import { describe, expect, it } from 'vitest';
import { faultyCycle } from '../support/exactly-once.ts';

describe('SES connection reset before the request was read', () => {
  it.each([3, 17, 29])(
    'seed %i: every email received exactly once',
    async (seed) => {
      const { cycle, summary } = await faultyCycle({
        label: 'reset-before',
        seed,
        quarter: '2020-Q1',
        // Room for a reminder that is itself reset, waits out the grace period and goes again, and
        // for the late raters who answer it (on a loaded 2-core machine too).
        reminderSeconds: 10,
        deadlineSeconds: 32,
        inject: (runtime) => {
          runtime.faults.configure({ rate: 0.2, seed, services: ['ses'], kinds: ['reset-before'] });
          runtime.faults.planNext('ses', 'reset-before', (call) => call.operation === 'SendEmail');
        },
      });
      expect(cycle.faults.ses['reset-before']).toBeGreaterThan(0);
      // SES accepted each email once: the resets reached nothing.
      expect(summary.sesAccepted).toBe(cycle.emails.length);
    },
    120_000,
  );
});
