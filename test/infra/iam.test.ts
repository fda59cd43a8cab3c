import { beforeAll, describe, expect, it } from 'vitest';
import { FUNCTIONS, type FunctionId } from '../../functions/catalog.ts';
import { TABLE_SCHEMA } from '../../functions/shared/table-schema.ts';
import { allTableActions, FUNCTION_ACCESS } from '../../infra/access.ts';
import {
  asList,
  type Built,
  buildLadder,
  logicalId,
  onlyResource,
  resources,
  roleStatements,
  type Statement,
  scheduleInvoking,
  statementsAllowing,
} from './helpers.ts';

let built: Built;

beforeAll(() => {
  built = buildLadder();
}, 60_000);

const ids = FUNCTIONS.map((spec) => spec.id) as FunctionId[];
const statementsOf = (id: FunctionId) =>
  roleStatements(built.template, logicalId(built.stack, built.stack.functions[id].role));
const resolvedStateMachineArn = () => built.stack.resolve(built.stack.stateMachineArn);
const actionsOf = (statements: Statement[]) => statements.flatMap((s) => asList(s.Action));
/** Resources as a sorted list of JSON texts (cdk.json's minimizePolicies reorders them). */
const sortedJson = (values: unknown[]) => values.map((v) => JSON.stringify(v)).sort();

