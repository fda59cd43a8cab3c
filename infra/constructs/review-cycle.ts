import { RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import {
  definitionPlaceholders,
  readStateMachineDefinition,
  STATE_MACHINE_DEFINITION_FILE,
} from '../paths.ts';
import { LOG_RETENTION } from './ladder-function.ts';

export interface ReviewCycleProps {
  /** Fixed name, so functions can be granted on its ARN without a circular dependency. */
  stateMachineName: string;
  /** Placeholder of the definition (`OpenCycleFunctionArn`) → the function it stands for. */
  functionsBySubstitution: Record<string, lambda.IFunction>;
}

/**
 * The review-cycle state machine (Standard), built from statemachines/review-cycle.asl.json as is:
 * the template's DefinitionString is the file's text and `${…FunctionArn}` placeholders are
 * resolved by CloudFormation DefinitionSubstitutions, so what deploys is exactly what the local
 * runtime runs.
 */
export class ReviewCycle extends Construct {
  readonly stateMachine: sfn.StateMachine;
  readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: ReviewCycleProps) {
    super(scope, id);
    const definition = readStateMachineDefinition();

    const placeholders = definitionPlaceholders(definition);
    const substitutions = Object.keys(props.functionsBySubstitution);
    const unresolved = placeholders.filter((name) => !substitutions.includes(name));
    const unused = substitutions.filter((name) => !placeholders.includes(name));
    if (unresolved.length > 0 || unused.length > 0) {
      throw new Error(
        `${STATE_MACHINE_DEFINITION_FILE} and functions/catalog.ts disagree: ` +
          `placeholders without a function: [${unresolved.join(', ')}]; catalog substitutions not in the definition: [${unused.join(', ')}]`,
      );
    }

    this.logGroup = new logs.LogGroup(this, 'Logs', {
      // Step Functions vended logs: the /aws/vendedlogs/ prefix keeps the CloudWatch Logs resource
      // policy from growing with every log group.
      logGroupName: `/aws/vendedlogs/states/${props.stateMachineName}`,
      retention: LOG_RETENTION,
      removalPolicy: RemovalPolicy.DESTROY,
    });

    const functions = Object.values(props.functionsBySubstitution);
    this.stateMachine = new sfn.StateMachine(this, 'StateMachine', {
      stateMachineName: props.stateMachineName,
      stateMachineType: sfn.StateMachineType.STANDARD,
      definitionBody: sfn.DefinitionBody.fromString(definition),
      definitionSubstitutions: Object.fromEntries(
        Object.entries(props.functionsBySubstitution).map(([name, fn]) => [name, fn.functionArn]),
      ),
      tracingEnabled: true,
      logs: { destination: this.logGroup, level: sfn.LogLevel.ALL, includeExecutionData: true },
    });

    // The definition invokes unqualified function ARNs only, so no `:*` (versions/aliases) grant.
    this.stateMachine.addToRolePolicy(
      new iam.PolicyStatement({
        sid: 'InvokeWorkflowFunctions',
        actions: ['lambda:InvokeFunction'],
        resources: [...new Set(functions)].map((fn) => fn.functionArn),
      }),
    );

    const policy = this.stateMachine.role.node.tryFindChild('DefaultPolicy');
    if (policy) {
      Validations.of(policy).acknowledge({
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason: `Role of the ${props.stateMachineName} state machine: Resource "*" appears only on the CloudWatch Logs delivery actions (logs:CreateLogDelivery, GetLogDelivery, UpdateLogDelivery, DeleteLogDelivery, ListLogDeliveries, PutResourcePolicy, DescribeResourcePolicies, DescribeLogGroups) that Step Functions logging requires and on X-Ray tracing (xray:PutTraceSegments, PutTelemetryRecords, GetSamplingRules, GetSamplingTargets); neither service supports resource-level permissions for these actions. lambda:InvokeFunction names the workflow functions.`,
      });
    }
  }
}
