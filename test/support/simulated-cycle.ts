/**
 * One whole review cycle on the local runtime with deterministic simulated raters, for the tests
 * that compare cycles (fault injection) or watch one (logs, IAM coverage).
 *
 * Every rater's behaviour and answers are a pure function of (leader, rater), so two runs with the
 * same roster give the same answers whatever faults happen: most answer the invitation at once
 * (some then edit their answers), some decline, some answer only the reminder, some never answer.
 * Raters act through the real form over HTTP; a 5xx or a dropped connection is retried like a
 * person pressing the button again.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cycleStart } from '../../cli/commands/cycle.ts';
import { rosterImport } from '../../cli/commands/roster.ts';
import { mailOfTag, TAG_NAMES } from '../../functions/shared/mailer.ts';
import { getCycle } from '../../functions/shared/store/cycle-store.ts';
import type { CycleItem, RecommendationItem, RequestItem } from '../../functions/shared/store/items.ts';
import { findByTokenHash, listCycleRequests } from '../../functions/shared/store/request-store.ts';
import { listRecommendations } from '../../functions/shared/store/result-store.ts';
import { hashToken } from '../../functions/shared/tokens.ts';
import type { FaultStats } from '../../local/faults.ts';
import type { LocalRuntime } from '../../local/runtime.ts';
import { readMailStore, type StoredEmail } from '../../local/ses.ts';
import type { SentMessage } from '../../local/ses-events.ts';
import type { ExecutionRecord } from '../../local/step-functions/runner.ts';
import { feedbackLinks, tokenOf } from './mail.ts';

/** Two teams: each a manager, two consultant leaders and four sellers. 4 leaders, 28 requests. */
export const SIMULATED_ROSTER = `person_id,name,email,role,team,manager_id,coach_id
m1,Mara Quill,mara.quill@example.com,manager,North,,
c1,Cleo Brandt,cleo.brandt@example.com,consultant_leader,North,m1,
c2,Carl Okafor,carl.okafor@example.com,consultant_leader,North,m1,
s1,Sami Lindqvist,sami.lindqvist@example.com,salesperson,North,m1,c1
s2,Suvi Rautio,suvi.rautio@example.com,salesperson,North,m1,c2
s3,Sid Varga,sid.varga@example.com,salesperson,North,m1,c1
s4,Sol Ibarra,sol.ibarra@example.com,salesperson,North,m1,c2
m2,Mona Achebe,mona.achebe@example.com,manager,South,,
c3,Cyra Holm,cyra.holm@example.com,consultant_leader,South,m2,
c4,Conn Dubois,conn.dubois@example.com,consultant_leader,South,m2,
s5,Seve Marsh,seve.marsh@example.com,salesperson,South,m2,c3
s6,Suri Patel,suri.patel@example.com,salesperson,South,m2,c4
s7,Stig Nordin,stig.nordin@example.com,salesperson,South,m2,c3
s8,Sabe Kowal,sabe.kowal@example.com,salesperson,South,m2,c4
`;

/** Names and addresses of the roster (for checks that they appear nowhere they should not). */
export function rosterIdentities(): { names: string[]; emails: string[] } {
  const rows = SIMULATED_ROSTER.trim()
    .split('\n')
    .slice(1)
    .map((line) => line.split(','));
  return { names: rows.flatMap((r) => [r[1]!, ...r[1]!.split(' ')]), emails: rows.map((r) => r[2]!) };
}

export type Behaviour = 'prompt' | 'prompt-edit' | 'decline' | 'late' | 'never';

const digest = (...parts: string[]) => createHash('sha256').update(parts.join('|')).digest();

export function behaviourOf(leaderId: string, raterId: string): Behaviour {
  if (leaderId === raterId) return 'prompt';
  const roll = digest('behaviour', leaderId, raterId)[0]! % 20;
  if (roll < 9) return 'prompt';
  if (roll < 12) return 'prompt-edit';
  if (roll < 14) return 'decline';
  if (roll < 17) return 'late';
  return 'never';
}

/** Comment texts are unique per answer, so a test can look for each of them. */
export function commentsOf(
  leaderId: string,
  raterId: string,
  edit: boolean,
): { keep: string; change: string } {
  const tag = digest('comment', leaderId, raterId).toString('hex').slice(0, 8);
  return {
    keep: `Runs sharp pipeline reviews <b>${tag}</b> & follows up${edit ? ' (edited)' : ''}`,
    change: `Delegate forecast detail ${tag}`,
  };
}

function answersFor(
  leaderId: string,
  raterId: string,
  competencies: string[],
  edit: boolean,
): URLSearchParams {
  const form = new URLSearchParams();
  for (const id of competencies) {
    const roll = digest('rating', leaderId, raterId, id, edit ? 'edit' : '')[0]!;
    form.set(`rating.${id}`, roll % 13 === 0 ? 'na' : String(1 + (roll % 5)));
  }
  const comments = commentsOf(leaderId, raterId, edit);
  form.set('comment.keep', comments.keep);
  form.set('comment.change', comments.change);
  form.set('action', 'submit');
  return form;
}

