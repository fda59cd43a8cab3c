/**
 * Fault: SES events delivered twice, or late (1.5 s, within the 3 s grace period), while some sends
 * lose their answer after SES accepted them — so whether those emails are sent again depends on
 * their (duplicated, late) Send events. With 3 seeds: every email received exactly once, no
 * duplicate counted.
 */
import { describe, expect, it } from 'vitest';
import { faultyCycle } from '../support/exactly-once.ts';

describe('SES events delivered twice or late', () => {
  it.each([2, 19, 31])(
    'seed %i: every email received exactly once',
    async (seed) => {
      const { cycle } = await faultyCycle({
        label: 'events-twice-or-late',
        seed,
        quarter: '2020-Q3',
        reminderSeconds: 8,
        deadlineSeconds: 20,
        inject: (runtime) => {
          runtime.faults.configure({
            rate: 0.4,
            seed,
            services: ['ses-events'],
            kinds: ['duplicate', 'late'],
            lateMs: 1500,
          });
          for (let i = 0; i < 4; i++)
            runtime.faults.planNext('ses', 'response-lost', (call) => call.operation === 'SendEmail');
        },
      });
      expect(cycle.faults['ses-events'].duplicate ?? 0).toBeGreaterThan(0);
      expect(cycle.faults['ses-events'].late ?? 0).toBeGreaterThan(0);
      expect(cycle.faults.ses['response-lost']).toBe(4);
    },
    120_000,
  );
});
