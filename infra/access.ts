/**
 * What each function may do, beyond writing its own logs and traces. One row per catalog function:
 * adding a function to functions/catalog.ts fails type-checking here until its access is decided.
 * Derived from what the handlers call (functions/shared/store, mailer, cycle-starter, the SFN
 * task-token calls).
 */
import type { FunctionId } from '../functions/catalog.ts';

export interface FunctionAccess {
  /** DynamoDB: none, reads only, or reads and writes. */
  table: 'none' | 'read' | 'readWrite';
  /** ses:SendEmail / ses:SendRawEmail from the sender identity, with the configuration set. */
  sendsEmail: boolean;
  /** states:SendTaskSuccess / states:SendTaskFailure on the review-cycle state machine. */
  completesTasks: boolean;
  /** states:StartExecution on the review-cycle state machine. */
  startsExecutions: boolean;
}

const workflowStep: FunctionAccess = {
  table: 'readWrite',
  sendsEmail: false,
  completesTasks: false,
  startsExecutions: false,
};

export const FUNCTION_ACCESS: Record<FunctionId, FunctionAccess> = {
  // Only starts the execution named after the quarter; reads nothing.
  StartCycle: { table: 'none', sendsEmail: false, completesTasks: false, startsExecutions: true },
  OpenCycle: workflowStep,
  // Claims each request before sending (conditional update), so retries never send twice.
  SendEmails: { ...workflowStep, sendsEmail: true },
  // Stores the task token; completes its own token when everything is already done.
  Collect: { ...workflowStep, completesTasks: true },
  CloseCycle: workflowStep,
  ScoreBatch: workflowStep,
  // Writes a "sent" marker per report (send-once), hence read-write.
  PublishReports: { ...workflowStep, sendsEmail: true },
  SummarizeCycle: { ...workflowStep, sendsEmail: true },
  // Stores answers; finishes the collect wait when the last answer lands.
  FeedbackForm: { ...workflowStep, completesTasks: true },
};

export const TABLE_READ_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:ConditionCheckItem',
] as const;

export const TABLE_WRITE_ACTIONS = [
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
] as const;

export const SEND_EMAIL_ACTIONS = ['ses:SendEmail', 'ses:SendRawEmail'] as const;
export const TASK_RESPONSE_ACTIONS = ['states:SendTaskSuccess', 'states:SendTaskFailure'] as const;
export const START_EXECUTION_ACTIONS = ['states:StartExecution'] as const;
