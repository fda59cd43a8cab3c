/**
 * Timers of any length for the local Step Functions runner.
 *
 * Node runs a `setTimeout` longer than 2^31−1 ms (24.8 days) after 1 ms, with a
 * TimeoutOverflowWarning. aws-local-stepfunctions times Task timeouts (TimeoutSeconds[Path]), Wait
 * states and execution timeouts with the global `setTimeout`, so a review window of 25 days or
 * more timed out at once and looped at full CPU. On AWS a task may wait up to a year.
 *
 * `installLongTimers()` makes the global `setTimeout` hand only the delays Node cannot hold to
 * long-timeout (chunks of at most 2^31−1 ms) and `clearTimeout` cancel those; every other call
 * goes to Node's own functions unchanged, so nothing else in the process behaves differently.
 */
import { promisify } from 'node:util';
import * as longTimeout from 'long-timeout';

/** The longest delay Node's timers hold. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

type TimerHandle = ReturnType<typeof setTimeout> | longTimeout.Timeout;

/** A timer of any length (chunked above MAX_TIMER_MS); cancel it with `clearLongTimer`. */
export function setLongTimer(callback: () => void, ms: number): TimerHandle {
  return ms > MAX_TIMER_MS ? longTimeout.setTimeout(callback, ms) : setTimeout(callback, ms);
}

export function clearLongTimer(handle: TimerHandle | undefined): void {
  if (handle instanceof longTimeout.Timeout) handle.close();
  else if (handle !== undefined) clearTimeout(handle);
}

const INSTALLED = Symbol.for('ladder.longTimers');

/** Idempotent: the global timers of this process accept delays of any length from now on. */
export function installLongTimers(): void {
  const global = globalThis as typeof globalThis & { [INSTALLED]?: true };
  if (global[INSTALLED]) return;
  global[INSTALLED] = true;
  const nativeSetTimeout = globalThis.setTimeout;
  const nativeClearTimeout = globalThis.clearTimeout;
  const patchedSetTimeout = ((callback: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) => {
    if (typeof ms === 'number' && ms > MAX_TIMER_MS && typeof callback === 'function') {
      return longTimeout.setTimeout(() => callback(...args), ms);
    }
    return nativeSetTimeout(callback, ms, ...args);
  }) as typeof setTimeout;
  // `util.promisify(setTimeout)` keeps working.
  Object.assign(patchedSetTimeout, { [promisify.custom]: (nativeSetTimeout as never)[promisify.custom] });
  const patchedClearTimeout = ((handle: unknown) => {
    if (handle instanceof longTimeout.Timeout) handle.close();
    else nativeClearTimeout(handle as Parameters<typeof clearTimeout>[0]);
  }) as typeof clearTimeout;
  globalThis.setTimeout = patchedSetTimeout;
  globalThis.clearTimeout = patchedClearTimeout;
}
