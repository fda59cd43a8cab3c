/**
 * The console in the stack: a Cognito user pool (or the company's IdP from context), the console
 * routes on the HTTP API, each console function's settings, and what each may do.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { CONSOLE_ROUTES, ENV, type FunctionId } from '../../functions/catalog.ts';
import {
  asList,
  type Built,
  buildLadder,
  type Json,
  logicalId,
  onlyResource,
  resources,
  roleStatements,
  statementsAllowing,
} from './helpers.ts';

let built: Built;
const CONSOLE_IDS: FunctionId[] = [
  'Console',
  'ConsoleAuth',
  'ConsoleCycles',
  'ConsoleRoster',
  'ConsoleExport',
];

beforeAll(() => {
  built = buildLadder();
}, 60_000);

const variablesOf = (b: Built, id: FunctionId) =>
  (
    resources(b.template, 'AWS::Lambda::Function')[logicalId(b.stack, b.stack.functions[id].function)]!
      .Properties!.Environment as { Variables: Json }
  ).Variables;

describe('Cognito user pool (the default)', () => {
  it('no self sign-up, MFA required (TOTP), strong passwords, Plus tier with threat protection, retained', () => {
    const [, pool] = onlyResource(built.template, 'AWS::Cognito::UserPool');
    expect(pool.DeletionPolicy).toBe('Retain');
    expect(pool.Properties).toMatchObject({
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      MfaConfiguration: 'ON',
      EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
      UserPoolTier: 'PLUS',
      UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' },
      DeletionProtection: 'ACTIVE',
      Policies: {
        PasswordPolicy: {
          MinimumLength: 12,
          RequireLowercase: true,
          RequireUppercase: true,
          RequireNumbers: true,
          RequireSymbols: true,
        },
      },
    });
  });

  it('has the three role groups and a hosted sign-in domain', () => {
    const groups = Object.values(resources(built.template, 'AWS::Cognito::UserPoolGroup')).map(
      (g) => g.Properties!.GroupName,
    );
    expect(groups.sort()).toEqual(['hr-admin', 'hr-viewer', 'manager']);
    onlyResource(built.template, 'AWS::Cognito::UserPoolDomain');
  });

  it('one confidential client: code flow only, openid/email/profile, the console callback and sign-out URLs', () => {
    const [, client] = onlyResource(built.template, 'AWS::Cognito::UserPoolClient');
    const api = { 'Fn::GetAtt': [logicalId(built.stack, built.stack.feedbackApi.httpApi), 'ApiEndpoint'] };
    expect(client.Properties).toMatchObject({
      GenerateSecret: true,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthScopes: ['openid', 'email', 'profile'],
      SupportedIdentityProviders: ['COGNITO'],
      PreventUserExistenceErrors: 'ENABLED',
      CallbackURLs: [{ 'Fn::Join': ['', [api, '/console/auth/callback']] }],
      LogoutURLs: [{ 'Fn::Join': ['', [api, '/console/auth/signed-out']] }],
    });
    expect(JSON.stringify(client.Properties)).not.toContain('implicit');
  });

  it('copies the client secret into Secrets Manager from the client attribute (no custom resource)', () => {
    const [, secret] = onlyResource(built.template, 'AWS::SecretsManager::Secret');
    const [clientId] = onlyResource(built.template, 'AWS::Cognito::UserPoolClient');
    expect(secret.Properties!.SecretString).toEqual({ 'Fn::GetAtt': [clientId, 'ClientSecret'] });
    expect(Object.keys(resources(built.template)).filter((id) => id.startsWith('AWS679f53fac'))).toEqual([]);
  });

  it('console functions get the console URL, the issuer and client id; only ConsoleAuth the secret', () => {
    const stack = built.stack;
    const [poolId] = onlyResource(built.template, 'AWS::Cognito::UserPool');
    for (const id of CONSOLE_IDS) {
      const variables = variablesOf(built, id);
      expect(variables[ENV.consoleUrl]).toEqual({
        'Fn::Join': [
          '',
          [{ 'Fn::GetAtt': [logicalId(stack, stack.feedbackApi.httpApi), 'ApiEndpoint'] }, '/console'],
        ],
      });
      expect(variables[ENV.oidcIssuer]).toEqual({ 'Fn::GetAtt': [poolId, 'ProviderURL'] });
      expect(variables[ENV.oidcGroupsClaim]).toBe('cognito:groups');
      expect(JSON.stringify(variables[ENV.oidcLogoutUrl])).toContain('/logout?client_id=');
      expect(ENV.oidcClientSecretArn in variables, id).toBe(id === 'ConsoleAuth');
    }
    expect(ENV.consoleUrl in variablesOf(built, 'SendEmails')).toBe(false);
  });
});

describe('console routes', () => {
  it('each route of CONSOLE_ROUTES goes to its function, on the feedback API', () => {
    const routes = Object.values(resources(built.template, 'AWS::ApiGatewayV2::Route'));
    const integrations = resources(built.template, 'AWS::ApiGatewayV2::Integration');
    for (const { routeKey, functionId } of CONSOLE_ROUTES) {
      const route = routes.find((r) => r.Properties!.RouteKey === routeKey);
      expect(route, routeKey).toBeDefined();
      expect(route!.Properties!.ApiId).toEqual({
        Ref: logicalId(built.stack, built.stack.feedbackApi.httpApi),
      });
      const target = JSON.stringify(route!.Properties!.Target);
      const integration = Object.entries(integrations).find(([id]) => target.includes(id))![1];
      expect(integration.Properties).toMatchObject({
        IntegrationType: 'AWS_PROXY',
        PayloadFormatVersion: '2.0',
        IntegrationUri: {
          'Fn::GetAtt': [logicalId(built.stack, built.stack.functions[functionId].function), 'Arn'],
        },
      });
    }
    expect(routes).toHaveLength(CONSOLE_ROUTES.length + 2);
  });
});

describe('what each console function may do', () => {
  const statementsOf = (id: FunctionId) =>
    roleStatements(built.template, logicalId(built.stack, built.stack.functions[id].role));

  it('ConsoleAuth touches only sessions and sign-ins', () => {
    const table = statementsOf('ConsoleAuth').filter((s) =>
      asList(s.Action).some((a) => a.startsWith('dynamodb:')),
    );
    expect(table).toHaveLength(1);
    expect(table[0]!.Condition).toEqual({
      'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['SESSION#*', 'LOGIN#*'] },
    });
  });

  it('ConsoleExport writes nothing but its session and sign-ins', () => {
    for (const action of ['dynamodb:PutItem', 'dynamodb:UpdateItem']) {
      for (const statement of statementsAllowing(statementsOf('ConsoleExport'), action)) {
        expect(statement.Condition).toEqual({
          'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['SESSION#*', 'LOGIN#*'] },
        });
      }
    }
    expect(statementsAllowing(statementsOf('ConsoleExport'), 'dynamodb:BatchWriteItem')).toEqual([]);
  });

  it('only ConsoleRoster writes in batches and deletes, and deletes only import versions', () => {
    const deleting = CONSOLE_IDS.filter(
      (id) => statementsAllowing(statementsOf(id), 'dynamodb:DeleteItem').length > 0,
    );
    expect(deleting).toEqual(['ConsoleRoster']);
  });
});

describe('the company’s identity provider', () => {
  const external = {
    'ladder:oidcIssuer': 'https://login.microsoftonline.com/tenant-id/v2.0',
    'ladder:oidcClientId': 'client-123',
    'ladder:oidcClientSecretArn': 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:ladder-oidc-AbCdEf',
    'ladder:oidcGroupsClaim': 'groups',
    'ladder:oidcRoleGroups': JSON.stringify({
      'hr-admin': '6f1c-admin',
      'hr-viewer': '6f1c-viewer',
      manager: '6f1c-mgr',
    }),
  };

  it('no user pool; the issuer, client, claim and group mapping reach the functions; the secret is the given one', () => {
    const b = buildLadder(external);
    expect(Object.keys(resources(b.template, 'AWS::Cognito::UserPool'))).toEqual([]);
    expect(Object.keys(resources(b.template, 'AWS::SecretsManager::Secret'))).toEqual([]);
    const auth = variablesOf(b, 'ConsoleAuth');
    expect(auth).toMatchObject({
      [ENV.oidcIssuer]: external['ladder:oidcIssuer'],
      [ENV.oidcClientId]: 'client-123',
      [ENV.oidcClientSecretArn]: external['ladder:oidcClientSecretArn'],
      [ENV.oidcGroupsClaim]: 'groups',
      [ENV.oidcRoleGroups]: external['ladder:oidcRoleGroups'],
    });
    const [statement] = statementsAllowing(
      roleStatements(b.template, logicalId(b.stack, b.stack.functions.ConsoleAuth.role)),
      'secretsmanager:GetSecretValue',
    );
    expect(statement!.Resource).toBe(external['ladder:oidcClientSecretArn']);
  });

  it('refuses an incomplete or unsafe setting with a clear message', () => {
    expect(() => buildLadder({ ...external, 'ladder:oidcIssuer': 'http://idp.example.com' })).toThrow(
      /https URL/,
    );
    expect(() => buildLadder({ ...external, 'ladder:oidcClientSecretArn': 'my-secret' })).toThrow(/ARN/);
    expect(() => buildLadder({ ...external, 'ladder:oidcClientId': '' })).toThrow(/oidcClientId is required/);
    expect(() => buildLadder({ ...external, 'ladder:oidcRoleGroups': '{"boss":"x"}' })).toThrow(/roles/);
  });
});
