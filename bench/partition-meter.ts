/**
 * DynamoDB partitions under AWS's limits, per phase of a benchmark cycle: the hottest partition's
 * peak write and read units in one second, the table's peak second, how often the metering proxy
 * throttled (local/dynamodb-metering.ts — on in the bench, as in tests and the demo), and how many
 * workflow steps failed (a step that fails is retried by the workflow; the target is none).
 *
 *   const partitions = recordPartitions(runtime.throughput);
 *   …
 *   result.partitions = partitions.phases({ 'open+invite': [start, invitedAt], … });
 */
import type { PartitionSecond, ThroughputMeter } from '../local/dynamodb-throughput.ts';
import { observeInvocations } from '../local/lambda.ts';

export interface PhasePartitions {
  /** Hottest partition of the phase and its busiest second (write units). */
  write?: PartitionSecond;
  /** Hottest partition of the phase and its busiest second (read units). */
  read?: PartitionSecond;
  tableWriteUnits: number;
  tableReadUnits: number;
  /** Calls refused and batch items left unprocessed (each retried). */
  throttled: number;
  /** Workflow steps that failed (Lambda invocations other than the form's). */
  failedSteps: number;
}

export function recordPartitions(meter: ThroughputMeter | undefined) {
  // The floor probe's copies (bench/dynamo-floor.ts) are the bench's own load, not the design's.
  meter?.excludeFromTimeline('table:PROBE#');
  // The second in which recording starts also holds what came before (the roster import): left out.
  const firstSecond = Math.floor(performance.now() / 1000) + 1;
  const failures: number[] = [];
  const stop = observeInvocations((record) => {
    if (!record.ok && record.fn.id !== 'FeedbackForm') failures.push(performance.now());
  });
  return {
    /** Per phase, given as [start, end] in performance.now() milliseconds. */
    phases(bounds: Record<string, [number, number]>): Record<string, PhasePartitions> {
      stop();
      const timeline = meter?.timeline() ?? [];
      const result: Record<string, PhasePartitions> = {};
      for (const [phase, [start, end]] of Object.entries(bounds)) {
        const seconds = timeline.filter(
          (s) =>
            s.second >= Math.max(firstSecond, Math.floor(start / 1000)) && s.second <= Math.floor(end / 1000),
        );
        const peaks: PhasePartitions = {
          tableWriteUnits: 0,
          tableReadUnits: 0,
          throttled: 0,
          failedSteps: failures.filter((t) => t >= start && t < end).length,
        };
        for (const s of seconds) {
          if ((s.hottestWrite?.writeUnits ?? 0) > (peaks.write?.writeUnits ?? 0))
            peaks.write = s.hottestWrite;
          if ((s.hottestRead?.readUnits ?? 0) > (peaks.read?.readUnits ?? 0)) peaks.read = s.hottestRead;
          peaks.tableWriteUnits = Math.max(peaks.tableWriteUnits, s.tableWriteUnits);
          peaks.tableReadUnits = Math.max(peaks.tableReadUnits, s.tableReadUnits);
          peaks.throttled += s.throttled;
        }
        result[phase] = peaks;
      }
      return result;
    },
  };
}

const units = (n: number | undefined) => Math.round(n ?? 0).toLocaleString('en-US');
/** `table:CYCLE#2026-Q3#07` → `CYCLE#2026-Q3#07`; index partitions keep their index name. */
const partitionName = (p: PartitionSecond | undefined) => (p ? p.partition.replace(/^table:/, '') : '—');

/** Rows for a table: phase, hottest partition writes/s, reads/s, table peak, throttled, failed steps. */
export function partitionRows(phases: Record<string, PhasePartitions>): string[][] {
  return Object.entries(phases).map(([phase, p]) => [
    phase,
    `${units(p.write?.writeUnits)} (${partitionName(p.write)})`,
    `${units(p.read?.readUnits)} (${partitionName(p.read)})`,
    `${units(p.tableWriteUnits)} / ${units(p.tableReadUnits)}`,
    units(p.throttled),
    String(p.failedSteps),
  ]);
}

export const PARTITION_HEADERS = [
  'phase',
  'hottest partition: write units/s',
  'hottest partition: read units/s',
  'table peak: writes / reads per s',
  'throttled (retried)',
  'failed steps',
];
