/**
 * `ladder` — the command-line interface for HR admins and engineers.
 * Every command except `local` and `demo` takes `--target local|aws` (see cli/target.ts).
 */
import './environment.ts';
import { Command, Option } from 'commander';
import { cycleCancel, cycleRetry, cycleStart, cycleStatus, formatStatus } from './commands/cycle.ts';
import { exportQuarter } from './commands/export.ts';
import { runLocal, type SesFlags } from './commands/local.ts';
import { metricsImport } from './commands/metrics.ts';
import { personErase } from './commands/person.ts';
import {
  formatValidity,
  promotionList,
  promotionRecord,
  promotionRemove,
  validity,
} from './commands/promotion.ts';
import { rosterImport } from './commands/roster.ts';
import { runDemo } from './demo/run-demo.ts';
import { userMessage } from './errors.ts';
import { type TargetOptions, useTarget } from './target.ts';

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
    'start the local runtime (DynamoDB, SES with mail viewer, Step Functions, feedback form, the console and its OpenID provider) and keep it running',
  )
  .option('--data <dir>', 'keep tables, running cycles and sent mail in this folder', '.ladder/data')
  .option('--memory', 'keep everything in memory only (lost when it stops)')
  .option(
    '--ports <list>',
    'ports for DynamoDB, SES (mail viewer), Step Functions, the form and console API, and optionally the OpenID provider; 0 = any free one',
    '8000,8005,8083,3000,8090',
  )
  .option('--ses-max-rate <n>', 'SES maximum send rate, emails per second (default 14; sandbox 1)')
  .option('--ses-daily-quota <n>', 'SES quota, emails per rolling 24 hours (default 50000; sandbox 200)')
  .option('--ses-sandbox', 'the SES sandbox: 1/s, 200 per 24 h, verified recipients only')
  .option('--ses-verify <address...>', 'verified SES identities (addresses or domains) besides the sender')
  .option('--ses-verify-roster <file>', 'verify every address of this roster CSV (a sandbox trial)')
  .action(async (options: { data: string; memory?: boolean; ports: string } & SesFlags) => {
    const { data, memory, ports, ...ses } = options;
    await runLocal({ dataDir: memory ? undefined : data, ports, ...ses });
  });

program
  .command('demo')
  .description('run a whole quarterly cycle on this machine with simulated raters, then exit')
  .option('--teams <n>', 'number of teams (3–5)', (v) => Number.parseInt(v, 10), 3)
  .option('--seed <n>', 'random seed', (v) => Number.parseInt(v, 10), 7)
  .option('--deadline <seconds>', 'seconds from start to deadline', (v) => Number.parseInt(v, 10), 20)
  .option('--reminder <seconds>', 'seconds from start to the reminder', (v) => Number.parseInt(v, 10), 10)
  .option('--out <file>', 'export file (default ladder-export-<quarter>.csv)')
  .option('--keep-running', 'keep the local runtime and its console running after the demo, until Ctrl-C')
  .action(
    async (options: {
      teams: number;
      seed: number;
      deadline: number;
      reminder: number;
      out?: string;
      keepRunning?: boolean;
    }) => {
      await runDemo({
        teams: options.teams,
        seed: options.seed,
        deadlineAfter: options.deadline,
        reminderAfter: options.reminder,
        ...(options.out ? { out: options.out } : {}),
        progress: process.stdout.isTTY !== false,
        keepRunning: options.keepRunning ?? false,
      });
    },
  );

const roster = program.command('roster').description('the roster of people');
withTarget(roster.command('import'))
  .description('validate a roster CSV and import it (all or nothing)')
  .argument('<file>', 'CSV with person_id,name,email,role,team,manager_id,coach_id')
  .action(async (file: string, options: TargetOptions) => {
    await useTarget(options);
    await rosterImport(file);
  });

const metrics = program.command('metrics').description('sales figures (quota and attainment)');
withTarget(metrics.command('import'))
  .description('validate a sales figures CSV against the roster and import it (all or nothing)')
  .argument('<file>', 'CSV with quarter,person_id,quota,attained')
  .action(async (file: string, options: TargetOptions) => {
    await useTarget(options);
    await metricsImport(file);
  });

const cycle = program.command('cycle').description('quarterly review cycles');
withTarget(cycle.command('start'))
  .description('start the review cycle of a quarter (once per quarter; every input is checked first)')
  .requiredOption('--quarter <quarter>', 'quarter id such as 2026-Q4 (one that has ended)')
  .option('--deadline <iso>', 'deadline as ISO date-time (default: 14 days from now)')
  .option('--reminder <iso...>', 'reminder times as ISO date-times (default: half-way and at 85%)')
  .option('--force', 'start a quarter that has not ended yet, or one older than the configured maximum')
  .action(
    async (
      options: TargetOptions & { quarter: string; deadline?: string; reminder?: string[]; force?: boolean },
    ) => {
      const target = await useTarget(options);
      await cycleStart(target.stateMachineArn, {
        quarter: options.quarter,
        ...(options.deadline ? { deadline: options.deadline } : {}),
        ...(options.reminder ? { reminders: options.reminder } : {}),
        ...(options.force ? { force: true } : {}),
      });
    },
  );
