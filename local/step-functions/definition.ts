/**
 * The workflow definition as the local runtime runs it: statemachines/review-cycle.asl.json with
 * every `${Placeholder}` replaced by a local Lambda ARN, as CDK's definition substitutions do on AWS.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { StateMachineDefinition } from 'aws-local-stepfunctions';
import { FUNCTIONS } from '../../functions/catalog.ts';
import { catalogFunction, type LocalFunction, localFunctionArn, REPO_ROOT } from '../lambda.ts';

export const REVIEW_CYCLE_ASL = 'statemachines/review-cycle.asl.json';

/** Function ARN → function, for every function the definition invokes. */
export type FunctionMap = ReadonlyMap<string, LocalFunction>;

export interface LocalDefinition {
  definition: StateMachineDefinition;
  functions: FunctionMap;
  /** Placeholder name (without `${}`) → the ARN it was replaced with. */
  substitutions: Record<string, string>;
}

const PLACEHOLDER = /\$\{([A-Za-z0-9_]+)\}/g;

/** Replaces `${Name}` placeholders in ASL text; an unknown placeholder is an error, as in CDK. */
export function substitute(
  aslText: string,
  values: Readonly<Record<string, string>>,
): StateMachineDefinition {
  const text = aslText.replace(PLACEHOLDER, (_match, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`No substitution for \${${name}}`);
    return value;
  });
  return JSON.parse(text) as StateMachineDefinition;
}

/** Loads an ASL file whose placeholders name the given functions (placeholder → function). */
export function loadDefinition(
  path: string,
  byPlaceholder: Readonly<Record<string, LocalFunction>>,
): LocalDefinition {
  const substitutions: Record<string, string> = {};
  const functions = new Map<string, LocalFunction>();
  for (const [placeholder, fn] of Object.entries(byPlaceholder)) {
    const arn = localFunctionArn(fn.functionName);
    substitutions[placeholder] = arn;
    functions.set(arn, fn);
  }
  return { definition: substitute(readFileSync(path, 'utf8'), substitutions), functions, substitutions };
}

/** Ladder's review cycle, each placeholder mapped to its catalog function. */
export function loadReviewCycle(root = REPO_ROOT): LocalDefinition {
  const byPlaceholder: Record<string, LocalFunction> = {};
  for (const spec of FUNCTIONS) {
    if ('substitution' in spec) byPlaceholder[spec.substitution] = catalogFunction(spec.id, root);
  }
  return loadDefinition(resolve(root, REVIEW_CYCLE_ASL), byPlaceholder);
}
