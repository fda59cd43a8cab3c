/**
 * `.ladder/local.json`: how other CLI processes find a running `ladder local` (its endpoints and the
 * environment that points the AWS SDK and Ladder's settings at it). Kept free of heavy imports.
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';

export const LOCAL_STATE_FILE = '.ladder/local.json';

export interface LocalRuntimeState {
  pid: number;
  startedAt: string;
  endpoints: { dynamodb: string; ses: string; mailViewer: string; sfn: string; api: string };
  env: Record<string, string>;
  stateMachineArn: string;
  tableName: string;
}

export async function writeLocalState(
  state: LocalRuntimeState,
  path = resolve(LOCAL_STATE_FILE),
): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, `${JSON.stringify(state, null, 2)}\n`);
}

/** Removes the file, unless another process has replaced it since. */
export async function removeLocalState(pid: number, path = resolve(LOCAL_STATE_FILE)): Promise<void> {
  const state = await readState(path);
  if (state?.pid === pid) await rm(path, { force: true });
}

/** The state of a running `ladder local`; undefined when there is no file or its process is gone. */
export async function readLocalState(
  path = resolve(LOCAL_STATE_FILE),
): Promise<LocalRuntimeState | undefined> {
  const state = await readState(path);
  if (!state) return undefined;
  try {
    process.kill(state.pid, 0);
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return undefined;
  }
  return state;
}

async function readState(path: string): Promise<LocalRuntimeState | undefined> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as LocalRuntimeState;
  } catch {
    return undefined;
  }
}
