import { readFile } from 'node:fs/promises';
import { parseRoster } from '../../functions/core/roster.ts';
import { startLocalRuntime } from '../../local/runtime.ts';
import type { SesAccountOptions } from '../../local/ses-account.ts';
import { CommandError } from './roster.ts';

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

/** `ladder local`: start every stand-in with fixed ports, print where they are, run until Ctrl-C. */
export async function runLocal(options: { dataDir: string | undefined } & SesFlags) {
  const ses = await localSesOptions(options);
  const runtime = await startLocalRuntime({
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    ports: { dynamodb: 8000, ses: 8005, sfn: 8083, api: 3000 },
    writeStateFile: true,
    ses,
  });
  const account = runtime.ses.account.settings;
  console.log(`Ladder is running locally.
  Feedback form API   ${runtime.endpoints.api}/feedback/<token>
  Mail viewer         ${runtime.endpoints.mailViewer}
  DynamoDB            ${runtime.endpoints.dynamodb}${options.dataDir ? ` (data in ${options.dataDir})` : ' (in memory)'}
  Step Functions API  ${runtime.endpoints.sfn}
  SES account         ${account.sandbox ? 'sandbox, ' : ''}${account.maxSendRate}/s, ${account.max24HourSend.toLocaleString('en-US')} per 24 h${account.sandbox ? `, ${ses.verified?.length ?? 0} verified recipients (plus the sender)` : ''}
In another terminal:
  npx ladder roster import examples/roster.csv
  npx ladder cycle start --quarter 2026-Q4 --deadline <ISO time>
  npx ladder cycle status --quarter 2026-Q4
  npx ladder export --quarter 2026-Q4 --format csv --out export.csv
Press Ctrl-C to stop.`);
  const stop = async () => {
    await runtime.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
