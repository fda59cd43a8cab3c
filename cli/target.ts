/**
 * Which Ladder the CLI talks to. Explicit, never guessed:
 * - `--target local` (the default): a running `ladder local`, found through `.ladder/local.json`.
 * - `--target aws`: a deployed stack, found through `cdk deploy --outputs-file` (`--outputs FILE`,
 *   default `cdk-outputs.json`), with the usual AWS credentials.
 * Either way the CLI then uses the same store and Step Functions code as the Lambda functions.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ENV } from '../functions/catalog.ts';
import { parseStackOutputs } from '../infra/outputs.ts';
import { LOCAL_STATE_FILE } from '../local/state-file.ts';

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
export function useTarget(options: TargetOptions): ResolvedTarget {
  const name = (options.target ?? process.env.LADDER_TARGET ?? 'local') as TargetName;
  if (name === 'local') return useLocal();
  if (name === 'aws') return useAws(options.outputs ?? 'cdk-outputs.json', options.stack);
  throw new TargetError(`Unknown target "${name}": use --target local or --target aws`);
}

function useLocal(): ResolvedTarget {
  const file = resolve(LOCAL_STATE_FILE);
  if (!existsSync(file)) {
    throw new TargetError(
      `No local runtime is running (${LOCAL_STATE_FILE} not found). Start one with \`npx ladder local\` in another terminal, or use --target aws.`,
    );
  }
  const state = JSON.parse(readFileSync(file, 'utf8')) as {
    env: Record<string, string>;
    stateMachineArn: string;
  };
  Object.assign(process.env, state.env);
  return {
    name: 'local',
    stateMachineArn: state.stateMachineArn,
    description: `local runtime (${LOCAL_STATE_FILE})`,
  };
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
  return {
    name: 'aws',
    stateMachineArn: outputs.stateMachineArn,
    description: `AWS stack ${stackName ?? 'Ladder'}`,
  };
}
