/**
 * The local SES as strict as a real account (local/ses-account.ts behind local/ses-front.ts),
 * called over the wire with the real SDK client, as the mailer calls it: SES's error shapes for the
 * send rate, the rolling 24-hour quota (a "day" compressed with the account's clock), the sandbox's
 * verified recipients and the addresses SES cannot take; GetSendQuota at most once a second.
 */
import { GetSendQuotaCommand, SESClient, SendEmailCommand } from '@aws-sdk/client-ses';
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FaultInjector } from '../../local/faults.ts';
import { clearMailStore, type LocalSes, readMailStore, startSes } from '../../local/ses.ts';
import { SesAccount } from '../../local/ses-account.ts';
import { sesAddressProblem } from '../../local/ses-address.ts';
import { SesSendLog } from '../../local/ses-events.ts';
import { type SesFront, startSesFront } from '../../local/ses-front.ts';

const SENDER = 'ladder@example.com';
const DAY_MS = 24 * 3600 * 1000;

let upstream: LocalSes;
const fronts: SesFront[] = [];
const clients: SESClient[] = [];
afterAll(async () => {
  for (const client of clients) client.destroy();
  for (const front of fronts) await front.close();
  await upstream?.close();
});
beforeAll(async () => {
  upstream = await startSes();
});
afterEach(async () => {
  await clearMailStore(upstream.endpoint);
});

/** A front for `account`, and an SES client pointed at it (one attempt per call, like the mailer's). */
async function accountFront(account: SesAccount) {
  const front = await startSesFront({
    upstream: upstream.endpoint,
    account,
    injector: new FaultInjector({ rate: 0 }),
    sentMessages: new SesSendLog(),
  });
  fronts.push(front);
  const client = new SESClient({
    endpoint: front.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'x', secretAccessKey: 'y' },
    maxAttempts: 1,
  });
  clients.push(client);
  const send = (to: string | string[], source = SENDER) =>
    client.send(
      new SendEmailCommand({
        Source: source,
        Destination: { ToAddresses: [to].flat() },
        Message: { Subject: { Data: 'Hi' }, Body: { Text: { Data: 'Hello' } } },
      }),
    );
  return { client, send };
}

/** What the SDK makes of SES's answer: the error's name, message and HTTP status. */
async function failure(promise: Promise<unknown>) {
  const error = (await promise.then(
    () => undefined,
    (e: unknown) => e,
  )) as (Error & { $metadata?: { httpStatusCode?: number } }) | undefined;
  if (!error) throw new Error('expected SES to refuse');
  return { name: error.name, message: error.message, status: error.$metadata?.httpStatusCode };
}

describe('the defaults: a new production account', () => {
  it('14 per second and 50,000 per rolling 24 hours, answered by GetSendQuota', async () => {
    const account = new SesAccount();
    account.verify(SENDER);
    const { client, send } = await accountFront(account);
    await send('a@example.com');
    const quota = await client.send(new GetSendQuotaCommand({}));
    expect(quota).toMatchObject({ Max24HourSend: 50_000, MaxSendRate: 14, SentLast24Hours: 1 });
    // At most once a second, as AWS allows.
    expect(await failure(client.send(new GetSendQuotaCommand({})))).toEqual({
      name: 'Throttling',
      message: 'Rate exceeded',
      status: 400,
    });
  });
});

describe('the send rate', () => {
  it('above it: Throttling "Maximum sending rate exceeded." — nothing stored; quotas count recipients', async () => {
    const account = new SesAccount({ maxSendRate: 3 });
    account.verify(SENDER);
    const { send } = await accountFront(account);
    await send(['a@example.com', 'b@example.com']);
    await send('c@example.com');
    expect(await failure(send('d@example.com'))).toEqual({
      name: 'Throttling',
      message: 'Maximum sending rate exceeded.',
      status: 400,
    });
    expect((await readMailStore(upstream.endpoint)).emails).toHaveLength(2);
    expect(account.stats).toMatchObject({ accepted: 2, recipients: 3, throttledRate: 1, peakPerSecond: 3 });
  });
});

