import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CYCLE_START_CHECKS,
  type CycleStartCheck,
  type CycleStartContext,
  checkCycleStart,
  cycleStartSettingsFrom,
  DEFAULT_CYCLE_START_SETTINGS,
  onlyQuarterTaken,
} from '../../functions/core/cycle-start-checks.ts';
import { describeExecutionFailure } from '../../functions/core/execution-failure.ts';

const now = new Date('2027-01-04T07:00:00Z');
const DAY = 24 * 3600 * 1000;
const iso = (ms: number) => new Date(ms).toISOString();
const roster = { version: 'v1', people: 40 };

function context(overrides: Partial<CycleStartContext> & { request?: CycleStartContext['request'] } = {}) {
  return {
    request: { quarter: '2026-Q4' },
    now,
    settings: DEFAULT_CYCLE_START_SETTINGS,
    facts: { roster, quarter: {} },
    ...overrides,
  } satisfies CycleStartContext;
}

const codes = (ctx: CycleStartContext) => {
  const verdict = checkCycleStart(ctx);
  return verdict.ok ? [] : verdict.problems.map((p) => p.code);
};

describe('start checks: a start that cannot block its quarter', () => {
  it('accepts the quarter just ended with the defaults, and returns the plan', () => {
    const verdict = checkCycleStart(context());
    expect(verdict).toEqual({
      ok: true,
      problems: [],
      plan: {
        quarter: '2026-Q4',
        deadline: '2027-01-18T07:00:00.000Z',
        reminders: ['2027-01-11T07:00:00.000Z', '2027-01-16T04:36:00.000Z'],
      },
    });
  });

  it.each([
    // The defects of issue 9, each refused before anything starts.
    [
      { quarter: '2026-Q2', deadline: '2020-01-01T00:00:00Z' },
      'deadline-not-in-future',
      /Deadline 2020-01-01T00:00:00.000Z is not in the future/,
    ],
    [
      {
        quarter: '2026-Q4',
        deadline: iso(now.getTime() + 3 * DAY),
        reminders: [iso(now.getTime() + 4 * DAY)],
      },
      'reminder-outside-window',
      /Reminder .* is not between now .* and the deadline/,
    ],
    [
      { quarter: '2026-Q4', deadline: iso(now.getTime() + 3 * DAY), reminders: [iso(now.getTime() - DAY)] },
      'reminder-outside-window',
      /Reminder/,
    ],
    [
      { quarter: '1999-Q1' },
      'quarter-too-old',
      /Quarter 1999-Q1 ended 111 quarters before the current one, more than the 4 allowed: force it with --force/,
    ],
    [
      { quarter: '2027-Q3' },
      'quarter-not-ended',
      /Quarter 2027-Q3 has not ended yet \(it ends on 2027-10-01, UTC\)/,
    ],
    [{ quarter: '2027-Q1' }, 'quarter-not-ended', /2027-Q1 has not ended yet/],
    [
      { quarter: '2026-Q5' },
      'invalid-quarter',
      /Quarter "2026-Q5" is not a quarter id: use the form 2026-Q4\./,
    ],
    [
      { quarter: '2026-Q4', deadline: 'next friday' },
      'invalid-deadline',
      /Deadline "next friday" is not an ISO 8601 date-time/,
    ],
    [
      { quarter: '2026-Q4', deadline: iso(now.getTime() + 61 * DAY) },
      'deadline-too-far',
      /more than 60 days away, the configured maximum/,
    ],
    [{ quarter: '2026-Q4', reminders: ['soon'] }, 'invalid-reminder', /Reminder "soon" is not an ISO 8601/],
  ])('%j → %s', (request, code, message) => {
    const verdict = checkCycleStart(context({ request }));
    expect(verdict.ok).toBe(false);
    if (verdict.ok) return;
    expect(verdict.problems.map((p) => p.code)).toEqual([code]);
    expect(verdict.problems[0]!.message).toMatch(message);
    // One sentence, no stack trace.
    expect(verdict.problems[0]!.message).not.toMatch(/\n|\bat \/|\.ts:\d/);
  });

  it('refuses a start before any roster was imported', () => {
    const verdict = checkCycleStart(context({ facts: { roster: undefined, quarter: {} } }));
    expect(verdict.ok || verdict.problems).toEqual([
      {
        code: 'no-roster',
        message: 'No roster has been imported yet: import one with `ladder roster import FILE` first.',
      },
    ]);
  });

  it('names every problem at once', () => {
    expect(
      codes(
        context({
          request: { quarter: '1999-Q1', deadline: '2020-01-01T00:00:00Z', reminders: ['x'] },
          facts: { roster: undefined, quarter: {} },
        }),
      ),
    ).toEqual(['quarter-too-old', 'deadline-not-in-future', 'invalid-reminder', 'no-roster']);
  });

  it('--force lifts only the quarter window', () => {
    expect(codes(context({ request: { quarter: '1999-Q1' }, force: true }))).toEqual([]);
    expect(codes(context({ request: { quarter: '2027-Q3' }, force: true }))).toEqual([]);
    expect(
      codes(context({ request: { quarter: '1999-Q1', deadline: '2020-01-01T00:00:00Z' }, force: true })),
    ).toEqual(['deadline-not-in-future']);
  });

  it('reads the quarter boundary on the company calendar', () => {
    // 2027-01-01T02:00Z: still 2026 in New York, so 2026-Q4 has not ended there.
    const newYearUtc = new Date('2027-01-01T02:00:00Z');
    expect(codes(context({ now: newYearUtc }))).toEqual([]);
    expect(
      codes(
        context({
          now: newYearUtc,
          settings: { ...DEFAULT_CYCLE_START_SETTINGS, timeZone: 'America/New_York' },
        }),
      ),
    ).toEqual(['quarter-not-ended']);
  });

  it('tells what the quarter already has: started, failed after opening, cancelled', () => {
    const started = {
      cycleStatus: 'collecting' as const,
      latestAttempt: { name: 'cycle-2026-Q4-1', status: 'RUNNING' },
    };
    const failedOpen = {
      cycleStatus: 'collecting' as const,
      latestAttempt: { name: 'cycle-2026-Q4-1', status: 'FAILED' },
    };
    const cancelled = {
      cycleStatus: 'cancelled' as const,
      latestAttempt: { name: 'cycle-2026-Q4-1', status: 'ABORTED' },
    };
    const runningNotOpen = { latestAttempt: { name: 'cycle-2026-Q4-2', status: 'RUNNING' } };
    const failedBeforeOpening = { latestAttempt: { name: 'cycle-2026-Q4-1', status: 'FAILED' } };
    const run = (quarter: object) => checkCycleStart(context({ facts: { roster, quarter } }));
    const messages = (quarter: object) => {
      const verdict = run(quarter);
      return verdict.ok ? [] : verdict.problems.map((p) => `${p.code}: ${p.message}`);
    };
    expect(messages(started)).toEqual([
      'already-started: The 2026-Q4 review cycle was already started (execution cycle-2026-Q4-1, RUNNING); nothing new was sent.',
    ]);
    expect(messages(failedOpen)).toEqual([
      'failed: The 2026-Q4 review cycle stopped before it finished (execution cycle-2026-Q4-1, FAILED): continue it with `ladder cycle retry --quarter 2026-Q4`.',
    ]);
    expect(messages(cancelled)[0]).toMatch(/^cancelled: The 2026-Q4 review cycle was cancelled/);
    expect(messages(runningNotOpen)[0]).toMatch(/^already-started:/);
    // A first attempt that failed before opening the cycle (it sent nothing) does not hold the quarter.
    expect(run(failedBeforeOpening).ok).toBe(true);
    expect(onlyQuarterTaken((run(failedOpen) as { problems: never[] }).problems)).toBe(true);
  });

  it('takes more checks (e.g. a sending-quota check with its own fact)', () => {
    const quota: CycleStartCheck = ({ facts }) => {
      const sendQuota = (facts as { sendQuota?: number }).sendQuota;
      return sendQuota !== undefined && sendQuota < 100
        ? [{ code: 'quota', message: 'SES lets this account send 50 emails a day: the cycle needs 100.' }]
        : [];
    };
    const facts = { roster, quarter: {}, sendQuota: 50 };
    expect(checkCycleStart(context({ facts }), [...CYCLE_START_CHECKS, quota]).ok).toBe(false);
    expect(
      checkCycleStart(context({ facts: { roster, quarter: {} } }), [...CYCLE_START_CHECKS, quota]).ok,
    ).toBe(true);
  });

  it('property: a deadline in (now, now + max] with reminders strictly inside is accepted; outside is refused', () => {
    const max = DEFAULT_CYCLE_START_SETTINGS.maxReviewDays * DAY;
    fc.assert(
      fc.property(
        fc.integer({ min: -max, max: 2 * max }),
        fc.array(fc.integer({ min: -max, max: 2 * max }), { maxLength: 4 }),
        (deadlineOffset, reminderOffsets) => {
          const t = now.getTime();
          const request = {
            quarter: '2026-Q4',
            deadline: iso(t + deadlineOffset),
            reminders: reminderOffsets.map((offset) => iso(t + offset)),
          };
          const deadlineOk = deadlineOffset > 0 && deadlineOffset <= max;
          const remindersOk = reminderOffsets.every((offset) => offset > 0 && offset < deadlineOffset);
          const verdict = checkCycleStart(context({ request }));
          expect(verdict.ok).toBe(deadlineOk && remindersOk);
          if (verdict.ok) {
            expect(Date.parse(verdict.plan.deadline)).toBe(t + deadlineOffset);
            expect(verdict.plan.reminders.every((r) => Date.parse(r) > t)).toBe(true);
          }
        },
      ),
    );
  });
});

