/**
 * The local stand-in for DynamoDB TTL: dynalite has none (UpdateTimeToLive is unknown to it), so
 * the local runtime sweeps its table periodically with the same rule AWS applies — items past
 * `expiresAt` are deleted, comments past `commentsExpireAt` removed
 * (functions/shared/store/retention-store.ts). Like TTL it talks to the table directly: TTL
 * deletions consume no throughput. Between sweeps readers already treat expired items as gone, as
 * they must on AWS, where TTL takes up to a few days.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { type SweepResult, sweepExpired } from '../functions/shared/store/retention-store.ts';
import { LOCAL_CREDENTIALS } from './dynamodb.ts';

export interface SweeperOptions {
  /** dynalite's own endpoint (not the metering proxy). */
  endpoint: string;
  tableName: string;
  /** Time between sweeps (default one minute). */
  intervalMs?: number;
  /** Reports a failed sweep (the next one tries again). */
  onError?: (error: unknown) => void;
}

export interface Sweeper {
  /** One sweep now, at `nowSeconds` (default the current time): for tests that move time on. */
  sweepNow(nowSeconds?: number): Promise<SweepResult>;
  /** Totals since the start. */
  readonly totals: SweepResult;
  close(): Promise<void>;
}

export function startSweeper(options: SweeperOptions): Sweeper {
  const client = DynamoDBDocumentClient.from(
    new DynamoDBClient({ endpoint: options.endpoint, region: 'us-east-1', credentials: LOCAL_CREDENTIALS }),
    { marshallOptions: { removeUndefinedValues: true } },
  );
  const totals: SweepResult = { scanned: 0, deleted: 0, commentsRemoved: 0 };
  let running: Promise<unknown> = Promise.resolve();
  const sweepNow = (nowSeconds?: number) => {
    const sweep = running.then(async () => {
      const result = await sweepExpired(client, options.tableName, {
        deleteExpired: true,
        ...(nowSeconds === undefined ? {} : { nowSeconds }),
      });
      totals.scanned += result.scanned;
      totals.deleted += result.deleted;
      totals.commentsRemoved += result.commentsRemoved;
      return result;
    });
    running = sweep.catch(() => undefined);
    return sweep;
  };
  const timer = setInterval(() => {
    sweepNow().catch((error: unknown) => options.onError?.(error));
  }, options.intervalMs ?? 60_000);
  timer.unref();
  return {
    sweepNow,
    totals,
    close: async () => {
      clearInterval(timer);
      await running;
      client.destroy();
    },
  };
}
