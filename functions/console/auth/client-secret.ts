/**
 * The OpenID client secret, read from Secrets Manager on first use and kept for a few minutes (so a
 * rotated secret is picked up without a deployment). Only the ConsoleAuth function may read it.
 */
import { GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { ENV } from '../../catalog.ts';
import { secretsManager } from '../../shared/aws-clients.ts';
import { ConfigurationError } from '../../shared/errors.ts';

const KEEP_MS = 5 * 60 * 1000;
let cached: { arn: string; value: string; at: number } | undefined;

export async function clientSecret(now = Date.now()): Promise<string> {
  const arn = process.env[ENV.oidcClientSecretArn];
  if (!arn) throw new ConfigurationError(`Environment variable ${ENV.oidcClientSecretArn} is not set`);
  if (cached && cached.arn === arn && now - cached.at < KEEP_MS) return cached.value;
  const result = await secretsManager().send(new GetSecretValueCommand({ SecretId: arn }));
  const value = result.SecretString?.trim();
  if (!value) throw new ConfigurationError('The OpenID client secret is empty');
  cached = { arn, value, at: now };
  return value;
}
