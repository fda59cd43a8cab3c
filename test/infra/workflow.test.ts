import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { FUNCTIONS, type FunctionSpec } from '../../functions/catalog.ts';
import { STATE_MACHINE_DEFINITION_FILE, stateMachineNameFor } from '../../infra/ladder-stack.ts';
import { definitionPlaceholders } from '../../infra/paths.ts';
import { type Built, buildLadder, logicalId, onlyResource, resources } from './helpers.ts';

let built: Built;
const fileText = readFileSync(STATE_MACHINE_DEFINITION_FILE, 'utf8');

beforeAll(() => {
  built = buildLadder();
}, 60_000);

/** DefinitionString as text: a plain string, or an Fn::Join of plain strings. */
function definitionText(value: unknown): string {
  if (typeof value === 'string') return value;
  const join = (value as { 'Fn::Join'?: [string, unknown[]] })['Fn::Join'];
  if (!join)
    throw new Error(
      `DefinitionString is neither a string nor an Fn::Join: ${JSON.stringify(value).slice(0, 200)}`,
    );
  const [separator, parts] = join;
  const tokens = parts.filter((part) => typeof part !== 'string');
  if (tokens.length > 0)
    throw new Error(`DefinitionString embeds CloudFormation tokens: ${JSON.stringify(tokens).slice(0, 200)}`);
  return parts.join(separator);
}

const stateMachine = () => onlyResource(built.template, 'AWS::StepFunctions::StateMachine')[1].Properties!;

describe('review-cycle state machine', () => {
  it('is a Standard state machine with the fixed name the functions are granted on', () => {
    const props = stateMachine();
    expect(props.StateMachineType).toBe('STANDARD');
    expect(props.StateMachineName).toBe(stateMachineNameFor(built.stack.stackName));
    expect(props.StateMachineName).toBe('Ladder-review-cycle');
    expect(JSON.stringify(built.stack.resolve(built.stack.stateMachineArn))).toContain(
      ':stateMachine:Ladder-review-cycle"',
    );
  });

  it('logs ALL events with execution data to a log group with bounded retention, and traces with X-Ray', () => {
    const props = stateMachine();
    const logGroupId = logicalId(built.stack, built.stack.reviewCycle.logGroup);
    expect(props.LoggingConfiguration).toEqual({
      Destinations: [{ CloudWatchLogsLogGroup: { LogGroupArn: { 'Fn::GetAtt': [logGroupId, 'Arn'] } } }],
      IncludeExecutionData: true,
      Level: 'ALL',
    });
    expect(props.TracingConfiguration).toEqual({ Enabled: true });
    const logGroup = resources(built.template)[logGroupId]!;
    expect(logGroup.Properties!.RetentionInDays).toBe(90);
    expect(logGroup.Properties!.LogGroupName).toBe('/aws/vendedlogs/states/Ladder-review-cycle');
  });
});

describe('one workflow definition: what deploys is what the local runtime runs', () => {
  it('the DefinitionString is the file statemachines/review-cycle.asl.json, unchanged', () => {
    const text = definitionText(stateMachine().DefinitionString);
    expect(JSON.parse(text)).toEqual(JSON.parse(fileText));
    expect(text).toBe(fileText);
  });

  it('every $-placeholder of the file has a substitution, and there is no other', () => {
    const placeholders = definitionPlaceholders(fileText);
    expect(placeholders.length).toBeGreaterThan(0);
    const substitutions = stateMachine().DefinitionSubstitutions as Record<string, unknown>;
    expect(Object.keys(substitutions).sort()).toEqual([...placeholders].sort());
  });

  it('each placeholder resolves to the ARN of the function whose catalog entry names it', () => {
    const substitutions = stateMachine().DefinitionSubstitutions as Record<string, unknown>;
    for (const placeholder of definitionPlaceholders(fileText)) {
      const specs = (FUNCTIONS as readonly FunctionSpec[]).filter(
        (spec) => spec.substitution === placeholder,
      );
      expect(specs, `catalog entries naming ${placeholder}`).toHaveLength(1);
      const fn = built.stack.functions[specs[0]!.id as keyof typeof built.stack.functions].function;
      expect(substitutions[placeholder], placeholder).toEqual({
        'Fn::GetAtt': [logicalId(built.stack, fn), 'Arn'],
      });
    }
  });

  it('every catalog substitution appears in the definition', () => {
    const placeholders = definitionPlaceholders(fileText);
    for (const spec of FUNCTIONS as readonly FunctionSpec[]) {
      if (spec.substitution) expect(placeholders, spec.id).toContain(spec.substitution);
    }
  });

  it('the definition uses JSONPath, which the local runtime supports', () => {
    const definition = JSON.parse(fileText) as { QueryLanguage?: string };
    expect(definition.QueryLanguage ?? 'JSONPath').toBe('JSONPath');
  });
});
