/**
 * Runs Lambda handler modules in-process, the way the Node.js Lambda runtime would: the module is
 * imported lazily on first invocation (and cached), the event and result cross a JSON boundary, and
 * a thrown error becomes `{ errorType: error.name, errorMessage, trace }`.
 *
 * Like Lambda, an invocation ends at the function's configured timeout (`Sandbox.Timedout`, "Task
 * timed out after N seconds"), and what a handler leaves running when its invocation ends — it
 * returned, failed or timed out — is frozen: its AWS SDK calls from then on never go out (an SDK
 * middleware, installed on every client the functions build, holds them forever). On AWS a frozen
 * environment's pending work may resume at a later invocation or never; here it never does, the
 * harder case for code that must not lose what it claimed.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Context } from 'aws-lambda';
import { FUNCTIONS, type FunctionId } from '../functions/catalog.ts';
import { onClientCreated } from '../functions/shared/aws-clients.ts';

export const LOCAL_REGION = 'us-east-1';
export const LOCAL_ACCOUNT = '000000000000';
export const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));

export interface LocalFunction {
  /** Catalog id, e.g. `OpenCycle`. */
  id: string;
  /** Lambda function name, e.g. `ladder-OpenCycle`. */
  functionName: string;
  /** Absolute path of the handler module (exports `handler`). */
  entry: string;
  timeoutSeconds?: number;
  memoryMb?: number;
}

export type LambdaHandler = (event: unknown, context: Context) => unknown;

export function localFunctionArn(functionName: string): string {
  return `arn:aws:lambda:${LOCAL_REGION}:${LOCAL_ACCOUNT}:function:${functionName}`;
}

/** The local stand-in of a catalog function. */
export function catalogFunction(id: FunctionId, root = REPO_ROOT): LocalFunction {
  const spec = FUNCTIONS.find((candidate) => candidate.id === id);
  if (!spec) throw new Error(`Unknown function ${id}`);
  return {
    id: spec.id,
    functionName: `ladder-${spec.id}`,
    entry: resolve(root, spec.entry),
    timeoutSeconds: spec.timeoutSeconds,
    memoryMb: spec.memoryMb,
  };
}

/** A handler error as the Lambda runtime reports it; `name` is what Step Functions matches on. */
export class LambdaFunctionError extends Error {
  readonly errorType: string;
  readonly errorMessage: string;
  constructor(errorType: string, errorMessage: string, trace: string[] = []) {
    // Step Functions' `Cause` for a failed lambda:invoke is this JSON document.
    super(JSON.stringify({ errorType, errorMessage, trace }));
    this.name = errorType;
    this.errorType = errorType;
    this.errorMessage = errorMessage;
  }

  static from(thrown: unknown): LambdaFunctionError {
    if (thrown instanceof LambdaFunctionError) return thrown;
    if (thrown instanceof Error) {
      return new LambdaFunctionError(thrown.name || 'Error', thrown.message, thrown.stack?.split('\n') ?? []);
    }
    return new LambdaFunctionError(typeof thrown, String(thrown));
  }
}

const handlers = new Map<string, Promise<LambdaHandler>>();

/** Imports the handler module on first use; a failed import is not cached (the file may appear later). */
export function loadHandler(fn: LocalFunction): Promise<LambdaHandler> {
  let loading = handlers.get(fn.entry);
  if (!loading) {
    loading = importHandler(fn.entry);
    handlers.set(fn.entry, loading);
    loading.catch(() => handlers.delete(fn.entry));
  }
  return loading;
}

async function importHandler(entry: string): Promise<LambdaHandler> {
  let mod: { handler?: unknown };
  try {
    mod = await import(/* @vite-ignore */ pathToFileURL(entry).href);
  } catch (error) {
    throw new LambdaFunctionError('Runtime.ImportModuleError', `${entry}: ${(error as Error).message}`);
  }
  if (typeof mod.handler !== 'function') {
    throw new LambdaFunctionError('Runtime.HandlerNotFound', `${entry} does not export a handler function`);
  }
  return mod.handler as LambdaHandler;
}

