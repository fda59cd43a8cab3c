/**
 * `npm run bench:console [-- --leaders 1000 --runs 5]`: every console page rendered at 1,000 leaders
 * on the local runtime (target ≤ 300 ms each), and each console function's bundle size (≤ 500 KB).
 * Three scored quarters are seeded straight into the local table (12 raters per leader, answers,
 * sales figures, recommendations from the real readiness model, one invitee item per rater and the
 * report emails; 40 recorded promotions), then an HR admin signed in through
 * the local OpenID provider requests each page `runs` times over HTTP. Prints the first request (a
 * cold function: module load, discovery, nothing cached), the median of the rest (a warm function,
 * as on AWS after the first request), the handler's own time and the page size. Asserts nothing.
 */
import Table from 'cli-table3';
import { Command } from 'commander';
import { FUNCTIONS } from '../functions/catalog.ts';
import { addQuarters, previousQuarter } from '../functions/core/quarter.ts';
import { recordPromotion } from '../functions/shared/store/promotion-store.ts';
import { observeInvocations } from '../local/lambda.ts';
import { startLocalRuntime } from '../local/runtime.ts';
import { ConsoleClient } from '../test/support/console-client.ts';
import { seedScoredQuarters } from '../test/support/seed-quarters.ts';
import { BUNDLE_LIMIT_BYTES, measureBundles } from './bundles.ts';
import { syntheticRoster } from './roster.ts';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';

export const TARGET_MS = 300;

const options = new Command()
  .name('bench:console')
  .description('Render time of every console page at 1,000 leaders, and the console bundles')
  .option('--leaders <n>', 'consultant leaders', (v) => Number.parseInt(v, 10), 1000)
  .option('--runs <n>', 'requests per page', (v) => Number.parseInt(v, 10), 5)
  .option('--no-bundles', 'skip the bundle sizes')
  .parse()
  .opts<{ leaders: number; runs: number; bundles: boolean }>();

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? Number.NaN : sorted[Math.floor((sorted.length - 1) / 2)]!;
};

const runtime = await startLocalRuntime({ quiet: true });
try {
  const people = syntheticRoster(options.leaders);
  const quarter = previousQuarter(new Date());
  const quarters = [addQuarters(quarter, -2), addQuarters(quarter, -1), quarter];
  const seedStart = performance.now();
  const seeded = await seedScoredQuarters({ people, quarters });
  console.log(
    `Seeded ${seeded.length} quarters of ${seeded.at(-1)!.leaders} leaders and ${seeded.at(-1)!.requests} requests each (${people.length} people) in ${((performance.now() - seedStart) / 1000).toFixed(1)} s.`,
  );

  // Moves HR recorded: 40 leaders promoted to manager in the middle quarter (the validity figure reads
  // their histories and everyone's sales figures of the quarters around).
  const moved = people.filter((p) => p.role === 'consultant_leader').slice(0, 40);
  for (const person of moved) {
    await recordPromotion({
      personId: person.personId,
      quarter: quarters[1]!,
      to: 'manager',
      team: person.team,
    });
  }

  const admin = new ConsoleClient(runtime.endpoints.console);
  await admin.signIn(runtime.consoleUsers.find((u) => u.groups.includes('hr-admin'))!, '/console/cycles');
  const leader = people.find((p) => p.role === 'consultant_leader')!;
  const team = leader.team;
  const pages: [string, string][] = [
    ['Cycles', '/console/cycles'],
    ['Progress of a cycle', `/console/cycles/${quarter}`],
    ['Emails of a cycle (7,500 raters)', `/console/emails/${quarter}`],
    ['Roster (first page of people)', '/console/roster'],
    ['Readiness', `/console/readiness?quarter=${quarter}`],
    ['Readiness, one team', `/console/readiness?quarter=${quarter}&team=${encodeURIComponent(team)}`],
    ['Readiness, page 10', `/console/readiness?quarter=${quarter}&page=10`],
    ['Bench strength', `/console/bench?quarter=${quarter}`],
    ['Leader', `/console/leaders/${leader.personId}?quarter=${quarter}`],
    ['Calibration', `/console/calibration?quarter=${quarter}`],
    ['Exports (list)', `/console/exports?quarter=${quarter}`],
    ['Promotions (40 moves)', '/console/promotions'],
    ['Download CSV', `/console/exports/${quarter}/csv`],
    ['Download XLSX', `/console/exports/${quarter}/xlsx`],
    ['Download SuccessFactors', `/console/exports/${quarter}/successfactors`],
  ];
  const handlerMs: number[] = [];
  const stop = observeInvocations((record) => {
    if (record.fn.id.startsWith('Console')) handlerMs.push(record.durationMs);
  });
  const table = new Table({
    head: [
      'Page',
      'First (ms)',
      `Median of ${options.runs - 1} (ms)`,
      'Handler, median (ms)',
      'Size (KB)',
      `≤ ${TARGET_MS} ms`,
    ],
    style: { head: [], border: [] },
  });
  for (const [name, path] of pages) {
    const times: number[] = [];
    const handlers: number[] = [];
    let size = 0;
    for (let run = 0; run < options.runs; run++) {
      handlerMs.length = 0;
      const start = performance.now();
      const page = await admin.get(path);
      times.push(performance.now() - start);
      handlers.push(handlerMs.reduce((sum, ms) => sum + ms, 0));
      if (page.status !== 200) throw new Error(`${path} answered ${page.status}`);
      size = Buffer.byteLength(page.html);
    }
    const warm = median(times.slice(1));
    table.push([
      name,
      times[0]!.toFixed(0),
      warm.toFixed(0),
      median(handlers.slice(1)).toFixed(0),
      (size / 1024).toFixed(0),
      warm <= TARGET_MS ? 'yes' : 'NO',
    ]);
  }
  stop();
  console.log(
    `\nConsole pages at ${options.leaders} leaders (local runtime, one HTTP request after another):`,
  );
  console.log(table.toString());

  if (options.bundles) {
    const reports = await measureBundles({ runs: 1 });
    const bundles = new Table({
      head: ['Function', 'Bundle (KB)', `≤ ${BUNDLE_LIMIT_BYTES / 1000} KB`, 'Largest packages'],
      style: { head: [], border: [] },
    });
    for (const report of reports.filter((r) =>
      FUNCTIONS.some((f) => f.id === r.id && f.id.startsWith('Console')),
    )) {
      bundles.push([
        report.id,
        (report.bytes / 1000).toFixed(0),
        report.bytes <= BUNDLE_LIMIT_BYTES ? 'yes' : 'NO',
        report.largest.map((p) => `${p.name} ${(p.bytes / 1000).toFixed(0)}`).join(', '),
      ]);
    }
    console.log('\nConsole bundles (as CDK builds them, infra/bundling.ts):');
    console.log(bundles.toString());
  }
} finally {
  await runtime.close();
}