describe('function roles', () => {
  it.each(ids)('%s: no wildcard actions, no Deny surprises', (id) => {
    for (const statement of statementsOf(id)) {
      expect(statement.Effect).toBe('Allow');
      for (const action of asList(statement.Action)) expect(action, `${id}: ${action}`).not.toContain('*');
    }
  });

  it.each(ids)(
    '%s: Resource "*" only for X-Ray and GetSendQuota (which have no resource-level permissions)',
    (id) => {
      for (const statement of statementsOf(id)) {
        if (asList(statement.Resource).includes('*')) {
          expect(
            [['xray:PutTelemetryRecords', 'xray:PutTraceSegments'], ['ses:GetSendQuota']].map((list) =>
              JSON.stringify(list),
            ),
            id,
          ).toContain(JSON.stringify(asList(statement.Action).sort()));
        }
      }
    },
  );

  it.each(ids)('%s: writes only to its own log group', (id) => {
    const statements = statementsAllowing(statementsOf(id), 'logs:PutLogEvents');
    expect(statements).toHaveLength(1);
    expect(statements[0]!.Resource).toEqual({
      'Fn::GetAtt': [logicalId(built.stack, built.stack.functions[id].logGroup), 'Arn'],
    });
  });

  it.each(ids)(
    '%s: exactly the table actions declared in infra/access.ts, on the table and its named indexes only',
    (id) => {
      const statements = statementsOf(id).filter((s) =>
        asList(s.Action).some((a) => a.startsWith('dynamodb:')),
      );
      const unscoped = statements.filter((s) => !s.Condition);
      const dynamoActions = actionsOf(unscoped).filter((a) => a.startsWith('dynamodb:'));
      expect(dynamoActions.sort()).toEqual(FUNCTION_ACCESS[id].table.map((a) => `dynamodb:${a}`).sort());
      // Nothing deletes without a key condition, nothing uses transactions; only the weekly removal
      // of expired comments scans (it must find them anywhere in the table).
      for (const action of dynamoActions) expect(action).not.toMatch(/Delete|Transact|PartiQL/);
      if (id !== 'SweepComments') expect(dynamoActions).not.toContain('dynamodb:Scan');
      // Scoped actions: exactly those of access.ts, each limited to its partition key prefixes.
      const scoped = statements.filter((s) => s.Condition);
      expect(scoped.map((s) => s.Condition)).toEqual(
        (FUNCTION_ACCESS[id].scopedTable ?? []).map((entry) => ({
          'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [...entry.leadingKeys] },
        })),
      );
      expect(new Set(actionsOf(statements).filter((a) => a.startsWith('dynamodb:')))).toEqual(
        new Set(allTableActions(FUNCTION_ACCESS[id]).map((a) => `dynamodb:${a}`)),
      );
      for (const statement of scoped) {
        for (const action of asList(statement.Action)) expect(action).not.toMatch(/Transact|Scan|PartiQL/);
        if (asList(statement.Action).includes('dynamodb:DeleteItem')) {
          expect(statement.Condition).toEqual({
            'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['ROSTER#*', 'METRICS#*'] },
          });
        }
      }
      const tableArn = { 'Fn::GetAtt': [logicalId(built.stack, built.stack.table), 'Arn'] };
      for (const statement of statements.filter((s) =>
        asList(s.Action).some((a) => a.startsWith('dynamodb:')),
      )) {
        expect(sortedJson(asList(statement.Resource))).toEqual(
          sortedJson([
            tableArn,
            ...TABLE_SCHEMA.globalSecondaryIndexes.map((index) => ({
              'Fn::Join': ['', [tableArn, `/index/${index.indexName}`]],
            })),
          ]),
        );
      }
    },
  );

  it('StartCycle only reads items (start checks); every other function writes the table', () => {
    expect(actionsOf(statementsOf('StartCycle')).filter((a) => a.startsWith('dynamodb:'))).toEqual([
      'dynamodb:GetItem',
      'dynamodb:Query',
    ]);
    for (const id of ids.filter((i) => i !== 'StartCycle')) {
      expect(
        actionsOf(statementsOf(id)).filter((a) => a === 'dynamodb:UpdateItem' || a === 'dynamodb:PutItem'),
        id,
      ).not.toEqual([]);
    }
  });

  it('only SendEmails, PublishReports and SummarizeCycle send email: from the From address only, to any verified recipient identity (the sandbox checks those), with the configuration set', () => {
    const senders = ids.filter((id) => statementsAllowing(statementsOf(id), 'ses:SendEmail').length > 0);
    expect(senders.sort()).toEqual(['PublishReports', 'SendEmails', 'SummarizeCycle']);
    const stack = built.stack;
    for (const id of senders) {
      const statements = statementsAllowing(statementsOf(id), 'ses:SendEmail');
      expect(statements).toHaveLength(1);
      expect(asList(statements[0]!.Action)).toEqual(['ses:SendEmail']);
      expect(sortedJson(asList(statements[0]!.Resource))).toEqual(
        sortedJson(stack.resolve(stack.mail.sendingResourceArns)),
      );
      const text = JSON.stringify(statements[0]!.Resource);
      expect(text).toContain(':identity/*');
      expect(text).toContain(':configuration-set/');
      expect(text).toContain(`{"Ref":"${logicalId(stack, stack.mail.configurationSet)}"}`);
      // Any identity as the resource, but only ever from the stack's From address.
      expect(statements[0]!.Condition).toEqual({ StringEquals: { 'ses:FromAddress': 'ladder@example.com' } });
      // And the account's limits, read by the shared send schedule.
      const quota = statementsAllowing(statementsOf(id), 'ses:GetSendQuota');
      expect(quota.map((s) => [asList(s.Action), s.Resource])).toEqual([[['ses:GetSendQuota'], '*']]);
    }
    // Besides the senders, only the functions that start cycles read the quota (the start checks);
    // they send nothing.
    const readers = ids.filter((id) => statementsAllowing(statementsOf(id), 'ses:GetSendQuota').length > 0);
    expect(readers.sort()).toEqual([...senders, 'StartCycle', 'ConsoleCycles'].sort());
    for (const id of ['StartCycle', 'ConsoleCycles'] as const) {
      const quota = statementsAllowing(statementsOf(id), 'ses:GetSendQuota');
      expect(quota.map((s) => [asList(s.Action), s.Resource])).toEqual([[['ses:GetSendQuota'], '*']]);
      expect(statementsAllowing(statementsOf(id), 'ses:SendEmail')).toEqual([]);
    }
  });

  it('FeedbackForm may SendTaskSuccess only, on the review-cycle state machine', () => {
    const statements = statementsOf('FeedbackForm').filter((s) =>
      asList(s.Action).some((a) => a.startsWith('states:')),
    );
    expect(statements).toHaveLength(1);
    expect(asList(statements[0]!.Action)).toEqual(['states:SendTaskSuccess']);
    expect(statements[0]!.Resource).toEqual(resolvedStateMachineArn());
  });

  it('only FeedbackForm and Collect complete tasks; only StartCycle and ConsoleCycles start executions', () => {
    const completing = ids.filter(
      (id) => statementsAllowing(statementsOf(id), 'states:SendTaskSuccess').length > 0,
    );
    expect(completing.sort()).toEqual(['Collect', 'FeedbackForm']);
    const starting = ids.filter(
      (id) => statementsAllowing(statementsOf(id), 'states:StartExecution').length > 0,
    );
    expect(starting).toEqual(['StartCycle', 'ConsoleCycles']);
    for (const id of [...completing, ...starting]) {
      for (const statement of statementsOf(id).filter((s) =>
        asList(s.Action).some((a) => a === 'states:StartExecution' || a === 'states:SendTaskSuccess'),
      )) {
        expect(statement.Resource, id).toEqual(resolvedStateMachineArn());
      }
    }
    // StartCycle: StartExecution on the state machine; DescribeExecution on its executions only.
    const stack = built.stack;
    expect(statementsAllowing(statementsOf('StartCycle'), 'states:StartExecution')).toMatchObject([
      { Action: 'states:StartExecution', Resource: resolvedStateMachineArn() },
    ]);
    const describe = statementsAllowing(statementsOf('StartCycle'), 'states:DescribeExecution');
    expect(describe).toMatchObject([{ Action: 'states:DescribeExecution' }]);
    expect(describe[0]!.Resource).toEqual(stack.resolve(stack.executionArnPattern));
    expect(JSON.stringify(describe[0]!.Resource)).toContain(':execution:');
    expect(JSON.stringify(describe[0]!.Resource)).toContain('-review-cycle:*');
  });

  it('the functions that start cycles describe executions, of the review-cycle state machine only', () => {
    const describing = ids.filter(
      (id) => statementsAllowing(statementsOf(id), 'states:DescribeExecution').length > 0,
    );
    expect(describing).toEqual(['StartCycle', 'ConsoleCycles']);
    const [statement] = statementsAllowing(statementsOf('ConsoleCycles'), 'states:DescribeExecution');
    expect(asList(statement!.Action)).toEqual(['states:DescribeExecution']);
    const machine = onlyResource(built.template, 'AWS::StepFunctions::StateMachine')[1];
    expect(JSON.stringify(statement!.Resource)).toContain(
      `:execution:${machine.Properties!.StateMachineName as string}:*`,
    );
  });

  it('only ConsoleAuth reads the OpenID client secret, and no other secret', () => {
    const reading = ids.filter(
      (id) => statementsAllowing(statementsOf(id), 'secretsmanager:GetSecretValue').length > 0,
    );
    expect(reading).toEqual(['ConsoleAuth']);
    const [statement] = statementsAllowing(statementsOf('ConsoleAuth'), 'secretsmanager:GetSecretValue');
    expect(statement!.Resource).toEqual({
      Ref: logicalId(built.stack, built.stack.consoleIdentity.clientSecret as never),
    });
  });

  it('the granted state machine ARN names the deployed state machine', () => {
    const [, machine] = onlyResource(built.template, 'AWS::StepFunctions::StateMachine');
    const arn = resolvedStateMachineArn() as { 'Fn::Join': [string, unknown[]] };
    const parts = arn['Fn::Join'][1];
    expect(parts[parts.length - 1]).toBe(`:stateMachine:${machine.Properties!.StateMachineName}`);
  });
});

