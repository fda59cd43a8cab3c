/**
 * Every Lambda function of Ladder, declared once. The CDK stack builds one `NodejsFunction` per
 * entry; the local runtime maps each `substitution` placeholder of the state machine definition
 * (`${OpenCycleFunctionArn}` …) to the same handler module and calls it in-process.
 */
export interface FunctionSpec {
  /** Short id, used for the construct id and the log group. */
  id: string;
  /** Handler module, relative to the repository root. Exports `handler`. */
  entry: string;
  description: string;
  /** Placeholder in statemachines/review-cycle.asl.json, for functions the workflow invokes. */
  substitution?: string;
  timeoutSeconds: number;
  memoryMb: number;
}

export const FUNCTIONS = [
  {
    id: 'StartCycle',
    entry: 'functions/handlers/start-cycle.ts',
    description:
      'Scheduler target: starts the review cycle of the quarter just ended (execution named after it).',
    timeoutSeconds: 30,
    memoryMb: 256,
  },
  {
    id: 'OpenCycle',
    entry: 'functions/handlers/open-cycle.ts',
    description: 'Opens a cycle once per quarter and snapshots the roster into feedback requests.',
    substitution: 'OpenCycleFunctionArn',
    timeoutSeconds: 900,
    memoryMb: 1024,
  },
  {
    id: 'SendEmails',
    entry: 'functions/handlers/send-emails.ts',
    description: 'Sends the invitations or reminders of one batch of leaders.',
    substitution: 'SendEmailsFunctionArn',
    timeoutSeconds: 900,
    memoryMb: 512,
  },
  {
    id: 'Collect',
    entry: 'functions/handlers/collect.ts',
    description:
      'Stores the collect task token; at each checkpoint decides reminders, deadline and early finish.',
    substitution: 'CollectFunctionArn',
    timeoutSeconds: 300,
    memoryMb: 256,
  },
  {
    id: 'CloseCycle',
    entry: 'functions/handlers/close-cycle.ts',
    description: 'Closes the cycle: every link answers 410 from now on.',
    substitution: 'CloseCycleFunctionArn',
    timeoutSeconds: 300,
    memoryMb: 256,
  },
  {
    id: 'ScoreBatch',
    entry: 'functions/handlers/score-batch.ts',
    description: 'Expires open requests and scores one batch of leaders into recommendations.',
    substitution: 'ScoreBatchFunctionArn',
    timeoutSeconds: 900,
    memoryMb: 1024,
  },
  {
    id: 'PublishReports',
    entry: 'functions/handlers/publish-reports.ts',
    description: 'Emails one batch of leaders their development report and their managers a team summary.',
    substitution: 'PublishReportsFunctionArn',
    timeoutSeconds: 900,
    memoryMb: 512,
  },
  {
    id: 'SummarizeCycle',
    entry: 'functions/handlers/summarize-cycle.ts',
    description: 'Writes the cycle summary record and emails HR.',
    substitution: 'SummarizeCycleFunctionArn',
    timeoutSeconds: 900,
    memoryMb: 512,
  },
  {
    id: 'FeedbackForm',
    entry: 'functions/handlers/feedback-form.ts',
    description: 'HTTP API: renders and stores the feedback form behind a personal link.',
    timeoutSeconds: 10,
    memoryMb: 512,
  },
  {
    id: 'EmailEvents',
    entry: 'functions/handlers/email-events.ts',
    description:
      'SES bounce and complaint events: suppresses the address and marks the request the email was about.',
    timeoutSeconds: 30,
    memoryMb: 256,
  },
  {
    id: 'SweepComments',
    entry: 'functions/handlers/sweep-comments.ts',
    description:
      'Weekly: removes comments past their retention from the items that hold them (TTL deletes whole items only).',
    timeoutSeconds: 900,
    memoryMb: 512,
  },
  // The web console (functions/console/): five functions, one per area, each with its own role and a
  // bundle well under 500 KB (one function with everything would be ~640 KB: docs/architecture.md).
  {
    id: 'Console',
    entry: 'functions/handlers/console.ts',
    description: 'Web console: readiness, bench strength, leaders, calibration decisions, the export list.',
    timeoutSeconds: 29,
    memoryMb: 1024,
  },
  {
    id: 'ConsoleAuth',
    entry: 'functions/handlers/console-auth.ts',
    description: 'Web console: OpenID Connect sign-in callback and sign-out (holds the client secret).',
    timeoutSeconds: 29,
    memoryMb: 256,
  },
  {
    id: 'ConsoleCycles',
    entry: 'functions/handlers/console-cycles.ts',
    description: "Web console: cycles, their progress, and starting a cycle with the CLI's checks.",
    timeoutSeconds: 29,
    memoryMb: 512,
  },
  {
    id: 'ConsoleRoster',
    entry: 'functions/handlers/console-roster.ts',
    description: 'Web console: the roster in force and all-or-nothing roster and sales figures uploads.',
    timeoutSeconds: 29,
    memoryMb: 1024,
  },
  {
    id: 'ConsoleExport',
    entry: 'functions/handlers/console-export.ts',
    description: 'Web console: CSV, JSON, XLSX and SuccessFactors downloads (reads only).',
    timeoutSeconds: 29,
    memoryMb: 1024,
  },
] as const satisfies readonly FunctionSpec[];

