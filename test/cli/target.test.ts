import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { userMessage } from '../../cli/errors.ts';
import { TargetError, useTarget } from '../../cli/target.ts';
import { localStateFilePath } from '../../local/state-file.ts';

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

describe('finding the local runtime', () => {
  it('from any folder, through the state file in the user state directory (LADDER_HOME, XDG_STATE_HOME)', async () => {
    expect(localStateFilePath({ LADDER_HOME: '/x/ladder' })).toBe('/x/ladder/local.json');
    expect(localStateFilePath({ XDG_STATE_HOME: '/state', HOME: '/home/u' })).toBe(
      '/state/ladder/local.json',
    );
    expect(localStateFilePath({ HOME: '/home/u' })).toBe('/home/u/.local/state/ladder/local.json');

    const home = await mkdtemp(join(tmpdir(), 'ladder-home-'));
    process.env.LADDER_HOME = home;
    await expect(useTarget({ target: 'local' })).rejects.toThrow(
      `No local runtime is running (no ${join(home, 'local.json')}): start it with \`npx ladder local\``,
    );
    // A state file left by a process that was killed.
    const state = {
      pid: 2 ** 22 + 12345,
      startedAt: new Date().toISOString(),
      endpoints: { dynamodb: '', ses: '', mailViewer: '', sfn: 'http://127.0.0.1:1', api: '' },
      env: {},
      stateMachineArn: 'arn:aws:states:us-east-1:000000000000:stateMachine:ladder-review-cycle',
      tableName: 'ladder-local',
    };
    await writeFile(join(home, 'local.json'), JSON.stringify(state));
    await expect(useTarget({ target: 'local' })).rejects.toThrow(
      `No local runtime is running: \`ladder local\` (process ${state.pid}) has stopped; start it with`,
    );
    // A live process that does not answer (its pid was reused): still no ECONNREFUSED.
    await writeFile(join(home, 'local.json'), JSON.stringify({ ...state, pid: process.pid }));
    await expect(useTarget({ target: 'local' })).rejects.toThrow(
      `The local runtime (process ${process.pid}) does not answer at http://127.0.0.1:1`,
    );
  });

  it('a connection that breaks later is explained, not printed raw', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:8000'), { code: 'ECONNREFUSED' });
    expect(userMessage(refused, 'local')).toBe(
      'The local runtime stopped answering (ECONNREFUSED): is `ladder local` still running? Start it again with `npx ladder local`; its data and running cycles resume.',
    );
    const wrapped = new Error('socket hang up', { cause: refused });
    expect(userMessage(wrapped, 'aws')).toMatch(/^AWS could not be reached \(ECONNREFUSED\)/);
    const inUse = Object.assign(new Error('listen EADDRINUSE: address already in use 127.0.0.1:8005'), {
      code: 'EADDRINUSE',
    });
    expect(userMessage(inUse)).toMatch(/^Port 8005 is in use: is another `ladder local` running\?/);
    expect(userMessage(new Error('Boom\n    at x (/a/b.ts:1:2)'))).toBe('Boom');
  });
});

describe('npx ladder', () => {
  it('prints help, and refuses a command with no local runtime running with a clear message', async () => {
    const help = await run('node_modules/.bin/ladder', ['--help']);
    expect(help.stdout).toMatch(/roster/);
    expect(help.stdout).toMatch(/cycle/);
    const dir = await mkdtemp(join(tmpdir(), 'ladder-cwd-'));
    const env = { ...process.env, LADDER_HOME: join(dir, 'home') };
    const failed = await run(
      join(process.cwd(), 'node_modules/.bin/ladder'),
      ['cycle', 'status', '--quarter', '2026-Q4'],
      { cwd: dir, env },
    ).catch((error: { code: number; stderr: string }) => error);
    expect((failed as { code: number }).code).toBe(1);
    expect((failed as { stderr: string }).stderr).toMatch(/No local runtime is running .*npx ladder local/);
    const bad = await run(
      join(process.cwd(), 'node_modules/.bin/ladder'),
      ['cycle', 'status', '--quarter', 'Q4'],
      { cwd: dir, env },
    ).catch((error: { code: number; stderr: string }) => error);
    expect((bad as { code: number }).code).toBe(1);
    const cycleHelp = await run(join(process.cwd(), 'node_modules/.bin/ladder'), ['cycle', '--help'], {
      env,
    });
    expect(cycleHelp.stdout).toMatch(/retry/);
    expect(cycleHelp.stdout).toMatch(/cancel/);
  });
});
