/**
 * DynamoDB throughput as AWS meters it, for the local metering proxy (local/dynamodb-metering.ts).
 *
 * Checked in the AWS documentation (DynamoDB developer guide: "Read and write operations",
 * "On-demand capacity mode", "Pre-warming a table for on-demand capacity mode", "DynamoDB throttling
 * resolution guide", and the knowledge-center article on on-demand throttling):
 * - Units: a write is 1 unit per started KB of the item (the larger of before and after for an
 *   update or a replacing put; a delete counts the deleted item); a strongly consistent read is 1
 *   unit per started 4 KB (of the whole item, whatever the projection; a query sums the items it
 *   read, before any filter), an eventually consistent read half. Batch operations count item by
 *   item. A write to an item with index keys writes the index too. A refused conditional write
 *   still consumes units (the size of the existing item, at least 1).
 * - Each partition serves at most 3,000 read units or 1,000 write units a second, or a linear
 *   combination of both ("KeyRangeThroughputExceeded").
 * - A new on-demand table takes up to 4,000 write units or 12,000 read units a second (or a linear
 *   combination) and instantly accommodates double its previous peak; a new peak is accommodated
 *   once 30 minutes have passed since it was reached ("throttling can still occur if the throughput
 *   exceeds twice the previous peak within the same 30 minutes").
 *
 * Model: every partition (a partition-key value of the table, or of an index) and the table have a
 * sliding one-second window of consumed units, in write-equivalents (a read unit costs
 * writeLimit / readLimit). A call is refused while a window it would use is full; a call that is let
 * through reserves its estimated units at once and is corrected to the real units when DynamoDB
 * answers, so concurrent calls cannot all slip into the same free second. A partition is the whole
 * item collection of one key value: DynamoDB may split a hot collection by sort key, but not when it
 * is written in key order, and the design must not count on it.
 */

export interface ThroughputLimits {
  /** Write units per second one partition serves. */
  partitionWriteUnits: number;
  /** Read units per second one partition serves. */
  partitionReadUnits: number;
  /** Write units per second a new on-demand table takes (warm throughput). */
  tableWriteUnits: number;
  /** Read units per second a new on-demand table takes. */
  tableReadUnits: number;
  /** How long a new peak takes to count as the "previous peak" the table doubles. */
  peakAgeMs: number;
}

/** AWS's figures for an on-demand table (see above). */
export const AWS_ON_DEMAND_LIMITS: ThroughputLimits = {
  partitionWriteUnits: 1_000,
  partitionReadUnits: 3_000,
  tableWriteUnits: 4_000,
  tableReadUnits: 12_000,
  peakAgeMs: 30 * 60_000,
};

export type UnitKind = 'read' | 'write';

/** Read units are fractions of write units: 3,000 thirds must fill the window exactly. */
const EPSILON = 1e-6;

/** One partition a call uses: `table:<pk>` or `<index>:<index pk>`. */
export interface Touch {
  partition: string;
  kind: UnitKind;
  units: number;
}

export type Refusal =
  | { scope: 'partition'; partition: string; kind: UnitKind; index?: string }
  | { scope: 'table'; kind: UnitKind };

/** One second's units of one partition. */
export interface PartitionSecond {
  partition: string;
  writeUnits: number;
  readUnits: number;
}

/** One second of the table: its busiest partitions and its totals (for per-phase peaks). */
export interface ThroughputSecond {
  /** `floor(clock / 1000)` of the meter's clock (performance.now() by default). */
  second: number;
  hottestWrite?: PartitionSecond;
  hottestRead?: PartitionSecond;
  tableWriteUnits: number;
  tableReadUnits: number;
  /** Calls refused and batch items left unprocessed. */
  throttled: number;
}

export interface ThroughputPeaks {
  /** The partition with the most write units in one second, and that second's units. */
  hottestWrite?: PartitionSecond;
  /** The partition with the most read units in one second. */
  hottestRead?: PartitionSecond;
  /** The table's busiest second, in write units and in read units. */
  tableWriteUnits: number;
  tableReadUnits: number;
  /** Calls refused and batch items left unprocessed, by reason. */
  throttled: Record<string, number>;
}

