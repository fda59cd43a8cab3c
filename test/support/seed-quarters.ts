/**
 * Scored quarters written straight to the table, for console tests and the console benchmark: a
 * roster, then for each quarter a published cycle with its batches, requests (answers drawn from a
 * seed), sales figures and recommendations scored by the real readiness model (readiness/batch.ts,
 * with each earlier quarter as history), one invitee item per rater and the report emails, all sent —
 * the items the workflow would leave, in seconds.
 */

import { randomFor } from '../../cli/demo/random.ts';
import { DEFAULT_CONFIG } from '../../functions/core/config.ts';
import { groupByRater } from '../../functions/core/invitations.ts';
import { type MailSlot, reminderSlot } from '../../functions/core/mail-slot.ts';
import type {
  Answers,
  HistoryEntry,
  Person,
  RaterResponse,
  SalesFigure,
} from '../../functions/core/model.ts';
import { competenciesFor } from '../../functions/core/questionnaire.ts';
import { assignRaters, leaderBatches } from '../../functions/core/raters.ts';
import { scoreBatch } from '../../functions/core/readiness/batch.ts';
import { keys } from '../../functions/shared/keys.ts';
import { writeDigest } from '../../functions/shared/store/digest-store.ts';
import type {
  BatchItem,
  BatchLeader,
  CycleItem,
  InviteeItem,
  MailItem,
  RecommendationItem,
  RequestItem,
  SummaryItem,
} from '../../functions/shared/store/items.ts';
import { importMetrics } from '../../functions/shared/store/metrics-store.ts';
import { importRoster } from '../../functions/shared/store/roster-store.ts';
import { batchPut } from '../../functions/shared/store/table.ts';
import { toLeaderSummary } from '../../functions/shared/store/view-store.ts';

const sentSlot = (at: string, n: number): MailSlot => ({
  state: 'sent',
  claim: `seed-${n}`,
  claimedAt: at,
  attempts: 1,
  messageId: `seed-message-${n}`,
  confirmedAt: at,
});

/**
 * The emails a published cycle leaves: one invitee item per rater (its invitation sent, and the
 * reminder when one of its requests got it), and each report email sent — what the progress page
 * and `ladder cycle status` read.
 */
function sentEmails(
  quarter: string,
  requests: readonly RequestItem[],
  batches: readonly BatchItem[],
): (InviteeItem | MailItem)[] {
  const at = `${quarter.slice(0, 4)}-01-01T00:00:00.000Z`;
  const leaderOf = new Map(
    batches.flatMap((b) => b.leaders.map((l) => [l.leaderId, { ...l, batch: b.batch }])),
  );
  const invitees = groupByRater(
    requests,
    (id) => leaderOf.get(id)?.batch ?? 0,
    (id) => leaderOf.get(id)?.team ?? '',
  );
  let n = 0;
  const items: (InviteeItem | MailItem)[] = invitees.map((invitee) => {
    const first = invitee.requests[0]!;
    return {
      ...keys.invitee(quarter, invitee.batch, invitee.raterId),
      quarter,
      batch: invitee.batch,
      team: invitee.team,
      raterId: invitee.raterId,
      raterName: first.raterName,
      raterEmail: first.raterEmail,
      requests: invitee.requests.map((r) => ({
        sk: r.sk,
        leaderId: r.leaderId,
        leaderName: r.leaderName,
        group: r.group,
      })),
      'mail:invitation': sentSlot(at, n++),
      ...(invitee.requests.some((r) => (r.remindersSent ?? 0) > 0)
        ? { [`mail:${reminderSlot(1)}`]: sentSlot(at, n++) }
        : {}),
    };
  });
  const mail = (kind: string, id: string): MailItem => ({
    ...keys.mail(quarter, kind, id),
    quarter,
    kind,
    [`mail:${kind}`]: sentSlot(at, n++),
  });
  const teams = new Map(batches.flatMap((b) => b.leaders.map((l) => [`${l.managerId}\u0000${l.team}`, l])));
  items.push(
    ...[...leaderOf.keys()].map((id) => mail('leader-report', id)),
    ...[...teams.values()].map((l) =>
      mail('manager-summary', keys.managerSummaryMailId(l.managerId, l.team)),
    ),
    mail('hr-summary', 'hr'),
  );
  return items;
}

