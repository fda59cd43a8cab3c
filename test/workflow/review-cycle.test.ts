/**
 * The real workflow definition, run locally end to end: the real handlers against dynalite and
 * the local SES (a strict account: 14/s), raters answering through the HTTP form. One email per
 * rater, with one link per person they are asked about.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StartExecutionCommand } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { cycleStart } from '../../cli/commands/cycle.ts';
import { rosterImport } from '../../cli/commands/roster.ts';
import { sfn } from '../../functions/shared/aws-clients.ts';
import { getCycle } from '../../functions/shared/store/cycle-store.ts';
import { listCycleRequests } from '../../functions/shared/store/request-store.ts';
import { getSummary, listRecommendations } from '../../functions/shared/store/result-store.ts';
import { type LocalRuntime, startLocalRuntime } from '../../local/runtime.ts';
import { clearMailStore, readMailStore, type StoredEmail } from '../../local/ses.ts';

// One team: a manager, two consultant leaders, four sellers. Each leader has 7 raters:
// self, manager, 2 coachees, 3 peers (the other leader and the two sellers they do not coach).
const ROSTER = `person_id,name,email,role,team,manager_id,coach_id
m1,Mara Manager,mara@example.com,manager,North,,
c1,Cleo Leader,cleo@example.com,consultant_leader,North,m1,
c2,Carl Leader,carl@example.com,consultant_leader,North,m1,
s1,Sam One,sam1@example.com,salesperson,North,m1,c1
s2,Sue Two,sue2@example.com,salesperson,North,m1,c2
s3,Sid Three,sid3@example.com,salesperson,North,m1,c1
s4,Sol Four,sol4@example.com,salesperson,North,m1,c2
`;
const REQUESTS = 14;
// Every rater is asked about two people (m1 manages both leaders; each leader rates themself and
// the other; each seller rates their coach and, as a peer, the other leader).
const RATERS = 7;
const LINK = /http:\/\/[^\s"<>]+\/feedback\/[A-Za-z0-9_-]{43}/g;

let runtime: LocalRuntime;

beforeAll(async () => {
  runtime = await startLocalRuntime({ quiet: true, retryIntervalScale: 0.01 });
  const dir = await mkdtemp(join(tmpdir(), 'ladder-workflow-'));
  await writeFile(join(dir, 'roster.csv'), ROSTER);
  await rosterImport(join(dir, 'roster.csv'), () => {});
});
afterAll(async () => {
  await runtime?.close();
});
beforeEach(async () => {
  await clearMailStore(runtime.endpoints.ses);
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const inSeconds = (s: number) => new Date(Date.now() + s * 1000).toISOString();
const linksOf = (email: StoredEmail) => [...new Set((email.body.text ?? '').match(LINK) ?? [])];

async function emails(): Promise<StoredEmail[]> {
  return (await readMailStore(runtime.endpoints.ses)).emails as StoredEmail[];
}

async function waitForEmails(predicate: (e: StoredEmail) => boolean, count: number, timeoutMs = 20_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const found = (await emails()).filter(predicate);
    if (found.length >= count) return found;
    await sleep(100);
  }
  throw new Error(`Timed out waiting for ${count} emails`);
}

const isInvitation = (e: StoredEmail) => linksOf(e).length > 0 && !/remind/i.test(e.subject);
const isReminder = (e: StoredEmail) => linksOf(e).length > 0 && /remind/i.test(e.subject);
const recipients = (list: StoredEmail[]) => list.map((e) => e.destination.to[0]!);

async function answer(link: string, value = '4') {
  const page = await fetch(link);
  expect(page.status).toBe(200);
  const html = await page.text();
  const form = new URLSearchParams();
  for (const [, id] of html.matchAll(/name="rating\.([a-z-]+)"/g)) form.set(`rating.${id}`, value);
  form.set('comment.keep', 'Keeps the team focused');
  form.set('action', 'submit');
  const response = await fetch(link, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form.toString(),
  });
  expect(response.status).toBe(200);
}

async function decline(link: string) {
  const response = await fetch(link, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'action=decline',
  });
  expect(response.status).toBe(200);
}

async function finished(executionArn: string) {
  const record = runtime.executions.get(executionArn);
  if (!record) throw new Error(`No execution ${executionArn}`);
  return record.done;
}

describe('review cycle workflow', () => {
  it('finishes early the moment the last answer or decline lands', async () => {
    const deadline = inSeconds(120);
    const started = await cycleStart(
      runtime.stateMachineArn,
      { quarter: '2025-Q1', deadline, reminders: [inSeconds(90)], force: true },
      () => {},
    );
    const invitations = await waitForEmails(isInvitation, RATERS);
    // One invitation per rater, each listing both people the rater is asked about.
    expect(new Set(recipients(invitations)).size).toBe(RATERS);
    expect(invitations.map((e) => linksOf(e).length)).toEqual(Array(RATERS).fill(2));

    const links = invitations.flatMap(linksOf);
    expect(new Set(links).size).toBe(REQUESTS);
    await decline(links[0]!);
    for (const link of links.slice(1)) await answer(link);

    const execution = await finished(started.executionArn);
    expect(execution.status).toBe('SUCCEEDED');
    expect(execution.stopDate!.getTime()).toBeLessThan(Date.parse(deadline));

    const cycle = await getCycle('2025-Q1');
    expect(cycle).toMatchObject({
      status: 'published',
      doneCount: REQUESTS,
      requestCount: REQUESTS,
      remindersStarted: 0,
    });
    expect((await emails()).filter(isReminder)).toHaveLength(0);
    const recs = await listRecommendations('2025-Q1');
    expect(recs.map((r) => r.leaderId)).toEqual(['c1', 'c2']);
    expect(recs.every((r) => r.readinessScore !== null)).toBe(true);
    const summary = await getSummary('2025-Q1');
    expect(summary?.requests).toEqual({ total: REQUESTS, answered: REQUESTS - 1, declined: 1, expired: 0 });
    // Two leader reports, one manager summary, one HR summary.
    const reports = (await emails()).filter((e) => linksOf(e).length === 0);
    expect(reports.map((e) => e.destination.to[0]).sort()).toEqual(
      ['carl@example.com', 'cleo@example.com', 'hr@example.com', 'mara@example.com'].sort(),
    );
  });

  it('waits for the deadline, reminds only those who have not answered, expires the rest', async () => {
    const quarter = '2025-Q2';
    const started = await cycleStart(
      runtime.stateMachineArn,
      { quarter, deadline: inSeconds(12), reminders: [inSeconds(6)], force: true },
      () => {},
    );
    const invitations = await waitForEmails(isInvitation, RATERS);
    const links = invitations.flatMap((e) => linksOf(e).map((link) => ({ to: e.destination.to[0]!, link })));
    const answered = links.slice(0, 6);
    const declined = links.slice(6, 8);
    const silent = links.slice(8);
    for (const { link } of answered) await answer(link);
    for (const { link } of declined) await decline(link);

    // An invalid answer is refused with 400 and stores nothing.
    const before = (await listCycleRequests(quarter)).find((r) => r.status === 'sent')!;
    const invalid = await fetch(silent[0]!.link, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'rating.coaching-questions=9&action=submit',
    });
    expect(invalid.status).toBe(400);
    expect(await invalid.text()).toMatch(/rating/i);
    expect((await listCycleRequests(quarter)).filter((r) => r.status === 'sent')).toHaveLength(silent.length);
    expect((await listCycleRequests(quarter)).find((r) => r.sk === before.sk)).toEqual(before);

    // One reminder per rater who still has open requests, listing just those, each with a fresh
    // link; one rater answers through it.
    const silentRaters = [...new Set(silent.map((s) => s.to))].sort();
    const reminders = await waitForEmails(isReminder, silentRaters.length);
    await sleep(300);
    expect((await emails()).filter(isReminder)).toHaveLength(silentRaters.length);
    expect(recipients(reminders).sort()).toEqual(silentRaters);
    for (const reminder of reminders) {
      const open = silent.filter((s) => s.to === reminder.destination.to[0]).length;
      expect(linksOf(reminder)).toHaveLength(open);
    }
    expect(reminders.flatMap(linksOf)).not.toContain(silent[0]!.link);
    await answer(linksOf(reminders[0]!)[0]!);

    const execution = await finished(started.executionArn);
    expect(execution.status).toBe('SUCCEEDED');
    expect(execution.stopDate!.getTime()).toBeGreaterThanOrEqual(
      Date.parse((await getCycle(quarter))!.deadline),
    );

    const statuses = (await listCycleRequests(quarter)).map((r) => r.status);
    expect(statuses.filter((s) => s === 'answered')).toHaveLength(7);
    expect(statuses.filter((s) => s === 'declined')).toHaveLength(2);
    expect(statuses.filter((s) => s === 'expired')).toHaveLength(5);
    expect((await getCycle(quarter))?.remindersStarted).toBe(1);

    // Links of a closed cycle answer 410; an unknown link 404 and reveals nothing.
    const expiredLink = silent.find((s) => s.link !== silent[0]!.link)!.link;
    expect((await fetch(expiredLink)).status).toBe(410);
    const post = await fetch(expiredLink, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'action=decline',
    });
    expect(post.status).toBe(410);
    const unknown = await fetch(`${runtime.endpoints.api}/feedback/${'A'.repeat(43)}`);
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).not.toContain('A'.repeat(43));
  });

  it('starting the same quarter twice sends no second invitation', async () => {
    const quarter = '2025-Q3';
    const plan = { quarter, deadline: inSeconds(60), reminders: [inSeconds(50)], force: true };
    const first = await cycleStart(runtime.stateMachineArn, plan, () => {});
    expect(first.started).toBe(true);
    await waitForEmails(isInvitation, RATERS);

    const again = await cycleStart(runtime.stateMachineArn, plan, () => {});
    expect(again.started).toBe(false);
    // Even an execution under another name finds the quarter taken and sends nothing.
    const other = await sfn().send(
      new StartExecutionCommand({
        stateMachineArn: runtime.stateMachineArn,
        name: 'manual-2025-Q3',
        input: JSON.stringify(plan),
      }),
    );
    const otherRun = await finished(other.executionArn!);
    expect(otherRun.status).toBe('SUCCEEDED');
    expect(JSON.parse(otherRun.output!)).toMatchObject({ alreadyOpen: true });
    await sleep(300);
    expect((await emails()).filter(isInvitation)).toHaveLength(RATERS);
    expect((await getCycle(quarter))?.executionId).toBe(first.executionArn);

    // Let the first cycle finish: everyone declines.
    for (const link of (await emails()).filter(isInvitation).flatMap(linksOf)) await decline(link);
    expect((await finished(first.executionArn)).status).toBe('SUCCEEDED');
  });

  it('fails loudly on invalid input and sends nothing', async () => {
    const bad = await sfn().send(
      new StartExecutionCommand({
        stateMachineArn: runtime.stateMachineArn,
        name: 'bad-input',
        input: JSON.stringify({ quarter: '2025-Q5' }),
      }),
    );
    const run = await finished(bad.executionArn!);
    expect(run.status).toBe('FAILED');
    expect(run.error).toBe('InvalidInputError');
    expect(run.cause).toMatch(/2026-Q4|quarter/);
    expect(await getCycle('2025-Q5')).toBeUndefined();
    expect(await emails()).toHaveLength(0);
  });
});
