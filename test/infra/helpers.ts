/**
 * Builds the Ladder app the way `cdk synth` does (context from cdk.json), but with bundling skipped:
 * tests check the template, not the esbuild output.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { createApp } from '../../infra/create-app.ts';
import type { LadderStack } from '../../infra/ladder-stack.ts';
import { REPO_ROOT } from '../../infra/paths.ts';

/** The `context` block of cdk.json. */
export function cdkJsonContext(): Record<string, unknown> {
  const cdkJson = JSON.parse(readFileSync(join(REPO_ROOT, 'cdk.json'), 'utf8')) as {
    context?: Record<string, unknown>;
  };
  return cdkJson.context ?? {};
}

export interface Built {
  app: App;
  stack: LadderStack;
  template: Template;
}

export function buildLadder(context: Record<string, unknown> = {}, options: { nag?: boolean } = {}): Built {
  const { app, stack } = createApp({
    context: { ...cdkJsonContext(), 'aws:cdk:bundling-stacks': [], ...context },
    nag: options.nag ?? false,
  });
  return { app, stack, template: Template.fromStack(stack) };
}

/** Logical id of a construct's CloudFormation resource. */
export function logicalId(stack: LadderStack, construct: { node: { defaultChild?: unknown } }): string {
  const child = construct.node.defaultChild;
  if (!child) throw new Error('construct has no default child');
  return stack.getLogicalId(child as Parameters<LadderStack['getLogicalId']>[0]);
}

export type Json = Record<string, unknown>;

export interface Resource {
  Type: string;
  Properties?: Json;
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
  DependsOn?: string[];
}

export function resources(template: Template, type?: string): Record<string, Resource> {
  const all = template.toJSON().Resources as Record<string, Resource>;
  return Object.fromEntries(Object.entries(all).filter(([, r]) => type === undefined || r.Type === type));
}

export function onlyResource(template: Template, type: string): [string, Resource] {
  const found = Object.entries(resources(template, type));
  if (found.length !== 1) throw new Error(`expected one ${type}, found ${found.length}`);
  return found[0]!;
}

/** The EventBridge Scheduler schedule whose target is the function with logical id `functionId`. */
export function scheduleInvoking(template: Template, functionId: string): [string, Resource] {
  const found = Object.entries(resources(template, 'AWS::Scheduler::Schedule')).filter(
    ([, schedule]) =>
      JSON.stringify((schedule.Properties!.Target as { Arn: unknown }).Arn) ===
      JSON.stringify({ 'Fn::GetAtt': [functionId, 'Arn'] }),
  );
  if (found.length !== 1)
    throw new Error(`expected one schedule invoking ${functionId}, found ${found.length}`);
  return found[0]!;
}

export interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
  Sid?: string;
  Condition?: unknown;
}

export const asList = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);

/** Every statement of the IAM policies attached to a role (inline `Policies` and AWS::IAM::Policy). */
export function roleStatements(template: Template, roleLogicalId: string): Statement[] {
  const role = resources(template)[roleLogicalId];
  if (role?.Type !== 'AWS::IAM::Role') throw new Error(`${roleLogicalId} is not a role`);
  const inline = (
    (role.Properties?.Policies as { PolicyDocument: { Statement: Statement[] } }[]) ?? []
  ).flatMap((policy) => policy.PolicyDocument.Statement);
  const attached = Object.values(resources(template, 'AWS::IAM::Policy'))
    .filter((policy) =>
      ((policy.Properties?.Roles as unknown[] | undefined) ?? []).some(
        (ref) => JSON.stringify(ref) === JSON.stringify({ Ref: roleLogicalId }),
      ),
    )
    .flatMap((policy) => (policy.Properties!.PolicyDocument as { Statement: Statement[] }).Statement);
  return [...inline, ...attached];
}

/** Statements allowing `action` (exact name). */
export function statementsAllowing(statements: Statement[], action: string): Statement[] {
  return statements.filter((s) => s.Effect === 'Allow' && asList(s.Action).includes(action));
}
