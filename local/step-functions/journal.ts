/**
 * The executions of a local runtime with a data directory, kept on disk so that they survive a
 * restart — Ctrl-C or `kill -9` — like executions on AWS survive anything. One JSON Lines file per
 * execution under `<dataDir>/executions/`: the start (name, input), then every event of the
 * library's log as it happens, then status changes (end, redrive). Each line is appended with one
 * synchronous write, so a killed process leaves at most a torn last line, which loading skips.
 *
 * A journal only has to be good enough to resume: the runner goes on from the last top-level state
 * that did not complete (every Ladder step is safe to run again), as a redrive does.
 */
import { appendFileSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** What the runner needs back to rebuild an execution record. */
export interface JournalledExecution {
  executionArn: string;
  name: string;
  input: string;
  startDate: Date;
  status: string;
  error?: string;
  cause?: string;
  output?: string;
  stopDate?: Date;
  redriveCount?: number;
  redriveDate?: Date;
  redriveFrom?: string;
  /** The library's events, in order. */
  events: unknown[];
}

type Line =
  | { kind: 'start'; executionArn: string; name: string; input: string; startDate: string }
  | { kind: 'event'; event: unknown }
  | {
      kind: 'status';
      status: string;
      error?: string;
      cause?: string;
      output?: string;
      stopDate?: string;
    }
  | { kind: 'redrive'; redriveCount: number; redriveDate: string; redriveFrom: string };

export class ExecutionJournal {
  readonly directory: string;

  constructor(directory: string) {
    this.directory = directory;
    mkdirSync(directory, { recursive: true });
  }

  #file(name: string): string {
    // Execution names have no slash, but may hold characters a file system dislikes.
    return join(this.directory, `${encodeURIComponent(name)}.jsonl`);
  }

  #append(name: string, line: Line): void {
    appendFileSync(this.#file(name), `${JSON.stringify(line)}\n`);
  }

  started(execution: { executionArn: string; name: string; input: string; startDate: Date }): void {
    this.#append(execution.name, {
      kind: 'start',
      executionArn: execution.executionArn,
      name: execution.name,
      input: execution.input,
      startDate: execution.startDate.toISOString(),
    });
  }

  event(name: string, event: unknown): void {
    this.#append(name, { kind: 'event', event });
  }

  ended(
    name: string,
    end: { status: string; error?: string; cause?: string; output?: string; stopDate?: Date },
  ): void {
    this.#append(name, {
      kind: 'status',
      status: end.status,
      ...(end.error === undefined ? {} : { error: end.error }),
      ...(end.cause === undefined ? {} : { cause: end.cause }),
      ...(end.output === undefined ? {} : { output: end.output }),
      ...(end.stopDate ? { stopDate: end.stopDate.toISOString() } : {}),
    });
  }

  redriven(name: string, redrive: { redriveCount: number; redriveDate: Date; redriveFrom: string }): void {
    this.#append(name, {
      kind: 'redrive',
      redriveCount: redrive.redriveCount,
      redriveDate: redrive.redriveDate.toISOString(),
      redriveFrom: redrive.redriveFrom,
    });
  }

  /** Every execution in the journal, oldest first. */
  load(): JournalledExecution[] {
    const executions: JournalledExecution[] = [];
    for (const file of readdirSync(this.directory).filter((f) => f.endsWith('.jsonl'))) {
      const execution = this.#read(join(this.directory, file));
      if (execution) executions.push(execution);
    }
    return executions.sort((a, b) => a.startDate.getTime() - b.startDate.getTime());
  }

  #read(path: string): JournalledExecution | undefined {
    let execution: JournalledExecution | undefined;
    for (const text of readFileSync(path, 'utf8').split('\n')) {
      if (text.trim() === '') continue;
      let line: Line;
      try {
        line = JSON.parse(text) as Line;
      } catch {
        continue; // the torn last line of a killed process
      }
      if (line.kind === 'start') {
        execution = {
          executionArn: line.executionArn,
          name: line.name,
          input: line.input,
          startDate: new Date(line.startDate),
          status: 'RUNNING',
          events: [],
        };
      } else if (!execution) {
        return undefined;
      } else if (line.kind === 'event') {
        execution.events.push(line.event);
      } else if (line.kind === 'status') {
        execution.status = line.status;
        for (const key of ['error', 'cause', 'output'] as const) {
          if (line[key] === undefined) delete execution[key];
          else execution[key] = line[key];
        }
        if (line.stopDate) execution.stopDate = new Date(line.stopDate);
      } else if (line.kind === 'redrive') {
        Object.assign(execution, {
          status: 'RUNNING',
          redriveCount: line.redriveCount,
          redriveDate: new Date(line.redriveDate),
          redriveFrom: line.redriveFrom,
        });
        delete execution.stopDate;
        delete execution.error;
        delete execution.cause;
        delete execution.output;
      }
    }
    return execution;
  }
}
