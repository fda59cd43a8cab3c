import type { Context } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cycleStatus } from '../../cli/commands/cycle.ts';
import { exportQuarter } from '../../cli/commands/export.ts';
import { personErase } from '../../cli/commands/person.ts';
import { CommandError } from '../../cli/commands/roster.ts';
import { sampleOrganisation } from '../../cli/demo/sample-org.ts';
import type { Answers, Person } from '../../functions/core/model.ts';
import { competenciesFor } from '../../functions/core/questionnaire.ts';
import { handler as closeCycle } from '../../functions/handlers/close-cycle.ts';
import { handler as openCycle } from '../../functions/handlers/open-cycle.ts';
import { handler as publishReports } from '../../functions/handlers/publish-reports.ts';
import { handler as scoreBatch } from '../../functions/handlers/score-batch.ts';
import { handler as sendEmails } from '../../functions/handlers/send-emails.ts';
import { handler as summarizeCycle } from '../../functions/handlers/summarize-cycle.ts';
import { keys } from '../../functions/shared/keys.ts';
import { appendDecision, leaderDecisionHistory } from '../../functions/shared/store/decision-store.ts';
import { quarterSummaries } from '../../functions/shared/store/digest-store.ts';
import type { RecommendationItem, RequestItem } from '../../functions/shared/store/items.ts';
import { importMetrics } from '../../functions/shared/store/metrics-store.ts';
import { listPromotions, recordPromotion } from '../../functions/shared/store/promotion-store.ts';
import { listCycleRequests, saveResponse } from '../../functions/shared/store/request-store.ts';
import { listRecommendations } from '../../functions/shared/store/result-store.ts';
import { importRoster } from '../../functions/shared/store/roster-store.ts';
import { addressHash, suppressAddress } from '../../functions/shared/store/suppression-store.ts';
import { type LocalRuntime, startLocalRuntime } from '../../local/runtime.ts';
import { scanTable } from '../support/table-scan.ts';

const context = { functionName: 'test', awsRequestId: 'test' } as Context;
const QUARTER = '2025-Q4';
const LEADER = 'north-csl1'; // Ben O'Neill
const OTHER_LEADER = 'north-csl2';
const RATER = 'north-s01'; // Dev Lindqvist, a coachee of north-csl2
const MANAGER = 'north-m1'; // the team's manager: their team summary and everyone's manager entries
const ERASED = [LEADER, RATER, MANAGER];
let runtime: LocalRuntime;
let people: Person[];

const everything = () => scanTable(runtime.tableName);

const commentOf = (request: RequestItem) => `Note from ${request.raterId} about ${request.leaderId}`;
/** A coachee of the other leader who stays: their comment mentions the erased leader by name. */
const MENTIONER = 'north-s03';
function answersFor(request: RequestItem): Answers {
  const keep =
    request.leaderId === OTHER_LEADER && request.raterId === MENTIONER
      ? "Learned a lot from Ben O'Neill too"
      : commentOf(request);
  return {
    ratings: Object.fromEntries(competenciesFor(request.group).map((c, i) => [c.id, ((i % 4) + 2) as 2])),
    comments: { keep, change: `Change: ${request.raterId}` },
  };
}

/**
 * The roster without the three (the leader's coachees go to the other leader, the team to a new
 * manager).
 */
const withoutThem = (): Person[] => [
  ...people
    .filter((p) => !ERASED.includes(p.personId))
    .map((p) => ({
      ...p,
      coachId: p.coachId === LEADER ? OTHER_LEADER : p.coachId,
      managerId: p.managerId === MANAGER ? 'north-m2' : p.managerId,
    })),
  {
    ...people.find((p) => p.personId === MANAGER)!,
    personId: 'north-m2',
    name: 'Nora New',
    email: 'nora@x.example',
  },
];

/** Where a person's id occurs in text as a whole id (not as part of a longer one). */
const idPattern = (id: string) =>
  new RegExp(`(?<![A-Za-z0-9._-])${id.replace(/[.]/g, '\\.')}(?![A-Za-z0-9._-])`);

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  );

beforeAll(async () => {
  runtime = await startLocalRuntime({ quiet: true, retryIntervalScale: 0.01 });
  people = sampleOrganisation({ teams: 1 }).people;
  await importRoster(people);
  await importMetrics(
    people.map((p, i) => ({ quarter: QUARTER, personId: p.personId, quota: 100, attained: 60 + i * 5 })),
  );
  const deadline = new Date(Date.now() + 3_600_000).toISOString();
  await openCycle(
    { input: { quarter: QUARTER, deadline }, executionId: 'exec-erase', startedAt: new Date().toISOString() },
    context,
  );
  await sendEmails({ quarter: QUARTER, batch: 0, kind: 'invitation', round: 0 }, context);
  const now = new Date().toISOString();
  for (const request of await listCycleRequests(QUARTER))
    await saveResponse(request, { status: 'answered', answers: answersFor(request) }, now);
}, 60_000);
afterAll(async () => {
  await runtime?.close();
});

