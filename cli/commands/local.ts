import { readFile } from 'node:fs/promises';
import { relative } from 'node:path';
import { parseRoster } from '../../functions/core/roster.ts';
import type { SeedUser } from '../../local/oidc-provider.ts';
import { startLocalRuntime } from '../../local/runtime.ts';
import type { SesAccountOptions } from '../../local/ses-account.ts';
import { localStateFilePath } from '../../local/state-file.ts';
import { CommandError } from './roster.ts';

/** The console's seed accounts as printed by `ladder local` and the demo. */
export function formatConsoleUsers(users: readonly SeedUser[], indent = '  '): string {
  const width = Math.max(...users.map((u) => u.email.length));
  return users
    .map((u) => `${indent}${u.email.padEnd(width)}  password ${u.password.padEnd(17)} ${u.note}`)
    .join('\n');
}
/** The SES account flags of `ladder local`. */
export interface SesFlags {
  sesMaxRate?: string;
  sesDailyQuota?: string;
  sesSandbox?: boolean;
  sesVerify?: string[];
  sesVerifyRoster?: string;
}

function positive(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!(Number.isFinite(number) && number > 0)) {
    throw new CommandError(`${flag} must be a positive number (got ${JSON.stringify(value)})`);
  }
  return number;
}

/**
 * The local SES account: a new production account (14/s, 50,000 per 24 h) unless the flags say
 * otherwise; in the sandbox (1/s, 200 per 24 h) only verified recipients: `--ses-verify ADDRESS…`
 * and/or every address of a roster CSV (`--ses-verify-roster FILE`), as you would verify each one in
 * the SES console for a trial.
 */
export async function localSesOptions(flags: SesFlags): Promise<SesAccountOptions> {
  const maxSendRate = positive('--ses-max-rate', flags.sesMaxRate);
  const max24HourSend = positive('--ses-daily-quota', flags.sesDailyQuota);
  const verified = [...(flags.sesVerify ?? [])];
  if (flags.sesVerifyRoster) {
    let text: string;
    try {
      text = await readFile(flags.sesVerifyRoster, 'utf8');
    } catch (error) {
      throw new CommandError(`Cannot read roster file ${flags.sesVerifyRoster}: ${(error as Error).message}`);
    }
    const parsed = parseRoster(text);
    if (!parsed.ok) {
      throw new CommandError(
        `--ses-verify-roster ${flags.sesVerifyRoster} is not a valid roster: run \`ladder roster import\` on it to see why`,
      );
    }
    verified.push(...parsed.people.map((person) => person.email));
  }
  return {
    ...(maxSendRate === undefined ? {} : { maxSendRate }),
    ...(max24HourSend === undefined ? {} : { max24HourSend }),
    ...(flags.sesSandbox ? { sandbox: true } : {}),
    ...(verified.length > 0 ? { verified } : {}),
  };
}

/**
 * The fixed ports of `ladder local` (README): DynamoDB, SES and its mail viewer, Step Functions,
 * the form and console, the console's local OpenID provider.
 */
export const LOCAL_PORTS = { dynamodb: 8000, ses: 8005, sfn: 8083, api: 3000, oidc: 8090 } as const;

/**
 * `--ports 8000,8005,8083,3000[,8090]` (DynamoDB, SES/mail viewer, Step Functions, form and console
 * API, OpenID provider; 0 = any free one). Without the fifth the OpenID provider keeps 8090.
 */
export function parsePorts(
  text: string | undefined,
): typeof LOCAL_PORTS | Record<keyof typeof LOCAL_PORTS, number> {
  if (text === undefined) return LOCAL_PORTS;
  const values = text.split(',').map((part) => Number(part.trim()));
  if (
    (values.length !== 4 && values.length !== 5) ||
    values.some((port) => !Number.isInteger(port) || port < 0 || port > 65535)
  ) {
    throw new CommandError(
      `--ports must be four port numbers for DynamoDB, SES (mail viewer), Step Functions and the form, such as 8000,8005,8083,3000, and optionally a fifth for the console's OpenID provider (got "${text}")`,
    );
  }
  const [dynamodb, ses, sfn, api, oidc = LOCAL_PORTS.oidc] = values as [
    number,
    number,
    number,
    number,
    number?,
  ];
  return { dynamodb, ses, sfn, api, oidc };
}

/**
 * `ladder local`: start every stand-in, print where they are, run until Ctrl-C. With a data folder,
 * tables, executions and sent mail persist: after Ctrl-C or a kill, the next `ladder local` on the
 * same folder resumes the cycles that were running.
 */
export async function runLocal(
  options: { dataDir: string | undefined; ports?: string | undefined } & SesFlags,
) {
  const ports = parsePorts(options.ports);
  const ses = await localSesOptions(options);
  const runtime = await startLocalRuntime({
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    ports,
    writeStateFile: true,
    quiet: true,
    ses,
  });
  const data = options.dataDir ? `data in ${relative(process.cwd(), options.dataDir) || '.'}` : 'in memory';
  const account = runtime.ses.account.settings;
  console.log(`Ladder is running locally (${data}).
  Console             ${runtime.endpoints.console}/   (sign in with an account below)
  OpenID provider     ${runtime.endpoints.oidc}   (local only: one account per console role)
${formatConsoleUsers(runtime.consoleUsers, '    ')}
  Mail viewer         ${runtime.endpoints.mailViewer}
  Feedback form API   ${runtime.endpoints.api}/feedback/<token>
  DynamoDB            ${runtime.endpoints.dynamodb}
  Step Functions API  ${runtime.endpoints.sfn}
  SES account         ${account.sandbox ? 'sandbox, ' : ''}${account.maxSendRate}/s, ${account.max24HourSend.toLocaleString('en-US')} per 24 h${account.sandbox ? `, ${ses.verified?.length ?? 0} verified recipients (plus the sender)` : ''}
${runtime.resumed.length ? `Resumed ${runtime.resumed.length === 1 ? 'execution' : 'executions'} ${runtime.resumed.join(', ')}.\n` : ''}Open the console to import a roster, start a cycle and follow it. Other ladder commands find it from any folder (${localStateFilePath()}). In another terminal:
  npx ladder roster import examples/roster.csv
  npx ladder cycle start --quarter <the quarter just ended, e.g. 2026-Q3> --deadline <ISO time>
  npx ladder cycle status --quarter 2026-Q3
  npx ladder export --quarter 2026-Q3 --format xlsx --out export.xlsx
Press Ctrl-C to stop${options.dataDir ? '; running cycles resume at the next start' : ''}.`);
  let stopping = false;
  const stop = async () => {
    if (stopping) process.exit(1); // a second Ctrl-C: do not wait
    stopping = true;
    await runtime.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
