/**
 * AWS SDK clients, created on first use and reused across invocations (Lambda best practice).
 * A client is rebuilt when its endpoint variable changes, so one process can host a local runtime
 * after another (tests). Endpoints come only from the standard `AWS_ENDPOINT_URL_*` variables: the
 * same code runs against AWS and against the local stand-ins.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SESClient } from '@aws-sdk/client-ses';
import { SFNClient } from '@aws-sdk/client-sfn';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

function cached<T>(endpointVariable: string, create: () => T): () => T {
  let client: T | undefined;
  let builtFor: string | undefined;
  return () => {
    const endpoint = `${process.env[endpointVariable] ?? ''}|${process.env.AWS_REGION ?? ''}`;
    if (!client || builtFor !== endpoint) {
      client = create();
      builtFor = endpoint;
    }
    return client;
  };
}

export const dynamo = cached('AWS_ENDPOINT_URL_DYNAMODB', () =>
  DynamoDBDocumentClient.from(new DynamoDBClient({}), {
    marshallOptions: { removeUndefinedValues: true },
  }),
);

export const ses = cached('AWS_ENDPOINT_URL_SES', () => new SESClient({}));

export const sfn = cached('AWS_ENDPOINT_URL_SFN', () => new SFNClient({}));
