/**
 * AWS SDK clients, created on first use and reused across invocations (Lambda best practice).
 * A client is rebuilt when its endpoint variable changes, so one process can host a local runtime
 * after another (tests). Endpoints come only from the standard `AWS_ENDPOINT_URL_*` variables: the
 * same code runs against AWS and against the local stand-ins.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SESClient } from '@aws-sdk/client-ses';
import { SFNClient } from '@aws-sdk/client-sfn';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export type AwsService = 'dynamodb' | 'ses' | 'sfn' | 'secretsmanager';
export type AwsClient = DynamoDBDocumentClient | SESClient | SFNClient | SecretsManagerClient;
type ClientHook = (client: AwsClient, service: AwsService) => void;
const clientHooks = new Set<ClientHook>();

/**
 * Runs `hook` on every client built from now on, e.g. to add SDK middleware that measures calls
 * (the benchmark counts DynamoDB capacity units this way). Returns a function that removes the hook.
 * Production code registers none.
 */
export function onClientCreated(hook: ClientHook): () => void {
  clientHooks.add(hook);
  return () => clientHooks.delete(hook);
}

function cached<T extends AwsClient>(
  service: AwsService,
  endpointVariable: string,
  create: () => T,
): () => T {
  let client: T | undefined;
  let builtFor: string | undefined;
  return () => {
    const endpoint = `${process.env[endpointVariable] ?? ''}|${process.env.AWS_REGION ?? ''}`;
    if (!client || builtFor !== endpoint) {
      client = create();
      builtFor = endpoint;
      for (const hook of clientHooks) hook(client, service);
    }
    return client;
  };
}

// `@__PURE__`: a bundle that never calls ses() or sfn() drops that client and its SDK package.
export const dynamo = /* @__PURE__ */ cached('dynamodb', 'AWS_ENDPOINT_URL_DYNAMODB', () =>
  DynamoDBDocumentClient.from(new DynamoDBClient({}), {
    marshallOptions: { removeUndefinedValues: true },
  }),
);

/**
 * The same table, but the SDK makes exactly one attempt: for the few writes that are not idempotent
 * (an `ADD` counter), where a retry after a lost response would apply the write twice. Their callers
 * decide themselves what an error means (see cycle-store `countDone`).
 */
export const dynamoSingleAttempt = /* @__PURE__ */ cached('dynamodb', 'AWS_ENDPOINT_URL_DYNAMODB', () =>
  DynamoDBDocumentClient.from(new DynamoDBClient({ maxAttempts: 1 }), {
    marshallOptions: { removeUndefinedValues: true },
  }),
);

/**
 * SES with one attempt per call: SendEmail has no idempotency token, so the SDK's automatic retry of
 * a lost response would send the email twice. The mailer retries only what SES certainly refused
 * (functions/shared/mailer.ts).
 */
export const ses = /* @__PURE__ */ cached(
  'ses',
  'AWS_ENDPOINT_URL_SES',
  () => new SESClient({ maxAttempts: 1 }),
);

export const sfn = /* @__PURE__ */ cached('sfn', 'AWS_ENDPOINT_URL_SFN', () => new SFNClient({}));

/** Secrets Manager: only the console's sign-in reads one secret (the OpenID client secret). */
export const secretsManager = /* @__PURE__ */ cached(
  'secretsmanager',
  'AWS_ENDPOINT_URL_SECRETS_MANAGER',
  () => new SecretsManagerClient({}),
);
