/**
 * Operations that survive mistakes: a start is checked before anything runs, a failed attempt never
 * blocks its quarter, `cycle retry` continues a stopped cycle (redrive, or a new attempt that takes
 * the cycle over) and `cycle cancel` stops one for good — against the local runtime, through the
 * same SDK calls as on AWS. Every email is counted: nothing is ever sent twice.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cycleCancel, cycleRetry, cycleStart, cycleStatus, formatStatus } from '../../cli/commands/cycle.ts';
import { rosterImport } from '../../cli/commands/roster.ts';
import { addQuarters, previousQuarter } from '../../functions/core/quarter.ts';
import { sfn } from '../../functions/shared/aws-clients.ts';
import { listAttempts } from '../../functions/shared/cycle-starter.ts';
import { TAG_NAMES } from '../../functions/shared/mailer.ts';
import { getCycle } from '../../functions/shared/store/cycle-store.ts';
import { type LocalRuntime, startLocalRuntime } from '../../local/runtime.ts';
import { readMailStore, type StoredEmail } from '../../local/ses.ts';
import { feedbackLinks, pollUntil } from '../support/mail.ts';

// One team: 2 leaders × 7 raters = 14 requests, one invitation per rater (7), listing their requests.
const ROSTER = `person_id,name,email,role,team,manager_id,coach_id
m1,Mara Manager,mara@example.com,manager,North,,
c1,Cleo Leader,cleo@example.com,consultant_leader,North,m1,
c2,Carl Leader,carl@example.com,consultant_leader,North,m1,
s1,Sam One,sam1@example.com,salesperson,North,m1,c1
s2,Sue Two,sue2@example.com,salesperson,North,m1,c2
s3,Sid Three,sid3@example.com,salesperson,North,m1,c1
s4,Sol Four,sol4@example.com,salesperson,North,m1,c2
`;
const INVITATIONS = 7;
const JUST_ENDED = previousQuarter(new Date());

let runtime: LocalRuntime;
const quiet = () => {};
const inSeconds = (s: number) => new Date(Date.now() + s * 1000).toISOString();

beforeAll(async () => {
  runtime = await startLocalRuntime({ quiet: true, retryIntervalScale: 0.01 });
});
afterAll(async () => {
  await runtime?.close();
});

const kindOf = (email: StoredEmail) => runtime.sentMessages.get(email.messageId)?.tags[TAG_NAMES.kind]?.[0];
const quarterOf = (email: StoredEmail) =>
  runtime.sentMessages.get(email.messageId)?.tags[TAG_NAMES.quarter]?.[0];
async function emails(quarter: string, kind?: string): Promise<StoredEmail[]> {
  const { emails: all } = await readMailStore(runtime.endpoints.ses);
  return all.filter((e) => quarterOf(e) === quarter && (kind === undefined || kindOf(e) === kind));
}
async function waitForInvitations(quarter: string, count = INVITATIONS) {
  await pollUntil(async () => (await emails(quarter, 'invitation')).length >= count, {
    timeoutMs: 30_000,
    what: `${count} invitations of ${quarter}`,
  });
  return emails(quarter, 'invitation');
}
async function declineAll(invitations: StoredEmail[]) {
  for (const link of invitations.flatMap((email) => feedbackLinks(email))) {
    const response = await fetch(link, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'action=decline',
    });
    expect(response.status).toBe(200);
  }
}
async function waitForStatus(executionArn: string, status: string) {
  await pollUntil(async () => runtime.executions.get(executionArn)?.status === status, {
    timeoutMs: 30_000,
    what: `${executionArn} ${status}`,
  });
}
/** Every recipient got each kind of email at most once per request: no duplicates at all. */
function expectNoDuplicates(list: StoredEmail[]) {
  const links = list.flatMap((e) => feedbackLinks(e));
  expect(new Set(links).size).toBe(links.length);
}

