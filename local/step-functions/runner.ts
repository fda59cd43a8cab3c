/**
 * Runs executions of one state machine definition with aws-local-stepfunctions, keeping what the
 * Step Functions API reports about them (status, output, error, the library's event log).
 */
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import {
  ExecutionAbortedError,
  ExecutionError,
  ExecutionTimeoutError,
  StateMachine,
  type StateMachineDefinition,
} from 'aws-local-stepfunctions';
import type { FaultInjector } from '../faults.ts';
import { type LocalFunction, localFunctionArn } from '../lambda.ts';
import type { FunctionMap } from './definition.ts';
import { NamedError, SfnApiError } from './errors.ts';
import { installLongTimers } from './long-timers.ts';
import { TaskTokenRegistry } from './task-tokens.ts';
import { prepareDefinition, retryIntervalOverrides, type TaskEnvironment, taskOverrides } from './tasks.ts';

export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'ABORTED' | 'TIMED_OUT';
/** One entry of the library's event log (StateEntered, StateRetried, MapIterationStarted…). */
export type ExecutionEvent =
  ReturnType<StateMachine['run']>['eventLogs'] extends AsyncGenerator<infer E> ? E : never;

export interface ExecutionRecord {
  executionArn: string;
  stateMachineArn: string;
  name: string;
  status: ExecutionStatus;
  /** The input as given to StartExecution (JSON text). */
  input: string;
  output?: string;
  error?: string;
  cause?: string;
  startDate: Date;
  stopDate?: Date;
  /** Every event the library logged, nested Map iterations included: count transitions from here. */
  events: ExecutionEvent[];
  /** Lambda invocations by function id, retries included. */
  invocations: Record<string, number>;
  /** Times the execution was redriven (RedriveExecution), and the last time and state it went on from. */
  redriveCount?: number;
  redriveDate?: Date;
  redriveFrom?: string;
  /** Settles (never rejects) once the execution has ended and its events are all recorded. */
  done: Promise<ExecutionRecord>;
}

export interface StateMachineRunnerOptions {
  stateMachineArn: string;
  /** A definition whose placeholders are already substituted (see definition.ts). */
  definition: StateMachineDefinition;
  /** Function ARN → handler module, for every function the definition invokes. */
  functions: FunctionMap;
  /**
   * Replaces functions of the map, by function id (`SendEmails`) or ARN: a handler module path or a
   * whole LocalFunction. Use it to inject faulty or fake handlers into the real definition.
   */
  functionOverrides?: Readonly<Record<string, string | LocalFunction>>;
  /** Multiplies every Retry IntervalSeconds (e.g. 0.01); unset keeps the definition's timing and jitter. */
  retryIntervalScale?: number;
  /** Wait state name → milliseconds (the library's waitTimeOverrides). */
  waitTimeOverrides?: Record<string, number>;
  /** Shared with the API server, which answers SendTask* calls. */
  tokens?: TaskTokenRegistry;
  /** Called when an execution ends. */
  onExecutionEnd?: (record: ExecutionRecord) => void;
  /** Injects Lambda faults into task invocations (local/faults.ts). */
  faults?: FaultInjector;
}

/** Read access to the executions, for tests, benchmarks and the CLI. */
export interface ExecutionStore {
  get(executionArn: string): ExecutionRecord | undefined;
  /** Newest first. */
  list(status?: ExecutionStatus): ExecutionRecord[];
  /** Resolves when the execution has ended. */
  waitFor(executionArn: string): Promise<ExecutionRecord>;
}

