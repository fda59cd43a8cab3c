import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { FunctionSpec } from '../../functions/catalog.ts';
import { LAMBDA_BUNDLING } from '../bundling.ts';
import { entryPath, LOCK_FILE, REPO_ROOT } from '../paths.ts';

/** How long function, workflow and API logs are kept. */
export const LOG_RETENTION = logs.RetentionDays.THREE_MONTHS;

export interface LadderFunctionProps {
  spec: FunctionSpec;
  environment: Record<string, string>;
}

/**
 * One catalog function: a bundled `NodejsFunction` (Node 24, arm64, X-Ray active) with its own
 * role and its own log group. The role starts with nothing but writing to that log group and
 * X-Ray; the stack grants the rest, per function, in `infra/access.ts`.
 */
export class LadderFunction extends Construct {
  readonly function: nodejs.NodejsFunction;
  readonly role: iam.Role;
  readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: LadderFunctionProps) {
    super(scope, id);
    const { spec } = props;

    this.logGroup = new logs.LogGroup(this, 'Logs', {
      retention: LOG_RETENTION,
      removalPolicy: RemovalPolicy.DESTROY,
    });

    // An own role instead of the default one: the default attaches the AWS managed
    // AWSLambdaBasicExecutionRole (logs:* on every log group); this one may write to its log group only.
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Ladder ${spec.id} function`,
    });
    this.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'WriteOwnLogGroup',
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [this.logGroup.logGroupArn],
      }),
    );

    this.function = new nodejs.NodejsFunction(this, 'Function', {
      entry: entryPath(spec.entry),
      handler: 'handler',
      projectRoot: REPO_ROOT,
      depsLockFilePath: LOCK_FILE,
      description: spec.description,
      runtime: lambda.Runtime.NODEJS_24_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: spec.memoryMb,
      timeout: Duration.seconds(spec.timeoutSeconds),
      tracing: lambda.Tracing.ACTIVE,
      logGroup: this.logGroup,
      role: this.role,
      environment: props.environment,
      bundling: {
        // Shared with the benchmark's bundle-size check (infra/bundling.ts explains each choice).
        minify: LAMBDA_BUNDLING.minify,
        sourceMap: true,
        // Stack traces need only the mappings (NODE_OPTIONS=--enable-source-maps), not the sources.
        sourcesContent: false,
        target: LAMBDA_BUNDLING.target,
        charset: LAMBDA_BUNDLING.charset as nodejs.Charset,
        format: nodejs.OutputFormat.ESM,
        mainFields: [...LAMBDA_BUNDLING.mainFields],
        banner: LAMBDA_BUNDLING.banner,
        externalModules: [...LAMBDA_BUNDLING.externalModules],
      },
    });

    // X-Ray's PutTraceSegments/PutTelemetryRecords have no resource-level permissions: Resource "*"
    // is the only possible value. Acknowledged on this role's policy only.
    const policy = this.role.node.tryFindChild('DefaultPolicy');
    if (policy) {
      Validations.of(policy).acknowledge({
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason: `Role of the ${spec.id} function (${Stack.of(this).stackName}): only xray:PutTraceSegments and xray:PutTelemetryRecords (and, for the functions that send email or check a cycle against the quota, ses:GetSendQuota) use Resource "*", because those actions support no resource-level permissions; every other statement names its resource.`,
      });
    }
  }
}
