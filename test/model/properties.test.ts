/**
 * Properties of the whole readiness model — scoreLeader with history, sales figures and rater
 * calibration, and scoreBatch over leaders who share raters:
 * scores are bounded; a better rating never lowers a leader's readiness; a coachee or peer group
 * below the anonymity minimum never shows in the leader's report (nor in the report email); the
 * output is deterministic.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type LadderConfig } from '../../functions/core/config.ts';
import type {
  HistoryEntry,
  LeaderScore,
  RaterGroup,
  RaterResponse,
  Rating,
  Recommendation,
} from '../../functions/core/model.ts';
import { RECOMMENDATIONS } from '../../functions/core/model.ts';
import { competenciesFor, QUESTIONNAIRE_V1 } from '../../functions/core/questionnaire.ts';
import { scoreBatch } from '../../functions/core/readiness/batch.ts';
import type { SalesInput } from '../../functions/core/readiness/sales.ts';
import { scoreLeader } from '../../functions/core/readiness/score-leader.ts';
import { renderLeaderReportEmail } from '../../functions/rendering/report-emails.ts';

const RUNS = { numRuns: 200 };
const Q = '2026-Q4';
const EARLIER = ['2025-Q3', '2025-Q4', '2026-Q1', '2026-Q2', '2026-Q3'];
const labels = Object.fromEntries(QUESTIONNAIRE_V1.competencies.map((c) => [c.id, c.label]));

const ratingArb = fc.constantFrom<Rating>(1, 2, 3, 4, 5, null);
/** A comment nobody else could write, so finding it in output proves where it came from. */
const token = (kind: string, raterId: string) => `«${kind}:${raterId}»`;

function groupArb(group: RaterGroup, maxCount: number, prefix = ''): fc.Arbitrary<RaterResponse[]> {
  const asked = competenciesFor(group);
  const one = fc.record({
    status: fc.constantFrom('answered', 'answered', 'answered', 'declined', 'expired') as fc.Arbitrary<
      RaterResponse['status']
    >,
    ratings: fc.array(ratingArb, { minLength: asked.length, maxLength: asked.length }),
    keep: fc.boolean(),
    change: fc.boolean(),
  });
  return fc.array(one, { maxLength: maxCount }).map((list) =>
    list.map(({ status, ratings, keep, change }, index): RaterResponse => {
      const raterId = group === 'self' ? `${prefix}leader` : `${prefix}${group}-${index + 1}`;
      if (status !== 'answered') return { raterId, group, status };
      return {
        raterId,
        group,
        status,
        answers: {
          ratings: Object.fromEntries(asked.map((c, i) => [c.id, ratings[i] ?? null])),
          comments: {
            keep: keep ? token('keep', raterId) : '',
            change: change ? token('change', raterId) : '',
          },
        },
      };
    }),
  );
}

const responsesArb = fc
  .tuple(groupArb('self', 1), groupArb('manager', 1), groupArb('coachee', 7), groupArb('peer', 5))
  .map((groups) => groups.flat());

const score100 = fc.integer({ min: 0, max: 1000 }).map((n) => n / 10);
const maybeScore = fc.option(score100, { nil: null });
const historyArb: fc.Arbitrary<HistoryEntry[]> = fc.array(
  fc.record({
    quarter: fc.constantFrom(...EARLIER),
    readinessScore: maybeScore,
    coachingScore: maybeScore,
    managementScore: maybeScore,
    recommendation: fc.constantFrom<Recommendation>(...RECOMMENDATIONS),
    quarterScores: fc.option(
      fc.record({
        coaching: maybeScore,
        management: maybeScore,
        readiness: maybeScore,
        coachingVariance: fc.option(fc.integer({ min: 1, max: 400 }), { nil: null }),
        managementVariance: fc.option(fc.integer({ min: 1, max: 400 }), { nil: null }),
      }),
      { nil: undefined },
    ),
  }),
  { maxLength: 5 },
);

const figuresArb = fc.array(
  fc.record({
    quarter: fc.constantFrom(Q, ...EARLIER),
    quota: fc.integer({ min: 1, max: 200 }),
    attained: fc.integer({ min: 0, max: 400 }),
  }),
  { maxLength: 5 },
);
const salesArb: fc.Arbitrary<SalesInput | undefined> = fc.option(
  fc.record({
    own: figuresArb,
    coachees: fc.array(
      fc.record({ personId: fc.constantFrom('coachee-1', 'coachee-2', 'coachee-3'), figures: figuresArb }),
      {
        maxLength: 3,
      },
    ),
    comparison: fc.array(fc.record({ personId: fc.constantFrom('x', 'y'), figures: figuresArb }), {
      maxLength: 2,
    }),
  }),
  { nil: undefined },
);