export function lambdaContext(fn: LocalFunction, awsRequestId: string = randomUUID()): Context {
  const timeoutMs = (fn.timeoutSeconds ?? 3) * 1000;
  const deadline = Date.now() + timeoutMs;
  const noop = () => {};
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: fn.functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: localFunctionArn(fn.functionName),
    memoryLimitInMB: String(fn.memoryMb ?? 128),
    awsRequestId,
    logGroupName: `/aws/lambda/${fn.functionName}`,
    logStreamName: `local/[$LATEST]${awsRequestId.replaceAll('-', '')}`,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: noop,
    fail: noop,
    succeed: noop,
  };
}

/** One finished invocation, as observers see it (benchmarks sum these). */
export interface InvocationRecord {
  fn: LocalFunction;
  /** Handler time in milliseconds (module loading excluded, as Lambda bills init separately). */
  durationMs: number;
  ok: boolean;
}

const invocationObservers = new Set<(record: InvocationRecord) => void>();

/** One invocation: frozen once it ended, after which its SDK calls are held forever. */
interface Invocation {
  fn: LocalFunction;
  frozen: boolean;
}
const invocationScope = new AsyncLocalStorage<Invocation>();

type AnyMiddleware = (next: (args: unknown) => Promise<unknown>) => (args: unknown) => Promise<unknown>;
interface MiddlewareClient {
  middlewareStack: { add(middleware: AnyMiddleware, options: { step: string; name: string }): void };
}

// Installed once per process, on every client the functions build from now on.
onClientCreated((client) => {
  (client as unknown as MiddlewareClient).middlewareStack.add(
    (next) => (args) => (invocationScope.getStore()?.frozen ? new Promise<never>(() => {}) : next(args)),
    { step: 'initialize', name: 'ladderLocalFrozenEnvironment' },
  );
});

/** Calls `observer` after every invocation; returns a function that stops observing. */
export function observeInvocations(observer: (record: InvocationRecord) => void): () => void {
  invocationObservers.add(observer);
  return () => invocationObservers.delete(observer);
}

/** The function whose handler is running in the current async context (for attributing SDK calls). */
export function currentInvocation(): LocalFunction | undefined {
  return invocationScope.getStore()?.fn;
}

export interface InvokeOptions {
  /** End the invocation after this many ms, whatever the function's timeout (a `cut-off` fault). */
  cutOffAfterMs?: number;
}

/**
 * Invokes a handler with a JSON copy of `event`; resolves with the JSON form of its result. Fails
 * with `Sandbox.Timedout` at the function's timeout (or the cut-off), and freezes what the handler
 * left running once the invocation ended.
 */
export async function invokeLambda(
  fn: LocalFunction,
  event: unknown,
  options: InvokeOptions = {},
): Promise<unknown> {
  const handler = await loadHandler(fn);
  const started = performance.now();
  const invocation: Invocation = { fn, frozen: false };
  const requestId = randomUUID();
  const timeoutMs = Math.min(
    (fn.timeoutSeconds ?? 3) * 1000,
    options.cutOffAfterMs ?? Number.POSITIVE_INFINITY,
  );
  let timer: NodeJS.Timeout | undefined;
  let ok = false;
  try {
    const run = invocationScope.run(invocation, () => handler(jsonCopy(event), lambdaContext(fn, requestId)));
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new LambdaFunctionError(
              'Sandbox.Timedout',
              `RequestId: ${requestId} Error: Task timed out after ${(fn.timeoutSeconds ?? 3).toFixed(2)} seconds`,
            ),
          ),
        timeoutMs,
      );
    });
    const result = await Promise.race([Promise.resolve(run), timedOut]);
    ok = true;
    return jsonCopy(result);
  } catch (error) {
    throw LambdaFunctionError.from(error);
  } finally {
    clearTimeout(timer);
    invocation.frozen = true;
    if (invocationObservers.size > 0) {
      const record = { fn, durationMs: performance.now() - started, ok };
      for (const observer of invocationObservers) observer(record);
    }
  }
}

function jsonCopy(value: unknown): unknown {
  const text = JSON.stringify(value);
  return text === undefined ? null : JSON.parse(text);
}
