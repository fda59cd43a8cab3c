/**
 * `ladder demo`: a whole quarterly cycle on this machine. Starts the local runtime in memory,
 * imports a sample organisation, starts the cycle with a deadline of seconds, and lets simulated
 * raters answer through the real form over HTTP — some promptly, some only after the reminder,
 * some decline, some never answer and find their link expired. Ends with the readiness table and
 * an export file.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Table from 'cli-table3';
import { previousQuarter } from '../../functions/core/quarter.ts';
import { QUESTIONNAIRE_V1 } from '../../functions/core/questionnaire.ts';
import { assignRaters } from '../../functions/core/raters.ts';
import { listRecommendations } from '../../functions/shared/store/result-store.ts';
import { startLocalRuntime } from '../../local/runtime.ts';
import { readMailStore } from '../../local/ses.ts';
import { cycleStart, cycleStatus, formatStatus } from '../commands/cycle.ts';
import { exportQuarter } from '../commands/export.ts';
import { formatConsoleUsers } from '../commands/local.ts';
import { rosterImport } from '../commands/roster.ts';
import { createProgress } from '../progress.ts';
import { randomFor, seededRandom } from './random.ts';
import { sampleOrganisation } from './sample-org.ts';
import {
  type Behaviour,
  competenciesOnForm,
  fillForm,
  getPage,
  linkIn,
  type MailMessage,
  postForm,
  requestsIn,
} from './simulated-raters.ts';

export interface DemoOptions {
  teams?: number;
  seed?: number;
  /** Seconds from the start of the cycle to the reminder and to the deadline. */
  reminderAfter?: number;
  deadlineAfter?: number;
  out?: string;
  log?: (line: string) => void;
  progress?: boolean;
  /** Keep the local runtime (and its console) running after the demo, until Ctrl-C. */
  keepRunning?: boolean;
  /** Resolves when a kept-running demo should stop (default: SIGINT or SIGTERM). */
  until?: Promise<void>;
}

