/**
 * CDK assertions for issue 4: bounce and complaint routing, loud failures, a definition whose
 * retries cover transient faults but never hide a bug, and the token-guessing bound the API's
 * throttling gives.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { newLinkToken } from '../../functions/shared/tokens.ts';
import { FEEDBACK_API_THROTTLE } from '../../infra/constructs/feedback-api.ts';
import { DELIVERY_EVENT_DETAIL_TYPES } from '../../infra/constructs/mail.ts';
import { STATE_MACHINE_DEFINITION_FILE } from '../../infra/paths.ts';
import { type Built, buildLadder, logicalId, onlyResource, resources } from './helpers.ts';

let built: Built;

beforeAll(() => {
  built = buildLadder();
}, 60_000);

const fnArn = (id: 'EmailEvents') => ({
  'Fn::GetAtt': [logicalId(built.stack, built.stack.functions[id].function), 'Arn'],
});

describe('SES bounces and complaints reach the EmailEvents function', () => {
  it('the configuration set publishes send, reject, bounce and complaint events (only) to the default event bus', () => {
    const [, destination] = onlyResource(built.template, 'AWS::SES::ConfigurationSetEventDestination');
    const configurationSetId = logicalId(built.stack, built.stack.mail.configurationSet);
    expect(destination.Properties).toMatchObject({
      ConfigurationSetName: { Ref: configurationSetId },
      EventDestination: {
        Enabled: true,
        MatchingEventTypes: ['send', 'reject', 'bounce', 'complaint'],
        EventBridgeDestination: {
          EventBusArn: {
            'Fn::Join': [
              '',
              [
                'arn:',
                { Ref: 'AWS::Partition' },
                ':events:',
                { Ref: 'AWS::Region' },
                ':',
                { Ref: 'AWS::AccountId' },
                ':event-bus/default',
              ],
            ],
          },
        },
      },
    });
  });

  it('an EventBridge rule for this configuration set only invokes EmailEvents, retried for a day', () => {
    const rules = Object.values(resources(built.template, 'AWS::Events::Rule')).filter(
      (rule) => (rule.Properties!.EventPattern as { source?: string[] }).source?.[0] === 'aws.ses',
    );
    expect(rules).toHaveLength(1);
    const rule = rules[0]!;
    expect(rule.Properties!.EventPattern).toEqual({
      source: ['aws.ses'],
      'detail-type': [...DELIVERY_EVENT_DETAIL_TYPES],
      detail: {
        mail: {
          tags: {
            'ses:configuration-set': [{ Ref: logicalId(built.stack, built.stack.mail.configurationSet) }],
          },
        },
      },
    });
    const targets = rule.Properties!.Targets as { Arn: unknown; RetryPolicy?: unknown }[];
    expect(targets).toHaveLength(1);
    expect(targets[0]!.Arn).toEqual(fnArn('EmailEvents'));
    expect(targets[0]!.RetryPolicy).toEqual({ MaximumEventAgeInSeconds: 86400, MaximumRetryAttempts: 185 });
  });

  it('only that rule may invoke EmailEvents', () => {
    const permissions = Object.values(resources(built.template, 'AWS::Lambda::Permission')).filter(
      (p) => JSON.stringify(p.Properties!.FunctionName) === JSON.stringify(fnArn('EmailEvents')),
    );
    expect(permissions).toHaveLength(1);
    expect(permissions[0]!.Properties).toMatchObject({
      Action: 'lambda:InvokeFunction',
      Principal: 'events.amazonaws.com',
    });
    expect(JSON.stringify(permissions[0]!.Properties!.SourceArn)).toContain('DeliveryEventsRule');
  });

  it('an error of EmailEvents raises an alarm on the failure topic', () => {
    const [topicId] = onlyResource(built.template, 'AWS::SNS::Topic');
    built.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/Lambda',
      MetricName: 'Errors',
      Dimensions: [
        {
          Name: 'FunctionName',
          Value: { Ref: logicalId(built.stack, built.stack.functions.EmailEvents.function) },
        },
      ],
      Threshold: 1,
      AlarmActions: [{ Ref: topicId }],
    });
  });
});

describe('failures are loud and redrivable', () => {
  const definition = JSON.parse(readFileSync(STATE_MACHINE_DEFINITION_FILE, 'utf8')) as {
    States: Record<string, State>;
  };
  interface State {
    Type: string;
    Retry?: { ErrorEquals: string[]; MaxAttempts?: number }[];
    Catch?: { ErrorEquals: string[] }[];
    ItemProcessor?: { States: Record<string, State> };
  }
  const tasks: [string, State][] = [];
  const walk = (states: Record<string, State>) => {
    for (const [name, state] of Object.entries(states)) {
      if (state.Type === 'Task') tasks.push([name, state]);
      if (state.ItemProcessor) walk(state.ItemProcessor.States);
    }
  };
  walk(definition.States);

  it('a failed, timed out or aborted execution notifies the failure topic (rule) and the ExecutionsFailed alarm fires', () => {
    const [topicId] = onlyResource(built.template, 'AWS::SNS::Topic');
    const rule = resources(built.template)[
      logicalId(built.stack, built.stack.failureAlerts.executionStatusRule)
    ]!;
    expect((rule.Properties!.EventPattern as { detail: { status: string[] } }).detail.status).toEqual([
      'FAILED',
      'TIMED_OUT',
      'ABORTED',
    ]);
    expect((rule.Properties!.Targets as { Arn: unknown }[])[0]!.Arn).toEqual({ Ref: topicId });
    const alarm = resources(built.template)[
      logicalId(built.stack, built.stack.failureAlerts.executionFailedAlarm)
    ]!;
    expect(alarm.Properties).toMatchObject({
      MetricName: 'ExecutionsFailed',
      AlarmActions: [{ Ref: topicId }],
    });
  });

  it.each(tasks.map(([name]) => name))(
    '%s retries Lambda service errors, throttling and TransientError, and never a bug',
    (name) => {
      const state = tasks.find(([n]) => n === name)![1];
      const retried = new Set(state.Retry!.flatMap((r) => r.ErrorEquals));
      for (const error of ['Lambda.ServiceException', 'Lambda.TooManyRequestsException', 'TransientError']) {
        expect(retried.has(error), error).toBe(true);
      }
      for (const retrier of state.Retry!) expect(retrier.MaxAttempts ?? 3).toBeGreaterThanOrEqual(3);
      // A bug (any other error) must fail the execution, which is what alerts and can be redriven.
      for (const error of ['States.ALL', 'States.TaskFailed']) {
        expect(retried.has(error), error).toBe(false);
        expect(state.Catch?.some((c) => c.ErrorEquals.includes(error)) ?? false, error).toBe(false);
      }
    },
  );
});

describe('API throttling bounds token guessing', () => {
  it('256-bit link tokens at the stage throttle: a year of guessing has a chance below 2^-200', () => {
    const token = newLinkToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/); // 43 base64url characters: 256 random bits
    const bits = 256;
    const [, stage] = onlyResource(built.template, 'AWS::ApiGatewayV2::Stage');
    const rate = (stage.Properties!.DefaultRouteSettings as { ThrottlingRateLimit: number })
      .ThrottlingRateLimit;
    expect(rate).toBe(FEEDBACK_API_THROTTLE.rateLimit);
    const secondsPerYear = 365 * 24 * 3600;
    // Live links at the largest design size: 10,000 leaders × 12 raters × (invitation + 3 reminders).
    const liveTokens = 10_000 * 12 * 4;
    const log2Chance = Math.log2(rate * secondsPerYear) + Math.log2(liveTokens) - bits;
    expect(log2Chance).toBeLessThan(-200);
  });
});
