/**
 * `npm run bench [-- --sizes 10,100,1000]`: whole review cycles on the local runtime at several
 * sizes (12 raters per leader, every rater answering through the HTTP form), then cost per leader on
 * AWS list prices, the fit that carries the measurements to 10,000 leaders, and each Lambda
 * function's bundle size and module initialisation time. Prints numbers; asserts nothing.
 * How to read the output: docs/cost.md.
 */
import { writeFile } from 'node:fs/promises';
import Table from 'cli-table3';
import { Command } from 'commander';
import { createProgress } from '../cli/progress.ts';
import { FUNCTIONS } from '../functions/catalog.ts';
import { DEFAULT_CONFIG } from '../functions/core/config.ts';
import { DEFAULT_SHARE } from '../functions/core/send-pacing.ts';
import { planSending, span } from '../functions/core/send-plan.ts';
import { AWS_HISTORY_EVENT_LIMIT, AWS_PAYLOAD_LIMIT_BYTES } from '../local/step-functions/aws-history.ts';
import { AwsMeter } from './aws-meter.ts';
import { BUNDLE_LIMIT_BYTES, type BundleReport, measureBundles } from './bundles.ts';
import { type CycleResult, runCycle } from './cycle.ts';
import { PARTITION_HEADERS, partitionRows } from './partition-meter.ts';
import { cycleCost, PRICE_REGION, PRICES_CHECKED_ON, type Usage } from './prices.ts';
import { checkRoster, syntheticRoster } from './roster.ts';
import { fitLine, formula, predict } from './scale.ts';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
// Handlers log through Powertools; the bench keeps the terminal for its tables.
process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';

/** The size the design must carry in one execution, and the budget for its history. */
const TARGET_LEADERS = 10_000;
const HISTORY_BUDGET = 15_000;

interface Options {
  sizes: number[];
  concurrency: number;
  lateShare: number;
  probeCalls: number;
  bundles: boolean;
  scheduleCheck: boolean;
  json?: string;
}

const program = new Command()
  .name('bench')
  .description('Measure whole review cycles on the local runtime; cost, scale and Lambda size')
  .option(
    '--sizes <list>',
    'leaders per run, comma-separated',
    (v) => v.split(',').map((s) => Number.parseInt(s.trim(), 10)),
    [10, 100, 1000],
  )
  .option('--concurrency <n>', 'simulated raters answering at once', (v) => Number.parseInt(v, 10), 8)
  .option('--late-share <x>', 'share of raters who answer only after the reminder', Number.parseFloat, 0.08)
  .option(
    '--probe-calls <n>',
    'DynamoDB calls replayed by the floor probe',
    (v) => Number.parseInt(v, 10),
    20_000,
  )
  .option('--no-bundles', 'skip bundle sizes and init times')
  .option(
    '--no-schedule-check',
    'skip the 10-leader run with the full reminder schedule and a deadline close',
  )
  .option('--json <file>', 'also write every measurement to this JSON file');

async function main(options: Options): Promise<void> {
  const sizes = [...new Set(options.sizes)].filter((n) => n > 0).sort((a, b) => a - b);
  const progress = createProgress();
  const meter = new AwsMeter();
  const results: CycleResult[] = [];
  let expectedMsPerForm = 15;
  try {
    for (const leaders of sizes) {
      progress.log(`Running a cycle with ${leaders} leaders…`);
      const result = await runCycle({
        leaders,
        concurrency: options.concurrency,
        lateShare: options.lateShare,
        expectedMsPerForm,
        probeCalls: options.probeCalls,
        meter,
        progress,
      });
      results.push(result);
      // The next reminder is placed from the fastest answering seen (small runs are the slowest).
      expectedMsPerForm = Math.min(expectedMsPerForm, result.forms.msPerForm);
    }
    const schedule = options.scheduleCheck
      ? await runCycle({
          leaders: 10,
          concurrency: options.concurrency,
          lateShare: 0.1,
          expectedMsPerForm,
          probeCalls: 0,
          meter,
          progress,
          // 75 invitations take 6 s at 12.6/s; a reminder keeps half its distance from the opening after them.
          schedule: { reminderAfterMs: [12_000, 18_000], deadlineAfterMs: 24_000, neverShare: 0.1 },
        })
      : undefined;
    const bundles = options.bundles
      ? await (async () => {
          const bar = progress.bar('Lambda bundles built and imported', FUNCTIONS.length);
          return measureBundles({ onProgress: (done) => bar.update(done) });
        })()
      : [];
    progress.stop();

    for (const result of results) printCycle(result);
    printSending(results);
    const costs = printCosts(results);
    const scale = printScale(results, schedule);
    if (bundles.length) printBundles(bundles);
    printTargets(results, costs, bundles);
    if (options.json) {
      await writeFile(
        options.json,
        `${JSON.stringify({ results, schedule, costs, scale, bundles }, null, 2)}\n`,
      );
      console.log(`\nMeasurements written to ${options.json}`);
    }
  } finally {
    meter.close();
  }
}

