/** `ladder local`'s SES account flags: limits, the sandbox, and the verified identities of a trial. */
import { describe, expect, it } from 'vitest';
import { localSesOptions } from '../../cli/commands/local.ts';
import { SesAccount } from '../../local/ses-account.ts';

describe('ladder local --ses-*', () => {
  it('defaults to a new production account', async () => {
    const options = await localSesOptions({});
    expect(options).toEqual({});
    expect(new SesAccount(options).settings).toEqual({
      maxSendRate: 14,
      max24HourSend: 50_000,
      sandbox: false,
    });
  });

  it('takes the limits and the sandbox, verifying each address of a roster CSV and any named', async () => {
    const options = await localSesOptions({
      sesMaxRate: '2',
      sesDailyQuota: '500',
      sesSandbox: true,
      sesVerify: ['hr@example.com'],
      sesVerifyRoster: 'examples/roster.csv',
    });
    expect(options).toMatchObject({ maxSendRate: 2, max24HourSend: 500, sandbox: true });
    expect(options.verified).toContain('hr@example.com');
    expect(options.verified!.length).toBeGreaterThan(10);
    const account = new SesAccount(options);
    expect(account.isVerified(options.verified![1]!)).toBe(true);
    expect(account.isVerified('stranger@example.org')).toBe(false);
  });

  it('refuses what is not a limit, or a file it cannot read, in one sentence', async () => {
    await expect(localSesOptions({ sesMaxRate: 'fast' })).rejects.toThrow(
      '--ses-max-rate must be a positive number (got "fast")',
    );
    await expect(localSesOptions({ sesDailyQuota: '-5' })).rejects.toThrow(
      /--ses-daily-quota must be a positive/,
    );
    await expect(localSesOptions({ sesVerifyRoster: 'no/such.csv' })).rejects.toThrow(
      /Cannot read roster file/,
    );
  });
});
