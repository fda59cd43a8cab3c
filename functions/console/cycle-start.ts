/**
 * Starting a cycle from the console with exactly the checks `ladder cycle start` and the scheduled
 * StartCycle function make: functions/shared/cycle-starter.ts gathers the facts (roster in force,
 * the quarter's cycle and attempts) and runs functions/core/cycle-start-checks.ts, then starts the
 * quarter's next attempt `cycle-<quarter>-<n>`. Nothing here decides anything of its own.
 */
import type { CycleStartRequest } from '../core/cycle-start-checks.ts';
import { sfn } from '../shared/aws-clients.ts';
import { type StartCycleOutcome, startCycle } from '../shared/cycle-starter.ts';

export type StartResult = { ok: true; outcome: StartCycleOutcome } | { ok: false; problems: string[] };

/** `force`: what `--force` does on the CLI (a quarter not ended yet, or older than allowed). */
export async function startCheckedCycle(
  stateMachineArn: string,
  request: CycleStartRequest,
  options: { force?: boolean } = {},
): Promise<StartResult> {
  const outcome = await startCycle(sfn(), stateMachineArn, request, options.force ? { force: true } : {});
  if (!outcome.started) return { ok: false, problems: outcome.problems.map((p) => p.message) };
  return { ok: true, outcome };
}
