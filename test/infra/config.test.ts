import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { ENV } from '../../functions/catalog.ts';
import { createApp } from '../../infra/create-app.ts';
import {
  DEFAULT_STACK_NAME,
  OPTIONAL_OUTPUT_KEYS,
  OUTPUT_KEYS,
  parseStackOutputs,
} from '../../infra/outputs.ts';
import { buildLadder, cdkJsonContext, onlyResource, resources } from './helpers.ts';

const build = (context: Record<string, unknown>) => buildLadder(context);

describe('settings from context', () => {
  it('cdk.json declares every ladder:* setting the app reads', () => {
    const context = cdkJsonContext();
    for (const key of [
      'ladder:senderEmail',
      'ladder:hrEmail',
      'ladder:failureEmail',
      'ladder:scheduleTimezone',
      'ladder:reviewDays',
      'ladder:maxReviewDays',
      'ladder:maxQuarterAge',
    ]) {
      expect(context, key).toHaveProperty([key]);
    }
  });

  it('stack name defaults to Ladder and follows ladder:stackName, and so does the state machine name', () => {
    expect(build({}).stack.stackName).toBe(DEFAULT_STACK_NAME);
    const { stack, template } = build({ 'ladder:stackName': 'LadderStaging' });
    expect(stack.stackName).toBe('LadderStaging');
    const [, machine] = onlyResource(template, 'AWS::StepFunctions::StateMachine');
    expect(machine.Properties!.StateMachineName).toBe('LadderStaging-review-cycle');
  });

  it('no failure email: no subscription (the topic and alarms stay)', () => {
    const { template } = build({ 'ladder:failureEmail': '' });
    expect(Object.keys(resources(template, 'AWS::SNS::Subscription'))).toHaveLength(0);
    expect(Object.keys(resources(template, 'AWS::SNS::Topic'))).toHaveLength(1);
    // Failed executions, StartCycle errors, EmailEvents errors, SweepComments errors.
    expect(Object.keys(resources(template, 'AWS::CloudWatch::Alarm'))).toHaveLength(4);
  });

  it('a domain as sender: a domain identity, mail sent from ladder@<domain>', () => {
    const { stack, template } = build({ 'ladder:senderEmail': 'reviews.example.com' });
    const [, identity] = onlyResource(template, 'AWS::SES::EmailIdentity');
    expect(identity.Properties!.EmailIdentity).toBe('reviews.example.com');
    const fn = resources(template, 'AWS::Lambda::Function')[
      stack.getLogicalId(stack.functions.SendEmails.function.node.defaultChild as never)
    ]!;
    expect(
      (fn.Properties!.Environment as { Variables: Record<string, unknown> }).Variables[ENV.senderEmail],
    ).toBe('ladder@reviews.example.com');
  });

  it('review days and time zone reach the functions and the schedule', () => {
    const { template } = build({ 'ladder:reviewDays': 21, 'ladder:scheduleTimezone': 'America/New_York' });
    for (const fn of Object.values(resources(template, 'AWS::Lambda::Function'))) {
      expect(
        (fn.Properties!.Environment as { Variables: Record<string, unknown> }).Variables[ENV.reviewDays],
      ).toBe('21');
    }
    // The quarterly start and the weekly removal of expired comments.
    const schedules = Object.values(resources(template, 'AWS::Scheduler::Schedule'));
    expect(schedules).toHaveLength(2);
    for (const schedule of schedules)
      expect(schedule.Properties!.ScheduleExpressionTimezone).toBe('America/New_York');
  });

  it('the schedule zone and the start-check limits reach StartCycle, which reads the quarter in that zone', () => {
    const { stack, template } = build({
      'ladder:scheduleTimezone': 'Asia/Tokyo',
      'ladder:maxReviewDays': 30,
      'ladder:maxQuarterAge': 2,
    });
    const fn = resources(template, 'AWS::Lambda::Function')[
      stack.getLogicalId(stack.functions.StartCycle.function.node.defaultChild as never)
    ]!;
    expect((fn.Properties!.Environment as { Variables: Record<string, unknown> }).Variables).toMatchObject({
      [ENV.timeZone]: 'Asia/Tokyo',
      [ENV.maxReviewDays]: '30',
      [ENV.maxQuarterAge]: '2',
      [ENV.reviewDays]: '14',
    });
    const outputs = template.toJSON().Outputs as Record<string, { Value: string }>;
    expect(JSON.parse(outputs[OPTIONAL_OUTPUT_KEYS.cycleSettings]!.Value)).toEqual({
      [ENV.reviewDays]: '14',
      [ENV.maxReviewDays]: '30',
      [ENV.maxQuarterAge]: '2',
      [ENV.timeZone]: 'Asia/Tokyo',
    });
  });

  it.each([
    ['ladder:senderEmail', ''],
    ['ladder:senderEmail', 'not an address'],
    ['ladder:hrEmail', 'hr'],
    ['ladder:failureEmail', 'ops@'],
    ['ladder:scheduleTimezone', 'Mars/Olympus_Mons'],
    ['ladder:reviewDays', 0],
    ['ladder:reviewDays', 'two weeks'],
    ['ladder:reviewDays', 90],
    ['ladder:maxReviewDays', 0],
    ['ladder:maxQuarterAge', 'a year'],
    ['ladder:stackName', 'has spaces'],
  ])('rejects %s = %j at synth, naming the key', (key, value) => {
    expect(() =>
      createApp({
        context: { ...cdkJsonContext(), 'aws:cdk:bundling-stacks': [], [key]: value },
        nag: false,
      }),
    ).toThrow(key);
  });

  it('the synthesized template is deterministic (same input, same template)', () => {
    const a = Template.fromStack(build({}).stack).toJSON();
    const b = Template.fromStack(build({}).stack).toJSON();
    expect(a).toEqual(b);
  });
});

describe('outputs file helper (for the CLI)', () => {
  const values = {
    TableName: 'Ladder-TableCD117FA1-X',
    StateMachineArn: 'arn:aws:states:eu-west-1:123456789012:stateMachine:Ladder-review-cycle',
    FeedbackApiUrl: 'https://abc123.execute-api.eu-west-1.amazonaws.com',
    FailureTopicArn: 'arn:aws:sns:eu-west-1:123456789012:Ladder-FailureAlertsTopic-X',
    Region: 'eu-west-1',
  };

  it('OUTPUT_KEYS are the CfnOutput names', () => {
    expect(Object.values(OUTPUT_KEYS).sort()).toEqual(Object.keys(values).sort());
  });

  it('reads the Ladder stack, or the only stack, or a named one', () => {
    const expected = {
      tableName: values.TableName,
      stateMachineArn: values.StateMachineArn,
      feedbackApiUrl: values.FeedbackApiUrl,
      failureTopicArn: values.FailureTopicArn,
      region: values.Region,
    };
    expect(parseStackOutputs({ Ladder: values })).toEqual(expected);
    expect(parseStackOutputs({ LadderStaging: values })).toEqual(expected);
    expect(parseStackOutputs({ Ladder: {}, LadderStaging: values }, 'LadderStaging')).toEqual(expected);
  });

  it('names what is missing', () => {
    expect(() => parseStackOutputs(null)).toThrow(/outputs-file/);
    expect(() => parseStackOutputs({ A: values, B: values })).toThrow(/several stacks/);
    expect(() => parseStackOutputs({ Ladder: values }, 'Other')).toThrow(/no stack named Other/);
    expect(() => parseStackOutputs({ Ladder: { ...values, Region: '' } })).toThrow(/lacks Region/);
  });
});
