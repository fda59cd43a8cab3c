/**
 * cdk-nag 3.x (AwsSolutionsChecks as a CDK validation plugin): no unacknowledged findings, and every
 * acknowledgment sits on the one resource it is about, says why, and is actually needed.
 */
import { App, Stack, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { beforeAll, describe, expect, it } from 'vitest';
import { CONSOLE_ROUTES, FUNCTIONS } from '../../functions/catalog.ts';
import { type Built, buildLadder } from './helpers.ts';

let built: Built;

beforeAll(() => {
  built = buildLadder({}, { nag: true });
}, 60_000);

interface Ack {
  path: string;
  id: string;
  reason: string;
}

function acknowledgments(root: IConstruct): Ack[] {
  const found: Ack[] = [];
  for (const construct of root.node.findAll()) {
    for (const entry of construct.node.metadata) {
      if (entry.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY) continue;
      for (const [key, reason] of Object.entries(entry.data as Record<string, string>)) {
        found.push({ path: construct.node.path, id: key.replace(/^annotation::/i, ''), reason });
      }
    }
  }
  return found;
}

const describeViolations = (
  violations: { ruleName: string; violatingResources: { constructPath?: string }[] }[],
) => violations.flatMap((v) => v.violatingResources.map((r) => `${v.ruleName} at ${r.constructPath}`));

describe('cdk-nag AwsSolutionsChecks', () => {
  it('reports no unacknowledged finding (errors or warnings)', () => {
    const report = new AwsSolutionsChecks().validateScope(built.app);
    expect(describeViolations(report.violations)).toEqual([]);
    expect(report.success).toBe(true);
  });

  it('synthesizing the app with the plugin registered succeeds (findings would make it throw)', () => {
    expect(() => built.app.synth({ force: true })).not.toThrow();
  });

  it('acknowledges exactly these findings, each on its own resource', () => {
    const stackName = built.stack.stackName;
    const expected = [
      ...FUNCTIONS.map((spec) => ({
        path: `${stackName}/${spec.id}/Role/DefaultPolicy`,
        id: 'AwsSolutions-IAM5[Resource::*]',
      })),
      ...['SendEmails', 'PublishReports', 'SummarizeCycle'].map((id) => ({
        path: `${stackName}/${id}/Role/DefaultPolicy`,
        id: 'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:ses:<AWS::Region>:<AWS::AccountId>:identity/*]',
      })),
      {
        path: `${stackName}/ReviewCycle/StateMachine/Role/DefaultPolicy`,
        id: 'AwsSolutions-IAM5[Resource::*]',
      },
      {
        path: `${stackName}/StartCycle/Role/DefaultPolicy`,
        id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:states:<AWS::Region>:<AWS::AccountId>:execution:${stackName}-review-cycle:*]`,
      },
      { path: `${stackName}/FeedbackApi/HttpApi/GET--feedback--{token}`, id: 'AwsSolutions-APIG4' },
      { path: `${stackName}/FeedbackApi/HttpApi/POST--feedback--{token}`, id: 'AwsSolutions-APIG4' },
      // The console's routes: each function checks the session cookie itself.
      ...CONSOLE_ROUTES.map(({ routeKey }) => ({
        path: `${stackName}/ConsoleRoutes/${routeKey.replace(/[^A-Za-z0-9]/g, '')}`,
        id: 'AwsSolutions-APIG4',
      })),
      // DescribeExecution of the quarter's attempts (named cycle-<quarter>-<n>), as StartCycle.
      {
        path: `${stackName}/ConsoleCycles/Role/DefaultPolicy`,
        id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:states:<AWS::Region>:<AWS::AccountId>:execution:${stackName}-review-cycle:*]`,
      },
      // A copy of the Cognito app client secret: Cognito owns it.
      { path: `${stackName}/ConsoleIdentity/ClientSecret`, id: 'AwsSolutions-SMG4' },
    ];
    const actual = acknowledgments(built.app).map(({ path, id }) => ({ path, id }));
    const key = (a: { path: string; id: string }) => `${a.path} ${a.id}`;
    expect(actual.map(key).sort()).toEqual(expected.map(key).sort());
  });

  it('no blanket acknowledgment on the app or the stack', () => {
    for (const ack of acknowledgments(built.app)) {
      const construct = built.app.node
        .findChild(built.stack.stackName)
        .node.tryFindChild(ack.path.split('/')[1]!);
      expect(construct, ack.path).toBeDefined();
      expect(construct instanceof App || construct instanceof Stack, ack.path).toBe(false);
    }
  });

  it('every reason names its resource and says why', () => {
    const stackName = built.stack.stackName;
    /** What a reader of the reason must find named in it. */
    const resourceName = (path: string): string => {
      const [, top, ...rest] = path.split('/');
      if (top === 'ReviewCycle') return `${stackName}-review-cycle`;
      if (top === 'FeedbackApi') return rest[rest.length - 1]!;
      if (top === 'ConsoleRoutes') {
        return CONSOLE_ROUTES.find((r) => r.routeKey.replace(/[^A-Za-z0-9]/g, '') === rest[0])!.routeKey;
      }
      if (top === 'ConsoleIdentity') return 'Cognito app client secret';
      return top!;
    };
    for (const ack of acknowledgments(built.app)) {
      expect(ack.reason, ack.path).toContain(resourceName(ack.path));
      expect(ack.reason.length, ack.path).toBeGreaterThan(80);
    }
  });

  it('every acknowledgment is needed: without them, cdk-nag flags exactly those resources', () => {
    const pack = new AwsSolutionsChecks();
    // Test-only: make the pack ignore acknowledgments, to see the raw findings.
    (pack as unknown as { isAcknowledged: () => boolean }).isAcknowledged = () => false;
    const raw = pack
      .validateScope(built.app)
      .violations.flatMap((v) => v.violatingResources.map((r) => `${r.constructPath} ${v.ruleName}`))
      .sort();
    const acknowledged = acknowledgments(built.app)
      .map((ack) => `${ack.path}/Resource ${ack.id}`)
      .sort();
    expect(raw).toEqual(acknowledged);
  });
});
