import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { ENV, FUNCTIONS } from '../../functions/catalog.ts';
import { TTL_ATTRIBUTE } from '../../functions/core/retention.ts';
import { createTableInput, TABLE_SCHEMA } from '../../functions/shared/table-schema.ts';
import { FEEDBACK_API_THROTTLE } from '../../infra/constructs/feedback-api.ts';
import { QUARTERLY_CRON } from '../../infra/constructs/quarterly-schedule.ts';
import { WEEKLY_SWEEP_CRON } from '../../infra/constructs/retention-schedule.ts';
import { CONSOLE_OUTPUT_KEYS, OPTIONAL_OUTPUT_KEYS, OUTPUT_KEYS } from '../../infra/outputs.ts';
import {
  type Built,
  buildLadder,
  type Json,
  logicalId,
  onlyResource,
  resources,
  scheduleInvoking,
} from './helpers.ts';

let built: Built;

beforeAll(() => {
  built = buildLadder({
    'ladder:scheduleTimezone': 'Europe/Berlin',
    'ladder:failureEmail': 'ops@example.com',
  });
}, 60_000);

describe('table', () => {
  it('is built from TABLE_SCHEMA: on demand, PITR, deletion protection, retained', () => {
    const [, table] = onlyResource(built.template, 'AWS::DynamoDB::Table');
    expect(table.DeletionPolicy).toBe('Retain');
    expect(table.UpdateReplacePolicy).toBe('Retain');
    const props = table.Properties!;
    expect(props.BillingMode).toBe('PAY_PER_REQUEST');
    expect(props.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
    expect(props.DeletionProtectionEnabled).toBe(true);
    expect(props.TableName).toBeUndefined();
  });

  it('deletes expired personal data: TTL on the schema attribute that retention.ts writes', () => {
    const [, table] = onlyResource(built.template, 'AWS::DynamoDB::Table');
    expect(TABLE_SCHEMA.timeToLiveAttribute).toBe(TTL_ATTRIBUTE);
    expect(table.Properties!.TimeToLiveSpecification).toEqual({ AttributeName: 'expiresAt', Enabled: true });
  });

  it('has exactly the keys and indexes of the schema (the same ones the local table gets)', () => {
    const [, table] = onlyResource(built.template, 'AWS::DynamoDB::Table');
    const props = table.Properties!;
    const local = createTableInput('local');
    expect(props.KeySchema).toEqual(local.KeySchema);
    const byName = (a: { AttributeName: string }, b: { AttributeName: string }) =>
      a.AttributeName.localeCompare(b.AttributeName);
    expect([...(props.AttributeDefinitions as { AttributeName: string }[])].sort(byName)).toEqual(
      [...local.AttributeDefinitions].sort(byName),
    );
    expect(props.GlobalSecondaryIndexes).toEqual(local.GlobalSecondaryIndexes);
    expect((props.GlobalSecondaryIndexes as unknown[]).length).toBe(
      TABLE_SCHEMA.globalSecondaryIndexes.length,
    );
  });
});

describe('functions', () => {
  const fns = () => resources(built.template, 'AWS::Lambda::Function');

  it('one function per catalog entry, and nothing else', () => {
    expect(Object.keys(fns()).sort()).toEqual(
      FUNCTIONS.map((spec) => logicalId(built.stack, built.stack.functions[spec.id].function)).sort(),
    );
  });

  it.each(FUNCTIONS.map((spec) => [spec.id, spec] as const))(
    '%s: nodejs24.x, arm64, X-Ray, catalog memory and timeout',
    (id, spec) => {
      const fn = fns()[logicalId(built.stack, built.stack.functions[id].function)]!;
      expect(fn.Properties).toMatchObject({
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        TracingConfig: { Mode: 'Active' },
        MemorySize: spec.memoryMb,
        Timeout: spec.timeoutSeconds,
        Description: spec.description,
        Handler: 'index.handler',
      });
    },
  );

  it.each(FUNCTIONS.map((spec) => [spec.id] as const))(
    '%s: own log group with 3-month retention, destroyed with the stack',
    (id) => {
      const fn = fns()[logicalId(built.stack, built.stack.functions[id].function)]!;
      const logGroupId = logicalId(built.stack, built.stack.functions[id].logGroup);
      expect(fn.Properties!.LoggingConfig).toEqual({ LogGroup: { Ref: logGroupId } });
      const logGroup = resources(built.template)[logGroupId]!;
      expect(logGroup.Type).toBe('AWS::Logs::LogGroup');
      expect(logGroup.Properties!.RetentionInDays).toBe(90);
      expect(logGroup.DeletionPolicy).toBe('Delete');
    },
  );

  // The console's functions get the console settings on top (test/infra/console.test.ts).
  const WORKFLOW_ENV = Object.values(ENV).filter(
    (name) => !name.startsWith('LADDER_CONSOLE') && !name.startsWith('LADDER_OIDC'),
  );
  it.each(FUNCTIONS.filter((spec) => !spec.id.startsWith('Console')).map((spec) => [spec.id] as const))(
    '%s: environment',
    (id) => {
      const fn = fns()[logicalId(built.stack, built.stack.functions[id].function)]!;
      const variables = (fn.Properties!.Environment as { Variables: Json }).Variables;
      expect(Object.keys(variables).sort()).toEqual(
        [...WORKFLOW_ENV, 'NODE_OPTIONS', 'POWERTOOLS_SERVICE_NAME'].sort(),
      );
      const stack = built.stack;
      expect(variables).toEqual({
        [ENV.tableName]: { Ref: logicalId(stack, stack.table) },
        [ENV.senderEmail]: 'ladder@example.com',
        [ENV.hrEmail]: 'hr@example.com',
        [ENV.formBaseUrl]: { 'Fn::GetAtt': [logicalId(stack, stack.feedbackApi.httpApi), 'ApiEndpoint'] },
        [ENV.stateMachineArn]: stack.resolve(stack.stateMachineArn),
        [ENV.configurationSet]: { Ref: logicalId(stack, stack.mail.configurationSet) },
        [ENV.reviewDays]: '14',
        [ENV.maxReviewDays]: '60',
        [ENV.maxQuarterAge]: '4',
        [ENV.timeZone]: 'Europe/Berlin',
        [ENV.sesShare]: '0.9',
        [ENV.sesQuotaRecheckSeconds]: '3600',
        [ENV.sesConfirmGraceSeconds]: '600',
        NODE_OPTIONS: '--enable-source-maps',
        POWERTOOLS_SERVICE_NAME: 'ladder',
      });
    },
  );

  it('roles carry no AWS managed policies', () => {
    for (const [id, role] of Object.entries(resources(built.template, 'AWS::IAM::Role'))) {
      expect(role.Properties!.ManagedPolicyArns, id).toBeUndefined();
    }
  });
});

describe('feedback HTTP API', () => {
  it('routes GET and POST /feedback/{token} to FeedbackForm (the console routes: console.test.ts)', () => {
    const formArn = {
      'Fn::GetAtt': [logicalId(built.stack, built.stack.functions.FeedbackForm.function), 'Arn'],
    };
    const integrations = Object.entries(resources(built.template, 'AWS::ApiGatewayV2::Integration')).filter(
      ([, integration]) => JSON.stringify(integration.Properties!.IntegrationUri) === JSON.stringify(formArn),
    );
    expect(integrations).toHaveLength(1);
    const [integrationId, integration] = integrations[0]!;
    const routes = Object.values(resources(built.template, 'AWS::ApiGatewayV2::Route')).filter((route) =>
      JSON.stringify(route.Properties!.Target).includes(integrationId),
    );
    expect(routes.map((r) => r.Properties!.RouteKey).sort()).toEqual([
      'GET /feedback/{token}',
      'POST /feedback/{token}',
    ]);
    expect(integration.Properties).toMatchObject({
      IntegrationType: 'AWS_PROXY',
      IntegrationUri: formArn,
      PayloadFormatVersion: '2.0',
    });
    for (const route of routes) {
      expect(route.Properties!.Target).toEqual({
        'Fn::Join': ['', ['integrations/', { Ref: integrationId }]],
      });
    }
  });

  it('one $default stage: auto-deployed, throttled, access-logged without the token path', () => {
    const [, stage] = onlyResource(built.template, 'AWS::ApiGatewayV2::Stage');
    expect(stage.Properties).toMatchObject({
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: {
        ThrottlingRateLimit: FEEDBACK_API_THROTTLE.rateLimit,
        ThrottlingBurstLimit: FEEDBACK_API_THROTTLE.burstLimit,
      },
      AccessLogSettings: {
        DestinationArn: { 'Fn::GetAtt': [logicalId(built.stack, built.stack.feedbackApi.accessLogs), 'Arn'] },
      },
    });
    const format = (stage.Properties!.AccessLogSettings as { Format: string }).Format;
    expect(JSON.parse(format)).toMatchObject({
      requestId: '$context.requestId',
      routeKey: '$context.routeKey',
    });
    expect(format).not.toContain('$context.path');
    expect(format).not.toContain('sourceIp');
    const logGroup = resources(built.template)[logicalId(built.stack, built.stack.feedbackApi.accessLogs)]!;
    expect(logGroup.Properties!.RetentionInDays).toBe(90);
  });
});

describe('quarterly schedule', () => {
  const startCycleSchedule = () =>
    scheduleInvoking(built.template, logicalId(built.stack, built.stack.functions.StartCycle.function));

  it('invokes StartCycle at 07:00 on the first working day of each quarter, in the configured zone', () => {
    const [, schedule] = startCycleSchedule();
    expect(QUARTERLY_CRON).toBe('cron(0 7 1W 1,4,7,10 ? *)');
    expect(schedule.Properties).toMatchObject({
      ScheduleExpression: QUARTERLY_CRON,
      ScheduleExpressionTimezone: 'Europe/Berlin',
      State: 'ENABLED',
      FlexibleTimeWindow: { Mode: 'OFF' },
      Target: {
        Arn: { 'Fn::GetAtt': [logicalId(built.stack, built.stack.functions.StartCycle.function), 'Arn'] },
      },
    });
  });

  it('passes the scheduled time, from which StartCycle derives the quarter', () => {
    const [, schedule] = startCycleSchedule();
    const input = JSON.parse((schedule.Properties!.Target as { Input: string }).Input);
    expect(input).toEqual({ scheduledTime: '<aws.scheduler.scheduled-time>' });
  });
});

describe('retention schedule', () => {
  it('invokes SweepComments weekly (Mondays 03:00) in the configured zone (TTL deletes whole items, not comments)', () => {
    const sweep = logicalId(built.stack, built.stack.functions.SweepComments.function);
    const [, schedule] = scheduleInvoking(built.template, sweep);
    expect(WEEKLY_SWEEP_CRON).toBe('cron(0 3 ? * MON *)');
    expect(schedule.Properties).toMatchObject({
      ScheduleExpression: WEEKLY_SWEEP_CRON,
      ScheduleExpressionTimezone: 'Europe/Berlin',
      State: 'ENABLED',
      Target: { Arn: { 'Fn::GetAtt': [sweep, 'Arn'] } },
    });
    // Its failures reach the operators like the other alarms.
    const alarms = Object.values(resources(built.template, 'AWS::CloudWatch::Alarm')).filter((alarm) =>
      JSON.stringify(alarm.Properties!.Dimensions ?? []).includes(sweep),
    );
    expect(alarms).toHaveLength(1);
  });
});

describe('SES', () => {
  it('verifies the sender address and sends through a configuration set with reputation metrics', () => {
    const [, identity] = onlyResource(built.template, 'AWS::SES::EmailIdentity');
    const [configurationSetId, configurationSet] = onlyResource(built.template, 'AWS::SES::ConfigurationSet');
    expect(identity.Properties).toMatchObject({
      EmailIdentity: 'ladder@example.com',
      ConfigurationSetAttributes: { ConfigurationSetName: { Ref: configurationSetId } },
    });
    expect(configurationSet.Properties).toMatchObject({
      ReputationOptions: { ReputationMetricsEnabled: true },
    });
  });
});

describe('failure notification', () => {
  it('an SNS topic encrypted with a rotating KMS key, SSL only, with the email subscription', () => {
    const [topicId, topic] = onlyResource(built.template, 'AWS::SNS::Topic');
    const [keyId, key] = onlyResource(built.template, 'AWS::KMS::Key');
    expect(topic.Properties!.KmsMasterKeyId).toEqual({ 'Fn::GetAtt': [keyId, 'Arn'] });
    expect(key.Properties!.EnableKeyRotation).toBe(true);
    built.template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      Topics: [{ Ref: topicId }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
    built.template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'ops@example.com',
      TopicArn: { Ref: topicId },
    });
  });

  it('the key lets EventBridge and CloudWatch publish to the encrypted topic', () => {
    const [, key] = onlyResource(built.template, 'AWS::KMS::Key');
    const statements = (key.Properties!.KeyPolicy as { Statement: { Principal?: { Service?: string } }[] })
      .Statement;
    const services = statements.map((s) => s.Principal?.Service).filter(Boolean);
    expect(services).toEqual(expect.arrayContaining(['events.amazonaws.com', 'cloudwatch.amazonaws.com']));
  });

  it('an EventBridge rule sends FAILED, TIMED_OUT and ABORTED executions of this state machine to the topic', () => {
    const [topicId] = onlyResource(built.template, 'AWS::SNS::Topic');
    const rule = resources(built.template)[
      logicalId(built.stack, built.stack.failureAlerts.executionStatusRule)
    ]!;
    expect(rule.Properties!.EventPattern).toEqual({
      source: ['aws.states'],
      'detail-type': ['Step Functions Execution Status Change'],
      detail: {
        status: ['FAILED', 'TIMED_OUT', 'ABORTED'],
        stateMachineArn: [{ Ref: logicalId(built.stack, built.stack.reviewCycle.stateMachine) }],
      },
    });
    const targets = rule.Properties!.Targets as { Arn: unknown; InputTransformer?: unknown }[];
    expect(targets).toHaveLength(1);
    expect(targets[0]!.Arn).toEqual({ Ref: topicId });
    expect(JSON.stringify(targets[0]!.InputTransformer)).toContain('redrive-execution');
  });

  it('an alarm on ExecutionsFailed (>= 1 in one 5-minute period) notifies the topic', () => {
    const [topicId] = onlyResource(built.template, 'AWS::SNS::Topic');
    built.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/States',
      MetricName: 'ExecutionsFailed',
      Dimensions: [
        {
          Name: 'StateMachineArn',
          Value: { Ref: logicalId(built.stack, built.stack.reviewCycle.stateMachine) },
        },
      ],
      Statistic: 'Sum',
      Period: 300,
      EvaluationPeriods: 1,
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'notBreaching',
      AlarmActions: [{ Ref: topicId }],
    });
  });

  it('an alarm on errors of the scheduled StartCycle function notifies the topic', () => {
    const [topicId] = onlyResource(built.template, 'AWS::SNS::Topic');
    built.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/Lambda',
      MetricName: 'Errors',
      Dimensions: [
        {
          Name: 'FunctionName',
          Value: { Ref: logicalId(built.stack, built.stack.functions.StartCycle.function) },
        },
      ],
      Threshold: 1,
      AlarmActions: [{ Ref: topicId }],
      AlarmDescription: Match.stringLikeRegexp('already started, failed or cancelled'),
    });
  });
});