// ------------------------------------------------------------------------------------------------

const int = (n: number) => Math.round(n).toLocaleString('en-US');
const ms = (n: number) => (n >= 10_000 ? `${(n / 1000).toFixed(1)} s` : `${Math.round(n)} ms`);
const dollars = (n: number) => `$${n < 0.01 ? n.toExponential(2) : n.toFixed(4)}`;
const micro = (n: number) => `${(n * 1e6).toFixed(1)} µ$`;
const pct = (n: number) => `${(n * 100).toFixed(1)}%`;
const table = (head: string[]) => new Table({ head, style: { head: [], border: [] } });

function printCycle(r: CycleResult): void {
  const u = r.usage;
  const fnTotal = Object.values(u.byFunction).reduce(
    (s, f) => ({
      invocations: s.invocations + f.invocations,
      ms: s.ms + f.handlerMs,
      shared: s.shared + f.sharedMs,
    }),
    { invocations: 0, ms: 0, shared: 0 },
  );
  console.log(
    `\n${int(r.leaders)} leaders × 12 raters = ${int(r.requests)} requests, ${r.batches} batches of ≤ ${DEFAULT_CONFIG.batchSize} leaders — execution ${r.status}`,
  );
  const t = table(['measure', 'value']);
  t.push(
    ['state transitions (AWS billing)', int(r.history.stateTransitions)],
    ['history events (AWS)', `${int(r.history.historyEvents)} of ${int(AWS_HISTORY_EVENT_LIMIT)}`],
    ['largest state payload', `${int(r.largestPayload.bytes)} B (${r.largestPayload.where})`],
    ['Lambda invocations', int(fnTotal.invocations)],
    [
      'summed handler time',
      `${ms(fnTotal.ms)} (${ms(fnTotal.shared)} with overlapping calls sharing the thread)`,
    ],
    [
      'emails sent',
      `${int(r.emailCount)} (${Object.entries(r.emails)
        .map(([k, v]) => `${v} ${k}`)
        .join(', ')})`,
    ],
    ['DynamoDB calls', int(u.dynamo.calls)],
    ['DynamoDB read units (RRU)', int(u.dynamo.rru)],
    [
      'DynamoDB write units (WRU)',
      `${int(u.dynamo.wru)} (of which gsi1 ${int(u.dynamo.gsiWru)}, refused conditions ${int(u.dynamo.conditionFailures)})`,
    ],
    ['data the cycle keeps', `${int(r.storedBytes / 1024)} KiB`],
    ['wall time', ms(r.wallMs)],
    [
      '  phases',
      Object.entries(r.phases)
        .map(([k, v]) => `${k} ${ms(v)}`)
        .join(', '),
    ],
    [
      'forms answered',
      `${int(r.forms.answered)} (${int(r.forms.prompt)} at once, ${int(r.forms.late)} after the reminder), ${int(r.summary.answered)} answered in the summary, ${r.summary.leaders} recommendations`,
    ],
    ['ms per answered form (GET + POST)', r.forms.msPerForm.toFixed(2)],
    [
      '  DynamoDB floor per form',
      `${r.forms.floorMsPerForm.toFixed(2)} ms = ${r.forms.dynamoCallsPerForm.toFixed(2)} calls × ${r.forms.floor.msPerCall.toFixed(3)} ms (${int(r.forms.floor.calls)} calls replayed, ${r.forms.floor.concurrency} at a time)`,
    ],
    [
      '  form time / floor',
      `${r.forms.ratio.toFixed(2)}× (per round of answers and probe: ${r.forms.roundRatios.map((x) => x.toFixed(2)).join(', ')})`,
    ],
    [
      'roster import (not in the cycle)',
      `${int(r.importUsage.people)} people, ${ms(r.importUsage.ms)}, ${int(r.importUsage.wru)} WRU`,
    ],
  );
  console.log(t.toString());
  const partitions = table(PARTITION_HEADERS);
  partitions.push(...partitionRows(r.partitions));
  console.log(
    `DynamoDB partitions (limits: 1,000 write / 3,000 read units per partition per second)\n${partitions.toString()}`,
  );

  const f = table([
    'function',
    'invocations',
    'handler time',
    'shared',
    'mean (shared)',
    'memory',
    'DynamoDB calls',
    'RRU',
    'WRU',
    'SES',
    'SFN',
  ]);
  for (const [id, usage] of Object.entries(u.byFunction).sort((a, b) => a[0].localeCompare(b[0]))) {
    f.push([
      id === 'bench' ? 'bench (no Lambda)' : id,
      int(usage.invocations),
      usage.invocations ? ms(usage.handlerMs) : '—',
      usage.invocations ? ms(usage.sharedMs) : '—',
      usage.invocations ? `${(usage.sharedMs / usage.invocations).toFixed(1)} ms` : '—',
      usage.memoryMb ? `${usage.memoryMb} MB` : '—',
      int(usage.dynamoCalls),
      int(usage.rru),
      int(usage.wru),
      int(usage.sesCalls),
      int(usage.sfnCalls),
    ]);
  }
  console.log(f.toString());
}

