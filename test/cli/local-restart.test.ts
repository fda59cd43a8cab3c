/**
 * `ladder local` survives `kill -9`: a real `ladder local` child process is killed mid-cycle (while
 * the cycle waits for answers), the CLI then says plainly that no runtime runs (from another
 * folder, no ECONNREFUSED), and a restart on the same data folder resumes the cycle: the mail viewer
 * still shows the links, raters answer through them, the reminder and the deadline come, and the
 * cycle is published with every email sent exactly once.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cycleStart } from '../../cli/commands/cycle.ts';
import { parsePorts } from '../../cli/commands/local.ts';
import { rosterImport } from '../../cli/commands/roster.ts';
import { useTarget } from '../../cli/target.ts';
import { previousQuarter } from '../../functions/core/quarter.ts';
import { getCycle } from '../../functions/shared/store/cycle-store.ts';
import { findByTokenHash, listCycleRequests } from '../../functions/shared/store/request-store.ts';
import { hashToken } from '../../functions/shared/tokens.ts';
import { readMailStore, type StoredEmail } from '../../local/ses.ts';
import { isAlive, type LocalRuntimeState, readLocalState } from '../../local/state-file.ts';
import { feedbackLinks, pollUntil, tokenOf } from '../support/mail.ts';

const run = promisify(execFile);
const LADDER = join(process.cwd(), 'node_modules/.bin/ladder');
// One team: 2 leaders × 7 raters = 14 requests, 7 raters.
const ROSTER = `person_id,name,email,role,team,manager_id,coach_id
m1,Mara Manager,mara@example.com,manager,North,,
c1,Cleo Leader,cleo@example.com,consultant_leader,North,m1,
c2,Carl Leader,carl@example.com,consultant_leader,North,m1,
s1,Sam One,sam1@example.com,salesperson,North,m1,c1
s2,Sue Two,sue2@example.com,salesperson,North,m1,c2
s3,Sid Three,sid3@example.com,salesperson,North,m1,c1
s4,Sol Four,sol4@example.com,salesperson,North,m1,c2
`;

/** One invitation per rater (7), listing their requests (2 leaders × 7 raters = 14). */
const INVITATIONS = 7;

let dir: string;
let home: string;
let ports: string;
let child: ChildProcess | undefined;
const output: string[] = [];
const env = () => ({ ...process.env, LADDER_HOME: home, LADDER_TARGET: 'local' });

/** Five free ports, kept across the restart so that links sent before it still work. */
async function freePorts(): Promise<string> {
  const found: number[] = [];
  for (let i = 0; i < 5; i++) {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    found.push((server.address() as { port: number }).port);
    await new Promise((resolve) => server.close(resolve));
  }
  return found.join(',');
}

async function startLadderLocal(): Promise<LocalRuntimeState> {
  const previous = await readLocalState(join(home, 'local.json'));
  const from = output.join('').length;
  child = spawn(LADDER, ['local', '--data', join(dir, 'data'), '--ports', ports], {
    cwd: dir,
    env: env(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk) => output.push(String(chunk)));
  child.stderr?.on('data', (chunk) => output.push(String(chunk)));
  let state: LocalRuntimeState | undefined;
  await pollUntil(
    async () => {
      state = await readLocalState(join(home, 'local.json'));
      const banner = output.join('').slice(from);
      return state !== undefined && state.pid !== previous?.pid && banner.includes('Press Ctrl-C');
    },
    { timeoutMs: 60_000, intervalMs: 200, what: `ladder local to start (output: ${output.join('')})` },
  );
  return state!;
}

/** `npx ladder …` from a folder that is not the one `ladder local` runs in. */
async function ladder(...args: string[]) {
  const elsewhere = await mkdtemp(join(tmpdir(), 'ladder-elsewhere-'));
  return run(LADDER, args, { cwd: elsewhere, env: env() }).catch(
    (error: { code: number; stdout: string; stderr: string }) => error,
  );
}

async function post(link: string, body: string) {
  const response = await fetch(link, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body,
  });
  expect(response.status).toBe(200);
}
async function answer(link: string) {
  const html = await (await fetch(link)).text();
  const form = new URLSearchParams();
  for (const [, id] of html.matchAll(/name="rating\.([a-z-]+)"/g)) form.set(`rating.${id}`, '4');
  form.set('action', 'submit');
  await post(link, form.toString());
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ladder-restart-'));
  home = join(dir, 'home');
  ports = await freePorts();
});
afterAll(async () => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  await rm(dir, { recursive: true, force: true });
});

describe('ladder local', () => {
  it('puts the mail viewer on port 8005 by default, where the README says it is', () => {
    expect(parsePorts(undefined)).toEqual({ dynamodb: 8000, ses: 8005, sfn: 8083, api: 3000, oidc: 8090 });
    expect(readFileSync(join(process.cwd(), 'README.md'), 'utf8')).toContain(
      'mail viewer (http://127.0.0.1:8005)',
    );
    expect(() => parsePorts('1,2,3')).toThrow(/--ports must be four port numbers/);
  });
});

