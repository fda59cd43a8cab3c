/**
 * One whole local cycle, watched from outside, at 10% injected faults (so error and retry paths
 * log too), with a hard bounce and a complaint injected:
 * - privacy: nothing written to stdout/stderr (Powertools logger at DEBUG, console, the local
 *   runtime's own lines) and nothing in the execution history (what Step Functions logging with
 *   execution data would keep) contains a roster name or address, a comment, or a link token;
 * - least privilege: every AWS call each function makes is one infra/access.ts grants it, and
 *   each function uses what it is granted — the console's functions included, walked through every
 *   page and action as each role (test/support/console-exercise.ts).
 */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { FUNCTIONS, type FunctionId } from '../../functions/catalog.ts';
import { previousQuarter } from '../../functions/core/quarter.ts';
import { dynamo, onClientCreated, sfn } from '../../functions/shared/aws-clients.ts';
import { cancelQuarterCycle } from '../../functions/shared/cycle-control.ts';
import { TAG_NAMES } from '../../functions/shared/mailer.ts';
import { listCycleRequests } from '../../functions/shared/store/request-store.ts';
import type { SweepResult } from '../../functions/shared/store/retention-store.ts';
import {
  allTableActions,
  CLIENT_SECRET_ACTIONS,
  DESCRIBE_EXECUTION_ACTIONS,
  FUNCTION_ACCESS,
  SEND_EMAIL_ACTIONS,
  SEND_QUOTA_ACTIONS,
  START_EXECUTION_ACTIONS,
  TASK_RESPONSE_ACTIONS,
} from '../../infra/access.ts';
import { catalogFunction, currentInvocation, invokeLambda } from '../../local/lambda.ts';
import { type LocalRuntime, startLocalRuntime } from '../../local/runtime.ts';
import { clearMailStore } from '../../local/ses.ts';
import { type ExerciseResult, exerciseConsole } from '../support/console-exercise.ts';
import { feedbackLinks, tokenOf } from '../support/mail.ts';
import {
  commentsOf,
  importSimulatedRoster,
  rosterIdentities,
  SIMULATED_ROSTER,
  type SimulatedCycle,
  simulateCycle,
} from '../support/simulated-cycle.ts';

// Before any module creates the Powertools logger (vitest.config.ts sets SILENT for the suite).
vi.hoisted(() => {
  process.env.POWERTOOLS_LOG_LEVEL = 'DEBUG';
});

const QUARTER = '2024-Q3';
let runtime: LocalRuntime;
let cycle: SimulatedCycle;
let consoleRun: ExerciseResult;
let sweep: SweepResult;
const output: string[] = [];
/** function id → `service:Action` calls seen while its handler ran. */
const calls = new Map<string, Set<string>>();
/** function id → DynamoDB action → the partition keys it touched (for key-scoped grants). */
const partitionKeys = new Map<string, Map<string, Set<string>>>();

/** The partition keys a DynamoDB document-client input names. */
function partitionKeysOf(input: unknown): string[] {
  const i = (input ?? {}) as {
    Key?: { pk?: string };
    Item?: { pk?: string };
    ExpressionAttributeValues?: Record<string, unknown>;
    RequestItems?: Record<string, unknown>;
  };
  const keys: string[] = [];
  if (i.Key?.pk) keys.push(i.Key.pk);
  if (i.Item?.pk) keys.push(i.Item.pk);
  const queried = i.ExpressionAttributeValues?.[':pk'];
  if (typeof queried === 'string') keys.push(queried);
  for (const request of Object.values(i.RequestItems ?? {})) {
    const list = Array.isArray(request) ? request : ((request as { Keys?: unknown[] }).Keys ?? []);
    for (const entry of list as Record<
      string,
      { pk?: string; Item?: { pk?: string }; Key?: { pk?: string } }
    >[]) {
      const pk = entry.pk ?? entry.PutRequest?.Item?.pk ?? entry.DeleteRequest?.Key?.pk;
      if (typeof pk === 'string') keys.push(pk);
    }
  }
  return keys;
}
const restore: (() => void)[] = [];

const DOC_COMMANDS: Record<string, string> = {
  Get: 'GetItem',
  Put: 'PutItem',
  Update: 'UpdateItem',
  Delete: 'DeleteItem',
  BatchGet: 'BatchGetItem',
  BatchWrite: 'BatchWriteItem',
  TransactGet: 'TransactGetItems',
  TransactWrite: 'TransactWriteItems',
};

