/**
 * Task state overrides for aws-local-stepfunctions: each Lambda task of the definition calls its
 * handler module in-process and returns what the AWS integration returns.
 */
import type { RunOptions, StateMachineDefinition } from 'aws-local-stepfunctions';
import type { FaultInjector } from '../faults.ts';
import { invokeLambda, type LocalFunction } from '../lambda.ts';
import { NamedError, TerminalError } from './errors.ts';
import type { TaskTokenRegistry } from './task-tokens.ts';

export const LAMBDA_INVOKE = 'arn:aws:states:::lambda:invoke';
export const LAMBDA_WAIT_FOR_TOKEN = 'arn:aws:states:::lambda:invoke.waitForTaskToken';
const LAMBDA_ARN = /^arn:aws:lambda:[^:]+:\d{12}:function:[^:]+(:[^:]+)?$/;
/** Step Functions' limit on a state's input/output. */
export const MAX_PAYLOAD_BYTES = 256 * 1024;
/** Locally injected Parameters field carrying the TimeoutSecondsPath value (see `prepareDefinition`). */
export const TIMEOUT_PARAMETER = '__ladderTimeoutSeconds';
/** The library's timeout for a Task without TimeoutSeconds(Path). */
const DEFAULT_TASK_TIMEOUT_SECONDS = 60;

type Overrides = NonNullable<RunOptions['overrides']>;
export type TaskHandlers = NonNullable<Overrides['taskResourceLocalHandlers']>;
type TaskHandler = TaskHandlers[string];

/** The fields of a state this module reads (ASL types are a wide union). */
interface State {
  Type: string;
  Resource?: string;
  Parameters?: unknown;
  TimeoutSeconds?: number;
  TimeoutSecondsPath?: string;
  Retry?: { IntervalSeconds?: number }[];
  ItemProcessor?: Machine;
  Iterator?: Machine;
  Branches?: Machine[];
}
interface Machine {
  States: Record<string, State>;
}

/** What a task override needs from the execution it runs in. */
export interface TaskEnvironment {
  executionArn: string;
  tokens: TaskTokenRegistry;
  resolveFunction(functionName: string): LocalFunction;
  /** Tokens minted by `$$.Task.Token` reads since the last call. */
  takeMintedTokens(): Set<string>;
  countInvocation(fn: LocalFunction): void;
  /**
   * When the current run of `state` really started, if earlier than now: a task the execution
   * resumed at after a restart keeps its original timeout. Answered once per resume.
   */
  taskStartedAt?(state: string): number | undefined;
  /** Transient Lambda faults and planned failures (local/faults.ts), when the runtime injects them. */
  faults?: FaultInjector;
}

/** Visits every state, including those inside Map (ItemProcessor/Iterator) and Parallel branches. */
export function walkStates(
  definition: StateMachineDefinition,
  visit: (name: string, state: State) => void,
): void {
  const walk = (machine: Machine) => {
    for (const [name, state] of Object.entries(machine.States)) {
      visit(name, state);
      for (const nested of [state.ItemProcessor, state.Iterator, ...(state.Branches ?? [])])
        if (nested) walk(nested);
    }
  };
  walk(definition as unknown as Machine);
}

/**
 * aws-local-stepfunctions evaluates TimeoutSecondsPath against the input *after* Parameters, AWS
 * against the state input. So the path is moved into Parameters (evaluated against the state input,
 * as on AWS) and TimeoutSecondsPath points at the result; the task override strips the field again.
 */
export function prepareDefinition(definition: StateMachineDefinition): StateMachineDefinition {
  const prepared = structuredClone(definition);
  walkStates(prepared, (_name, state) => {
    const { Parameters } = state;
    if (state.Type !== 'Task' || !state.TimeoutSecondsPath || !isObject(Parameters)) return;
    Parameters[`${TIMEOUT_PARAMETER}.$`] = state.TimeoutSecondsPath;
    state.TimeoutSecondsPath = `$.${TIMEOUT_PARAMETER}`;
  });
  return prepared;
}

/** One override per Task state; throws for a Resource that cannot run locally. */
export function taskOverrides(definition: StateMachineDefinition, env: TaskEnvironment): TaskHandlers {
  const handlers: TaskHandlers = {};
  walkStates(definition, (name, state) => {
    if (state.Type === 'Task') handlers[name] = taskHandler(name, state, env);
  });
  return handlers;
}

/** Retry intervals scaled by `scale` (fixed per retrier: the library's overrides have no backoff or jitter). */
export function retryIntervalOverrides(
  definition: StateMachineDefinition,
  scale: number,
): Record<string, number[]> {
  const overrides: Record<string, number[]> = {};
  walkStates(definition, (name, state) => {
    if (state.Retry)
      overrides[name] = state.Retry.map((retrier) => (retrier.IntervalSeconds ?? 1) * 1000 * scale);
  });
  return overrides;
}

