/**
 * Deployment settings, read from CDK context (cdk.json, or `--context key=value` on the command
 * line). Validated here so a bad value fails at synth, not in the first quarterly run.
 */
import type { IConstruct } from 'constructs';
import { DEFAULT_MAX_QUARTER_AGE, DEFAULT_MAX_REVIEW_DAYS } from '../functions/core/cycle-start-checks.ts';
import { isTimeZone } from '../functions/core/quarter.ts';
import { DEFAULT_STACK_NAME } from './outputs.ts';

export const CONTEXT_KEYS = {
  stackName: 'ladder:stackName',
  senderEmail: 'ladder:senderEmail',
  hrEmail: 'ladder:hrEmail',
  failureEmail: 'ladder:failureEmail',
  scheduleTimezone: 'ladder:scheduleTimezone',
  reviewDays: 'ladder:reviewDays',
  maxReviewDays: 'ladder:maxReviewDays',
  maxQuarterAge: 'ladder:maxQuarterAge',
  domainName: 'ladder:domainName',
  certificateArn: 'ladder:certificateArn',
  hostedZoneId: 'ladder:hostedZoneId',
  hostedZoneName: 'ladder:hostedZoneName',
  // The console's identity provider: a Cognito user pool made by the stack unless an issuer is given.
  cognitoDomainPrefix: 'ladder:cognitoDomainPrefix',
  oidcIssuer: 'ladder:oidcIssuer',
  oidcClientId: 'ladder:oidcClientId',
  oidcClientSecretArn: 'ladder:oidcClientSecretArn',
  oidcGroupsClaim: 'ladder:oidcGroupsClaim',
  oidcRoleGroups: 'ladder:oidcRoleGroups',
  oidcLogoutUrl: 'ladder:oidcLogoutUrl',
  sesShare: 'ladder:sesShare',
} as const;

/**
 * A company address for the feedback form: links become `https://<domainName>/feedback/<token>`.
 * The certificate is the given ACM certificate (same region as the stack), or one the stack
 * creates and validates in the hosted zone. With a hosted zone the stack also creates the alias
 * records and the sender's Easy DKIM and MAIL FROM records.
 */
export interface CustomDomainSettings {
  domainName: string;
  certificateArn: string | undefined;
  hostedZone: { id: string; name: string } | undefined;
}

/** The console's sign-in: the stack's own Cognito user pool, or the company's OpenID provider. */
export type ConsoleIdentitySettings =
  | {
      kind: 'cognito';
      /** Prefix of the hosted sign-in domain (`<prefix>.auth.<region>.amazoncognito.com`); default from the stack. */
      domainPrefix: string | undefined;
    }
  | {
      kind: 'external';
      issuer: string;
      clientId: string;
      /** Secrets Manager secret whose SecretString is the client secret. */
      clientSecretArn: string;
      /** ID token claim with the user's groups. */
      groupsClaim: string;
      /** Role → group value, when the IdP's values are not the role names (Entra ID group ids). */
      roleGroups: Record<string, string> | undefined;
      /** The IdP's sign-out URL when its discovery has no end_session_endpoint. */
      logoutUrl: string | undefined;
    };

export interface LadderSettings {
  /** Sender address (`ladder@example.com`) or a whole domain (`example.com`) to verify in SES. */
  senderEmail: string;
  /** The address HR summaries go to. */
  hrEmail: string;
  /** Subscribed to failure notifications when set. */
  failureEmail: string | undefined;
  /** IANA time zone of the quarterly schedule, e.g. `Europe/Berlin`. */
  scheduleTimezone: string;
  /** Days raters have to answer. */
  reviewDays: number;
  consoleIdentity: ConsoleIdentitySettings;
  /** Start checks: the longest review window a start may ask for, in days. */
  maxReviewDays: number;
  /** Start checks: how many quarters back a cycle may review without `--force`. */
  maxQuarterAge: number;
  /** Custom domain of the feedback form (and Route 53 zone for DNS records); undefined: the API's own. */
  customDomain?: CustomDomainSettings | undefined;
  /** A Route 53 public hosted zone, with or without a custom domain (Easy DKIM of the sender). */
  hostedZone?: { id: string; name: string } | undefined;
  /** Share of the SES account's send rate and daily quota Ladder may use (0–1; default 0.9). */
  sesShare: number;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const DOMAIN = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

function text(scope: IConstruct, key: string): string {
  const value: unknown = scope.node.tryGetContext(key);
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string' && typeof value !== 'number') {
    throw new Error(`Context ${key} must be a string, got ${JSON.stringify(value)}`);
  }
  return String(value).trim();
}

export function stackNameFrom(scope: IConstruct): string {
  const name = text(scope, CONTEXT_KEYS.stackName) || DEFAULT_STACK_NAME;
  if (!/^[A-Za-z][A-Za-z0-9-]{0,100}$/.test(name)) {
    throw new Error(`Context ${CONTEXT_KEYS.stackName} must be a CloudFormation stack name, got "${name}"`);
  }
  return name;
}

