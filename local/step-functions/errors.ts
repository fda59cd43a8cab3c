/** Errors of the local Step Functions API, named like the AWS exceptions the SDK deserializes. */
export class SfnApiError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
    this.name = type;
  }
}

/** An error with a given name, as Step Functions sees a task failure (matched by Retry/Catch). */
export class NamedError extends Error {
  constructor(name: string, message: string) {
    super(message);
    this.name = name;
  }
}

/**
 * An error that Retry and Catch never match, like AWS's terminal `States.DataLimitExceeded`.
 * aws-local-stepfunctions reads `isRetryable`/`isCatchable` from the thrown object.
 */
export class TerminalError extends NamedError {
  readonly isRetryable = false;
  readonly isCatchable = false;
}
