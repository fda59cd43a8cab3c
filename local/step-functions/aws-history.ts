/**
 * What AWS Step Functions (Standard) would write and bill for a local execution: the execution
 * history events (limit 25,000 per execution) and the state transitions (the billing unit),
 * derived from aws-local-stepfunctions' event log, which records fewer events than AWS writes.
 *
 * The mapping, per library event (state type from the event, task kind from the definition):
 *
 * | library event                   | AWS history events                                                                     |
 * | ------------------------------- | -------------------------------------------------------------------------------------- |
 * | ExecutionStarted                | ExecutionStarted                                                                       |
 * | ExecutionSucceeded / Failed     | ExecutionSucceeded / ExecutionFailed                                                   |
 * | ExecutionAborted / Timeout      | ExecutionAborted / ExecutionTimedOut                                                   |
 * | StateEntered, Task              | TaskStateEntered, TaskScheduled, TaskStarted                                           |
 * | StateRetried, Task              | TaskScheduled, TaskStarted (the retry's attempt; AWS writes no "retried" event)        |
 * | StateFailed, Task               | [TaskSubmitted] TaskTimedOut for States.Timeout, else TaskFailed                       |
 * | StateExited, Task, succeeded    | [TaskSubmitted] TaskSucceeded, TaskStateExited                                         |
 * | StateExited, Task, after Catch  | TaskStateExited (the failure event was written at StateFailed)                         |
 * | StateEntered, Map               | MapStateEntered, MapStateStarted                                                       |
 * | MapIterationStarted/Succeeded   | MapIterationStarted / MapIterationSucceeded                                            |
 * | MapIterationFailed              | MapIterationFailed                                                                     |
 * | StateExited, Map                | MapStateSucceeded, MapStateExited (after a Catch: MapStateExited only)                 |
 * | StateFailed, Map                | MapStateFailed                                                                         |
 * | StateRetried, Map               | MapStateStarted (the Map runs again)                                                   |
 * | StateEntered, Parallel          | ParallelStateEntered, ParallelStateStarted                                             |
 * | StateExited, Parallel           | ParallelStateSucceeded, ParallelStateExited                                            |
 * | StateFailed, Parallel           | ParallelStateFailed                                                                    |
 * | Parallel branch events          | none (AWS writes no per-branch events)                                                 |
 * | StateEntered/Exited, Pass, Wait, Choice, Succeed | <Type>StateEntered / <Type>StateExited                                |
 * | StateEntered, Fail              | FailStateEntered (then ExecutionFailed)                                                |
 * | StateCaught, StateFailed of Pass/Choice/Wait/Succeed/Fail | none                                         |
 *
 * `[TaskSubmitted]`: a `.waitForTaskToken` task writes TaskSubmitted once its Lambda call returns,
 * before it waits for the token. An attempt counts as submitted when it succeeds or ends in
 * States.Timeout (the token did not come back in time); an attempt that failed with another error is
 * taken as a failed Lambda call (no TaskSubmitted). A SendTaskFailure answer is therefore counted
 * one event short — the review cycle never sends one.
 *
 * Not modelled (the library does not report them): MapIterationAborted/MapStateAborted of the
 * iterations still running when a sibling fails, and TaskStateAborted on StopExecution.
 *
 * State transitions, as AWS bills them ("a state transition each time a step of your workflow is
 * executed, including retries"): every state entered, states inside Map iterations included, plus
 * one per retry attempt.
 */
import type { StateMachineDefinition } from 'aws-local-stepfunctions';
import type { ExecutionEvent } from './runner.ts';
import { LAMBDA_WAIT_FOR_TOKEN, walkStates } from './tasks.ts';

/** AWS limits of one Standard execution. */
export const AWS_HISTORY_EVENT_LIMIT = 25_000;
export const AWS_PAYLOAD_LIMIT_BYTES = 256 * 1024;

export interface AwsHistory {
  /** AWS history event types in the order the mapping produces them. */
  events: string[];
  /** `events.length`: what counts against the 25,000-event limit. */
  historyEvents: number;
  /** The billing unit of Standard workflows. */
  stateTransitions: number;
  /** Events by type, for reports. */
  byType: Record<string, number>;
  /** Transitions by state name (Map iterations included), for reports. */
  transitionsByState: Record<string, number>;
}

