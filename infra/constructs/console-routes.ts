/**
 * The console's routes on the same HTTP API as the feedback form (functions/catalog.ts,
 * CONSOLE_ROUTES), each to its console function. API Gateway does no authorization on them: every
 * console function checks the session cookie itself (OpenID Connect sign-in, server-side sessions),
 * because a browser navigating pages carries a cookie, not a bearer token.
 */
import { Validations } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { CONSOLE_ROUTES, type FunctionId } from '../../functions/catalog.ts';

export interface ConsoleRoutesProps {
  httpApi: apigw.HttpApi;
  functions: Partial<Record<FunctionId, lambda.IFunction>>;
}

export class ConsoleRoutes extends Construct {
  readonly routes: apigw.HttpRoute[] = [];

  constructor(scope: Construct, id: string, props: ConsoleRoutesProps) {
    super(scope, id);
    const integrations = new Map<string, HttpLambdaIntegration>();
    for (const { routeKey, functionId } of CONSOLE_ROUTES) {
      const fn = props.functions[functionId];
      if (!fn) throw new Error(`No function ${functionId} for the console route ${routeKey}`);
      let integration = integrations.get(functionId);
      if (!integration) {
        integration = new HttpLambdaIntegration(functionId, fn);
        integrations.set(functionId, integration);
      }
      const [method = 'ANY', path = '/'] = routeKey.split(' ');
      const route = new apigw.HttpRoute(this, routeKey.replace(/[^A-Za-z0-9]/g, ''), {
        httpApi: props.httpApi,
        routeKey: apigw.HttpRouteKey.with(path, method as apigw.HttpMethod),
        integration,
      });
      Validations.of(route).acknowledge({
        id: 'AwsSolutions-APIG4',
        reason: `Console route ${routeKey}: the ${functionId} function authenticates every request itself with the OpenID Connect session cookie (HttpOnly, SameSite=Lax, server-side session, CSRF token on every POST) and checks the user's role; API Gateway authorizers take bearer tokens, which a browser navigating server-rendered pages does not send.`,
      });
      this.routes.push(route);
    }
  }
}
