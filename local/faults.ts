/**
 * Fault injection for the local runtime: transient failures of DynamoDB, SES, the Lambda invocations
 * of the workflow and the form's HTTP API, at a configured rate, from a seeded generator.
 *
 * What each fault looks like to the caller, and whether the operation took effect:
 *
 * | service    | fault            | the caller sees                                          | took effect? |
 * |------------|------------------|----------------------------------------------------------|--------------|
 * | dynamodb   | `throttle`       | 400 ThrottlingException                                  | no           |
 * | dynamodb   | `server-error`   | 500 InternalServerError                                  | no           |
 * | dynamodb   | `timeout`        | no answer for `timeoutMs`, then a reset socket           | no           |
 * | dynamodb   | `response-lost`  | 500 InternalServerError                                  | **yes**      |
 * | dynamodb   | `reset-after`    | a reset socket after `timeoutMs`                         | **yes**      |
 * | ses        | `throttle`       | 400 Throttling (Maximum sending rate exceeded)           | no           |
 * | ses        | `server-error`   | 503 ServiceUnavailable                                   | no           |
 * | ses        | `response-lost`  | a reset socket after `timeoutMs` (a timeout)             | **yes**      |
 * | ses        | `reset-before`   | a reset socket before SES read the request               | no           |
 * | ses        | (window)         | `throttleSesFor(ms)`: every send Throttling for `ms`     | no           |
 * | ses-events | `duplicate`      | the SES event (Send, Delivery…) is delivered twice       | —            |
 * | ses-events | `late`           | the SES event arrives `lateMs` later                     | —            |
 * | lambda     | `throttle`       | Lambda.TooManyRequestsException                          | no           |
 * | lambda     | `server-error`   | Lambda.ServiceException                                  | no           |
 * | lambda     | `response-lost`  | Lambda.ServiceException after the handler ran            | **yes**      |
 * | lambda     | `cut-off`        | Sandbox.Timedout: the invocation is cut off after a      | **partly**   |
 * |            |                  | random part of `cutOffMs`, what it left running frozen   |              |
 * | api        | `throttle`       | 503 from the API (Lambda throttled)                      | no           |
 * | api        | `response-lost`  | 502 from the API after the handler ran                   | **yes**      |
 *
 * The kinds in the first table rows are the default mix; `reset-before`, `duplicate`, `late` and
 * `cut-off` happen only when planned (`planNext`) or listed in `kinds`, and `ses-events` only when
 * listed in `services`.
 *
 * DynamoDB 5xx after the write took effect is what AWS documents ("the request may or may not have
 * succeeded"); the SDK retries it, so every conditional write must recognise its own earlier success.
 * SES has no such 5xx here: its 5xx means "not accepted", and only a lost answer is ambiguous.
 * The generator is seeded, so a run's fault *rate and mix* are reproducible; which call gets which
 * fault also depends on the order of concurrent calls, which is not.
 */
