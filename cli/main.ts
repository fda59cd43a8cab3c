/**
 * `ladder` — the command-line interface for HR admins and engineers.
 * Every command except `local` and `demo` takes `--target local|aws` (see cli/target.ts).
 */
import { Command, Option } from 'commander';
import { cycleStart, cycleStatus, formatStatus } from './commands/cycle.ts';
import { exportQuarter } from './commands/export.ts';
import { runLocal } from './commands/local.ts';
import { metricsImport } from './commands/metrics.ts';
import { personErase } from './commands/person.ts';
import { rosterImport } from './commands/roster.ts';
import { runDemo } from './demo/run-demo.ts';
import { type TargetOptions, useTarget } from './target.ts';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
// Handlers log through Powertools; the CLI keeps the terminal for people unless asked otherwise.
process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';

const program = new Command()
  .name('ladder')
  .description('Quarterly 360° readiness reviews for Consultant Sales Leaders')
  .showHelpAfterError();

const withTarget = (command: Command) =>
  command
    .addOption(
      new Option('--target <target>', 'where Ladder runs')
        .choices(['local', 'aws'])
        .env('LADDER_TARGET')
        .default('local'),
    )
    .option('--outputs <file>', 'with --target aws: the `cdk deploy --outputs-file` file', 'cdk-outputs.json')
    .option('--stack <name>', 'with --target aws: the stack in the outputs file (when it holds several)');

program
  .command('local')
  .description(
    'start the local runtime (DynamoDB, SES with mail viewer, Step Functions, feedback form) and keep it running',
  )
  .option('--data <dir>', 'persist the local DynamoDB in this folder', '.ladder/data')
  .option('--memory', 'keep the local DynamoDB in memory only')
  .action(async (options: { data: string; memory?: boolean }) => {
    await runLocal({ dataDir: options.memory ? undefined : options.data });
  });

program
  .command('demo')
  .description('run a whole quarterly cycle on this machine with simulated raters, then exit')
  .option('--teams <n>', 'number of teams (3–5)', (v) => Number.parseInt(v, 10), 3)
  .option('--seed <n>', 'random seed', (v) => Number.parseInt(v, 10), 7)
  .option('--deadline <seconds>', 'seconds from start to deadline', (v) => Number.parseInt(v, 10), 20)
  .option('--reminder <seconds>', 'seconds from start to the reminder', (v) => Number.parseInt(v, 10), 10)
  .option('--out <file>', 'export file (default ladder-export-<quarter>.csv)')
  .action(
    async (options: { teams: number; seed: number; deadline: number; reminder: number; out?: string }) => {
      await runDemo({
        teams: options.teams,
        seed: options.seed,
        deadlineAfter: options.deadline,
        reminderAfter: options.reminder,
        ...(options.out ? { out: options.out } : {}),
        progress: process.stdout.isTTY !== false,
      });
    },
  );

const roster = program.command('roster').description('the roster of people');
withTarget(roster.command('import'))
  .description('validate a roster CSV and import it (all or nothing)')
  .argument('<file>', 'CSV with person_id,name,email,role,team,manager_id,coach_id')
  .action(async (file: string, options: TargetOptions) => {
    useTarget(options);
    await rosterImport(file);
  });

const metrics = program.command('metrics').description('sales figures (quota and attainment)');
withTarget(metrics.command('import'))
  .description('validate a sales figures CSV against the roster and import it (all or nothing)')
  .argument('<file>', 'CSV with quarter,person_id,quota,attained')
  .action(async (file: string, options: TargetOptions) => {
    useTarget(options);
    await metricsImport(file);
  });

const cycle = program.command('cycle').description('quarterly review cycles');
withTarget(cycle.command('start'))
  .description('start the review cycle of a quarter (once per quarter)')
  .requiredOption('--quarter <quarter>', 'quarter id such as 2026-Q4')
  .option('--deadline <iso>', 'deadline as ISO date-time (default: 14 days from now)')
  .option('--reminder <iso...>', 'reminder times as ISO date-times (default: half-way and at 85%)')
  .action(async (options: TargetOptions & { quarter: string; deadline?: string; reminder?: string[] }) => {
    const target = useTarget(options);
    await cycleStart(target.stateMachineArn, {
      quarter: options.quarter,
      ...(options.deadline ? { deadline: options.deadline } : {}),
      ...(options.reminder ? { reminders: options.reminder } : {}),
    });
  });
withTarget(cycle.command('status'))
  .description('progress of a quarter: requests by status, reminders, execution, recommendations')
  .requiredOption('--quarter <quarter>', 'quarter id such as 2026-Q4')
  .option('--json', 'print JSON')
  .action(async (options: TargetOptions & { quarter: string; json?: boolean }) => {
    const target = useTarget(options);
    const report = await cycleStatus(target.stateMachineArn, options.quarter);
    console.log(options.json ? JSON.stringify(report, null, 2) : formatStatus(report));
  });

const person = program.command('person').description("one person's personal data");
withTarget(person.command('erase'))
  .description(
    'remove or anonymise one person in every quarter (roster versions, requests, tokens, recommendations…), keeping counts; writes an audit entry',
  )
  .requiredOption('--id <person_id>', 'the person_id to erase (not in the roster in force)')
  .option('--by <name>', 'who asks, for the audit entry (default: your user name)')
  .option('--reference <text>', 'a request or ticket number for the audit entry (never the person’s name)')
  .option('--dry-run', 'only count what would change')
  .action(
    async (options: TargetOptions & { id: string; by?: string; reference?: string; dryRun?: boolean }) => {
      useTarget(options);
      await personErase(options);
    },
  );

withTarget(program.command('export'))
  .description('export readiness scores and recommendations of a quarter')
  .requiredOption('--quarter <quarter>', 'quarter id such as 2026-Q4')
  .addOption(new Option('--format <format>', 'file format').choices(['csv', 'json']).default('csv'))
  .option('--out <file>', 'write to a file instead of standard output')
  .action(async (options: TargetOptions & { quarter: string; format: string; out?: string }) => {
    useTarget(options);
    const { rows, text } = await exportQuarter(options);
    if (options.out) console.error(`Wrote ${rows.length} rows to ${options.out}`);
    else process.stdout.write(text);
  });

program.parseAsync(process.argv).catch((error: Error) => {
  console.error(`ladder: ${error.message}`);
  process.exitCode = 1;
});