export function readSettings(scope: IConstruct): LadderSettings {
  const senderEmail = text(scope, CONTEXT_KEYS.senderEmail);
  if (!EMAIL.test(senderEmail) && !DOMAIN.test(senderEmail)) {
    throw new Error(
      `Context ${CONTEXT_KEYS.senderEmail} must be an email address or a domain, got "${senderEmail}" ` +
        '(pass --context ladder:senderEmail=you@example.com)',
    );
  }
  const hrEmail = text(scope, CONTEXT_KEYS.hrEmail);
  if (!EMAIL.test(hrEmail)) {
    throw new Error(`Context ${CONTEXT_KEYS.hrEmail} must be an email address, got "${hrEmail}"`);
  }
  const failureEmail = text(scope, CONTEXT_KEYS.failureEmail) || undefined;
  if (failureEmail !== undefined && !EMAIL.test(failureEmail)) {
    throw new Error(
      `Context ${CONTEXT_KEYS.failureEmail} must be an email address or empty, got "${failureEmail}"`,
    );
  }
  const scheduleTimezone = text(scope, CONTEXT_KEYS.scheduleTimezone) || 'UTC';
  if (!isTimeZone(scheduleTimezone)) {
    throw new Error(
      `Context ${CONTEXT_KEYS.scheduleTimezone} must be an IANA time zone, got "${scheduleTimezone}"`,
    );
  }
  const reviewDaysText = text(scope, CONTEXT_KEYS.reviewDays) || '14';
  const reviewDays = Number(reviewDaysText);
  if (!Number.isInteger(reviewDays) || reviewDays < 1 || reviewDays > 90) {
    throw new Error(
      `Context ${CONTEXT_KEYS.reviewDays} must be a whole number of days (1–90), got "${reviewDaysText}"`,
    );
  }
  const maxReviewDays = wholeNumber(scope, CONTEXT_KEYS.maxReviewDays, DEFAULT_MAX_REVIEW_DAYS, 1, 365);
  if (reviewDays > maxReviewDays) {
    throw new Error(
      `Context ${CONTEXT_KEYS.reviewDays} (${reviewDays}) must not exceed ${CONTEXT_KEYS.maxReviewDays} (${maxReviewDays})`,
    );
  }
  const maxQuarterAge = wholeNumber(scope, CONTEXT_KEYS.maxQuarterAge, DEFAULT_MAX_QUARTER_AGE, 1, 400);
  const sesShareText = text(scope, CONTEXT_KEYS.sesShare) || '0.9';
  const sesShare = Number(sesShareText);
  if (!(sesShare > 0 && sesShare <= 1)) {
    throw new Error(
      `Context ${CONTEXT_KEYS.sesShare} must be a share of the SES account above 0 and at most 1, got "${sesShareText}"`,
    );
  }
  const hostedZone = readHostedZone(scope);
  const customDomain = readCustomDomain(scope, hostedZone);
  return {
    senderEmail,
    hrEmail,
    failureEmail,
    scheduleTimezone,
    reviewDays,
    consoleIdentity: readIdentity(scope),
    maxReviewDays,
    maxQuarterAge,
    sesShare,
    ...(customDomain ? { customDomain } : {}),
    ...(hostedZone ? { hostedZone } : {}),
  };
}

const CONSOLE_ROLES = ['hr-admin', 'hr-viewer', 'manager'];

function readIdentity(scope: IConstruct): ConsoleIdentitySettings {
  const issuer = text(scope, CONTEXT_KEYS.oidcIssuer);
  const clientId = text(scope, CONTEXT_KEYS.oidcClientId);
  const clientSecretArn = text(scope, CONTEXT_KEYS.oidcClientSecretArn);
  if (!issuer && !clientId && !clientSecretArn) {
    const domainPrefix = text(scope, CONTEXT_KEYS.cognitoDomainPrefix) || undefined;
    if (domainPrefix !== undefined && !/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(domainPrefix)) {
      throw new Error(
        `Context ${CONTEXT_KEYS.cognitoDomainPrefix} must be lower-case letters, digits and hyphens, got "${domainPrefix}"`,
      );
    }
    return { kind: 'cognito', domainPrefix };
  }
  if (!/^https:\/\/[^\s]+$/.test(issuer)) {
    throw new Error(
      `Context ${CONTEXT_KEYS.oidcIssuer} must be the https URL of your OpenID provider, got "${issuer}"`,
    );
  }
  if (!clientId)
    throw new Error(`Context ${CONTEXT_KEYS.oidcClientId} is required with ${CONTEXT_KEYS.oidcIssuer}`);
  if (!/^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:.+$/.test(clientSecretArn)) {
    throw new Error(
      `Context ${CONTEXT_KEYS.oidcClientSecretArn} must be the ARN of the Secrets Manager secret holding the client secret, got "${clientSecretArn}"`,
    );
  }
  const rolesText = text(scope, CONTEXT_KEYS.oidcRoleGroups);
  let roleGroups: Record<string, string> | undefined;
  if (rolesText) {
    try {
      const parsed = JSON.parse(rolesText) as Record<string, unknown>;
      roleGroups = {};
      for (const [role, value] of Object.entries(parsed)) {
        if (!CONSOLE_ROLES.includes(role) || typeof value !== 'string' || value === '') throw new Error(role);
        roleGroups[role] = value;
      }
    } catch {
      throw new Error(
        `Context ${CONTEXT_KEYS.oidcRoleGroups} must be JSON mapping roles (${CONSOLE_ROLES.join(', ')}) to group values, got ${rolesText}`,
      );
    }
  }
  const logoutUrl = text(scope, CONTEXT_KEYS.oidcLogoutUrl) || undefined;
  if (logoutUrl !== undefined && !/^https:\/\/[^\s]+$/.test(logoutUrl)) {
    throw new Error(`Context ${CONTEXT_KEYS.oidcLogoutUrl} must be an https URL, got "${logoutUrl}"`);
  }
  return {
    kind: 'external',
    issuer,
    clientId,
    clientSecretArn,
    groupsClaim: text(scope, CONTEXT_KEYS.oidcGroupsClaim) || 'groups',
    roleGroups,
    logoutUrl,
  };
}

