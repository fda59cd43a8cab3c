/**
 * A failed execution is loud (FAILED, with the error of the failed step) and can be redriven from
 * the failed step — through the Step Functions API, RedriveExecution, as an operator would after
 * the failure alarm — without a duplicate email or answer.
 *
 * Failures are injected as handler bugs (an error the definition does not retry) AFTER the step's
 * handler ran, so the step's effects (emails already sent) are there when the redrive re-runs it:
 * the invitations Map fails once, then the reports Map fails once.
 */
import {
  DescribeExecutionCommand,
  RedriveExecutionCommand,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sfn } from '../../functions/shared/aws-clients.ts';
import { TAG_NAMES } from '../../functions/shared/mailer.ts';
import { listCycleRequests } from '../../functions/shared/store/request-store.ts';
import { getSummary, listRecommendations } from '../../functions/shared/store/result-store.ts';
import { type LocalRuntime, startLocalRuntime } from '../../local/runtime.ts';
import { clearMailStore, readMailStore } from '../../local/ses.ts';
import { redrivePoint } from '../../local/step-functions/runner.ts';
import { feedbackLinks, pollUntil } from '../support/mail.ts';
import { importSimulatedRoster } from '../support/simulated-cycle.ts';

const QUARTER = '2024-Q1';
let runtime: LocalRuntime;

beforeAll(async () => {
  runtime = await startLocalRuntime({ quiet: true, retryIntervalScale: 0.01 });
  await clearMailStore(runtime.endpoints.ses);
  await importSimulatedRoster();
});
afterAll(async () => {
  await runtime?.close();
});

const kindOf = (messageId: string) => runtime.sentMessages.get(messageId)?.tags[TAG_NAMES.kind]?.[0];
async function emailsBy(kind: string) {
  return (await readMailStore(runtime.endpoints.ses)).emails.filter((e) => kindOf(e.messageId) === kind);
}
async function waitForStatus(arn: string, status: string) {
  await pollUntil(async () => runtime.executions.get(arn)?.status === status, {
    timeoutMs: 30_000,
    what: status,
  });
}

describe('redrive after a failure', () => {
  it('fails loudly at the failed step, and continues from it without sending anything twice', async () => {
    runtime.faults.failNext('SendEmails', { errorName: 'InvitationBug', after: true });
    runtime.faults.failNext('PublishReports', { errorName: 'ReportBug', after: true });
    const start = Date.now();
    const { executionArn } = await sfn().send(
      new StartExecutionCommand({
        stateMachineArn: runtime.stateMachineArn,
        name: `cycle-${QUARTER}`,
        input: JSON.stringify({ quarter: QUARTER, deadline: new Date(start + 60_000).toISOString() }),
      }),
    );

    // 1. The invitations step fails after sending: FAILED, with the step's error, redrivable.
    await waitForStatus(executionArn!, 'FAILED');
    const failed = await sfn().send(new DescribeExecutionCommand({ executionArn }));
    expect(failed).toMatchObject({ status: 'FAILED', error: 'InvitationBug', redriveStatus: 'REDRIVABLE' });
    const record = runtime.executions.get(executionArn!)!;
    expect(redrivePoint(record.events, Object.keys(runtime.stateMachine.definition.States))?.state).toBe(
      'SendInvitations',
    );
    const sentBefore = await emailsBy('invitation');
    expect(sentBefore).toHaveLength(14); // one per rater, listing the 28 requests

    // 2. Redrive: the Map runs again; every invitation was claimed, so none is sent twice.
    await sfn().send(new RedriveExecutionCommand({ executionArn }));
    expect((await sfn().send(new DescribeExecutionCommand({ executionArn }))).status).toBe('RUNNING');
    await pollUntil(
      async () => record.events.some((e) => e.type === 'StateEntered' && e.state.name === 'WaitForAnswers'),
      {
        timeoutMs: 20_000,
      },
    );
    expect(await emailsBy('invitation')).toHaveLength(14);

    // Everyone answers or declines (through the real form): the last answer finishes the wait.
    const links = sentBefore.flatMap((e) => feedbackLinks(e));
    expect(links).toHaveLength(28);
    for (const [i, link] of links.entries()) {
      const body =
        i % 5 === 0
          ? 'action=decline'
          : new URLSearchParams([
              ...[
                ...new Set(
                  [...(await (await fetch(link)).text()).matchAll(/name="rating\.([a-z0-9-]+)"/g)].map(
                    (m) => m[1]!,
                  ),
                ),
              ].map((id) => [`rating.${id}`, String(1 + (i % 5))] as [string, string]),
              ['comment.keep', `keep ${i}`],
              ['action', 'submit'],
            ]).toString();
      const response = await fetch(link, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body,
      });
      expect(response.status).toBe(200);
    }

    // 3. The reports step fails after sending its reports: FAILED again, at PublishReports.
    await waitForStatus(executionArn!, 'FAILED');
    await runtime.ses.events.idle();
    expect(runtime.executions.get(executionArn!)!.error).toBe('ReportBug');
    expect(redrivePoint(record.events, Object.keys(runtime.stateMachine.definition.States))?.state).toBe(
      'PublishReports',
    );
    const answersBefore = (await listCycleRequests(QUARTER)).map(({ pk, sk, status, answers, saves }) => ({
      pk,
      sk,
      status,
      answers,
      saves,
    }));
    const reportsBefore = [...(await emailsBy('leader-report')), ...(await emailsBy('manager-summary'))];
    expect(reportsBefore).toHaveLength(6); // 4 leaders, 2 managers
    expect(await getSummary(QUARTER)).toBeUndefined();

    // 4. Redrive again: the reports Map re-runs (nothing re-sent), then the summary; SUCCEEDED.
    await sfn().send(new RedriveExecutionCommand({ executionArn }));
    await waitForStatus(executionArn!, 'SUCCEEDED');
    const described = await sfn().send(new DescribeExecutionCommand({ executionArn }));
    expect(described).toMatchObject({ status: 'SUCCEEDED', redriveCount: 2 });
    expect([...(await emailsBy('leader-report')), ...(await emailsBy('manager-summary'))]).toHaveLength(6);
    expect(await emailsBy('hr-summary')).toHaveLength(1);
    expect(await emailsBy('invitation')).toHaveLength(14);
    expect(await emailsBy('reminder')).toHaveLength(0);
    // No answer was changed, lost or counted again.
    expect(
      (await listCycleRequests(QUARTER)).map(({ pk, sk, status, answers, saves }) => ({
        pk,
        sk,
        status,
        answers,
        saves,
      })),
    ).toEqual(answersBefore);
    const summary = await getSummary(QUARTER);
    expect(summary?.requests).toMatchObject({ total: 28, expired: 0 });
    expect((await listRecommendations(QUARTER)).length).toBe(4);
    // Each redrive wrote one ExecutionRedriven event; the history has one ExecutionStarted.
    expect(record.events.filter((e) => (e.type as string) === 'ExecutionRedriven')).toHaveLength(2);
    expect(record.events.filter((e) => e.type === 'ExecutionStarted')).toHaveLength(1);
  }, 90_000);

  it('a running or succeeded execution is not redrivable', async () => {
    const arn = `${runtime.stateMachineArn.replace(':stateMachine:', ':execution:')}:cycle-${QUARTER}`;
    const error = await sfn()
      .send(new RedriveExecutionCommand({ executionArn: arn }))
      .catch((e: Error) => e);
    expect((error as Error).name).toBe('ExecutionNotRedrivable');
  });
});