/** Units consumed in the last second, with entries that age out. */
class SlidingWindow {
  #times: number[] = [];
  #units: number[] = [];
  #head = 0;
  #sum = 0;

  add(now: number, units: number): void {
    this.#times.push(now);
    this.#units.push(units);
    this.#sum += units;
  }

  sum(now: number): number {
    while (this.#head < this.#times.length && (this.#times[this.#head] as number) <= now - 1000) {
      this.#sum -= this.#units[this.#head] as number;
      this.#head++;
    }
    if (this.#head > 1024 && this.#head * 2 > this.#times.length) {
      this.#times = this.#times.slice(this.#head);
      this.#units = this.#units.slice(this.#head);
      this.#head = 0;
    }
    if (this.#head === this.#times.length) this.#sum = 0; // no float drift once empty
    return this.#sum;
  }
}

interface SecondTally {
  second: number;
  writeUnits: number;
  readUnits: number;
}

export class ThroughputMeter {
  readonly limits: ThroughputLimits;
  readonly #now: () => number;
  readonly #partitions = new Map<string, SlidingWindow>();
  readonly #table = new SlidingWindow();
  /** Current second per partition, and the peaks since the last `takePeaks`. */
  readonly #seconds = new Map<string, SecondTally>();
  #peaks: ThroughputPeaks = emptyPeaks();
  #allTime: ThroughputPeaks = emptyPeaks();
  /** The table's seconds (write-equivalents), for the 30-minute scaling rule. */
  #tableSecond: SecondTally = { second: -1, writeUnits: 0, readUnits: 0 };
  readonly #recentSeconds: { second: number; load: number }[] = [];
  #agedPeak = 0;
  readonly #timeline = new Map<number, ThroughputSecond>();
  #timelineExcludes: string[] = [];

  constructor(limits: ThroughputLimits = AWS_ON_DEMAND_LIMITS, now: () => number = () => performance.now()) {
    this.limits = limits;
    this.#now = now;
  }

  /** What one read unit costs against a partition's or the table's write-unit capacity. */
  get #readCost(): number {
    return this.limits.partitionWriteUnits / this.limits.partitionReadUnits;
  }

  /** Write units per second the table takes now: double the peak that is at least 30 minutes old. */
  tableCapacity(now: number = this.#now()): number {
    this.#ageSeconds(now);
    return Math.max(this.limits.tableWriteUnits, 2 * this.#agedPeak);
  }

  #load(touch: Touch): number {
    return touch.kind === 'write' ? touch.units : touch.units * this.#readCost;
  }

