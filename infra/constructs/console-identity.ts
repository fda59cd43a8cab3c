/**
 * Who may sign in to the console. By default a Cognito user pool made by the stack: no self sign-up
 * (HR adds accounts), MFA required (TOTP), strong passwords, Plus tier with threat protection
 * enforced, a hosted sign-in domain, the groups `hr-admin`, `hr-viewer` and `manager`, and one
 * confidential app client for the console (authorization code flow; the console adds PKCE). Its
 * client secret is copied into a Secrets Manager secret (from the app client's CloudFormation
 * attribute), so the console reads its secret the same way for Cognito and for the company's own IdP
 * (Entra ID, Okta, Google…) given as context.
 */
import { Aws, Duration, Fn, RemovalPolicy, SecretValue, Stack, Validations } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import type { ConsoleIdentitySettings } from '../config.ts';

export const CONSOLE_GROUPS = ['hr-admin', 'hr-viewer', 'manager'] as const;

export interface ConsoleIdentityProps {
  settings: ConsoleIdentitySettings;
  /** `https://…/console`, without a trailing slash. */
  consoleUrl: string;
}

export class ConsoleIdentity extends Construct {
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: secretsmanager.ISecret;
  readonly groupsClaim: string;
  /** JSON role → group value, or undefined when the group values are the role names. */
  readonly roleGroups: string | undefined;
  readonly logoutUrl: string | undefined;
  readonly userPool?: cognito.UserPool;
  readonly client?: cognito.UserPoolClient;
  readonly domain?: cognito.UserPoolDomain;

  constructor(scope: Construct, id: string, props: ConsoleIdentityProps) {
    super(scope, id);
    const { settings } = props;
    if (settings.kind === 'external') {
      this.issuer = settings.issuer;
      this.clientId = settings.clientId;
      this.clientSecret = secretsmanager.Secret.fromSecretCompleteArn(
        this,
        'ClientSecret',
        settings.clientSecretArn,
      );
      this.groupsClaim = settings.groupsClaim;
      this.roleGroups = settings.roleGroups ? JSON.stringify(settings.roleGroups) : undefined;
      this.logoutUrl = settings.logoutUrl;
      return;
    }

    const pool = new cognito.UserPool(this, 'UserPool', {
      userPoolName: `${Stack.of(this).stackName}-console`,
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      standardAttributes: {
        email: { required: true, mutable: true },
        fullname: { required: true, mutable: true },
      },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      mfa: cognito.Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      featurePlan: cognito.FeaturePlan.PLUS,
      standardThreatProtectionMode: cognito.StandardThreatProtectionMode.FULL_FUNCTION,
      deletionProtection: true,
      // Accounts outlive the stack, like the table.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    for (const group of CONSOLE_GROUPS) {
      new cognito.CfnUserPoolGroup(this, `Group-${group}`, {
        userPoolId: pool.userPoolId,
        groupName: group,
        description: `Ladder console role ${group}`,
      });
    }
    const domainPrefix =
      settings.domainPrefix ?? Fn.join('-', [Stack.of(this).stackName.toLowerCase(), Aws.ACCOUNT_ID]);
    this.domain = pool.addDomain('Domain', {
      cognitoDomain: { domainPrefix },
      managedLoginVersion: cognito.ManagedLoginVersion.CLASSIC_HOSTED_UI,
    });
    const signedOut = `${props.consoleUrl}/auth/signed-out`;
    this.client = pool.addClient('ConsoleClient', {
      generateSecret: true,
      authFlows: {},
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL, cognito.OAuthScope.PROFILE],
        callbackUrls: [`${props.consoleUrl}/auth/callback`],
        logoutUrls: [signedOut],
      },
      supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.hours(8),
    });
    // CloudFormation returns the client secret as an attribute of the app client (no custom resource).
    const cfnClient = this.client.node.defaultChild as cognito.CfnUserPoolClient;
    const secret = new secretsmanager.Secret(this, 'ClientSecret', {
      description: 'Ladder console: the Cognito app client secret (read by the ConsoleAuth function only)',
      secretStringValue: SecretValue.resourceAttribute(cfnClient.attrClientSecret),
    });
    Validations.of(secret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'The secret is a copy of the Cognito app client secret, which Cognito owns: it changes by replacing the app client (cdk deploy updates the copy), not by a Secrets Manager rotation function.',
    });
    this.userPool = pool;
    this.issuer = pool.userPoolProviderUrl;
    this.clientId = this.client.userPoolClientId;
    this.clientSecret = secret;
    this.groupsClaim = 'cognito:groups';
    this.roleGroups = undefined;
    // Cognito's discovery document has no end_session_endpoint: its own logout URL.
    this.logoutUrl = Fn.join('', [
      this.domain.baseUrl(),
      '/logout?client_id=',
      this.clientId,
      '&logout_uri=',
      signedOut,
    ]);
  }
}