export interface SeedOptions {
  people: Person[];
  /** Oldest first; each later quarter gets the earlier ones as history. */
  quarters: string[];
  seed?: number;
  /** Share of requests answered (the rest declined or expired). Default 0.85. */
  answerRate?: number;
}

export interface SeededQuarter {
  quarter: string;
  leaders: number;
  requests: number;
}

const clamp = (n: number) => Math.min(5, Math.max(1, Math.round(n))) as 1 | 2 | 3 | 4 | 5;

function answersFor(
  leaderId: string,
  raterId: string,
  group: RequestItem['group'],
  quarter: string,
  seed: number,
): Answers {
  const random = randomFor(seed, `${quarter}|${leaderId}|${raterId}`);
  const base = 2 + randomFor(seed, leaderId)() * 2.6 + (random() - 0.5);
  const ratings: Answers['ratings'] = {};
  for (const competency of competenciesFor(group)) {
    ratings[competency.id] = random() < 0.05 ? null : clamp(base + (random() - 0.5) * 1.6);
  }
  return {
    ratings,
    comments: {
      keep: random() < 0.5 ? 'Keeps the weekly deal clinic going; very clear on priorities.' : '',
      change: random() < 0.4 ? 'Could delegate more of the forecasting to the team.' : '',
    },
  };
}