function capture(): void {
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write.bind(stream);
    stream.write = ((chunk: unknown, ...rest: unknown[]) => {
      output.push(String(chunk));
      return (write as (...args: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof stream.write;
    restore.push(() => {
      stream.write = write;
    });
  }
  for (const method of ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const) {
    const original = console[method];
    console[method] = (...args: unknown[]) => {
      output.push(
        args
          .map((a) =>
            a instanceof Error
              ? `${a.name} ${a.message} ${a.stack}`
              : typeof a === 'string'
                ? a
                : JSON.stringify(a),
          )
          .join(' '),
      );
      original(...args);
    };
    restore.push(() => {
      console[method] = original;
    });
  }
}

beforeAll(async () => {
  restore.push(
    onClientCreated((client, service) => {
      type Next = (args: unknown) => Promise<unknown>;
      const stack = client.middlewareStack as unknown as {
        add(
          middleware: (next: Next, context: { commandName?: string }) => Next,
          options: { step: 'initialize'; name: string },
        ): void;
      };
      stack.add(
        (next, context) => async (args) => {
          const fn = currentInvocation();
          if (fn) {
            let action = String(context.commandName ?? '').replace(/Command$/, '');
            if (service === 'dynamodb') action = DOC_COMMANDS[action] ?? action;
            const set = calls.get(fn.id) ?? new Set<string>();
            set.add(`${service}:${action}`);
            calls.set(fn.id, set);
            if (service === 'dynamodb') {
              const byAction = partitionKeys.get(fn.id) ?? new Map<string, Set<string>>();
              const keys = byAction.get(action) ?? new Set<string>();
              for (const pk of partitionKeysOf((args as { input?: unknown }).input)) keys.add(pk);
              byAction.set(action, keys);
              partitionKeys.set(fn.id, byAction);
            }
          }
          return next(args);
        },
        { step: 'initialize', name: 'ladderCallRecorder' },
      );
    }),
  );
  capture();
  runtime = await startLocalRuntime({ retryIntervalScale: 0.01, faults: { rate: 0 } });
  await clearMailStore(runtime.endpoints.ses);
  await importSimulatedRoster();
  runtime.faults.configure({ rate: 0.1, seed: 5 });

  let bounced = false;
  let complained = false;
  cycle = await simulateCycle(runtime, {
    quarter: QUARTER,
    onEmail: async (_email, message) => {
      if (message?.tags[TAG_NAMES.kind]?.[0] !== 'invitation') return;
      if (!bounced) {
        bounced = true;
        await runtime.emailEvents.bounce(message.messageId);
      } else if (!complained) {
        complained = true;
        await runtime.emailEvents.complaint(message.messageId, { via: 'sns' });
      }
    },
  });
  // Error paths of the form: an unknown link, an invalid answer, a wrong method.
  await fetch(`${runtime.endpoints.api}/feedback/${'Z'.repeat(43)}`);
  await fetch(`${runtime.endpoints.api}/feedback/not-a-token`, { method: 'POST', body: 'x' });
  // The scheduled start of the quarter just ended (it starts it; the cycle is cancelled at once),
  // then once more for the same quarter at another time: refused, the quarter is taken.
  const justEnded = new Date();
  await invokeLambda(catalogFunction('StartCycle'), { scheduledTime: justEnded.toISOString() });
  await invokeLambda(catalogFunction('StartCycle'), {
    scheduledTime: new Date(justEnded.getTime() - 60_000).toISOString(),
  }).catch(() => {});
  await cancelQuarterCycle(sfn(), runtime.stateMachineArn, previousQuarter(justEnded));
  // The console, every page and action once (without injected faults: a 503 page would end the walk).
  runtime.faults.configure({ rate: 0 });
  consoleRun = await exerciseConsole(runtime, {
    quarter: QUARTER,
    roster: SIMULATED_ROSTER,
    metrics: 'quarter,person_id,quota,attained\n2024-Q3,c1,100000,95000\n2024-Q3,s1,80000,88000\n',
    startQuarter: '2024-Q4',
  });
  // The weekly removal of expired comments, once one request's comments are past their time.
  const answered = (await listCycleRequests(QUARTER)).find((request) => request.answers?.comments);
  await dynamo().send(
    new UpdateCommand({
      TableName: runtime.tableName,
      Key: { pk: answered!.pk, sk: answered!.sk },
      UpdateExpression: 'SET commentsExpireAt = :past',
      ExpressionAttributeValues: { ':past': Math.floor(Date.now() / 1000) - 1 },
    }),
  );
  sweep = (await invokeLambda(catalogFunction('SweepComments'), {})) as SweepResult;
}, 120_000);

afterAll(async () => {
  await runtime?.close();
  for (const undo of restore.reverse()) undo();
});

describe('privacy: logs and execution history', () => {
  it('the console walk got the answers a browser expects', () => {
    const { statuses } = consoleRun;
    for (const [label, status] of Object.entries(statuses)) {
      // The local manager account is not a manager of this roster: nothing of theirs to export.
      const expected = label.startsWith('signed out')
        ? 303
        : label === 'roster refused'
          ? 400
          : label === 'manager export'
            ? 404
            : 200;
      expect(status, label).toBe(expected);
    }
  });

  it('the cycle ran, and its logs were captured', () => {
    expect(cycle.execution.status).toBe('SUCCEEDED');
    const text = output.join('\n');
    expect(text).toContain('"service":"ladder"');
    expect(text).toContain('emails sent');
    expect(text).toContain('email delivery events');
    expect(Object.values(cycle.faults).some((s) => Object.keys(s).length > 1)).toBe(true);
  });

  it('no name, address, comment or link token appears in any log line', () => {
    const text = output.join('\n');
    const { names, emails } = rosterIdentities();
    const comments = cycle.requests.flatMap((r) => {
      const c = commentsOf(r.leaderId, r.raterId, false);
      const edited = commentsOf(r.leaderId, r.raterId, true);
      return [c.keep, c.change, edited.keep];
    });
    const tokens = cycle.emails.flatMap((e) => feedbackLinks(e).map(tokenOf));
    expect(tokens.length).toBeGreaterThan(20);
    const leaks = [...names.filter((n) => n.length >= 4), ...emails, ...comments, ...tokens].filter(
      (secret) => text.includes(secret),
    );
    expect(leaks).toEqual([]);
  });

  it('the execution history (Step Functions logs with execution data) holds ids and counts only', () => {
    const history = JSON.stringify(cycle.execution.events);
    const { names, emails } = rosterIdentities();
    const leaks = [...names.filter((n) => n.length >= 4), ...emails].filter((secret) =>
      history.includes(secret),
    );
    expect(leaks).toEqual([]);
    expect(history).not.toContain('Runs sharp pipeline reviews');
  });
});

describe('least privilege: the calls each function makes are the grants of infra/access.ts', () => {
  const granted = (id: FunctionId) => {
    const access = FUNCTION_ACCESS[id];
    return new Set(
      [
        ...allTableActions(access).map((a) => `dynamodb:${a}`),
        ...(access.sendsEmail ? [...SEND_EMAIL_ACTIONS, ...SEND_QUOTA_ACTIONS] : []),
        ...(access.readsSendQuota ? SEND_QUOTA_ACTIONS : []),
        ...(access.completesTasks ? TASK_RESPONSE_ACTIONS : []),
        ...(access.startsExecutions ? [...START_EXECUTION_ACTIONS, ...DESCRIBE_EXECUTION_ACTIONS] : []),
        ...(access.readsClientSecret ? CLIENT_SECRET_ACTIONS : []),
      ].map((action) => action.replace(/^states:/, 'sfn:')),
    );
  };

  it('every function ran', () => {
    expect(sweep.commentsRemoved).toBe(1);
    expect([...calls.keys()].sort()).toEqual(FUNCTIONS.map((f) => f.id).sort());
  });

  it.each(FUNCTIONS.map((f) => f.id))('%s calls only what it is granted', (id) => {
    const used = [...(calls.get(id) ?? [])].sort();
    expect(used.filter((call) => !granted(id).has(call))).toEqual([]);
  });

  it.each(FUNCTIONS.map((f) => f.id))(
    '%s touches, with an action granted only for some partition keys, only those keys',
    (id) => {
      const access = FUNCTION_ACCESS[id];
      const pattern = (glob: string) =>
        new RegExp(`^${glob.replace(/[.*+?^${}()|[\]\\]/g, (c) => (c === '*' ? '.*' : `\\${c}`))}$`);
      for (const [action, keys] of partitionKeys.get(id) ?? []) {
        if ((access.table as readonly string[]).includes(action)) continue;
        const allowed = (access.scopedTable ?? [])
          .filter((scoped) => (scoped.actions as readonly string[]).includes(action))
          .flatMap((scoped) => scoped.leadingKeys.map(pattern));
        const outside = [...keys].filter((pk) => !allowed.some((re) => re.test(pk)));
        expect(outside, `${id} ${action}`).toEqual([]);
      }
    },
  );

  it.each(FUNCTIONS.map((f) => f.id))('%s is granted nothing it does not use', (id) => {
    const used = calls.get(id) ?? new Set();
    // Grants for paths this cycle does not take (every one is a real code path):
    // - SendTaskSuccess: the form and Collect complete the wait only when every rater is done,
    //   which this cycle (with raters who never answer) never reaches: the early-finish tests do;
    // - CloseCycle GetItem: only when the cycle was already closed (a retry or redrive);
    // - Collect GetItem: only when a checkpoint or a wait finds the cycle moved on (a retry after a
    //   lost response, or a wait after the close): the normal path reads the cycle in its update;
    // - GetSendQuota: the sender that finds the shared figures older than a minute asks SES, so in
    //   a short cycle only the first sender does (test/local/ses-pacing.test.ts covers the others);
    // - ConsoleRoster DeleteItem: only to clean up an import whose version was half written when it
    //   failed (test/local/faults.test.ts and the roster store tests take that path).
    const optional = new Set([
      ...(id === 'FeedbackForm' || id === 'Collect' ? ['sfn:SendTaskSuccess'] : []),
      ...(id === 'CloseCycle' || id === 'Collect' ? ['dynamodb:GetItem'] : []),
      ...(FUNCTION_ACCESS[id].sendsEmail ? ['ses:GetSendQuota'] : []),
      ...(id === 'ConsoleRoster' ? ['dynamodb:DeleteItem'] : []),
    ]);
    expect([...granted(id)].filter((action) => !used.has(action) && !optional.has(action)).sort()).toEqual(
      [],
    );
  });
});