describe('ladder person erase', () => {
  it('refuses while the person is in the roster in force, then while their cycle is running', async () => {
    const inRoster = await refusal(personErase({ id: LEADER }, () => {}));
    expect(inRoster).toBeInstanceOf(CommandError);
    expect((inRoster as Error).message).toBe(
      `${LEADER} is in the roster in force: import a roster without them first, then erase.`,
    );
    await importRoster(withoutThem());
    const running = await refusal(personErase({ id: LEADER }, () => {}));
    expect((running as Error).message).toBe(
      `The ${QUARTER} review cycle is still running: erase once it is published or cancelled.`,
    );
    expect(((await refusal(personErase({ id: 'no such id!' }, () => {}))) as Error).message).toMatch(
      /^--id must be a person_id/,
    );
  });

  it('erases a leader, a rater and their manager from every item, keeps every count, and writes audit entries without them', async () => {
    await closeCycle({ quarter: QUARTER }, context);
    await scoreBatch({ quarter: QUARTER, batch: 0 }, context);
    await publishReports({ quarter: QUARTER, batch: 0 }, context);
    await summarizeCycle({ quarter: QUARTER }, context);

    // What HR decided and recorded after the quarter, and a bounce of the rater's address.
    const recommended = new Map(
      (await listRecommendations(QUARTER)).map((r) => [r.leaderId, r.recommendation]),
    );
    for (const leaderId of [LEADER, OTHER_LEADER]) {
      await appendDecision(
        {
          quarter: QUARTER,
          leaderId,
          action: 'accept',
          modelRecommendation: recommended.get(leaderId)!,
          finalRecommendation: recommended.get(leaderId)!,
          reasonCode: 'agree',
          reasonLabel: 'Agree with the model',
          note: "Ben O'Neill talked it through with HR",
          decidedBy: { subject: 'hr-1', name: 'Hana HR', email: 'hana@hr.example' },
          decidedAt: new Date().toISOString(),
        },
        'test',
      );
    }
    // The console's digest of the quarter lists the leader (SummarizeCycle wrote it).
    const digestBefore = await quarterSummaries(QUARTER);
    expect(digestBefore.map((row) => row.leaderId)).toContain(LEADER);
    await recordPromotion({ personId: LEADER, quarter: '2026-Q1', to: 'manager', team: 'North' });
    await recordPromotion({ personId: OTHER_LEADER, quarter: '2026-Q2', to: 'left' });
    const raterEmail = people.find((p) => p.personId === RATER)!.email;
    await suppressAddress(raterEmail, 'bounce', new Date().toISOString());

    const statusBefore = await cycleStatus(runtime.stateMachineArn, QUARTER);
    const exportBefore = (await exportQuarter({ quarter: QUARTER, format: 'json' })).rows;
    const otherBefore = (await listRecommendations(QUARTER)).find((r) => r.leaderId === OTHER_LEADER)!;
    const dropped = (await listCycleRequests(QUARTER))
      .filter((r) => r.raterId === RATER || r.raterId === MANAGER)
      .map(commentOf);
    const shown = (rec: RecommendationItem) =>
      rec.report.groups.flatMap((g) => [...g.comments.keep, ...g.comments.change]);
    expect(shown(otherBefore).some((text) => dropped.includes(text))).toBe(true);
    const beforeItems = await everything();

    // A dry run counts and changes nothing.
    const lines: string[] = [];
    const preview = await personErase({ id: LEADER, dryRun: true }, (line) => lines.push(line));
    expect(preview.steps.request).toBeGreaterThan(0);
    expect(lines[0]?.split('\n')[0]).toBe(`Erasing ${LEADER} would change (nothing was changed):`);
    expect(await everything()).toEqual(beforeItems);

    const summarySk = `MAIL#manager-summary#${keys.managerSummaryMailId(MANAGER, 'North')}`;
    expect(beforeItems.some((item) => item.sk === summarySk)).toBe(true);

    const erased = await personErase({ id: LEADER, by: 'dpo', reference: 'DSR-42' }, () => {});
    const rater = await personErase({ id: RATER, by: 'dpo', reference: 'DSR-43' }, () => {});
    const manager = await personErase({ id: MANAGER, by: 'dpo', reference: 'DSR-44' }, () => {});
    // One invitation link per request they were in, as leader or as rater.
    expect(erased.steps.request).toBeGreaterThan(5);
    expect(erased.steps).toMatchObject({
      recommendation: 1,
      'link-token': erased.steps.request,
      'roster-person': 1,
      'sales-figure': 1,
      'promotion-record': 1,
      invitee: 1, // the email that asked them about themself and their peer
      'report-email': 1, // their report
      'calibration-decision': 1,
      'leader-digest': 1, // rebuilt from the recommendations on the next read
    });
    expect(rater.steps).toMatchObject({ invitee: 1, 'roster-person': 1, 'sales-figure': 1 });
    expect(rater.steps).not.toHaveProperty('report-email');
    // The manager's team summary and their invitation (they rate both leaders) move with them.
    expect(manager.steps).toMatchObject({ invitee: 1, 'report-email': 1, 'roster-person': 1 });

    const after = await everything();
    const audits = after.filter((item) => item.pk === 'AUDIT');
    const text = JSON.stringify(after.filter((item) => item.pk !== 'AUDIT'));
    for (const id of ERASED) {
      const person = people.find((p) => p.personId === id)!;
      expect(text, person.name).not.toContain(person.name);
      expect(text.toLowerCase(), person.email).not.toContain(person.email.toLowerCase());
      expect(text, id).not.toMatch(idPattern(id));
    }
    // Their items are still there under pseudonyms: the team summary's email state, for one.
    const pseudonyms = new Set(
      after.flatMap((item) => item.sk.split('#')).filter((segment) => segment.startsWith('erased-')),
    );
    expect(pseudonyms.size).toBe(3);
    expect(
      after.filter(
        (item) => item.sk.startsWith('MAIL#manager-summary#erased-') && item['mail:manager-summary'],
      ),
    ).toHaveLength(1);
    // The suppression stays (a hash, no address): the address keeps getting no email.
    expect(after.some((item) => item.pk === keys.suppression(addressHash(raterEmail)).pk)).toBe(true);
    // The other leader's move stays; the erased leader's is gone.
    expect((await listPromotions()).map((p) => p.personId)).toEqual([OTHER_LEADER]);
    // The rater's and the manager's comments left the other leader's report; a coachee's mention
    // of the leader is erased.
    const other = (await listRecommendations(QUARTER)).find((r) => r.leaderId === OTHER_LEADER)!;
    expect(shown(other).filter((t) => dropped.includes(t))).toEqual([]);
    expect(shown(other)).toContain('Learned a lot from [erased] too');
    expect(other.responses).toEqual(otherBefore.responses);

    // Counts: requests by status, export rows and their response counts, the summary.
    expect(await cycleStatus(runtime.stateMachineArn, QUARTER)).toEqual(statusBefore);
    const counts = (rows: typeof exportBefore) =>
      rows
        .map((r) =>
          [
            r.responses_coachee,
            r.responses_peer,
            r.responses_manager,
            r.responses_self,
            r.readiness_score,
            r.recommendation,
          ].join('|'),
        )
        .sort();
    const exportAfter = (await exportQuarter({ quarter: QUARTER, format: 'json' })).rows;
    expect(counts(exportAfter)).toEqual(counts(exportBefore));
    const anonymous = exportAfter.find((r) => String(r.leader_id).startsWith('erased-'))!;
    expect(anonymous).toMatchObject({ leader_name: '', team: '', decision: 'accept', decision_note: null });
    // HR's decisions stay counted; the leader's history index no longer reaches them.
    expect(exportAfter.filter((r) => r.decision === 'accept')).toHaveLength(2);
    expect(await leaderDecisionHistory(LEADER)).toEqual([]);
    const digestAfter = await quarterSummaries(QUARTER);
    expect(digestAfter).toHaveLength(digestBefore.length);
    expect(digestAfter.map((row) => row.leaderId)).not.toContain(LEADER);
    expect(JSON.stringify(await everything())).not.toContain("Ben O'Neill");

    expect(audits.map((a) => [a.action, a.by, a.reference, a.found])).toEqual([
      ['erase-person', 'dpo', 'DSR-42', true],
      ['erase-person', 'dpo', 'DSR-43', true],
      ['erase-person', 'dpo', 'DSR-44', true],
    ]);
    const auditText = JSON.stringify(audits);
    for (const trace of [...ERASED, 'Ben', 'Dev', 'example', 'erased-'])
      expect(auditText).not.toContain(trace);
    expect(beforeItems.length).toBeGreaterThan(after.length - audits.length); // tokens and roster entries went

    // Nothing is left to erase.
    const again: string[] = [];
    expect((await personErase({ id: LEADER }, (line) => again.push(line))).found).toBe(false);
    expect(again).toEqual([`No data about ${LEADER} was found; nothing was changed.`]);
  });
});
