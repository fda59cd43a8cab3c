/**
 * SES events as AWS delivers them (EventBridge and SNS shapes, built by local/ses-events.ts from
 * what the email really carried). Send and Delivery events confirm every email the local SES
 * accepted. Bounces and complaints: the address is suppressed (by hash), the rater and the requests
 * their email listed are marked, no further email goes there — reminders and reports included — and
 * `cycle status` and the export show it.
 */
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cycleStart, cycleStatus, formatStatus } from '../../cli/commands/cycle.ts';
import { exportQuarter } from '../../cli/commands/export.ts';
import { decideSlot, duplicatesOf } from '../../functions/core/mail-slot.ts';
import { handler as emailEvents } from '../../functions/handlers/email-events.ts';
import { dynamo } from '../../functions/shared/aws-clients.ts';
import { keys } from '../../functions/shared/keys.ts';
import { encodeTagValue, mailOfTag, TAG_NAMES } from '../../functions/shared/mailer.ts';
import type { InviteeItem } from '../../functions/shared/store/items.ts';
import {
  claimSlot,
  getItem,
  listInvitees,
  markSent,
  markUnknown,
  reclaimSlot,
  slotOf,
} from '../../functions/shared/store/mail-store.ts';
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

const kindOf = (email: StoredEmail) => runtime.sentMessages.get(email.messageId)?.tags[TAG_NAMES.kind]?.[0];
/** The invitation of a rater (one email per rater). */
const invitationTo = (address: string) => invitations.find((e) => e.destination.to[0] === address)!;
const NONE = { confirmed: 0, late: 0, suppressed: 0, marked: 0, ignored: 0 };

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
      14,
    { timeoutMs: 10_000 },
  );
  invitations = (await readMailStore(runtime.endpoints.ses)).emails.filter((e) => kindOf(e) === 'invitation');
}, 30_000);
afterAll(async () => {
  await runtime?.close();
});

describe('send and delivery events', () => {
  it('the local SES publishes a Send event for each accepted email; each invitation is sent once', async () => {
    await runtime.ses.events.idle();
    expect(runtime.ses.events.stats.delivered).toBeGreaterThanOrEqual(14);
    expect(runtime.ses.events.stats.failed).toBe(0);
    for (const invitee of await listInvitees(QUARTER)) {
      const slot = slotOf(invitee, 'invitation')!;
      expect(slot).toMatchObject({ state: 'sent', attempts: 1 });
      expect(runtime.sentMessages.get(slot.messageId!)?.destination).toEqual([invitee.raterEmail]);
    }
  });

  it('an email whose send got no answer is confirmed by its Send event; a late event of an earlier claim counts a duplicate, once', async () => {
    const key = keys.mail(QUARTER, 'leader-report', 'test-leader');
    const now = new Date().toISOString();
    expect(await claimSlot(key, 'leader-report', 'claim-a', now)).toBe(true);
    await markUnknown(key, 'leader-report', 'claim-a');
    expect(decideSlot(slotOf(await getItem(key), 'leader-report'), Date.now(), 0)).toMatchObject({
      action: 'resend',
    });
    const message = (claim: string, messageId: string) => ({
      ...runtime.sentMessages.get(invitations[0]!.messageId)!,
      messageId,
      tags: {
        [TAG_NAMES.kind]: ['leader-report'],
        [TAG_NAMES.quarter]: [QUARTER],
        [TAG_NAMES.mail]: [encodeTagValue(`${key.sk}|leader-report`)],
        [TAG_NAMES.claim]: [claim],
      },
    });
    const send = (claim: string, messageId: string) =>
      emailEvents(eventBridgeEvent(sesEventRecord('Send', message(claim, messageId))), {} as never);
    expect(await send('claim-a', 'ses-a')).toEqual({ ...NONE, confirmed: 1 });
    expect(slotOf(await getItem(key), 'leader-report')).toMatchObject({ messageId: 'ses-a', state: 'sent' });
    expect(decideSlot(slotOf(await getItem(key), 'leader-report'), Date.now(), 0)).toMatchObject({
      action: 'done',
    });

    // Another email: in doubt past the grace period, sent again under a new claim; then the first
    // claim's event arrives after all.
    const other = keys.mail(QUARTER, 'leader-report', 'test-leader-2');
    const twice = (claim: string, messageId: string) => ({
      ...message(claim, messageId),
      tags: {
        ...message(claim, messageId).tags,
        [TAG_NAMES.mail]: [encodeTagValue(`${other.sk}|leader-report`)],
      },
    });
    await claimSlot(other, 'leader-report', 'claim-b', now);
    await reclaimSlot(other, 'leader-report', 'claim-b', 'claim-c', now, 2);
    await markSent(other, 'leader-report', 'claim-c', 'ses-c');
    const late = () =>
      emailEvents(eventBridgeEvent(sesEventRecord('Send', twice('claim-b', 'ses-b'))), {} as never);
    expect(await late()).toEqual({ ...NONE, late: 1 });
    expect(await late()).toEqual({ ...NONE, late: 1 });
    expect(duplicatesOf(slotOf(await getItem(other), 'leader-report'))).toBe(1);
  });

  it('an event delivered again changes nothing and writes nothing', async () => {
    const message = runtime.sentMessages.get(invitationTo('mara.quill@example.com').messageId)!;
    const mail = mailOfTag(message.tags[TAG_NAMES.mail]![0])!;
    const key = { pk: keys.cyclePartition(QUARTER), sk: mail.sk };
    const before = await getItem<InviteeItem>(key);
    for (const kind of ['Send', 'Delivery'] as const) {
      expect(await emailEvents(eventBridgeEvent(sesEventRecord(kind, message)), {} as never)).toEqual({
        ...NONE,
        confirmed: 1,
      });
    }
    expect(await getItem<InviteeItem>(key)).toEqual(before);
  });
});