describe('outputs', () => {
  it('has the stable output names the CLI reads', () => {
    const outputs = built.template.toJSON().Outputs as Record<string, { Value: unknown }>;
    // Plus the console's user pool (only when the stack makes it; test/infra/console.test.ts).
    expect(Object.keys(outputs).sort()).toEqual(
      [
        ...Object.values(OUTPUT_KEYS),
        OPTIONAL_OUTPUT_KEYS.cycleSettings,
        ...Object.values(CONSOLE_OUTPUT_KEYS),
      ].sort(),
    );
    const stack = built.stack;
    expect(outputs[OUTPUT_KEYS.tableName]!.Value).toEqual({ Ref: logicalId(stack, stack.table) });
    expect(outputs[OUTPUT_KEYS.stateMachineArn]!.Value).toEqual({
      Ref: logicalId(stack, stack.reviewCycle.stateMachine),
    });
    expect(outputs[OUTPUT_KEYS.feedbackApiUrl]!.Value).toEqual({
      'Fn::GetAtt': [logicalId(stack, stack.feedbackApi.httpApi), 'ApiEndpoint'],
    });
    expect(outputs[OUTPUT_KEYS.failureTopicArn]!.Value).toEqual({
      Ref: logicalId(stack, stack.failureAlerts.topic),
    });
    expect(outputs[OUTPUT_KEYS.region]!.Value).toEqual({ Ref: 'AWS::Region' });
    expect(outputs[CONSOLE_OUTPUT_KEYS.consoleUrl]!.Value).toEqual({
      'Fn::Join': [
        '',
        [{ 'Fn::GetAtt': [logicalId(stack, stack.feedbackApi.httpApi), 'ApiEndpoint'] }, '/console/'],
      ],
    });
  });
});