export interface RaterStats {
  gets: number;
  posts: number;
  /** 5xx answers and dropped connections the raters retried. */
  retried: number;
  /** Emails a rater got that their behaviour does not expect (e.g. a reminder after answering). */
  unexpected: string[];
  /** Requests whose answer came after the cycle closed (410): a machine too slow for the timing. */
  tooLate: string[];
}

/** The last submission of a request that the form accepted. */
export interface Submitted {
  status: 'answered' | 'declined';
  ratings?: Record<string, string>;
  comments?: { keep: string; change: string };
}

export interface SimulatedCycle {
  quarter: string;
  execution: ExecutionRecord;
  cycle: CycleItem;
  requests: RequestItem[];
  recommendations: RecommendationItem[];
  emails: StoredEmail[];
  messages: SentMessage[];
  submitted: Map<string, Submitted>;
  raters: RaterStats;
  faults: FaultStats;
  durationMs: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface SimulateOptions {
  quarter: string;
  deadlineSeconds?: number;
  reminderSeconds?: number;
  /** Called once for every email as raters first see it (e.g. to inject a bounce). */
  onEmail?: (email: StoredEmail, message: SentMessage | undefined) => Promise<void> | void;
  /** Stop injecting faults before reading the results (default true). */
  calmBeforeReading?: boolean;
}

/** Imports the simulated roster (through the CLI code path). */
export async function importSimulatedRoster(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'ladder-sim-'));
  await writeFile(join(dir, 'roster.csv'), SIMULATED_ROSTER);
  await rosterImport(join(dir, 'roster.csv'), () => {});
}

