/**
 * The whole of Ladder on one machine: local DynamoDB, SES, Step Functions (running the one workflow
 * definition) and the HTTP API of the feedback form, with process.env pointing the unchanged
 * handlers at them.
 */
import { join, resolve } from 'node:path';
import { CONSOLE_ROUTES, ENV } from '../functions/catalog.ts';
import { startDynamoDb } from './dynamodb.ts';
import { startMeteringProxy } from './dynamodb-metering.ts';
import { type Sweeper, startSweeper } from './dynamodb-sweeper.ts';
import { AWS_ON_DEMAND_LIMITS, type ThroughputLimits, type ThroughputMeter } from './dynamodb-throughput.ts';
import { FaultInjector, type FaultOptions, startFaultProxy } from './faults.ts';
import { HTTP_API_MAX_BODY_BYTES, type HttpRoute, startHttpAdapter } from './http-adapter.ts';
import { catalogFunction, LOCAL_ACCOUNT, LOCAL_REGION, type LocalFunction } from './lambda.ts';
import { GROUPS_CLAIM, type SeedUser, startOidcProvider } from './oidc-provider.ts';
import { secretArn, startSecretsManager } from './secrets-manager.ts';
import { startSes } from './ses.ts';
import { SesAccount, type SesAccountOptions } from './ses-account.ts';
import { LocalEmailEvents, SesEventPublisher, SesSendLog } from './ses-events.ts';
import { startSesFront } from './ses-front.ts';
import {
  type LocalRuntimeState,
  localStateFilePath,
  removeLocalState,
  writeLocalState,
} from './state-file.ts';
import { startSfnApi } from './step-functions/api-server.ts';
import { type LocalDefinition, loadReviewCycle } from './step-functions/definition.ts';
import { ExecutionJournal } from './step-functions/journal.ts';
import { type ExecutionStore, StateMachineRunner } from './step-functions/runner.ts';

export { type LocalRuntimeState, localStateFilePath, readLocalState } from './state-file.ts';
export const LOCAL_TABLE_NAME = 'ladder-local';
export const LOCAL_STATE_MACHINE_ARN = `arn:aws:states:${LOCAL_REGION}:${LOCAL_ACCOUNT}:stateMachine:ladder-review-cycle`;

export interface LocalRuntimeOptions {
  /**
   * Keep everything under this folder across restarts: DynamoDB (`dynamodb/`), the executions
   * (`executions/`, resumed at start) and the mail store (`mail.jsonl`). In memory when absent.
   */
  dataDir?: string;
  /** Interface to bind, default 127.0.0.1. */
  host?: string;
  /** Fixed ports (`ladder local` uses 8000, 8005, 8083, 3000, 8090); 0 or absent picks a free port. */
  ports?: { dynamodb?: number; ses?: number; sfn?: number; api?: number; oidc?: number };
  /** Scales Retry intervals of the workflow (e.g. 0.01); unset keeps the definition's timing. */
  retryIntervalScale?: number;
  /** No startup banner, no per-execution log line. */
  quiet?: boolean;
  /** Write the state file (endpoints + env) for other CLI processes; removed on close. */
  writeStateFile?: boolean;
  /** Where the state file goes, default `localStateFilePath()` (the user's state directory). */
  stateFilePath?: string;
  /** The workflow to run, default statemachines/review-cycle.asl.json with the catalog functions. */
  workflow?: LocalDefinition;
  /** Replace handlers by function id (`SendEmails`, `FeedbackForm`…): a module path or a LocalFunction. */
  functionOverrides?: Readonly<Record<string, string | LocalFunction>>;
  /** Request body limit of the HTTP API (default 64 KiB). */
  bodyLimitBytes?: number;
  /**
   * Inject transient faults into DynamoDB, SES, the workflow's Lambda invocations and the form's API
   * (local/faults.ts), e.g. `{ rate: 0.1, seed: 7 }`. Given (even with rate 0), DynamoDB is reached
   * through a fault proxy, and `runtime.faults.configure()` can change the rate while running.
   */
  faults?: FaultOptions;
  /**
   * DynamoDB throughput limits enforced by the metering proxy in front of the local DynamoDB
   * (local/dynamodb-metering.ts): AWS's on-demand limits unless given; `false` turns metering off
   * (only for tools that must not be throttled).
   */
  throughput?: ThroughputLimits | false;
  /** How often the TTL sweeper deletes expired items (local/dynamodb-sweeper.ts), default 60 s. */
  sweepIntervalMs?: number;
  /**
   * The SES account behind local SES (local/ses-account.ts): default a new production account, 14
   * emails/s and 50,000 per rolling 24 h; `sandbox` 1/s, 200/24 h and verified recipients only.
   * The sender is always verified. Plus how Ladder's senders are set up against it.
   */
  ses?: SesAccountOptions & LocalSesSettings;
}