export type FunctionId = (typeof FUNCTIONS)[number]['id'];

/**
 * The console's routes on the HTTP API (CDK and the local HTTP adapter both read this). API Gateway
 * picks the most specific route, so `/console/{proxy+}` (Console) takes whatever the others do not.
 */
export const CONSOLE_ROUTES = [
  { routeKey: 'ANY /console', functionId: 'Console' },
  { routeKey: 'ANY /console/{proxy+}', functionId: 'Console' },
  { routeKey: 'ANY /console/auth/{proxy+}', functionId: 'ConsoleAuth' },
  { routeKey: 'ANY /console/cycles', functionId: 'ConsoleCycles' },
  { routeKey: 'ANY /console/cycles/{proxy+}', functionId: 'ConsoleCycles' },
  { routeKey: 'ANY /console/roster', functionId: 'ConsoleRoster' },
  { routeKey: 'ANY /console/roster/{proxy+}', functionId: 'ConsoleRoster' },
  { routeKey: 'GET /console/exports/{quarter}/{file}', functionId: 'ConsoleExport' },
] as const satisfies readonly { routeKey: string; functionId: FunctionId }[];

/** Name of the environment variables every function reads (set by CDK, and by the local runtime). */
export const ENV = {
  tableName: 'LADDER_TABLE_NAME',
  senderEmail: 'LADDER_SENDER_EMAIL',
  hrEmail: 'LADDER_HR_EMAIL',
  formBaseUrl: 'LADDER_FORM_BASE_URL',
  stateMachineArn: 'LADDER_STATE_MACHINE_ARN',
  configurationSet: 'LADDER_SES_CONFIGURATION_SET',
  reviewDays: 'LADDER_REVIEW_DAYS',
  /** Start checks (functions/core/cycle-start-checks.ts): the longest review window, in days. */
  maxReviewDays: 'LADDER_MAX_REVIEW_DAYS',
  /** Start checks: how many quarters back a cycle may review without `--force`. */
  maxQuarterAge: 'LADDER_MAX_QUARTER_AGE',
  /** IANA zone of the company calendar: the schedule's zone and when a quarter ends. */
  timeZone: 'LADDER_TIME_ZONE',
  /** Share (0–1) of the SES account's send rate and daily quota Ladder may use (default 0.9). */
  sesShare: 'LADDER_SES_SHARE',
  /** Longest wait for SES quota before asking SES again, in seconds (default 3600). */
  sesQuotaRecheckSeconds: 'LADDER_SES_QUOTA_RECHECK_SECONDS',
  /** How long an email whose send got no answer waits for its Send event before it is sent again (default 600). */
  sesConfirmGraceSeconds: 'LADDER_SES_CONFIRM_GRACE_SECONDS',
  /** Base URL of the console, without a trailing slash (`<api base>/console`). */
  consoleUrl: 'LADDER_CONSOLE_URL',
  /** The OpenID provider (Cognito user pool, the company's IdP, or the local one). */
  oidcIssuer: 'LADDER_OIDC_ISSUER',
  oidcClientId: 'LADDER_OIDC_CLIENT_ID',
  /** Secrets Manager secret whose SecretString is the client secret (read by ConsoleAuth only). */
  oidcClientSecretArn: 'LADDER_OIDC_CLIENT_SECRET_ARN',
  /** ID token claim holding the user's groups (default `cognito:groups`). */
  oidcGroupsClaim: 'LADDER_OIDC_GROUPS_CLAIM',
  /** Optional JSON: role → group value, when the IdP's group values are not the role names. */
  oidcRoleGroups: 'LADDER_OIDC_ROLE_GROUPS',
  /** Optional: the IdP's sign-out URL when its discovery document has no end_session_endpoint (Cognito). */
  oidcLogoutUrl: 'LADDER_OIDC_LOGOUT_URL',
  /** `true` only for the local OpenID provider on plain HTTP. */
  oidcAllowHttp: 'LADDER_OIDC_ALLOW_HTTP',
} as const;