/** Runs a cycle of `quarter` to its end with the simulated raters and collects everything. */
export async function simulateCycle(
  runtime: LocalRuntime,
  options: SimulateOptions,
): Promise<SimulatedCycle> {
  const started = Date.now();
  const at = (seconds: number) => new Date(started + seconds * 1000).toISOString();
  // Generous: on a loaded 2-core CI machine the reminder round may come seconds late, and the
  // raters who answer only the reminder must still make the deadline.
  const deadlineSeconds = options.deadlineSeconds ?? 18;
  const reminderSeconds = options.reminderSeconds ?? 5;
  const stats: RaterStats = { gets: 0, posts: 0, retried: 0, unexpected: [], tooLate: [] };
  const submitted = new Map<string, Submitted>();

  /** A person: tries again after a 5xx or a dropped connection, a few seconds at most. */
  const attempt = async (url: string, init?: RequestInit): Promise<{ status: number; text: string }> => {
    for (let i = 1; ; i++) {
      try {
        const response = await fetch(url, init);
        const text = await response.text();
        if (response.status < 500) return { status: response.status, text };
      } catch {
        // dropped connection: same as a 5xx for a person
      }
      if (i >= 12) throw new Error(`${init?.method ?? 'GET'} kept failing after ${i} attempts`);
      stats.retried++;
      await sleep(40 * i);
    }
  };

  const submit = async (link: string, sk: string, form: URLSearchParams, expect: Submitted) => {
    stats.posts++;
    const { status } = await attempt(link, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
    });
    if (status === 410) {
      stats.tooLate.push(sk);
      return;
    }
    if (status !== 200) throw new Error(`POST for ${sk} answered ${status}`);
    submitted.set(sk, expect);
  };

  const answer = async (link: string, sk: string, leaderId: string, raterId: string, edit: boolean) => {
    stats.gets++;
    const page = await attempt(link);
    if (page.status === 410) {
      stats.tooLate.push(sk);
      return;
    }
    if (page.status !== 200) throw new Error(`GET for ${sk} answered ${page.status}`);
    const competencies = [
      ...new Set([...page.text.matchAll(/name="rating\.([a-z0-9-]+)"/g)].map((m) => m[1]!)),
    ];
    const first = answersFor(leaderId, raterId, competencies, false);
    await submit(link, sk, first, expected(first));
    if (edit) {
      const second = answersFor(leaderId, raterId, competencies, true);
      await submit(link, sk, second, expected(second));
    }
  };

  const expected = (form: URLSearchParams): Submitted => {
    const ratings: Record<string, string> = {};
    for (const [name, value] of form) if (name.startsWith('rating.')) ratings[name.slice(7)] = value;
    return {
      status: 'answered',
      ratings,
      comments: { keep: form.get('comment.keep') ?? '', change: form.get('comment.change') ?? '' },
    };
  };

  const act = async (email: StoredEmail) => {
    const message = runtime.sentMessages.get(email.messageId);
    await options.onEmail?.(email, message);
    const kind = message?.tags[TAG_NAMES.kind]?.[0];
    if (kind !== 'invitation' && kind !== 'reminder') return;
    // One email per rater: one link per person they are asked about, each its own request.
    const links = feedbackLinks(email);
    if (links.length === 0) throw new Error(`No link in the ${kind} to ${email.destination.to[0]}`);
    await Promise.all(
      links.map(async (link) => {
        const found = await lookUp(link);
        if (!found) throw new Error(`A link in the ${kind} leads nowhere`);
        const { sk, leaderId, raterId } = found;
        const behaviour = behaviourOf(leaderId, raterId);
        if (kind === 'invitation') {
          if (behaviour === 'prompt' || behaviour === 'prompt-edit')
            await answer(link, sk, leaderId, raterId, behaviour === 'prompt-edit');
          else if (behaviour === 'decline') {
            await submit(link, sk, new URLSearchParams({ action: 'decline' }), { status: 'declined' });
          }
        } else if (behaviour === 'late') {
          await answer(link, sk, leaderId, raterId, false);
        } else if (behaviour !== 'never') {
          stats.unexpected.push(`${kind} for ${sk} (${behaviour})`);
        }
      }),
    );
  };

  /** The request behind a link (a lookup the mail client of a person would not need: test wiring). */
  const lookUp = async (link: string) => {
    for (let attempt = 1; attempt <= 10; attempt++) {
      try {
        const found = await findByTokenHash(hashToken(tokenOf(link)));
        if (!found) return undefined;
        return { sk: found.request.sk, leaderId: found.request.leaderId, raterId: found.request.raterId };
      } catch (error) {
        // Injected DynamoDB faults reach this test wiring too: read again.
        if (attempt === 10) throw error;
        await sleep(50 * attempt);
      }
    }
    return undefined;
  };

  const { executionArn } = await cycleStart(
    runtime.stateMachineArn,
    {
      quarter: options.quarter,
      deadline: at(deadlineSeconds),
      reminders: [at(reminderSeconds)],
      force: true,
    },
    () => {},
  );
  const execution = runtime.executions.get(executionArn)!;
  let finished = false;
  void execution.done.then(() => {
    finished = true;
  });

  const seen = new Set<string>();
  const inFlight = new Set<Promise<void>>();
  const failures: unknown[] = [];
  while (!finished) {
    const { emails } = await readMailStore(runtime.endpoints.ses);
    for (const email of emails) {
      if (seen.has(email.messageId)) continue;
      seen.add(email.messageId);
      const task = act(email).catch((error) => {
        failures.push(error);
      });
      inFlight.add(task);
      void task.finally(() => inFlight.delete(task));
    }
    await sleep(100);
  }
  await Promise.all(inFlight);
  if (failures.length > 0) throw failures[0];
  // Raters act on the reports too (onEmail) after the end.
  const { emails: all } = await readMailStore(runtime.endpoints.ses);
  for (const email of all) {
    if (seen.has(email.messageId)) continue;
    seen.add(email.messageId);
    await options.onEmail?.(email, runtime.sentMessages.get(email.messageId));
  }

  const faults = runtime.faults.stats;
  if (options.calmBeforeReading !== false) runtime.faults.configure({ rate: 0 });
  return {
    quarter: options.quarter,
    execution,
    cycle: (await getCycle(options.quarter))!,
    requests: await listCycleRequests(options.quarter),
    recommendations: await listRecommendations(options.quarter),
    emails: all,
    messages: runtime.sentMessages.all(),
    submitted,
    raters: stats,
    faults,
    durationMs: Date.now() - started,
  };
}

/** The recommendation as compared between runs: everything but keys, times and send markers. */
export function comparable(rec: RecommendationItem): Record<string, unknown> {
  const {
    pk: _pk,
    sk: _sk,
    gsi1pk: _g1,
    gsi1sk: _g2,
    scoredAt: _s,
    reportSentAt: _r,
    disclosure: _d,
    // Retention counts from scoredAt.
    expiresAt: _e,
    commentsExpireAt: _ce,
    ...rest
  } = rec as RecommendationItem & Record<string, unknown>;
  const { reportSentAtClaim: _c, ...kept } = rest as Record<string, unknown>;
  return kept;
}

/**
 * Why an email was sent: one email per reason at most. The `ladder-mail` tag names the item and
 * slot of the email (a rater's invitation, their reminder of round n, a leader's report…).
 */
export function reasonOf(email: StoredEmail, message: SentMessage | undefined): string {
  const kind = message?.tags[TAG_NAMES.kind]?.[0] ?? 'untagged';
  const mail = mailOfTag(message?.tags[TAG_NAMES.mail]?.[0]);
  return mail ? `${kind} ${mail.sk} ${mail.slot}` : `${kind} ${email.destination.to.join(',')}`;
}
