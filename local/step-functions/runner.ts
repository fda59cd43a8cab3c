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
import type { ExecutionJournal } from './journal.ts';
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
  /**
   * Keeps executions on disk (local/step-functions/journal.ts): the runner loads them when it is
   * built, `resume()` continues those that were running, and `close()` leaves running ones to be
   * resumed by the next runner instead of aborting them.
   */
  journal?: ExecutionJournal;
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
  readonly #journal: ExecutionJournal | undefined;
  /** Set while closing a journalled runner: running executions stop here and resume next time. */
  #suspending = false;
  /** Journalled executions that were running when the last runner stopped, until `resume()`. */
  #toResume: ExecutionRecord[] = [];

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
    this.#journal = options.journal;
    if (this.#journal) this.#load(this.#journal);
  }

  /** Rebuilds the records of a journal; those that were running wait for `resume()`. */
  #load(journal: ExecutionJournal): void {
    for (const saved of journal.load()) {
      const { promise, resolve } = Promise.withResolvers<ExecutionRecord>();
      const record = {
        ...saved,
        stateMachineArn: this.stateMachineArn,
        status: saved.status as ExecutionStatus,
        events: saved.events as ExecutionEvent[],
        invocations: {},
        done: promise,
      } as ExecutionRecord;
      this.#records.set(record.executionArn, record);
      if (record.status === 'RUNNING') {
        this.#toResume.push(record);
        this.#pendingDone.set(record.executionArn, resolve);
      } else {
        resolve(record);
      }
    }
  }

  readonly #pendingDone = new Map<string, (record: ExecutionRecord) => void>();

  /** Executions of the journal that were running when the previous runner stopped. */
  get resumable(): readonly ExecutionRecord[] {
    return this.#toResume;
  }

  /**
   * Continues every execution that was running when the previous runner stopped (Ctrl-C, kill -9),
   * from the last top-level state that did not complete, with the input it was entered with (from
   * the start if no state was entered). A task waiting with a timeout keeps its original deadline.
   * Call it once the handlers can reach their stand-ins.
   */
  resume(): ExecutionRecord[] {
    const resumed = this.#toResume;
    this.#toResume = [];
    for (const record of resumed) {
      const from = redrivePoint(record.events, Object.keys(this.#definition.States));
      const entered = from ? enteredTime(record.events, from.state) : undefined;
      const machine = from
        ? new StateMachine(
            { ...structuredClone(this.#definition), StartAt: from.state },
            { validationOptions: { noValidate: true } },
          )
        : this.#machine;
      const input = from ? from.input : JSON.parse(record.input);
      const startedBefore = record.events.some((event) => event.type === 'ExecutionStarted');
      this.#execute(
        record,
        machine,
        input,
        startedBefore,
        from && entered ? { state: from.state, enteredAt: entered } : undefined,
      );
    }
    return resumed;
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
    this.#journal?.ended(record.name, record);
    this.tokens.closeExecution(executionArn);
    this.#aborts.get(executionArn)?.();
    return record;
  }

  /**
   * Stops running executions and waits until they have stopped. Without a journal they are ABORTED;
   * with one they stay RUNNING in it, and the next runner on the same journal resumes them.
   */
  async close(): Promise<void> {
    const running = this.list('RUNNING').filter((record) => this.#aborts.has(record.executionArn));
    if (this.#journal) {
      this.#suspending = true;
      for (const record of running) this.#aborts.get(record.executionArn)?.();
      this.tokens.closeAll();
    } else {
      for (const record of running) this.stop(record.executionArn, 'States.Aborted', 'Local runtime closed');
    }
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
    this.#journal?.started(record);
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
    this.#journal?.redriven(record.name, {
      redriveCount: record.redriveCount ?? 1,
      redriveDate: record.redriveDate ?? new Date(),
      redriveFrom: from.state,
    });
    this.#record(record, { type: 'ExecutionRedriven', timestamp: Date.now() } as unknown as ExecutionEvent);
    this.#execute(record, machine, from.input, true);
    return record;
  }

  /** Appends an event to the record and, with a journal, to disk (not while suspending). */
  #record(record: ExecutionRecord, event: ExecutionEvent): void {
    if (this.#suspending) return;
    record.events.push(event);
    this.#journal?.event(record.name, event);
  }

  #execute(
    record: ExecutionRecord,
    machine: StateMachine,
    parsed: unknown,
    redriven: boolean,
    resumedTask?: { state: string; enteredAt: number },
  ): void {
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
          this.#taskEnvironment(executionArn, minted, record.invocations, resumedTask),
        ),
        ...(scale === undefined
          ? {}
          : { retryIntervalOverrides: retryIntervalOverrides(this.#definition, scale) }),
        ...(this.#options.waitTimeOverrides ? { waitTimeOverrides: this.#options.waitTimeOverrides } : {}),
      },
    });
    const recorded = (async () => {
      for await (const event of execution.eventLogs) {
        // A redrive or resume continues the execution: no second ExecutionStarted.
        if (redriven && event.type === 'ExecutionStarted') continue;
        this.#record(record, event);
      }
    })();
    record.done = Promise.allSettled([execution.result, recorded]).then(([outcome]) => {
      this.#finish(record, outcome);
      return record;
    });
    const pending = this.#pendingDone.get(executionArn);
    if (pending) {
      this.#pendingDone.delete(executionArn);
      void record.done.then(pending);
    }
    this.#aborts.set(executionArn, execution.abort);
  }

  #finish(record: ExecutionRecord, outcome: PromiseSettledResult<unknown>): void {
    this.#aborts.delete(record.executionArn);
    this.tokens.closeExecution(record.executionArn);
    // Suspended for the next runner: the journal keeps it RUNNING.
    if (this.#suspending) return;
    // Unless StopExecution already made the record final.
    if (record.status === 'RUNNING') {
      Object.assign(record, { stopDate: new Date(), ...outcomeFields(outcome) });
      this.#journal?.ended(record.name, record);
    }
    this.#options.onExecutionEnd?.(record);
  }

  #taskEnvironment(
    executionArn: string,
    minted: Set<string>,
    invocations: Record<string, number>,
    resumedTask?: { state: string; enteredAt: number },
  ): TaskEnvironment {
    let resumed = resumedTask;
    return {
      executionArn,
      // The first run of the state an execution resumed at started before the restart.
      taskStartedAt: (state) => {
        if (!resumed || resumed.state !== state) return undefined;
        const { enteredAt } = resumed;
        resumed = undefined;
        return enteredAt;
      },
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

/** When the last entry of top-level state `state` happened (epoch ms). */
function enteredTime(events: readonly ExecutionEvent[], state: string): number | undefined {
  for (let i = events.length - 1; i >= 0; i--) {
    const event = events[i]!;
    if (event.type === 'StateEntered' && event.index === undefined && event.state.name === state)
      return event.timestamp;
  }
  return undefined;
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