describe('service roles', () => {
  it('the state machine may invoke exactly the workflow functions (unqualified ARNs)', () => {
    const roleId = logicalId(built.stack, built.stack.reviewCycle.stateMachine.role as never);
    const statements = statementsAllowing(roleStatements(built.template, roleId), 'lambda:InvokeFunction');
    const invoked = statements.flatMap((s) => asList(s.Resource));
    const expected = FUNCTIONS.filter((spec) => 'substitution' in spec).map((spec) => ({
      'Fn::GetAtt': [logicalId(built.stack, built.stack.functions[spec.id].function), 'Arn'],
    }));
    expect(sortedJson(invoked)).toEqual(sortedJson(expected));
    for (const statement of roleStatements(built.template, roleId)) {
      for (const action of asList(statement.Action)) expect(action).not.toContain('*');
    }
  });

  it.each(['StartCycle', 'SweepComments'] as const)('its schedule may invoke exactly %s', (id) => {
    const functionId = logicalId(built.stack, built.stack.functions[id].function);
    const [, schedule] = scheduleInvoking(built.template, functionId);
    const roleArn = (schedule.Properties!.Target as { RoleArn: { 'Fn::GetAtt': [string, string] } }).RoleArn;
    const statements = roleStatements(built.template, roleArn['Fn::GetAtt'][0]);
    expect(statements).toHaveLength(1);
    expect(statements[0]!.Action).toBe('lambda:InvokeFunction');
    expect(statements[0]!.Resource).toEqual({ 'Fn::GetAtt': [functionId, 'Arn'] });
  });

  it('no IAM policy anywhere allows a wildcard action', () => {
    for (const [id, policy] of Object.entries(resources(built.template, 'AWS::IAM::Policy'))) {
      const statements = (policy.Properties!.PolicyDocument as { Statement: Statement[] }).Statement;
      for (const action of actionsOf(statements)) expect(action, id).not.toContain('*');
    }
  });
});