describe('ladder local, killed mid-cycle and started again', () => {
  it('resumes the cycle: published, with every email sent exactly once', async () => {
    const first = await startLadderLocal();
    process.env.LADDER_HOME = home;
    await useTarget({ target: 'local' }); // found through the state file, from this test's folder
    await writeFile(join(dir, 'roster.csv'), ROSTER);
    await rosterImport(join(dir, 'roster.csv'), () => {});

    const quarter = previousQuarter(new Date());
    const start = Date.now();
    const reminderAt = start + 14_000;
    const deadline = start + 28_000;
    await cycleStart(
      first.stateMachineArn,
      {
        quarter,
        deadline: new Date(deadline).toISOString(),
        reminders: [new Date(reminderAt).toISOString()],
      },
      () => {},
    );
    const mail = () => readMailStore(first.endpoints.ses).then(({ emails }) => emails);
    let invitations: StoredEmail[] = [];
    await pollUntil(
      async () => {
        invitations = (await mail()).filter((e) => feedbackLinks(e).length > 0);
        return invitations.length === INVITATIONS;
      },
      { timeoutMs: 30_000, what: `${INVITATIONS} invitations` },
    );
    // Three raters answer before the crash; the wait for answers has begun.
    const answeredBefore = invitations.slice(0, 3).map((e) => feedbackLinks(e)[0]!);
    for (const link of answeredBefore) await answer(link);
    await pollUntil(async () => (await getCycle(quarter))?.taskToken !== undefined, { timeoutMs: 20_000 });

    child!.kill('SIGKILL');
    await pollUntil(async () => !isAlive(first.pid), { timeoutMs: 10_000 });

    // The CLI, from another folder, says plainly that nothing runs.
    const down = await ladder('cycle', 'status', '--quarter', quarter);
    expect((down as { code: number }).code).toBe(1);
    expect((down as { stderr: string }).stderr).toMatch(
      new RegExp(`No local runtime is running: \`ladder local\` \\(process ${first.pid}\\) has stopped`),
    );
    expect((down as { stderr: string }).stderr).not.toMatch(/ECONNREFUSED/);

    // The mail viewer is on the SES port given (8005 by default), as the banner and README say.
    expect(new URL(first.endpoints.mailViewer).port).toBe(ports.split(',')[1]);
    expect(output.join('')).toContain(`Mail viewer         ${first.endpoints.mailViewer}`);

    const second = await startLadderLocal();
    expect(output.join('')).toMatch(new RegExp(`Resumed execution cycle-${quarter}-1\\.`));
    expect(second.endpoints.mailViewer).toBe(first.endpoints.mailViewer);
    // The mail viewer still has every invitation: links are not lost.
    const kept = new Set((await mail()).map((e) => e.messageId));
    expect(invitations.filter((e) => !kept.has(e.messageId))).toEqual([]);
    const status = await ladder('cycle', 'status', '--quarter', quarter);
    expect((status as { stdout: string }).stdout).toContain(
      `Cycle ${quarter}: collecting (execution cycle-${quarter}-1: RUNNING)`,
    );

    // Two more answer after the restart, through the links they got before it.
    const answeredAfter = invitations.slice(3, 5).map((e) => feedbackLinks(e)[0]!);
    for (const link of answeredAfter) await answer(link);

    await pollUntil(async () => (await getCycle(quarter))?.status === 'published', {
      timeoutMs: 60_000,
      intervalMs: 500,
      what: `the ${quarter} cycle to be published (output: ${output.join('')})`,
    });
    const closedAt = Date.parse((await getCycle(quarter))!.closedAt!);
    expect(closedAt).toBeGreaterThanOrEqual(deadline);

    // Every email exactly once.
    const emails = await mail();
    const byPurpose = new Map<string, string[]>();
    const reports: string[] = [];
    for (const email of emails) {
      const links = feedbackLinks(email);
      if (links.length === 0) {
        reports.push(email.destination.to[0]!);
        continue;
      }
      for (const link of links) {
        const found = await findByTokenHash(hashToken(tokenOf(link)));
        expect(found).toBeDefined();
        const list = byPurpose.get(found!.token.purpose) ?? [];
        list.push(found!.request.sk);
        byPurpose.set(found!.token.purpose, list);
      }
    }
    const requests = await listCycleRequests(quarter);
    const invited = byPurpose.get('invitation') ?? [];
    expect(invited.sort()).toEqual(requests.map((r) => r.sk).sort());
    const reminded = byPurpose.get('reminder-1') ?? [];
    expect(new Set(reminded).size).toBe(reminded.length);
    // The reminder goes to everyone who had not answered when it went: never to those who answered
    // before the crash; to those who answered after the restart only if the reminder came first
    // (a slow restart on a loaded machine).
    const skOf = async (link: string) => (await findByTokenHash(hashToken(tokenOf(link))))!.request.sk;
    const before = await Promise.all(answeredBefore.map(skOf));
    const after = await Promise.all(answeredAfter.map(skOf));
    const silent = requests.map((r) => r.sk).filter((sk) => !before.includes(sk) && !after.includes(sk));
    expect(reminded.filter((sk) => before.includes(sk))).toEqual([]);
    expect(silent.filter((sk) => !reminded.includes(sk))).toEqual([]);
    expect([...byPurpose.keys()].sort()).toEqual(['invitation', 'reminder-1']);
    expect(reports.sort()).toEqual(
      ['carl@example.com', 'cleo@example.com', 'hr@example.com', 'mara@example.com'].sort(),
    );
    const answered = requests.filter((r) => r.status === 'answered');
    expect(answered).toHaveLength(answeredBefore.length + answeredAfter.length);

    // Ctrl-C: stops cleanly and removes its state file.
    child!.kill('SIGINT');
    await pollUntil(async () => child!.exitCode !== null, { timeoutMs: 20_000 });
    expect(child!.exitCode).toBe(0);
    expect(await readLocalState(join(home, 'local.json'))).toBeUndefined();
  });
});
