import { Duration, TimeZone } from 'aws-cdk-lib';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import { Construct } from 'constructs';
import { InvokeFunction } from './invoke-function-target.ts';

/**
 * 07:00 on the first working day of January, April, July and October. `1W` is the weekday
 * nearest to the 1st within the same month: Monday–Friday the 1st itself, a Saturday 1st moves to
 * Monday the 3rd and a Sunday 1st to Monday the 2nd, i.e. the first working day. Public holidays
 * (1 January!) are not considered: the cycle then opens on the holiday, which only means the
 * invitations wait in inboxes for a day.
 */
export const QUARTERLY_CRON = 'cron(0 7 1W 1,4,7,10 ? *)';

export interface QuarterlyScheduleProps {
  /** The StartCycle function. */
  target: lambda.IFunction;
  /** IANA time zone the 07:00 refers to. */
  timeZone: string;
}

/** EventBridge Scheduler: starts the review cycle of the quarter just ended. */
export class QuarterlySchedule extends Construct {
  readonly schedule: scheduler.Schedule;

  constructor(scope: Construct, id: string, props: QuarterlyScheduleProps) {
    super(scope, id);
    this.schedule = new scheduler.Schedule(this, 'Schedule', {
      description:
        'Ladder: start the review cycle of the quarter just ended (first working day of the quarter, 07:00)',
      schedule: scheduler.ScheduleExpression.expression(QUARTERLY_CRON, TimeZone.of(props.timeZone)),
      target: new InvokeFunction(props.target, {
        // StartCycle derives the quarter from the scheduled time, not from the moment a retry
        // happens to run; the execution is named after the quarter, so retries cannot start twice.
        input: scheduler.ScheduleTargetInput.fromObject({
          scheduledTime: scheduler.ContextAttribute.scheduledTime,
        }),
        retryAttempts: 10,
        maxEventAge: Duration.hours(6),
      }),
    });
  }
}
