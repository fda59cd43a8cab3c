/**
 * Fault: throttling sustained for 30 seconds — every send answered `Throttling` "Maximum sending
 * rate exceeded." — far beyond any retry budget of a single call. The senders back off and keep
 * trying; nothing fails, nothing is lost. Each seed opens the window in another phase: the
 * invitations, the reminders, the reports.
 */
import { describe, expect, it } from 'vitest';
import { TAG_NAMES } from '../../functions/shared/mailer.ts';
import { faultyCycle } from '../support/exactly-once.ts';

const WINDOW_MS = 30_000;
const PHASES = [
  // The invitations go out after the window (~31 s): the reminder planned at 10 s then waits half
  // its planned distance from the opening (5 s) after them, so nobody is reminded right away.
  { seed: 7, kind: 'invitation', reminderSeconds: 10, deadlineSeconds: 55 },
  { seed: 11, kind: 'reminder', reminderSeconds: 5, deadlineSeconds: 45 },
  { seed: 23, kind: 'leader-report', reminderSeconds: 5, deadlineSeconds: 18 },
] as const;

describe('SES throttling sustained for 30 s', () => {
  it.each(PHASES)(
    'seed $seed, while sending the $kind emails: every email received exactly once',
    async (phase) => {
      const { cycle, summary } = await faultyCycle({
        label: `throttled-30s-${phase.kind}`,
        seed: phase.seed,
        quarter: '2020-Q4',
        reminderSeconds: phase.reminderSeconds,
        deadlineSeconds: phase.deadlineSeconds,
        inject: (runtime) =>
          runtime.faults.throttleSesFor(
            WINDOW_MS,
            (call) => (call.payload as Record<string, string> | undefined)?.[TAG_NAMES.kind] === phase.kind,
          ),
      });
      expect(cycle.faults.ses.throttle ?? 0).toBeGreaterThan(3);
      expect(cycle.durationMs).toBeGreaterThan(WINDOW_MS);
      expect(summary.status).toBe('SUCCEEDED');
    },
    150_000,
  );
});
