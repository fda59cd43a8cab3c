/**
 * Typed errors. Their `name` is what Step Functions sees as the error name of a failed Lambda
 * task, so the workflow can retry `TransientError` and let everything else fail loudly.
 */
export class TransientError extends Error {
  override readonly name = 'TransientError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** Input that can never succeed, however often it is retried (bad quarter, no roster…). */
export class InvalidInputError extends Error {
  override readonly name = 'InvalidInputError';
}

/** The cycle was cancelled (`ladder cycle cancel`): the workflow must not go on to score or publish. */
export class CycleCancelledError extends Error {
  override readonly name = 'CycleCancelled';
}

/** A required environment variable is missing: a deployment or local-runtime defect. */
export class ConfigurationError extends Error {
  override readonly name = 'ConfigurationError';
}

const TRANSIENT_NAMES = new Set([
  'ThrottlingException',
  'Throttling',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'InternalServerError',
  'InternalFailure',
  'ServiceUnavailable',
  'ServiceUnavailableException',
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
  'TransactionConflictException',
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
]);

/** True for AWS SDK and network errors that are worth retrying. */
export function isTransient(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (error instanceof TransientError) return true;
  const meta = error as Error & {
    $retryable?: unknown;
    $metadata?: { httpStatusCode?: number };
    code?: string;
  };
  if (meta.$retryable) return true;
  if (TRANSIENT_NAMES.has(error.name) || (meta.code && TRANSIENT_NAMES.has(meta.code))) return true;
  const status = meta.$metadata?.httpStatusCode;
  return status !== undefined && status >= 500;
}