describe('the daily quota, on a clock a test moves forward', () => {
  it('above it: Throttling "Daily message quota exceeded."; 24 hours later it has rolled over', async () => {
    const account = new SesAccount({ maxSendRate: 100, max24HourSend: 3 });
    account.verify(SENDER);
    const { send } = await accountFront(account);
    for (const to of ['a', 'b', 'c']) await send(`${to}@example.com`);
    expect(await failure(send('d@example.com'))).toMatchObject({
      name: 'Throttling',
      message: 'Daily message quota exceeded.',
    });
    account.clock.advance(DAY_MS - 60_000);
    expect((await failure(send('d@example.com'))).message).toBe('Daily message quota exceeded.');
    account.clock.advance(60_000);
    expect(account.sentLast24Hours()).toBe(0);
    await send('d@example.com');
    expect(account.stats).toMatchObject({ accepted: 4, throttledDaily: 2 });
  });
});

describe('identities', () => {
  it('an unverified sender is refused in and out of the sandbox', async () => {
    const { send } = await accountFront(new SesAccount());
    expect(await failure(send('a@example.com', 'other@example.com'))).toEqual({
      name: 'MessageRejected',
      message:
        'Email address is not verified. The following identities failed the check in region US-EAST-1: other@example.com',
      status: 400,
    });
  });

  it('the sandbox: 1/s and 200 per 24 h, and only verified recipients (addresses or whole domains)', async () => {
    const account = new SesAccount({
      sandbox: true,
      verified: [SENDER, 'ana@example.com', 'trusted.example'],
    });
    expect(account.settings).toEqual({ maxSendRate: 1, max24HourSend: 200, sandbox: true });
    const { send } = await accountFront(account);
    expect(await failure(send('bo@example.com'))).toMatchObject({
      name: 'MessageRejected',
      message:
        'Email address is not verified. The following identities failed the check in region US-EAST-1: bo@example.com',
    });
    await send('ANA@example.com');
    account.clock.advance(1000);
    await send('anyone@trusted.example');
    expect((await readMailStore(upstream.endpoint)).emails).toHaveLength(2);
  });
});

describe('addresses SES cannot take', () => {
  it.each([
    ['a@x..com', 'Domain contains dot-dot'],
    ['dån@example.com', 'Local address contains control or whitespace'],
    ['ana@exämple.com', 'Domain contains illegal character'],
    ['@example.com', 'Missing local name'],
    ['ana.example.com', "Missing final '@domain'"],
    ['ana.@example.com', 'Local address ends with dot'],
    ['a b@example.com', 'Local address contains control or whitespace'],
    ['ana@example.com.', 'Domain ends with dot'],
    ['ana@', 'Missing domain'],
  ])('%s → InvalidParameterValue "%s"', async (address, message) => {
    const account = new SesAccount();
    account.verify(SENDER);
    const { send } = await accountFront(account);
    expect(await failure(send(address))).toEqual({ name: 'InvalidParameterValue', message, status: 400 });
    expect(account.stats.recipients).toBe(0);
  });

  it('plain ASCII addresses of the usual shapes pass, and never a non-ASCII one', () => {
    for (const address of [
      'ana@example.com',
      'ana.maria+tag@sub.example.co.uk',
      "o'neil@example.com",
      'x@[10.0.0.1]',
    ])
      expect(sesAddressProblem(address), address).toBeUndefined();
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 }), (text) => {
        fc.pre([...text].some((c) => c.charCodeAt(0) > 0x7f));
        expect(sesAddressProblem(`${text}@example.com`)).toBeDefined();
        expect(sesAddressProblem(`ana@${text}.com`)).toBeDefined();
      }),
    );
  });
});