/** AWS execution names: 1–80 characters, no whitespace, brackets, wildcards, punctuation or control characters. */
function isValidExecutionName(name: string): boolean {
  const forbidden = /[\s<>{}[\]?*"#%\\^|~`$&,;:/]/;
  const control = [...name].some((char) => {
    const code = char.charCodeAt(0);
    return code < 0x20 || (code >= 0x7f && code <= 0x9f);
  });
  return name.length >= 1 && name.length <= 80 && !forbidden.test(name) && !control;
}

export class StateMachineRunner implements ExecutionStore {
  readonly stateMachineArn: string;
  readonly tokens: TaskTokenRegistry;
  readonly #machine: StateMachine;
  readonly #definition: StateMachineDefinition;
  readonly #functions = new Map<string, LocalFunction>();
  readonly #records = new Map<string, ExecutionRecord>();
  readonly #aborts = new Map<string, () => void>();
  readonly #options: StateMachineRunnerOptions;

  constructor(options: StateMachineRunnerOptions) {
    // The library times tasks and Wait states with the global setTimeout: waits of any length.
    installLongTimers();
    this.#options = options;
    this.stateMachineArn = options.stateMachineArn;
    this.tokens = options.tokens ?? new TaskTokenRegistry();
    this.#definition = prepareDefinition(options.definition);
    this.#machine = new StateMachine(this.#definition);
    for (const [arn, fn] of options.functions) this.#functions.set(arn, fn);
    for (const [key, value] of Object.entries(options.functionOverrides ?? {})) this.#override(key, value);
    // Fail now, not at the first execution, on a Task that cannot run locally.
    taskOverrides(this.#definition, this.#taskEnvironment('validation', new Set(), {}));
  }

  /**
   * Starts an execution. Like AWS, a name is unique per state machine: reusing it is
   * `ExecutionAlreadyExists`, unless the same input is given while that execution still runs
   * (then the running execution is returned).
   */
  start(input = '{}', name: string = randomUUID()): ExecutionRecord {
    if (!isValidExecutionName(name)) throw new SfnApiError('InvalidName', `Invalid Name: '${name}'`);
    let parsed: unknown;
    try {
      parsed = JSON.parse(input);
    } catch {
      throw new SfnApiError(
        'InvalidExecutionInput',
        'Invalid State Machine Execution Input: input must be JSON',
      );
    }
    const executionArn = `${this.stateMachineArn.replace(':stateMachine:', ':execution:')}:${name}`;
    const existing = this.#records.get(executionArn);
    if (existing) {
      if (existing.status === 'RUNNING' && existing.input === input) return existing;
      throw new SfnApiError('ExecutionAlreadyExists', `Execution Already Exists: '${executionArn}'`);
    }
    return this.#run(executionArn, name, input, parsed);
  }

  /** The definition executions run (placeholders substituted, prepared for local running). */
  get definition(): StateMachineDefinition {
    return this.#definition;
  }

  get(executionArn: string): ExecutionRecord | undefined {
    return this.#records.get(executionArn);
  }

  list(status?: ExecutionStatus): ExecutionRecord[] {
    const records = [...this.#records.values()].reverse();
    return status ? records.filter((record) => record.status === status) : records;
  }

  waitFor(executionArn: string): Promise<ExecutionRecord> {
    const record = this.#records.get(executionArn);
    if (!record)
      return Promise.reject(
        new SfnApiError('ExecutionDoesNotExist', `Execution Does Not Exist: '${executionArn}'`),
      );
    return record.done;
  }

  /** StopExecution: the execution is ABORTED at once; in-flight handler calls finish unobserved. */
  stop(executionArn: string, error?: string, cause?: string): ExecutionRecord {
    const record = this.#records.get(executionArn);
    if (!record)
      throw new SfnApiError('ExecutionDoesNotExist', `Execution Does Not Exist: '${executionArn}'`);
    if (record.status !== 'RUNNING') return record;
    Object.assign(record, { status: 'ABORTED', stopDate: new Date(), error, cause });
    this.tokens.closeExecution(executionArn);
    this.#aborts.get(executionArn)?.();
    return record;
  }

  /** Aborts every running execution and waits until their records are final. */
  async close(): Promise<void> {
    const running = this.list('RUNNING');
    for (const record of running) this.stop(record.executionArn, 'States.Aborted', 'Local runtime closed');
    await Promise.all(running.map((record) => record.done));
  }

  #run(executionArn: string, name: string, input: string, parsed: unknown): ExecutionRecord {
    const record = {
      executionArn,
      stateMachineArn: this.stateMachineArn,
      name,
      status: 'RUNNING',
      input,
      startDate: new Date(),
      events: [],
      invocations: {},
    } as Omit<ExecutionRecord, 'done'> as ExecutionRecord;
    this.#records.set(executionArn, record);
    this.#execute(record, this.#machine, parsed, false);
    return record;
  }

  /**
   * RedriveExecution: a FAILED, TIMED_OUT or ABORTED execution continues from the top-level state
   * that did not complete, with the input that state received (the output of the last state that
   * succeeded). The execution keeps its ARN, name and context; status goes back to RUNNING and
   * `redriveCount` grows. Differences from AWS, all safe because every Ladder step is idempotent:
   * a Map state re-runs all its iterations (AWS re-runs only the unsuccessful ones), and a state's
   * retry counters start from zero again.
   */
  redrive(executionArn: string): ExecutionRecord {
    const record = this.#records.get(executionArn);
    if (!record)
      throw new SfnApiError('ExecutionDoesNotExist', `Execution Does Not Exist: '${executionArn}'`);
    if (record.status === 'RUNNING' || record.status === 'SUCCEEDED') {
      throw new SfnApiError(
        'ExecutionNotRedrivable',
        `Execution is ${record.status}: only FAILED, TIMED_OUT and ABORTED executions can be redriven`,
      );
    }
    const from = redrivePoint(record.events, Object.keys(this.#definition.States));
    if (!from) {
      throw new SfnApiError('ExecutionNotRedrivable', 'The execution failed before its first state');
    }
    let machine: StateMachine;
    try {
      // Validated as a whole at construction; only states before `StartAt` are now unreachable.
      machine = new StateMachine(
        { ...structuredClone(this.#definition), StartAt: from.state },
        { validationOptions: { noValidate: true } },
      );
    } catch (error) {
      throw new SfnApiError(
        'ExecutionNotRedrivable',
        `Cannot redrive from ${from.state}: ${(error as Error).message}`,
      );
    }
    Object.assign(record, {
      status: 'RUNNING',
      redriveCount: (record.redriveCount ?? 0) + 1,
      redriveDate: new Date(),
      redriveFrom: from.state,
    });
    delete record.stopDate;
    delete record.error;
    delete record.cause;
    delete record.output;
    record.events.push({ type: 'ExecutionRedriven', timestamp: Date.now() } as unknown as ExecutionEvent);
    this.#execute(record, machine, from.input, true);
    return record;
  }

  #execute(record: ExecutionRecord, machine: StateMachine, parsed: unknown, redriven: boolean): void {
    const { executionArn, name } = record;
    const minted = new Set<string>();
    const tokens = this.tokens;
    const context = {
      Execution: { Id: executionArn, Name: name, RoleArn: `arn:aws:iam::000000000000:role/ladder-local` },
      StateMachine: { Id: this.stateMachineArn, Name: this.stateMachineArn.split(':').at(-1) },
      // The library copies `Task` by reference, so each `$$.Task.Token` read mints a fresh token.
      Task: {
        get Token() {
          const token = tokens.mint();
          minted.add(token);
          return token;
        },
      },
    };
    const scale = this.#options.retryIntervalScale;
    const execution = machine.run(parsed as Parameters<StateMachine['run']>[0], {
      context,
      overrides: {
        taskResourceLocalHandlers: taskOverrides(
          this.#definition,
          this.#taskEnvironment(executionArn, minted, record.invocations),
        ),
        ...(scale === undefined
          ? {}
          : { retryIntervalOverrides: retryIntervalOverrides(this.#definition, scale) }),
        ...(this.#options.waitTimeOverrides ? { waitTimeOverrides: this.#options.waitTimeOverrides } : {}),
      },
    });
    const recorded = (async () => {
      for await (const event of execution.eventLogs) {
        // A redrive continues the execution: AWS writes ExecutionRedriven (above), not a second start.
        if (redriven && event.type === 'ExecutionStarted') continue;
        record.events.push(event);
      }
    })();
    record.done = Promise.allSettled([execution.result, recorded]).then(([outcome]) => {
      this.#finish(record, outcome);
      return record;
    });
    this.#aborts.set(executionArn, execution.abort);
  }

  #finish(record: ExecutionRecord, outcome: PromiseSettledResult<unknown>): void {
    this.#aborts.delete(record.executionArn);
    this.tokens.closeExecution(record.executionArn);
    // Unless StopExecution already made the record final.
    if (record.status === 'RUNNING')
      Object.assign(record, { stopDate: new Date(), ...outcomeFields(outcome) });
    this.#options.onExecutionEnd?.(record);
  }

  #taskEnvironment(
    executionArn: string,
    minted: Set<string>,
    invocations: Record<string, number>,
  ): TaskEnvironment {
    return {
      executionArn,
      tokens: this.tokens,
      resolveFunction: (functionName) => this.#resolve(functionName),
      takeMintedTokens: () => {
        const taken = new Set(minted);
        minted.clear();
        return taken;
      },
      countInvocation: (fn) => {
        invocations[fn.id] = (invocations[fn.id] ?? 0) + 1;
      },
      ...(this.#options.faults ? { faults: this.#options.faults } : {}),
    };
  }

  /** Accepts what Lambda accepts: an ARN (qualified or not) or a function name. */
  #resolve(functionName: string): LocalFunction {
    const arn = functionName.startsWith('arn:')
      ? functionName.split(':').slice(0, 7).join(':')
      : localFunctionArn(functionName);
    const fn = this.#functions.get(arn);
    if (!fn) {
      throw new NamedError(
        'Lambda.ResourceNotFoundException',
        `Function not found: ${functionName} (local runtime)`,
      );
    }
    return fn;
  }

  #override(key: string, value: string | LocalFunction): void {
    const entry = [...this.#functions].find(([arn, fn]) => arn === key || fn.id === key);
    if (!entry) throw new Error(`functionOverrides: no function ${key} in the definition`);
    const [arn, fn] = entry;
    this.#functions.set(arn, typeof value === 'string' ? { ...fn, entry: resolve(value) } : value);
  }
}

function outcomeFields(outcome: PromiseSettledResult<unknown>): Partial<ExecutionRecord> {
  if (outcome.status === 'fulfilled') return { status: 'SUCCEEDED', output: JSON.stringify(outcome.value) };
  if (outcome.reason instanceof ExecutionAbortedError) return { status: 'ABORTED' };
  if (outcome.reason instanceof ExecutionTimeoutError)
    return { status: 'TIMED_OUT', error: 'States.Timeout' };
  // ExecutionError wraps the state's error: its name is the Step Functions error name.
  const error = outcome.reason instanceof ExecutionError ? outcome.reason.cause : outcome.reason;
  const named = error instanceof Error ? error : new NamedError('States.Runtime', String(error));
  return { status: 'FAILED', error: named.name, cause: named.message };
}

/**
 * Where a failed execution goes on from: the last top-level state that was entered and did not exit,
 * and the raw input it was entered with. States inside Map iterations (their events carry an
 * `index`) and Parallel branches are not top-level: pass the definition's top-level state names.
 */
export function redrivePoint(
  events: readonly ExecutionEvent[],
  topLevelStates?: Iterable<string>,
): { state: string; input: unknown } | undefined {
  const topLevel = topLevelStates ? new Set(topLevelStates) : undefined;
  let open: { state: string; input: unknown } | undefined;
  for (const event of events) {
    if (event.type !== 'StateEntered' && event.type !== 'StateExited') continue;
    if (event.index !== undefined || (topLevel && !topLevel.has(event.state.name))) continue;
    if (event.type === 'StateEntered') open = { state: event.state.name, input: event.state.input };
    else if (open?.state === event.state.name) open = undefined;
  }
  return open;
}
