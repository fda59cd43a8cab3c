import { RemovalPolicy, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as route53 from 'aws-cdk-lib/aws-route53';
import * as route53Targets from 'aws-cdk-lib/aws-route53-targets';
import { Construct } from 'constructs';
import { LOG_RETENTION } from './ladder-function.ts';

export interface FeedbackApiProps {
  /**
   * A company address for the form (infra/config.ts): links become `https://<domainName>/…` and
   * the API's own execute-api address is switched off, so there is one way in.
   */
  customDomain?: {
    domainName: string;
    /** An ACM certificate for the domain in the stack's region; without it, one is made in `zone`. */
    certificateArn?: string | undefined;
    /** Where the stack validates the certificate and puts the alias records. */
    zone?: route53.IPublicHostedZone | undefined;
  };
}

/** Steady-state requests per second and burst for the whole API. */
export const FEEDBACK_API_THROTTLE = { rateLimit: 25, burstLimit: 50 } as const;

/** Path of a feedback link below the API's base URL. */
export const FEEDBACK_ROUTE_PATH = '/feedback/{token}';

/**
 * Access log line. Deliberately without `$context.path` (it holds the secret link token), source
 * IP and user agent (raters are promised anonymity): the route key and status are enough to see
 * traffic, errors and guessing attempts (bursts of 404s).
 */
const ACCESS_LOG_FORMAT = JSON.stringify({
  requestId: '$context.requestId',
  requestTime: '$context.requestTime',
  routeKey: '$context.routeKey',
  status: '$context.status',
  responseLength: '$context.responseLength',
  responseLatency: '$context.responseLatency',
  integrationStatus: '$context.integrationStatus',
  integrationLatency: '$context.integrationLatency',
  integrationError: '$context.integrationErrorMessage',
});

/**
 * The rater-facing HTTP API: `GET` and `POST /feedback/{token}` → the FeedbackForm function.
 * Routes are added by `addFormRoutes` once the function exists, because the function itself needs
 * the API's URL (it renders the form's action).
 */
export class FeedbackApi extends Construct {
  readonly httpApi: apigw.HttpApi;
  readonly stage: apigw.HttpStage;
  readonly accessLogs: logs.LogGroup;
  /** The custom domain, when one is configured. */
  readonly domainName: apigw.DomainName | undefined;
  readonly #customDomain: FeedbackApiProps['customDomain'];

  constructor(scope: Construct, id: string, props: FeedbackApiProps = {}) {
    super(scope, id);
    this.#customDomain = props.customDomain;

    this.httpApi = new apigw.HttpApi(this, 'HttpApi', {
      description: 'Ladder feedback form: personal links from invitation emails',
      createDefaultStage: false,
      // With a company address, links use only it: the execute-api address answers 403.
      disableExecuteApiEndpoint: props.customDomain !== undefined,
    });

    this.accessLogs = new logs.LogGroup(this, 'AccessLogs', {
      retention: LOG_RETENTION,
      removalPolicy: RemovalPolicy.DESTROY,
    });

    this.stage = new apigw.HttpStage(this, 'DefaultStage', {
      httpApi: this.httpApi,
      stageName: '$default',
      autoDeploy: true,
      // Limits token guessing (and accidental floods): a link token has at least 128 random bits,
      // and at 25 requests/s an attacker gets nowhere near enumerating them.
      throttle: FEEDBACK_API_THROTTLE,
      accessLogSettings: {
        destination: new apigw.LogGroupLogDestination(this.accessLogs),
        format: AccessLogFormat.custom(ACCESS_LOG_FORMAT),
      },
    });

    this.domainName = props.customDomain ? this.addCustomDomain(props.customDomain) : undefined;
  }

  private addCustomDomain(domain: NonNullable<FeedbackApiProps['customDomain']>): apigw.DomainName {
    const { zone } = domain;
    const certificate = domain.certificateArn
      ? acm.Certificate.fromCertificateArn(this, 'Certificate', domain.certificateArn)
      : new acm.Certificate(this, 'Certificate', {
          domainName: domain.domainName,
          validation: acm.CertificateValidation.fromDns(zone),
        });
    const domainName = new apigw.DomainName(this, 'DomainName', {
      domainName: domain.domainName,
      certificate,
      securityPolicy: apigw.SecurityPolicy.TLS_1_2,
    });
    new apigw.ApiMapping(this, 'ApiMapping', { api: this.httpApi, domainName, stage: this.stage });
    if (zone) {
      const target = route53.RecordTarget.fromAlias(
        new route53Targets.ApiGatewayv2DomainProperties(
          domainName.regionalDomainName,
          domainName.regionalHostedZoneId,
        ),
      );
      new route53.ARecord(this, 'AliasRecord', { zone, recordName: domain.domainName, target });
      new route53.AaaaRecord(this, 'AliasRecordIpv6', { zone, recordName: domain.domainName, target });
    }
    return domainName;
  }

  /** Routes `GET` and `POST /feedback/{token}` to the form function. */
  addFormRoutes(handler: lambda.IFunction): apigw.HttpRoute[] {
    const integration = new HttpLambdaIntegration('FeedbackForm', handler);
    const routes = this.httpApi.addRoutes({
      path: FEEDBACK_ROUTE_PATH,
      methods: [apigw.HttpMethod.GET, apigw.HttpMethod.POST],
      integration,
    });
    for (const route of routes) {
      Validations.of(route).acknowledge({
        id: 'AwsSolutions-APIG4',
        reason: `Feedback route ${route.node.id}: public by design. Raters have no accounts; the bearer credential is the at least 128-bit random token in their personal link (only its SHA-256 is stored), checked by the FeedbackForm function, bound to one request and dead once the cycle closes. Stage throttling limits guessing.`,
      });
    }
    return routes;
  }

  /** Base URL without a trailing slash: links are `<base>/feedback/<token>`. */
  get url(): string {
    return this.#customDomain ? `https://${this.#customDomain.domainName}` : this.httpApi.apiEndpoint;
  }
}
