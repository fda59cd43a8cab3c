/**
 * Opening a cycle snapshots each recipient's language and time zone; publishing sends one summary
 * per manager and team — a manager of two teams gets two, and a team larger than a batch (split
 * across batches) gets one with all its leaders — exactly once, whatever order and how often the
 * batches publish. Against dynalite and aws-ses-v2-local over the wire.
 */
import type { Context } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../functions/core/config.ts';
import type { Person } from '../../functions/core/model.ts';
import { handler as closeCycle } from '../../functions/handlers/close-cycle.ts';
import { handler as openCycle } from '../../functions/handlers/open-cycle.ts';
import { handler as publishReports } from '../../functions/handlers/publish-reports.ts';
import { handler as scoreBatch } from '../../functions/handlers/score-batch.ts';
import { getBatch } from '../../functions/shared/store/cycle-store.ts';
import { listCycleRequests } from '../../functions/shared/store/request-store.ts';
import { importRoster } from '../../functions/shared/store/roster-store.ts';
import { type LocalRuntime, startLocalRuntime } from '../../local/runtime.ts';
import { clearMailStore, readMailStore } from '../../local/ses.ts';
import { leader, manager, person, seller } from '../core/people.ts';

const context = { functionName: 'test', awsRequestId: 'test' } as Context;
const quarter = '2025-Q1';
const SOUTH = DEFAULT_CONFIG.batchSize + 1; // one more leader than a batch holds

// m1 manages North (2 leaders) and South (41 leaders: split over two batches); m2 manages West.
const people: Person[] = [
  { ...manager('m1', 'North'), locale: 'de-AT', timeZone: 'Europe/Vienna' },
  leader('n1', 'North', 'm1'),
  { ...leader('n2', 'North', 'm1'), locale: 'fr-CA' },
  { ...seller('ns1', 'North', 'n1'), locale: 'ja', timeZone: 'Asia/Tokyo' },
  seller('ns2', 'North', ''),
  ...Array.from({ length: SOUTH }, (_, i) => leader(`s${String(i + 1).padStart(2, '0')}`, 'South', 'm1')),
  manager('m2', 'West'),
  leader('w1', 'West', 'm2'),
  person('ws1', 'salesperson', 'West', { managerId: 'm2', coachId: 'w1' }),
];

let runtime: LocalRuntime;
beforeAll(async () => {
  runtime = await startLocalRuntime({ quiet: true });
  await importRoster(people);
  await openCycle(
    {
      input: { quarter, deadline: new Date(Date.now() + 3_600_000).toISOString() },
      executionId: 'exec-summaries',
      startedAt: new Date().toISOString(),
    },
    context,
  );
});
afterAll(async () => {
  await runtime?.close();
});

describe('OpenCycle snapshots language and time zone', () => {
  it('on each request for its rater: their own, or the organisation default', async () => {
    const requests = await listCycleRequests(quarter);
    const of = (leaderId: string, raterId: string) => {
      const request = requests.find((r) => r.leaderId === leaderId && r.raterId === raterId);
      return [request?.raterLocale, request?.raterTimeZone];
    };
    expect(of('n1', 'ns1')).toEqual(['ja', 'Asia/Tokyo']);
    expect(of('n1', 'm1')).toEqual(['de-AT', 'Europe/Vienna']);
    expect(of('n1', 'n2')).toEqual(['fr-CA', DEFAULT_CONFIG.organisation.timeZone]);
    expect(of('n1', 'n1')).toEqual([
      DEFAULT_CONFIG.organisation.locale,
      DEFAULT_CONFIG.organisation.timeZone,
    ]);
    expect(requests.every((r) => r.raterLocale && r.raterTimeZone)).toBe(true);
  });

  it('on the batch for each leader and their manager, with the summaries the batch sends', async () => {
    const first = await getBatch(quarter, 0);
    expect(first?.leaders.find((l) => l.leaderId === 'n2')).toMatchObject({
      locale: 'fr-CA',
      timeZone: 'UTC',
      managerLocale: 'de-AT',
      managerTimeZone: 'Europe/Vienna',
    });
    expect(first?.managerSummaries).toEqual([
      { managerId: 'm1', team: 'North', firstBatch: 0, lastBatch: 0 },
    ]);
    expect((await getBatch(quarter, 1))?.managerSummaries).toEqual([
      { managerId: 'm1', team: 'South', firstBatch: 1, lastBatch: 2 },
    ]);
    expect((await getBatch(quarter, 2))?.managerSummaries).toEqual([
      { managerId: 'm2', team: 'West', firstBatch: 2, lastBatch: 2 },
    ]);
  });
});

describe('PublishReports: one summary per manager and team, none lost to a split', () => {
  it('sends each summary once, built from every batch of the team', async () => {
    await closeCycle({ quarter }, context);
    for (const batch of [0, 1, 2]) await scoreBatch({ quarter, batch }, context);
    await clearMailStore(runtime.endpoints.ses);
    // Any order, and a retried batch sends nothing twice.
    for (const batch of [2, 1, 0, 1, 2]) await publishReports({ quarter, batch }, context);

    const emails = (await readMailStore(runtime.endpoints.ses)).emails;
    // Each in its manager's language: m1's roster locale is de-AT, m2 has the organisation's (en).
    const summaries = emails.filter((email) => /readiness summary for|: Übersicht für/.test(email.subject));
    const sent = summaries.map((email) => [email.destination.to[0], email.subject]).sort();
    expect(sent).toEqual([
      ['m1@example.com', `Führungsbereitschaft ${quarter}: Übersicht für North`],
      ['m1@example.com', `Führungsbereitschaft ${quarter}: Übersicht für South`],
      ['m2@example.com', `${quarter} readiness summary for West`],
    ]);
    const south = summaries.find((email) => email.subject.endsWith('South'))?.body.text ?? '';
    for (let i = 1; i <= SOUTH; i++) expect(south).toContain(`S${String(i).padStart(2, '0')}`);
    expect(south).not.toContain('N1');
    const north = summaries.find((email) => email.subject.endsWith('North'))?.body.text ?? '';
    expect(north).toContain('N1');
    expect(north).not.toContain('S01');
    // And every leader their own report, once.
    expect(emails.length - summaries.length).toBe(2 + SOUTH + 1);
  }, 120_000);
});
