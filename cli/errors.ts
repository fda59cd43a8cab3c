/**
 * What the CLI prints for an error: one sentence for people, never a stack trace. Connection
 * failures get a plain explanation instead of `connect ECONNREFUSED 127.0.0.1:8000`.
 */
/** Errors whose message is written for people. */
const USER_ERRORS = new Set(['CommandError', 'TargetError', 'CycleControlError']);

const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH']);

function codeOf(error: unknown): string | undefined {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

export function userMessage(error: unknown, target = process.env.LADDER_TARGET ?? 'local'): string {
  const code = codeOf(error);
  if (code && CONNECTION_CODES.has(code)) {
    return target === 'aws'
      ? `AWS could not be reached (${code}): check your network and region.`
      : `The local runtime stopped answering (${code}): is \`ladder local\` still running? Start it again with \`npx ladder local\`; its data and running cycles resume.`;
  }
  if (code === 'EADDRINUSE') {
    const port = /:(\d+)\b/.exec(String((error as Error).message))?.[1];
    return `Port ${port ?? '(one of them)'} is in use: is another \`ladder local\` running? Stop it, or choose other ports with --ports.`;
  }
  const message = error instanceof Error ? error.message : String(error);
  // Our own refusals are sentences, one per line (every problem of a start at once).
  if (error instanceof Error && USER_ERRORS.has(error.name)) return message;
  // Anything else: its first line; details (a trace, a JSON document) stay out of the terminal.
  return message.split('\n')[0]!.trim() || 'Something went wrong.';
}
