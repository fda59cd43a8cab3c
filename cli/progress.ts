/**
 * Progress bars for the long phases of `ladder demo` and `npm run bench`. On a terminal they are
 * cli-progress bars (with a label); anywhere else (CI logs, a pipe) they do not redraw: each bar
 * prints one plain line when it completes, and at most one line every `quietIntervalMs` while it
 * runs, so a log is never flooded.
 *
 * (cli-progress renders into process.stderr and starts a MultiBar's bars only on a TTY: a bar
 * created elsewhere keeps no payload, and its final render printed the raw `{task}` token.)
 */
import { MultiBar, Presets } from 'cli-progress';

export interface ProgressBar {
  /** Sets the current value (and optionally a new total). */
  update(value: number, total?: number): void;
  increment(delta?: number): void;
  /** Marks the bar complete at its current value. */
  done(): void;
}

export interface Progress {
  bar(label: string, total: number): ProgressBar;
  /** Prints a line without breaking the bars. */
  log(line: string): void;
  stop(): void;
}

export interface ProgressOptions {
  /** false: no bars and no lines. Default true. */
  enabled?: boolean;
  /** Where bars and lines go; default process.stderr (cli-progress's default). */
  stream?: NodeJS.WriteStream;
  /** Without a TTY: the least time between two lines of one bar. Default 30 s. */
  quietIntervalMs?: number;
}

const FORMAT = ' {bar} {percentage}% | {value}/{total} {label}';

export function createProgress(options: ProgressOptions = {}): Progress {
  const stream = options.stream ?? process.stderr;
  if (options.enabled === false) return silentProgress();
  if (stream.isTTY) return terminalProgress(stream);
  return lineProgress(stream, options.quietIntervalMs ?? 30_000);
}

function silentProgress(): Progress {
  const bar: ProgressBar = { update() {}, increment() {}, done() {} };
  return { bar: () => bar, log() {}, stop() {} };
}

function terminalProgress(stream: NodeJS.WriteStream): Progress {
  const multi = new MultiBar(
    { format: FORMAT, clearOnComplete: false, hideCursor: true, stream, etaBuffer: 50 },
    Presets.shades_classic,
  );
  return {
    bar(label, total) {
      // The payload (third argument) fills `{label}` in FORMAT.
      const bar = multi.create(Math.max(total, 1), 0, { label });
      return {
        update: (value, newTotal) => {
          if (newTotal !== undefined) bar.setTotal(Math.max(newTotal, 1));
          bar.update(value);
        },
        increment: (delta = 1) => bar.increment(delta),
        done: () => bar.update(bar.getTotal()),
      };
    },
    log: (line) => multi.log(`${line}\n`),
    stop: () => multi.stop(),
  };
}

function lineProgress(stream: NodeJS.WriteStream, quietIntervalMs: number): Progress {
  const write = (line: string) => stream.write(`${line}\n`);
  return {
    bar(label, initialTotal) {
      let total = initialTotal;
      let value = 0;
      let finished = false;
      const started = Date.now();
      let lastLine = started;
      const line = () =>
        `${label}: ${value}/${total} (${((Date.now() - started) / 1000).toFixed(1)} s)${finished ? ' done' : ''}`;
      const changed = () => {
        if (finished) return;
        if (total > 0 && value >= total) {
          finished = true;
          write(line());
        } else if (Date.now() - lastLine >= quietIntervalMs) {
          lastLine = Date.now();
          write(line());
        }
      };
      return {
        update(newValue, newTotal) {
          value = newValue;
          if (newTotal !== undefined) total = newTotal;
          changed();
        },
        increment(delta = 1) {
          value += delta;
          changed();
        },
        done() {
          if (finished) return;
          total = Math.max(total, value);
          value = total;
          changed();
        },
      };
    },
    log: write,
    stop() {},
  };
}
