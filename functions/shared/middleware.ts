/**
 * The middy stack every workflow handler shares: Powertools logger with the Lambda context, and
 * errors that are worth retrying re-thrown as `TransientError` (the workflow retries that name).
 * Logs carry ids and counts only: never names, email addresses or comments.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { isTransient, TransientError } from './errors.ts';

export const logger = new Logger({ serviceName: 'ladder' });

const transientErrors = (): middy.MiddlewareObj => ({
  onError: async (request) => {
    const error = request.error;
    if (error && !(error instanceof TransientError) && isTransient(error)) {
      logger.warn('transient failure, the workflow will retry', { errorName: error.name });
      request.error = new TransientError(`${error.name}: ${error.message}`, { cause: error });
    }
  },
});

export function workflowHandler<TEvent, TResult>(
  handler: (event: TEvent, context: Context) => Promise<TResult>,
) {
  return middy(handler).use(injectLambdaContext(logger)).use(transientErrors());
}
