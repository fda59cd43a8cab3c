/**
 * Personal data expires: every item of a whole cycle carries the expiry its kind is due, readers
 * treat expired items and comments as gone before anything deletes them (as with AWS's lazy TTL),
 * and the local runtime's sweeper deletes them and removes comments at their own time.
 */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Context } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleOrganisation } from '../../cli/demo/sample-org.ts';
import { addDuration } from '../../functions/core/duration.ts';
import type { Answers } from '../../functions/core/model.ts';
import { competenciesFor } from '../../functions/core/questionnaire.ts';
import { epochSeconds } from '../../functions/core/retention.ts';
import { handler as closeCycle } from '../../functions/handlers/close-cycle.ts';
import { handler as openCycle } from '../../functions/handlers/open-cycle.ts';
import { handler as publishReports } from '../../functions/handlers/publish-reports.ts';
import { handler as scoreBatch } from '../../functions/handlers/score-batch.ts';
import { handler as sendEmails } from '../../functions/handlers/send-emails.ts';
import { handler as summarizeCycle } from '../../functions/handlers/summarize-cycle.ts';
import { dynamo } from '../../functions/shared/aws-clients.ts';
import { keys } from '../../functions/shared/keys.ts';
import { getCycle } from '../../functions/shared/store/cycle-store.ts';
import type { RecommendationItem, RequestItem } from '../../functions/shared/store/items.ts';
import {
  getItem as getMailItem,
  listInvitees,
  listMailItems,
} from '../../functions/shared/store/mail-store.ts';
import { listPromotions, recordPromotion } from '../../functions/shared/store/promotion-store.ts';
import {
  findByTokenHash,
  listCycleRequests,
  saveResponse,
} from '../../functions/shared/store/request-store.ts';
import { listRecommendations } from '../../functions/shared/store/result-store.ts';
import { importRoster } from '../../functions/shared/store/roster-store.ts';
import { hashToken } from '../../functions/shared/tokens.ts';
import { type LocalRuntime, startLocalRuntime } from '../../local/runtime.ts';
import { readMailStore } from '../../local/ses.ts';
import { feedbackLinks, tokenOf } from '../support/mail.ts';
import { type StoredItem, scanTable } from '../support/table-scan.ts';

const context = { functionName: 'test', awsRequestId: 'test' } as Context;
const QUARTER = '2025-Q3';
const DAY = 86_400;
const seconds = (iso: string) => epochSeconds(new Date(iso));
const plus = (iso: string, years: number, months: number, days: number) =>
  epochSeconds(addDuration(new Date(iso), { years, months, days }));

let runtime: LocalRuntime;
let deadline: string;
let closedAt: string;
let firstRosterImportedAt: string;
let firstRosterVersion: string;
let promotionRecordedAt: string;

type Stored = StoredItem;
const everything = () => scanTable(runtime.tableName);

function answersFor(request: RequestItem): Answers {
  return {
    ratings: Object.fromEntries(competenciesFor(request.group).map((c, i) => [c.id, ((i % 5) + 1) as 1])),
    comments: { keep: `Keep it up, ${request.raterId}`, change: `Listen more, ${request.raterId}` },
  };
}

beforeAll(async () => {
  runtime = await startLocalRuntime({ quiet: true, retryIntervalScale: 0.01 });
  const { people } = sampleOrganisation({ teams: 1 });
  const first = await importRoster(people);
  firstRosterImportedAt = first.importedAt;
  firstRosterVersion = first.version;
  // A second import replaces the first: the first version's people now expire.
  await importRoster(people);
  deadline = new Date(Date.now() + 3_600_000).toISOString();
  await openCycle(
    {
      input: { quarter: QUARTER, deadline },
      executionId: 'exec-retention',
      startedAt: new Date().toISOString(),
    },
    context,
  );
  await sendEmails({ quarter: QUARTER, batch: 0, kind: 'invitation', round: 0 }, context);
  const now = new Date().toISOString();
  for (const request of await listCycleRequests(QUARTER))
    await saveResponse(request, { status: 'answered', answers: answersFor(request) }, now);
  await closeCycle({ quarter: QUARTER }, context);
  closedAt = (await getCycle(QUARTER))!.closedAt!;
  await scoreBatch({ quarter: QUARTER, batch: 0 }, context);
  await publishReports({ quarter: QUARTER, batch: 0 }, context);
  await summarizeCycle({ quarter: QUARTER }, context);
  // HR records a move after the quarter: kept like scores, from when it is recorded.
  promotionRecordedAt = new Date().toISOString();
  await recordPromotion(
    { personId: 'north-csl1', quarter: '2025-Q4', to: 'manager' },
    new Date(promotionRecordedAt),
  );
}, 60_000);
afterAll(async () => {
  await runtime?.close();
});