const raterIds = ['manager-1', 'coachee-1', 'coachee-2', 'coachee-3', 'peer-1', 'peer-2', 'leader'];
const calibrationArb = fc.option(
  fc.dictionary(
    fc.constantFrom(...raterIds),
    fc.integer({ min: -10, max: 10 }).map((n) => n / 10),
  ),
  { nil: undefined },
);

const configArb: fc.Arbitrary<LadderConfig> = fc
  .record({
    anonymityMinimum: fc.integer({ min: 0, max: 5 }),
    raterNoiseRatio: fc.integer({ min: 0, max: 6 }).map((n) => n / 2),
    band: fc.integer({ min: 0, max: 8 }),
    sustained: fc.integer({ min: 1, max: 3 }),
  })
  .map(({ anonymityMinimum, raterNoiseRatio, band, sustained }) => ({
    ...DEFAULT_CONFIG,
    anonymityMinimum,
    weights: { ...DEFAULT_CONFIG.weights, raterNoiseRatio },
    history: { ...DEFAULT_CONFIG.history, readyNowBand: band, sustainedQuarters: sustained },
  }));
const anyConfigArb = fc.oneof(fc.constant(DEFAULT_CONFIG), configArb);

interface Case {
  responses: RaterResponse[];
  history: HistoryEntry[];
  sales: SalesInput | undefined;
  calibration: Record<string, number> | undefined;
  config: LadderConfig;
}
const caseArb: fc.Arbitrary<Case> = fc.record({
  responses: responsesArb,
  history: historyArb,
  sales: salesArb,
  calibration: calibrationArb,
  config: anyConfigArb,
});

const run = (c: Case, responses = c.responses) =>
  scoreLeader(
    {
      leaderId: 'leader',
      responses,
      quarter: Q,
      history: c.history,
      ...(c.sales ? { sales: c.sales } : {}),
      ...(c.calibration ? { calibration: c.calibration } : {}),
    },
    c.config,
  );

const email = (result: LeaderScore) =>
  renderLeaderReportEmail({
    leaderName: 'Leader',
    quarter: Q,
    report: result.report,
    developmentNeeds: result.developmentNeeds,
    competencyLabels: labels,
  });

const answeredCount = (responses: RaterResponse[], group: RaterGroup) =>
  responses.filter((r) => r.group === group && r.status === 'answered').length;

/** Raises one rating below 5 by one; undefined when there is none. */
function raiseOne(responses: RaterResponse[], pick: number): RaterResponse[] | undefined {
  const raisable: [number, string][] = [];
  responses.forEach((response, index) => {
    for (const [id, rating] of Object.entries(response.answers?.ratings ?? {})) {
      if (rating !== null && rating < 5) raisable.push([index, id]);
    }
  });
  if (raisable.length === 0) return undefined;
  const [index, id] = raisable[pick % raisable.length] ?? [0, ''];
  const raised = structuredClone(responses);
  const ratings = raised[index]?.answers?.ratings;
  if (ratings === undefined) throw new Error('picked a response without answers');
  ratings[id] = ((ratings[id] ?? 0) + 1) as Rating;
  return raised;
}

const notLower = (before: number | null, after: number | null) => {
  expect(after === null).toBe(before === null);
  if (before !== null && after !== null) expect(after).toBeGreaterThanOrEqual(before);
};

