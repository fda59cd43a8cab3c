/**
 * Names of the stack outputs, as they appear in `cdk deploy --outputs-file cdk-outputs.json`
 * (`{ "<stackName>": { "TableName": "...", ... } }`). No CDK import: the CLI imports this cheaply.
 */
export const OUTPUT_KEYS = {
  /** DynamoDB table name. */
  tableName: 'TableName',
  /** ARN of the review-cycle state machine (`ladder cycle start` calls StartExecution on it). */
  stateMachineArn: 'StateMachineArn',
  /** Base URL of the feedback form API, without a trailing slash: links are `<base>/feedback/<token>`. */
  feedbackApiUrl: 'FeedbackApiUrl',
  /** SNS topic that receives failure notifications. */
  failureTopicArn: 'FailureTopicArn',
  /** Region the stack is deployed in. */
  region: 'Region',
} as const;

export type OutputName = keyof typeof OUTPUT_KEYS;

/** Outputs for people, not read by the CLI: the console's URL and (with Cognito) its user pool. */
export const CONSOLE_OUTPUT_KEYS = { consoleUrl: 'ConsoleUrl', userPoolId: 'ConsoleUserPoolId' } as const;
/**
 * Outputs added later: a file written by an older stack lacks them. `CycleSettings` is JSON of
 * the start-check settings (`{"reviewDays":"14","maxReviewDays":"60",…}`, keys of ENV), so the
 * CLI checks a start exactly as the stack's StartCycle function does.
 */
export const OPTIONAL_OUTPUT_KEYS = {
  cycleSettings: 'CycleSettings',
  /** With a custom domain but no hosted zone: the API Gateway domain to point a CNAME at. */
  customDomainTarget: 'CustomDomainTarget',
} as const;

/** The outputs of one deployed Ladder stack, by their TS names. */
export type LadderStackOutputs = Record<OutputName, string> & {
  cycleSettings?: Record<string, string>;
};

/** Stack name when the context `ladder:stackName` is not set. */
export const DEFAULT_STACK_NAME = 'Ladder';

/**
 * Picks one stack's outputs from the parsed content of an outputs file. With no `stackName`, the
 * file must hold exactly one stack, or a stack named `Ladder`. Throws a message that names what
 * is missing.
 */
export function parseStackOutputs(outputsFile: unknown, stackName?: string): LadderStackOutputs {
  if (!outputsFile || typeof outputsFile !== 'object') {
    throw new Error(
      'The outputs file does not hold a JSON object (was it written by `cdk deploy --outputs-file`?)',
    );
  }
  const stacks = outputsFile as Record<string, unknown>;
  const names = Object.keys(stacks);
  const name =
    stackName ??
    (names.includes(DEFAULT_STACK_NAME) ? DEFAULT_STACK_NAME : names.length === 1 ? names[0] : undefined);
  if (!name || !(name in stacks)) {
    throw new Error(
      stackName
        ? `The outputs file has no stack named ${stackName} (found: ${names.join(', ') || 'none'})`
        : `The outputs file holds several stacks (${names.join(', ')}): name one`,
    );
  }
  const values = stacks[name] as Record<string, unknown> | undefined;
  const result: Partial<LadderStackOutputs> = {};
  const missing: string[] = [];
  for (const [key, outputName] of Object.entries(OUTPUT_KEYS) as [OutputName, string][]) {
    const value = values?.[outputName];
    if (typeof value === 'string' && value !== '') result[key] = value;
    else missing.push(outputName);
  }
  if (missing.length > 0) throw new Error(`Stack ${name} in the outputs file lacks ${missing.join(', ')}`);
  const settings = values?.[OPTIONAL_OUTPUT_KEYS.cycleSettings];
  if (typeof settings === 'string' && settings !== '') {
    try {
      const parsed = JSON.parse(settings) as Record<string, unknown>;
      result.cycleSettings = Object.fromEntries(
        Object.entries(parsed).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
      );
    } catch {
      throw new Error(
        `Stack ${name} in the outputs file has an unreadable ${OPTIONAL_OUTPUT_KEYS.cycleSettings}`,
      );
    }
  }
  return result as LadderStackOutputs;
}
