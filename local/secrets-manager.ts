/**
 * The Secrets Manager API over HTTP (AWS JSON 1.1: `X-Amz-Target: secretsmanager.GetSecretValue`),
 * just GetSecretValue, for unchanged `@aws-sdk/client-secrets-manager` code pointed here with
 * `AWS_ENDPOINT_URL_SECRETS_MANAGER`. The local console reads its OpenID client secret through it,
 * the same call it makes on AWS.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { LOCAL_ACCOUNT, LOCAL_REGION } from './lambda.ts';
import { closeServer, httpUrl, listen, readBody } from './net.ts';

export interface LocalSecretsManager {
  endpoint: string;
  /** ARN of a stored secret by name. */
  arnOf(name: string): string;
  close(): Promise<void>;
}

class ApiError extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

export function secretArn(name: string): string {
  return `arn:aws:secretsmanager:${LOCAL_REGION}:${LOCAL_ACCOUNT}:secret:${name}-AbCdEf`;
}

export async function startSecretsManager(options: {
  secrets: Record<string, string>;
  host?: string;
  port?: number;
}): Promise<LocalSecretsManager> {
  const host = options.host ?? '127.0.0.1';
  const created = Date.now() / 1000;
  const byId = new Map<string, { name: string; value: string }>();
  for (const [name, value] of Object.entries(options.secrets)) {
    byId.set(name, { name, value });
    byId.set(secretArn(name), { name, value });
  }

  async function handle(request: IncomingMessage): Promise<unknown> {
    const target = String(request.headers['x-amz-target'] ?? '');
    if (request.method !== 'POST' || target !== 'secretsmanager.GetSecretValue') {
      throw new ApiError('UnknownOperationException', `Unknown operation: ${target || '(none)'}`);
    }
    const { body } = await readBody(request, 64 * 1024);
    let parsed: { SecretId?: unknown };
    try {
      parsed = JSON.parse(body.toString('utf8') || '{}') as { SecretId?: unknown };
    } catch {
      throw new ApiError('SerializationException', 'Request body is not valid JSON');
    }
    const id = typeof parsed.SecretId === 'string' ? parsed.SecretId : '';
    const secret = byId.get(id);
    if (!secret)
      throw new ApiError('ResourceNotFoundException', "Secrets Manager can't find the specified secret.");
    return {
      ARN: secretArn(secret.name),
      Name: secret.name,
      VersionId: '00000000-0000-4000-8000-000000000001',
      SecretString: secret.value,
      VersionStages: ['AWSCURRENT'],
      CreatedDate: created,
    };
  }

  function respond(response: ServerResponse, status: number, body: unknown) {
    const text = JSON.stringify(body);
    response.writeHead(status, {
      'content-type': 'application/x-amz-json-1.1',
      'content-length': Buffer.byteLength(text),
      'x-amzn-requestid': randomUUID(),
    });
    response.end(text);
  }

  const server = createServer((request, response) => {
    handle(request).then(
      (result) => respond(response, 200, result),
      (error: unknown) =>
        error instanceof ApiError
          ? respond(response, 400, { __type: error.type, message: error.message })
          : respond(response, 500, { __type: 'InternalServiceError', message: 'Internal error' }),
    );
  });
  const port = await listen(server, options.port ?? 0, host);
  return { endpoint: httpUrl(host, port), arnOf: secretArn, close: () => closeServer(server) };
}
