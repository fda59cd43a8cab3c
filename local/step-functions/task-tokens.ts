/**
 * Task tokens of `.waitForTaskToken` tasks. A token is minted when the definition reads
 * `$$.Task.Token`; the task then waits here until SendTaskSuccess/SendTaskFailure, or until it times
 * out: the wait rejects with `States.Timeout` (matched by Retry/Catch by name) and the token is
 * forgotten, so a late answer gets `TaskTimedOut`, as on AWS. Timeouts of any length (chunked timers).
 */
import { randomBytes } from 'node:crypto';
import { NamedError, SfnApiError } from './errors.ts';
import { clearLongTimer, setLongTimer } from './long-timers.ts';

interface OpenTask {
  executionArn: string;
  resolve(output: unknown): void;
  reject(error: Error): void;
  timer: ReturnType<typeof setLongTimer>;
}

const TOKEN_FORMAT = /^[A-Za-z0-9_-]{86}$/;
/** How many finished tokens are remembered to answer `TaskTimedOut` rather than `TaskDoesNotExist`. */
const CLOSED_MEMORY = 100_000;

export class TaskTokenRegistry {
  readonly #open = new Map<string, OpenTask>();
  readonly #closed = new Set<string>();

  mint(): string {
    return randomBytes(64).toString('base64url');
  }

  static isWellFormed(token: unknown): token is string {
    return typeof token === 'string' && TOKEN_FORMAT.test(token);
  }

  /**
   * Opens a task; the promise settles on SendTaskSuccess/SendTaskFailure, or rejects with
   * `States.Timeout` after `timeoutMs`.
   */
  wait(token: string, executionArn: string, timeoutMs: number): Promise<unknown> {
    const { promise, resolve, reject } = Promise.withResolvers<unknown>();
    // A failure may arrive before the task's caller attaches its handlers: never "unhandled".
    promise.catch(() => {});
    const timer = setLongTimer(
      () => {
        this.close(token);
        reject(new NamedError('States.Timeout', 'The task did not answer within its timeout'));
      },
      Math.max(0, timeoutMs),
    );
    timer.unref();
    this.#open.set(token, { executionArn, resolve, reject, timer });
    return promise;
  }

  succeed(token: unknown, output: unknown): void {
    this.check(token);
    let parsed: unknown;
    try {
      parsed = JSON.parse(String(output));
    } catch {
      throw new SfnApiError('InvalidOutput', 'Invalid State Machine Output: output must be valid JSON');
    }
    this.take(token).resolve(parsed);
  }

  fail(token: unknown, error?: string, cause?: string): void {
    this.check(token);
    this.take(token).reject(new NamedError(error ?? 'States.TaskFailed', cause ?? ''));
  }

  heartbeat(token: unknown): void {
    this.check(token);
    this.find(token);
  }

  /** Forgets a task without settling it (its task already ended: timeout, handler error, abort). */
  close(token: string): void {
    const task = this.#open.get(token);
    if (!task) return;
    clearLongTimer(task.timer);
    this.#open.delete(token);
    this.#closed.add(token);
    if (this.#closed.size > CLOSED_MEMORY) this.#closed.delete(this.#closed.values().next().value as string);
  }

  /** Forgets every open task (the runner is closing). */
  closeAll(): void {
    for (const token of [...this.#open.keys()]) this.close(token);
  }

  closeExecution(executionArn: string): void {
    for (const [token, task] of this.#open) if (task.executionArn === executionArn) this.close(token);
  }

  get openCount(): number {
    return this.#open.size;
  }

  private check(token: unknown): asserts token is string {
    if (!TaskTokenRegistry.isWellFormed(token)) throw new SfnApiError('InvalidToken', 'Invalid Token');
  }

  private find(token: string): OpenTask {
    const task = this.#open.get(token);
    if (task) return task;
    if (this.#closed.has(token)) {
      throw new SfnApiError('TaskTimedOut', "Task Timed Out: 'Provided task does not exist anymore'");
    }
    throw new SfnApiError('TaskDoesNotExist', 'Task Does Not Exist');
  }

  private take(token: string): OpenTask {
    const task = this.find(token);
    this.close(token);
    return task;
  }
}
