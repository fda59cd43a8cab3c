/**
 * One whole quarterly cycle on the local runtime, measured. The workflow, the handlers, DynamoDB,
 * SES and the HTTP form are the real ones; the raters are simulated and answer through HTTP GET
 * and POST of their personal link, like a person with a browser.
 *
 * Timeline: import the synthetic roster → start the cycle (deadline in 24 h, one reminder) →
 * every invitation arrives → the prompt raters (all but `lateShare`) answer, `concurrency` at a
 * time → the DynamoDB floor probe → the reminder goes out → the late raters answer from it → the
 * last answer finishes the collect wait early → close, score, publish. The reminder time is set at
 * the start from the expected answering speed; waiting for it is reported as idle time.
 */
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { competenciesOnForm, fillForm, getPage, postForm } from '../cli/demo/simulated-raters.ts';
import type { Progress } from '../cli/progress.ts';
import type { Person } from '../functions/core/model.ts';
import { QUESTIONNAIRE_V1 } from '../functions/core/questionnaire.ts';
import { allowanceOf, DEFAULT_SHARE } from '../functions/core/send-pacing.ts';
import { sendingNeeds } from '../functions/core/send-plan.ts';
import { dynamo, sfn } from '../functions/shared/aws-clients.ts';
import { startCycle } from '../functions/shared/cycle-starter.ts';
import { getSummary } from '../functions/shared/store/result-store.ts';
import { importRoster } from '../functions/shared/store/roster-store.ts';
import { tableName } from '../functions/shared/store/table.ts';
import { startLocalRuntime } from '../local/runtime.ts';
import { type AwsHistory, awsHistory, largestPayload } from '../local/step-functions/aws-history.ts';
import { loadReviewCycle } from '../local/step-functions/definition.ts';
import type { AwsMeter, MeterSnapshot } from './aws-meter.ts';
import { itemSize } from './aws-meter.ts';
import { type FloorProbe, probeDynamoFloor } from './dynamo-floor.ts';
import { type ClassifiedEmail, classify, clearMail, drainMail, type EmailKind } from './inbox.ts';
import { type PhasePartitions, recordPartitions } from './partition-meter.ts';
import { checkRoster, syntheticRoster } from './roster.ts';

export const BENCH_QUARTER = '2026-Q3';
/** The prompt answers run in this many rounds, each followed by its floor probe. */
const FLOOR_ROUNDS = 5;

export interface CycleOptions {
  leaders: number;
  /** Simulated raters answering at the same time. */
  concurrency: number;
  /** Share of raters who answer only after the reminder. */
  lateShare: number;
  /** Expected ms per answered form (GET + POST), to place the reminder after the prompt answers. */
  expectedMsPerForm: number;
  /** How many of the form's DynamoDB calls the floor probe replays at most. */
  probeCalls: number;
  meter: AwsMeter;
  progress: Progress;
  /** A roster to use instead of the synthetic one (schedule check). */
  schedule?: { reminderAfterMs: number[]; deadlineAfterMs: number; neverShare: number };
}

export interface CycleResult {
  leaders: number;
  requests: number;
  batches: number;
  status: string;
  history: AwsHistory;
  largestPayload: { bytes: number; where: string };
  usage: MeterSnapshot;
  importUsage: { ms: number; wru: number; people: number };
  emails: Record<EmailKind, number>;
  emailCount: number;
  forms: {
    prompt: number;
    late: number;
    answered: number;
    /** Prompt phase wall time / prompt forms (GET + POST each). */
    msPerForm: number;
    dynamoCallsPerForm: number;
    floor: FloorProbe;
    floorMsPerForm: number;
    ratio: number;
    /** form time / floor of each round (answers and probe interleaved). */
    roundRatios: number[];
  };
  phases: Record<
    'open+invite' | 'answers' | 'probe' | 'idle' | 'reminder+late' | 'close+score+publish',
    number
  >;
  /** DynamoDB's hottest partition and the table, per phase, under AWS's limits (partition-meter.ts). */
  partitions: Record<string, PhasePartitions>;
  wallMs: number;
  storedBytes: number;
  /** Raters: one invitation each. */
  invitees: number;
  /** The SES account and how the cycle kept to it. */
  ses: {
    maxSendRate: number;
    max24HourSend: number;
    /** Ladder's share of the rate. */
    allowedRate: number;
    /** The most emails SES accepted within any sliding second. */
    peakPerSecond: number;
    /** From the first to the last invitation SES accepted, and the rate meanwhile. */
    invitationSeconds: number;
    invitationRate: number;
    /** SES answered Throttling (each was tried again). */
    throttled: number;
    failed: number;
    /** SES events (Send, Delivery) published to EmailEvents. */
    events: number;
  };
  summary: { answered: number; declined: number; expired: number; leaders: number };
}