describe('a start is checked before anything runs', () => {
  it('refuses a start before any roster was imported, and starts nothing', async () => {
    await expect(cycleStart(runtime.stateMachineArn, { quarter: JUST_ENDED }, quiet)).rejects.toThrow(
      'No roster has been imported yet: import one with `ladder roster import FILE` first.',
    );
    expect(runtime.executions.list()).toHaveLength(0);
    const dir = await mkdtemp(join(tmpdir(), 'ladder-ops-'));
    await writeFile(join(dir, 'roster.csv'), ROSTER);
    await rosterImport(join(dir, 'roster.csv'), quiet);
  });

  it('a deadline in the past is refused with a sentence, and the quarter is still free for the right start', async () => {
    await expect(
      cycleStart(runtime.stateMachineArn, { quarter: JUST_ENDED, deadline: '2020-01-01T00:00:00Z' }, quiet),
    ).rejects.toThrow(/^Deadline 2020-01-01T00:00:00.000Z is not in the future/);
    await expect(
      cycleStart(
        runtime.stateMachineArn,
        { quarter: JUST_ENDED, deadline: inSeconds(60), reminders: [inSeconds(90)] },
        quiet,
      ),
    ).rejects.toThrow(/^Reminder .* is not between now .* and the deadline/);
    await expect(cycleStart(runtime.stateMachineArn, { quarter: '1999-Q1' }, quiet)).rejects.toThrow(
      /Quarter 1999-Q1 ended .* --force/,
    );
    const notEnded = addQuarters(JUST_ENDED, 3);
    await expect(cycleStart(runtime.stateMachineArn, { quarter: notEnded }, quiet)).rejects.toThrow(
      new RegExp(`Quarter ${notEnded} has not ended yet`),
    );
    expect(runtime.executions.list()).toHaveLength(0);
    expect(await emails(JUST_ENDED)).toHaveLength(0);

    const lines: string[] = [];
    const started = await cycleStart(
      runtime.stateMachineArn,
      { quarter: JUST_ENDED, deadline: inSeconds(120) },
      (line) => lines.push(line),
    );
    expect(started).toMatchObject({ started: true, executionName: `cycle-${JUST_ENDED}-1` });
    expect(lines).toEqual([`Started the ${JUST_ENDED} review cycle: execution cycle-${JUST_ENDED}-1.`]);
    await declineAll(await waitForInvitations(JUST_ENDED));
    await waitForStatus(started.executionArn, 'SUCCEEDED');
    expect((await getCycle(JUST_ENDED))?.status).toBe('published');
    expectNoDuplicates(await emails(JUST_ENDED, 'invitation'));
  });

  it('a first attempt that failed before opening does not block the quarter', async () => {
    const quarter = addQuarters(JUST_ENDED, -1);
    runtime.faults.failNext('OpenCycle', { errorName: 'OpenBug', after: false });
    const first = await cycleStart(runtime.stateMachineArn, { quarter, deadline: inSeconds(120) }, quiet);
    await waitForStatus(first.executionArn, 'FAILED');
    expect(await getCycle(quarter)).toBeUndefined();

    const status = formatStatus(await cycleStatus(runtime.stateMachineArn, quarter));
    expect(status).toContain(`Cycle ${quarter}: not opened (execution cycle-${quarter}-1: FAILED)`);
    expect(status).toMatch(/Stopped: Injected failure of OpenCycle \(local fault injection\)\./);

    const second = await cycleStart(runtime.stateMachineArn, { quarter, deadline: inSeconds(120) }, quiet);
    expect(second).toMatchObject({ started: true, executionName: `cycle-${quarter}-2` });
    await declineAll(await waitForInvitations(quarter));
    await waitForStatus(second.executionArn, 'SUCCEEDED');
    expect((await emails(quarter, 'invitation')).length).toBe(INVITATIONS);
  });
});

describe('cycle retry', () => {
  it('redrives a cycle that stopped after opening: nothing sent twice, status in one sentence meanwhile', async () => {
    const quarter = addQuarters(JUST_ENDED, -2);
    runtime.faults.failNext('SendEmails', {
      errorName: 'InvitationBug',
      message: 'SES said no',
      after: true,
    });
    const first = await cycleStart(runtime.stateMachineArn, { quarter, deadline: inSeconds(120) }, quiet);
    await waitForStatus(first.executionArn, 'FAILED');
    expect(await emails(quarter, 'invitation')).toHaveLength(INVITATIONS);

    const report = await cycleStatus(runtime.stateMachineArn, quarter);
    expect(report).toMatchObject({
      status: 'collecting',
      execution: 'FAILED',
      executionName: `cycle-${quarter}-1`,
      failure: 'SES said no.',
    });
    const text = formatStatus(report);
    expect(text).toContain(`What to do: fix the cause, then \`ladder cycle retry --quarter ${quarter}\``);
    expect(text).not.toMatch(/\n\s+at |\.ts:\d|trace|errorType/);

    // A start now points at retry instead of saying "already started".
    await expect(cycleStart(runtime.stateMachineArn, { quarter }, quiet)).rejects.toThrow(
      `continue it with \`ladder cycle retry --quarter ${quarter}\``,
    );

    const lines: string[] = [];
    const retried = await cycleRetry(runtime.stateMachineArn, { quarter }, (line) => lines.push(line));
    expect(retried).toMatchObject({ action: 'redriven', executionName: `cycle-${quarter}-1` });
    expect(lines[0]).toMatch(
      /^Redriving the .* review cycle \(execution cycle-.*-1\) from the step that stopped/,
    );
    await pollUntil(async () => (await getCycle(quarter))?.taskToken !== undefined, { timeoutMs: 20_000 });
    const invitations = await emails(quarter, 'invitation');
    expect(invitations).toHaveLength(INVITATIONS);
    await declineAll(invitations);
    await waitForStatus(first.executionArn, 'SUCCEEDED');
    expect((await getCycle(quarter))?.status).toBe('published');
  });

  it('starts a new attempt that takes the cycle over when the failure was bad input, with new times', async () => {
    const quarter = addQuarters(JUST_ENDED, -3);
    runtime.faults.failNext('OpenCycle', { errorName: 'InvalidInputError', message: 'bad', after: true });
    const first = await cycleStart(runtime.stateMachineArn, { quarter, deadline: inSeconds(120) }, quiet);
    await waitForStatus(first.executionArn, 'FAILED');
    const opened = await getCycle(quarter);
    expect(opened?.executionId).toBe(first.executionArn);

    // A deadline in the past is refused for a retry too.
    await expect(
      cycleRetry(runtime.stateMachineArn, { quarter, deadline: '2020-01-01T00:00:00Z' }, quiet),
    ).rejects.toThrow(/is not in the future/);

    const deadline = inSeconds(150);
    const retried = await cycleRetry(runtime.stateMachineArn, { quarter, deadline }, quiet);
    expect(retried).toMatchObject({ action: 'new-attempt', executionName: `cycle-${quarter}-2` });
    expect(retried.message).toMatch(/taking over from cycle-.*-1 \(the last one stopped: bad\)/);
    const invitations = await waitForInvitations(quarter);
    const cycle = await getCycle(quarter);
    expect(cycle).toMatchObject({
      executionId: retried.executionArn,
      supersededExecutionId: first.executionArn,
      deadline: new Date(deadline).toISOString(),
    });
    await declineAll(invitations);
    await waitForStatus(retried.executionArn, 'SUCCEEDED');
    expect(await emails(quarter, 'invitation')).toHaveLength(INVITATIONS);
    expectNoDuplicates(await emails(quarter));
    expect((await listAttempts(sfn(), runtime.stateMachineArn, quarter)).map((a) => a.status)).toEqual([
      'FAILED',
      'SUCCEEDED',
    ]);
  });

  it('refuses what cannot be retried, naming why', async () => {
    await expect(cycleRetry(runtime.stateMachineArn, { quarter: '2019-Q2' }, quiet)).rejects.toThrow(
      'No review cycle of 2019-Q2 was started: start it with `ladder cycle start --quarter 2019-Q2`.',
    );
    await expect(cycleRetry(runtime.stateMachineArn, { quarter: JUST_ENDED }, quiet)).rejects.toThrow(
      /has finished and was published: nothing to retry/,
    );
  });
});