/** Maps a library event log to the history AWS would write for the same run. */
export function awsHistory(log: readonly ExecutionEvent[], definition: StateMachineDefinition): AwsHistory {
  const callbackTasks = new Set<string>();
  walkStates(definition, (name, state) => {
    if (state.Type === 'Task' && isCallbackResource(state.Resource)) callbackTasks.add(name);
  });
  const events: string[] = [];
  const transitionsByState: Record<string, number> = {};
  let stateTransitions = 0;
  const transition = (name: string) => {
    stateTransitions += 1;
    transitionsByState[name] = (transitionsByState[name] ?? 0) + 1;
  };
  /** State instances (name + Map iteration index) whose last attempt failed: their Exited follows a Catch. */
  const failed = new Set<string>();

  for (const event of log) {
    switch (event.type) {
      case 'ExecutionStarted':
      case 'ExecutionSucceeded':
      case 'ExecutionFailed':
      case 'MapIterationStarted':
      case 'MapIterationSucceeded':
      case 'MapIterationFailed':
        events.push(event.type);
        break;
      case 'ExecutionAborted':
        events.push('ExecutionAborted');
        break;
      case 'ExecutionTimeout':
        events.push('ExecutionTimedOut');
        break;
      case 'ParallelBranchStarted':
      case 'ParallelBranchSucceeded':
      case 'ParallelBranchFailed':
        break;
      case 'StateEntered': {
        const { name, type } = event.state;
        transition(name);
        failed.delete(instanceKey(event));
        if (type === 'Task') events.push('TaskStateEntered', 'TaskScheduled', 'TaskStarted');
        else if (type === 'Map' || type === 'Parallel')
          events.push(`${type}StateEntered`, `${type}StateStarted`);
        else events.push(`${type}StateEntered`);
        break;
      }
      case 'StateRetried': {
        const { name, type } = event.state;
        transition(name);
        failed.delete(instanceKey(event));
        if (type === 'Task') events.push('TaskScheduled', 'TaskStarted');
        else if (type === 'Map' || type === 'Parallel') events.push(`${type}StateStarted`);
        break;
      }
      case 'StateFailed': {
        const { name, type } = event.state;
        failed.add(instanceKey(event));
        if (type === 'Task') {
          const timedOut = event.Error === 'States.Timeout';
          if (callbackTasks.has(name) && timedOut) events.push('TaskSubmitted');
          events.push(timedOut ? 'TaskTimedOut' : 'TaskFailed');
        } else if (type === 'Map' || type === 'Parallel') {
          events.push(`${type}StateFailed`);
        }
        break;
      }
      case 'StateCaught':
        break;
      case 'StateExited': {
        const { name, type } = event.state;
        const key = instanceKey(event);
        const afterCatch = failed.delete(key);
        if (type === 'Task') {
          if (!afterCatch) {
            if (callbackTasks.has(name)) events.push('TaskSubmitted');
            events.push('TaskSucceeded');
          }
          events.push('TaskStateExited');
        } else if (type === 'Map' || type === 'Parallel') {
          if (!afterCatch) events.push(`${type}StateSucceeded`);
          events.push(`${type}StateExited`);
        } else if (type !== 'Fail') {
          events.push(`${type}StateExited`);
        }
        break;
      }
      default:
        // Any event type a newer library version adds: kept under its own name, so it is counted.
        events.push((event as { type: string }).type);
    }
  }

  const byType: Record<string, number> = {};
  for (const type of events) byType[type] = (byType[type] ?? 0) + 1;
  return { events, historyEvents: events.length, stateTransitions, byType, transitionsByState };
}

/**
 * The largest JSON document the execution handled, in UTF-8 bytes: execution input and output,
 * every state's input and output, and every Map state's collected iteration results (AWS builds that
 * array even when `ResultPath: null` discards it). Compare with AWS_PAYLOAD_LIMIT_BYTES.
 */
export function largestPayload(log: readonly ExecutionEvent[]): { bytes: number; where: string } {
  let largest = { bytes: 0, where: '' };
  const consider = (value: unknown, where: string) => {
    if (value === undefined) return;
    const bytes = Buffer.byteLength(JSON.stringify(value));
    if (bytes > largest.bytes) largest = { bytes, where };
  };
  /** Map name → sum of the iteration results' sizes and their count (for the result array). */
  const mapResults = new Map<string, { bytes: number; count: number }>();
  for (const event of log) {
    if (event.type === 'ExecutionStarted') consider(event.input, 'execution input');
    else if (event.type === 'ExecutionSucceeded') consider(event.output, 'execution output');
    else if (event.type === 'StateEntered') consider(event.state.input, `${event.state.name} input`);
    else if (event.type === 'StateExited') consider(event.state.output, `${event.state.name} output`);
  }
  // An iteration's result is the output of the state that ended it: the last StateExited carrying
  // the iteration index before MapIterationSucceeded of that index.
  const lastOutput = new Map<string, unknown>();
  for (const event of log) {
    if (event.type === 'StateExited' && event.index !== undefined) {
      lastOutput.set(String(event.index), event.state.output);
    } else if (event.type === 'MapIterationSucceeded') {
      const output = lastOutput.get(String(event.index));
      const sum = mapResults.get(event.parentState.name) ?? { bytes: 0, count: 0 };
      sum.bytes += Buffer.byteLength(JSON.stringify(output ?? null));
      sum.count += 1;
      mapResults.set(event.parentState.name, sum);
    } else if (event.type === 'StateExited' && event.state.type === 'Map') {
      const sum = mapResults.get(event.state.name);
      if (sum) {
        // `[a,b,c]`: the items, a comma between each, two brackets.
        const bytes = sum.bytes + Math.max(0, sum.count - 1) + 2;
        if (bytes > largest.bytes) largest = { bytes, where: `${event.state.name} iteration results` };
      }
      mapResults.delete(event.state.name);
    }
  }
  return largest;
}

function isCallbackResource(resource: string | undefined): boolean {
  return resource === LAMBDA_WAIT_FOR_TOKEN || (resource?.endsWith('.waitForTaskToken') ?? false);
}

/** A state instance: its name, plus the Map iteration index for states inside an iteration. */
function instanceKey(event: { state: { name: string }; index?: number }): string {
  return `${event.state.name}#${event.index ?? ''}`;
}
