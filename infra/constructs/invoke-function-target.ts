import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as scheduler from 'aws-cdk-lib/aws-scheduler';
import { ScheduleTargetBase } from 'aws-cdk-lib/aws-scheduler-targets';

/**
 * Scheduler target that may invoke exactly the unqualified function ARN. (The stock LambdaInvoke
 * target uses `grantInvoke`, which also allows every version and alias: `<arn>:*`.)
 */
export class InvokeFunction extends ScheduleTargetBase implements scheduler.IScheduleTarget {
  private readonly fn: lambda.IFunction;

  constructor(fn: lambda.IFunction, props: ConstructorParameters<typeof ScheduleTargetBase>[0]) {
    super(props, fn.functionArn);
    this.fn = fn;
  }

  protected addTargetActionToRole(role: iam.IRole): void {
    iam.Grant.addToPrincipal({
      grantee: role,
      actions: ['lambda:InvokeFunction'],
      resourceArns: [this.fn.functionArn],
    });
  }
}
