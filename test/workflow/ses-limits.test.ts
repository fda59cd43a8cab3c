/**
 * Whole cycles at the SES account's real limits, on the real workflow definition:
 * - an address SES refuses never stops a cycle: its requests are marked undeliverable with SES's
 *   reason, and `cycle status`, the HR summary and the export show it;
 * - a daily quota smaller than the cycle's email: invitations first, whole teams together, spread
 *   over "days" (the account's clock is moved forward 24 hours instead of waiting), then reports;
 *   `cycle status` shows what waits for quota;
 * - `cycle start` refuses, before anything is sent and with the numbers, a deadline the quota
 *   cannot meet;
 * - the SES sandbox trial of docs/deploy.md: verified recipients only, 1 email a second.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StartExecutionCommand } from '@aws-sdk/client-sfn';
import { parse } from 'csv-parse/sync';
import { afterEach, describe, expect, it } from 'vitest';
import { cycleStart, cycleStatus, formatStatus } from '../../cli/commands/cycle.ts';
import { exportQuarter } from '../../cli/commands/export.ts';
import { rosterImport } from '../../cli/commands/roster.ts';
import { sfn } from '../../functions/shared/aws-clients.ts';
import { TAG_NAMES } from '../../functions/shared/mailer.ts';
import { getCycle } from '../../functions/shared/store/cycle-store.ts';
import { listCycleRequests } from '../../functions/shared/store/request-store.ts';
import { type LocalRuntime, type LocalRuntimeOptions, startLocalRuntime } from '../../local/runtime.ts';
import { clearMailStore, readMailStore, type StoredEmail } from '../../local/ses.ts';
import { feedbackLinks, pollUntil } from '../support/mail.ts';
import { SIMULATED_ROSTER } from '../support/simulated-cycle.ts';

const DAY_MS = 24 * 3600 * 1000;
let runtime: LocalRuntime | undefined;
afterEach(async () => {
  await runtime?.close();
  runtime = undefined;
});

async function start(options: LocalRuntimeOptions, roster: string): Promise<LocalRuntime> {
  runtime = await startLocalRuntime({ quiet: true, retryIntervalScale: 0.01, ...options });
  await clearMailStore(runtime.endpoints.ses);
  const dir = await mkdtemp(join(tmpdir(), 'ladder-ses-limits-'));
  await writeFile(join(dir, 'roster.csv'), roster);
  await rosterImport(join(dir, 'roster.csv'), () => {});
  return runtime;
}

const mail = async () => (await readMailStore(runtime!.endpoints.ses)).emails;
const kindOf = (email: StoredEmail) => runtime!.sentMessages.get(email.messageId)?.tags[TAG_NAMES.kind]?.[0];
const ofKind = async (kind: string) => (await mail()).filter((email) => kindOf(email) === kind);
const inSeconds = (s: number) => new Date(Date.now() + s * 1000).toISOString();

async function answerAll(emails: StoredEmail[]): Promise<void> {
  for (const link of emails.flatMap((email) => feedbackLinks(email))) {
    const response = await fetch(link, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'action=decline',
    });
    expect(response.status).toBe(200);
  }
}

describe('an address SES refuses never stops a cycle', () => {
  // Sid's domain has two dots in a row; Sölve's local part is not ASCII: SES takes neither.
  const ROSTER = `person_id,name,email,role,team,manager_id,coach_id
m1,Mara Manager,mara@example.com,manager,North,,
c1,Cleo Leader,cleo@example.com,consultant_leader,North,m1,
c2,Carl Leader,carl@example.com,consultant_leader,North,m1,
s1,Sam One,sam1@example.com,salesperson,North,m1,c1
s2,Sue Two,sue2@example.com,salesperson,North,m1,c2
s3,Sid Three,sid3@x..example.com,salesperson,North,m1,c1
s4,Sölve Four,sölve@example.com,salesperson,North,m1,c2
`;

  it("marks their requests undeliverable with SES's reason, goes on, and shows it in status, HR summary and export", async () => {
    const local = await start({}, ROSTER);
    const quarter = '2025-Q1';
    const { executionArn } = await cycleStart(
      local.stateMachineArn,
      { quarter, deadline: inSeconds(8), reminders: [inSeconds(4)], force: true },
      () => {},
    );
    await pollUntil(async () => (await ofKind('invitation')).length === 5, { timeoutMs: 15_000 });
    const record = await local.executions.get(executionArn)!.done;
    expect(record.status).toBe('SUCCEEDED');

    const requests = await listCycleRequests(quarter);
    const undeliverable = requests.filter((r) => r.undeliverableAt);
    expect(undeliverable.map((r) => `${r.raterId} ${r.undeliverableReason}`).sort()).toEqual([
      's3 Domain contains dot-dot',
      's3 Domain contains dot-dot',
      's4 Local address contains control or whitespace',
      's4 Local address contains control or whitespace',
    ]);
    // Everyone else was invited, and reminded once: nobody answered.
    const invited = (await ofKind('invitation')).map((e) => e.destination.to[0]).sort();
    expect(invited).toEqual([
      'carl@example.com',
      'cleo@example.com',
      'mara@example.com',
      'sam1@example.com',
      'sue2@example.com',
    ]);
    expect((await ofKind('reminder')).map((e) => e.destination.to[0]).sort()).toEqual(invited);
    expect(local.ses.account.stats.refused).toEqual({
      'Domain contains dot-dot': 1,
      'Local address contains control or whitespace': 1,
    });

    const status = await cycleStatus(local.stateMachineArn, quarter);
    expect(status.delivery).toMatchObject({ undeliverable: 4 });
    expect(formatStatus(status)).toContain(
      'Undeliverable: 2 raters, SES refused their email: Domain contains dot-dot (1); Local address contains control or whitespace (1)',
    );
    const [hr] = await ofKind('hr-summary');
    expect(hr!.body.text).toContain('Email refused by SES: Domain contains dot-dot: 1 rater');
    expect(hr!.body.text).toContain(
      'Email refused by SES: Local address contains control or whitespace: 1 rater',
    );
    const { text } = await exportQuarter({ quarter, format: 'csv' });
    const rows = parse(text, { columns: true }) as Record<string, string>[];
    // s3 rates c1 (coach) and c2 (peer); s4 rates c2 (coach) and c1 (peer).
    expect(Object.fromEntries(rows.map((row) => [row.leader_id, row.undeliverable]))).toEqual({
      c1: '2',
      c2: '2',
    });
  }, 60_000);
});

describe('a daily quota smaller than the cycle', () => {
  it('sends invitations first, whole teams together, the rest the next "day", then the reports; status shows what waits', async () => {
    // 10 a day at 90 %: 9 for Ladder. Two teams of 7 raters each, then 7 reports.
    const local = await start({ ses: { max24HourSend: 10, quotaRecheckSeconds: 1 } }, SIMULATED_ROSTER);
    const quarter = '2024-Q2';
    // Started past `cycle start` (which would refuse this deadline): the workflow itself copes.
    const { executionArn } = await sfn().send(
      new StartExecutionCommand({
        stateMachineArn: local.stateMachineArn,
        name: 'over-the-quota',
        input: JSON.stringify({ quarter, deadline: inSeconds(120) }),
      }),
    );
    const record = local.executions.get(executionArn!)!;
    const teamOf = (email: StoredEmail) =>
      /(mara|cleo|carl|sami|suvi|sid|sol)\./.test(email.destination.to[0]!) ? 'North' : 'South';
    await pollUntil(async () => (await ofKind('invitation')).length === 7, { timeoutMs: 15_000 });
    const status = await cycleStatus(local.stateMachineArn, quarter);
    expect(status.sending).toMatchObject({ max24HourSend: 10, waiting: 7 });
    expect(formatStatus(status)).toMatch(/Waiting for quota: 7 invitations; the next go at about \d{4}-/);
    // The first team whole, and nothing of the second: waiting, not failing.
    expect(new Set((await ofKind('invitation')).map(teamOf))).toEqual(new Set(['North']));
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(await ofKind('invitation')).toHaveLength(7);
    expect(record.status).toBe('RUNNING');

    // A day later the quota has rolled over: the second team, whole.
    local.ses.account.clock.advance(DAY_MS);
    await pollUntil(async () => (await ofKind('invitation')).length === 14, { timeoutMs: 15_000 });
    expect((await ofKind('invitation')).filter((e) => teamOf(e) === 'South')).toHaveLength(7);

    // Everyone declines: the cycle closes and scores; 7 reports wait for the next day's quota.
    await answerAll(await ofKind('invitation'));
    await pollUntil(
      async () =>
        record.events.some((e) => e.type === 'StateEntered' && e.state.name === 'WaitBeforeReportBatch'),
      { timeoutMs: 20_000, what: 'the reports to wait for quota' },
    );
    expect((await mail()).filter((e) => !['invitation'].includes(kindOf(e) ?? ''))).toEqual([]);
    local.ses.account.clock.advance(DAY_MS);
    expect((await record.done).status).toBe('SUCCEEDED');
    expect(await ofKind('leader-report')).toHaveLength(4);
    expect(await ofKind('manager-summary')).toHaveLength(2);
    expect(await ofKind('hr-summary')).toHaveLength(1);
    expect(await ofKind('reminder')).toHaveLength(0);
    expect(local.ses.account.stats).toMatchObject({ throttledDaily: 0, throttledRate: 0, accepted: 21 });
    expect((await getCycle(quarter))?.status).toBe('published');
  }, 90_000);

  it('`cycle start` refuses a deadline the quota cannot meet, with the numbers, before anything is sent', async () => {
    const local = await start({ ses: { max24HourSend: 10 } }, SIMULATED_ROSTER);
    const attempt = cycleStart(
      local.stateMachineArn,
      { quarter: '2024-Q3', deadline: inSeconds(3600), reminders: [inSeconds(1800)], force: true },
      () => {},
    );
    await expect(attempt).rejects.toThrow(/^The SES account's quota cannot meet the deadline: /);
    await expect(attempt).rejects.toThrow(
      /14 invitations need 1 day at 9 emails per 24 hours \(90 % of the account's 10; 0 sent in the last 24 hours\) and 12\.6 a second/,
    );
    await expect(attempt).rejects.toThrow(/The earliest deadline this quota can meet .* is \d{4}-/);
    expect(await getCycle('2024-Q3')).toBeUndefined();
    expect(local.executions.list()).toEqual([]);
    expect(await mail()).toEqual([]);
  });
});

describe('the SES sandbox trial of docs/deploy.md', () => {
  const ROSTER = `person_id,name,email,role,team,manager_id,coach_id
m1,Mara Manager,mara@example.com,manager,North,,
c1,Cleo Leader,cleo@example.com,consultant_leader,North,m1,
c2,Carl Leader,carl@example.com,consultant_leader,North,m1,
s1,Sam One,sam1@example.com,salesperson,North,m1,c1
s2,Sue Two,sue2@example.com,salesperson,North,m1,c2
`;

  it('sends to verified recipients only, at 1 a second; an unverified rater is undeliverable, the cycle goes on', async () => {
    // The trial: verify the sender (always, locally), HR and each rater — here all but Sue.
    const verified = [
      'hr@example.com',
      'mara@example.com',
      'cleo@example.com',
      'carl@example.com',
      'sam1@example.com',
    ];
    const local = await start({ ses: { sandbox: true, verified } }, ROSTER);
    const quarter = '2025-Q2';
    // At 0.9 a second, 5 invitations take about 6 s, and a reminder round at worst as long.
    const { executionArn } = await cycleStart(
      local.stateMachineArn,
      { quarter, deadline: inSeconds(20), reminders: [inSeconds(8)], force: true },
      () => {},
    );
    await pollUntil(async () => (await ofKind('invitation')).length === 4, { timeoutMs: 15_000 });
    // Everyone who can answers; Sue's requests cannot be answered: the cycle runs to its deadline.
    await answerAll(await ofKind('invitation'));
    const record = await local.executions.get(executionArn)!.done;
    expect(record.status).toBe('SUCCEEDED');
    const sue = (await listCycleRequests(quarter)).filter((r) => r.raterId === 's2');
    expect(sue.map((r) => r.undeliverableReason)).toEqual([
      'Email address is not verified. The following identities failed the check in region US-EAST-1: <address>',
      'Email address is not verified. The following identities failed the check in region US-EAST-1: <address>',
    ]);
    expect((await mail()).map((e) => e.destination.to[0]).filter((to) => !verified.includes(to!))).toEqual(
      [],
    );
    expect(await ofKind('leader-report')).toHaveLength(2);
    expect(await ofKind('hr-summary')).toHaveLength(1);
    expect(local.ses.account.stats).toMatchObject({ peakPerSecond: 1, throttledRate: 0 });
    expect(formatStatus(await cycleStatus(local.stateMachineArn, quarter))).toContain(
      "SES: 1/s and 200 per 24 h (Ladder's share 90 %: 0.9/s, 180 per 24 h)",
    );
  }, 60_000);
});