/** How Ladder's functions use the local SES (environment variables of the catalog). */
export interface LocalSesSettings {
  /** LADDER_SES_CONFIRM_GRACE_SECONDS locally (default 5: local events arrive within milliseconds). */
  confirmGraceSeconds?: number;
  /** LADDER_SES_QUOTA_RECHECK_SECONDS locally (default 5). */
  quotaRecheckSeconds?: number;
  /** LADDER_SES_SHARE (default 0.9). */
  share?: number;
}

export interface LocalRuntime {
  endpoints: {
    dynamodb: string;
    ses: string;
    mailViewer: string;
    sfn: string;
    api: string;
    /** The web console, `<api>/console`. */
    console: string;
    /** The local OpenID provider (issuer). */
    oidc: string;
    secretsManager: string;
  };
  /** The console's seed users (one per role) of the local OpenID provider. */
  consoleUsers: readonly SeedUser[];
  /** The variables set in process.env (also what another process needs to reach this runtime). */
  env: Record<string, string>;
  stateMachineArn: string;
  tableName: string;
  /** Executions with status, output and the library's event log. */
  executions: ExecutionStore;
  stateMachine: StateMachineRunner;
  /** Fault injection: rate, stats, planned failures (`failNext`). Rate 0 unless `faults` was given. */
  faults: FaultInjector;
  /** DynamoDB units per partition and table, peaks and throttling (undefined with `throughput: false`). */
  throughput: ThroughputMeter | undefined;
  /** The local TTL: deletes expired items and comments every `sweepIntervalMs`; `sweepNow()` at will. */
  sweeper: Sweeper;
  /** SendEmail calls seen by local SES (message ids and tags). */
  sentMessages: SesSendLog;
  /** The SES account (limits, clock, verified identities, what it accepted) and its event publisher. */
  ses: { account: SesAccount; events: SesEventPublisher };
  /** Injects SES bounce and complaint events into the EmailEvents handler. */
  emailEvents: LocalEmailEvents;
  /** Names of the executions that were running when the runtime last stopped, resumed now. */
  resumed: string[];
  close(): Promise<void>;
}

