/**
 * The console and the SES account's limits, over the wire against a local account of 10 emails a
 * day (9 for Ladder): the start form refuses, through the same start checks as the CLI, a deadline
 * the quota cannot meet, with the numbers; a start it can meet sends the first team whole; the
 * progress page shows HR what waits for quota and when it goes and the account's limits, and the
 * cycle's Emails page every rater's emails with SES's reason for the address it refused — the figures
 * `ladder cycle status` prints. A manager sees none of the cycle-wide email figures.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cycleStatus, formatStatus } from '../../cli/commands/cycle.ts';
import { rosterImport } from '../../cli/commands/roster.ts';
import { sfn } from '../../functions/shared/aws-clients.ts';
import { readCycleEmails } from '../../functions/shared/cycle-emails.ts';
import { listAttempts } from '../../functions/shared/cycle-starter.ts';
import { getCycle } from '../../functions/shared/store/cycle-store.ts';
import { type LocalRuntime, startLocalRuntime } from '../../local/runtime.ts';
import { clearMailStore, readMailStore } from '../../local/ses.ts';
import { ConsoleClient, textOf } from '../support/console-client.ts';
import { pollUntil } from '../support/mail.ts';

// Two teams of 7 raters. The North manager is the local IdP's manager account (matched by email);
// SES refuses Sid's address (two dots in a row in the domain).
const ROSTER = `person_id,name,email,role,team,manager_id,coach_id
m1,Ada Okafor,ada.okafor.1@demo.ladder.example,manager,North,,
c1,Cleo Brandt,cleo.brandt@example.com,consultant_leader,North,m1,
c2,Carl Okafor,carl.okafor@example.com,consultant_leader,North,m1,
s1,Sami Lindqvist,sami.lindqvist@example.com,salesperson,North,m1,c1
s2,Suvi Rautio,suvi.rautio@example.com,salesperson,North,m1,c2
s3,Sid Varga,sid3@x..example.com,salesperson,North,m1,c1
s4,Sol Ibarra,sol.ibarra@example.com,salesperson,North,m1,c2
m2,Mona Achebe,mona.achebe@example.com,manager,South,,
c3,Cyra Holm,cyra.holm@example.com,consultant_leader,South,m2,
c4,Conn Dubois,conn.dubois@example.com,consultant_leader,South,m2,
s5,Seve Marsh,seve.marsh@example.com,salesperson,South,m2,c3
s6,Suri Patel,suri.patel@example.com,salesperson,South,m2,c4
s7,Stig Nordin,stig.nordin@example.com,salesperson,South,m2,c3
s8,Sabe Kowal,sabe.kowal@example.com,salesperson,South,m2,c4
`;
const QUARTER = '2024-Q3';
const HOUR_MS = 3600 * 1000;

let runtime: LocalRuntime;
let admin: ConsoleClient;
const user = (role: string) => runtime.consoleUsers.find((u) => u.groups.includes(role))!;

beforeAll(async () => {
  runtime = await startLocalRuntime({ quiet: true, ses: { max24HourSend: 10 } });
  await clearMailStore(runtime.endpoints.ses);
  const dir = await mkdtemp(join(tmpdir(), 'ladder-console-emails-'));
  await writeFile(join(dir, 'roster.csv'), ROSTER);
  await rosterImport(join(dir, 'roster.csv'), () => {});
  admin = new ConsoleClient(runtime.endpoints.console);
  await admin.signIn(user('hr-admin'), '/console/cycles');
}, 60_000);
afterAll(() => runtime?.close());

describe('the console and the SES quota', () => {
  it('refuses a deadline the quota cannot meet, then shows what waits for quota, what SES refused, and the limits', async () => {
    const form = await admin.get('/console/cycles');
    expect(textOf(form.html)).toContain('an SES daily quota that can send every invitation');

    // 14 invitations at 9 a day cannot all go before a reminder half an hour away.
    const tooSoon = new Date(Date.now() + HOUR_MS).toISOString();
    const refused = await admin.post(
      '/console/cycles',
      { quarter: QUARTER, deadline: tooSoon, force: '1' },
      form,
    );
    expect(refused.status).toBe(400);
    const problems = textOf(refused.html);
    expect(problems).toContain("The SES account's quota cannot meet the deadline:");
    expect(problems).toMatch(
      /14 invitations need \d+ days? at 9 emails per 24 hours \(90 % of the account's 10/,
    );
    const earliest =
      /The earliest deadline this quota can meet \(reminders at the same points\) is (\S+Z);/.exec(
        problems,
      )?.[1];
    expect(earliest).toBeDefined();
    expect(await listAttempts(sfn(), runtime.stateMachineArn, QUARTER)).toEqual([]);
    expect(await getCycle(QUARTER)).toBeUndefined();
    expect((await readMailStore(runtime.endpoints.ses)).emails).toEqual([]);

    // A day after the earliest deadline it suggested: started.
    const deadline = new Date(Date.parse(earliest!) + 24 * HOUR_MS).toISOString();
    const started = await admin.post('/console/cycles', { quarter: QUARTER, deadline, force: '1' }, form);
    expect(started.status).toBe(200);
    expect(textOf(started.html)).toContain(`The ${QUARTER} cycle was started.`);

    // North goes whole (Sid's address refused by SES); South's 7 wait for the next day's quota.
    await pollUntil(
      async () => {
        const { emails } = await readCycleEmails(QUARTER);
        return emails.invited === 6 && emails.undeliverable === 1 && emails.waiting === 7;
      },
      { timeoutMs: 30_000, what: "North's invitations" },
    );
    // The progress page: what waits for quota and when it goes, the account, the requests SES refused.
    const page = await admin.get(`/console/cycles/${QUARTER}`);
    expect(page.status).toBe(200);
    let text = textOf(page.html);
    const waiting =
      /7 invitations are waiting for the SES daily quota\. The next go at about \d{1,2} \w+ \d{4}, \d\d:\d\d UTC, all of them by about .+ UTC\./;
    const limits =
      /SES account \(as read .+ UTC\): 14 emails a second and 10 per 24 hours\. Ladder uses 90 % of it \(9 per 24 hours\)/;
    expect(text).toMatch(waiting);
    expect(text).toMatch(limits);
    // Sid rates two leaders: two requests whose email SES refused.
    expect(text).toMatch(/2 requests with delivery problems 0 bounced, 0 complaints, 2 refused by SES/);
    expect(page.html).toContain(`href="/console/emails/${QUARTER}"`);

    // The cycle's Emails page: every rater's emails, SES's reasons.
    const emailsPage = await admin.get(`/console/emails/${QUARTER}`);
    expect(emailsPage.status).toBe(200);
    text = textOf(emailsPage.html);
    expect(text).toMatch(waiting);
    expect(text).toMatch(limits);
    expect(text).toContain('Invitations not sent yet (waiting for their turn or for quota) 7');
    expect(text).toContain('Invitations sent 6');
    expect(text).toContain('Raters whose address SES refused 1');
    expect(text).toContain("Why SES refused to email raters SES's reason Raters Domain contains dot-dot 1");
    expect((await admin.get('/console/emails/2019-Q1')).status).toBe(404);

    // The same figures as `ladder cycle status`.
    const status = await cycleStatus(runtime.stateMachineArn, QUARTER);
    expect(status.emails).toMatchObject({ invited: 6, undeliverable: 1, waiting: 7 });
    expect(status.sending).toMatchObject({ max24HourSend: 10, waiting: 7, waitingForQuota: true });
    expect(formatStatus(status)).toMatch(/Waiting for quota: 7 invitations; the next go at about \d{4}-/);

    // An HR viewer sees the emails too; a manager sees their team's figures only.
    const viewer = new ConsoleClient(runtime.endpoints.console);
    const viewed = await viewer.signIn(user('hr-viewer'), `/console/cycles/${QUARTER}`);
    expect(textOf(viewed.html)).toContain('7 invitations are waiting for the SES daily quota');
    expect((await viewer.get(`/console/emails/${QUARTER}`)).status).toBe(200);
    const manager = new ConsoleClient(runtime.endpoints.console);
    const managed = textOf((await manager.signIn(user('manager'), `/console/cycles/${QUARTER}`)).html);
    expect(managed).toContain('You see the teams you manage only.');
    expect(managed).toContain('North');
    expect(managed).not.toContain('South');
    expect(managed).not.toContain('SES daily quota');
    expect(managed).not.toContain('SES account');
    expect((await manager.get(`/console/emails/${QUARTER}`)).status).toBe(403);
  }, 90_000);
});