  /**
   * Lets a call through (reserving its estimated units) or refuses it, naming the full window.
   * Throttled calls consume nothing.
   */
  admit(touches: readonly Touch[]): Refusal | undefined {
    const now = this.#now();
    const tableLoad = this.#table.sum(now);
    const tableKind: UnitKind = touches.some((t) => t.kind === 'write') ? 'write' : 'read';
    if (tableLoad >= this.tableCapacity(now) - EPSILON) {
      this.#count(`Table${tableKind === 'write' ? 'Write' : 'Read'}Capacity`);
      return { scope: 'table', kind: tableKind };
    }
    for (const touch of touches) {
      if (this.#window(touch.partition).sum(now) >= this.limits.partitionWriteUnits - EPSILON) {
        const index = touch.partition.startsWith('table:') ? undefined : touch.partition.split(':')[0];
        this.#count(
          `${index ? 'Index' : 'Table'}${touch.kind === 'write' ? 'Write' : 'Read'}KeyRangeThroughputExceeded`,
        );
        return {
          scope: 'partition',
          partition: touch.partition,
          kind: touch.kind,
          ...(index ? { index } : {}),
        };
      }
    }
    this.charge(touches);
    return undefined;
  }

  /** Adds units (negative to correct an estimate) to the partitions' and the table's windows. */
  charge(touches: readonly Touch[]): void {
    const now = this.#now();
    const second = Math.floor(now / 1000);
    for (const touch of touches) {
      if (touch.units === 0) continue;
      const load = this.#load(touch);
      this.#window(touch.partition).add(now, load);
      this.#table.add(now, load);
      this.#tally(touch, second);
    }
    this.#ageSeconds(now);
  }

  /** Adds units to the table's window only (a Scan reads across partitions). */
  chargeTable(kind: UnitKind, units: number): void {
    if (units === 0) return;
    const now = this.#now();
    this.#table.add(now, kind === 'write' ? units : units * this.#readCost);
    const second = Math.floor(now / 1000);
    if (this.#tableSecond.second !== second) {
      this.#closeTableSecond();
      this.#tableSecond = { second, writeUnits: 0, readUnits: 0 };
    }
    if (kind === 'write') this.#tableSecond.writeUnits += units;
    else this.#tableSecond.readUnits += units;
    const entry = this.#second(second);
    if (kind === 'write') entry.tableWriteUnits += units;
    else entry.tableReadUnits += units;
  }

  /** Peaks since the last call (a phase of the bench), then starts over. */
  takePeaks(): ThroughputPeaks {
    this.#flushSeconds();
    const peaks = this.#peaks;
    this.#peaks = emptyPeaks();
    return peaks;
  }

  /** Peaks since the meter started. */
  allTimePeaks(): ThroughputPeaks {
    this.#flushSeconds();
    return structuredClone(this.#allTime);
  }

  #window(partition: string): SlidingWindow {
    let window = this.#partitions.get(partition);
    if (!window) {
      window = new SlidingWindow();
      this.#partitions.set(partition, window);
    }
    return window;
  }

  #count(reason: string): void {
    for (const peaks of [this.#peaks, this.#allTime])
      peaks.throttled[reason] = (peaks.throttled[reason] ?? 0) + 1;
    this.#second(Math.floor(this.#now() / 1000)).throttled += 1;
  }

  #second(second: number): ThroughputSecond {
    let entry = this.#timeline.get(second);
    if (!entry) {
      entry = { second, tableWriteUnits: 0, tableReadUnits: 0, throttled: 0 };
      this.#timeline.set(second, entry);
    }
    return entry;
  }

  /**
   * Leaves partitions starting with `prefix` (e.g. `table:PROBE#`, a benchmark's own copies) out
   * of the timeline's hottest partitions; they still count against every limit.
   */
  excludeFromTimeline(prefix: string): void {
    this.#timelineExcludes.push(prefix);
  }

  /** Every second so far: its hottest partitions, table totals and throttling, oldest first. */
  timeline(): ThroughputSecond[] {
    return [...this.#timeline.values()]
      .sort((a, b) => a.second - b.second)
      .map((entry) => structuredClone(entry));
  }

  #tally(touch: Touch, second: number): void {
    let tally = this.#seconds.get(touch.partition);
    if (!tally || tally.second !== second) {
      if (tally) this.#record(touch.partition, tally);
      tally = { second, writeUnits: 0, readUnits: 0 };
      this.#seconds.set(touch.partition, tally);
    }
    if (touch.kind === 'write') tally.writeUnits += touch.units;
    else tally.readUnits += touch.units;
    const entry = this.#second(second);
    if (touch.kind === 'write') entry.tableWriteUnits += touch.units;
    else entry.tableReadUnits += touch.units;
    const shown = !this.#timelineExcludes.some((prefix) => touch.partition.startsWith(prefix));
    const hottest = { partition: touch.partition, writeUnits: tally.writeUnits, readUnits: tally.readUnits };
    if (shown && tally.writeUnits > (entry.hottestWrite?.writeUnits ?? 0)) entry.hottestWrite = hottest;
    if (shown && tally.readUnits > (entry.hottestRead?.readUnits ?? 0)) entry.hottestRead = { ...hottest };

    if (this.#tableSecond.second !== second) {
      this.#closeTableSecond();
      this.#tableSecond = { second, writeUnits: 0, readUnits: 0 };
    }
    if (touch.kind === 'write') this.#tableSecond.writeUnits += touch.units;
    else this.#tableSecond.readUnits += touch.units;
  }

  #record(partition: string, tally: SecondTally): void {
    for (const peaks of [this.#peaks, this.#allTime]) {
      if (tally.writeUnits > (peaks.hottestWrite?.writeUnits ?? 0))
        peaks.hottestWrite = { partition, writeUnits: tally.writeUnits, readUnits: tally.readUnits };
      if (tally.readUnits > (peaks.hottestRead?.readUnits ?? 0))
        peaks.hottestRead = { partition, writeUnits: tally.writeUnits, readUnits: tally.readUnits };
    }
  }

  #closeTableSecond(): void {
    const { second, writeUnits, readUnits } = this.#tableSecond;
    if (second < 0) return;
    for (const peaks of [this.#peaks, this.#allTime]) {
      peaks.tableWriteUnits = Math.max(peaks.tableWriteUnits, writeUnits);
      peaks.tableReadUnits = Math.max(peaks.tableReadUnits, readUnits);
    }
    this.#recentSeconds.push({ second, load: writeUnits + readUnits * this.#readCost });
  }

  #flushSeconds(): void {
    for (const [partition, tally] of this.#seconds) this.#record(partition, tally);
    this.#seconds.clear();
    this.#closeTableSecond();
    this.#tableSecond = { second: -1, writeUnits: 0, readUnits: 0 };
  }

  /** Moves seconds older than `peakAgeMs` into the aged peak the table may double. */
  #ageSeconds(now: number): void {
    const oldest = (now - this.limits.peakAgeMs) / 1000;
    while (
      this.#recentSeconds.length > 0 &&
      (this.#recentSeconds[0] as { second: number }).second + 1 <= oldest
    ) {
      const { load } = this.#recentSeconds.shift() as { second: number; load: number };
      this.#agedPeak = Math.max(this.#agedPeak, load);
    }
  }
}