const MANAGEMENT = new Set(
  QUESTIONNAIRE_V1.competencies.filter((c) => c.area === 'management').map((c) => c.id),
);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** FNV-1a: a stable hash, so the same rater behaves the same way in every run. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0) / 0x100000000;
}

function seeded(seed: number): () => number {
  let a = Math.floor(seed * 0xffffffff) >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Runs tasks `limit` at a time as they are pushed; `idle()` resolves when none is left. */
class Pool {
  readonly #queue: (() => Promise<void>)[] = [];
  #running = 0;
  #error: unknown;
  #waiters: (() => void)[] = [];
  constructor(readonly limit: number) {}
  push(task: () => Promise<void>): void {
    this.#queue.push(task);
    this.#pump();
  }
  #pump(): void {
    while (this.#running < this.limit && this.#queue.length > 0) {
      const task = this.#queue.shift()!;
      this.#running += 1;
      task()
        .catch((error: unknown) => {
          this.#error ??= error;
        })
        .finally(() => {
          this.#running -= 1;
          this.#pump();
          if (this.#running === 0 && this.#queue.length === 0) for (const w of this.#waiters.splice(0)) w();
        });
    }
  }
  async idle(): Promise<void> {
    if (this.#running > 0 || this.#queue.length > 0) await new Promise<void>((r) => this.#waiters.push(r));
    if (this.#error) throw this.#error;
  }
}

export async function runCycle(options: CycleOptions): Promise<CycleResult> {
  const { meter, progress, concurrency } = options;
  const people = syntheticRoster(options.leaders);
  const shape = checkRoster(people);
  const invitees = sendingNeeds(people).invitees;
  // The strict defaults: a new production account, 14 emails a second, 50,000 per 24 hours.
  const runtime = await startLocalRuntime({ quiet: true, retryIntervalScale: 0.01 });
  const account = runtime.ses.account.settings;
  const allowedRate = allowanceOf(account, DEFAULT_SHARE).rate;
  clearMail();
  try {
    // The roster import is not part of a cycle: measured apart.
    meter.reset();
    const importStarted = performance.now();
    await importRoster(people);
    const importUsage = {
      ms: performance.now() - importStarted,
      wru: meter.snapshot().dynamo.wru,
      people: people.length,
    };
    meter.reset();
    const partitions = recordPartitions(runtime.throughput);

    const byEmail = new Map(people.map((p) => [p.email, p]));
    const leaderByName = new Map(
      people.filter((p) => p.role === 'consultant_leader').map((p) => [p.name, p]),
    );
    /** Per rater: one email lists all their requests, so a rater answers all of them at once, or late. */
    const behaviourOf = (raterId: string): 'prompt' | 'late' | 'never' => {
      const h = hash(raterId);
      const never = options.schedule?.neverShare ?? 0;
      return h < never ? 'never' : h < never + options.lateShare ? 'late' : 'prompt';
    };

    const started = Date.now();
    const wallStarted = performance.now();
    const promptForms = Math.round(shape.requests * (1 - options.lateShare));
    const reminderAfterMs = options.schedule?.reminderAfterMs ?? [
      Math.round(
        shape.requests * 0.3 + // opening: the snapshot of requests
          (invitees / allowedRate) * 1000 * 1.1 + // the invitations, at the account's rate
          promptForms * options.expectedMsPerForm * 1.4 +
          Math.min(options.probeCalls, promptForms * 6) * 2 + // the floor probe, copies included
          3000,
      ),
    ];
    const deadlineAfterMs = options.schedule?.deadlineAfterMs ?? 24 * 3600 * 1000;
    const outcome = await startCycle(
      sfn(),
      runtime.stateMachineArn,
      {
        quarter: BENCH_QUARTER,
        deadline: new Date(started + deadlineAfterMs).toISOString(),
        reminders: reminderAfterMs.map((ms) => new Date(started + ms).toISOString()),
      },
      // A fixed quarter, whatever today's date: the quarter-window rule does not apply to the bench.
      { force: true },
    );
    const executionArn = outcome.executionArn;
    if (!outcome.started || !executionArn)
      throw new Error(outcome.problems.map((p) => p.message).join(' ') || 'The bench cycle did not start');
    const execution = runtime.executions.get(executionArn);
    if (!execution) throw new Error(`Execution ${executionArn} not found`);
    let finished = false;
    void execution.done.then(() => {
      finished = true;
    });

    const invitationsBar = progress.bar(`${options.leaders} leaders: invitations (one per rater)`, invitees);
    const answersBar = progress.bar(`${options.leaders} leaders: forms answered`, shape.requests);
    const emails: Record<EmailKind, number> = {
      invitation: 0,
      reminder: 0,
      'leader-report': 0,
      'manager-summary': 0,
      'hr-summary': 0,
    };
    let emailCount = 0;
    const prompt: { key: string; link: string; leader: Person; self: boolean }[] = [];
    const answeredKeys = new Set<string>();
    const lateQueued = new Set<string>();
    const pool = new Pool(concurrency);
    let lateAnswered = 0;
    let firstReminderAt = 0;
    let lastAnswerAt = 0;

    /** The requests an email lists, as the rater reads them: who, and the link to their form. */
    const requestsOf = (email: ClassifiedEmail) => {
      const rater = byEmail.get(email.to);
      if (!rater) throw new Error(`Unknown recipient of an email: ${email.to}`);
      return {
        rater,
        requests: email.listed.map(({ link, leaderName, self }) => {
          const leader = self ? rater : leaderByName.get(leaderName ?? '');
          if (!leader) throw new Error(`Unknown leader ${leaderName} in an email to ${email.to}`);
          return { key: `${leader.personId}|${rater.personId}`, link, leader, self };
        }),
      };
    };

    const answer = async (link: string, key: string, leader: Person, self: boolean) => {
      const page = await getPage(link);
      if (page.status !== 200) throw new Error(`GET ${link} answered ${page.status}`);
      const random = seeded(hash(`${key}|form`));
      const style = {
        profile: {
          coaching: 2.5 + hash(`${leader.personId}|c`) * 2,
          management: 2.5 + hash(`${leader.personId}|m`) * 2,
        },
        leniency: (hash(`${key}|leniency`) - 0.5) * 0.8,
        self,
      };
      const form = fillForm(competenciesOnForm(page.html), style, random, MANAGEMENT);
      const saved = await postForm(link, form);
      if (saved.status !== 200) throw new Error(`POST ${link} answered ${saved.status}`);
      answeredKeys.add(key);
      lastAnswerAt = performance.now();
      answersBar.increment();
    };

    const handle = (message: ReturnType<typeof drainMail>[number]) => {
      const email = classify(message);
      emails[email.kind] += 1;
      emailCount += 1;
      if (email.kind === 'invitation') {
        const { rater, requests } = requestsOf(email);
        invitationsBar.increment();
        if (behaviourOf(rater.personId) === 'prompt') prompt.push(...requests);
      } else if (email.kind === 'reminder') {
        firstReminderAt ||= performance.now();
        const { rater, requests } = requestsOf(email);
        if (behaviourOf(rater.personId) !== 'late') return;
        for (const { key, link, leader, self } of requests) {
          if (lateQueued.has(key)) continue;
          lateQueued.add(key);
          lateAnswered += 1;
          pool.push(() => answer(link, key, leader, self));
        }
      }
    };
    const drain = () => {
      for (const message of drainMail()) handle(message);
    };

    // 1. Open and invite: wait until every invitation has arrived (one per rater).
    while (emails.invitation < invitees) {
      if (finished) throw new Error(`The cycle ended before every invitation was sent: ${execution.status}`);
      drain();
      await sleep(20);
    }
    invitationsBar.done();
    const invitedAt = performance.now();
    // Every send SES accepted so far was an invitation: their times measure the pace while a backlog existed.
    const invitationTimes = runtime.ses.account.stats.acceptedAt;

    // 2 and 3. The prompt raters answer, in rounds; after each round the DynamoDB calls its forms
    // made are replayed alone (the floor). Interleaving keeps both measures in the same conditions
    // when other processes load the machine.
    const rounds = Math.max(1, Math.min(FLOOR_ROUNDS, prompt.length));
    let formsWallMs = 0;
    let formCalls = 0;
    let probeWallMs = 0;
    let probePhaseMs = 0;
    let probeCalls = 0;
    const roundRatios: number[] = [];
    for (let round = 0; round < rounds; round++) {
      const slice = prompt.slice(
        Math.floor((round * prompt.length) / rounds),
        Math.floor(((round + 1) * prompt.length) / rounds),
      );
      const before = meter.snapshot().byFunction.FeedbackForm?.dynamoCalls ?? 0;
      meter.record('FeedbackForm', Math.ceil(options.probeCalls / rounds));
      const roundStarted = performance.now();
      for (const { key, link, leader, self } of slice) pool.push(() => answer(link, key, leader, self));
      await pool.idle();
      const roundMs = performance.now() - roundStarted;
      const calls = (meter.snapshot().byFunction.FeedbackForm?.dynamoCalls ?? 0) - before;
      const recorded = meter.takeRecording();
      meter.pause(true);
      const probeStarted = performance.now();
      const probe = await probeDynamoFloor(recorded, concurrency);
      probePhaseMs += performance.now() - probeStarted;
      meter.pause(false);
      formsWallMs += roundMs;
      formCalls += calls;
      probeWallMs += probe.wallMs;
      probeCalls += probe.calls;
      if (probe.calls > 0 && slice.length > 0)
        roundRatios.push(roundMs / slice.length / ((calls / slice.length) * probe.msPerCall));
    }
    const floor: FloorProbe = {
      calls: probeCalls,
      wallMs: probeWallMs,
      msPerCall: probeCalls ? probeWallMs / probeCalls : 0,
      concurrency,
    };
    const answeredAt = performance.now();
    const probedAt = answeredAt;

    // 4. Reminders, late answers, then close, score and publish.
    while (!finished) {
      drain();
      await sleep(20);
    }
    await pool.idle();
    drain();
    answersBar.done();
    const endedAt = performance.now();
    const record = await execution.done;
    await runtime.ses.events.idle();
    const sesStats = runtime.ses.account.stats;
    const invitationSpanMs = (invitationTimes.at(-1) ?? 0) - (invitationTimes[0] ?? 0);
    const managers = new Set(people.filter((p) => p.role === 'consultant_leader').map((p) => p.managerId))
      .size;
    const reportsExpected = shape.leaders + managers + 1;
    const reportsReceived = emails['leader-report'] + emails['manager-summary'] + emails['hr-summary'];

    const usage = meter.snapshot();
    meter.pause(true);
    const storedBytes = await cycleBytes();
    const summary = await getSummary(BENCH_QUARTER);
    meter.pause(false);

    const prompted = prompt.length;
    const msPerForm = formsWallMs / Math.max(1, prompted);
    const dynamoCallsPerForm = formCalls / Math.max(1, prompted);
    const floorMsPerForm = dynamoCallsPerForm * floor.msPerCall;
    const reminderSeenAt = firstReminderAt || probedAt;
    const lateDoneAt = Math.max(lastAnswerAt, reminderSeenAt, probedAt);
    return {
      leaders: shape.leaders,
      requests: shape.requests,
      batches: shape.batches,
      status: record.status,
      history: awsHistory(record.events, loadReviewCycle().definition),
      largestPayload: largestPayload(record.events),
      usage,
      importUsage,
      emails,
      emailCount,
      forms: {
        prompt: prompted,
        late: lateAnswered,
        answered: answeredKeys.size,
        msPerForm,
        dynamoCallsPerForm,
        floor,
        floorMsPerForm,
        ratio: msPerForm / floorMsPerForm,
        roundRatios,
      },
      phases: {
        'open+invite': invitedAt - wallStarted,
        answers: formsWallMs,
        probe: probePhaseMs,
        idle: Math.max(0, reminderSeenAt - probedAt),
        'reminder+late': lateDoneAt - Math.max(reminderSeenAt, probedAt),
        'close+score+publish': endedAt - lateDoneAt,
      },
      partitions: partitions.phases({
        'open+invite': [wallStarted, invitedAt],
        'answers+probe': [invitedAt, probedAt],
        'reminder+late': [probedAt, lateDoneAt],
        'close+score+publish': [lateDoneAt, endedAt],
      }),
      wallMs: endedAt - wallStarted,
      storedBytes,
      invitees,
      ses: {
        maxSendRate: account.maxSendRate,
        max24HourSend: account.max24HourSend,
        allowedRate,
        peakPerSecond: sesStats.peakPerSecond,
        invitationSeconds: invitationSpanMs / 1000,
        invitationRate: invitationSpanMs > 0 ? ((invitationTimes.length - 1) * 1000) / invitationSpanMs : 0,
        throttled: sesStats.throttledRate + sesStats.throttledDaily,
        // Emails that should have arrived and did not (invitations, reports), or a failed execution.
        failed:
          Math.max(0, invitees - emails.invitation) +
          Math.max(0, reportsExpected - reportsReceived) +
          (record.status === 'SUCCEEDED' ? 0 : 1),
        events: runtime.ses.events.stats.delivered,
      },
      summary: {
        answered: summary?.requests.answered ?? 0,
        declined: summary?.requests.declined ?? 0,
        expired: summary?.requests.expired ?? 0,
        leaders: summary?.leaders ?? 0,
      },
    };
  } finally {
    await runtime.close();
    clearMail();
  }
}

/** Bytes of every item the cycle left in the table (cycle partition and link tokens; not the roster). */
async function cycleBytes(): Promise<number> {
  let bytes = 0;
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await dynamo().send(new ScanCommand({ TableName: tableName(), ExclusiveStartKey }));
    for (const item of page.Items ?? []) {
      const pk = String(item.pk);
      if (pk.startsWith('CYCLE#') || pk.startsWith('TOKEN#')) bytes += itemSize(item);
    }
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return bytes;
}
