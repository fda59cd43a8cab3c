/**
 * SES bounces and complaints, injected as AWS delivers them (EventBridge and SNS shapes, built by
 * local/ses-events.ts from what the email really carried): the address is suppressed (by hash),
 * the request is marked, no further email goes there — reminders and reports included — and
 * `cycle status` and the export show it.
 */
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cycleStart, cycleStatus, formatStatus } from '../../cli/commands/cycle.ts';
import { exportQuarter } from '../../cli/commands/export.ts';
import { handler as emailEvents } from '../../functions/handlers/email-events.ts';
import { dynamo } from '../../functions/shared/aws-clients.ts';
import { keys } from '../../functions/shared/keys.ts';
import { decodeTagValue, TAG_NAMES } from '../../functions/shared/mailer.ts';
import { listCycleRequests } from '../../functions/shared/store/request-store.ts';
import { addressHash, isSuppressed } from '../../functions/shared/store/suppression-store.ts';
import { type LocalRuntime, startLocalRuntime } from '../../local/runtime.ts';
import { clearMailStore, readMailStore, type StoredEmail } from '../../local/ses.ts';
import { eventBridgeEvent, sesEventRecord } from '../../local/ses-events.ts';
import { pollUntil } from '../support/mail.ts';
import { importSimulatedRoster } from '../support/simulated-cycle.ts';

const QUARTER = '2023-Q4';
let runtime: LocalRuntime;
let executionArn: string;
let invitations: StoredEmail[];

const requestOf = (email: StoredEmail) =>
  decodeTagValue(runtime.sentMessages.get(email.messageId)?.tags[TAG_NAMES.request]?.[0] ?? '');
const kindOf = (email: StoredEmail) => runtime.sentMessages.get(email.messageId)?.tags[TAG_NAMES.kind]?.[0];
const invitationOf = (sk: string) => invitations.find((e) => requestOf(e) === sk)!;

beforeAll(async () => {
  runtime = await startLocalRuntime({ quiet: true, retryIntervalScale: 0.01 });
  await clearMailStore(runtime.endpoints.ses);
  await importSimulatedRoster();
  const now = Date.now();
  ({ executionArn } = await cycleStart(
    runtime.stateMachineArn,
    {
      quarter: QUARTER,
      deadline: new Date(now + 9_000).toISOString(),
      reminders: [new Date(now + 4_000).toISOString()],
      force: true,
    },
    () => {},
  ));
  await pollUntil(
    async () =>
      (await readMailStore(runtime.endpoints.ses)).emails.filter((e) => kindOf(e) === 'invitation').length ===
      28,
    { timeoutMs: 10_000 },
  );
  invitations = (await readMailStore(runtime.endpoints.ses)).emails.filter((e) => kindOf(e) === 'invitation');
}, 30_000);
afterAll(async () => {
  await runtime?.close();
});

