/**
 * Concurrent work that stops as a whole on the first failure. p-map (`stopOnError`) starts no new
 * item after a failure; the workers already running are told to stop through an AbortSignal, and
 * the failure is thrown only once every one of them has settled — so none is left running (and
 * holding a claim) when the Lambda returns and its environment is frozen.
 */
import pMap from 'p-map';

export async function mapStoppingOnFirstFailure<T, R>(
  items: Iterable<T>,
  concurrency: number,
  task: (item: T, signal: AbortSignal) => Promise<R>,
): Promise<R[]> {
  const controller = new AbortController();
  const running = new Set<Promise<R>>();
  try {
    return await pMap(
      items,
      (item) => {
        const run = task(item, controller.signal);
        running.add(run);
        run.then(
          () => running.delete(run),
          () => running.delete(run),
        );
        return run;
      },
      { concurrency, stopOnError: true },
    );
  } catch (error) {
    controller.abort(error);
    await Promise.allSettled([...running]);
    throw error;
  }
}