/**
 * Email at the SES account's limits: per size, emails per leader, the highest rate SES accepted in
 * any second against the limit, throttling, the pace of the invitations; then how many days the
 * invitations of 10,000 leaders take at the default and at a raised quota (the plan of
 * functions/core/send-plan.ts, on the same roster shape).
 */
function printSending(results: CycleResult[]): void {
  const first = results[0];
  if (!first) return;
  console.log(
    `\nEmail at the SES account's limits (a new production account: ${first.ses.maxSendRate}/s, ${int(first.ses.max24HourSend)} per 24 h; Ladder's share ${pct(DEFAULT_SHARE)}: ${first.ses.allowedRate.toFixed(1)}/s)`,
  );
  const t = table([
    'leaders',
    'emails per leader (invitations + reminders + reports)',
    'highest rate in any second (limit)',
    'throttled: retried / failed',
    'invitations: sent in / at the allowed rate',
    'invitation pace (of the allowed rate)',
  ]);
  for (const r of results) {
    const per = (n: number) => (n / r.leaders).toFixed(2);
    const reports = r.emails['leader-report'] + r.emails['manager-summary'] + r.emails['hr-summary'];
    t.push([
      int(r.leaders),
      `${per(r.emailCount)} (${per(r.emails.invitation)} + ${per(r.emails.reminder)} + ${per(reports)})`,
      `${r.ses.peakPerSecond} (${r.ses.maxSendRate})`,
      `${int(r.ses.throttled)} / ${int(r.ses.failed)}`,
      `${ms(r.ses.invitationSeconds * 1000)} / ${ms((r.invitees / r.ses.allowedRate) * 1000)}`,
      `${r.ses.invitationRate.toFixed(2)}/s (${pct(r.ses.invitationRate / r.ses.allowedRate)})`,
    ]);
  }
  console.log(t.toString());

  // 10,000 leaders: the bench's roster shape (teams of 2 leaders and 15 raters), 14 days, 2 reminders.
  const teams = TARGET_LEADERS / 2;
  const start = Date.parse('2027-01-04T07:00:00Z');
  const day = 24 * 3600 * 1000;
  const input = {
    teams: Array.from({ length: teams }, (_, i) => ({ batch: i, team: `T${i}`, emails: 15 })),
    reports: TARGET_LEADERS + teams + 1,
    share: DEFAULT_SHARE,
    start,
    deadline: start + 14 * day,
    reminders: [start + 7 * day, start + 12 * day],
  };
  const d = table([
    '10,000 leaders: 75,000 invitations',
    'last invitation after',
    'days',
    'whole plan feasible (14 days)',
  ]);
  for (const [label, quota] of [
    ['14/s, 50,000 per 24 h', { maxSendRate: 14, max24HourSend: 50_000, sentLast24Hours: 0 }],
    ['100/s, 1,000,000 per 24 h', { maxSendRate: 100, max24HourSend: 1_000_000, sentLast24Hours: 0 }],
  ] as const) {
    const plan = planSending({ ...input, quota });
    d.push([
      label,
      span(plan.invitations.lastAt - start),
      String(plan.invitations.days),
      plan.feasible ? 'yes' : 'no',
    ]);
  }
  console.log(d.toString());
}

