/**
 * The Step Functions API over HTTP (AWS JSON 1.0: `X-Amz-Target: AWSStepFunctions.<Op>`), enough
 * for unchanged `@aws-sdk/client-sfn` code pointed here with `AWS_ENDPOINT_URL_SFN`.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { closeServer, httpUrl, listen, readBody } from '../net.ts';
import { SfnApiError } from './errors.ts';
import { historyEvent } from './history.ts';
import type { ExecutionRecord, ExecutionStatus, StateMachineRunner } from './runner.ts';

export interface SfnApiOptions {
  runner: StateMachineRunner;
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
}

export interface SfnApi {
  endpoint: string;
  close(): Promise<void>;
}

type Body = Record<string, unknown>;
type Operation = (runner: StateMachineRunner, body: Body) => unknown;

const CONTENT_TYPE = 'application/x-amz-json-1.0';
/** The namespace AWS puts in front of Step Functions error types. */
const ERROR_NAMESPACE = 'com.amazonaws.swf.service.v2.model';
const MAX_REQUEST_BYTES = 1024 * 1024;

const epochSeconds = (date: Date | undefined) => (date ? date.getTime() / 1000 : undefined);

function required(body: Body, field: string): string {
  const value = body[field];
  if (typeof value !== 'string' || value === '') {
    throw new SfnApiError('ValidationException', `1 validation error detected: '${field}' must not be null`);
  }
  return value;
}

function execution(runner: StateMachineRunner, body: Body): ExecutionRecord {
  const arn = required(body, 'executionArn');
  const record = runner.get(arn);
  if (!record) throw new SfnApiError('ExecutionDoesNotExist', `Execution Does Not Exist: '${arn}'`);
  return record;
}

function checkStateMachine(runner: StateMachineRunner, arn: string): void {
  if (!arn.startsWith('arn:aws:states:') || !arn.includes(':stateMachine:')) {
    throw new SfnApiError('InvalidArn', `Invalid Arn: '${arn}'`);
  }
  if (arn !== runner.stateMachineArn) {
    throw new SfnApiError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${arn}'`);
  }
}

/** `nextToken` is the offset of the next page. */
function page<T>(items: T[], body: Body): { items: T[]; nextToken?: string } {
  const max = Math.min(Number(body.maxResults) || 100, 1000);
  const start = Number(body.nextToken ?? 0) || 0;
  const end = start + max;
  return { items: items.slice(start, end), ...(end < items.length ? { nextToken: String(end) } : {}) };
}

const operations: Record<string, Operation> = {
  StartExecution(runner, body) {
    checkStateMachine(runner, required(body, 'stateMachineArn'));
    const input = typeof body.input === 'string' ? body.input : undefined;
    const name = typeof body.name === 'string' ? body.name : undefined;
    const record = runner.start(input, name);
    return { executionArn: record.executionArn, startDate: epochSeconds(record.startDate) };
  },

  DescribeExecution(runner, body) {
    const record = execution(runner, body);
    return {
      executionArn: record.executionArn,
      stateMachineArn: record.stateMachineArn,
      name: record.name,
      status: record.status,
      startDate: epochSeconds(record.startDate),
      stopDate: epochSeconds(record.stopDate),
      input: record.input,
      inputDetails: { included: true },
      ...(record.status === 'SUCCEEDED' ? { output: record.output, outputDetails: { included: true } } : {}),
      error: record.error,
      cause: record.cause,
      redriveCount: record.redriveCount ?? 0,
      ...(record.redriveDate ? { redriveDate: epochSeconds(record.redriveDate) } : {}),
      redriveStatus:
        record.status === 'FAILED' || record.status === 'TIMED_OUT' || record.status === 'ABORTED'
          ? 'REDRIVABLE'
          : 'NOT_REDRIVABLE',
    };
  },

  /** Continues a failed execution from the state that failed (see StateMachineRunner.redrive). */
  RedriveExecution(runner, body) {
    const record = runner.redrive(required(body, 'executionArn'));
    return { redriveDate: epochSeconds(record.redriveDate) };
  },

  ListExecutions(runner, body) {
    checkStateMachine(runner, required(body, 'stateMachineArn'));
    const records = runner.list(body.statusFilter as ExecutionStatus | undefined);
    const { items, nextToken } = page(records, body);
    return {
      executions: items.map((record) => ({
        executionArn: record.executionArn,
        stateMachineArn: record.stateMachineArn,
        name: record.name,
        status: record.status,
        startDate: epochSeconds(record.startDate),
        stopDate: epochSeconds(record.stopDate),
      })),
      nextToken,
    };
  },

  StopExecution(runner, body) {
    execution(runner, body);
    const record = runner.stop(
      required(body, 'executionArn'),
      body.error as string | undefined,
      body.cause as string | undefined,
    );
    return { stopDate: epochSeconds(record.stopDate) };
  },

  GetExecutionHistory(runner, body) {
    const record = execution(runner, body);
    const events = record.events.map((event, index) =>
      historyEvent(event, index, body.includeExecutionData !== false),
    );
    if (body.reverseOrder === true) events.reverse();
    const { items, nextToken } = page(events, body);
    return { events: items, nextToken };
  },

  SendTaskSuccess(runner, body) {
    runner.tokens.succeed(required(body, 'taskToken'), required(body, 'output'));
    return {};
  },

  SendTaskFailure(runner, body) {
    runner.tokens.fail(
      required(body, 'taskToken'),
      body.error as string | undefined,
      body.cause as string | undefined,
    );
    return {};
  },

  SendTaskHeartbeat(runner, body) {
    runner.tokens.heartbeat(required(body, 'taskToken'));
    return {};
  },
};

async function handle(runner: StateMachineRunner, request: IncomingMessage): Promise<unknown> {
  const target = String(request.headers['x-amz-target'] ?? '');
  const [service, name = ''] = target.split('.');
  const operation =
    service === 'AWSStepFunctions' && request.method === 'POST' ? operations[name] : undefined;
  if (!operation)
    throw new SfnApiError('UnknownOperationException', `Unknown operation: ${target || '(none)'}`);
  const { body, tooLarge } = await readBody(request, MAX_REQUEST_BYTES);
  if (tooLarge) throw new SfnApiError('ValidationException', 'Request too large', 413);
  let parsed: Body;
  try {
    parsed = body.length ? (JSON.parse(body.toString('utf8')) as Body) : {};
  } catch {
    throw new SfnApiError('SerializationException', 'Request body is not valid JSON');
  }
  return operation(runner, parsed);
}

function respond(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': CONTENT_TYPE,
    'content-length': Buffer.byteLength(text),
    'x-amzn-requestid': randomUUID(),
  });
  response.end(text);
}

export async function startSfnApi(options: SfnApiOptions): Promise<SfnApi> {
  const host = options.host ?? '127.0.0.1';
  const server = createServer((request, response) => {
    handle(options.runner, request).then(
      (result) => respond(response, 200, result),
      (error: unknown) => {
        if (error instanceof SfnApiError) {
          respond(response, error.status, {
            __type: `${ERROR_NAMESPACE}#${error.type}`,
            message: error.message,
          });
        } else {
          console.error('[local sfn] internal error', error);
          respond(response, 500, { __type: `${ERROR_NAMESPACE}#InternalFailure`, message: String(error) });
        }
      },
    );
  });
  const port = await listen(server, options.port ?? 0, host);
  return { endpoint: httpUrl(host, port), close: () => closeServer(server) };
}
