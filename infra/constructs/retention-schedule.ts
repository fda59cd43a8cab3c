import { Duration, TimeZone } from 'aws-cdk-lib';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import { Construct } from 'constructs';
import { InvokeFunction } from './invoke-function-target.ts';

/**
 * 03:00 every Monday, in the schedule's time zone (a quiet hour). Weekly, not daily: each run scans
 * the whole table (with the defaults about 140 KB a leader after five years: ≈ 28 µ$ a leader a
 * quarter weekly, ≈ 200 daily; docs/cost.md), and a week is the order of TTL's own delay. Readers
 * hide expired comments in the meantime.
 */
export const WEEKLY_SWEEP_CRON = 'cron(0 3 ? * MON *)';

export interface RetentionScheduleProps {
  /** The SweepComments function. */
  target: lambda.IFunction;
  /** IANA time zone the 03:00 refers to. */
  timeZone: string;
}

/**
 * EventBridge Scheduler: removes expired comments once a week (functions/handlers/sweep-comments.ts).
 * Items themselves expire by the table's TTL.
 */
export class RetentionSchedule extends Construct {
  readonly schedule: scheduler.Schedule;

  constructor(scope: Construct, id: string, props: RetentionScheduleProps) {
    super(scope, id);
    this.schedule = new scheduler.Schedule(this, 'Schedule', {
      description: 'Ladder: remove comments past their retention (Mondays, 03:00)',
      schedule: scheduler.ScheduleExpression.expression(WEEKLY_SWEEP_CRON, TimeZone.of(props.timeZone)),
      target: new InvokeFunction(props.target, {
        // A missed run is made up by the next: a few retries, no stale runs.
        retryAttempts: 3,
        maxEventAge: Duration.hours(6),
      }),
    });
  }
}
