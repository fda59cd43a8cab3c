import { relative } from 'node:path';
import { startLocalRuntime } from '../../local/runtime.ts';
import { localStateFilePath } from '../../local/state-file.ts';
import { CommandError } from './roster.ts';

/** The fixed ports of `ladder local` (README): DynamoDB, SES and its mail viewer, Step Functions, the form. */
export const LOCAL_PORTS = { dynamodb: 8000, ses: 8005, sfn: 8083, api: 3000 } as const;

/** `--ports 8000,8005,8083,3000` (DynamoDB, SES/mail viewer, Step Functions, form API; 0 = any free one). */
export function parsePorts(
  text: string | undefined,
): typeof LOCAL_PORTS | Record<keyof typeof LOCAL_PORTS, number> {
  if (text === undefined) return LOCAL_PORTS;
  const values = text.split(',').map((part) => Number(part.trim()));
  if (values.length !== 4 || values.some((port) => !Number.isInteger(port) || port < 0 || port > 65535)) {
    throw new CommandError(
      `--ports must be four port numbers for DynamoDB, SES (mail viewer), Step Functions and the form, such as 8000,8005,8083,3000 (got "${text}")`,
    );
  }
  const [dynamodb, ses, sfn, api] = values as [number, number, number, number];
  return { dynamodb, ses, sfn, api };
}

/**
 * `ladder local`: start every stand-in, print where they are, run until Ctrl-C. With a data folder,
 * tables, executions and sent mail persist: after Ctrl-C or a kill, the next `ladder local` on the
 * same folder resumes the cycles that were running.
 */
export async function runLocal(options: { dataDir: string | undefined; ports?: string | undefined }) {
  const ports = parsePorts(options.ports);
  const runtime = await startLocalRuntime({
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    ports,
    writeStateFile: true,
    quiet: true,
  });
  const data = options.dataDir ? `data in ${relative(process.cwd(), options.dataDir) || '.'}` : 'in memory';
  console.log(`Ladder is running locally (${data}).
  Mail viewer         ${runtime.endpoints.mailViewer}
  Feedback form API   ${runtime.endpoints.api}/feedback/<token>
  DynamoDB            ${runtime.endpoints.dynamodb}
  Step Functions API  ${runtime.endpoints.sfn}
${runtime.resumed.length ? `Resumed ${runtime.resumed.length === 1 ? 'execution' : 'executions'} ${runtime.resumed.join(', ')}.\n` : ''}Other ladder commands find it from any folder (${localStateFilePath()}). In another terminal:
  npx ladder roster import examples/roster.csv
  npx ladder cycle start --quarter <the quarter just ended, e.g. 2026-Q3> --deadline <ISO time>
  npx ladder cycle status --quarter 2026-Q3
  npx ladder export --quarter 2026-Q3 --format csv --out export.csv
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
