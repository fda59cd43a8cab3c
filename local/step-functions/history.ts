/** Maps the library's event log to GetExecutionHistory events (AWS names where one exists). */
import type { ExecutionEvent } from './runner.ts';

export interface HistoryEvent {
  id: number;
  previousEventId: number;
  timestamp: number;
  type: string;
  [details: string]: unknown;
}

const json = (value: unknown) => JSON.stringify(value ?? null);
const text = (value: unknown) => (typeof value === 'string' ? value : json(value));

export function historyEvent(event: ExecutionEvent, index: number, includeData: boolean): HistoryEvent {
  const base = { id: index + 1, previousEventId: index, timestamp: event.timestamp / 1000 };
  const data = <T>(value: T) => (includeData ? value : undefined);
  switch (event.type) {
    case 'ExecutionStarted':
      return { ...base, type: event.type, executionStartedEventDetails: { input: data(json(event.input)) } };
    case 'ExecutionSucceeded':
      return {
        ...base,
        type: event.type,
        executionSucceededEventDetails: { output: data(json(event.output)) },
      };
    case 'ExecutionFailed':
      return {
        ...base,
        type: event.type,
        executionFailedEventDetails: { error: event.Error, cause: text(event.Cause) },
      };
    case 'ExecutionTimeout':
      return { ...base, type: 'ExecutionTimedOut' };
    case 'StateEntered':
      return {
        ...base,
        type: `${event.state.type}StateEntered`,
        stateEnteredEventDetails: { name: event.state.name, input: data(json(event.state.input)) },
      };
    case 'StateExited':
      return {
        ...base,
        type: `${event.state.type}StateExited`,
        stateExitedEventDetails: { name: event.state.name, output: data(json(event.state.output)) },
      };
    case 'MapIterationStarted':
    case 'MapIterationSucceeded':
    case 'MapIterationFailed':
      return {
        ...base,
        type: event.type,
        [`${event.type[0]?.toLowerCase()}${event.type.slice(1)}EventDetails`]: {
          name: event.parentState.name,
          index: event.index,
        },
      };
    default:
      // StateFailed/Retried/Caught and Parallel branch events have no AWS counterpart: library names.
      return { ...base, type: event.type };
  }
}