describe('readiness model properties (scoreLeader with history, sales and calibration)', () => {
  it('keeps every score in [0, 100], every mean in [1, 5], margins non-negative, 2–6 reasons', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const result = run(c);
        const scores = [
          result.coachingScore,
          result.managementScore,
          result.readinessScore,
          result.quarterScores?.coaching ?? null,
          result.quarterScores?.management ?? null,
          result.quarterScores?.readiness ?? null,
          ...result.competencies.map((x) => x.score),
          ...(result.trend?.points ?? []).map((p) => p.readiness),
        ];
        for (const value of scores) {
          if (value === null) continue;
          expect(value).toBeGreaterThanOrEqual(0);
          expect(value).toBeLessThanOrEqual(100);
        }
        const means = [
          ...result.report.groups.flatMap((g) => Object.values(g.competencyMeans)),
          ...(result.report.selfOther ?? []).flatMap((g) => [g.self, g.others]),
        ];
        for (const mean of means) {
          if (mean === null) continue;
          expect(mean).toBeGreaterThanOrEqual(1);
          expect(mean).toBeLessThanOrEqual(5);
        }
        const c2 = result.confidence;
        for (const margin of [
          c2?.readiness.margin,
          c2?.coaching.margin,
          c2?.management.margin,
          c2?.quarterMargin,
        ]) {
          if (margin !== null && margin !== undefined) expect(margin).toBeGreaterThanOrEqual(0);
        }
        expect(Math.abs(result.sales?.impactPoints ?? 0)).toBeLessThanOrEqual(c.config.sales.maxImpactPoints);
        expect(result.reasons.length).toBeGreaterThanOrEqual(2);
        expect(result.reasons.length).toBeLessThanOrEqual(6);
      }),
      RUNS,
    );
  });

  it('never lowers readiness, coaching or management when one rating is raised', () => {
    fc.assert(
      fc.property(caseArb, fc.nat(), (c, pick) => {
        const raised = raiseOne(c.responses, pick);
        fc.pre(raised !== undefined);
        const before = run(c);
        const after = run(c, raised);
        notLower(before.readinessScore, after.readinessScore);
        notLower(before.coachingScore, after.coachingScore);
        notLower(before.managementScore, after.managementScore);
      }),
      RUNS,
    );
  });

  it('never shows a coachee or peer group below the minimum: not its ratings, gaps, plan or comments, nor in the email', () => {
    const withReplacement = caseArb.chain((c) =>
      fc.tuple(
        fc.constant(c),
        fc.array(fc.array(ratingArb, { minLength: 13, maxLength: 13 }), {
          minLength: c.responses.length,
          maxLength: c.responses.length,
        }),
      ),
    );
    fc.assert(
      fc.property(withReplacement, ([c, replacements]) => {
        const minimum = Math.max(3, c.config.anonymityMinimum);
        const coachees = answeredCount(c.responses, 'coachee');
        const peers = answeredCount(c.responses, 'peer');
        const result = run(c);
        const shown = result.report.groups.map((g) => g.group);
        if (coachees < minimum) expect(shown).not.toContain('coachee');
        if (peers < minimum) expect(shown).not.toContain('peer');
        for (const group of result.report.groups) {
          if (group.group !== 'self' && group.group !== 'manager')
            expect(group.responses).toBeGreaterThanOrEqual(minimum);
        }
        fc.pre(coachees + peers > 0 && coachees + peers < minimum);
        // Everything coachees and peers said is withheld: their comments appear nowhere …
        const text = JSON.stringify(result.report) + JSON.stringify(email(result));
        for (const response of c.responses.filter((r) => r.group === 'coachee' || r.group === 'peer')) {
          expect(text).not.toContain(token('keep', response.raterId));
          expect(text).not.toContain(token('change', response.raterId));
        }
        // … and other ratings from them change neither the report nor the email nor any score.
        const changed = c.responses.map((response, i): RaterResponse => {
          if (response.group === 'self' || response.group === 'manager' || response.answers === undefined)
            return response;
          const ids = Object.keys(response.answers.ratings);
          const ratings = Object.fromEntries(ids.map((id, k) => [id, replacements[i]?.[k] ?? null]));
          return { ...response, answers: { ...response.answers, ratings } };
        });
        const after = run(c, changed);
        expect(after.report).toEqual(result.report);
        expect(email(after)).toEqual(email(result));
        expect([after.readinessScore, after.coachingScore, after.managementScore]).toEqual([
          result.readinessScore,
          result.coachingScore,
          result.managementScore,
        ]);
        expect(after.recommendation).toBe(result.recommendation);
      }),
      RUNS,
    );
  });

  it('is deterministic: the same input gives the same output, in any order, without changing the input', () => {
    const shuffled = caseArb.chain((c) =>
      fc.tuple(
        fc.constant(c),
        fc.shuffledSubarray(c.responses, { minLength: c.responses.length, maxLength: c.responses.length }),
        fc.shuffledSubarray(c.history, { minLength: c.history.length, maxLength: c.history.length }),
      ),
    );
    fc.assert(
      fc.property(shuffled, ([c, responses, history]) => {
        const copy = structuredClone(c);
        const first = run(c);
        expect(c).toEqual(copy);
        expect(run(c)).toEqual(first);
        expect(run({ ...c, history }, responses)).toEqual(first);
      }),
      RUNS,
    );
  });
});

