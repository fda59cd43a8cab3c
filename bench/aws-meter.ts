/**
 * Measures what the local run would consume on AWS, in the bench process itself:
 *
 * - **DynamoDB request units**, counted at the client: an SDK middleware, added on the shared
 *   clients through `onClientCreated` (functions/shared/aws-clients.ts), asks every call for
 *   `ReturnConsumedCapacity: TOTAL` (and hides the answer from callers that did not ask). The local
 *   DynamoDB (dynalite) computes the units with DynamoDB's rules: a write is 1 WRU per started KB of
 *   the larger of the old and new item, a strongly consistent read 1 RRU per started 4 KB (half for
 *   eventually consistent), a Query or BatchGetItem by the total size of the items it returns. The
 *   meter adds what dynalite leaves out: the write to the `gsi1` index (projection ALL, so the same
 *   units again) for items that carry index keys, and 1 WRU for a write refused by its condition
 *   (DynamoDB still charges it; 1 is the floor, exact for items up to 1 KB).
 * - **SES and Step Functions calls**, counted by the same hook.
 * - **Lambda invocations and handler time**, through `observeInvocations` (local/lambda.ts). All
 *   handlers share the bench's one thread, so overlapping calls inflate each other's wall time; the
 *   meter also reports `sharedMs`, each call charged its share of the time it overlapped others.
 *
 * Every call is attributed to the function whose handler made it (`currentInvocation`), or to
 * `bench` (roster import, status reads, the DynamoDB floor probe).
 */
import type { AwsClient, AwsService } from '../functions/shared/aws-clients.ts';
import { onClientCreated } from '../functions/shared/aws-clients.ts';
import { keys } from '../functions/shared/keys.ts';
import { currentInvocation, type InvocationRecord, observeInvocations } from '../local/lambda.ts';

export interface DynamoCall {
  operation: string;
  input: Record<string, unknown>;
}

export interface FunctionUsage {
  invocations: number;
  /** Summed wall time of the handler calls (overlapping calls each count in full). */
  handlerMs: number;
  /**
   * Handler time with overlapping calls sharing the one thread: while n handler calls are in
   * flight, each is charged 1/n of the time. What the calls would take one at a time on this
   * machine; the basis of the Lambda duration cost.
   */
  sharedMs: number;
  memoryMb: number;
  dynamoCalls: number;
  rru: number;
  wru: number;
  sesCalls: number;
  sfnCalls: number;
}

export interface MeterSnapshot {
  dynamo: { calls: number; rru: number; wru: number; ms: number; conditionFailures: number; gsiWru: number };
  byOperation: Record<string, { calls: number; rru: number; wru: number; ms: number }>;
  byFunction: Record<string, FunctionUsage>;
  sesCalls: number;
  sfnCalls: number;
}

const READS = new Set(['GetItem', 'BatchGetItem', 'Query', 'Scan']);
const WRITES = new Set(['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem']);
/** Sort keys of items that carry gsi1 keys (recommendations: see keys.recommendationHistory). */
const INDEXED_SORT_KEY_PREFIXES = [keys.recommendationPrefix];

type Middleware = (
  next: (args: { input: Record<string, unknown> }) => Promise<{ output: Record<string, unknown> }>,
  context: { commandName?: string },
) => (args: { input: Record<string, unknown> }) => Promise<{ output: Record<string, unknown> }>;

export class AwsMeter {
  #snapshot: MeterSnapshot = emptySnapshot();
  #intervals: { id: string; start: number; end: number }[] = [];
  #recording: DynamoCall[] | undefined;
  #recordFor: string | undefined;
  #recordLimit = 0;
  #paused = false;
  readonly #stop: (() => void)[] = [];

  constructor() {
    this.#stop.push(onClientCreated((client, service) => this.#instrument(client, service)));
    this.#stop.push(observeInvocations((record) => this.#invocation(record)));
  }

