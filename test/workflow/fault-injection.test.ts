/**
 * Whole review cycles under injected faults (10% of DynamoDB, SES, Lambda and form API calls fail:
 * throttling, 5xx, timeouts, and responses lost after the operation took effect), compared with
 * the same cycle without faults: same roster, same simulated raters, same answers.
 *
 * Each run gets a fresh local runtime (fresh table), so no run sees another's history.
 * The counts of every run are written to test-results/fault-injection.json.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { cycleStart } from '../../cli/commands/cycle.ts';
import { startLocalRuntime } from '../../local/runtime.ts';
import { clearMailStore, readMailStore } from '../../local/ses.ts';
import {
  comparable,
  importSimulatedRoster,
  reasonOf,
  type SimulatedCycle,
  simulateCycle,
} from '../support/simulated-cycle.ts';

const QUARTER = '2024-Q2';
const RATE = 0.1;
const SEEDS = [11, 23, 47];

async function run(faults: { rate: number; seed: number }): Promise<SimulatedCycle> {
  const runtime = await startLocalRuntime({ quiet: true, retryIntervalScale: 0.01, faults: { rate: 0 } });
  try {
    // aws-ses-v2-local keeps one mail store per process.
    await clearMailStore(runtime.endpoints.ses);
    await importSimulatedRoster();
    runtime.faults.configure(faults);
    if (faults.rate > 0) {
      // With a dozen invocations and ~45 emails per cycle, 10% may miss a service entirely: make
      // sure each kind of Lambda and SES fault happens at least once, on top of the random ones.
      runtime.faults.planNext('lambda', 'response-lost', (call) => call.operation === 'SendEmails');
      runtime.faults.planNext('lambda', 'throttle', (call) => call.operation === 'ScoreBatch');
      runtime.faults.planNext('lambda', 'server-error', (call) => call.operation === 'Collect');
      runtime.faults.planNext('lambda', 'response-lost', (call) => call.operation === 'PublishReports');
      // Likewise one of each SES fault and one lost form answer.
      runtime.faults.planNext('ses', 'response-lost');
      runtime.faults.planNext('ses', 'throttle');
      runtime.faults.planNext('ses', 'server-error');
      runtime.faults.planNext('api', 'response-lost', (call) => call.operation === 'POST');
    }
    return await simulateCycle(runtime, { quarter: QUARTER });
  } finally {
    await runtime.close();
  }
}

const summaries: Record<string, unknown>[] = [];
afterAll(async () => {
  await mkdir('test-results', { recursive: true });
  await writeFile('test-results/fault-injection.json', `${JSON.stringify(summaries, null, 2)}\n`);
  console.log(`fault injection: ${JSON.stringify(summaries)}`);
});

function summarize(label: string, seed: number | null, run: SimulatedCycle) {
  const retried = run.execution.events.filter((e) => e.type === 'StateRetried').length;
  const done = run.requests.filter((r) => r.status === 'answered' || r.status === 'declined').length;
  const summary = {
    run: label,
    rate: seed === null ? 0 : RATE,
    seed,
    status: run.execution.status,
    seconds: Math.round(run.durationMs / 100) / 10,
    requests: run.requests.length,
    answered: run.requests.filter((r) => r.status === 'answered').length,
    declined: run.requests.filter((r) => r.status === 'declined').length,
    expired: run.requests.filter((r) => r.status === 'expired').length,
    doneCount: run.cycle.doneCount,
    doneActual: done,
    emails: run.emails.length,
    stepFunctionsRetries: retried,
    lambdaInvocations: Object.values(run.execution.invocations).reduce((a, b) => a + b, 0),
    raterRetries: run.raters.retried,
    faultsInjected: Object.fromEntries(
      Object.entries(run.faults).map(([service, s]) => {
        const { calls, ...kinds } = s;
        return [service, { calls, ...kinds }];
      }),
    ),
  };
  summaries.push(summary);
  return summary;
}

function checkCycle(run: SimulatedCycle) {
  expect(run.execution.status).toBe('SUCCEEDED');
  expect(run.raters.unexpected).toEqual([]);
  // Every rater acted before the deadline (else the machine was too slow for the cycle's timing).
  expect(run.raters.tooLate).toEqual([]);

  // Every submitted answer is stored exactly as last submitted, and counted once.
  const bySk = new Map(run.requests.map((r) => [r.sk, r]));
  expect(run.submitted.size).toBeGreaterThan(0);
  for (const [sk, submitted] of run.submitted) {
    const request = bySk.get(sk)!;
    expect(request.status, sk).toBe(submitted.status);
    if (submitted.status === 'answered') {
      const ratings = Object.fromEntries(
        Object.entries(request.answers!.ratings).map(([id, r]) => [id, r === null ? 'na' : String(r)]),
      );
      expect(ratings, sk).toEqual(submitted.ratings);
      expect(request.answers!.comments, sk).toEqual(submitted.comments);
    }
  }
  // Nothing answered that was not submitted; the rest expired at the deadline.
  for (const request of run.requests) {
    if (!run.submitted.has(request.sk)) expect(request.status, request.sk).toBe('expired');
  }
  for (const rec of run.recommendations) {
    const mine = run.requests.filter((r) => r.leaderId === rec.leaderId);
    for (const group of ['self', 'manager', 'coachee', 'peer'] as const) {
      expect(rec.responses[group], `${rec.leaderId} ${group}`).toBe(
        mine.filter((r) => r.group === group && r.status === 'answered').length,
      );
    }
    expect(rec.declined).toBe(mine.filter((r) => r.status === 'declined').length);
  }
  // The done counter may be short after an ambiguous write (then no early finish), never over.
  const done = run.requests.filter((r) => r.status === 'answered' || r.status === 'declined').length;
  expect(run.cycle.doneCount).toBeLessThanOrEqual(done);

  // No rater gets the same email twice for the same reason.
  const byReason = new Map<string, number>();
  const messages = new Map(run.messages.map((m) => [m.messageId, m]));
  for (const email of run.emails) {
    const reason = reasonOf(email, messages.get(email.messageId));
    byReason.set(reason, (byReason.get(reason) ?? 0) + 1);
  }
  expect([...byReason].filter(([, n]) => n > 1)).toEqual([]);
  return byReason;
}

describe('a whole cycle at 10% injected faults', () => {
  let baseline: SimulatedCycle;
  let baselineReasons: Map<string, number>;

  it('baseline: the same cycle without faults', async () => {
    baseline = await run({ rate: 0, seed: 1 });
    summarize('fault-free', null, baseline);
    baselineReasons = checkCycle(baseline);
    // The simulation exercises every path: answers, edits, declines, reminders, expiry, reports.
    expect(baseline.requests.length).toBe(28);
    expect(baseline.requests.some((r) => r.status === 'declined')).toBe(true);
    expect(baseline.requests.some((r) => r.status === 'expired')).toBe(true);
    expect(baseline.requests.some((r) => (r.remindersSent ?? 0) > 0 && r.status === 'answered')).toBe(true);
    expect(baseline.recommendations).toHaveLength(4);
    expect(baseline.cycle.doneCount).toBe(
      baseline.requests.filter((r) => r.status === 'answered' || r.status === 'declined').length,
    );
  }, 120_000);

  it.each(SEEDS)(
    'seed %i: completes, counts every answer once, sends nothing twice, recommends the same',
    async (seed) => {
      const faulty = await run({ rate: RATE, seed });
      const summary = summarize(`faults seed ${seed}`, seed, faulty);
      const reasons = checkCycle(faulty);

      // Faults really happened, in every service, including lost responses.
      for (const service of ['dynamodb', 'ses', 'lambda', 'api'] as const) {
        const { calls, ...kinds } = faulty.faults[service];
        expect(calls, service).toBeGreaterThan(0);
        expect(
          Object.values(kinds).reduce((a, b) => a + (b ?? 0), 0),
          service,
        ).toBeGreaterThan(0);
      }
      expect(faulty.faults.dynamodb['response-lost'] ?? 0).toBeGreaterThan(0);
      expect(summary.stepFunctionsRetries).toBeGreaterThan(0);

      // Same emails for the same reasons as without faults.
      const missing = [...baselineReasons.keys()].filter((r) => !reasons.has(r));
      const extra = [...reasons.keys()].filter((r) => !baselineReasons.has(r));
      expect({ missing, extra }).toEqual({ missing: [], extra: [] });
      // Same answers, same recommendations.
      const statuses = (run: SimulatedCycle) => run.requests.map((r) => `${r.sk} ${r.status}`).sort();
      expect(statuses(faulty)).toEqual(statuses(baseline));
      expect(faulty.recommendations.map(comparable)).toEqual(baseline.recommendations.map(comparable));
    },
    120_000,
  );
});

describe('one lost response at a time, in the whole workflow', () => {
  it('a checkpoint that started a reminder round but whose response was lost still sends the round, once', async () => {
    const runtime = await startLocalRuntime({ quiet: true, retryIntervalScale: 0.01, faults: { rate: 0 } });
    try {
      await clearMailStore(runtime.endpoints.ses);
      await importSimulatedRoster();
      const now = Date.now();
      // The checkpoint that finds the reminder due (checkpoints also run right after the invitations).
      runtime.faults.planNext(
        'lambda',
        'response-lost',
        (call) =>
          call.operation === 'Collect' &&
          (call.payload as { action?: string } | undefined)?.action === 'checkpoint' &&
          Date.now() >= now + 3_000,
      );
      const { executionArn } = await cycleStart(
        runtime.stateMachineArn,
        {
          quarter: '2024-Q4',
          deadline: new Date(now + 7_000).toISOString(),
          reminders: [new Date(now + 3_000).toISOString()],
          force: true,
        },
        () => {},
      );
      const record = await runtime.executions.get(executionArn)!.done;
      expect(record.status).toBe('SUCCEEDED');
      expect(runtime.faults.stats.lambda['response-lost']).toBe(1);
      const kinds = (await readMailStore(runtime.endpoints.ses)).emails.map(
        (e) => runtime.sentMessages.get(e.messageId)?.tags['ladder-kind']?.[0],
      );
      // Nobody answered: every rater got their invitation and exactly one reminder.
      expect(kinds.filter((k) => k === 'invitation')).toHaveLength(14);
      expect(kinds.filter((k) => k === 'reminder')).toHaveLength(14);
    } finally {
      await runtime.close();
    }
  }, 60_000);
});