export async function startLocalRuntime(options: LocalRuntimeOptions = {}): Promise<LocalRuntime> {
  const host = options.host ?? '127.0.0.1';
  const ports = { dynamodb: 0, ses: 0, sfn: 0, api: 0, oidc: 0, ...options.ports };
  const log = options.quiet ? () => {} : (line: string) => console.log(`[ladder local] ${line}`);
  // Built first: a definition that cannot run locally fails before any server starts.
  const workflow = options.workflow ?? loadReviewCycle();
  const { FeedbackForm: formOverride, ...workflowOverrides } = options.functionOverrides ?? {};
  const faults = new FaultInjector(options.faults ?? { rate: 0 });
  const sentMessages = new SesSendLog();
  const journal = options.dataDir ? new ExecutionJournal(join(options.dataDir, 'executions')) : undefined;
  const { confirmGraceSeconds, quotaRecheckSeconds, share, ...accountOptions } = options.ses ?? {};
  const account = new SesAccount(accountOptions);
  account.verify(LOCAL_SENDER);
  const sesEvents = new SesEventPublisher(faults);
  const stateMachine = new StateMachineRunner({
    ...(journal ? { journal } : {}),
    faults,
    stateMachineArn: LOCAL_STATE_MACHINE_ARN,
    definition: workflow.definition,
    functions: workflow.functions,
    functionOverrides: workflowOverrides,
    ...(options.retryIntervalScale === undefined ? {} : { retryIntervalScale: options.retryIntervalScale }),
    onExecutionEnd: (record) =>
      log(`execution ${record.name} ${record.status}${record.error ? ` (${record.error})` : ''}`),
  });

  const closers: (() => Promise<void>)[] = [];
  let restoreEnv = async () => {};
  let closing: Promise<void> | undefined;
  // Executions stop first (no handler call after the servers are gone), the environment is restored last.
  const closeAll = () =>
    (closing ??= (async () => {
      await stateMachine.close();
      for (const close of closers.reverse()) await close();
      await restoreEnv();
    })());
  try {
    const dynamodb = await startDynamoDb({
      tableName: LOCAL_TABLE_NAME,
      host,
      port: options.throughput === false ? ports.dynamodb : 0,
      ...(options.dataDir ? { path: join(options.dataDir, 'dynamodb') } : {}),
    });
    closers.push(dynamodb.close);
    const sweeper = startSweeper({
      endpoint: dynamodb.endpoint,
      tableName: LOCAL_TABLE_NAME,
      ...(options.sweepIntervalMs === undefined ? {} : { intervalMs: options.sweepIntervalMs }),
      onError: (error) => log(`TTL sweep failed: ${(error as Error).name}`),
    });
    closers.push(sweeper.close);
    // The SDK reaches DynamoDB through the metering proxy (AWS's throughput limits), and through a
    // fault proxy in front of that when faults are configured.
    let dynamodbApi = dynamodb.endpoint;
    let throughput: ThroughputMeter | undefined;
    if (options.throughput !== false) {
      const metering = await startMeteringProxy({
        upstream: dynamodb.endpoint,
        limits: options.throughput ?? AWS_ON_DEMAND_LIMITS,
        host,
        // The DynamoDB port people point tools at is the metered one.
        port: ports.dynamodb,
      });
      closers.push(metering.close);
      throughput = metering.meter;
      dynamodbApi = metering.endpoint;
    }
    if (options.faults) {
      const proxy = await startFaultProxy({
        service: 'dynamodb',
        upstream: dynamodbApi,
        injector: faults,
        host,
      });
      closers.push(proxy.close);
      dynamodbApi = proxy.endpoint;
    }
    const ses = await startSes({
      host,
      ...(options.dataDir ? { mailFile: join(options.dataDir, 'mail.jsonl') } : {}),
    });
    closers.push(ses.close);
    // SES is reached through a front that enforces the account's limits with SES's errors, records
    // message ids and tags, publishes Send and Delivery events and injects SES faults. The front has
    // the fixed port: the SDK and the mail viewer (passed through) are both there.
    const sesFront = await startSesFront({
      upstream: ses.endpoint,
      account,
      injector: faults,
      sentMessages,
      events: sesEvents,
      host,
      port: ports.ses,
    });
    closers.push(sesFront.close);
    closers.push(async () => sesEvents.close());

    const sfn = await startSfnApi({ runner: stateMachine, host, port: ports.sfn });
    closers.push(sfn.close);

    const form = feedbackForm(formOverride);
    // The console's routes, as on the HTTP API (functions/catalog.ts); uploads up to API Gateway's 10 MB.
    const consoleRoutes: HttpRoute[] = CONSOLE_ROUTES.map(({ routeKey, functionId }) => ({
      routeKey,
      function: catalogFunction(functionId),
      bodyLimitBytes: HTTP_API_MAX_BODY_BYTES,
    }));
    const api = await startHttpAdapter({
      host,
      port: ports.api,
      routes: [
        { routeKey: 'GET /feedback/{token}', function: form },
        { routeKey: 'POST /feedback/{token}', function: form },
        ...consoleRoutes,
      ],
      ...(options.bodyLimitBytes === undefined ? {} : { bodyLimitBytes: options.bodyLimitBytes }),
      faults,
    });
    closers.push(api.close);

    // The console's sign-in: a real OpenID provider, and its client secret in a Secrets Manager twin.
    const consoleUrl = `${api.endpoint}/console`;
    const oidc = await startOidcProvider({ host, port: ports.oidc, consoleUrl });
    closers.push(oidc.close);
    const secrets = await startSecretsManager({ host, secrets: { [CLIENT_SECRET_NAME]: oidc.clientSecret } });
    closers.push(secrets.close);

    // What the SDK uses: the fault proxy (if any) and the SES front, which passes the mail store and
    // viewer (GET /store, /) through untouched.
    const endpoints = {
      dynamodb: dynamodbApi,
      ses: sesFront.endpoint,
      mailViewer: `${sesFront.endpoint}/`,
      sfn: sfn.endpoint,
      api: api.endpoint,
      console: consoleUrl,
      oidc: oidc.issuer,
      secretsManager: secrets.endpoint,
    };
    const env = {
      ...localEnv(endpoints, {
        confirmGraceSeconds: confirmGraceSeconds ?? 5,
        quotaRecheckSeconds: quotaRecheckSeconds ?? 5,
        share: share ?? 0.9,
      }),
      ...consoleEnv(endpoints, oidc.clientId),
    };
    restoreEnv = applyEnv(env);

    if (options.writeStateFile) {
      const path = options.stateFilePath ?? localStateFilePath();
      const state: LocalRuntimeState = {
        pid: process.pid,
        startedAt: new Date().toISOString(),
        endpoints,
        env,
        stateMachineArn: LOCAL_STATE_MACHINE_ARN,
        tableName: LOCAL_TABLE_NAME,
        ...(options.dataDir ? { dataDir: resolve(options.dataDir) } : {}),
      };
      await writeLocalState(state, path);
      closers.push(() => removeLocalState(process.pid, path));
    }

    log(`DynamoDB ${endpoints.dynamodb}  SES ${endpoints.ses} (mail: ${endpoints.mailViewer})`);
    log(`Step Functions ${endpoints.sfn}  feedback form ${endpoints.api}/feedback/<token>`);
    log(`console ${endpoints.console}/  OpenID provider ${endpoints.oidc}`);
    // Everything the handlers reach is up: executions that were running when it last stopped go on.
    const resumed = stateMachine.resume();
    for (const record of resumed) log(`execution ${record.name} resumed`);
    return {
      endpoints,
      consoleUsers: oidc.users,
      env,
      stateMachineArn: LOCAL_STATE_MACHINE_ARN,
      tableName: LOCAL_TABLE_NAME,
      executions: stateMachine,
      stateMachine,
      faults,
      throughput,
      sweeper,
      sentMessages,
      ses: { account, events: sesEvents },
      emailEvents: new LocalEmailEvents(sentMessages),
      resumed: resumed.map((record) => record.name),
      close: closeAll,
    };
  } catch (error) {
    await closeAll();
    throw error;
  }
}

