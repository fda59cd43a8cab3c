import { startLocalRuntime } from '../../local/runtime.ts';

/** `ladder local`: start every stand-in with fixed ports, print where they are, run until Ctrl-C. */
export async function runLocal(options: { dataDir: string | undefined }) {
  const runtime = await startLocalRuntime({
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    ports: { dynamodb: 8000, ses: 8005, sfn: 8083, api: 3000 },
    writeStateFile: true,
  });
  console.log(`Ladder is running locally.
  Feedback form API   ${runtime.endpoints.api}/feedback/<token>
  Mail viewer         ${runtime.endpoints.mailViewer}
  DynamoDB            ${runtime.endpoints.dynamodb}${options.dataDir ? ` (data in ${options.dataDir})` : ' (in memory)'}
  Step Functions API  ${runtime.endpoints.sfn}
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
