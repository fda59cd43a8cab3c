/**
 * A company address for the form: with `ladder:domainName` (and a certificate ARN or a Route 53
 * hosted zone) every link and the API use that domain, and the execute-api address is switched
 * off; with a hosted zone the stack also writes the alias records and the sender's Easy DKIM and
 * MAIL FROM records. Without them, nothing of this exists. cdk-nag stays clean either way.
 */
import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { ENV } from '../../functions/catalog.ts';
import { createApp } from '../../infra/create-app.ts';
import { OPTIONAL_OUTPUT_KEYS, OUTPUT_KEYS } from '../../infra/outputs.ts';
import { buildLadder, cdkJsonContext, type Json, logicalId, onlyResource, resources } from './helpers.ts';

const CERTIFICATE = 'arn:aws:acm:eu-west-1:123456789012:certificate/0b1c2d3e-1111-2222-3333-444455556666';
const ZONE = { 'ladder:hostedZoneId': 'Z0123456789ABCDEFGHIJ', 'ladder:hostedZoneName': 'example.com' };

const formBaseUrls = (template: ReturnType<typeof buildLadder>['template']) =>
  Object.values(resources(template, 'AWS::Lambda::Function')).map(
    (fn) => (fn.Properties!.Environment as { Variables: Json }).Variables[ENV.formBaseUrl],
  );
const outputs = (template: ReturnType<typeof buildLadder>['template']) =>
  template.toJSON().Outputs as Record<string, { Value: unknown }>;

describe('without a custom domain', () => {
  it('links use the API’s own address; no domain, certificate or DNS record is made', () => {
    const { stack, template } = buildLadder();
    const apiEndpoint = { 'Fn::GetAtt': [logicalId(stack, stack.feedbackApi.httpApi), 'ApiEndpoint'] };
    expect(new Set(formBaseUrls(template).map((v) => JSON.stringify(v)))).toEqual(
      new Set([JSON.stringify(apiEndpoint)]),
    );
    for (const type of [
      'AWS::ApiGatewayV2::DomainName',
      'AWS::ApiGatewayV2::ApiMapping',
      'AWS::CertificateManager::Certificate',
      'AWS::Route53::RecordSet',
    ]) {
      expect(Object.keys(resources(template, type)), type).toHaveLength(0);
    }
    const [, api] = onlyResource(template, 'AWS::ApiGatewayV2::Api');
    expect(api.Properties!.DisableExecuteApiEndpoint ?? false).toBe(false);
    expect(outputs(template)[OPTIONAL_OUTPUT_KEYS.customDomainTarget]).toBeUndefined();
  });
});

describe('with a domain and a certificate', () => {
  const { stack, template } = buildLadder({
    'ladder:domainName': 'reviews.example.com',
    'ladder:certificateArn': CERTIFICATE,
  });

  it('serves the form on the domain, in every link, and nowhere else', () => {
    const [domainId, domain] = onlyResource(template, 'AWS::ApiGatewayV2::DomainName');
    expect(domain.Properties).toMatchObject({
      DomainName: 'reviews.example.com',
      DomainNameConfigurations: [
        { CertificateArn: CERTIFICATE, EndpointType: 'REGIONAL', SecurityPolicy: 'TLS_1_2' },
      ],
    });
    const [, mapping] = onlyResource(template, 'AWS::ApiGatewayV2::ApiMapping');
    expect(mapping.Properties).toEqual({
      ApiId: { Ref: logicalId(stack, stack.feedbackApi.httpApi) },
      DomainName: { Ref: domainId },
      Stage: '$default',
    });
    expect(mapping.DependsOn).toEqual([logicalId(stack, stack.feedbackApi.stage)]);
    const [, api] = onlyResource(template, 'AWS::ApiGatewayV2::Api');
    expect(api.Properties!.DisableExecuteApiEndpoint).toBe(true);
    expect(new Set(formBaseUrls(template))).toEqual(new Set(['https://reviews.example.com']));
    expect(outputs(template)[OUTPUT_KEYS.feedbackApiUrl]!.Value).toBe('https://reviews.example.com');
  });

  it('makes no certificate or DNS record, and outputs where to point a CNAME', () => {
    expect(Object.keys(resources(template, 'AWS::CertificateManager::Certificate'))).toHaveLength(0);
    expect(Object.keys(resources(template, 'AWS::Route53::RecordSet'))).toHaveLength(0);
    const [domainId] = onlyResource(template, 'AWS::ApiGatewayV2::DomainName');
    expect(outputs(template)[OPTIONAL_OUTPUT_KEYS.customDomainTarget]!.Value).toEqual({
      'Fn::GetAtt': [domainId, 'RegionalDomainName'],
    });
  });
});

