/**
 * Runs Lambda handler modules in-process, the way the Node.js Lambda runtime would: the module is
 * imported lazily on first invocation (and cached), the event and result cross a JSON boundary, and
 * a thrown error becomes `{ errorType: error.name, errorMessage, trace }`.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Context } from 'aws-lambda';
import { FUNCTIONS, type FunctionId } from '../functions/catalog.ts';

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

export function lambdaContext(fn: LocalFunction): Context {
  const timeoutMs = (fn.timeoutSeconds ?? 3) * 1000;
  const deadline = Date.now() + timeoutMs;
  const awsRequestId = randomUUID();
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
const invocationScope = new AsyncLocalStorage<LocalFunction>();

/** Calls `observer` after every invocation; returns a function that stops observing. */
export function observeInvocations(observer: (record: InvocationRecord) => void): () => void {
  invocationObservers.add(observer);
  return () => invocationObservers.delete(observer);
}

/** The function whose handler is running in the current async context (for attributing SDK calls). */
export function currentInvocation(): LocalFunction | undefined {
  return invocationScope.getStore();
}

/** Invokes a handler with a JSON copy of `event`; resolves with the JSON form of its result. */
export async function invokeLambda(fn: LocalFunction, event: unknown): Promise<unknown> {
  const handler = await loadHandler(fn);
  const started = performance.now();
  let ok = false;
  try {
    const result = await invocationScope.run(fn, () => handler(jsonCopy(event), lambdaContext(fn)));
    ok = true;
    return jsonCopy(result);
  } catch (error) {
    throw LambdaFunctionError.from(error);
  } finally {
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