function usageOf(r: CycleResult): Usage {
  const functions: Usage['functions'] = {};
  for (const [id, f] of Object.entries(r.usage.byFunction)) if (f.invocations > 0) functions[id] = f;
  return {
    leaders: r.leaders,
    stateTransitions: r.history.stateTransitions,
    functions,
    httpApiRequests: r.usage.byFunction.FeedbackForm?.invocations ?? 0,
    rru: r.usage.dynamo.rru,
    wru: r.usage.dynamo.wru,
    storedBytes: r.storedBytes,
    emails: r.emailCount,
    emailEvents: r.ses.events,
  };
}

function printCosts(results: CycleResult[]) {
  console.log(
    `\nCost per leader per quarter on AWS list prices (${PRICE_REGION}, checked ${PRICES_CHECKED_ON}; bench/prices.ts, docs/cost.md)`,
  );
  const t = table([
    'leaders',
    'orchestration',
    'compute',
    'storage',
    'email',
    'total',
    'non-email / email',
    'with pessimistic AWS latency',
  ]);
  const costs = results.map((r) => {
    const cost = cycleCost(usageOf(r));
    const per = (n: number) => n / r.leaders;
    t.push([
      int(r.leaders),
      micro(per(cost.orchestration)),
      micro(per(cost.compute)),
      micro(per(cost.storage)),
      micro(per(cost.email)),
      dollars(per(cost.total)),
      pct(cost.overheadRatio),
      `${pct(cost.overheadRatioPessimistic)} (compute ${micro(per(cost.computePessimistic))})`,
    ]);
    return {
      leaders: r.leaders,
      perLeader: Object.fromEntries(Object.entries(cost.lines).map(([k, v]) => [k, per(v)])),
      cost,
    };
  });
  console.log(t.toString());
  const last = costs.at(-1);
  if (last) {
    const l = table(['line (per leader, largest run)', 'µ$']);
    for (const [k, v] of Object.entries(last.perLeader)) l.push([k, (v * 1e6).toFixed(2)]);
    console.log(l.toString());
  }
  return costs;
}

