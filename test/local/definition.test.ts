/** The review cycle as the local runtime runs it: the one definition, every task mapped to the catalog. */
import { describe, expect, it } from 'vitest';
import { FUNCTIONS } from '../../functions/catalog.ts';
import { localFunctionArn } from '../../local/lambda.ts';
import { loadReviewCycle, substitute } from '../../local/step-functions/definition.ts';
import { StateMachineRunner } from '../../local/step-functions/runner.ts';
import {
  LAMBDA_INVOKE,
  LAMBDA_WAIT_FOR_TOKEN,
  prepareDefinition,
  retryIntervalOverrides,
  TIMEOUT_PARAMETER,
  walkStates,
} from '../../local/step-functions/tasks.ts';

describe('review cycle definition, locally', () => {
  const { definition, functions, substitutions } = loadReviewCycle();

  it('replaces every placeholder with the local ARN of its catalog function', () => {
    expect(JSON.stringify(definition)).not.toContain('${');
    const withSubstitution = FUNCTIONS.filter((fn) => 'substitution' in fn);
    expect(Object.keys(substitutions).sort()).toEqual(withSubstitution.map((fn) => fn.substitution).sort());
    for (const spec of withSubstitution) {
      const arn = substitutions[spec.substitution]!;
      expect(arn).toBe(localFunctionArn(`ladder-${spec.id}`));
      expect(functions.get(arn)).toMatchObject({ id: spec.id, functionName: `ladder-${spec.id}` });
      expect(functions.get(arn)?.entry.endsWith(spec.entry)).toBe(true);
    }
  });

  it('invokes only mapped functions, through lambda:invoke or waitForTaskToken', () => {
    const tasks: [string, string, string][] = [];
    walkStates(definition, (name, state) => {
      if (state.Type !== 'Task') return;
      const functionName = (state.Parameters as { FunctionName: string }).FunctionName;
      tasks.push([name, state.Resource ?? '', functions.get(functionName)?.id ?? 'unmapped']);
    });
    expect(tasks).toContainEqual(['SendInvitationBatch', LAMBDA_INVOKE, 'SendEmails']);
    expect(tasks).toContainEqual(['WaitForAnswers', LAMBDA_WAIT_FOR_TOKEN, 'Collect']);
    expect(tasks.filter(([, , id]) => id === 'unmapped')).toEqual([]);
  });

  it('builds a runner for it without importing any handler', () => {
    expect(
      () =>
        new StateMachineRunner({
          stateMachineArn: 'arn:aws:states:us-east-1:000000000000:stateMachine:x',
          definition,
          functions,
        }),
    ).not.toThrow();
  });

  it('evaluates TimeoutSecondsPath against the state input, as AWS does (library shim)', () => {
    const prepared = prepareDefinition(definition) as unknown as {
      States: Record<string, { TimeoutSecondsPath?: string; Parameters: Record<string, unknown> }>;
    };
    const wait = prepared.States.WaitForAnswers!;
    expect(wait.TimeoutSecondsPath).toBe(`$.${TIMEOUT_PARAMETER}`);
    expect(wait.Parameters[`${TIMEOUT_PARAMETER}.$`]).toBe('$.collect.secondsToCheckpoint');
    // The loaded definition itself is unchanged.
    expect((definition.States.WaitForAnswers as { TimeoutSecondsPath?: string }).TimeoutSecondsPath).toBe(
      '$.collect.secondsToCheckpoint',
    );
  });

  it('scales retry intervals per state, Map iterations included', () => {
    const overrides = retryIntervalOverrides(definition, 0.01);
    expect(overrides.OpenCycle).toEqual([20]);
    expect(overrides.SendInvitationBatch).toEqual([20]);
  });

  it('refuses a placeholder it has no value for', () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: an ASL placeholder, not a template
    expect(() => substitute('{"a":"${Missing}"}', {})).toThrow(/Missing/);
  });
});