  /** Counters since the last reset. */
  snapshot(): MeterSnapshot {
    const snapshot = structuredClone(this.#snapshot);
    for (const [id, ms] of Object.entries(sharedTime(this.#intervals))) {
      const usage = snapshot.byFunction[id];
      if (usage) usage.sharedMs = ms;
    }
    return snapshot;
  }

  reset(): void {
    this.#snapshot = emptySnapshot();
    this.#intervals = [];
  }

  /** While paused, calls are neither counted nor recorded (the floor probe runs paused). */
  pause(paused: boolean): void {
    this.#paused = paused;
  }

  /** Records up to `limit` DynamoDB calls made by function `functionId` (for the floor probe). */
  record(functionId: string, limit: number): void {
    this.#recording = [];
    this.#recordFor = functionId;
    this.#recordLimit = limit;
  }

  takeRecording(): DynamoCall[] {
    const calls = this.#recording ?? [];
    this.#recording = undefined;
    this.#recordFor = undefined;
    return calls;
  }

  close(): void {
    for (const stop of this.#stop) stop();
  }

  #usage(functionId: string, memoryMb = 0): FunctionUsage {
    this.#snapshot.byFunction[functionId] ??= {
      invocations: 0,
      handlerMs: 0,
      sharedMs: 0,
      memoryMb,
      dynamoCalls: 0,
      rru: 0,
      wru: 0,
      sesCalls: 0,
      sfnCalls: 0,
    };
    const usage = this.#snapshot.byFunction[functionId];
    if (memoryMb) usage.memoryMb = memoryMb;
    return usage;
  }

  #invocation(record: InvocationRecord): void {
    if (this.#paused) return;
    const usage = this.#usage(record.fn.id, record.fn.memoryMb ?? 128);
    usage.invocations += 1;
    usage.handlerMs += record.durationMs;
    const end = performance.now();
    this.#intervals.push({ id: record.fn.id, start: end - record.durationMs, end });
  }

  #instrument(client: AwsClient, service: AwsService): void {
    const middleware: Middleware =
      service === 'dynamodb'
        ? (next, context) => this.#dynamoCall(next, context)
        : (next) => this.#otherCall(next, service);
    (client.middlewareStack as unknown as { add(m: Middleware, o: object): void }).add(middleware, {
      step: 'initialize',
      name: 'ladderBenchMeter',
      override: true,
    });
  }

  #otherCall(next: Parameters<Middleware>[0], service: AwsService) {
    return async (args: { input: Record<string, unknown> }) => {
      if (!this.#paused) {
        const usage = this.#usage(currentInvocation()?.id ?? 'bench');
        if (service === 'ses') {
          this.#snapshot.sesCalls += 1;
          usage.sesCalls += 1;
        } else {
          this.#snapshot.sfnCalls += 1;
          usage.sfnCalls += 1;
        }
      }
      return next(args);
    };
  }

  #dynamoCall(next: Parameters<Middleware>[0], context: { commandName?: string }) {
    return async (args: { input: Record<string, unknown> }) => {
      const operation = (context.commandName ?? 'Unknown').replace(/Command$/, '');
      const fn = currentInvocation();
      const functionId = fn?.id ?? 'bench';
      if (
        this.#recording &&
        !this.#paused &&
        functionId === this.#recordFor &&
        this.#recording.length < this.#recordLimit
      ) {
        this.#recording.push({ operation, input: structuredClone(args.input) });
      }
      const asked = args.input.ReturnConsumedCapacity;
      const input = asked ? args.input : { ...args.input, ReturnConsumedCapacity: 'TOTAL' };
      const started = performance.now();
      let units = 0;
      let gsi = 0;
      let failedCondition = false;
      try {
        const result = await next({ ...args, input });
        units = consumedUnits(result.output.ConsumedCapacity);
        if (WRITES.has(operation)) gsi = indexWriteUnits(operation, input, units);
        if (!asked) delete result.output.ConsumedCapacity;
        return result;
      } catch (error) {
        failedCondition = (error as Error).name === 'ConditionalCheckFailedException';
        if (failedCondition) units = 1;
        throw error;
      } finally {
        if (!this.#paused)
          this.#count(functionId, operation, performance.now() - started, units, gsi, failedCondition);
      }
    };
  }

  #count(functionId: string, operation: string, ms: number, units: number, gsi: number, failed: boolean) {
    const d = this.#snapshot.dynamo;
    this.#snapshot.byOperation[operation] ??= { calls: 0, rru: 0, wru: 0, ms: 0 };
    const op = this.#snapshot.byOperation[operation];
    const usage = this.#usage(functionId);
    d.calls += 1;
    d.ms += ms;
    op.calls += 1;
    op.ms += ms;
    usage.dynamoCalls += 1;
    if (READS.has(operation)) {
      d.rru += units;
      op.rru += units;
      usage.rru += units;
    } else {
      const wru = units + gsi;
      d.wru += wru;
      d.gsiWru += gsi;
      op.wru += wru;
      usage.wru += wru;
    }
    if (failed) d.conditionFailures += 1;
  }
}