function taskHandler(name: string, state: State, env: TaskEnvironment): TaskHandler {
  const resource = state.Resource ?? '';
  if (resource === LAMBDA_INVOKE) {
    return async (input) => {
      const { FunctionName, Payload } = invokeParameters(name, input);
      const result = await invoke(env, FunctionName, Payload);
      return { ExecutedVersion: '$LATEST', Payload: result, StatusCode: 200 } as TaskResult;
    };
  }
  if (resource === LAMBDA_WAIT_FOR_TOKEN) {
    // Not async: the token must be registered before the handler runs (it may answer at once).
    return (input) => {
      const token = claimToken(input, env);
      const startedAt = env.taskStartedAt?.(name) ?? Date.now();
      const remainingMs = timeoutMs(state, input) - (Date.now() - startedAt);
      const answer = env.tokens.wait(token, env.executionArn, remainingMs);
      const { FunctionName, Payload } = invokeParameters(name, input);
      return invoke(env, FunctionName, Payload).then(
        () => answer as Promise<TaskResult>,
        (error: unknown) => {
          env.tokens.close(token);
          throw error;
        },
      );
    };
  }
  if (LAMBDA_ARN.test(resource))
    return (input) => invoke(env, resource, withoutTimeout(input)) as Promise<TaskResult>;
  throw new Error(`Task state ${name}: resource ${resource} cannot run locally`);
}

type TaskResult = Awaited<ReturnType<TaskHandler>>;

async function invoke(env: TaskEnvironment, functionName: string, payload: unknown): Promise<unknown> {
  const fn = env.resolveFunction(functionName);
  env.countInvocation(fn);
  // Injected faults look like the Lambda service's own errors (which the definition retries); a
  // planned failure looks like a handler bug (which it does not).
  const planned = env.faults?.takePlanned(fn.id);
  const fault = planned ? undefined : env.faults?.pick('lambda', { operation: fn.id, payload });
  if (planned && !planned.after) throw new NamedError(planned.errorName, planned.message);
  if (fault === 'throttle')
    throw new NamedError('Lambda.TooManyRequestsException', 'Rate Exceeded. (local fault injection)');
  if (fault === 'server-error')
    throw new NamedError(
      'Lambda.ServiceException',
      'Lambda was unable to run the function (local fault injection)',
    );
  // A cut-off invocation ends early with Sandbox.Timedout, as a Lambda that ran out of time.
  const result = await invokeLambda(
    fn,
    payload,
    fault === 'cut-off' && env.faults ? { cutOffAfterMs: env.faults.cutOffAfterMs() } : {},
  );
  if (planned) throw new NamedError(planned.errorName, planned.message);
  if (fault === 'response-lost')
    throw new NamedError(
      'Lambda.ServiceException',
      'The function ran but its response was lost (local fault injection)',
    );
  const bytes = Buffer.byteLength(JSON.stringify(result));
  if (bytes > MAX_PAYLOAD_BYTES) {
    throw new TerminalError(
      'States.DataLimitExceeded',
      `The state/task '${fn.functionName}' returned a result with a size exceeding the maximum number of bytes service limit (${bytes} > ${MAX_PAYLOAD_BYTES}).`,
    );
  }
  return result;
}

function invokeParameters(stateName: string, input: unknown): { FunctionName: string; Payload: unknown } {
  const parameters = withoutTimeout(input);
  if (!isObject(parameters) || typeof parameters.FunctionName !== 'string') {
    throw new TerminalError('States.Runtime', `Task state ${stateName}: Parameters must set FunctionName`);
  }
  // Without Payload, AWS invokes the function with an empty object.
  return { FunctionName: parameters.FunctionName, Payload: parameters.Payload ?? {} };
}

/** The token minted for this task: the minted value that appears in its Parameters. */
function claimToken(input: unknown, env: TaskEnvironment): string {
  const minted = env.takeMintedTokens();
  return findString(input, (value) => minted.has(value)) ?? env.tokens.mint();
}

function timeoutMs(state: State, input: unknown): number {
  const fromPath = isObject(input) ? Number(input[TIMEOUT_PARAMETER]) : Number.NaN;
  const seconds =
    state.TimeoutSeconds ?? (state.TimeoutSecondsPath ? fromPath : DEFAULT_TASK_TIMEOUT_SECONDS);
  return seconds * 1000;
}

function withoutTimeout(input: unknown): unknown {
  if (!isObject(input) || !(TIMEOUT_PARAMETER in input)) return input;
  const { [TIMEOUT_PARAMETER]: _removed, ...rest } = input;
  return rest;
}

function findString(value: unknown, match: (value: string) => boolean): string | undefined {
  if (typeof value === 'string') return match(value) ? value : undefined;
  if (value === null || typeof value !== 'object') return undefined;
  for (const nested of Object.values(value)) {
    const found = findString(nested, match);
    if (found !== undefined) return found;
  }
  return undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
