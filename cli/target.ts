/**
 * Which Ladder the CLI talks to. Explicit, never guessed:
 * - `--target local` (the default): a running `ladder local`, found from any folder through its state
 *   file in the user's state directory (local/state-file.ts; `LADDER_HOME` overrides).
 * - `--target aws`: a deployed stack, found through `cdk deploy --outputs-file` (`--outputs FILE`,
 *   default `cdk-outputs.json`), with the usual AWS credentials.
 * Either way the CLI then uses the same store and Step Functions code as the Lambda functions.
 */
import { existsSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { resolve } from 'node:path';
import { ENV } from '../functions/catalog.ts';
import { parseStackOutputs } from '../infra/outputs.ts';
import { isAlive, localStateFilePath, readStateFile } from '../local/state-file.ts';

export type TargetName = 'local' | 'aws';

export interface TargetOptions {
  target?: string;
  outputs?: string;
  stack?: string;
}

export interface ResolvedTarget {
  name: TargetName;
  stateMachineArn: string;
  description: string;
}

export class TargetError extends Error {
  override readonly name = 'TargetError';
}

/** Points this process's AWS SDK clients and Ladder settings at the chosen target. */
export async function useTarget(options: TargetOptions): Promise<ResolvedTarget> {
  const name = (options.target ?? process.env.LADDER_TARGET ?? 'local') as TargetName;
  if (name === 'local') return useLocal();
  if (name === 'aws') return useAws(options.outputs ?? 'cdk-outputs.json', options.stack);
  throw new TargetError(`Unknown target "${name}": use --target local or --target aws`);
}

const START_HINT = 'start it with `npx ladder local` in another terminal, or use --target aws';

async function useLocal(): Promise<ResolvedTarget> {
  const file = localStateFilePath();
  const state = await readStateFile(file);
  if (!state) {
    throw new TargetError(`No local runtime is running (no ${file}): ${START_HINT}.`);
  }
  if (!isAlive(state.pid)) {
    throw new TargetError(
      `No local runtime is running: \`ladder local\` (process ${state.pid}) has stopped; ${START_HINT} (its data and running cycles resume).`,
    );
  }
  if (!(await answers(state.endpoints.sfn))) {
    throw new TargetError(
      `The local runtime (process ${state.pid}) does not answer at ${state.endpoints.sfn}: ${START_HINT}.`,
    );
  }
  Object.assign(process.env, state.env);
  return {
    name: 'local',
    stateMachineArn: state.stateMachineArn,
    description: `local runtime (${file})`,
  };
}

/** True when something accepts TCP connections at the URL's host and port (within a second). */
function answers(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolvePromise) => {
    const socket = connect({ host: hostname.replace(/^\[|\]$/g, ''), port: Number(port) });
    const done = (ok: boolean) => {
      socket.destroy();
      resolvePromise(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

function useAws(outputsFile: string, stackName?: string): ResolvedTarget {
  const file = resolve(outputsFile);
  if (!existsSync(file)) {
    throw new TargetError(
      `Stack outputs file ${outputsFile} not found: deploy with \`npx cdk deploy --outputs-file ${outputsFile}\` or pass --outputs FILE.`,
    );
  }
  let outputs: ReturnType<typeof parseStackOutputs>;
  try {
    outputs = parseStackOutputs(JSON.parse(readFileSync(file, 'utf8')), stackName);
  } catch (error) {
    throw new TargetError(`${outputsFile}: ${(error as Error).message}`);
  }
  process.env.AWS_REGION ??= outputs.region;
  process.env[ENV.tableName] = outputs.tableName;
  process.env[ENV.stateMachineArn] = outputs.stateMachineArn;
  process.env[ENV.formBaseUrl] = outputs.feedbackApiUrl;
  // The stack's start-check settings, so `cycle start --target aws` checks what StartCycle checks.
  for (const [key, value] of Object.entries(outputs.cycleSettings ?? {})) {
    if (key in ENV) process.env[ENV[key as keyof typeof ENV]] = value;
  }
  return {
    name: 'aws',
    stateMachineArn: outputs.stateMachineArn,
    description: `AWS stack ${stackName ?? 'Ladder'}`,
  };
}