function printScale(results: CycleResult[], schedule: CycleResult | undefined) {
  const batchesAt = (leaders: number) => checkRoster(syntheticRoster(leaders)).batches;
  const targetBatches = batchesAt(TARGET_LEADERS);
  const points = (pick: (r: CycleResult) => number) => results.map((r) => ({ x: r.batches, y: pick(r) }));
  const events = fitLine(points((r) => r.history.historyEvents));
  const transitions = fitLine(points((r) => r.history.stateTransitions));
  const payload = fitLine(points((r) => r.largestPayload.bytes));
  const mapRuns = results[0]?.history.byType.MapStateEntered ?? 0;
  const perIteration = mapRuns ? events.slope / mapRuns : 0;

  console.log(
    `\nScale: fit over ${results.length} measured sizes (B = batches of ≤ ${DEFAULT_CONFIG.batchSize} leaders; ${int(TARGET_LEADERS)} leaders → B = ${targetBatches})`,
  );
  const t = table(['leaders', 'B', 'history events', 'transitions', 'largest payload (B)']);
  for (const r of results)
    t.push([
      int(r.leaders),
      r.batches,
      int(r.history.historyEvents),
      int(r.history.stateTransitions),
      int(r.largestPayload.bytes),
    ]);
  t.push([
    `${int(TARGET_LEADERS)} (fit)`,
    targetBatches,
    int(predict(events, targetBatches)),
    int(predict(transitions, targetBatches)),
    int(predict(payload, targetBatches)),
  ]);
  console.log(t.toString());
  const f = table(['quantity', 'fit', 'R²', 'max residual', `at ${int(TARGET_LEADERS)} leaders`, 'limit']);
  f.push(
    [
      'history events',
      formula(events),
      events.r2.toFixed(4),
      events.maxResidual.toFixed(1),
      int(predict(events, targetBatches)),
      `budget ${int(HISTORY_BUDGET)}, hard ${int(AWS_HISTORY_EVENT_LIMIT)}`,
    ],
    [
      'state transitions',
      formula(transitions),
      transitions.r2.toFixed(4),
      transitions.maxResidual.toFixed(1),
      int(predict(transitions, targetBatches)),
      '—',
    ],
    [
      'largest payload (bytes)',
      formula(payload),
      payload.r2.toFixed(4),
      payload.maxResidual.toFixed(1),
      int(predict(payload, targetBatches)),
      int(AWS_PAYLOAD_LIMIT_BYTES),
    ],
  );
  console.log(f.toString());
  console.log(
    `Per batch: ${events.slope.toFixed(1)} events = ${mapRuns} Map runs (invitations, 1 reminder round, score, publish) × ${perIteration.toFixed(1)} events per iteration; MaxConcurrency (4) changes wall time on AWS, not the count.`,
  );
  let worst: { events: number; transitions: number; mapRuns: number; formula: string } | undefined;
  if (schedule) {
    const worstRuns = schedule.history.byType.MapStateEntered ?? 0;
    const slope = perIteration * worstRuns;
    const at = (b: number) => schedule.history.historyEvents + (b - schedule.batches) * slope;
    const transitionSlope = mapRuns ? (transitions.slope / mapRuns) * worstRuns : 0;
    worst = {
      events: at(targetBatches),
      transitions: schedule.history.stateTransitions + (targetBatches - schedule.batches) * transitionSlope,
      mapRuns: worstRuns,
      formula: `${schedule.history.historyEvents} + ${slope.toFixed(1)}·(B − ${schedule.batches})`,
    };
    console.log(
      `Full schedule (measured at ${schedule.leaders} leaders: 2 reminder rounds, 3 checkpoints, closed by the deadline, ${schedule.summary.expired} requests expired): ${schedule.history.historyEvents} events, ${worstRuns} Map runs → at ${int(TARGET_LEADERS)} leaders ${worst.formula} = ${int(worst.events)} events, ${int(worst.transitions)} transitions.`,
    );
  }
  const predicted = Math.max(predict(events, targetBatches), worst?.events ?? 0);
  console.log(
    `Verdict: ${int(TARGET_LEADERS)} leaders × 12 raters in one Standard execution: ${int(predicted)} history events (${predicted < HISTORY_BUDGET ? 'under' : 'OVER'} the ${int(HISTORY_BUDGET)} budget), largest payload ${int(predict(payload, targetBatches))} B (${predict(payload, targetBatches) < AWS_PAYLOAD_LIMIT_BYTES ? 'under' : 'OVER'} 256 KiB). Method: fit over measured sizes${results.some((r) => r.leaders >= TARGET_LEADERS) ? ' and a run at that size' : ''}.`,
  );
  return { events, transitions, payload, targetBatches, perIteration, worst };
}

function printBundles(bundles: BundleReport[]): void {
  console.log(
    '\nLambda bundles (esbuild with the options CDK gets, infra/bundling.ts: minified, node24, ESM, SDK bundled)',
  );
  const t = table(['function', 'bundle', '≤ 500 KB', 'module init (median of 5)', 'largest parts']);
  for (const b of bundles) {
    t.push([
      b.id,
      `${(b.bytes / 1000).toFixed(1)} KB`,
      b.bytes <= BUNDLE_LIMIT_BYTES ? 'yes' : 'NO',
      `${b.initMs.toFixed(1)} ms`,
      b.largest.map((p) => `${p.name} ${(p.bytes / 1000).toFixed(0)} KB`).join(', '),
    ]);
  }
  console.log(t.toString());
}