describe('cycle cancel', () => {
  it('stops the execution, expires the links, sends nothing more, and keeps the quarter cancelled', async () => {
    const quarter = addQuarters(JUST_ENDED, -4);
    const deadline = Date.now() + 9_000;
    const started = await cycleStart(
      runtime.stateMachineArn,
      { quarter, deadline: new Date(deadline).toISOString(), reminders: [inSeconds(6)], force: true },
      quiet,
    );
    const invitations = await waitForInvitations(quarter);

    const lines: string[] = [];
    await cycleCancel(runtime.stateMachineArn, { quarter }, (line) => lines.push(line));
    expect(lines).toEqual([
      `Cancelled the ${quarter} review cycle (stopped cycle-${quarter}-1): its links now say the review is closed and nothing more is sent.`,
    ]);
    expect(runtime.executions.get(started.executionArn)).toMatchObject({
      status: 'ABORTED',
      error: 'Ladder.Cancelled',
    });
    expect(await getCycle(quarter)).toMatchObject({ status: 'cancelled' });
    expect((await fetch(feedbackLinks(invitations[0]!)[0]!)).status).toBe(410);

    // Past the reminder time and the deadline: no reminder, no report.
    await new Promise((resolve) => setTimeout(resolve, deadline + 1_500 - Date.now()));
    expect((await emails(quarter)).map(kindOf)).toEqual(invitations.map(() => 'invitation'));

    const report = formatStatus(await cycleStatus(runtime.stateMachineArn, quarter));
    expect(report).toContain(`Cycle ${quarter}: cancelled (execution cycle-${quarter}-1: ABORTED)`);
    expect(report).toContain('Stopped: The cycle was cancelled with `ladder cycle cancel`.');
    expect(report).not.toContain('What to do');
    await expect(cycleStart(runtime.stateMachineArn, { quarter, force: true }, quiet)).rejects.toThrow(
      /was cancelled .*; a cancelled quarter is not started again/,
    );
    await expect(cycleRetry(runtime.stateMachineArn, { quarter }, quiet)).rejects.toThrow(/was cancelled/);
    lines.length = 0;
    await cycleCancel(runtime.stateMachineArn, { quarter }, (line) => lines.push(line));
    expect(lines).toEqual([`The ${quarter} review cycle was already cancelled.`]);
  });

  it('refuses to cancel what is not open', async () => {
    await expect(cycleCancel(runtime.stateMachineArn, { quarter: '2019-Q3' }, quiet)).rejects.toThrow(
      'No review cycle of 2019-Q3 is open: nothing to cancel.',
    );
    await expect(cycleCancel(runtime.stateMachineArn, { quarter: JUST_ENDED }, quiet)).rejects.toThrow(
      /has finished and was published: it cannot be cancelled/,
    );
  });
});
