import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type LadderConfig } from '../../functions/core/config.ts';
import type { LeaderScore, RaterGroup, RaterResponse, Rating } from '../../functions/core/model.ts';
import { competenciesFor } from '../../functions/core/questionnaire.ts';
import { scoreLeader } from '../../functions/core/readiness/score-leader.ts';

const RUNS = { numRuns: 300 };

const ratingArb = fc.constantFrom<Rating>(1, 2, 3, 4, 5, null);

/** A comment nobody else could write, so finding it in output proves where it came from. */
const token = (kind: string, raterId: string) => `«${kind}:${raterId}»`;

function groupArb(group: RaterGroup, maxCount: number): fc.Arbitrary<RaterResponse[]> {
  const asked = competenciesFor(group);
  const one = fc.record({
    status: fc.constantFrom(
      'answered',
      'answered',
      'answered',
      'declined',
      'expired',
      'sent',
    ) as fc.Arbitrary<RaterResponse['status']>,
    ratings: fc.array(ratingArb, { minLength: asked.length, maxLength: asked.length }),
    keep: fc.boolean(),
    change: fc.boolean(),
  });
  return fc.array(one, { maxLength: maxCount }).map((list) =>
    list.map(({ status, ratings, keep, change }, index): RaterResponse => {
      const raterId = `${group}-${index + 1}`;
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

const responsesArb: fc.Arbitrary<RaterResponse[]> = fc
  .tuple(groupArb('self', 1), groupArb('manager', 1), groupArb('coachee', 8), groupArb('peer', 6))
  .map((groups) => groups.flat());

const weightArb = fc.integer({ min: 0, max: 10 }).map((n) => n / 10);
const groupWeightsArb = fc.record({
  coachee: weightArb,
  peer: weightArb,
  manager: weightArb,
  self: weightArb,
});

const configArb: fc.Arbitrary<LadderConfig> = fc
  .record({
    anonymityMinimum: fc.integer({ min: 0, max: 6 }),
    maxDevelopmentNeeds: fc.integer({ min: 0, max: 5 }),
    coaching: groupWeightsArb,
    management: groupWeightsArb,
    readiness: fc.record({ coaching: weightArb, management: weightArb }),
    raterNoiseRatio: fc.integer({ min: 0, max: 6 }).map((n) => n / 2),
  })
  .map(({ anonymityMinimum, maxDevelopmentNeeds, coaching, management, readiness, raterNoiseRatio }) => ({
    ...DEFAULT_CONFIG,
    anonymityMinimum,
    maxDevelopmentNeeds,
    weights: { coaching, management, readiness, raterNoiseRatio },
  }));

const anyConfigArb = fc.oneof(fc.constant(DEFAULT_CONFIG), configArb);

const score = (responses: RaterResponse[], config: LadderConfig) =>
  scoreLeader({ leaderId: 'leader', responses }, config);

const answeredCount = (responses: RaterResponse[], group: RaterGroup) =>
  responses.filter((r) => r.group === group && r.status === 'answered').length;

const allScores = (result: LeaderScore) => [
  result.coachingScore,
  result.managementScore,
  result.readinessScore,
  ...result.competencies.map((c) => c.score),
  ...result.developmentNeeds.map((c) => c.score),
];

describe('scoreLeader properties', () => {
  it('keeps every score in [0, 100] or null, and every report mean in [1, 5] or null', () => {
    fc.assert(
      fc.property(responsesArb, anyConfigArb, (responses, config) => {
        const result = score(responses, config);
        for (const value of allScores(result)) {
          if (value !== null) {
            expect(value).toBeGreaterThanOrEqual(0);
            expect(value).toBeLessThanOrEqual(100);
          }
        }
        for (const group of result.report.groups) {
          for (const mean of Object.values(group.competencyMeans)) {
            if (mean !== null) {
              expect(mean).toBeGreaterThanOrEqual(1);
              expect(mean).toBeLessThanOrEqual(5);
            }
          }
        }
        expect(result.reasons.length).toBeGreaterThanOrEqual(2);
        expect(result.reasons.length).toBeLessThanOrEqual(6);
      }),
      RUNS,
    );
  });

  it('never shows a coachee or peer group below the anonymity minimum, nor the comments of a withheld group', () => {
    fc.assert(
      fc.property(responsesArb, anyConfigArb, (responses, config) => {
        const result = score(responses, config);
        const minimum = Math.max(3, config.anonymityMinimum);
        const shown = result.report.groups.map((g) => g.group);
        const coachees = answeredCount(responses, 'coachee');
        const peers = answeredCount(responses, 'peer');
        if (coachees < minimum) expect(shown).not.toContain('coachee');
        if (peers < minimum) expect(shown).not.toContain('peer');
        if (shown.includes('others')) {
          expect(shown).not.toContain('coachee');
          expect(shown).not.toContain('peer');
        }
        for (const group of result.report.groups) {
          if (group.group !== 'self' && group.group !== 'manager') {
            expect(group.responses).toBeGreaterThanOrEqual(minimum);
          }
        }
        const everything = JSON.stringify(result);
        for (const group of ['coachee', 'peer'] as const) {
          const count = answeredCount(responses, group);
          const withheld = count > 0 && count < minimum && coachees + peers < minimum;
          if (!withheld) continue;
          expect(shown).not.toContain('others');
          for (const response of responses.filter((r) => r.group === group)) {
            expect(everything).not.toContain(token('keep', response.raterId));
            expect(everything).not.toContain(token('change', response.raterId));
          }
        }
      }),
      RUNS,
    );
  });

  it('does not let the ratings of a withheld group move any score', () => {
    const withReplacement = responsesArb.chain((responses) =>
      fc.tuple(
        fc.constant(responses),
        fc.array(fc.array(ratingArb, { minLength: 13, maxLength: 13 }), {
          minLength: responses.length,
          maxLength: responses.length,
        }),
      ),
    );
    fc.assert(
      fc.property(withReplacement, anyConfigArb, ([responses, replacements], config) => {
        const minimum = Math.max(3, config.anonymityMinimum);
        const coachees = answeredCount(responses, 'coachee');
        const peers = answeredCount(responses, 'peer');
        fc.pre(coachees + peers > 0 && coachees + peers < minimum);
        const changed = responses.map((response, i): RaterResponse => {
          if (response.group === 'self' || response.group === 'manager' || response.answers === undefined) {
            return response;
          }
          const ids = Object.keys(response.answers.ratings);
          const ratings = Object.fromEntries(ids.map((id, k) => [id, replacements[i]?.[k] ?? null]));
          return { ...response, answers: { ...response.answers, ratings } };
        });
        const before = score(responses, config);
        const after = score(changed, config);
        expect(allScores(after)).toEqual(allScores(before));
        expect(after.recommendation).toBe(before.recommendation);
      }),
      RUNS,
    );
  });

  it('gives the same result for the same input, in any order, without changing the input', () => {
    const shuffled = responsesArb.chain((responses) =>
      fc.tuple(
        fc.constant(responses),
        fc.shuffledSubarray(responses, { minLength: responses.length, maxLength: responses.length }),
      ),
    );
    fc.assert(
      fc.property(shuffled, anyConfigArb, ([responses, reordered], config) => {
        const copy = structuredClone(responses);
        const first = score(responses, config);
        expect(responses).toEqual(copy);
        expect(score(responses, config)).toEqual(first);
        expect(score(reordered, config)).toEqual(first);
      }),
      RUNS,
    );
  });

  it('never lowers readiness (or coaching or management) when any single rating is raised', () => {
    const withChoice = fc.tuple(responsesArb, fc.nat(), anyConfigArb);
    fc.assert(
      fc.property(withChoice, ([responses, pick, config]) => {
        const raisable: [number, string][] = [];
        responses.forEach((response, index) => {
          for (const [id, rating] of Object.entries(response.answers?.ratings ?? {})) {
            if (rating !== null && rating < 5) raisable.push([index, id]);
          }
        });
        fc.pre(raisable.length > 0);
        const [index, id] = raisable[pick % raisable.length] ?? [0, ''];
        const raised = structuredClone(responses);
        const target = raised[index]?.answers?.ratings;
        if (target === undefined) throw new Error('picked a response without answers');
        target[id] = ((target[id] ?? 0) + 1) as Rating;

        const before = score(responses, config);
        const after = score(raised, config);
        const notLower = (a: number | null, b: number | null) => {
          expect(a === null).toBe(b === null);
          if (a !== null && b !== null) expect(b).toBeGreaterThanOrEqual(a);
        };
        notLower(before.readinessScore, after.readinessScore);
        notLower(before.coachingScore, after.coachingScore);
        notLower(before.managementScore, after.managementScore);
      }),
      RUNS,
    );
  });
});