function emptyPeaks(): ThroughputPeaks {
  return { tableWriteUnits: 0, tableReadUnits: 0, throttled: {} };
}

// ---------------------------------------------------------------------------------------------
// Item sizes and units, on DynamoDB JSON (the wire format)

type AttributeValue = Record<string, unknown>;

/**
 * DynamoDB's size of an item: attribute names (UTF-8) plus values — strings and binaries by length,
 * numbers about one byte per two significant digits plus one, booleans and null one byte, lists and
 * maps three bytes plus one per element plus their contents.
 */
export function itemSize(item: Record<string, AttributeValue> | undefined): number {
  if (!item) return 0;
  let size = 0;
  for (const [name, value] of Object.entries(item)) size += Buffer.byteLength(name) + valueSize(value);
  return size;
}

function numberSize(text: string): number {
  const digits = text.replace(/^[-+]/, '').replace(/e.*$/i, '').replace('.', '').replace(/^0+/, '');
  return Math.ceil(Math.max(1, digits.replace(/0+$/, '').length) / 2) + 1;
}

function valueSize(value: AttributeValue): number {
  const [type, inner] = Object.entries(value)[0] ?? ['NULL', true];
  switch (type) {
    case 'S':
      return Buffer.byteLength(String(inner));
    case 'B':
      return Buffer.from(String(inner), 'base64').length;
    case 'N':
      return numberSize(String(inner));
    case 'SS':
      return (inner as string[]).reduce((sum, s) => sum + Buffer.byteLength(s), 0);
    case 'NS':
      return (inner as string[]).reduce((sum, n) => sum + numberSize(n), 0);
    case 'BS':
      return (inner as string[]).reduce((sum, b) => sum + Buffer.from(b, 'base64').length, 0);
    case 'L':
      return 3 + (inner as AttributeValue[]).reduce((sum, v) => sum + 1 + valueSize(v), 0);
    case 'M': {
      const map = inner as Record<string, AttributeValue>;
      return 3 + Object.keys(map).length + itemSize(map);
    }
    default:
      return 1; // BOOL, NULL
  }
}

/** Write units of an item of `bytes` (at least 1). */
export const writeUnits = (bytes: number): number => Math.max(1, Math.ceil(bytes / 1024));

/** Read units of an item of `bytes` (at least one 4 KB unit; half when eventually consistent). */
export const readUnits = (bytes: number, consistent: boolean): number =>
  Math.max(1, Math.ceil(bytes / 4096)) * (consistent ? 1 : 0.5);
