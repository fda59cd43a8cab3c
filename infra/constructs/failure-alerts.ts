import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cloudwatchActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as events from 'aws-cdk-lib/aws-events';
import * as eventTargets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';

/** Execution statuses that mean a review cycle did not finish. */
export const FAILED_EXECUTION_STATUSES = ['FAILED', 'TIMED_OUT', 'ABORTED'] as const;

export interface FailureAlertsProps {
  stateMachine: sfn.StateMachine;
  /**
   * The scheduled StartCycle function: it fails when it cannot start its quarter (already started,
   * failed, cancelled, refused by a start check) or breaks; either way no cycle started.
   */
  startCycle: lambda.IFunction;
  /** Subscribed by email when set (the address must confirm the subscription). */
  email: string | undefined;
}

/**
 * Failure notification: an encrypted SNS topic fed by an EventBridge rule (every failed, timed
 * out or aborted execution, with a readable message) and by CloudWatch alarms (ExecutionsFailed of
 * the state machine; errors of the scheduled StartCycle function).
 */
export class FailureAlerts extends Construct {
  readonly topic: sns.Topic;
  readonly key: kms.Key;
  readonly executionFailedAlarm: cloudwatch.Alarm;
  readonly startCycleErrorsAlarm: cloudwatch.Alarm;
  readonly executionStatusRule: events.Rule;

  constructor(scope: Construct, id: string, props: FailureAlertsProps) {
    super(scope, id);
    const account = Stack.of(this).account;

    // A customer managed key, not alias/aws/sns: EventBridge and CloudWatch can publish to an
    // encrypted topic only if the key policy lets their service principals use the key, and the
    // AWS managed key's policy cannot be changed.
    this.key = new kms.Key(this, 'Key', {
      description: 'Ladder failure notifications (SNS topic encryption)',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.DESTROY,
      pendingWindow: Duration.days(7),
    });

    this.topic = new sns.Topic(this, 'Topic', {
      displayName: 'Ladder review cycle failures',
      masterKey: this.key,
      enforceSSL: true,
    });
    if (props.email) this.topic.addSubscription(new subscriptions.EmailSubscription(props.email));

    const stateMachineArn = props.stateMachine.stateMachineArn;
    this.executionStatusRule = new events.Rule(this, 'ExecutionFailedRule', {
      description: 'Ladder: a review cycle execution failed, timed out or was aborted',
      eventPattern: {
        source: ['aws.states'],
        detailType: ['Step Functions Execution Status Change'],
        detail: { status: [...FAILED_EXECUTION_STATUSES], stateMachineArn: [stateMachineArn] },
      },
    });
    // SnsTopic grants events.amazonaws.com sns:Publish (topic policy) and the key (key policy).
    this.executionStatusRule.addTarget(
      new eventTargets.SnsTopic(this.topic, {
        message: events.RuleTargetInput.fromText(
          [
            `Ladder review cycle execution ${events.EventField.fromPath('$.detail.name')} ended with status ${events.EventField.fromPath('$.detail.status')}`,
            `at ${events.EventField.fromPath('$.time')}.`,
            `Execution: ${events.EventField.fromPath('$.detail.executionArn')}.`,
            'Find the failed state in the Step Functions console; after fixing the cause, continue with',
            `aws stepfunctions redrive-execution --execution-arn ${events.EventField.fromPath('$.detail.executionArn')}`,
          ].join(' '),
        ),
      }),
    );

    // CloudWatch alarms publish as cloudwatch.amazonaws.com: topic policy and key policy, limited
    // to alarms of this account.
    this.topic.grantPublish(
      new iam.ServicePrincipal('cloudwatch.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': account } },
      }),
    );
    const alarmAction = new cloudwatchActions.SnsAction(this.topic);

    this.executionFailedAlarm = new cloudwatch.Alarm(this, 'ExecutionsFailedAlarm', {
      alarmDescription:
        'Ladder: a review cycle execution failed (see the Step Functions console, then redrive it)',
      metric: props.stateMachine.metricFailed({
        period: Duration.minutes(5),
        statistic: cloudwatch.Stats.SUM,
      }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    this.executionFailedAlarm.addAlarmAction(alarmAction);

    this.startCycleErrorsAlarm = new cloudwatch.Alarm(this, 'StartCycleErrorsAlarm', {
      alarmDescription:
        'Ladder: the scheduled start did not start its quarter: the quarter was already started, failed or cancelled, a start check refused it (no roster, …), or StartCycle failed. Its log says which in one sentence; then `ladder cycle status|start|retry --quarter Q`',
      metric: props.startCycle.metricErrors({ period: Duration.minutes(5), statistic: cloudwatch.Stats.SUM }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    this.startCycleErrorsAlarm.addAlarmAction(alarmAction);
    this.alarmAction = alarmAction;
  }

  private readonly alarmAction: cloudwatch.IAlarmAction;

  /** An alarm on any error of `fn` (sum ≥ 1 in 5 minutes) that notifies the topic. */
  addFunctionErrorsAlarm(id: string, fn: lambda.IFunction, description: string): cloudwatch.Alarm {
    const alarm = new cloudwatch.Alarm(this, id, {
      alarmDescription: description,
      metric: fn.metricErrors({ period: Duration.minutes(5), statistic: cloudwatch.Stats.SUM }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(this.alarmAction);
    return alarm;
  }
}
