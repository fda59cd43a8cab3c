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
  const runtime = await startLocalRuntime({ quiet: true, retryIntervalScale: 0.01 });
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
    const behaviourOf = (key: string): 'prompt' | 'late' | 'never' => {
      const h = hash(key);
      const never = options.schedule?.neverShare ?? 0;
      return h < never ? 'never' : h < never + options.lateShare ? 'late' : 'prompt';
    };

    const started = Date.now();
    const wallStarted = performance.now();
    const promptForms = Math.round(shape.requests * (1 - options.lateShare));
    const reminderAfterMs = options.schedule?.reminderAfterMs ?? [
      Math.round(
        shape.requests * 0.3 + // opening: the snapshot of requests
          promptForms * options.expectedMsPerForm * 1.4 +
          Math.min(options.probeCalls, promptForms * 6) * 2 + // the floor probe, copies included
          3000,
      ),
    ];
    const deadlineAfterMs = options.schedule?.deadlineAfterMs ?? 24 * 3600 * 1000;
    const { executionArn } = await startCycle(sfn(), runtime.stateMachineArn, {
      quarter: BENCH_QUARTER,
      deadline: new Date(started + deadlineAfterMs).toISOString(),
      reminders: reminderAfterMs.map((ms) => new Date(started + ms).toISOString()),
    });
    const execution = runtime.executions.get(executionArn);
    if (!execution) throw new Error(`Execution ${executionArn} not found`);
    let finished = false;
    void execution.done.then(() => {
      finished = true;
    });

    const invitationsBar = progress.bar(`${options.leaders} leaders: invitations`, shape.requests);
    const answersBar = progress.bar(`${options.leaders} leaders: forms answered`, shape.requests);
    const emails: Record<EmailKind, number> = {
      invitation: 0,
      reminder: 0,
      'leader-report': 0,
      'manager-summary': 0,
      'hr-summary': 0,
    };
    let emailCount = 0;
    const prompt: { key: string; email: ClassifiedEmail }[] = [];
    const answeredKeys = new Set<string>();
    const lateQueued = new Set<string>();
    const pool = new Pool(concurrency);
    let lateAnswered = 0;
    let firstReminderAt = 0;
    let lastAnswerAt = 0;

    const requestKey = (email: ClassifiedEmail): { key: string; leader: Person } => {
      const rater = byEmail.get(email.to);
      const leader = email.self ? rater : leaderByName.get(email.leaderName ?? '');
      if (!rater || !leader) throw new Error(`Unknown recipient or leader in an email to ${email.to}`);
      return { key: `${leader.personId}|${rater.personId}`, leader };
    };

    const answer = async (email: ClassifiedEmail, key: string, leader: Person) => {
      const link = email.link!;
      const page = await getPage(link);
      if (page.status !== 200) throw new Error(`GET ${link} answered ${page.status}`);
      const random = seeded(hash(`${key}|form`));
      const style = {
        profile: {
          coaching: 2.5 + hash(`${leader.personId}|c`) * 2,
          management: 2.5 + hash(`${leader.personId}|m`) * 2,
        },
        leniency: (hash(`${key}|leniency`) - 0.5) * 0.8,
        self: email.self === true,
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
        const { key } = requestKey(email);
        invitationsBar.increment();
        if (behaviourOf(key) === 'prompt') prompt.push({ key, email });
      } else if (email.kind === 'reminder') {
        firstReminderAt ||= performance.now();
        const { key, leader } = requestKey(email);
        if (behaviourOf(key) === 'late' && !lateQueued.has(key)) {
          lateQueued.add(key);
          lateAnswered += 1;
          pool.push(() => answer(email, key, leader));
        }
      }
    };
    const drain = () => {
      for (const message of drainMail()) handle(message);
    };

    // 1. Open and invite: wait until every invitation has arrived.
    while (emails.invitation < shape.requests) {
      if (finished) throw new Error(`The cycle ended before every invitation was sent: ${execution.status}`);
      drain();
      await sleep(20);
    }
    invitationsBar.done();
    const invitedAt = performance.now();

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
      for (const { key, email } of slice) {
        const { leader } = requestKey(email);
        pool.push(() => answer(email, key, leader));
      }
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