describe('every item gets the expiry of its kind', () => {
  it('requests, batches and link tokens 90 days after the deadline; scores 5 years, their comments 13 months after the close', async () => {
    const items = await everything();
    const kind = (item: Stored) => {
      if (item.pk.startsWith('TOKEN#')) return 'token';
      if (item.pk === 'ROSTER' || item.pk === 'METRICS' || item.pk === 'SES') return 'pointer';
      if (item.pk.startsWith('ROSTER#'))
        return item.pk === `ROSTER#${firstRosterVersion}` ? 'replaced roster' : 'roster in force';
      if (item.pk.startsWith('RATER#')) return 'leniency';
      if (item.pk.startsWith('SUPPRESS#')) return 'suppression';
      if (item.pk === 'PROMOTIONS') return 'promotion';
      return String(item.sk).split('#')[0];
    };
    const byKind = Map.groupBy(items, kind);
    const expiries = (k: string) => [...new Set((byKind.get(k) ?? []).map((item) => item.expiresAt))];
    expect(expiries('REQ')).toEqual([plus(deadline, 0, 0, 90)]);
    expect(expiries('token')).toEqual([plus(deadline, 0, 0, 90)]);
    expect(expiries('BATCH')).toEqual([plus(deadline, 0, 0, 90)]);
    expect(expiries('INVITEE')).toEqual([plus(deadline, 0, 0, 90)]);
    expect(expiries('CYCLE')).toEqual([plus(deadline, 5, 0, 0)]);
    expect(expiries('REC')).toEqual([plus(closedAt, 5, 0, 0)]);
    expect(expiries('promotion')).toEqual([plus(promotionRecordedAt, 5, 0, 0)]);
    // From the cycle's close, so a retried scoring writes the same item.
    expect(expiries('leniency')).toEqual([plus(closedAt, 2, 0, 0)]);
    expect([...new Set(byKind.get('REC')!.map((item) => item.commentsExpireAt))]).toEqual([
      plus(closedAt, 0, 13, 0),
    ]);
    // Requests go before their comments would: no separate comment expiry on them.
    expect(byKind.get('REQ')!.some((item) => 'commentsExpireAt' in item)).toBe(false);
    const written = seconds(new Date().toISOString());
    for (const [k, years, days] of [
      ['SUMMARY', 5, 0],
      ['MAIL', 0, 90],
      ['replaced roster', 0, 90],
    ] as const) {
      const values = expiries(k);
      expect(values.length, k).toBeGreaterThan(0);
      for (const value of values) {
        expect(value as number, k).toBeGreaterThan(written + years * 365 * DAY + days * DAY - 3 * DAY);
        expect(value as number, k).toBeLessThanOrEqual(written + years * 366 * DAY + days * DAY);
      }
    }
    expect(
      new Date((byKind.get('replaced roster')![0]!.expiresAt as number) * 1000) >
        new Date(firstRosterImportedAt),
    ).toBe(true);
    // Only what must outlive every period has no expiry: pointers and the roster in force.
    const without = items.filter((item) => item.expiresAt === undefined).map(kind);
    expect(new Set(without)).toEqual(new Set(['pointer', 'roster in force']));
  });
});

