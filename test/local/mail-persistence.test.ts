/**
 * The local mail store persists with the data folder: a restarted `ladder local` still shows every
 * email (and so every personal link) in the mail viewer.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SESClient, SendEmailCommand } from '@aws-sdk/client-ses';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clearMailStore, readMailStore, startSes } from '../../local/ses.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ladder-mail-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function send(endpoint: string, to: string) {
  const client = new SESClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'x', secretAccessKey: 'y' },
  });
  const { MessageId } = await client.send(
    new SendEmailCommand({
      Source: 'ladder@example.com',
      Destination: { ToAddresses: [to] },
      Message: { Subject: { Data: 'Feedback' }, Body: { Text: { Data: 'http://x/feedback/t' } } },
    }),
  );
  client.destroy();
  return MessageId!;
}

describe('mail store file', () => {
  it('is written before SES answers, restored at the next start, and emptied by clear-store', async () => {
    const file = join(dir, 'mail.jsonl');
    const first = await startSes({ mailFile: file });
    const ids = [await send(first.endpoint, 'a@example.com'), await send(first.endpoint, 'b@example.com')];
    // On disk by the time the sender has its answer.
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    expect(lines.map((line) => JSON.parse(line).messageId)).toEqual(ids);
    await first.close();

    const second = await startSes({ mailFile: file });
    const { emails } = await readMailStore(second.endpoint);
    expect(emails.map((e) => [e.messageId, e.destination.to[0]])).toEqual([
      [ids[0], 'a@example.com'],
      [ids[1], 'b@example.com'],
    ]);
    const third = await send(second.endpoint, 'c@example.com');
    expect((await readMailStore(second.endpoint)).emails.map((e) => e.messageId)).toEqual([...ids, third]);

    await clearMailStore(second.endpoint);
    expect(readFileSync(file, 'utf8')).toBe('');
    await send(second.endpoint, 'd@example.com');
    expect(readFileSync(file, 'utf8').trim().split('\n')).toHaveLength(1);
    await second.close();
  });
});