describe('bounces and complaints', () => {
  it('a hard bounce (EventBridge) suppresses the address and marks the rater and every request their email listed', async () => {
    const result = await runtime.emailEvents.bounce(invitationTo('sami.lindqvist@example.com').messageId);
    // Sami rates their coach c1 and, as a peer, c2.
    expect(result).toEqual({ ...NONE, suppressed: 1, marked: 2 });
    expect(await isSuppressed('sami.lindqvist@example.com')).toBe(true);
    // The same address in another spelling is the same address.
    expect(await isSuppressed('  Sami.Lindqvist@EXAMPLE.com ')).toBe(true);
    const sks = [keys.request(QUARTER, 'c1', 's1').sk, keys.request(QUARTER, 'c2', 's1').sk];
    const marked = (await listCycleRequests(QUARTER)).filter((r) => sks.includes(r.sk));
    expect(marked.map((r) => Boolean(r.bouncedAt))).toEqual([true, true]);
    expect((await listInvitees(QUARTER)).find((i) => i.raterId === 's1')!.bouncedAt).toBeDefined();
    // Delivered twice (EventBridge is at least once): same state.
    await runtime.emailEvents.bounce(invitationTo('sami.lindqvist@example.com').messageId);
    expect((await listCycleRequests(QUARTER)).filter((r) => sks.includes(r.sk))).toEqual(marked);
  });

  it("a complaint (SNS) likewise; a leader's own address bouncing stops their report too", async () => {
    expect(
      await runtime.emailEvents.complaint(invitationTo('suri.patel@example.com').messageId, { via: 'sns' }),
    ).toEqual({ ...NONE, suppressed: 1, marked: 2 });
    expect(await runtime.emailEvents.bounce(invitationTo('conn.dubois@example.com').messageId)).toMatchObject(
      {
        marked: 2,
      },
    );
  });

  it('a soft (transient) bounce changes nothing', async () => {
    expect(
      await runtime.emailEvents.bounce(invitationTo('sid.varga@example.com').messageId, {
        bounceType: 'Transient',
      }),
    ).toEqual({ ...NONE, ignored: 1 });
    expect(await isSuppressed('sid.varga@example.com')).toBe(false);
  });

  it('an event about an unknown rater (a forged or foreign tag) suppresses, but marks and creates nothing', async () => {
    const message = { ...runtime.sentMessages.get(invitations[0]!.messageId)! };
    message.tags = {
      ...message.tags,
      [TAG_NAMES.mail]: [encodeTagValue('INVITEE#00000#nobody|invitation')],
    };
    message.destination = ['stranger@example.org'];
    const result = await emailEvents(eventBridgeEvent(sesEventRecord('Bounce', message)), {} as never);
    expect(result).toEqual({ ...NONE, suppressed: 1 });
    expect(await getItem(keys.invitee(QUARTER, 0, 'nobody'))).toBeUndefined();
    // A Send event of that forged email confirms nothing and creates nothing either.
    expect(await emailEvents(eventBridgeEvent(sesEventRecord('Send', message)), {} as never)).toEqual({
      ...NONE,
      ignored: 1,
    });
    expect(await getItem(keys.invitee(QUARTER, 0, 'nobody'))).toBeUndefined();
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
    // The soft-bounced address still gets its reminder; every unsuppressed rater got one (one each).
    expect(
      late.filter((e) => kindOf(e) === 'reminder' && e.destination.to[0] === 'sid.varga@example.com'),
    ).toHaveLength(1);
    const requests = await listCycleRequests(QUARTER);
    expect(late.filter((e) => kindOf(e) === 'reminder')).toHaveLength(14 - suppressed.length);
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
    expect(status.delivery).toEqual({ bounced: 4, complained: 2, suppressed: 6, undeliverable: 0 });
    expect(status.emails).toMatchObject({
      raters: 14,
      invited: 14,
      reminders: 11,
      bounced: 2,
      complained: 1,
    });
    expect(formatStatus(status)).toContain(
      'Delivery: bounced 4, complained 2, not sent to suppressed addresses 6, undeliverable 0',
    );
    const { text } = await exportQuarter({ quarter: QUARTER, format: 'csv' });
    const rows = parse(text, { columns: true }) as Record<string, string>[];
    const header = text.split('\n')[0]!.split(',');
    // Added after the contract columns (which end with config_version), never in between.
    const after = header.indexOf('config_version');
    expect(header.slice(after + 1, after + 3)).toEqual(['bounced', 'complained']);
    const byLeader = Object.fromEntries(rows.map((row) => [row.leader_id, [row.bounced, row.complained]]));
    // s1 rates c1 and c2; s6 (complained) rates c4 and c3; c4 (bounced) rates c4 and c3.
    expect(byLeader).toEqual({ c1: ['1', '0'], c2: ['1', '0'], c3: ['1', '1'], c4: ['1', '1'] });
    const suppressedOf = Object.fromEntries(rows.map((row) => [row.leader_id, row.suppressed]));
    expect(suppressedOf).toEqual({ c1: '1', c2: '1', c3: '2', c4: '2' });
  });
});
