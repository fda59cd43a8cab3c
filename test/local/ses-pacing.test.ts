/**
 * The shared send schedule (functions/shared/pacer.ts) with several senders at once, against the
 * local DynamoDB and the strict local SES; and concurrent sending that stops every worker on the
 * first failure, leaving no claim behind. Rates are measured by the bench (`npm run bench`), not here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decideSlot } from '../../functions/core/mail-slot.ts';
import { mapStoppingOnFirstFailure } from '../../functions/shared/concurrency.ts';
import { keys } from '../../functions/shared/keys.ts';
import { readPacerState, SendPacer } from '../../functions/shared/pacer.ts';
import { sendOnce } from '../../functions/shared/send-once.ts';
import { getItem, slotOf } from '../../functions/shared/store/mail-store.ts';
import { type LocalRuntime, startLocalRuntime } from '../../local/runtime.ts';
import { clearMailStore, readMailStore } from '../../local/ses.ts';

const QUARTER = '2021-Q1';
let runtime: LocalRuntime;
beforeAll(async () => {
  runtime = await startLocalRuntime({ quiet: true });
  await clearMailStore(runtime.endpoints.ses);
});
afterAll(async () => {
  await runtime?.close();
});

const report = (id: string) => ({
  key: keys.mail(QUARTER, 'leader-report', id),
  slot: 'leader-report',
  kind: 'leader-report' as const,
  quarter: QUARTER,
  to: `${id}@example.com`,
  compose: async () => ({ subject: `Report ${id}`, html: '<p>r</p>', text: 'r' }),
});

describe('several senders, one schedule', () => {
  it('four Lambdas sending at once keep to the account: every email once, one GetSendQuota', async () => {
    const senders = Array.from({ length: 4 }, (_, s) => Array.from({ length: 10 }, (_, i) => `l${s}-${i}`));
    await Promise.all(
      senders.map(async (ids) => {
        const pacer = new SendPacer();
        pacer.expect(ids.length);
        await mapStoppingOnFirstFailure(ids, 8, (id, signal) =>
          sendOnce(report(id), { action: 'send' }, { pacer, stopAt: Date.now() + 60_000, signal }),
        );
        await pacer.release();
      }),
    );
    const stats = runtime.ses.account.stats;
    expect(stats.accepted).toBe(40);
    expect(stats.peakPerSecond).toBeLessThanOrEqual(14);
    expect((await readMailStore(runtime.endpoints.ses)).emails).toHaveLength(40);
    // The schedule advanced past every slot taken; the account's limits were read once.
    const state = await readPacerState();
    expect(state.quota).toEqual({ maxSendRate: 14, max24HourSend: 50_000, sentLast24Hours: 0 });
    expect(state.nextSlotAt).toBeGreaterThan(Date.now() - 10_000);
    for (const ids of senders) {
      for (const id of ids) {
        const slot = slotOf(await getItem(report(id).key), 'leader-report');
        expect(decideSlot(slot, Date.now(), 0)).toEqual({ action: 'done', result: 'sent' });
      }
    }
  }, 30_000);
});

describe('concurrent sending stops on the first failure', () => {
  it('starts nothing more, lets the running workers finish, then throws', async () => {
    const started: number[] = [];
    const finished: number[] = [];
    const run = mapStoppingOnFirstFailure([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], 3, async (n, signal) => {
      started.push(n);
      await new Promise((resolve) => setTimeout(resolve, n === 1 ? 10 : 50));
      if (n === 1) throw new Error('boom');
      finished.push(n);
      return signal.aborted;
    });
    await expect(run).rejects.toThrow('boom');
    // 0 and 2 were running when 1 failed: they settled before the failure was thrown.
    expect(started.sort()).toEqual([0, 1, 2]);
    expect(finished.sort()).toEqual([0, 2]);
  });

  it('a worker told to stop before SES was called gives its claim back: the next run sends it at once', async () => {
    const pacer = new SendPacer();
    const controller = new AbortController();
    const email = {
      ...report('stopped'),
      compose: async () => {
        controller.abort();
        return { subject: 'Report', html: '<p>r</p>', text: 'r' };
      },
    };
    const delivery = await sendOnce(
      email,
      { action: 'send' },
      {
        pacer,
        stopAt: Date.now() + 60_000,
        signal: controller.signal,
      },
    );
    expect(delivery).toEqual({ result: 'not-sent', why: 'stopped' });
    const slot = slotOf(await getItem(email.key), 'leader-report');
    expect(slot).toMatchObject({ state: 'claimed', outcome: 'not-sent' });
    expect(decideSlot(slot, Date.now(), 600_000)).toMatchObject({ action: 'resend', attempts: 2 });
    expect(
      (await readMailStore(runtime.endpoints.ses)).emails.filter(
        (e) => e.destination.to[0] === 'stopped@example.com',
      ),
    ).toEqual([]);
  });
});