withTarget(cycle.command('retry'))
  .description(
    'continue a cycle that stopped: redrive it from the failed step, or start a new attempt (new times given, bad input, or too late to redrive)',
  )
  .requiredOption('--quarter <quarter>', 'quarter id such as 2026-Q4')
  .option('--deadline <iso>', 'a new deadline (makes a new attempt)')
  .option('--reminder <iso...>', 'new reminder times (makes a new attempt)')
  .option('--force', 'as for cycle start')
  .action(
    async (
      options: TargetOptions & { quarter: string; deadline?: string; reminder?: string[]; force?: boolean },
    ) => {
      const target = await useTarget(options);
      await cycleRetry(target.stateMachineArn, {
        quarter: options.quarter,
        ...(options.deadline ? { deadline: options.deadline } : {}),
        ...(options.reminder ? { reminders: options.reminder } : {}),
        ...(options.force ? { force: true } : {}),
      });
    },
  );
withTarget(cycle.command('cancel'))
  .description(
    "cancel a quarter's cycle: stops its execution, its links answer that the review is closed, nothing more is sent",
  )
  .requiredOption('--quarter <quarter>', 'quarter id such as 2026-Q4')
  .action(async (options: TargetOptions & { quarter: string }) => {
    const target = await useTarget(options);
    await cycleCancel(target.stateMachineArn, { quarter: options.quarter });
  });
withTarget(cycle.command('status'))
  .description('progress of a quarter: requests by status, reminders, execution, recommendations')
  .requiredOption('--quarter <quarter>', 'quarter id such as 2026-Q4')
  .option('--json', 'print JSON')
  .action(async (options: TargetOptions & { quarter: string; json?: boolean }) => {
    const target = await useTarget(options);
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
      await useTarget(options);
      await personErase(options);
    },
  );
const promotion = program
  .command('promotion')
  .description('what happened to reviewed leaders: promoted to manager, another role, or left');
withTarget(promotion.command('record'))
  .description('record a move (again for the same person and quarter: a correction)')
  .requiredOption('--id <personId>', 'the leader, by person_id')
  .requiredOption('--quarter <quarter>', 'the quarter they moved, such as 2026-Q4')
  .addOption(
    new Option('--to <move>', 'where they went')
      .choices(['manager', 'other-role', 'left'])
      .makeOptionMandatory(),
  )
  .option('--team <team>', 'with --to manager: the team they manage now (default: from the roster)')
  .action(async (options: TargetOptions & { id: string; quarter: string; to: string; team?: string }) => {
    await useTarget(options);
    await promotionRecord(options);
  });
withTarget(promotion.command('list'))
  .description('every recorded move')
  .option('--json', 'print JSON')
  .action(async (options: TargetOptions & { json?: boolean }) => {
    await useTarget(options);
    const list = await promotionList();
    if (options.json) console.log(JSON.stringify(list, null, 2));
    else if (list.length === 0) console.log('No moves recorded.');
    else
      for (const p of list)
        console.log(`${p.quarter}  ${p.personId}  ${p.to}${p.team ? `  (team ${p.team})` : ''}`);
  });
withTarget(promotion.command('remove'))
  .description('remove a move recorded by mistake')
  .requiredOption('--id <personId>', 'the leader, by person_id')
  .requiredOption('--quarter <quarter>', 'the quarter of the recorded move')
  .action(async (options: TargetOptions & { id: string; quarter: string }) => {
    await useTarget(options);
    await promotionRemove(options);
  });

withTarget(program.command('validity'))
  .description(
    "does readiness predict outcomes? each promoted leader's readiness at promotion against their new team's change in attainment, and the overall correlation",
  )
  .option('--json', 'print JSON')
  .action(async (options: TargetOptions & { json?: boolean }) => {
    await useTarget(options);
    const report = await validity();
    console.log(options.json ? JSON.stringify(report, null, 2) : formatValidity(report));
  });

withTarget(program.command('export'))
  .description('export readiness scores and recommendations of a quarter')
  .requiredOption('--quarter <quarter>', 'quarter id such as 2026-Q4')
  .addOption(
    new Option('--format <format>', 'file format')
      .choices(['csv', 'json', 'xlsx', 'successfactors'])
      .default('csv'),
  )
  .option('--bom', 'CSV formats: start with a UTF-8 byte order mark, for Excel')
  .option('--out <file>', 'write to a file instead of standard output (required for xlsx)')
  .action(
    async (options: TargetOptions & { quarter: string; format: string; out?: string; bom?: boolean }) => {
      await useTarget(options);
      if (options.format === 'xlsx' && !options.out && process.stdout.isTTY) {
        throw new Error('--format xlsx writes a binary file: add --out FILE.xlsx');
      }
      const { rows, body } = await exportQuarter(options);
      if (options.out) console.error(`Wrote ${rows.length} leaders to ${options.out}`);
      else process.stdout.write(body);
    },
  );

program.parseAsync(process.argv).catch((error: Error) => {
  console.error(`ladder: ${userMessage(error)}`);
  process.exitCode = 1;
});
