/**
 * The Ladder stack: one table, one function per catalog entry, the review-cycle state machine from
 * statemachines/review-cycle.asl.json, the feedback-form HTTP API, the quarterly schedule, SES and
 * failure notification.
 */
import { ArnFormat, CfnOutput, RemovalPolicy, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as route53 from 'aws-cdk-lib/aws-route53';
import type { Construct } from 'constructs';
import { ENV, FUNCTIONS, type FunctionId, type FunctionSpec } from '../functions/catalog.ts';
import { DEFAULT_CONFIRM_GRACE_SECONDS } from '../functions/core/mail-slot.ts';
import { DEFAULT_QUOTA_RECHECK_SECONDS } from '../functions/core/send-pacing.ts';
import { TABLE_SCHEMA } from '../functions/shared/table-schema.ts';
import {
  CLIENT_SECRET_ACTIONS,
  DESCRIBE_EXECUTION_ACTIONS,
  FUNCTION_ACCESS,
  SEND_EMAIL_ACTIONS,
  SEND_QUOTA_ACTIONS,
  START_EXECUTION_ACTIONS,
  TASK_RESPONSE_ACTIONS,
  tableActions,
} from './access.ts';
import { type LadderSettings, readSettings } from './config.ts';
import { ConsoleIdentity } from './constructs/console-identity.ts';
import { ConsoleRoutes } from './constructs/console-routes.ts';
import { FailureAlerts } from './constructs/failure-alerts.ts';
import { FeedbackApi } from './constructs/feedback-api.ts';
import { LadderFunction } from './constructs/ladder-function.ts';
import { Mail } from './constructs/mail.ts';
import { QuarterlySchedule } from './constructs/quarterly-schedule.ts';
import { RetentionSchedule } from './constructs/retention-schedule.ts';
import { ReviewCycle } from './constructs/review-cycle.ts';
import { CONSOLE_OUTPUT_KEYS, OPTIONAL_OUTPUT_KEYS, OUTPUT_KEYS } from './outputs.ts';

export { STATE_MACHINE_DEFINITION_FILE } from './paths.ts';

export interface LadderStackProps extends StackProps {
  /** Overrides the settings read from context (`ladder:*` keys). */
  settings?: LadderSettings;
}

/** Name of the state machine of a stack: fixed, so its ARN is known before it exists. */
export function stateMachineNameFor(stackName: string): string {
  return `${stackName}-review-cycle`;
}

const ATTRIBUTE_TYPES: Record<(typeof TABLE_SCHEMA)['attributeType'], dynamodb.AttributeType> = {
  S: dynamodb.AttributeType.STRING,
};

export class LadderStack extends Stack {
  readonly settings: LadderSettings;
  readonly table: dynamodb.Table;
  readonly mail: Mail;
  readonly feedbackApi: FeedbackApi;
  readonly functions: Record<FunctionId, LadderFunction>;
  readonly reviewCycle: ReviewCycle;
  readonly schedule: QuarterlySchedule;
  readonly retentionSchedule: RetentionSchedule;
  readonly failureAlerts: FailureAlerts;
  readonly consoleIdentity: ConsoleIdentity;
  readonly consoleRoutes: ConsoleRoutes;
  /** `<api base>/console`. */
  readonly consoleUrl: string;
  /**
   * ARN of the review-cycle state machine, built from its fixed name. Functions get this one (not
   * the resource's), because the state machine depends on the functions.
   */
  readonly stateMachineArn: string;
  /** ARNs of every execution of the review-cycle state machine (`…:execution:<name>:*`). */
  readonly executionArnPattern: string;

  constructor(scope: Construct, id: string, props: LadderStackProps = {}) {
    super(scope, id, {
      description: 'Ladder: quarterly 360-degree readiness reviews of Consultant Sales Leaders',
      ...props,
    });
    this.settings = props.settings ?? readSettings(this);
    const stateMachineName = stateMachineNameFor(this.stackName);
    this.stateMachineArn = this.formatArn({
      service: 'states',
      resource: 'stateMachine',
      resourceName: stateMachineName,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });

    this.executionArnPattern = this.formatArn({
      service: 'states',
      resource: 'execution',
      resourceName: `${stateMachineName}:*`,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });

    this.table = this.createTable();
    const { hostedZone, customDomain } = this.settings;
    const zone = hostedZone
      ? route53.PublicHostedZone.fromPublicHostedZoneAttributes(this, 'HostedZone', {
          hostedZoneId: hostedZone.id,
          zoneName: hostedZone.name,
        })
      : undefined;
    this.mail = new Mail(this, 'Mail', { sender: this.settings.senderEmail, hostedZone: zone });
    this.feedbackApi = new FeedbackApi(this, 'FeedbackApi', {
      ...(customDomain
        ? {
            customDomain: {
              domainName: customDomain.domainName,
              certificateArn: customDomain.certificateArn,
              zone,
            },
          }
        : {}),
    });
    this.consoleUrl = `${this.feedbackApi.url}/console`;
    this.consoleIdentity = new ConsoleIdentity(this, 'ConsoleIdentity', {
      settings: this.settings.consoleIdentity,
      consoleUrl: this.consoleUrl,
    });

    const environment: Record<string, string> = {
      [ENV.tableName]: this.table.tableName,
      [ENV.senderEmail]: this.mail.fromAddress,
      [ENV.hrEmail]: this.settings.hrEmail,
      [ENV.formBaseUrl]: this.feedbackApi.url,
      [ENV.stateMachineArn]: this.stateMachineArn,
      [ENV.configurationSet]: this.mail.configurationSet.configurationSetName,
      ...this.cycleSettingsEnvironment(),
      [ENV.sesShare]: String(this.settings.sesShare),
      [ENV.sesQuotaRecheckSeconds]: String(DEFAULT_QUOTA_RECHECK_SECONDS),
      [ENV.sesConfirmGraceSeconds]: String(DEFAULT_CONFIRM_GRACE_SECONDS),
      NODE_OPTIONS: '--enable-source-maps',
      POWERTOOLS_SERVICE_NAME: 'ladder',
    };

    const identity = this.consoleIdentity;
    const consoleEnvironment: Record<string, string> = {
      ...environment,
      [ENV.consoleUrl]: this.consoleUrl,
      [ENV.oidcIssuer]: identity.issuer,
      [ENV.oidcClientId]: identity.clientId,
      [ENV.oidcGroupsClaim]: identity.groupsClaim,
      ...(identity.roleGroups ? { [ENV.oidcRoleGroups]: identity.roleGroups } : {}),
      ...(identity.logoutUrl ? { [ENV.oidcLogoutUrl]: identity.logoutUrl } : {}),
    };
    const environmentOf = (id: string) =>
      !id.startsWith('Console')
        ? environment
        : FUNCTION_ACCESS[id as FunctionId].readsClientSecret
          ? { ...consoleEnvironment, [ENV.oidcClientSecretArn]: identity.clientSecret.secretArn }
          : consoleEnvironment;

    const functions: Partial<Record<FunctionId, LadderFunction>> = {};
    for (const spec of FUNCTIONS as readonly FunctionSpec[]) {
      const fn = new LadderFunction(this, spec.id, { spec, environment: environmentOf(spec.id) });
      this.grantAccess(spec.id as FunctionId, fn);
      functions[spec.id as FunctionId] = fn;
    }
    this.functions = functions as Record<FunctionId, LadderFunction>;

    this.feedbackApi.addFormRoutes(this.functions.FeedbackForm.function);
    this.consoleRoutes = new ConsoleRoutes(this, 'ConsoleRoutes', {
      httpApi: this.feedbackApi.httpApi,
      functions: Object.fromEntries(Object.entries(this.functions).map(([id, fn]) => [id, fn.function])),
    });
    this.mail.routeDeliveryEvents(this.functions.EmailEvents.function);

    const functionsBySubstitution: Record<string, lambda.IFunction> = {};
    for (const spec of FUNCTIONS as readonly FunctionSpec[]) {
      if (spec.substitution)
        functionsBySubstitution[spec.substitution] = this.functions[spec.id as FunctionId].function;
    }
    this.reviewCycle = new ReviewCycle(this, 'ReviewCycle', { stateMachineName, functionsBySubstitution });

    this.schedule = new QuarterlySchedule(this, 'QuarterlySchedule', {
      target: this.functions.StartCycle.function,
      timeZone: this.settings.scheduleTimezone,
    });

    this.retentionSchedule = new RetentionSchedule(this, 'RetentionSchedule', {
      target: this.functions.SweepComments.function,
      timeZone: this.settings.scheduleTimezone,
    });

    this.failureAlerts = new FailureAlerts(this, 'FailureAlerts', {
      stateMachine: this.reviewCycle.stateMachine,
      startCycle: this.functions.StartCycle.function,
      email: this.settings.failureEmail,
    });
    // A bounce or complaint that cannot be recorded would let mail go on to that address.
    this.failureAlerts.addFunctionErrorsAlarm(
      'EmailEventsErrorsAlarm',
      this.functions.EmailEvents.function,
      'Ladder: the EmailEvents function failed to record an SES bounce or complaint (EventBridge retries for a day; check its logs)',
    );
    // Comments past their retention would stay stored (unseen: readers blank them) until it runs.
    this.failureAlerts.addFunctionErrorsAlarm(
      'SweepCommentsErrorsAlarm',
      this.functions.SweepComments.function,
      'Ladder: the weekly removal of expired comments failed (the next run tries again; check its logs)',
    );

    // Stack-level (not inside a construct) so the logical ids are exactly these names.
    new CfnOutput(this, OUTPUT_KEYS.tableName, {
      description: 'DynamoDB table of Ladder',
      value: this.table.tableName,
    });
    new CfnOutput(this, OUTPUT_KEYS.stateMachineArn, {
      description: 'Review-cycle state machine (ladder cycle start / status)',
      value: this.reviewCycle.stateMachine.stateMachineArn,
    });
    new CfnOutput(this, OUTPUT_KEYS.feedbackApiUrl, {
      description: 'Base URL of the feedback form: links are <base>/feedback/<token>',
      value: this.feedbackApi.url,
    });
    new CfnOutput(this, CONSOLE_OUTPUT_KEYS.consoleUrl, {
      description: 'The web console for HR (sign in with the console user pool or your IdP)',
      value: `${this.consoleUrl}/`,
    });
    if (identity.userPool) {
      new CfnOutput(this, CONSOLE_OUTPUT_KEYS.userPoolId, {
        description:
          'Cognito user pool of the console: add HR users and put them in hr-admin, hr-viewer or manager',
        value: identity.userPool.userPoolId,
      });
    }
    new CfnOutput(this, OUTPUT_KEYS.failureTopicArn, {
      description: 'SNS topic for failed review cycles (subscribe to it)',
      value: this.failureAlerts.topic.topicArn,
    });
    new CfnOutput(this, OUTPUT_KEYS.region, {
      description: 'Region of the stack',
      value: this.region,
    });
    if (this.feedbackApi.domainName && !zone) {
      new CfnOutput(this, OPTIONAL_OUTPUT_KEYS.customDomainTarget, {
        description: `Point ${customDomain?.domainName} here with a CNAME record in your DNS`,
        value: this.feedbackApi.domainName.regionalDomainName,
      });
    }
    new CfnOutput(this, OPTIONAL_OUTPUT_KEYS.cycleSettings, {
      description:
        'Start-check settings (JSON), so `ladder cycle start --target aws` checks what StartCycle checks',
      value: JSON.stringify(this.cycleSettingsEnvironment()),
    });
  }

  /** The start-check settings as the functions read them (functions/shared/cycle-starter.ts). */
  private cycleSettingsEnvironment(): Record<string, string> {
    return {
      [ENV.reviewDays]: String(this.settings.reviewDays),
      [ENV.maxReviewDays]: String(this.settings.maxReviewDays),
      [ENV.maxQuarterAge]: String(this.settings.maxQuarterAge),
      [ENV.timeZone]: this.settings.scheduleTimezone,
    };
  }

  private createTable(): dynamodb.Table {
    const { partitionKey, sortKey, globalSecondaryIndexes, attributeType, timeToLiveAttribute } =
      TABLE_SCHEMA;
    const attribute = (name: string): dynamodb.Attribute => ({ name, type: ATTRIBUTE_TYPES[attributeType] });
    const table = new dynamodb.Table(this, 'Table', {
      partitionKey: attribute(partitionKey),
      sortKey: attribute(sortKey),
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      // Personal data expires (functions/core/retention.ts); readers also filter expired items.
      timeToLiveAttribute,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      // Review answers and recommendations outlive the stack: `cdk destroy` leaves the table.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    for (const index of globalSecondaryIndexes) {
      table.addGlobalSecondaryIndex({
        indexName: index.indexName,
        partitionKey: attribute(index.partitionKey),
        sortKey: attribute(index.sortKey),
        projectionType: dynamodb.ProjectionType.ALL,
      });
    }
    return table;
  }

  /** The grants of `FUNCTION_ACCESS`, each on named resources (no wildcards). */
  private grantAccess(id: FunctionId, fn: LadderFunction): void {
    const role = fn.role;
    const access = FUNCTION_ACCESS[id];
    const statements: iam.PolicyStatement[] = [];
    if (access.table.length > 0) {
      const resources = [
        this.table.tableArn,
        ...TABLE_SCHEMA.globalSecondaryIndexes.map(
          (index) => `${this.table.tableArn}/index/${index.indexName}`,
        ),
      ];
      statements.push(new iam.PolicyStatement({ sid: 'Table', actions: tableActions(access), resources }));
    }
    for (const [index, scoped] of (access.scopedTable ?? []).entries()) {
      const resources = [
        this.table.tableArn,
        ...TABLE_SCHEMA.globalSecondaryIndexes.map(
          (index) => `${this.table.tableArn}/index/${index.indexName}`,
        ),
      ];
      statements.push(
        new iam.PolicyStatement({
          sid: `TableScoped${index}`,
          actions: scoped.actions.map((action) => `dynamodb:${action}`),
          resources,
          conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [...scoped.leadingKeys] } },
        }),
      );
    }
    if (access.sendsEmail) {
      statements.push(
        new iam.PolicyStatement({
          sid: 'SendEmail',
          actions: [...SEND_EMAIL_ACTIONS],
          resources: this.mail.sendingResourceArns,
          conditions: this.mail.sendingCondition,
        }),
      );
    }
    if (access.sendsEmail || access.readsSendQuota) {
      statements.push(
        new iam.PolicyStatement({ sid: 'ReadSendQuota', actions: [...SEND_QUOTA_ACTIONS], resources: ['*'] }),
      );
    }
    if (access.completesTasks) {
      statements.push(
        new iam.PolicyStatement({
          sid: 'CompleteCollectTask',
          actions: [...TASK_RESPONSE_ACTIONS],
          resources: [this.stateMachineArn],
        }),
      );
    }
    if (access.startsExecutions) {
      statements.push(
        new iam.PolicyStatement({
          sid: 'StartReviewCycle',
          actions: [...START_EXECUTION_ACTIONS],
          resources: [this.stateMachineArn],
        }),
        // The start checks look up the quarter's attempts by name (DescribeExecution).
        new iam.PolicyStatement({
          sid: 'DescribeReviewCycleExecutions',
          actions: [...DESCRIBE_EXECUTION_ACTIONS],
          resources: [this.executionArnPattern],
        }),
      );
    }
    if (access.readsClientSecret) {
      statements.push(
        new iam.PolicyStatement({
          sid: 'ReadConsoleClientSecret',
          actions: [...CLIENT_SECRET_ACTIONS],
          resources: [this.consoleIdentity.clientSecret.secretArn],
        }),
      );
    }
    for (const statement of statements) role.addToPrincipalPolicy(statement);
    if (access.startsExecutions) {
      const policy = role.node.tryFindChild('DefaultPolicy');
      if (policy) {
        Validations.of(policy).acknowledge({
          id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:states:<AWS::Region>:<AWS::AccountId>:execution:${stateMachineNameFor(this.stackName)}:*]`,
          reason: `Role of the ${id} function (${this.stackName}): states:DescribeExecution on the executions of the ${stateMachineNameFor(this.stackName)} state machine only. The start checks look up a quarter's attempts (cycle-<quarter>-<n>) by name, and execution ARNs end in names not known in advance.`,
        });
      }
    }
    if (access.sendsEmail) {
      const policy = role.node.tryFindChild('DefaultPolicy');
      if (policy) {
        Validations.of(policy).acknowledge({
          id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:ses:<AWS::Region>:<AWS::AccountId>:identity/*]`,
          reason: `Role of the ${id} function (${this.stackName}): ses:SendEmail is authorised against the sender's identity and, in the SES sandbox, against every recipient's verified identity, so it names every identity of the account and region; the ses:FromAddress condition limits it to the stack's From address.`,
        });
      }
    }
  }
}