export interface DemoResult {
  quarter: string;
  exportFile: string;
  table: string;
  counts: Record<Behaviour, number> & {
    invitations: number;
    reminders: number;
    reports: number;
    edits: number;
    invalid: number;
  };
  checks: { expiredLinkStatus: number; unknownLinkStatus: number; invalidPostStatus: number };
  executionStatus: string;
  /** `<api>/console/` of the demo's runtime. */
  consoleUrl: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const MANAGEMENT = new Set(
  QUESTIONNAIRE_V1.competencies.filter((c) => c.area === 'management').map((c) => c.id),
);

export async function runDemo(options: DemoOptions = {}): Promise<DemoResult> {
  const log = options.log ?? console.log;
  const random = seededRandom(options.seed ?? 7);
  const org = sampleOrganisation({ teams: options.teams ?? 3, seed: options.seed ?? 2026 });
  const runtime = await startLocalRuntime({
    quiet: true,
    retryIntervalScale: 0.01,
    // Kept running, the demo is a `ladder local`: the CLI's other commands can reach it.
    writeStateFile: options.keepRunning ?? false,
  });
  try {
    log(`Local runtime up: API ${runtime.endpoints.api}, mail viewer ${runtime.endpoints.mailViewer}`);
    const dir = await mkdtemp(join(tmpdir(), 'ladder-demo-'));
    const rosterFile = join(dir, 'roster.csv');
    await writeFile(rosterFile, org.csv, 'utf8');
    await rosterImport(rosterFile, log);

    const assignments = assignRaters(org.people);
    const quarter = previousQuarter(new Date());
    const start = Date.now();
    const reminderAt = new Date(start + (options.reminderAfter ?? 10) * 1000);
    const deadline = new Date(start + (options.deadlineAfter ?? 20) * 1000);
    await cycleStart(
      runtime.stateMachineArn,
      { quarter, deadline: deadline.toISOString(), reminders: [reminderAt.toISOString()] },
      log,
    );
    log(
      `Deadline in ${options.deadlineAfter ?? 20} s, reminder after ${options.reminderAfter ?? 10} s: time is compressed, not skipped.`,
    );

    const leaderByName = new Map(
      org.people.filter((p) => p.role === 'consultant_leader').map((p) => [p.name, p]),
    );
    const byEmail = new Map(org.people.map((p) => [p.email, p]));

    // Behaviour per request, drawn up front; every kind is made to appear at least once.
    const behaviours = new Map<string, Behaviour>();
    for (const a of assignments) {
      const r = random();
      // Managers and the leaders themselves nearly always answer; coachees and peers vary more.
      const behaviour: Behaviour =
        a.group === 'self' || a.group === 'manager'
          ? r < 0.15
            ? 'late'
            : 'prompt'
          : r < 0.08
            ? 'decline'
            : r < 0.2
              ? 'never'
              : r < 0.35
                ? 'late'
                : 'prompt';
      behaviours.set(`${a.leaderId}|${a.raterId}`, behaviour);
    }
    (['decline', 'never', 'late'] as const).forEach((kind, i) => {
      if (![...behaviours.values()].includes(kind)) {
        const a = assignments[i * 5 + 1]!;
        behaviours.set(`${a.leaderId}|${a.raterId}`, kind);
      }
    });
    const leniency = new Map(org.people.map((p) => [p.personId, (random() - 0.5) * 0.8]));

    const bars = createProgress({ enabled: options.progress !== false });
    // One invitation per rater, listing everyone they are asked about.
    const inviteBar = bars.bar('invitations sent', new Set(assignments.map((a) => a.raterId)).size);
    const answerBar = bars.bar('raters done (answered, declined or expired)', assignments.length);

    const counts = {
      prompt: 0,
      late: 0,
      decline: 0,
      never: 0,
      invitations: 0,
      reminders: 0,
      reports: 0,
      edits: 0,
      invalid: 0,
    };
    const checks = { expiredLinkStatus: 0, unknownLinkStatus: 0, invalidPostStatus: 0 };
    const handled = new Set<string>();
    const neverLinks: string[] = [];
    const pending: Promise<void>[] = [];
    let done = 0;
    let invalidSent = false;
    const tick = () => answerBar.update(++done);

    const answer = async (
      link: string,
      raterId: string,
      leaderId: string,
      edit: boolean,
      invalidFirst: boolean,
    ) => {
      const page = await getPage(link);
      if (page.status !== 200) throw new Error(`GET ${link} answered ${page.status}`);
      const competencies = competenciesOnForm(page.html);
      const profile = org.profiles.get(leaderId)!;
      const style = { profile, leniency: leniency.get(raterId) ?? 0, self: raterId === leaderId };
      // Per rater and leader, so the answers do not depend on the order emails arrive in.
      const random = randomFor(options.seed ?? 7, `${leaderId}|${raterId}`);
      if (invalidFirst) {
        const bad = fillForm(competencies, style, random, MANAGEMENT);
        bad.delete(`rating.${competencies[0]}`);
        const rejected = await postForm(link, bad);
        checks.invalidPostStatus = rejected.status;
        counts.invalid += 1;
      }
      const saved = await postForm(link, fillForm(competencies, style, random, MANAGEMENT));
      if (saved.status !== 200) throw new Error(`POST ${link} answered ${saved.status}`);
      if (edit) {
        const again = await postForm(link, fillForm(competencies, style, random, MANAGEMENT));
        if (again.status !== 200) throw new Error(`edit POST ${link} answered ${again.status}`);
        counts.edits += 1;
      }
    };

    const leaderNames = [...leaderByName.keys()];
    const invited = new Set<string>();
    let statusText = '';
    while (true) {
      const { emails } = await readMailStore(runtime.endpoints.ses);
      for (const message of emails as MailMessage[]) {
        // Read in the rater's own language: each link under the line that names its leader.
        const listed = requestsIn(message, leaderNames);
        const key = message.messageId ?? `${message.subject}|${listed[0]?.link}`;
        if (listed.length === 0 || handled.has(key)) continue;
        handled.add(key);
        const rater = byEmail.get(message.destination.to[0] ?? '');
        if (!rater) continue;
        // A rater's first email is the invitation; any later one a reminder (whatever its language).
        const reminder = invited.has(rater.personId);
        invited.add(rater.personId);
        if (reminder) counts.reminders += 1;
        else {
          counts.invitations += 1;
          inviteBar.update(counts.invitations);
        }
        for (const { link, leaderName, self } of listed) {
          const leader = self ? rater : leaderByName.get(leaderName ?? '');
          if (!leader) continue;
          const behaviour = behaviours.get(`${leader.personId}|${rater.personId}`) ?? 'prompt';
          if (reminder) {
            if (behaviour === 'late')
              pending.push(answer(link, rater.personId, leader.personId, false, false).then(tick));
            continue;
          }
          counts[behaviour] += 1;
          if (behaviour === 'prompt') {
            const delay = random() * (reminderAt.getTime() - Date.now() - 1500);
            const edit = random() < 0.1;
            const invalidFirst = !invalidSent;
            invalidSent = true;
            pending.push(
              sleep(Math.max(0, delay))
                .then(() => answer(link, rater.personId, leader.personId, edit, invalidFirst))
                .then(tick),
            );
          } else if (behaviour === 'decline') {
            pending.push(
              postForm(link, new URLSearchParams({ action: 'decline' })).then((r) => {
                if (r.status !== 200) throw new Error(`decline answered ${r.status}`);
                tick();
              }),
            );
          } else if (behaviour === 'never') {
            neverLinks.push(link);
          }
        }
      }
      const status = await cycleStatus(runtime.stateMachineArn, quarter);
      statusText = status.execution;
      if (status.execution !== 'RUNNING') break;
      await sleep(250);
    }
    await Promise.all(pending);
    answerBar.done();
    bars.stop();

    const final = await cycleStatus(runtime.stateMachineArn, quarter);
    if (final.execution !== 'SUCCEEDED')
      throw new Error(`The cycle did not complete: ${formatStatus(final)}`);
    const { emails } = await readMailStore(runtime.endpoints.ses);
    counts.reports = (emails as MailMessage[]).filter((m) => !linkIn(m)).length;
    if (neverLinks[0]) checks.expiredLinkStatus = (await getPage(neverLinks[0])).status;
    checks.unknownLinkStatus = (await getPage(`${runtime.endpoints.api}/feedback/${'x'.repeat(43)}`)).status;

    const recs = await listRecommendations(quarter);
    const table = new Table({
      head: [
        'Leader',
        'Team',
        'Readiness',
        'Confidence',
        'Coaching',
        'Mgmt',
        'Resp c/p/m/s',
        'Recommendation',
        'Flags',
        'Development needs',
      ],
      style: { head: [], border: [] },
    });
    const fmt = (n: number | null) => (n === null ? '—' : n.toFixed(1));
    for (const rec of [...recs].sort(
      (a, b) => a.team.localeCompare(b.team) || a.leaderId.localeCompare(b.leaderId),
    )) {
      table.push([
        rec.leaderName,
        rec.team,
        fmt(rec.readinessScore),
        rec.confidence?.level ?? '—',
        fmt(rec.coachingScore),
        fmt(rec.managementScore),
        `${rec.responses.coachee}/${rec.responses.peer}/${rec.responses.manager}/${rec.responses.self}`,
        rec.recommendation,
        rec.flags.join(', ') || '—',
        rec.developmentNeeds.map((n) => n.id).join(', ') || '—',
      ]);
    }
    const exportFile = options.out ?? `ladder-export-${quarter}.csv`;
    await exportQuarter({ quarter, format: 'csv', out: exportFile });
    const rendered = table.toString();
    log('');
    log(formatStatus(final));
    log(
      `Raters: ${counts.prompt} answered promptly, ${counts.late} only after the reminder, ${counts.decline} declined, ${counts.never} never answered (their links now answer ${checks.expiredLinkStatus}).`,
    );
    log(
      `Emails: ${counts.invitations} invitations, ${counts.reminders} reminders, ${counts.reports} reports; ${counts.edits} rater${counts.edits === 1 ? '' : 's'} edited their answers; an invalid form got ${checks.invalidPostStatus}; an unknown link got ${checks.unknownLinkStatus}.`,
    );
    log(`\nReadiness, ${quarter} (execution ${statusText}):`);
    log(rendered);
    log(`Export written to ${exportFile}`);
    const consoleUrl = `${runtime.endpoints.console}/`;
    const hr = runtime.consoleUsers.find((u) => u.groups.includes('hr-admin'))!;
    log(`\nThe console: ${consoleUrl}readiness?quarter=${quarter}`);
    log(`  sign in as ${hr.email} with password ${hr.password} (HR admin); every seed account:`);
    log(formatConsoleUsers(runtime.consoleUsers, '    '));
    if (options.keepRunning) {
      log('The console keeps running until you press Ctrl-C.');
      await (options.until ?? untilSignal());
    } else {
      log('It stops with the demo: run `npx ladder demo --keep-running` to explore it.');
    }
    return {
      quarter,
      exportFile,
      table: rendered,
      counts,
      checks,
      executionStatus: final.execution,
      consoleUrl,
    };
  } finally {
    await runtime.close();
  }
}

function untilSignal(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
}
