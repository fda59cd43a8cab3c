import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decideCheckpoint, planCycle, reminderTimes } from '../../functions/core/cycle-plan.ts';

const opened = new Date('2027-01-04T07:00:00Z');
const at = (iso: string) => new Date(iso);

describe('planCycle', () => {
  it('defaults: deadline after the review days, reminders half-way and at 85%', () => {
    expect(planCycle({ quarter: '2026-Q4' }, opened, 14)).toEqual({
      quarter: '2026-Q4',
      deadline: '2027-01-18T07:00:00.000Z',
      reminders: ['2027-01-11T07:00:00.000Z', '2027-01-16T04:36:00.000Z'],
    });
  });

  it('keeps given times, sorted and without duplicates', () => {
    const plan = planCycle(
      {
        quarter: '2026-Q4',
        deadline: '2027-01-10T17:00:00Z',
        reminders: ['2027-01-08T09:00:00Z', '2027-01-06T09:00:00Z', '2027-01-08T09:00:00Z'],
      },
      opened,
    );
    expect(plan.reminders).toEqual(['2027-01-06T09:00:00.000Z', '2027-01-08T09:00:00.000Z']);
  });

  it.each([
    [{ quarter: '2026-Q5' }, /quarter must look like 2026-Q4/],
    [{}, /quarter/],
    [{ quarter: '2026-Q4', deadline: 'tomorrow' }, /deadline must be an ISO 8601 date-time/],
    [{ quarter: '2026-Q4', deadline: '2027-01-01T00:00:00Z' }, /deadline .* is not after the cycle opens/],
    [
      { quarter: '2026-Q4', deadline: '2027-01-10T00:00:00Z', reminders: ['2027-01-11T00:00:00Z'] },
      /reminder .* must fall between the opening and the deadline/,
    ],
  ])('refuses %j naming the problem', (input, message) => {
    expect(() => planCycle(input, opened)).toThrow(message);
    try {
      planCycle(input, opened);
    } catch (error) {
      expect((error as Error).name).toBe('InvalidInputError');
    }
  });
});

describe('decideCheckpoint', () => {
  const state = {
    deadline: '2027-01-18T07:00:00Z',
    reminders: ['2027-01-11T07:00:00Z', '2027-01-16T07:00:00Z'],
    remindersStarted: 0,
    requestCount: 10,
    doneCount: 3,
  };

  it('waits until the first reminder', () => {
    expect(decideCheckpoint(state, at('2027-01-10T07:00:00Z'))).toEqual({
      done: false,
      reason: 'waiting',
      reminderDue: false,
      round: 0,
      secondsToCheckpoint: 24 * 3600,
    });
  });

  it('starts a due reminder round once, then waits for the next point', () => {
    const decision = decideCheckpoint(state, at('2027-01-11T07:00:01Z'));
    expect(decision).toMatchObject({ reminderDue: true, round: 1, done: false });
    expect(decision.secondsToCheckpoint).toBe(5 * 24 * 3600 - 1);
    expect(decideCheckpoint({ ...state, remindersStarted: 1 }, at('2027-01-11T07:00:01Z'))).toMatchObject({
      reminderDue: false,
    });
  });

  it('invitations that went out late (quota, throttling): no reminder right after them', () => {
    // Opened on the 4th, first reminder planned a week later; the invitations took until the 12th.
    const late = { ...state, openedAt: '2027-01-04T07:00:00Z', invitationsSentAt: '2027-01-12T07:00:00Z' };
    // Half the planned week (3.5 days) after the invitations: the 15th, 19:00.
    expect(reminderTimes(late).map((t) => new Date(t).toISOString())).toEqual([
      '2027-01-15T19:00:00.000Z',
      '2027-01-16T07:00:00.000Z',
    ]);
    expect(decideCheckpoint(late, at('2027-01-12T07:00:01Z'))).toMatchObject({ reminderDue: false });
    expect(decideCheckpoint(late, at('2027-01-15T19:00:00Z'))).toMatchObject({ reminderDue: true, round: 1 });
    // Invitations on time: the planned times stand.
    const onTime = { ...late, invitationsSentAt: '2027-01-04T07:20:00Z' };
    expect(reminderTimes(onTime)).toEqual(state.reminders.map((r) => Date.parse(r)));
  });

  it('a late checkpoint sends only the latest missed round', () => {
    expect(decideCheckpoint(state, at('2027-01-17T00:00:00Z'))).toMatchObject({
      reminderDue: true,
      round: 2,
    });
  });

  it('is done at the deadline, or as soon as every request is answered or declined', () => {
    expect(decideCheckpoint(state, at('2027-01-18T07:00:00Z'))).toMatchObject({
      done: true,
      reason: 'deadline',
    });
    expect(decideCheckpoint({ ...state, doneCount: 10 }, at('2027-01-10T00:00:00Z'))).toMatchObject({
      done: true,
      reason: 'all-done',
    });
  });

  it('property: the wait is a whole number of seconds ≥ 1 that never passes the next point', () => {
    const start = Date.parse('2027-01-04T07:00:00Z');
    fc.assert(
      fc.property(
        fc.integer({ min: 60, max: 30 * 86400 }),
        fc.array(fc.double({ min: 0.01, max: 0.99, noNaN: true }), { maxLength: 4 }),
        fc.double({ min: 0, max: 1.2, noNaN: true }),
        fc.integer({ min: 0, max: 4 }),
        (window, fractions, nowFraction, started) => {
          const deadline = start + window * 1000;
          const reminders = [...new Set(fractions.map((f) => Math.round(start + window * 1000 * f)))].sort(
            (a, b) => a - b,
          );
          const now = start + window * 1000 * nowFraction;
          const decision = decideCheckpoint(
            {
              deadline: new Date(deadline).toISOString(),
              reminders: reminders.map((r) => new Date(r).toISOString()),
              remindersStarted: Math.min(started, reminders.length),
              requestCount: 5,
              doneCount: 0,
            },
            new Date(now),
          );
          expect(Number.isInteger(decision.secondsToCheckpoint)).toBe(true);
          expect(decision.secondsToCheckpoint).toBeGreaterThanOrEqual(1);
          if (!decision.done) expect(now + (decision.secondsToCheckpoint - 1) * 1000).toBeLessThan(deadline);
          expect(decision.done).toBe(now >= deadline);
        },
      ),
    );
  });
});
