/** The sending status of `ladder cycle status` and the console's progress page (pure). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { MailSlot } from '../../functions/core/mail-slot.ts';
import { HOUR_MS, hourKey, type PacerState } from '../../functions/core/send-pacing.ts';
import { cycleEmailsOf, sendingStatusOf } from '../../functions/core/sending-status.ts';

const NOW = Date.parse('2026-12-01T12:30:00Z');
const slot = (state: MailSlot['state'], extra: Partial<MailSlot> = {}): MailSlot => ({
  state,
  claim: 'c',
  claimedAt: '2026-12-01T12:00:00Z',
  attempts: 1,
  ...extra,
});

describe('sendingStatusOf', () => {
  it('is undefined until the schedule has read the account', () => {
    expect(sendingStatusOf({}, 5, 0.9, NOW)).toBeUndefined();
  });

  it('with quota to spare: the limits and what is left, nothing waits for quota', () => {
    const state: PacerState = {
      quota: { maxSendRate: 14, max24HourSend: 50_000, sentLast24Hours: 1_000 },
      quotaReadAt: NOW - 30_000,
      reservedCurrent: 200,
    };
    expect(sendingStatusOf(state, 300, 0.9, NOW)).toEqual({
      maxSendRate: 14,
      max24HourSend: 50_000,
      sentLast24Hours: 1_000,
      share: 0.9,
      allowance: { rate: 14 * 0.9, daily: 45_000 },
      remaining: 43_800,
      waiting: 300,
      waitingForQuota: false,
      readAt: new Date(NOW - 30_000).toISOString(),
    });
  });

  it("short of quota: when Ladder's own sends leave the 24 hours, the next and then all can go", () => {
    // 9 a day for Ladder; 7 sent two hours ago, 2 an hour ago: nothing left, 7 waiting.
    const twoHoursAgo = NOW - 2 * HOUR_MS;
    const anHourAgo = NOW - HOUR_MS;
    const state: PacerState = {
      quota: { maxSendRate: 1, max24HourSend: 10, sentLast24Hours: 9 },
      quotaReadAt: NOW,
      hours: { [hourKey(twoHoursAgo)]: 7, [hourKey(anHourAgo)]: 2 },
    };
    const status = sendingStatusOf(state, 7, 0.9, NOW)!;
    expect(status).toMatchObject({ remaining: 0, waiting: 7, waitingForQuota: true });
    // The first 7 leave the window at the latest an hour and a day after their hour began.
    const freed = (Math.floor(twoHoursAgo / HOUR_MS) + 1) * HOUR_MS + 24 * HOUR_MS;
    expect(status.nextAt).toBe(new Date(freed).toISOString());
    expect(status.allAt).toBe(new Date(freed).toISOString());
  });

  it('when others use the account, the time is not known', () => {
    const state: PacerState = {
      quota: { maxSendRate: 1, max24HourSend: 10, sentLast24Hours: 10 },
      quotaReadAt: NOW,
    };
    const status = sendingStatusOf(state, 3, 0.9, NOW)!;
    expect(status.waitingForQuota).toBe(true);
    expect(status.nextAt).toBeUndefined();
    expect(status.allAt).toBeUndefined();
  });

  it('property: waits for quota exactly when more wait than is left; never before now; the next before all', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000 }),
        fc.integer({ min: 0, max: 1_200 }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 1, max: 200 })), {
          maxLength: 6,
        }),
        fc.integer({ min: 0, max: 2_000 }),
        fc.double({ min: 0.1, max: 1, noNaN: true }),
        (max, sent, hoursAgo, waiting, share) => {
          const hours: Record<string, number> = {};
          for (const [ago, count] of hoursAgo) {
            const key = hourKey(NOW - ago * HOUR_MS);
            hours[key] = (hours[key] ?? 0) + count;
          }
          const state: PacerState = {
            quota: { maxSendRate: 5, max24HourSend: max, sentLast24Hours: sent },
            quotaReadAt: NOW,
            hours,
          };
          const status = sendingStatusOf(state, waiting, share, NOW)!;
          expect(status.waitingForQuota).toBe(waiting > status.remaining);
          expect(status.remaining).toBeLessThanOrEqual(status.allowance.daily);
          if (!status.waitingForQuota) expect(status.nextAt ?? status.allAt).toBeUndefined();
          if (status.nextAt) expect(Date.parse(status.nextAt)).toBeGreaterThanOrEqual(NOW);
          if (status.nextAt && status.allAt) {
            expect(Date.parse(status.nextAt)).toBeLessThanOrEqual(Date.parse(status.allAt));
          }
          if (status.allAt) expect(status.nextAt).toBeDefined();
        },
      ),
    );
  });
});

describe('cycleEmailsOf', () => {
  it('counts per rater, with SES reasons, and the reports that went', () => {
    const emails = cycleEmailsOf(
      [
        { invitation: slot('sent'), reminders: [slot('sent')] },
        { invitation: slot('refused', { reason: 'Domain contains dot-dot' }), reminders: [] },
        { invitation: slot('suppressed'), reminders: [], bouncedAt: '2026-11-30T00:00:00Z' },
        { reminders: [] },
      ],
      [
        slot('sent'),
        slot('claimed', { outcome: 'not-sent' }),
        undefined,
        slot('claimed', { confirmedAt: 'x' }),
      ],
    );
    expect(emails).toMatchObject({
      raters: 4,
      invited: 1,
      reminders: 1,
      undeliverable: 1,
      reasons: [{ reason: 'Domain contains dot-dot', raters: 1 }],
      suppressed: 1,
      bounced: 1,
      waiting: 1,
      reports: 2,
    });
  });
});