const HOSTED_ZONE_ID = /^Z[A-Z0-9]{1,31}$/;
const CERTIFICATE_ARN = /^arn:aws[a-z-]*:acm:[a-z0-9-]+:\d{12}:certificate\/[A-Za-z0-9-]+$/;

/** True when `domain` is `zone` or one of its subdomains. */
export function isWithinZone(domain: string, zone: string): boolean {
  const d = domain.toLowerCase().replace(/\.$/, '');
  const z = zone.toLowerCase().replace(/\.$/, '');
  return d === z || d.endsWith(`.${z}`);
}

function readHostedZone(scope: IConstruct): { id: string; name: string } | undefined {
  const id = text(scope, CONTEXT_KEYS.hostedZoneId);
  const name = text(scope, CONTEXT_KEYS.hostedZoneName).replace(/\.$/, '');
  if (!id && !name) return undefined;
  if (!HOSTED_ZONE_ID.test(id)) {
    throw new Error(
      `Context ${CONTEXT_KEYS.hostedZoneId} must be a Route 53 hosted zone id such as Z0123456789ABCDEFGHIJ, got "${id}" (give it together with ${CONTEXT_KEYS.hostedZoneName})`,
    );
  }
  if (!DOMAIN.test(name)) {
    throw new Error(
      `Context ${CONTEXT_KEYS.hostedZoneName} must be the zone's domain such as example.com, got "${name}" (give it together with ${CONTEXT_KEYS.hostedZoneId})`,
    );
  }
  return { id, name };
}

function readCustomDomain(
  scope: IConstruct,
  hostedZone: { id: string; name: string } | undefined,
): CustomDomainSettings | undefined {
  const domainName = text(scope, CONTEXT_KEYS.domainName).replace(/\.$/, '');
  const certificateArn = text(scope, CONTEXT_KEYS.certificateArn) || undefined;
  if (!domainName) {
    if (certificateArn) {
      throw new Error(
        `Context ${CONTEXT_KEYS.certificateArn} is set but ${CONTEXT_KEYS.domainName} is not: name the domain it is for`,
      );
    }
    return undefined;
  }
  if (!DOMAIN.test(domainName)) {
    throw new Error(
      `Context ${CONTEXT_KEYS.domainName} must be a domain name such as reviews.example.com, got "${domainName}"`,
    );
  }
  if (certificateArn !== undefined && !CERTIFICATE_ARN.test(certificateArn)) {
    throw new Error(
      `Context ${CONTEXT_KEYS.certificateArn} must be an ACM certificate ARN, got "${certificateArn}"`,
    );
  }
  if (!certificateArn && !hostedZone) {
    throw new Error(
      `Context ${CONTEXT_KEYS.domainName} needs ${CONTEXT_KEYS.certificateArn} (an ACM certificate for it in the stack's region) or ${CONTEXT_KEYS.hostedZoneId} and ${CONTEXT_KEYS.hostedZoneName} (the stack then creates and validates one)`,
    );
  }
  if (hostedZone && !isWithinZone(domainName, hostedZone.name)) {
    throw new Error(
      `Context ${CONTEXT_KEYS.domainName} (${domainName}) is not in the hosted zone ${hostedZone.name} (${CONTEXT_KEYS.hostedZoneName})`,
    );
  }
  return { domainName, certificateArn, hostedZone };
}

function wholeNumber(scope: IConstruct, key: string, fallback: number, min: number, max: number): number {
  const raw = text(scope, key);
  if (raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`Context ${key} must be a whole number from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}