describe('start-check settings', () => {
  it('reads environment values, defaults the rest, names a bad one', () => {
    expect(cycleStartSettingsFrom({})).toEqual(DEFAULT_CYCLE_START_SETTINGS);
    expect(cycleStartSettingsFrom({ maxReviewDays: '30', timeZone: 'Europe/Berlin' })).toMatchObject({
      maxReviewDays: 30,
      timeZone: 'Europe/Berlin',
    });
    expect(() => cycleStartSettingsFrom({ maxQuarterAge: 'two' })).toThrow(
      /maxQuarterAge must be a whole number/,
    );
    expect(() => cycleStartSettingsFrom({ reviewDays: '40', maxReviewDays: '30' })).toThrow(
      /must not exceed/,
    );
    expect(() => cycleStartSettingsFrom({ timeZone: 'Moon/Base' })).toThrow(/IANA time zone/);
  });
});

describe('a stopped execution in one sentence', () => {
  it('takes the message out of the Lambda runtime error document: no trace, no file paths', () => {
    const cause = JSON.stringify({
      errorType: 'InvalidInputError',
      errorMessage:
        'Invalid cycle input: deadline 2020-01-01T00:00:00.000Z is not after the cycle opens (2026-12-01T08:00:00.000Z)',
      trace: [
        'InvalidInputError: Invalid cycle input',
        '    at planCycle (/work/functions/core/cycle-plan.ts:48:11)',
      ],
    });
    expect(describeExecutionFailure('FAILED', 'InvalidInputError', cause)).toBe(
      'Invalid cycle input: deadline 2020-01-01T00:00:00.000Z is not after the cycle opens (2026-12-01T08:00:00.000Z).',
    );
    expect(
      describeExecutionFailure(
        'FAILED',
        'Error',
        'Boom at /work/wt/x/functions/a.ts:1:2\n    at f (/a/b.ts:1)',
      ),
    ).toBe('Boom at …');
    expect(describeExecutionFailure('TIMED_OUT', undefined, undefined)).toBe(
      'A step of the workflow timed out.',
    );
    expect(describeExecutionFailure('ABORTED', 'Ladder.Cancelled', 'x')).toMatch(
      /cancelled with `ladder cycle cancel`/,
    );
    expect(describeExecutionFailure('ABORTED', undefined, undefined)).toBe('The execution was stopped.');
    expect(describeExecutionFailure('RUNNING', undefined, undefined)).toBeUndefined();
    expect(describeExecutionFailure('SUCCEEDED', undefined, undefined)).toBeUndefined();
  });
});