function printTargets(
  results: CycleResult[],
  costs: ReturnType<typeof printCosts>,
  bundles: BundleReport[],
): void {
  console.log('\nTargets');
  const t = table(['target', 'measured', 'ratio', 'met']);
  const largest = costs.at(-1);
  if (largest) {
    const c = largest.cost;
    t.push(
      [
        `orchestration + compute + storage ≤ 10% of email (${int(largest.leaders)} leaders)`,
        `${micro((c.orchestration + c.compute + c.storage) / largest.leaders)} vs ${micro(c.email / largest.leaders)} per leader`,
        pct(c.overheadRatio),
        c.overheadRatio <= 0.1 ? 'yes' : 'no',
      ],
      [
        '  same, pessimistic AWS latency in compute',
        `${micro((c.orchestration + c.computePessimistic + c.storage) / largest.leaders)} per leader`,
        pct(c.overheadRatioPessimistic),
        c.overheadRatioPessimistic <= 0.1 ? 'yes' : 'no',
      ],
    );
  }
  const thousand = results.find((r) => r.leaders === 1000) ?? results.at(-1);
  const thousandCost = costs.find((c) => c.leaders === thousand?.leaders);
  if (thousand && thousandCost) {
    const perLeader = thousandCost.cost.total / thousand.leaders;
    const emailsPerLeader = thousand.emailCount / thousand.leaders;
    t.push(
      [
        `total cost per leader ≤ 1,000 µ$ (${int(thousand.leaders)} leaders)`,
        `${micro(perLeader)} (email ${micro(thousandCost.cost.email / thousand.leaders)})`,
        `${(perLeader / 0.001).toFixed(2)}×`,
        perLeader <= 0.001 ? 'yes' : 'no',
      ],
      [
        `≤ 9 emails per leader (${int(thousand.leaders)} leaders)`,
        emailsPerLeader.toFixed(2),
        `${(emailsPerLeader / 9).toFixed(2)}×`,
        emailsPerLeader <= 9 ? 'yes' : 'no',
      ],
    );
  }
  for (const r of results) {
    t.push(
      [
        `highest send rate in any second ≤ the limit (${int(r.leaders)} leaders)`,
        `${r.ses.peakPerSecond}/s vs ${r.ses.maxSendRate}/s`,
        `${(r.ses.peakPerSecond / r.ses.maxSendRate).toFixed(2)}×`,
        r.ses.peakPerSecond <= r.ses.maxSendRate ? 'yes' : 'no',
      ],
      [
        `  invitation pace ≥ 80 % of the allowed rate, failed sends 0`,
        `${r.ses.invitationRate.toFixed(2)}/s of ${r.ses.allowedRate.toFixed(1)}/s, ${r.ses.failed} failed`,
        pct(r.ses.invitationRate / r.ses.allowedRate),
        r.ses.invitationRate >= 0.8 * r.ses.allowedRate && r.ses.failed === 0 ? 'yes' : 'no',
      ],
    );
  }
  if (thousand) {
    t.push([
      `ms per answered form ≤ 2× the DynamoDB floor (${int(thousand.leaders)} leaders)`,
      `${thousand.forms.msPerForm.toFixed(2)} ms vs ${thousand.forms.floorMsPerForm.toFixed(2)} ms`,
      `${thousand.forms.ratio.toFixed(2)}×`,
      thousand.forms.ratio <= 2 ? 'yes' : 'no',
    ]);
  }
  if (bundles.length) {
    const biggest = bundles.reduce((a, b) => (b.bytes > a.bytes ? b : a));
    t.push([
      'every Lambda bundle ≤ 500 KB',
      `largest ${biggest.id} ${(biggest.bytes / 1000).toFixed(1)} KB`,
      `${(biggest.bytes / BUNDLE_LIMIT_BYTES).toFixed(2)}×`,
      biggest.bytes <= BUNDLE_LIMIT_BYTES ? 'yes' : 'no',
    ]);
  }
  console.log(t.toString());
}

program.action(async (options: Options) => {
  await main(options);
});
program.parseAsync(process.argv).catch((error: Error) => {
  console.error(`bench: ${error.stack ?? error.message}`);
  process.exitCode = 1;
});