describe('bounces and complaints', () => {
  it('a hard bounce (EventBridge) suppresses the address and marks the request', async () => {
    const sk = keys.request(QUARTER, 'c1', 's1').sk;
    const result = await runtime.emailEvents.bounce(invitationOf(sk).messageId);
    expect(result).toEqual({ suppressed: 1, marked: 1, ignored: 0 });
    expect(await isSuppressed('sami.lindqvist@example.com')).toBe(true);
    // The same address in another spelling is the same address.
    expect(await isSuppressed('  Sami.Lindqvist@EXAMPLE.com ')).toBe(true);
    const request = (await listCycleRequests(QUARTER)).find((r) => r.sk === sk)!;
    expect(request.bouncedAt).toBeDefined();
    // Delivered twice (EventBridge is at least once): same state.
    await runtime.emailEvents.bounce(invitationOf(sk).messageId);
    expect((await listCycleRequests(QUARTER)).find((r) => r.sk === sk)!.bouncedAt).toBe(request.bouncedAt);
  });

  it("a complaint (SNS) likewise; a leader's own address bouncing stops their report too", async () => {
    const complained = keys.request(QUARTER, 'c4', 's6').sk;
    expect(await runtime.emailEvents.complaint(invitationOf(complained).messageId, { via: 'sns' })).toEqual({
      suppressed: 1,
      marked: 1,
      ignored: 0,
    });
    const self = keys.request(QUARTER, 'c4', 'c4').sk;
    expect(await runtime.emailEvents.bounce(invitationOf(self).messageId)).toMatchObject({ marked: 1 });
  });

  it('a soft (transient) bounce changes nothing', async () => {
    const sk = keys.request(QUARTER, 'c1', 's3').sk;
    expect(await runtime.emailEvents.bounce(invitationOf(sk).messageId, { bounceType: 'Transient' })).toEqual(
      {
        suppressed: 0,
        marked: 0,
        ignored: 1,
      },
    );
    expect(await isSuppressed('sid.varga@example.com')).toBe(false);
  });

  it('an event about an unknown request (a forged or foreign tag) suppresses, but marks and creates nothing', async () => {
    const message = { ...runtime.sentMessages.get(invitations[0]!.messageId)! };
    message.tags = {
      ...message.tags,
      [TAG_NAMES.request]: [Buffer.from('REQ#nobody#none').toString('base64url')],
    };
    message.destination = ['stranger@example.org'];
    const result = await emailEvents(eventBridgeEvent(sesEventRecord('Bounce', message)), {} as never);
    expect(result).toEqual({ suppressed: 1, marked: 0, ignored: 0 });
    const requests = await listCycleRequests(QUARTER);
    expect(requests.some((r) => r.sk === 'REQ#nobody#none')).toBe(false);
  });

  it('suppression items hold no address: only its SHA-256 in the key', async () => {
    const { Items = [] } = await dynamo().send(new ScanCommand({ TableName: runtime.tableName }));
    const suppressions = Items.filter((item) => String(item.pk).startsWith('SUPPRESS#'));
    expect(suppressions.map((item) => item.pk).sort()).toEqual(
      [
        'sami.lindqvist@example.com',
        'suri.patel@example.com',
        'conn.dubois@example.com',
        'stranger@example.org',
      ]
        .map((address) => `SUPPRESS#${addressHash(address)}`)
        .sort(),
    );
    for (const item of suppressions) expect(JSON.stringify(item)).not.toContain('@');
  });

  it('no reminder and no report goes to a suppressed address; others get theirs', async () => {
    await runtime.executions.get(executionArn)!.done;
    expect(runtime.executions.get(executionArn)!.status).toBe('SUCCEEDED');
    const after = (await readMailStore(runtime.endpoints.ses)).emails;
    const suppressed = ['sami.lindqvist@example.com', 'suri.patel@example.com', 'conn.dubois@example.com'];
    const late = after.filter((e) => kindOf(e) !== 'invitation');
    expect(late.filter((e) => suppressed.includes(e.destination.to[0]!))).toEqual([]);
    // The soft-bounced address still gets its reminders; every unsuppressed rater got one.
    expect(
      late.filter((e) => kindOf(e) === 'reminder' && e.destination.to[0] === 'sid.varga@example.com'),
    ).not.toEqual([]);
    const requests = await listCycleRequests(QUARTER);
    const toRemind = requests.filter((r) => !suppressed.includes(r.raterEmail));
    expect(late.filter((e) => kindOf(e) === 'reminder')).toHaveLength(toRemind.length);
    // Leader reports: c1, c2, c3 but not c4 (bounced); both manager summaries; HR.
    expect(
      late
        .filter((e) => kindOf(e) === 'leader-report')
        .map((e) => e.destination.to[0])
        .sort(),
    ).toEqual(['carl.okafor@example.com', 'cleo.brandt@example.com', 'cyra.holm@example.com'].sort());
    expect(late.filter((e) => kindOf(e) === 'manager-summary')).toHaveLength(2);
    // Requests skipped because of their address are marked.
    expect(
      requests
        .filter((r) => r.suppressedAt)
        .map((r) => r.sk)
        .sort(),
    ).toEqual(
      [
        keys.request(QUARTER, 'c1', 's1').sk,
        keys.request(QUARTER, 'c2', 's1').sk,
        keys.request(QUARTER, 'c4', 's6').sk,
        keys.request(QUARTER, 'c3', 's6').sk,
        keys.request(QUARTER, 'c4', 'c4').sk,
        keys.request(QUARTER, 'c3', 'c4').sk,
      ].sort(),
    );
  }, 30_000);

  it('`cycle status` and the export show bounces and complaints', async () => {
    const status = await cycleStatus(runtime.stateMachineArn, QUARTER);
    expect(status.delivery).toEqual({ bounced: 2, complained: 1, suppressed: 6 });
    expect(formatStatus(status)).toContain(
      'Delivery: bounced 2, complained 1, not sent to suppressed addresses 6',
    );
    const { text } = await exportQuarter({ quarter: QUARTER, format: 'csv' });
    const rows = parse(text, { columns: true }) as Record<string, string>[];
    const header = text.split('\n')[0]!.split(',');
    // Added after the contract columns (which end with config_version), never in between.
    const after = header.indexOf('config_version');
    expect(header.slice(after + 1, after + 3)).toEqual(['bounced', 'complained']);
    const byLeader = Object.fromEntries(rows.map((row) => [row.leader_id, [row.bounced, row.complained]]));
    expect(byLeader).toEqual({ c1: ['1', '0'], c2: ['0', '0'], c3: ['0', '0'], c4: ['1', '1'] });
  });
});
