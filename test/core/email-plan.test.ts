/**
 * The pure rules of one email per rater, exactly once, at the SES account's limits:
 * grouping requests by rater, the state of one email (mail slots), the shared send schedule, the
 * quota-aware plan of a cycle and its feasibility, and what became of a cycle's emails.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { syntheticRoster } from '../../bench/roster.ts';
import { summarizeDelivery } from '../../functions/core/delivery.ts';
import { groupByRater, inviteesPerTeam } from '../../functions/core/invitations.ts';
import { decideSlot, duplicatesOf, isInDoubt, type MailSlot } from '../../functions/core/mail-slot.ts';
import type { Person } from '../../functions/core/model.ts';
import {
  allowanceOf,
  dailyRemaining,
  LOOKAHEAD_MS,
  quotaFreesAt,
  takeSlots,
} from '../../functions/core/send-pacing.ts';
import { earliestFeasibleDeadline, planSending, sendingNeeds, span } from '../../functions/core/send-plan.ts';
import { leader, manager, seller } from './people.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const T0 = Date.parse('2026-10-01T07:00:00Z');

describe('one email per rater', () => {
  const team = (t: string): Person[] => [
    manager(`${t}m`, t),
    leader(`${t}l1`, t, `${t}m`),
    leader(`${t}l2`, t, `${t}m`),
    ...[1, 2, 3, 4].map((i) => seller(`${t}s${i}`, t, i <= 2 ? `${t}l1` : `${t}l2`)),
  ];

  it('groups every request under its rater exactly once; the self-assessment first', () => {
    const needs = sendingNeeds([...team('A'), ...team('B')]);
    expect(needs.invitees).toBe(14);
    expect(needs.teams).toEqual([
      { batch: 0, team: 'A', emails: 7 },
      { batch: 0, team: 'B', emails: 7 },
    ]);
    // 4 leader reports, 2 manager summaries, HR's.
    expect(needs.reports).toBe(7);
    const invitees = groupByRater(
      [
        { leaderId: 'l2', raterId: 'l1', group: 'peer' },
        { leaderId: 'l1', raterId: 'l1', group: 'self' },
        { leaderId: 'l1', raterId: 's1', group: 'coachee' },
      ],
      () => 0,
      () => 'A',
    );
    expect(invitees.map((i) => [i.raterId, i.requests.map((r) => r.group)])).toEqual([
      ['l1', ['self', 'peer']],
      ['s1', ['coachee']],
    ]);
  });

  it('property: each request in exactly one invitee, one invitee per rater, in the batch of its first leader', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(
          fc.record({
            leaderId: fc.constantFrom('a', 'b', 'c', 'd'),
            raterId: fc.constantFrom('p', 'q', 'r', 's', 'a'),
          }),
          { selector: (r) => `${r.leaderId}|${r.raterId}`, maxLength: 20 },
        ),
        (pairs) => {
          const requests = pairs.map((p) => ({ ...p, group: 'peer' as const }));
          const batchOf = (leaderId: string) => 'abcd'.indexOf(leaderId) >> 1;
          const invitees = groupByRater(requests, batchOf, (id) => `team-${batchOf(id)}`);
          expect(invitees.flatMap((i) => i.requests).length).toBe(requests.length);
          expect(new Set(invitees.map((i) => i.raterId)).size).toBe(invitees.length);
          for (const invitee of invitees) {
            expect(invitee.batch).toBe(Math.min(...invitee.requests.map((r) => batchOf(r.leaderId))));
          }
          expect(inviteesPerTeam(invitees).reduce((s, t) => s + t.emails, 0)).toBe(invitees.length);
        },
      ),
    );
  });

  it("the bench's roster: 7.5 invitations per leader instead of 12", () => {
    const needs = sendingNeeds(syntheticRoster(100));
    expect(needs.invitees / 100).toBe(7.5);
    expect(needs.reports).toBe(100 + 50 + 1);
  });
});

describe('the state of one email', () => {
  const claimed: MailSlot = {
    state: 'claimed',
    claim: 'c1',
    claimedAt: new Date(T0).toISOString(),
    attempts: 1,
  };

  it('decides: send, done, wait for the Send event, or send again under a new claim', () => {
    expect(decideSlot(undefined, T0, 1000)).toEqual({ action: 'send' });
    expect(decideSlot({ ...claimed, state: 'sent', messageId: 'm' }, T0, 1000)).toEqual({
      action: 'done',
      result: 'sent',
    });
    expect(decideSlot({ ...claimed, confirmedAt: 'x' }, T0, 1000)).toEqual({
      action: 'done',
      result: 'sent',
    });
    expect(decideSlot({ ...claimed, state: 'refused' }, T0, 1000)).toEqual({
      action: 'done',
      result: 'refused',
    });
    expect(decideSlot({ ...claimed, state: 'suppressed' }, T0, 1000)).toEqual({
      action: 'done',
      result: 'suppressed',
    });
    // In doubt: wait out the grace period from the claim, then send again.
    expect(decideSlot({ ...claimed, outcome: 'unknown' }, T0 + 400, 1000)).toEqual({
      action: 'wait',
      ms: 600,
    });
    expect(decideSlot({ ...claimed, outcome: 'unknown' }, T0 + 1000, 1000)).toEqual({
      action: 'resend',
      claim: 'c1',
      attempts: 2,
    });
    // Certainly not sent: again at once.
    expect(decideSlot({ ...claimed, outcome: 'not-sent' }, T0, 1000)).toEqual({
      action: 'resend',
      claim: 'c1',
      attempts: 2,
    });
    expect(isInDoubt({ ...claimed, outcome: 'unknown' })).toBe(true);
    expect(isInDoubt({ ...claimed, outcome: 'not-sent' })).toBe(false);
  });

  it('counts a duplicate only when the email was sent again and an earlier claim turned out sent too', () => {
    expect(duplicatesOf({ ...claimed, lateClaims: new Set(['c0']) })).toBe(0);
    expect(duplicatesOf({ ...claimed, state: 'sent', messageId: 'm', lateClaims: new Set(['c0']) })).toBe(1);
  });

  it("summarizes a cycle's emails per rater", () => {
    const sent: MailSlot = { ...claimed, state: 'sent', messageId: 'm' };
    const summary = summarizeDelivery([
      { invitation: sent, reminders: [sent] },
      { invitation: { ...claimed, state: 'refused', reason: 'Domain contains dot-dot' }, reminders: [] },
      { invitation: { ...claimed, state: 'refused', reason: 'Domain contains dot-dot' }, reminders: [] },
      { invitation: { ...claimed, state: 'suppressed' }, reminders: [], bouncedAt: 'x' },
      { invitation: { ...claimed, outcome: 'unknown' }, reminders: [] },
      { invitation: undefined, reminders: [] },
      { invitation: { ...sent, lateClaims: new Set(['c0']) }, reminders: [] },
    ]);
    expect(summary).toEqual({
      raters: 7,
      invited: 2,
      reminders: 1,
      undeliverable: 2,
      reasons: [{ reason: 'Domain contains dot-dot', raters: 2 }],
      suppressed: 1,
      bounced: 1,
      complained: 0,
      inDoubt: 1,
      waiting: 1,
      duplicates: 1,
    });
  });
});

describe('the shared send schedule', () => {
  const quota = { maxSendRate: 14, max24HourSend: 50_000, sentLast24Hours: 0 };

  it("Ladder's share of the account", () => {
    expect(allowanceOf(quota, 0.9)).toEqual({ rate: 12.6, daily: 45_000 });
    expect(() => allowanceOf(quota, 0)).toThrow(RangeError);
    expect(
      dailyRemaining(
        { quota: { ...quota, sentLast24Hours: 1000 }, reservedCurrent: 40, reservedPrevious: 60 },
        0.9,
      ),
    ).toBe(43_900);
  });

  it('property: however senders interleave, no two slots are closer than the rate allows, and none is idle while senders wait', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ after: fc.integer({ min: 0, max: 300 }), wanted: fc.integer({ min: 1, max: 40 }) }),
          {
            minLength: 1,
            maxLength: 60,
          },
        ),
        fc.constantFrom(1, 12.6, 14, 90),
        (calls, rate) => {
          let now = T0;
          let state: { nextSlotAt?: number } = {};
          const slots: number[] = [];
          for (const call of calls) {
            now += call.after;
            const grant = takeSlots(state, now, call.wanted, rate);
            if ('waitMs' in grant) {
              expect(grant.waitMs).toBeGreaterThan(0);
              expect((state.nextSlotAt ?? 0) - now).toBeGreaterThan(LOOKAHEAD_MS);
              continue;
            }
            expect(grant.start).toBeGreaterThanOrEqual(now);
            for (let i = 0; i < grant.count; i++) slots.push(grant.start + i * grant.interval);
            state = { nextSlotAt: grant.nextSlotAt };
          }
          slots.sort((a, b) => a - b);
          // Within any second, at most ceil(rate) slots (the account's limit is above Ladder's share).
          for (let i = 0; i < slots.length; i++) {
            const inSecond = slots.filter((t) => t >= slots[i]! && t < slots[i]! + 1000).length;
            expect(inSecond).toBeLessThanOrEqual(Math.ceil(rate));
          }
        },
      ),
    );
  });

  it("quota frees as Ladder's own sending leaves the 24-hour window", () => {
    const hour = Math.floor(T0 / HOUR);
    const state = {
      quota: { maxSendRate: 14, max24HourSend: 1000, sentLast24Hours: 900 },
      hours: { [String(hour - 20)]: 300, [String(hour - 10)]: 600 },
    };
    expect(dailyRemaining(state, 0.9)).toBe(0);
    // 300 emails sent 20 hours ago leave the window in about 5 hours.
    expect(quotaFreesAt(state, 0.9, 200, T0)).toBe((hour - 20) * HOUR + HOUR + DAY);
    expect(quotaFreesAt(state, 0.9, 800, T0)).toBe((hour - 10) * HOUR + HOUR + DAY);
    // Others' sending Ladder cannot see: ask SES again later.
    expect(quotaFreesAt(state, 0.9, 5000, T0)).toBeUndefined();
  });
});

describe('the quota-aware plan of a cycle', () => {
  const quota = (max24HourSend: number, maxSendRate = 14, sentLast24Hours = 0) => ({
    maxSendRate,
    max24HourSend,
    sentLast24Hours,
  });
  const teams = (n: number, size: number) =>
    Array.from({ length: n }, (_, i) => ({ batch: i, team: `T${i}`, emails: size }));

  it('fits in the first minutes when the quota is ample', () => {
    const plan = planSending({
      teams: teams(4, 15),
      reports: 13,
      quota: quota(50_000),
      share: 0.9,
      start: T0,
      deadline: T0 + 14 * DAY,
      reminders: [T0 + 7 * DAY],
    });
    expect(plan.feasible).toBe(true);
    expect(plan.invitations).toMatchObject({ emails: 60, days: 1, teams: 4 });
    // 60 emails at 12.6 a second.
    expect(plan.invitations.lastAt - T0).toBeCloseTo((60 / 12.6) * 1000, 0);
    expect(plan.reports.firstAt).toBe(T0 + 14 * DAY);
  });

  it('spreads invitations over days, whole teams together, before reminders and reports', () => {
    // 10 teams of 15 at 90 % of 100 a day: 6 teams (90) a day, never a team split.
    const plan = planSending({
      teams: teams(10, 15),
      reports: 26,
      quota: quota(100),
      share: 0.9,
      start: T0,
      deadline: T0 + 10 * DAY,
      reminders: [T0 + 5 * DAY],
    });
    expect(plan.invitations).toMatchObject({ emails: 150, days: 2 });
    expect(plan.invitations.lastAt).toBeGreaterThan(T0 + DAY);
    expect(plan.invitations.lastAt).toBeLessThan(T0 + DAY + HOUR);
    expect(plan.reminders[0]!.firstAt).toBeGreaterThanOrEqual(T0 + 5 * DAY);
    expect(plan.feasible).toBe(true);
  });

  it('refuses a deadline the quota cannot meet, with the numbers, and finds the earliest one it can', () => {
    const input = {
      teams: teams(10, 15),
      reports: 26,
      quota: quota(100, 14, 40),
      share: 0.9,
      start: T0,
      deadline: T0 + 2 * DAY,
      reminders: [T0 + DAY],
    };
    const plan = planSending(input);
    expect(plan.feasible).toBe(false);
    expect(plan.problems[0]).toMatch(
      /^150 invitations need 2 days at 90 emails per 24 hours \(90 % of the account's 100; 40 sent in the last 24 hours\) and 12.6 a second: the last would go at 2026-10-03T07:0\d:\d\dZ, after the first reminder \(2026-10-02T07:00:00Z\)\.$/,
    );
    const earliest = earliestFeasibleDeadline(input)!;
    expect(
      planSending({ ...input, deadline: earliest, reminders: [T0 + (earliest - T0) / 2] }).feasible,
    ).toBe(true);
    expect(earliest).toBeGreaterThan(T0 + 2 * DAY);
  });

  it('10,000 leaders: days of invitations at 14/s and 50,000 a day, and at 100/s and 1,000,000 a day', () => {
    // The bench's roster: 5,000 teams of 15 raters (two leaders each); 10,000 reports, 5,000 summaries, HR.
    const input = {
      teams: teams(5000, 15),
      reports: 15_001,
      share: 0.9,
      start: T0,
      deadline: T0 + 14 * DAY,
      reminders: [T0 + 7 * DAY, T0 + 12 * DAY],
    };
    const standard = planSending({ ...input, quota: quota(50_000) });
    expect(standard.invitations).toMatchObject({ emails: 75_000, days: 2 });
    expect(standard.feasible).toBe(true);
    const raised = planSending({ ...input, quota: quota(1_000_000, 100) });
    expect(raised.invitations.days).toBe(1);
    // 75,000 at 90 a second: under 14 minutes.
    expect(raised.invitations.lastAt - T0).toBeLessThan(14 * 60_000);
  });

  it('says how long in words', () => {
    expect(span(90_000)).toBe('2 minutes');
    expect(span(DAY + 3 * HOUR + 60_000)).toBe('1 day 3 hours');
  });
});
