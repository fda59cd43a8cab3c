/**
 * Starts the review cycle of a quarter. The execution is named after the quarter, so a second
 * start of the same quarter (a second schedule trigger, a double click in the CLI) is refused by
 * Step Functions itself; the workflow's conditional open guards the rest.
 * Used by the scheduled StartCycle function and by `ladder cycle start`.
 */
import { ExecutionAlreadyExists, type SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { type CycleRequest, cycleRequestSchema, InvalidCyclePlanError } from '../core/cycle-plan.ts';
import { executionNameFor } from '../core/quarter.ts';

export interface StartCycleOutcome {
  started: boolean;
  executionArn: string;
  executionName: string;
}

export async function startCycle(
  client: SFNClient,
  stateMachineArn: string,
  request: CycleRequest,
): Promise<StartCycleOutcome> {
  const parsed = cycleRequestSchema.safeParse(request);
  if (!parsed.success) {
    throw new InvalidCyclePlanError(
      `Invalid cycle input: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`,
    );
  }
  const executionName = executionNameFor(parsed.data.quarter);
  const executionArn = `${stateMachineArn.replace(':stateMachine:', ':execution:')}:${executionName}`;
  try {
    const result = await client.send(
      new StartExecutionCommand({ stateMachineArn, name: executionName, input: JSON.stringify(parsed.data) }),
    );
    return { started: true, executionArn: result.executionArn ?? executionArn, executionName };
  } catch (error) {
    if (error instanceof ExecutionAlreadyExists || (error as Error).name === 'ExecutionAlreadyExists') {
      return { started: false, executionArn, executionName };
    }
    throw error;
  }
}
