/**
 * What "every invitation, reminder and report received exactly once" means for a simulated cycle
 * (test/support/simulated-cycle.ts), checked against what the raters' behaviour requires rather
 * than against another run: one invitation per rater, one reminder per rater who still had a
 * request open at the reminder (those who answer late or never), one report per leader, one summary
 * per manager, one for HR — each received once, and nothing else.
 */
import { appendFile, mkdir } from 'node:fs/promises';
import { expect } from 'vitest';
import { summarizeDelivery } from '../../functions/core/delivery.ts';
import { keys } from '../../functions/shared/keys.ts';
import {
  listInviteeDeliveries,
  listInvitees,
  listMailItems,
  slotOf,
} from '../../functions/shared/store/mail-store.ts';
import { type LocalRuntime, type LocalRuntimeOptions, startLocalRuntime } from '../../local/runtime.ts';
import { clearMailStore } from '../../local/ses.ts';
import {
  behaviourOf,
  importSimulatedRoster,
  reasonOf,
  type SimulatedCycle,
  simulateCycle,
} from './simulated-cycle.ts';

/** The reasons the cycle must have emailed for, each once (`reasonOf`). */
export async function expectedReasons(run: SimulatedCycle): Promise<string[]> {
  const reasons: string[] = [];
  for (const invitee of await listInvitees(run.quarter)) {
    reasons.push(`invitation ${invitee.sk} invitation`);
    const open = invitee.requests.some((request) => {
      const [, leaderId, raterId] = request.sk.split('#') as [string, string, string];
      const behaviour = behaviourOf(leaderId, raterId);
      return behaviour === 'late' || behaviour === 'never';
    });
    if (open) reasons.push(`reminder ${invitee.sk} reminder-1`);
  }
  // One summary per manager and team.
  const summaries = new Set(
    run.recommendations.map((rec) => keys.managerSummaryMailId(rec.managerId, rec.team)),
  );
  for (const rec of run.recommendations)
    reasons.push(`leader-report ${keys.mail(run.quarter, 'leader-report', rec.leaderId).sk} leader-report`);
  for (const summary of summaries)
    reasons.push(`manager-summary ${keys.mail(run.quarter, 'manager-summary', summary).sk} manager-summary`);
  reasons.push(`hr-summary ${keys.mail(run.quarter, 'hr-summary', 'hr').sk} hr-summary`);
  return reasons.sort();
}

/** Every email the cycle had to send was received exactly once; no other email went; nothing is left in doubt. */
export async function expectExactlyOnce(run: SimulatedCycle): Promise<Record<string, number>> {
  expect(run.execution.status).toBe('SUCCEEDED');
  expect(run.raters.unexpected).toEqual([]);
  expect(run.raters.tooLate).toEqual([]);
  const messages = new Map(run.messages.map((m) => [m.messageId, m]));
  const received = new Map<string, number>();
  for (const email of run.emails) {
    const reason = reasonOf(email, messages.get(email.messageId));
    received.set(reason, (received.get(reason) ?? 0) + 1);
  }
  expect([...received].filter(([, n]) => n > 1)).toEqual([]);
  expect([...received.keys()].sort()).toEqual(await expectedReasons(run));
  // The records agree: nothing in doubt, no duplicate counted, every report slot sent.
  const delivery = summarizeDelivery(
    await listInviteeDeliveries(run.quarter),
    (await listMailItems(run.quarter)).map((item) => slotOf(item, item.sk.split('#')[1] ?? '')),
  );
  expect(delivery).toMatchObject({ inDoubt: 0, waiting: 0, duplicates: 0, undeliverable: 0 });
  // Answers are what was submitted, counted once.
  const bySk = new Map(run.requests.map((r) => [r.sk, r]));
  for (const [sk, submitted] of run.submitted) expect(bySk.get(sk)?.status, sk).toBe(submitted.status);
  for (const request of run.requests) {
    if (!run.submitted.has(request.sk)) expect(request.status, request.sk).toBe('expired');
  }
  return Object.fromEntries(received);
}

export interface FaultRun {
  cycle: SimulatedCycle;
  /** What was received, per reason (each 1). */
  received: Record<string, number>;
  summary: Record<string, unknown>;
}

/**
 * One whole simulated cycle in a fresh runtime, with the faults `inject` sets up after the roster
 * is imported; checked with `expectExactlyOnce`. Its counts are appended to
 * test-results/ses-faults.json.
 */
export async function faultyCycle(options: {
  label: string;
  seed: number;
  quarter: string;
  inject: (runtime: LocalRuntime) => void;
  deadlineSeconds?: number;
  reminderSeconds?: number;
  runtime?: LocalRuntimeOptions;
}): Promise<FaultRun> {
  const runtime = await startLocalRuntime({
    quiet: true,
    retryIntervalScale: 0.01,
    faults: { rate: 0 },
    ses: { confirmGraceSeconds: 3 },
    ...options.runtime,
  });
  try {
    await clearMailStore(runtime.endpoints.ses);
    await importSimulatedRoster();
    options.inject(runtime);
    const cycle = await simulateCycle(runtime, {
      quarter: options.quarter,
      ...(options.deadlineSeconds ? { deadlineSeconds: options.deadlineSeconds } : {}),
      ...(options.reminderSeconds ? { reminderSeconds: options.reminderSeconds } : {}),
    });
    await runtime.ses.events.idle();
    const received = await expectExactlyOnce(cycle);
    const account = runtime.ses.account.stats;
    const summary = {
      fault: options.label,
      seed: options.seed,
      status: cycle.execution.status,
      seconds: Math.round(cycle.durationMs / 100) / 10,
      emailsReceived: cycle.emails.length,
      reasons: Object.keys(received).length,
      sesAccepted: account.accepted,
      sesThrottled: account.throttledRate,
      faultsInjected: cycle.faults,
      stepFunctionsRetries: cycle.execution.events.filter((e) => e.type === 'StateRetried').length,
      eventsDelivered: runtime.ses.events.stats.delivered,
    };
    await mkdir('test-results', { recursive: true });
    await appendFile('test-results/ses-faults.jsonl', `${JSON.stringify(summary)}\n`);
    return { cycle, received, summary };
  } finally {
    await runtime.close();
  }
}
