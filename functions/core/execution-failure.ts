/**
 * A stopped execution's failure as one sentence for people (`ladder cycle status`, the console).
 * Step Functions reports a failed Lambda task's cause as the runtime's JSON document
 * (`{"errorType","errorMessage","trace":[…]}`), stack trace and file paths included: that stays in
 * the logs and the execution history; people get the message.
 */

const MAX_SENTENCE = 300;

const KNOWN: Record<string, string> = {
  'States.Timeout': 'A step of the workflow timed out.',
  'States.Aborted': 'The execution was stopped.',
  'States.DataLimitExceeded': 'A step of the workflow produced more data than Step Functions accepts.',
  'States.Runtime': 'The workflow definition could not be run as written.',
  'Ladder.Cancelled': 'The cycle was cancelled with `ladder cycle cancel`.',
  CycleCancelled: 'The cycle was cancelled with `ladder cycle cancel`.',
};

function messageOf(cause: string | undefined): string | undefined {
  if (!cause) return undefined;
  const text = cause.trim();
  if (text.startsWith('{')) {
    try {
      const parsed = JSON.parse(text) as { errorMessage?: unknown; message?: unknown; Cause?: unknown };
      const inner = parsed.errorMessage ?? parsed.message ?? parsed.Cause;
      if (typeof inner === 'string') return messageOf(inner);
    } catch {
      // Not JSON after all: use the text.
    }
  }
  return text;
}

/** Without stack frames, file paths and line breaks; at most MAX_SENTENCE characters. */
function sentence(text: string): string {
  const firstLine = text.split('\n').find((line) => line.trim() !== '' && !/^\s*at\s/.test(line)) ?? '';
  const clean = firstLine
    .replace(/(?:file:\/\/)?(?:\/[\w.@+-]+){2,}(?::\d+)*/g, '…')
    .replace(/\s+/g, ' ')
    .trim();
  const short = clean.length > MAX_SENTENCE ? `${clean.slice(0, MAX_SENTENCE - 1)}…` : clean;
  return short === '' || /[.!?…]$/.test(short) ? short : `${short}.`;
}

/**
 * One sentence for an execution that ended FAILED, TIMED_OUT or ABORTED; undefined for one that is
 * running or succeeded.
 */
export function describeExecutionFailure(
  status: string,
  error: string | undefined,
  cause: string | undefined,
): string | undefined {
  if (status === 'TIMED_OUT') return KNOWN['States.Timeout'];
  if (status !== 'FAILED' && status !== 'ABORTED') return undefined;
  const message = messageOf(cause);
  if (message && error && !KNOWN[error]) return sentence(message);
  if (error && KNOWN[error]) return KNOWN[error];
  if (message) return sentence(message);
  if (status === 'ABORTED') return KNOWN['States.Aborted'];
  return error ? sentence(`The workflow failed with ${error}`) : 'The workflow failed.';
}