describe('readers treat expired items as gone before TTL deletes them', () => {
  it('an expired link answers 404 like an unknown one, and an expired request is not listed', async () => {
    const [email] = (await readMailStore(runtime.endpoints.ses)).emails;
    const link = feedbackLinks(email!)[0]!;
    const token = tokenOf(link);
    const found = await findByTokenHash(hashToken(token));
    expect(found).toBeDefined();
    expect((await fetch(link)).status).toBe(410); // the cycle is closed
    const past = epochSeconds() - 1;
    await dynamo().send(
      new UpdateCommand({
        TableName: runtime.tableName,
        Key: keys.token(hashToken(token)),
        UpdateExpression: 'SET expiresAt = :past',
        ExpressionAttributeValues: { ':past': past },
      }),
    );
    expect(await findByTokenHash(hashToken(token))).toBeUndefined();
    expect((await fetch(link)).status).toBe(404);

    const request = found!.request;
    await dynamo().send(
      new UpdateCommand({
        TableName: runtime.tableName,
        Key: { pk: request.pk, sk: request.sk },
        UpdateExpression: 'SET expiresAt = :past',
        ExpressionAttributeValues: { ':past': past },
      }),
    );
    const listed = await listCycleRequests(QUARTER);
    expect(listed.some((r) => r.sk === request.sk)).toBe(false);
    expect((await everything()).some((item) => item.sk === request.sk)).toBe(true); // still stored
  });

  it('an expired invitee, report email or promotion record is not read, before TTL deletes it', async () => {
    const [invitee] = await listInvitees(QUARTER);
    const [mail] = await listMailItems(QUARTER);
    const promotion = (await everything()).find((item) => item.pk === 'PROMOTIONS')!;
    const targets = [invitee!, mail!, promotion];
    const setExpiry = (item: Stored, value: unknown) =>
      dynamo().send(
        new UpdateCommand({
          TableName: runtime.tableName,
          Key: { pk: item.pk, sk: item.sk },
          UpdateExpression: 'SET expiresAt = :at',
          ExpressionAttributeValues: { ':at': value },
        }),
      );
    for (const item of targets) await setExpiry(item as Stored, epochSeconds() - 1);
    expect((await listInvitees(QUARTER)).some((i) => i.sk === invitee!.sk)).toBe(false);
    // What the SES event handler reads (a bounce marks nothing on an expired rater's items).
    expect(await getMailItem({ pk: invitee!.pk, sk: invitee!.sk })).toBeUndefined();
    expect((await listMailItems(QUARTER)).some((i) => i.sk === mail!.sk)).toBe(false);
    expect(await listPromotions()).toEqual([]);
    // Put back: the sweeper below counts from the original expiries.
    for (const item of targets) await setExpiry(item as Stored, item.expiresAt);
    expect(await getMailItem({ pk: invitee!.pk, sk: invitee!.sk })).toBeDefined();
  });
});

describe('the local TTL sweeper', () => {
  it('deletes requests, tokens and batches after 90 days, removes comments after 13 months, deletes scores after 5 years', async () => {
    const count = async (prefix: string) =>
      (await everything()).filter((item) => item.pk.startsWith(prefix) || item.sk.startsWith(prefix)).length;
    expect(await count('REQ#')).toBeGreaterThan(0);

    const afterRequests = plus(deadline, 0, 0, 90);
    // Today: only the link and the request expired by hand above.
    expect(await runtime.sweeper.sweepNow()).toMatchObject({ deleted: 2, commentsRemoved: 0 });
    const swept = await runtime.sweeper.sweepNow(afterRequests);
    expect(swept.deleted).toBeGreaterThan(0);
    for (const prefix of ['REQ#', 'TOKEN#', 'BATCH#', 'INVITEE#', 'MAIL#'])
      expect(await count(prefix), prefix).toBe(0);
    const recs = () => listRecommendations(QUARTER);
    const comments = (rec: RecommendationItem) =>
      rec.report.groups.flatMap((g) => [...g.comments.keep, ...g.comments.change]);
    expect((await recs()).flatMap(comments).length).toBeGreaterThan(0);

    const afterComments = plus(closedAt, 0, 13, 0);
    const blanked = await runtime.sweeper.sweepNow(afterComments);
    expect(blanked.commentsRemoved).toBe((await recs()).length);
    const kept = await recs();
    expect(kept.flatMap(comments)).toEqual([]);
    expect(kept.every((rec) => rec.commentsExpireAt === undefined && rec.readinessScore !== undefined)).toBe(
      true,
    );

    await runtime.sweeper.sweepNow(plus(deadline, 5, 0, 0));
    for (const prefix of ['REC#', 'CYCLE', 'SUMMARY', 'PROMOTIONS'])
      expect(await count(prefix), prefix).toBe(0);
    expect(await listPromotions()).toEqual([]);
    expect(await count('ROSTER')).toBeGreaterThan(0); // the pointer and the roster in force stay
  });
});
