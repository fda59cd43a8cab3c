import { SESClient, SendEmailCommand } from '@aws-sdk/client-ses';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clearMailStore, type LocalSes, readMailStore, startSes } from '../../local/ses.ts';

describe('local SES (aws-ses-v2-local)', () => {
  let ses: LocalSes;
  let client: SESClient;
  beforeAll(async () => {
    ses = await startSes();
    client = new SESClient({
      endpoint: ses.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'x', secretAccessKey: 'y' },
    });
  });
  afterAll(async () => {
    client.destroy();
    await ses.close();
  });

  it('stores what SendEmail sends, readable through /store', async () => {
    await clearMailStore(ses.endpoint);
    const { MessageId } = await client.send(
      new SendEmailCommand({
        Source: 'ladder@example.com',
        Destination: { ToAddresses: ['rater@example.com'] },
        Message: {
          Subject: { Data: 'Feedback for Ana' },
          Body: { Text: { Data: 'Open http://x/feedback/t' }, Html: { Data: '<p>Open the link</p>' } },
        },
      }),
    );
    const { emails } = await readMailStore(ses.endpoint);
    expect(emails).toHaveLength(1);
    expect(emails[0]).toMatchObject({
      messageId: MessageId,
      from: 'ladder@example.com',
      destination: { to: ['rater@example.com'] },
      subject: 'Feedback for Ana',
      body: { text: 'Open http://x/feedback/t', html: '<p>Open the link</p>' },
    });
    expect(ses.viewerUrl).toBe(`${ses.endpoint}/`);
  });

  it('filters by `since` and clears the store', async () => {
    const future = new Date(Date.now() + 60_000);
    expect((await readMailStore(ses.endpoint, future)).emails).toEqual([]);
    expect((await readMailStore(ses.endpoint, 0)).emails.length).toBeGreaterThan(0);
    await clearMailStore(ses.endpoint);
    expect((await readMailStore(ses.endpoint)).emails).toEqual([]);
  });

  it('refuses a port that is taken instead of returning a dead server', async () => {
    const port = Number(new URL(ses.endpoint).port);
    await expect(startSes({ port })).rejects.toThrow(/could not listen/);
  });
});