export async function seedScoredQuarters(options: SeedOptions): Promise<SeededQuarter[]> {
  const seed = options.seed ?? 11;
  const rate = options.answerRate ?? 0.85;
  const { people } = options;
  await importRoster(people);
  const byId = new Map(people.map((p) => [p.personId, p]));
  const assignments = assignRaters(people, DEFAULT_CONFIG);
  const batches = leaderBatches(people, DEFAULT_CONFIG.batchSize);

  // Sales figures of everyone for every quarter (so attainment, coaching impact and the 9-box work).
  const figures: SalesFigure[] = options.quarters.flatMap((quarter) =>
    people
      .filter((p) => p.role !== 'manager')
      .map((p) => {
        const random = randomFor(seed, `${quarter}|figures|${p.personId}`);
        return {
          quarter,
          personId: p.personId,
          quota: 100_000,
          attained: Math.round(60_000 + random() * 70_000),
        };
      }),
  );
  await importMetrics(figures);

  const history = new Map<string, HistoryEntry[]>();
  const seeded: SeededQuarter[] = [];
  for (const quarter of options.quarters) {
    const requests: RequestItem[] = assignments.map((a, i) => {
      const leader = byId.get(a.leaderId)!;
      const rater = byId.get(a.raterId)!;
      const random = randomFor(seed, `${quarter}|status|${a.leaderId}|${a.raterId}`);
      const r = random();
      const status: RequestItem['status'] =
        r < rate ? 'answered' : r < rate + (1 - rate) / 2 ? 'declined' : 'expired';
      return {
        ...keys.request(quarter, a.leaderId, a.raterId),
        quarter,
        batch: batches.findIndex((b) => b.includes(a.leaderId)),
        leaderId: a.leaderId,
        leaderName: leader.name,
        team: leader.team,
        raterId: a.raterId,
        raterName: rater.name,
        raterEmail: rater.email,
        group: a.group,
        status,
        sentAt: `${quarter.slice(0, 4)}-01-01T00:00:00.000Z`,
        remindersSent: status === 'answered' && i % 3 === 0 ? 0 : 1,
        ...(status === 'answered'
          ? { answers: answersFor(a.leaderId, a.raterId, a.group, quarter, seed), saves: 1 }
          : {}),
      };
    });
    const responsesOf = new Map<string, RaterResponse[]>();
    for (const request of requests) {
      const list = responsesOf.get(request.leaderId) ?? [];
      list.push({
        raterId: request.raterId,
        group: request.group,
        status: request.status,
        ...(request.answers ? { answers: request.answers } : {}),
      });
      responsesOf.set(request.leaderId, list);
    }
    const batchItems: BatchItem[] = batches.map((ids, batch) => ({
      ...keys.batch(quarter, batch),
      quarter,
      batch,
      leaders: ids.map((id): BatchLeader => {
        const leader = byId.get(id)!;
        const manager = byId.get(leader.managerId);
        return {
          leaderId: id,
          name: leader.name,
          email: leader.email,
          team: leader.team,
          managerId: leader.managerId,
          managerName: manager?.name ?? '',
          managerEmail: manager?.email ?? '',
        };
      }),
    }));
    const recs: RecommendationItem[] = [];
    for (const batch of batchItems) {
      const result = scoreBatch({
        quarter,
        leaders: batch.leaders.map((l) => ({
          leaderId: l.leaderId,
          team: l.team,
          responses: responsesOf.get(l.leaderId) ?? [],
        })),
        history,
        figures,
      });
      for (const score of result.scores) {
        const leader = batch.leaders.find((l) => l.leaderId === score.leaderId)!;
        recs.push({
          ...keys.recommendation(quarter, score.leaderId),
          ...keys.recommendationHistory(quarter, score.leaderId),
          ...score,
          quarter,
          leaderName: leader.name,
          leaderEmail: leader.email,
          team: leader.team,
          managerId: leader.managerId,
          scoredAt: new Date().toISOString(),
        });
      }
    }
    for (const rec of recs) {
      history.set(rec.leaderId, [
        ...(history.get(rec.leaderId) ?? []),
        {
          quarter,
          readinessScore: rec.readinessScore,
          coachingScore: rec.coachingScore,
          managementScore: rec.managementScore,
          recommendation: rec.recommendation,
          ...(rec.quarterScores ? { quarterScores: rec.quarterScores } : {}),
        },
      ]);
    }
    const count = (status: RequestItem['status']) => requests.filter((r) => r.status === status).length;
    const cycle: CycleItem = {
      ...keys.cycle(quarter),
      quarter,
      status: 'published',
      executionId: `seed-${quarter}`,
      rosterVersion: 'seed',
      configVersion: DEFAULT_CONFIG.version,
      openedAt: `${quarter.slice(0, 4)}-01-01T00:00:00.000Z`,
      deadline: `${quarter.slice(0, 4)}-01-15T17:00:00.000Z`,
      reminders: [`${quarter.slice(0, 4)}-01-08T09:00:00.000Z`],
      remindersStarted: 1,
      remindersCompleted: 1,
      requestCount: requests.length,
      doneCount: count('answered') + count('declined'),
      batchCount: batchItems.length,
      leaderCount: recs.length,
      closedAt: `${quarter.slice(0, 4)}-01-15T17:00:00.000Z`,
      publishedAt: `${quarter.slice(0, 4)}-01-15T17:05:00.000Z`,
    };
    const summary: SummaryItem = {
      ...keys.summary(quarter),
      quarter,
      leaders: recs.length,
      requests: {
        total: requests.length,
        answered: count('answered'),
        declined: count('declined'),
        expired: count('expired'),
      },
      recommendations: Object.fromEntries(
        [...new Set(recs.map((r) => r.recommendation))].map((r) => [
          r,
          recs.filter((x) => x.recommendation === r).length,
        ]),
      ),
      configVersion: DEFAULT_CONFIG.version,
      summarizedAt: new Date().toISOString(),
    };
    await batchPut([
      cycle,
      summary,
      ...batchItems,
      ...requests,
      ...recs,
      ...sentEmails(quarter, requests, batchItems),
    ] as unknown as Record<string, unknown>[]);
    // As SummarizeCycle does once it has written the summary.
    await writeDigest(quarter, summary.summarizedAt, recs.map(toLeaderSummary));
    seeded.push({ quarter, leaders: recs.length, requests: requests.length });
  }
  return seeded;
}
