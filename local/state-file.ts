/**
 * The state file of a running `ladder local`: how other CLI processes find it from any folder (its
 * endpoints and the environment that points the AWS SDK and Ladder's settings at it). It lives in the
 * user's state directory: `$LADDER_HOME/local.json`, else `$XDG_STATE_HOME/ladder/local.json`, else
 * `~/.local/state/ladder/local.json`. Kept free of heavy imports.
 */
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

export interface LocalRuntimeState {
  pid: number;
  startedAt: string;
  endpoints: {
    dynamodb: string;
    ses: string;
    mailViewer: string;
    sfn: string;
    api: string;
    console?: string;
    oidc?: string;
    secretsManager?: string;
  };
  env: Record<string, string>;
  stateMachineArn: string;
  tableName: string;
  /** Where the runtime keeps its data (DynamoDB, executions, mail); absent in memory. */
  dataDir?: string;
}

/** Ladder's directory for per-user state: `LADDER_HOME`, else the XDG state directory. */
export function ladderHome(env: NodeJS.ProcessEnv = process.env): string {
  if (env.LADDER_HOME) return env.LADDER_HOME;
  const stateHome = env.XDG_STATE_HOME || join(env.HOME || homedir(), '.local', 'state');
  return join(stateHome, 'ladder');
}

/** Where a running `ladder local` writes its state file. */
export function localStateFilePath(env: NodeJS.ProcessEnv = process.env): string {
  return join(ladderHome(env), 'local.json');
}

export async function writeLocalState(state: LocalRuntimeState, path = localStateFilePath()): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  // Written whole, then renamed: a reader never sees half a file.
  const partial = `${path}.${process.pid}.tmp`;
  await writeFile(partial, `${JSON.stringify(state, null, 2)}\n`);
  await rename(partial, path);
}

/** Removes the file, unless another process has replaced it since. */
export async function removeLocalState(pid: number, path = localStateFilePath()): Promise<void> {
  const state = await readStateFile(path);
  if (state?.pid === pid) await rm(path, { force: true });
}

/** The state of a running `ladder local`; undefined when there is no file or its process is gone. */
export async function readLocalState(path = localStateFilePath()): Promise<LocalRuntimeState | undefined> {
  const state = await readStateFile(path);
  return state && isAlive(state.pid) ? state : undefined;
}

/** True when a process with this id exists (EPERM: it exists but belongs to another user). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The file's content, whether or not its process still runs; undefined when absent or unreadable. */
export async function readStateFile(path = localStateFilePath()): Promise<LocalRuntimeState | undefined> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as LocalRuntimeState;
  } catch {
    return undefined;
  }
}
