/**
 * AWS list prices the benchmark turns usage into money with: us-east-1, on-demand, no free tier,
 * no savings plans. One place; docs/cost.md explains each line. Checked on PRICES_CHECKED_ON against
 * the public pricing pages (aws.amazon.com/step-functions/pricing, /lambda/pricing,
 * /dynamodb/pricing/on-demand, /ses/pricing, /api-gateway/pricing). DynamoDB on-demand prices are
 * those in force since the 50% reduction of 1 November 2024.
 */
export const PRICES_CHECKED_ON = '2026-11-26';
export const PRICE_REGION = 'us-east-1';

export const PRICES = {
  /** Step Functions Standard, per state transition ($0.025 per 1,000). */
  stepFunctionsTransition: 0.025 / 1_000,
  /** Lambda arm64, per GB-second of duration (first 7.5 billion GB-s a month). */
  lambdaArmGbSecond: 0.0000133334,
  /** Lambda, per request ($0.20 per million). */
  lambdaRequest: 0.2 / 1_000_000,
  /** API Gateway HTTP API, per request ($1.00 per million, first 300 million a month). */
  httpApiRequest: 1.0 / 1_000_000,
  /** DynamoDB on-demand, per write request unit ($0.625 per million). */
  dynamoWru: 0.625 / 1_000_000,
  /** DynamoDB on-demand, per read request unit ($0.125 per million). */
  dynamoRru: 0.125 / 1_000_000,
  /** DynamoDB Standard table class storage, per GB-month (after the first 25 GB). */
  dynamoStorageGbMonth: 0.25,
  /** DynamoDB point-in-time recovery (continuous backups), per GB-month. */
  dynamoPitrGbMonth: 0.2,
  /** SES outbound email, per message ($0.10 per 1,000). */
  sesEmail: 0.1 / 1_000,
  /**
   * SES events (Send, Delivery…) through the default EventBridge bus, per event. Priced as custom
   * events ($1.00 per million): only AWS management events are free on the default bus.
   */
  eventBridgeEvent: 1.0 / 1_000_000,
} as const;

/**
 * A deliberately pessimistic view of handler time on AWS: every SDK call adds this much wait, one
 * after the other (locally the stand-ins answer in well under a millisecond; in a region DynamoDB
 * answers in single-digit milliseconds, SES and Step Functions in tens). Used only for the second
 * compute figure in the cost table.
 */
export const PESSIMISTIC_CALL_MS = { dynamodb: 10, ses: 50, sfn: 30 } as const;

export interface Usage {
  leaders: number;
  stateTransitions: number;
  /**
   * Per function: invocations, handler ms (each call's own share of the thread: see
   * bench/aws-meter.ts), configured memory, SDK calls.
   */
  functions: Record<
    string,
    {
      invocations: number;
      sharedMs: number;
      memoryMb: number;
      dynamoCalls: number;
      sesCalls: number;
      sfnCalls: number;
    }
  >;
  httpApiRequests: number;
  rru: number;
  wru: number;
  /** Bytes the cycle leaves in the table (kept: the history of each leader). */
  storedBytes: number;
  emails: number;
  /** SES events published to EventBridge (Send and Delivery of every email). */
  emailEvents: number;
}

export interface Cost {
  orchestration: number;
  compute: number;
  /** Compute with PESSIMISTIC_CALL_MS added to every SDK call. */
  computePessimistic: number;
  storage: number;
  email: number;
  total: number;
  /** (orchestration + compute + storage) / email. */
  overheadRatio: number;
  overheadRatioPessimistic: number;
  lines: Record<string, number>;
}

const GB = 1024 ** 3;

/** Cost of one quarterly cycle, in dollars; divide by `leaders` for the per-leader figures. */
export function cycleCost(usage: Usage): Cost {
  let requests = 0;
  let gbSeconds = 0;
  let gbSecondsPessimistic = 0;
  for (const fn of Object.values(usage.functions)) {
    const gb = fn.memoryMb / 1024;
    const waitMs =
      fn.dynamoCalls * PESSIMISTIC_CALL_MS.dynamodb +
      fn.sesCalls * PESSIMISTIC_CALL_MS.ses +
      fn.sfnCalls * PESSIMISTIC_CALL_MS.sfn;
    requests += fn.invocations;
    gbSeconds += (gb * fn.sharedMs) / 1000;
    gbSecondsPessimistic += (gb * (fn.sharedMs + waitMs)) / 1000;
  }
  const lines = {
    stepFunctions: usage.stateTransitions * PRICES.stepFunctionsTransition,
    lambdaRequests: requests * PRICES.lambdaRequest,
    lambdaDuration: gbSeconds * PRICES.lambdaArmGbSecond,
    lambdaDurationPessimistic: gbSecondsPessimistic * PRICES.lambdaArmGbSecond,
    httpApi: usage.httpApiRequests * PRICES.httpApiRequest,
    dynamoWrites: usage.wru * PRICES.dynamoWru,
    dynamoReads: usage.rru * PRICES.dynamoRru,
    // The quarter's data kept for the three months of the quarter (storage and PITR).
    dynamoAtRest: (usage.storedBytes / GB) * 3 * (PRICES.dynamoStorageGbMonth + PRICES.dynamoPitrGbMonth),
    email: usage.emails * PRICES.sesEmail,
    emailEvents: usage.emailEvents * PRICES.eventBridgeEvent,
  };
  // SES events are delivered by EventBridge: orchestration of the email, like the workflow's.
  const orchestration = lines.stepFunctions + lines.emailEvents;
  const compute = lines.lambdaRequests + lines.lambdaDuration + lines.httpApi;
  const computePessimistic = lines.lambdaRequests + lines.lambdaDurationPessimistic + lines.httpApi;
  const storage = lines.dynamoWrites + lines.dynamoReads + lines.dynamoAtRest;
  const email = lines.email;
  return {
    orchestration,
    compute,
    computePessimistic,
    storage,
    email,
    total: orchestration + compute + storage + email,
    overheadRatio: (orchestration + compute + storage) / email,
    overheadRatioPessimistic: (orchestration + computePessimistic + storage) / email,
    lines,
  };
}
