/**
 * The cross-quarter anonymity guard, wired end to end: two quarters of the real steps against the
 * local stand-ins (answers through the real form), the same leader with three coachees, then the same
 * three and a fourth. The second report must not let the leader compute the newcomer's ratings or
 * read their comment; what each report showed is stored with its recommendation.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Context } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rosterImport } from '../../cli/commands/roster.ts';
import { handler as closeCycle } from '../../functions/handlers/close-cycle.ts';
import { handler as openCycle } from '../../functions/handlers/open-cycle.ts';
import { handler as publishReports } from '../../functions/handlers/publish-reports.ts';
import { handler as scoreBatch } from '../../functions/handlers/score-batch.ts';
import { handler as sendEmails } from '../../functions/handlers/send-emails.ts';
import { TAG_NAMES } from '../../functions/shared/mailer.ts';
import { listRecommendations } from '../../functions/shared/store/result-store.ts';
import { type LocalRuntime, startLocalRuntime } from '../../local/runtime.ts';
import { clearMailStore, readMailStore, type StoredEmail } from '../../local/ses.ts';
import { feedbackLinks } from '../support/mail.ts';

const HEADER = 'person_id,name,email,role,team,manager_id,coach_id';
const BASE = [
  'm1,Mara Quill,mara.quill@example.com,manager,North,,',
  'c1,Cleo Brandt,cleo.brandt@example.com,consultant_leader,North,m1,',
  's1,Sami Lindqvist,sami.lindqvist@example.com,salesperson,North,m1,c1',
  's2,Suvi Rautio,suvi.rautio@example.com,salesperson,North,m1,c1',
  's3,Sid Varga,sid.varga@example.com,salesperson,North,m1,c1',
];
const NEWCOMER = 's4,Sol Ibarra,sol.ibarra@example.com,salesperson,North,m1,c1';
const context = { functionName: 'test', awsRequestId: 'test' } as Context;
let runtime: LocalRuntime;

beforeAll(async () => {
  runtime = await startLocalRuntime({ quiet: true });
});
afterAll(async () => {
  await runtime?.close();
});

const kindOf = (email: StoredEmail) => runtime.sentMessages.get(email.messageId)?.tags[TAG_NAMES.kind]?.[0];

/** One quarter: roster, open, invite, everyone answers (all 4s; a per-person comment), close, score, publish. */
async function quarter(id: string, rows: string[]): Promise<StoredEmail> {
  const dir = await mkdtemp(join(tmpdir(), 'ladder-diff-'));
  await writeFile(join(dir, 'roster.csv'), `${[HEADER, ...rows].join('\n')}\n`);
  await rosterImport(join(dir, 'roster.csv'), () => {});
  await clearMailStore(runtime.endpoints.ses);
  const deadline = new Date(Date.now() + 3_600_000).toISOString();
  await openCycle(
    { input: { quarter: id, deadline }, executionId: `exec-${id}`, startedAt: new Date().toISOString() },
    context,
  );
  await sendEmails({ quarter: id, batch: 0, kind: 'invitation', round: 0 }, context);
  const links = (await readMailStore(runtime.endpoints.ses)).emails.flatMap((email) =>
    feedbackLinks(email).map((link) => ({ email, link })),
  );
  for (const { email, link } of links) {
    const page = await (await fetch(link)).text();
    const ids = [...new Set([...page.matchAll(/name="rating\.([a-z0-9-]+)"/g)].map((m) => m[1]!))];
    const who = email.destination.to[0]!.split('@')[0]!;
    const form = new URLSearchParams([
      ...ids.map((c) => [`rating.${c}`, who.startsWith('sol') ? '1' : '4'] as [string, string]),
      ['comment.keep', `comment by ${who}`],
      ['action', 'submit'],
    ]);
    const response = await fetch(link, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
    });
    expect(response.status).toBe(200);
  }
  await closeCycle({ quarter: id }, context);
  await scoreBatch({ quarter: id, batch: 0 }, context);
  await clearMailStore(runtime.endpoints.ses);
  await publishReports({ quarter: id, batch: 0 }, context);
  const reports = (await readMailStore(runtime.endpoints.ses)).emails.filter(
    (e) => kindOf(e) === 'leader-report',
  );
  expect(reports).toHaveLength(1);
  return reports[0]!;
}

describe("a leader's reports cannot be compared to isolate a newcomer", () => {
  it('3 coachees, then the same 3 and 1 more', async () => {
    const first = await quarter('2022-Q1', BASE);
    expect(first.body.text).toContain('comment by sami.lindqvist');
    expect(first.body.text).not.toMatch(/changed too little/);

    const second = await quarter('2022-Q2', [...BASE, NEWCOMER]);
    const text = second.body.text ?? '';
    const html = second.body.html ?? '';
    // The newcomer's comment is nowhere, and the report says why something is missing.
    expect(text + html).not.toContain('comment by sol.ibarra');
    expect(text).toMatch(/changed too little/);
    // The coachee means of quarter 2 that overlap quarter 1 are withheld: with every coachee but the
    // newcomer rating 4 and the newcomer 1, a shown mean of 3.25 next to 4.00 would give it away.
    expect(text + html).not.toContain('3.25');

    // What each report showed is stored for the next quarters.
    const [q1] = await listRecommendations('2022-Q1');
    const [q2] = await listRecommendations('2022-Q2');
    expect(Object.values(q1!.disclosure!.means).flat().length).toBeGreaterThan(0);
    expect(q1!.disclosure!.comments).toEqual([['s1', 's2', 's3']]);
    expect(q2!.disclosure!.comments).toEqual([]);
    for (const sets of Object.values(q2!.disclosure!.means)) {
      for (const set of sets) expect(set).not.toContain('s4');
    }
  }, 60_000);
});