import { randomUUID } from 'node:crypto';
import {
  Agent,
  createServer,
  request as httpRequest,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import { closeServer, httpUrl, listen } from './net.ts';

export type FaultService = 'dynamodb' | 'ses' | 'ses-events' | 'lambda' | 'api';
export type FaultKind =
  | 'throttle'
  | 'server-error'
  | 'timeout'
  | 'response-lost'
  | 'reset-after'
  | 'reset-before'
  | 'duplicate'
  | 'late'
  | 'cut-off';

/** The default mix: what every service can get unless `kinds` says otherwise. */
const DEFAULT_KINDS: readonly FaultKind[] = [
  'throttle',
  'server-error',
  'timeout',
  'response-lost',
  'reset-after',
];

export interface FaultOptions {
  /** Probability (0–1) that a call gets a fault. */
  rate: number;
  /** Seed of the generator (default 1). */
  seed?: number;
  /** Services to inject into (default dynamodb, ses, lambda, api). */
  services?: readonly FaultService[];
  /** How long a `timeout` / `reset-after` / SES `response-lost` fault holds the call (default 150 ms). */
  timeoutMs?: number;
  /** Only these fault kinds (default: the first five of the table above). */
  kinds?: readonly FaultKind[];
  /** How much later a `late` SES event arrives (default 1,000 ms). */
  lateMs?: number;
  /** A `cut-off` invocation ends after a random time below this (default 400 ms). */
  cutOffMs?: number;
}

/** One call as the injector sees it: its operation (`PutItem`, `SendEmail`, a function id, `POST`). */
export interface FaultCall {
  operation?: string;
  /** Lambda: the invocation's payload. */
  payload?: unknown;
}

interface PlannedFault {
  service: FaultService;
  kind: FaultKind;
  match?: (call: FaultCall) => boolean;
}

/** Fault kinds each service can get, with their relative weights. */
const MIX: Record<FaultService, [FaultKind, number][]> = {
  dynamodb: [
    ['throttle', 3],
    ['server-error', 2],
    ['timeout', 1],
    ['response-lost', 3],
    ['reset-after', 1],
  ],
  ses: [
    ['throttle', 2],
    ['server-error', 1],
    ['response-lost', 2],
    ['reset-before', 2],
  ],
  'ses-events': [
    ['duplicate', 1],
    ['late', 1],
  ],
  lambda: [
    ['throttle', 1],
    ['server-error', 1],
    ['response-lost', 2],
    ['cut-off', 1],
  ],
  api: [
    ['throttle', 1],
    ['response-lost', 1],
  ],
};

/** A one-off failure planned for a function: the next invocation fails with `errorName`. */
export interface PlannedFailure {
  errorName: string;
  message: string;
  /** Fail after the handler ran (its effects stay), or before it runs. */
  after: boolean;
}

export type FaultStats = Record<FaultService, { calls: number } & Partial<Record<FaultKind, number>>>;

/** mulberry32: small, fast, good enough for picking faults. */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class FaultInjector {
  #options: Required<FaultOptions>;
  #random: () => number;
  #stats: FaultStats = FaultInjector.emptyStats();
  readonly #planned = new Map<string, PlannedFailure[]>();
  readonly #plannedFaults: PlannedFault[] = [];
  #sesThrottle: { ms: number; until?: number; opensOn?: (call: FaultCall) => boolean } | undefined;

  constructor(options: FaultOptions = { rate: 0 }) {
    this.#options = FaultInjector.complete(options);
    this.#random = generator(this.#options.seed);
  }

  private static complete(options: FaultOptions): Required<FaultOptions> {
    if (!(options.rate >= 0 && options.rate <= 1))
      throw new Error(`Fault rate must be 0–1, got ${options.rate}`);
    return {
      rate: options.rate,
      seed: options.seed ?? 1,
      services: options.services ?? ['dynamodb', 'ses', 'lambda', 'api'],
      timeoutMs: options.timeoutMs ?? 150,
      kinds: options.kinds ?? DEFAULT_KINDS,
      lateMs: options.lateMs ?? 1000,
      cutOffMs: options.cutOffMs ?? 400,
    };
  }

  private static emptyStats(): FaultStats {
    return {
      dynamodb: { calls: 0 },
      ses: { calls: 0 },
      'ses-events': { calls: 0 },
      lambda: { calls: 0 },
      api: { calls: 0 },
    };
  }

  /** Changes rate, seed or services from now on (a new seed restarts the generator) and clears the stats. */
  configure(options: FaultOptions): void {
    this.#options = FaultInjector.complete(options);
    this.#random = generator(this.#options.seed);
    this.#stats = FaultInjector.emptyStats();
  }

  get options(): Readonly<Required<FaultOptions>> {
    return this.#options;
  }

  /** Calls seen and faults injected per service and kind since the last `configure`. */
  get stats(): FaultStats {
    return structuredClone(this.#stats);
  }

  /**
   * Plans one fault for the next call of `service` (whose operation `match`es, if given), whatever
   * the rate: for deterministic tests ("the response of the next UpdateItem is lost").
   */
  planNext(service: FaultService, kind: FaultKind, match?: (call: FaultCall) => boolean): void {
    this.#plannedFaults.push({ service, kind, ...(match ? { match } : {}) });
  }

  /** Decides the fault (if any) of one call. */
  pick(service: FaultService, call: FaultCall = {}): FaultKind | undefined {
    const stats = this.#stats[service];
    stats.calls++;
    const planned = this.#plannedFaults.findIndex(
      (fault) => fault.service === service && (!fault.match || fault.match(call)),
    );
    if (planned >= 0) {
      const [fault] = this.#plannedFaults.splice(planned, 1);
      stats[fault!.kind] = (stats[fault!.kind] ?? 0) + 1;
      return fault!.kind;
    }
    if (this.#options.rate <= 0 || !this.#options.services.includes(service)) return undefined;
    if (this.#random() >= this.#options.rate) return undefined;
    const mix = MIX[service].filter(([kind]) => this.#options.kinds.includes(kind));
    let roll = this.#random() * mix.reduce((sum, [, weight]) => sum + weight, 0);
    for (const [kind, weight] of mix) {
      roll -= weight;
      if (roll < 0) {
        stats[kind] = (stats[kind] ?? 0) + 1;
        return kind;
      }
    }
    return undefined;
  }

  /**
   * Plans the next invocation of function `functionId` (catalog id) to fail with a non-transient
   * error (one the workflow does not retry), e.g. to make an execution fail and then redrive it.
   */
  failNext(functionId: string, failure: Partial<PlannedFailure> = {}): void {
    const list = this.#planned.get(functionId) ?? [];
    list.push({
      errorName: failure.errorName ?? 'InjectedFailure',
      message: failure.message ?? `Injected failure of ${functionId} (local fault injection)`,
      after: failure.after ?? true,
    });
    this.#planned.set(functionId, list);
  }

  /** The planned failure of this invocation of `functionId`, if any (consumed). */
  takePlanned(functionId: string): PlannedFailure | undefined {
    const list = this.#planned.get(functionId);
    const next = list?.shift();
    if (list && list.length === 0) this.#planned.delete(functionId);
    return next;
  }

  get timeoutMs(): number {
    return this.#options.timeoutMs;
  }

  /**
   * Sustained throttling: from the next SendEmail on (that `opensOn` matches, if given: its payload
   * is the message tags), SES answers every send `Throttling` ("Maximum sending rate exceeded.")
   * for `ms` milliseconds.
   */
  throttleSesFor(ms: number, opensOn?: (call: FaultCall) => boolean): void {
    this.#sesThrottle = { ms, ...(opensOn ? { opensOn } : {}) };
  }

  /** True while a sustained throttling window is open (the first matching call opens a planned one). */
  sesThrottled(call: FaultCall = {}, now = Date.now()): boolean {
    const window = this.#sesThrottle;
    if (!window) return false;
    if (window.until === undefined && window.opensOn && !window.opensOn(call)) return false;
    window.until ??= now + window.ms;
    if (now < window.until) {
      this.#stats.ses.throttle = (this.#stats.ses.throttle ?? 0) + 1;
      return true;
    }
    this.#sesThrottle = undefined;
    return false;
  }

  /** How long a `cut-off` invocation may run before it is cut off: a random part of `cutOffMs`. */
  cutOffAfterMs(): number {
    return Math.round(this.#options.cutOffMs * (0.25 + 0.75 * this.#random()));
  }

  get lateMs(): number {
    return this.#options.lateMs;
  }
}

// ---------------------------------------------------------------------------------------------
// An HTTP proxy in front of the local DynamoDB (dynalite). SES has its own front (local/ses-front.ts).

export interface FaultProxyOptions {
  service: 'dynamodb';
  upstream: string;
  injector: FaultInjector;
  host?: string;
  port?: number;
}

export interface FaultProxy {
  endpoint: string;
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function dynamoError(kind: 'throttle' | 'server-error' | 'response-lost') {
  const [status, type, message] =
    kind === 'throttle'
      ? [400, 'ThrottlingException', 'Rate of requests exceeds the allowed throughput.']
      : [500, 'InternalServerError', 'Internal server error (local fault injection)'];
  return {
    status,
    headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-requestid': randomUUID() },
    body: JSON.stringify({ __type: `com.amazonaws.dynamodb.v20120810#${type}`, message }),
  };
}

/**
 * Starts a proxy that forwards every request to `upstream` unless the injector picks a fault for it.
 * The SDK is pointed at the proxy (AWS_ENDPOINT_URL_DYNAMODB); tooling that must not see faults
 * (table creation) talks to the upstream directly.
 */
export async function startFaultProxy(options: FaultProxyOptions): Promise<FaultProxy> {
  const host = options.host ?? '127.0.0.1';
  const upstream = await forwarder(options.upstream);

  const server = createServer(async (request, response) => {
    try {
      const body = await readRequest(request);
      const method = request.method ?? 'POST';
      const path = request.url ?? '/';
      const operation = String(request.headers['x-amz-target'] ?? '').split('.')[1];
      const fault = options.injector.pick('dynamodb', operation ? { operation } : {});

      if (fault === 'throttle' || fault === 'server-error') {
        sendError(response, dynamoError(fault));
        return;
      }
      if (fault === 'timeout') {
        await sleep(options.injector.timeoutMs);
        request.socket.destroy();
        return;
      }
      const result = await upstream.forward(method, path, request.headers, body);
      if (fault === 'response-lost') {
        sendError(response, dynamoError('response-lost'));
        return;
      }
      if (fault === 'reset-after') {
        await sleep(options.injector.timeoutMs);
        request.socket.destroy();
        return;
      }
      relay(response, result);
    } catch (error) {
      if (!response.headersSent) {
        response.writeHead(502, { 'content-type': 'text/plain' });
        response.end(`fault proxy: upstream failed: ${(error as Error).message}`);
      } else {
        response.destroy();
      }
    }
  });
  const port = await listen(server, options.port ?? 0, host);
  return {
    endpoint: httpUrl(host, port),
    close: async () => {
      await closeServer(server);
      upstream.close();
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Shared by the proxies: forwarding a request and relaying the answer

export interface UpstreamResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export async function forwarder(upstreamUrl: string) {
  const upstream = new URL(upstreamUrl);
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  return {
    forward: (method: string, path: string, headers: IncomingHttpHeaders, body: Buffer) =>
      new Promise<UpstreamResponse>((resolve, reject) => {
        const outgoing = httpRequest(
          {
            host: upstream.hostname,
            port: upstream.port,
            method,
            path,
            headers: { ...headers, host: upstream.host, 'content-length': String(body.length) },
            agent,
          },
          (response) => {
            const chunks: Buffer[] = [];
            response.on('data', (chunk: Buffer) => chunks.push(chunk));
            response.on('end', () =>
              resolve({
                status: response.statusCode ?? 502,
                headers: response.headers,
                body: Buffer.concat(chunks),
              }),
            );
            response.on('error', reject);
          },
        );
        outgoing.on('error', reject);
        outgoing.end(body);
      }),
    close: () => agent.destroy(),
  };
}

export async function readRequest(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export function relay(response: ServerResponse, result: UpstreamResponse): void {
  const headers = { ...result.headers };
  delete headers['transfer-encoding'];
  delete headers.connection;
  headers['content-length'] = String(result.body.length);
  response.writeHead(result.status, headers);
  response.end(result.body);
}

export function sendError(
  response: ServerResponse,
  error: { status: number; headers: Record<string, string>; body: string },
): void {
  response.writeHead(error.status, {
    ...error.headers,
    'content-length': String(Buffer.byteLength(error.body)),
  });
  response.end(error.body);
}
