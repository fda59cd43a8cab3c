/**
 * Fault injection (local/faults.ts) and what it proves one fault at a time: every write whose
 * response is lost is recognised by its own retry, SES is called once per try and each outcome is
 * told apart, and the form answers a transient AWS failure with 503 + Retry-After (a bug stays a 500).
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Context } from 'aws-lambda';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { rosterImport } from '../../cli/commands/roster.ts';
import { ENV } from '../../functions/catalog.ts';
import { decideSlot } from '../../functions/core/mail-slot.ts';
import { handler as openCycle } from '../../functions/handlers/open-cycle.ts';
import { dynamo } from '../../functions/shared/aws-clients.ts';
import { keys } from '../../functions/shared/keys.ts';
import { classifySendError, sendEmailOnce, withoutAddresses } from '../../functions/shared/mailer.ts';
import { SendPacer } from '../../functions/shared/pacer.ts';
import { sendOnce } from '../../functions/shared/send-once.ts';
import { countDone, getCycle } from '../../functions/shared/store/cycle-store.ts';
import type { InviteeItem, RequestItem } from '../../functions/shared/store/items.ts';
import { claimSlot, getItem, reclaimSlot, slotOf } from '../../functions/shared/store/mail-store.ts';
import { listCycleRequests, saveResponse } from '../../functions/shared/store/request-store.ts';
import { currentRoster } from '../../functions/shared/store/roster-store.ts';
import { FaultInjector } from '../../local/faults.ts';
import { catalogFunction, invokeLambda } from '../../local/lambda.ts';
import { type LocalRuntime, startLocalRuntime } from '../../local/runtime.ts';
import { clearMailStore, readMailStore } from '../../local/ses.ts';

const ROSTER = `person_id,name,email,role,team,manager_id,coach_id
m1,Mara Manager,mara@example.com,manager,North,,
c1,Cleo Leader,cleo@example.com,consultant_leader,North,m1,
c2,Carl Leader,carl@example.com,consultant_leader,North,m1,
s1,Sam One,sam1@example.com,salesperson,North,m1,c1
s2,Sue Two,sue2@example.com,salesperson,North,m1,c2
`;
const QUARTER = '2023-Q1';
const context = { functionName: 'test', awsRequestId: 'test' } as Context;
let runtime: LocalRuntime;
let dir: string;

const isUpdate = (call: { operation?: string }) => call.operation === 'UpdateItem';

beforeAll(async () => {
  runtime = await startLocalRuntime({ quiet: true, faults: { rate: 0 } });
  dir = await mkdtemp(join(tmpdir(), 'ladder-faults-'));
  await writeFile(join(dir, 'roster.csv'), ROSTER);
  await rosterImport(join(dir, 'roster.csv'), () => {});
  await openCycle(
    {
      input: { quarter: QUARTER, deadline: new Date(Date.now() + 3_600_000).toISOString() },
      executionId: 'exec-faults',
      startedAt: new Date().toISOString(),
    },
    context,
  );
});
afterAll(async () => {
  await runtime?.close();
});
beforeEach(async () => {
  await clearMailStore(runtime.endpoints.ses);
});

async function request(sk: string): Promise<RequestItem> {
  const found = (await listCycleRequests(QUARTER)).find((r) => r.sk === sk);
  if (!found) throw new Error(`no request ${sk}`);
  return found;
}

describe('the fault injector', () => {
  it('injects at the configured rate, reproducibly for a seed, with the service mix', () => {
    const run = (seed: number) => {
      const injector = new FaultInjector({ rate: 0.1, seed });
      const kinds = Array.from({ length: 20_000 }, () => injector.pick('dynamodb'));
      return { kinds, stats: injector.stats };
    };
    const a = run(7);
    const b = run(7);
    expect(a.kinds).toEqual(b.kinds);
    const faults = a.kinds.filter(Boolean).length;
    expect(faults / 20_000).toBeGreaterThan(0.09);
    expect(faults / 20_000).toBeLessThan(0.11);
    expect(a.stats.dynamodb).toMatchObject({ calls: 20_000 });
    for (const kind of ['throttle', 'server-error', 'timeout', 'response-lost', 'reset-after'] as const) {
      expect(a.stats.dynamodb[kind], kind).toBeGreaterThan(0);
    }
    expect(run(8).kinds).not.toEqual(a.kinds);
  });

  it('a planned fault fires on the next matching call, whatever the rate', () => {
    const injector = new FaultInjector({ rate: 0 });
    injector.planNext('dynamodb', 'response-lost', isUpdate);
    expect(injector.pick('dynamodb', { operation: 'GetItem' })).toBeUndefined();
    expect(injector.pick('dynamodb', { operation: 'UpdateItem' })).toBe('response-lost');
    expect(injector.pick('dynamodb', { operation: 'UpdateItem' })).toBeUndefined();
  });
});

describe('writes whose response is lost are recognised by their own retry', () => {
  const invitee = keys.invitee(QUARTER, 0, 's1');
  const slotNow = async () => slotOf(await getItem<InviteeItem>(invitee), 'invitation');

  it('an email claim: the SDK retry still owns it, a second claim does not', async () => {
    runtime.faults.planNext('dynamodb', 'response-lost', isUpdate);
    expect(await claimSlot(invitee, 'invitation', 'claim-1', new Date().toISOString())).toBe(true);
    expect(runtime.faults.stats.dynamodb['response-lost']).toBe(1);
    expect(await slotNow()).toMatchObject({ state: 'claimed', claim: 'claim-1', attempts: 1 });
    expect(await claimSlot(invitee, 'invitation', 'claim-2', new Date().toISOString())).toBe(false);
  });

  it('a second claim of an email in doubt (sent again after the grace period), likewise', async () => {
    runtime.faults.planNext('dynamodb', 'reset-after', isUpdate);
    expect(await reclaimSlot(invitee, 'invitation', 'claim-1', 'claim-3', new Date().toISOString(), 2)).toBe(
      true,
    );
    // Another sender that also saw claim-1 in doubt does not get it.
    expect(await reclaimSlot(invitee, 'invitation', 'claim-1', 'claim-4', new Date().toISOString(), 2)).toBe(
      false,
    );
    expect(await slotNow()).toMatchObject({
      claim: 'claim-3',
      attempts: 2,
      previousClaims: new Set(['claim-1']),
    });
  });

  it('a first answer whose write response was lost still counts as the first completion, once', async () => {
    const sent = await request(keys.request(QUARTER, 'c1', 's1').sk);
    runtime.faults.planNext('dynamodb', 'response-lost', isUpdate);
    const first = await saveResponse(sent, { status: 'declined' }, new Date().toISOString(), 'submission-1');
    expect(first).toMatchObject({ firstCompletion: true });
    // The rater presses submit again (a new submission): an edit, not a second completion.
    const again = await saveResponse(sent, { status: 'declined' }, new Date().toISOString(), 'submission-2');
    expect(again).toMatchObject({ previous: 'declined', firstCompletion: false });
    expect((await request(sent.sk)).firstDoneBy).toBe('submission-1');
  });

  it('the done counter is never counted twice: a lost response is not retried, a throttle is', async () => {
    const start = (await getCycle(QUARTER))!.doneCount;
    runtime.faults.planNext('dynamodb', 'response-lost', isUpdate);
    expect(await countDone(QUARTER)).toBeUndefined(); // applied, but the caller cannot know
    expect((await getCycle(QUARTER))!.doneCount).toBe(start + 1);
    runtime.faults.planNext('dynamodb', 'throttle', isUpdate);
    expect((await countDone(QUARTER))?.doneCount).toBe(start + 2);
    runtime.faults.planNext('dynamodb', 'server-error', isUpdate);
    expect(await countDone(QUARTER)).toBeUndefined(); // not applied: one short, never one too many
    expect((await getCycle(QUARTER))!.doneCount).toBe(start + 2);
  });

  it('a report (send-once): sent once although the claim response was lost', async () => {
    const key = keys.mail(QUARTER, 'leader-report', 'c1');
    runtime.faults.planNext('dynamodb', 'response-lost', isUpdate);
    const email = {
      key,
      slot: 'leader-report',
      kind: 'leader-report' as const,
      quarter: QUARTER,
      to: 'cleo@example.com',
      compose: async () => ({ subject: 'Report', html: '<p>r</p>', text: 'r' }),
    };
    const context = { pacer: new SendPacer(), stopAt: Date.now() + 60_000 };
    expect(await sendOnce(email, { action: 'send' }, context)).toEqual({ result: 'sent' });
    const slot = slotOf(await getItem(key), 'leader-report');
    expect(decideSlot(slot, Date.now(), 0)).toEqual({ action: 'done', result: 'sent' });
    expect(await sendOnce(email, { action: 'send' }, context)).toEqual({ result: 'skipped' });
    expect((await readMailStore(runtime.endpoints.ses)).emails).toHaveLength(1);
  });

  it('a roster import whose pointer write response was lost is not mistaken for a concurrent import', async () => {
    const before = await currentRoster();
    runtime.faults.planNext('dynamodb', 'response-lost', (call) => call.operation === 'PutItem');
    const { pointer } = await rosterImport(join(dir, 'roster.csv'), () => {});
    const current = await currentRoster();
    expect(current?.version).toBe(pointer.version);
    expect(current?.version).not.toBe(before?.version);
  });
});

describe('SES: one call per try, and what each outcome means', () => {
  const email = { to: 'sam1@example.com', subject: 'Hello', html: '<p>hi</p>', text: 'hi' };
  const stored = async () => (await readMailStore(runtime.endpoints.ses)).emails.length;

  it('throttled → nothing sent, tried again later', async () => {
    runtime.faults.planNext('ses', 'throttle');
    expect(await sendEmailOnce(email)).toEqual({ kind: 'throttled' });
    expect(await stored()).toBe(0);
  });

  it('5xx → nothing sent, tried again later', async () => {
    runtime.faults.planNext('ses', 'server-error');
    expect(await sendEmailOnce(email)).toEqual({ kind: 'unavailable', errorName: 'ServiceUnavailable' });
    expect(await stored()).toBe(0);
  });

  it('answer lost after SES accepted it → unknown (one email)', async () => {
    runtime.faults.planNext('ses', 'response-lost');
    expect(await sendEmailOnce(email)).toEqual({ kind: 'unknown' });
    expect(await stored()).toBe(1);
  });

  it('a reset before SES read the request looks the same to the caller → unknown (no email)', async () => {
    runtime.faults.planNext('ses', 'reset-before');
    expect(await sendEmailOnce(email)).toEqual({ kind: 'unknown' });
    expect(await stored()).toBe(0);
  });

  it("a refusal of one email is classified, without addresses; a refusal of Ladder's own setup is thrown", () => {
    const rejected = (message: string, name = 'MessageRejected') =>
      Object.assign(new Error(message), { name, $metadata: { httpStatusCode: 400 } });
    const unverified = rejected(
      'Email address is not verified. The following identities failed the check in region US-EAST-1: secret.person@example.com',
    );
    expect(classifySendError(unverified, 'ladder@example.com')).toEqual({
      kind: 'refused',
      code: 'MessageRejected',
      reason:
        'Email address is not verified. The following identities failed the check in region US-EAST-1: <address>',
    });
    expect(
      classifySendError(rejected('Domain contains dot-dot', 'InvalidParameterValue'), 'ladder@example.com'),
    ).toEqual({ kind: 'refused', code: 'InvalidParameterValue', reason: 'Domain contains dot-dot' });
    // The sender itself unverified, or no permission: every email would fail. Loud, not undeliverable.
    const sender = rejected(
      'Email address is not verified. The following identities failed the check in region US-EAST-1: ladder@example.com',
    );
    expect(() => classifySendError(sender, 'ladder@example.com')).toThrow(/not verified/);
    expect(() => classifySendError(sender, 'ladder@example.com')).not.toThrow(/ladder@example\.com/);
    expect(() => classifySendError(rejected('User is not authorized', 'AccessDenied'))).toThrow();
    const cleaned = withoutAddresses(unverified);
    expect(cleaned.name).toBe('MessageRejected');
    expect(cleaned.message).not.toContain('secret.person@example.com');
    expect((cleaned as unknown as { $metadata: unknown }).$metadata).toEqual({ httpStatusCode: 400 });

    const throttling = (message: string) =>
      Object.assign(new Error(message), { name: 'Throttling', $metadata: { httpStatusCode: 400 } });
    expect(classifySendError(throttling('Maximum sending rate exceeded.'))).toEqual({ kind: 'throttled' });
    expect(classifySendError(throttling('Daily message quota exceeded.'))).toEqual({
      kind: 'quota-exceeded',
    });
    expect(
      classifySendError(Object.assign(new Error('x'), { $metadata: { httpStatusCode: 503 } })),
    ).toMatchObject({
      kind: 'unavailable',
    });
    expect(classifySendError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }))).toEqual({
      kind: 'unknown',
    });
    expect(classifySendError(Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }))).toEqual({
      kind: 'unavailable',
      errorName: 'ECONNREFUSED',
    });
  });
});

describe('the feedback form: transient AWS errors are 503 with Retry-After, bugs are 500', () => {
  const form = catalogFunction('FeedbackForm');
  const event = (token: string) => ({
    version: '2.0',
    routeKey: 'GET /feedback/{token}',
    rawPath: `/feedback/${token}`,
    rawQueryString: '',
    headers: {},
    pathParameters: { token },
    requestContext: { http: { method: 'GET', path: `/feedback/${token}` }, requestId: 'r' },
    isBase64Encoded: false,
  });

  it('DynamoDB unavailable (after the SDK retries) → 503, Retry-After, nothing revealed', async () => {
    const attempts = await dynamo().config.maxAttempts();
    for (let i = 0; i < attempts; i++) runtime.faults.planNext('dynamodb', 'server-error');
    const result = (await invokeLambda(form, event('A'.repeat(43)))) as {
      statusCode: number;
      headers: Record<string, string>;
      body: string;
    };
    expect(result.statusCode).toBe(503);
    expect(Number(result.headers['retry-after'])).toBeGreaterThan(0);
    expect(result.body).not.toMatch(/InternalServerError|DynamoDB|stack/i);
  });

  it('a defect (missing configuration) → 500', async () => {
    const previous = process.env[ENV.tableName];
    delete process.env[ENV.tableName];
    try {
      const result = (await invokeLambda(form, event('A'.repeat(43)))) as { statusCode: number };
      expect(result.statusCode).toBe(500);
    } finally {
      process.env[ENV.tableName] = previous;
    }
  });

  it('the HTTP API reports injected Lambda faults as API Gateway does: 503 before, 502 after', async () => {
    const url = `${runtime.endpoints.api}/feedback/${'A'.repeat(43)}`;
    runtime.faults.planNext('api', 'throttle');
    expect((await fetch(url)).status).toBe(503);
    runtime.faults.planNext('api', 'response-lost');
    expect((await fetch(url)).status).toBe(502);
    expect((await fetch(url)).status).toBe(404);
  });
});