function feedbackForm(override: string | LocalFunction | undefined): LocalFunction {
  const fn = catalogFunction('FeedbackForm');
  if (override === undefined) return fn;
  return typeof override === 'string' ? { ...fn, entry: resolve(override) } : override;
}

/** Name of the local secret holding the console's OpenID client secret. */
export const CLIENT_SECRET_NAME = 'ladder-console-oidc-client';

function consoleEnv(endpoints: LocalRuntime['endpoints'], clientId: string): Record<string, string> {
  return {
    AWS_ENDPOINT_URL_SECRETS_MANAGER: endpoints.secretsManager,
    [ENV.consoleUrl]: endpoints.console,
    [ENV.oidcIssuer]: endpoints.oidc,
    [ENV.oidcClientId]: clientId,
    [ENV.oidcClientSecretArn]: secretArn(CLIENT_SECRET_NAME),
    [ENV.oidcGroupsClaim]: GROUPS_CLAIM,
    // Plain HTTP is allowed for this local provider only (on AWS the issuer is https).
    [ENV.oidcAllowHttp]: 'true',
  };
}

/** The local SES configuration set name (tags bounce and complaint events like on AWS). */
export const LOCAL_CONFIGURATION_SET = 'ladder-local';

/** The From address of the local runtime (always a verified identity of the local SES account). */
export const LOCAL_SENDER = 'ladder@example.com';

function localEnv(
  endpoints: LocalRuntime['endpoints'],
  ses: Required<LocalSesSettings>,
): Record<string, string> {
  return {
    AWS_REGION: LOCAL_REGION,
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_ENDPOINT_URL_DYNAMODB: endpoints.dynamodb,
    AWS_ENDPOINT_URL_SES: endpoints.ses,
    AWS_ENDPOINT_URL_SFN: endpoints.sfn,
    [ENV.tableName]: LOCAL_TABLE_NAME,
    [ENV.senderEmail]: LOCAL_SENDER,
    [ENV.hrEmail]: 'hr@example.com',
    [ENV.formBaseUrl]: endpoints.api,
    [ENV.stateMachineArn]: LOCAL_STATE_MACHINE_ARN,
    [ENV.reviewDays]: '14',
    [ENV.configurationSet]: LOCAL_CONFIGURATION_SET,
    [ENV.sesConfirmGraceSeconds]: String(ses.confirmGraceSeconds),
    [ENV.sesQuotaRecheckSeconds]: String(ses.quotaRecheckSeconds),
    [ENV.sesShare]: String(ses.share),
  };
}

/** Sets the variables and returns a function that restores the previous values. */
function applyEnv(env: Record<string, string>): () => Promise<void> {
  const previous = Object.fromEntries(Object.keys(env).map((key) => [key, process.env[key]]));
  Object.assign(process.env, env);
  return async () => {
    for (const [key, value] of Object.entries(previous)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  };
}