describe('readiness model properties (scoreBatch: leaders who share raters)', () => {
  /** Two leaders of one team: the same manager, and each rated as a peer by the other's coachees. */
  const batchArb = fc
    .tuple(
      fc.tuple(groupArb('self', 1, 'a-'), groupArb('coachee', 5, 'a-'), groupArb('peer', 4, 'b-')),
      fc.tuple(groupArb('self', 1, 'b-'), groupArb('coachee', 5, 'b-'), groupArb('peer', 4, 'a-')),
      groupArb('manager', 1, 'm-'),
      groupArb('manager', 1, 'm-'),
      anyConfigArb,
    )
    .map(([a, b, ma, mb, config]) => ({
      leaders: [
        { leaderId: 'a', team: 't', responses: [...a.flat(), ...ma] },
        { leaderId: 'b', team: 't', responses: [...b.flat(), ...mb] },
      ],
      config,
    }));

  it('never lowers a leader’s readiness when one of their ratings is raised, whatever the calibration does', () => {
    fc.assert(
      fc.property(batchArb, fc.nat(), ({ leaders, config }, pick) => {
        const a = leaders[0]!;
        const raised = raiseOne(a.responses, pick);
        fc.pre(raised !== undefined);
        const before = scoreBatch({ quarter: Q, leaders }, config).scores[0]!;
        const after = scoreBatch({ quarter: Q, leaders: [{ ...a, responses: raised! }, leaders[1]!] }, config)
          .scores[0]!;
        notLower(before.readinessScore, after.readinessScore);
        notLower(before.coachingScore, after.coachingScore);
        notLower(before.managementScore, after.managementScore);
      }),
      RUNS,
    );
  });

  it('lets withheld ratings move nothing anywhere in the batch, and is independent of order', () => {
    fc.assert(
      fc.property(batchArb, fc.integer({ min: 1, max: 5 }), ({ leaders, config }, value) => {
        const minimum = Math.max(3, config.anonymityMinimum);
        const a = leaders[0]!;
        const small = answeredCount(a.responses, 'coachee') + answeredCount(a.responses, 'peer');
        const result = scoreBatch({ quarter: Q, leaders }, config);
        const reversed = scoreBatch({ quarter: Q, leaders: [...leaders].reverse() }, config);
        expect([...reversed.scores].reverse()).toEqual(result.scores);
        expect(reversed.residuals).toEqual(result.residuals);
        fc.pre(small > 0 && small < minimum);
        const changed = a.responses.map((r) =>
          (r.group === 'coachee' || r.group === 'peer') && r.answers
            ? {
                ...r,
                answers: {
                  ...r.answers,
                  ratings: Object.fromEntries(
                    Object.keys(r.answers.ratings).map((id) => [id, value as Rating]),
                  ),
                },
              }
            : r,
        );
        const after = scoreBatch(
          { quarter: Q, leaders: [{ ...a, responses: changed }, leaders[1]!] },
          config,
        );
        expect(after.scores).toEqual(result.scores);
      }),
      RUNS,
    );
  });
});

describe('reasons HR can read', () => {
  /** "Readiness 80.9", "coaching is rated 43.4": a score named with its value. */
  const namedScores = (text: string) =>
    [...text.matchAll(/\b(readiness|coaching|management)(?: is rated)? (\d+\.\d)/gi)].map(
      (m) => `${m[1]?.toLowerCase()} ${m[2]}`,
    );
  /** Every run of 6 words (numbers blanked), to find a clause said twice. */
  const clauses = (text: string) => {
    const words = text
      .toLowerCase()
      .replace(/[\d.,%±+−-]+/g, '#')
      .split(/[^a-z#']+/)
      .filter(Boolean);
    return new Set(
      words.slice(0, Math.max(0, words.length - 5)).map((_, i) => words.slice(i, i + 6).join(' ')),
    );
  };

  it('say no zero counts, no jargon, each fact and clause once, in whole sentences', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const { reasons } = run(c);
        expect(reasons.length).toBeGreaterThanOrEqual(2);
        expect(reasons.length).toBeLessThanOrEqual(6);
        const all = reasons.join(' ');
        expect(all).not.toMatch(/\b0 (responses?|answers?|people|persons?|coachees?|quarters?)\b/i);
        expect(all).not.toMatch(
          /pool|margin|variance|calibrat|λ|n\/a|NaN|undefined|null|responses? from others/i,
        );
        for (const reason of reasons) expect(reason).toMatch(/^[A-Z0-9].*[.]$/s);
        expect(new Set(reasons).size).toBe(reasons.length);
        const named = reasons.flatMap(namedScores);
        expect(new Set(named).size, all).toBe(named.length);
        const seen = new Map<string, number>();
        reasons.forEach((reason, i) => {
          for (const clause of clauses(reason)) {
            const first = seen.get(clause);
            expect(first === undefined || first === i, `"${clause}" twice in: ${all}`).toBe(true);
            seen.set(clause, i);
          }
        });
      }),
      RUNS,
    );
  });

  it('never say "Only 0 responses": nobody but the leader answered is said in words', () => {
    const result = scoreLeader({
      leaderId: 'leader',
      responses: [{ raterId: 'leader', group: 'self', status: 'expired' }],
    });
    expect(result.reasons[0]).toBe(
      'No one other than the leader answered this quarter; a recommendation needs answers from at least 3 people.',
    );
  });
});