describe('with a domain and a Route 53 hosted zone', () => {
  const { stack, template } = buildLadder({
    'ladder:domainName': 'reviews.example.com',
    'ladder:senderEmail': 'reviews@example.com',
    ...ZONE,
  });
  const records = () =>
    Object.values(resources(template, 'AWS::Route53::RecordSet')).map((r) => r.Properties!);

  it('creates and DNS-validates the certificate, and the alias records (IPv4 and IPv6)', () => {
    const [certificateId, certificate] = onlyResource(template, 'AWS::CertificateManager::Certificate');
    expect(certificate.Properties).toMatchObject({
      DomainName: 'reviews.example.com',
      ValidationMethod: 'DNS',
      DomainValidationOptions: [
        { DomainName: 'reviews.example.com', HostedZoneId: ZONE['ladder:hostedZoneId'] },
      ],
    });
    const [, domain] = onlyResource(template, 'AWS::ApiGatewayV2::DomainName');
    expect(domain.Properties).toMatchObject({
      DomainNameConfigurations: [{ CertificateArn: { Ref: certificateId } }],
    });
    const aliases = records().filter((r) => r.Name === 'reviews.example.com.');
    expect(aliases.map((r) => r.Type).sort()).toEqual(['A', 'AAAA']);
    for (const alias of aliases) {
      expect(alias.HostedZoneId).toBe(ZONE['ladder:hostedZoneId']);
      expect(JSON.stringify(alias.AliasTarget)).toContain('RegionalDomainName');
    }
    expect(outputs(template)[OPTIONAL_OUTPUT_KEYS.customDomainTarget]).toBeUndefined();
  });

  it('verifies the sender’s domain with Easy DKIM records in the zone, and aligns SPF with a MAIL FROM domain', () => {
    const [identityId, identity] = onlyResource(template, 'AWS::SES::EmailIdentity');
    expect(identity.Properties).toMatchObject({
      EmailIdentity: 'example.com',
      MailFromAttributes: { MailFromDomain: 'bounce.example.com' },
    });
    const dkim = records().filter((r) => r.Type === 'CNAME');
    expect(dkim).toHaveLength(3);
    for (const [i, record] of dkim.entries()) {
      expect(record.HostedZoneId).toBe(ZONE['ladder:hostedZoneId']);
      expect(record.Name).toEqual({ 'Fn::GetAtt': [identityId, `DkimDNSTokenName${i + 1}`] });
      expect(record.ResourceRecords).toEqual([{ 'Fn::GetAtt': [identityId, `DkimDNSTokenValue${i + 1}`] }]);
    }
    const mailFrom = records().filter((r) => r.Name === 'bounce.example.com.');
    expect(mailFrom.map((r) => r.Type).sort()).toEqual(['MX', 'TXT']);
    expect(mailFrom.find((r) => r.Type === 'TXT')!.ResourceRecords).toEqual([
      '"v=spf1 include:amazonses.com ~all"',
    ]);
    // Mail still comes from the configured address; the functions may send from that address only
    // (ses:SendEmail names every identity, as the sandbox checks recipients' identities too).
    const fn = resources(template, 'AWS::Lambda::Function')[
      logicalId(stack, stack.functions.SendEmails.function)
    ]!;
    expect((fn.Properties!.Environment as { Variables: Json }).Variables[ENV.senderEmail]).toBe(
      'reviews@example.com',
    );
    expect(stack.mail.sendingCondition).toEqual({
      StringEquals: { 'ses:FromAddress': 'reviews@example.com' },
    });
  });

  it('a hosted zone alone (no domain name) still writes the sender’s DKIM records', () => {
    const zoneOnly = buildLadder({ ...ZONE, 'ladder:senderEmail': 'ladder@hr.example.com' });
    const [, identity] = onlyResource(zoneOnly.template, 'AWS::SES::EmailIdentity');
    expect(identity.Properties!.EmailIdentity).toBe('hr.example.com');
    const cnames = Object.values(resources(zoneOnly.template, 'AWS::Route53::RecordSet')).filter(
      (r) => r.Properties!.Type === 'CNAME',
    );
    expect(cnames).toHaveLength(3);
    expect(Object.keys(resources(zoneOnly.template, 'AWS::ApiGatewayV2::DomainName'))).toHaveLength(0);
  });

  it('a sender outside the zone keeps its own identity, without records', () => {
    const outside = buildLadder({ ...ZONE, 'ladder:senderEmail': 'ladder@other.org' });
    const [, identity] = onlyResource(outside.template, 'AWS::SES::EmailIdentity');
    expect(identity.Properties!.EmailIdentity).toBe('ladder@other.org');
    expect(Object.keys(resources(outside.template, 'AWS::Route53::RecordSet'))).toHaveLength(0);
  });

  it('cdk-nag: no finding with the domain, the certificate and the records', () => {
    const withNag = buildLadder(
      { 'ladder:domainName': 'reviews.example.com', 'ladder:senderEmail': 'reviews@example.com', ...ZONE },
      { nag: true },
    );
    const report = new AwsSolutionsChecks().validateScope(withNag.app);
    expect(
      report.violations.flatMap((v) => v.violatingResources.map((r) => `${v.ruleName} ${r.constructPath}`)),
    ).toEqual([]);
    expect(() => withNag.app.synth({ force: true })).not.toThrow();
  });
});

describe('bad settings stop the synth, naming the key', () => {
  it.each([
    [
      { 'ladder:domainName': 'reviews.example.com' },
      /ladder:domainName needs ladder:certificateArn .* or ladder:hostedZoneId/,
    ],
    [
      { 'ladder:domainName': 'not a domain', 'ladder:certificateArn': CERTIFICATE },
      /ladder:domainName must be a domain name/,
    ],
    [
      { 'ladder:domainName': 'reviews.example.com', 'ladder:certificateArn': 'cert-1' },
      /ladder:certificateArn must be an ACM certificate ARN/,
    ],
    [{ 'ladder:certificateArn': CERTIFICATE }, /ladder:certificateArn is set but ladder:domainName is not/],
    [
      { 'ladder:domainName': 'reviews.other.org', ...ZONE },
      /reviews.other.org\) is not in the hosted zone example.com/,
    ],
    [{ 'ladder:hostedZoneId': 'Z0123456789ABCDEFGHIJ' }, /ladder:hostedZoneName must be the zone's domain/],
    [{ 'ladder:hostedZoneName': 'example.com' }, /ladder:hostedZoneId must be a Route 53 hosted zone id/],
  ])('%j', (context, message) => {
    expect(() =>
      createApp({ context: { ...cdkJsonContext(), 'aws:cdk:bundling-stacks': [], ...context }, nag: false }),
    ).toThrow(message);
  });
});
