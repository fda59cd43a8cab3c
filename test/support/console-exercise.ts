/**
 * Walks every page and action of the console once, as each role, through the local runtime: for
 * tests that watch what the console functions do (test/workflow/observed-cycle.test.ts records every
 * AWS call and checks it against infra/access.ts). Sessions are aged before some requests so the
 * idle clock is written, as it is after five minutes of browsing.
 */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { hashId } from '../../functions/console/auth/sign-in.ts';
import { dynamo } from '../../functions/shared/aws-clients.ts';
import { keys } from '../../functions/shared/keys.ts';
import type { LocalRuntime } from '../../local/runtime.ts';
import { ConsoleClient, csrfToken, type Page } from './console-client.ts';

export interface ExerciseResult {
  /** Status of every request made, by label (for the caller to check nothing failed). */
  statuses: Record<string, number>;
}

export async function exerciseConsole(
  runtime: LocalRuntime,
  input: { quarter: string; roster: string; metrics: string; startQuarter: string },
): Promise<ExerciseResult> {
  const statuses: Record<string, number> = {};
  const note = (label: string, page: Page) => {
    statuses[label] = page.status;
    return page;
  };
  const user = (role: string) => runtime.consoleUsers.find((u) => u.groups.includes(role))!;
  const admin = new ConsoleClient(runtime.endpoints.console);
  const age = async (client: ConsoleClient) => {
    const id = client.cookies.find((c) => c.name.endsWith('ladder_session'))!.value;
    await dynamo().send(
      new UpdateCommand({
        TableName: runtime.tableName,
        Key: keys.session(hashId(id)),
        UpdateExpression: 'SET seenAt = :then',
        ExpressionAttributeValues: { ':then': new Date(Date.now() - 6 * 60 * 1000).toISOString() },
      }),
    );
  };
  const q = input.quarter;

  // Signed out, each function starts a sign-in (stores it, sends the browser to the provider).
  for (const path of [
    '/console/readiness',
    '/console/cycles',
    '/console/roster',
    `/console/exports/${q}/csv`,
  ]) {
    statuses[`signed out ${path}`] = (
      await fetch(`${runtime.endpoints.console}${path.slice('/console'.length)}`, { redirect: 'manual' })
    ).status;
  }

  const cycles = note('sign in', await admin.signIn(user('hr-admin'), '/console/cycles'));
  await age(admin);
  note('progress', await admin.get(`/console/cycles/${q}`));
  note('emails', await admin.get(`/console/emails/${q}`));
  await age(admin);
  const readiness = note('readiness', await admin.get(`/console/readiness?quarter=${q}`));
  note('bench', await admin.get(`/console/bench?quarter=${q}`));
  note('calibration', await admin.get(`/console/calibration?quarter=${q}`));
  note('exports page', await admin.get(`/console/exports?quarter=${q}`));
  const leaderId = /\/console\/leaders\/([^?"]+)\?quarter=/.exec(readiness.html)?.[1] ?? '';
  const leader = note('leader', await admin.get(`/console/leaders/${leaderId}?quarter=${q}`));
  const model = /name="modelRecommendation" value="([^"]+)"/.exec(leader.html)?.[1] ?? '';
  note(
    'decision',
    await admin.post(
      `/console/calibration/${leaderId}`,
      { quarter: q, modelRecommendation: model, action: 'accept', reasonCode: 'evidence-supports' },
      leader,
    ),
  );
  const promotions = note('promotions', await admin.get('/console/promotions'));
  note(
    'move recorded',
    await admin.post('/console/promotions', { id: leaderId, quarter: q, to: 'other-role' }, promotions),
  );
  await age(admin);
  for (const file of ['csv', 'csv-excel', 'json', 'xlsx', 'successfactors']) {
    note(`download ${file}`, await admin.get(`/console/exports/${q}/${file}`));
  }
  await age(admin);
  const roster = note('roster', await admin.get('/console/roster'));
  const upload = async (path: string, name: string, text: string) => {
    const form = new FormData();
    form.set('csrf', csrfToken(roster.html)!);
    form.set('file', new Blob([text], { type: 'text/csv' }), name);
    return admin.fetch(path, { method: 'POST', body: form });
  };
  note('roster refused', await upload('/console/roster', 'bad.csv', 'person_id,name\nx,y\n'));
  note('roster imported', await upload('/console/roster', 'roster.csv', input.roster));
  note('sales imported', await upload('/console/roster/sales', 'metrics.csv', input.metrics));
  const deadline = new Date(Date.now() + 14 * 24 * 3600 * 1000).toISOString().slice(0, 16);
  note(
    'cycle started',
    await admin.post('/console/cycles', { quarter: input.startQuarter, deadline, force: '1' }, cycles),
  );

  const manager = new ConsoleClient(runtime.endpoints.console);
  note('manager readiness', await manager.signIn(user('manager'), `/console/readiness?quarter=${q}`));
  note('manager export', await manager.get(`/console/exports/${q}/csv`));
  // Anyone signs out without reading a roster (ConsoleAuth may read sessions only).
  note(
    'manager sign out',
    await manager.post('/console/auth/sign-out', {}, await manager.get('/console/readiness')),
  );

  const signOut = await admin.get('/console/cycles');
  note('sign out', await admin.post('/console/auth/sign-out', {}, signOut));
  return { statuses };
}