/** Processor sharing: sweeps the call intervals; while n calls run, each gets 1/n of the time. */
function sharedTime(intervals: { id: string; start: number; end: number }[]): Record<string, number> {
  const points: { t: number; id: string; delta: number }[] = [];
  for (const { id, start, end } of intervals)
    points.push({ t: start, id, delta: 1 }, { t: end, id, delta: -1 });
  points.sort((a, b) => a.t - b.t || a.delta - b.delta);
  const active = new Map<string, number>();
  const shared: Record<string, number> = {};
  let running = 0;
  let last = points[0]?.t ?? 0;
  for (const point of points) {
    const span = point.t - last;
    if (span > 0 && running > 0) {
      for (const [id, count] of active) shared[id] = (shared[id] ?? 0) + (span * count) / running;
    }
    last = point.t;
    running += point.delta;
    const count = (active.get(point.id) ?? 0) + point.delta;
    if (count === 0) active.delete(point.id);
    else active.set(point.id, count);
  }
  return shared;
}

function emptySnapshot(): MeterSnapshot {
  return {
    dynamo: { calls: 0, rru: 0, wru: 0, ms: 0, conditionFailures: 0, gsiWru: 0 },
    byOperation: {},
    byFunction: {},
    sesCalls: 0,
    sfnCalls: 0,
  };
}

function consumedUnits(consumed: unknown): number {
  const list = Array.isArray(consumed) ? consumed : consumed ? [consumed] : [];
  return list.reduce(
    (sum, entry) => sum + Number((entry as { CapacityUnits?: number }).CapacityUnits ?? 0),
    0,
  );
}

/**
 * Units of the gsi1 write that accompanies a table write of an item with index keys (projection
 * ALL: the index item is the table item, so its units are the table write's). BatchWriteItem puts
 * are sized one by one.
 */
function indexWriteUnits(operation: string, input: Record<string, unknown>, tableUnits: number): number {
  if (operation === 'PutItem') return hasIndexKeys(input.Item) ? tableUnits : 0;
  if (operation === 'UpdateItem' || operation === 'DeleteItem')
    return isIndexedKey(input.Key) ? tableUnits : 0;
  if (operation === 'BatchWriteItem') {
    let units = 0;
    for (const requests of Object.values((input.RequestItems ?? {}) as Record<string, unknown[]>)) {
      for (const request of requests as {
        PutRequest?: { Item?: unknown };
        DeleteRequest?: { Key?: unknown };
      }[]) {
        if (request.PutRequest && hasIndexKeys(request.PutRequest.Item))
          units += Math.ceil(itemSize(request.PutRequest.Item) / 1024);
        if (request.DeleteRequest && isIndexedKey(request.DeleteRequest.Key)) units += 1;
      }
    }
    return units;
  }
  return 0;
}

function hasIndexKeys(item: unknown): boolean {
  return typeof item === 'object' && item !== null && 'gsi1pk' in item;
}

function isIndexedKey(key: unknown): boolean {
  const sk = (key as { sk?: unknown } | undefined)?.sk;
  const text = typeof sk === 'string' ? sk : (sk as { S?: string } | undefined)?.S;
  return typeof text === 'string' && INDEXED_SORT_KEY_PREFIXES.some((prefix) => text.startsWith(prefix));
}

/**
 * DynamoDB's item size for a document-client item (attribute names plus values: strings by UTF-8
 * length, numbers about 1 byte per 2 digits + 1, containers 3 bytes + 1 per element).
 */
export function itemSize(item: unknown): number {
  if (typeof item !== 'object' || item === null) return 0;
  return Object.entries(item).reduce(
    (sum, [name, value]) => sum + Buffer.byteLength(name) + valueSize(value),
    0,
  );
}

function valueSize(value: unknown): number {
  if (value === null || value === undefined || typeof value === 'boolean') return 1;
  if (typeof value === 'string') return Buffer.byteLength(value);
  if (typeof value === 'number')
    return Math.ceil(String(Math.abs(value)).replace(/[.-]/g, '').length / 2) + 1;
  if (Array.isArray(value)) return 3 + value.reduce((sum: number, v) => sum + 1 + valueSize(v), 0);
  if (typeof value === 'object') return 3 + Object.keys(value).length + itemSize(value);
  return 0;
}
