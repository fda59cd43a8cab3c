/**
 * Fault injection for the local runtime: transient failures of DynamoDB, SES, the Lambda invocations
 * of the workflow and the form's HTTP API, at a configured rate, from a seeded generator.
 *
 * What each fault looks like to the caller, and whether the operation took effect:
 *
 * | service  | fault            | the caller sees                                  | took effect? |
 * |----------|------------------|--------------------------------------------------|--------------|
 * | dynamodb | `throttle`       | 400 ThrottlingException                          | no           |
 * | dynamodb | `server-error`   | 500 InternalServerError                          | no           |
 * | dynamodb | `timeout`        | no answer for `timeoutMs`, then a reset socket   | no           |
 * | dynamodb | `response-lost`  | 500 InternalServerError                          | **yes**      |
 * | dynamodb | `reset-after`    | a reset socket after `timeoutMs`                 | **yes**      |
 * | ses      | `throttle`       | 400 Throttling (Maximum sending rate exceeded)   | no           |
 * | ses      | `server-error`   | 503 ServiceUnavailable                           | no           |
 * | ses      | `response-lost`  | a reset socket after `timeoutMs` (a timeout)     | **yes**      |
 * | lambda   | `throttle`       | Lambda.TooManyRequestsException                  | no           |
 * | lambda   | `server-error`   | Lambda.ServiceException                          | no           |
 * | lambda   | `response-lost`  | Lambda.ServiceException after the handler ran    | **yes**      |
 * | api      | `throttle`       | 503 from the API (Lambda throttled)              | no           |
 * | api      | `response-lost`  | 502 from the API after the handler ran           | **yes**      |
 *
 * DynamoDB 5xx after the write took effect is what AWS documents ("the request may or may not have
 * succeeded"); the SDK retries it, so every conditional write must recognise its own earlier success.
 * SES has no such 5xx here: its 5xx means "not accepted", and only a lost answer is ambiguous.
 * The generator is seeded, so a run's fault *rate and mix* are reproducible; which call gets which
 * fault also depends on the order of concurrent calls, which is not.
 */
import { randomUUID } from 'node:crypto';
import { Agent, createServer, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { closeServer, httpUrl, listen } from './net.ts';

export type FaultService = 'dynamodb' | 'ses' | 'lambda' | 'api';
export type FaultKind = 'throttle' | 'server-error' | 'timeout' | 'response-lost' | 'reset-after';

export interface FaultOptions {
  /** Probability (0–1) that a call gets a fault. */
  rate: number;
  /** Seed of the generator (default 1). */
  seed?: number;
  /** Services to inject into (default all four). */
  services?: readonly FaultService[];
  /** How long a `timeout` / `reset-after` / SES `response-lost` fault holds the call (default 150 ms). */
  timeoutMs?: number;
  /** Only these fault kinds (default: every kind the service has, see the table above). */
  kinds?: readonly FaultKind[];
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
  ],
  lambda: [
    ['throttle', 1],
    ['server-error', 1],
    ['response-lost', 2],
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
      kinds: options.kinds ?? ['throttle', 'server-error', 'timeout', 'response-lost', 'reset-after'],
    };
  }

  private static emptyStats(): FaultStats {
    return { dynamodb: { calls: 0 }, ses: { calls: 0 }, lambda: { calls: 0 }, api: { calls: 0 } };
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
}

// ---------------------------------------------------------------------------------------------
// An HTTP proxy in front of a local AWS stand-in (dynalite, aws-ses-v2-local)

export interface ProxiedExchange {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
  status: number;
  responseBody: Buffer;
}

export interface FaultProxyOptions {
  service: 'dynamodb' | 'ses';
  upstream: string;
  injector: FaultInjector;
  host?: string;
  port?: number;
  /** Sees every exchange that reached the upstream (also those whose response a fault then lost). */
  observe?: (exchange: ProxiedExchange) => void;
}

export interface FaultProxy {
  endpoint: string;
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function errorResponse(service: 'dynamodb' | 'ses', kind: 'throttle' | 'server-error' | 'response-lost') {
  const requestId = randomUUID();
  if (service === 'dynamodb') {
    const [status, type, message] =
      kind === 'throttle'
        ? [400, 'ThrottlingException', 'Rate of requests exceeds the allowed throughput.']
        : [500, 'InternalServerError', 'Internal server error (local fault injection)'];
    return {
      status,
      headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-requestid': requestId },
      body: JSON.stringify({ __type: `com.amazonaws.dynamodb.v20120810#${type}`, message }),
    };
  }
  const [status, type, code, message] =
    kind === 'throttle'
      ? [400, 'Sender', 'Throttling', 'Maximum sending rate exceeded.']
      : [503, 'Receiver', 'ServiceUnavailable', 'Service unavailable (local fault injection)'];
  return {
    status,
    headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId },
    body: `<ErrorResponse xmlns="http://ses.amazonaws.com/doc/2010-12-01/"><Error><Type>${type}</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`,
  };
}

/**
 * Starts a proxy that forwards every request to `upstream` unless the injector picks a fault for it.
 * The SDK is pointed at the proxy (AWS_ENDPOINT_URL_*); tooling that must not see faults (table
 * creation, reading the mail store) talks to the upstream directly.
 */
export async function startFaultProxy(options: FaultProxyOptions): Promise<FaultProxy> {
  const host = options.host ?? '127.0.0.1';
  const upstream = new URL(options.upstream);
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });

  const forward = (method: string, path: string, headers: IncomingHttpHeaders, body: Buffer) =>
    new Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
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
    });

  const server = createServer(async (request, response) => {
    try {
      const chunks: Buffer[] = [];
      for await (const chunk of request) chunks.push(chunk as Buffer);
      const body = Buffer.concat(chunks);
      const method = request.method ?? 'POST';
      const path = request.url ?? '/';
      // The web viewer and the mail store of aws-ses-v2-local are tooling, not the SES API.
      const isApiCall = options.service === 'dynamodb' || (method === 'POST' && path === '/');
      const operation =
        options.service === 'dynamodb'
          ? String(request.headers['x-amz-target'] ?? '').split('.')[1]
          : (new URLSearchParams(body.toString('utf8')).get('Action') ?? undefined);
      const fault = isApiCall
        ? options.injector.pick(options.service, operation ? { operation } : {})
        : undefined;

      if (fault === 'throttle' || fault === 'server-error') {
        const error = errorResponse(options.service, fault);
        response.writeHead(error.status, {
          ...error.headers,
          'content-length': Buffer.byteLength(error.body),
        });
        response.end(error.body);
        return;
      }
      if (fault === 'timeout') {
        await sleep(options.injector.timeoutMs);
        request.socket.destroy();
        return;
      }
      const result = await forward(method, path, request.headers, body);
      options.observe?.({
        method,
        path,
        headers: request.headers,
        body,
        status: result.status,
        responseBody: result.body,
      });
      if (fault === 'response-lost' && options.service === 'dynamodb') {
        const error = errorResponse('dynamodb', 'response-lost');
        response.writeHead(error.status, {
          ...error.headers,
          'content-length': Buffer.byteLength(error.body),
        });
        response.end(error.body);
        return;
      }
      if (fault === 'response-lost' || fault === 'reset-after') {
        await sleep(options.injector.timeoutMs);
        request.socket.destroy();
        return;
      }
      const headers = { ...result.headers };
      delete headers['transfer-encoding'];
      delete headers.connection;
      headers['content-length'] = String(result.body.length);
      response.writeHead(result.status, headers);
      response.end(result.body);
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
      agent.destroy();
    },
  };
}
