import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { TargetError, useTarget } from '../../cli/target.ts';

const run = promisify(execFile);
const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
});

describe('choosing the target', () => {
  it('aws: reads the cdk deploy outputs file and points Ladder at that stack', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ladder-target-'));
    const file = join(dir, 'outputs.json');
    await writeFile(
      file,
      JSON.stringify({
        Ladder: {
          TableName: 'Ladder-Table-1',
          StateMachineArn: 'arn:aws:states:eu-west-1:123456789012:stateMachine:Ladder-review-cycle',
          FeedbackApiUrl: 'https://abc.execute-api.eu-west-1.amazonaws.com',
          FailureTopicArn: 'arn:aws:sns:eu-west-1:123456789012:failures',
          Region: 'eu-west-1',
        },
      }),
    );
    delete process.env.AWS_REGION;
    const target = await useTarget({ target: 'aws', outputs: file });
    expect(target.name).toBe('aws');
    expect(target.stateMachineArn).toMatch(/stateMachine:Ladder-review-cycle$/);
    expect(process.env.LADDER_TABLE_NAME).toBe('Ladder-Table-1');
    expect(process.env.LADDER_FORM_BASE_URL).toBe('https://abc.execute-api.eu-west-1.amazonaws.com');
    expect(process.env.AWS_REGION).toBe('eu-west-1');
  });

  it('names what is missing', async () => {
    await expect(useTarget({ target: 'aws', outputs: '/nonexistent/outputs.json' })).rejects.toThrow(
      /outputs file \/nonexistent\/outputs.json not found: deploy with `npx cdk deploy --outputs-file/,
    );
    await expect(useTarget({ target: 'mars' })).rejects.toThrow(TargetError);
  });
});

describe('npx ladder', () => {
  it('prints help, and refuses a command with no local runtime running with a clear message', async () => {
    const help = await run('node_modules/.bin/ladder', ['--help']);
    expect(help.stdout).toMatch(/roster/);
    expect(help.stdout).toMatch(/cycle/);
    const dir = await mkdtemp(join(tmpdir(), 'ladder-cwd-'));
    const failed = await run(
      join(process.cwd(), 'node_modules/.bin/ladder'),
      ['cycle', 'status', '--quarter', '2026-Q4'],
      {
        cwd: dir,
      },
    ).catch((error: { code: number; stderr: string }) => error);
    expect((failed as { code: number }).code).toBe(1);
    expect((failed as { stderr: string }).stderr).toMatch(/No local runtime is running .*npx ladder local/);
    const bad = await run(
      join(process.cwd(), 'node_modules/.bin/ladder'),
      ['cycle', 'status', '--quarter', 'Q4'],
      {
        cwd: dir,
      },
    ).catch((error: { code: number; stderr: string }) => error);
    expect((bad as { code: number }).code).toBe(1);
  });
});
