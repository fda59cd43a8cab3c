/**
 * Timing that holds: the collect wait is computed when it begins, so a sending step that takes
 * longer than the time to the next reminder (as it will at SES's real sending rate) delays neither
 * the reminder nor the close. Before, the wait computed before sending was used after it: the
 * reminder came that much late, and the close later still.
 *
 * The reminder is due at the later of its planned time and half the planned interval after the
 * invitations were out (`reminderTimes`: nobody is reminded right after being invited); the
 * deadline leaves room for that reminder round to end first, so the close is timed by the wait
 * alone, not by how long the local SES took to send.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cycleStart } from '../../cli/commands/cycle.ts';
import { rosterImport } from '../../cli/commands/roster.ts';
import { reminderTimes } from '../../functions/core/cycle-plan.ts';
import { previousQuarter } from '../../functions/core/quarter.ts';
import { TAG_NAMES } from '../../functions/shared/mailer.ts';
import { getCycle } from '../../functions/shared/store/cycle-store.ts';
import { type LocalRuntime, startLocalRuntime } from '../../local/runtime.ts';
import { readMailStore } from '../../local/ses.ts';

const ROSTER = `person_id,name,email,role,team,manager_id,coach_id
m1,Mara Manager,mara@example.com,manager,North,,
c1,Cleo Leader,cleo@example.com,consultant_leader,North,m1,
s1,Sam One,sam1@example.com,salesperson,North,m1,c1
s2,Sue Two,sue2@example.com,salesperson,North,m1,c1
`;
/** How long each sending step takes in all: longer than the time to the reminder. */
const SEND_STEP_MS = 8_000;
const REMINDER_AFTER_MS = 6_000;
/** Invitations (8 s + sending) + the reminder's minimum gap (3 s) + reminders (8 s + sending) < 30 s. */
const DEADLINE_AFTER_MS = 30_000;
/** Scheduling slack on a loaded 2-core machine; the stale wait of the old definition was 6–8 s late. */
const SLACK_MS = 3_000;

let runtime: LocalRuntime;

beforeAll(async () => {
  (globalThis as { __ladderSendStepMs?: number }).__ladderSendStepMs = SEND_STEP_MS;
  runtime = await startLocalRuntime({
    quiet: true,
    retryIntervalScale: 0.01,
    functionOverrides: { SendEmails: new URL('./fixtures/slow-send-emails.ts', import.meta.url).pathname },
  });
  const dir = await mkdtemp(join(tmpdir(), 'ladder-timing-'));
  await writeFile(join(dir, 'roster.csv'), ROSTER);
  await rosterImport(join(dir, 'roster.csv'), () => {});
});
afterAll(async () => {
  await runtime?.close();
});

describe('collect timing', () => {
  it('sends the reminder and closes on time when sending takes longer than the reminder offset', async () => {
    const quarter = previousQuarter(new Date());
    const start = Date.now();
    const reminderAt = start + REMINDER_AFTER_MS;
    const deadline = start + DEADLINE_AFTER_MS;
    const { executionArn } = await cycleStart(
      runtime.stateMachineArn,
      {
        quarter,
        deadline: new Date(deadline).toISOString(),
        reminders: [new Date(reminderAt).toISOString()],
      },
      () => {},
    );
    const execution = await runtime.executions.waitFor(executionArn);
    expect(execution.status).toBe('SUCCEEDED');

    const invitationsDone = execution.events.find(
      (e) => e.type === 'StateExited' && e.state.name === 'SendInvitations',
    )!.timestamp;
    expect(invitationsDone - start).toBeGreaterThanOrEqual(REMINDER_AFTER_MS);

    const { emails } = await readMailStore(runtime.endpoints.ses);
    const kind = (messageId: string) => runtime.sentMessages.get(messageId)?.tags[TAG_NAMES.kind]?.[0];
    const reminders = emails.filter((e) => kind(e.messageId) === 'reminder');
    expect(reminders.length).toBeGreaterThan(0);
    // The reminder round starts when it is due: its planned time had passed when the invitations
    // were out, so half the planned interval after them.
    const cycle = (await getCycle(quarter))!;
    const [reminderDue] = reminderTimes({
      openedAt: cycle.openedAt,
      invitationsSentAt: cycle.invitationsSentAt!,
      deadline: cycle.deadline,
      reminders: cycle.reminders,
      remindersStarted: 0,
      requestCount: cycle.requestCount,
      doneCount: 0,
    });
    expect(reminderDue).toBeGreaterThan(reminderAt);
    const firstReminderMs = Math.min(...reminders.map((e) => e.at * 1000));
    expect(firstReminderMs).toBeGreaterThanOrEqual(reminderDue! - 1_000); // SES times are in seconds
    expect(firstReminderMs - reminderDue!).toBeLessThanOrEqual(SLACK_MS);
    const remindersDone = execution.events.find(
      (e) => e.type === 'StateExited' && e.state.name === 'SendReminders',
    )!.timestamp;
    expect(remindersDone).toBeLessThan(deadline);

    // The close comes at the deadline, after a wait that began when the reminder round ended.
    const closedAt = Date.parse(cycle.closedAt!);
    expect(closedAt).toBeGreaterThanOrEqual(deadline);
    expect(closedAt - deadline).toBeLessThanOrEqual(SLACK_MS);
  });
});
