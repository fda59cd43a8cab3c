/**
 * A simulated world for the model benchmark, described by a JSON file (bench/model/worlds/**) and
 * validated here with zod. docs/scoring.md ("Worlds") documents every field; the defaults below are
 * only for optional fields.
 *
 * A world states: the population (teams, leaders, coachees); the leaders' latent traits — coaching,
 * management and selling — how they correlate and how they grow or stall over quarters; the outcome
 * that defines the truth (how a leader's team would do after they step up to manager); the raters'
 * response styles as a mix per rater group; missing answers and declines; noise in the sales figures;
 * and who the company promotes (for the validity check).
 */
import { readFileSync } from 'node:fs';
import * as z from 'zod';
import { isQuarterId } from '../../functions/core/quarter.ts';

export const STYLES = ['neutral', 'leniency', 'severity', 'central', 'extreme', 'halo', 'noise'] as const;
export type Style = (typeof STYLES)[number];

const share = z.number().finite().min(0).max(1);
const sd = z.number().finite().min(0).max(100);
const correlation = z.number().finite().min(-0.95).max(0.95);

/** A discrete distribution: values with weights (normalised). */
const weighted = z
  .array(z.strictObject({ value: z.number().int().min(0).max(40), weight: z.number().finite().positive() }))
  .min(1);

const trait = z.strictObject({ mean: z.number().finite(), sd });

const raterGroup = z
  .strictObject({
    /** Mean shift of the whole group, rating points (e.g. coachees a little kinder). */
    bias: z.number().finite().min(-2).max(2),
    /** A rater's persistent personal view of one leader (sd, rating points). */
    viewSd: sd,
    /** A rater's view of a leader that changes every quarter (sd, rating points). */
    quarterViewSd: sd,
    /** Noise of one rating (sd, rating points). */
    noiseSd: sd,
    /** Share of the group's raters with each response style (sums to 1). */
    styles: z.partialRecord(z.enum(STYLES), share),
    /** Strength of each style (see docs/scoring.md); a rater's own strength varies ±50 % around it. */
    strength: z.partialRecord(z.enum(STYLES), z.number().finite().min(0).max(3)).default({}),
    /** Self only: extra inflation per 30 points a leader is below 60 (weaker leaders overrate most). */
    overrateWhenWeak: z.number().finite().min(-2).max(2).default(0),
  })
  .superRefine((group, context) => {
    const total = Object.values(group.styles).reduce((sum, value) => sum + (value ?? 0), 0);
    if (Math.abs(total - 1) > 1e-6) {
      context.addIssue({ code: 'custom', path: ['styles'], message: `shares must sum to 1 (got ${total})` });
    }
  });

const perGroup = <T extends z.ZodType>(schema: T) =>
  z.strictObject({ self: schema, manager: schema, coachee: schema, peer: schema });

export const worldSchema = z
  .strictObject({
    name: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'use lower-case letters, digits and "-"'),
    description: z.string().min(1),
    seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 31 - 1),
    /** First simulated quarter. */
    start: z.string().refine(isQuarterId, 'must look like 2025-Q1').default('2025-Q1'),
    /** Simulated quarters (the model and the baselines see them in order). */
    quarters: z.number().int().min(4).max(16),
    /** The last this-many quarters are evaluated (the first ones build history). */
    evaluated: z.number().int().min(1).max(12),
    population: z.strictObject({
      teams: z.number().int().min(1).max(2000),
      leadersPerTeam: weighted,
      coacheesPerLeader: weighted,
    }),
    traits: z.strictObject({
      /** Coaching and management skill, 0–100 points (50 = an average 3 on the 1–5 scale). */
      coaching: trait,
      management: trait,
      /** Selling skill as the leader's own attainment level (attained / quota). */
      selling: trait,
      correlation: z.strictObject({
        coachingManagement: correlation,
        coachingSelling: correlation,
        managementSelling: correlation,
      }),
      /** Spread of a leader's competencies around their area level (points). */
      itemSd: sd,
      /** A leader's good or bad quarter that every rater sees (sd, points). */
      quarterShockSd: sd,
      /** How coaching and management grow or stall (points per quarter). */
      growth: z.strictObject({
        /** Mean and spread of a leader's own growth rate. */
        mean: z.number().finite().min(-10).max(10),
        sd,
        /** Share of leaders who do not grow at all. */
        stalledShare: share,
        /** Random change every quarter (sd). */
        innovationSd: sd,
      }),
    }),
    /**
     * The truth: the expected change in the attainment of the team a leader would manage after a
     * promotion (percentage points), driven by latent skill; the model never sees it.
     */
    outcome: z.strictObject({
      description: z.string().min(1),
      intercept: z.number().finite(),
      /** Percentage points per 10 points of coaching / management above 50. */
      perTenCoaching: z.number().finite(),
      perTenManagement: z.number().finite(),
      /** Percentage points per 0.1 of own attainment above 1.0 (the Peter Principle: ≤ 0). */
      perTenthSelling: z.number().finite(),
      /** Noise of the realised outcome of one promotion (sd, percentage points). */
      noiseSd: sd,
      /** Truly ready-now: expected outcome at or above this (percentage points). */
      readyAt: z.number().finite(),
    }),
    raters: perGroup(raterGroup).extend({
      /** Points of "overall impression" per 0.1 of own attainment above 1.0 (a star seller's halo). */
      impressionFromSelling: z.number().finite().min(-50).max(50),
    }),
    answers: z.strictObject({
      /** Share of items answered "not observed". */
      notObserved: share,
      declined: perGroup(share),
      /** Never answered (expired). */
      silent: perGroup(share),
    }),
    sales: z.strictObject({
      /** Quarter-to-quarter noise of a leader's own attainment (sd, attainment ratio). */
      ownNoiseSd: z.number().finite().min(0).max(1),
      /** Spread of salespeople's own level and their quarterly noise (attainment ratio). */
      sellerLevelSd: z.number().finite().min(0).max(1),
      sellerNoiseSd: z.number().finite().min(0).max(1),
      /** Coachees' attainment per 10 points of their leader's coaching above 50 (ratio). */
      coachingEffect: z.number().finite().min(-0.2).max(0.2),
      /** Share of missing figures (per person and quarter). */
      missing: share,
    }),
    promotions: z.strictObject({
      /** Share of the remaining leaders promoted to manager each quarter (from the third quarter). */
      perQuarter: share,
      /** What the company promotes on: own attainment (z), the manager's rating (z), chance (z). */
      onSelling: z.number().finite().min(0).max(10),
      onManagerRating: z.number().finite().min(0).max(10),
      onChance: z.number().finite().min(0).max(10),
      /** Size of the team a promoted leader takes over. */
      teamSize: z.number().int().min(1).max(40),
    }),
  })
  .superRefine((world, context) => {
    if (world.evaluated >= world.quarters) {
      context.addIssue({ code: 'custom', path: ['evaluated'], message: 'must be fewer than quarters' });
    }
    const c = world.traits.correlation;
    // The correlation matrix must be positive definite (its determinant and leading minors > 0).
    const det =
      1 +
      2 * c.coachingManagement * c.coachingSelling * c.managementSelling -
      c.coachingManagement ** 2 -
      c.coachingSelling ** 2 -
      c.managementSelling ** 2;
    if (det <= 0) {
      context.addIssue({
        code: 'custom',
        path: ['traits', 'correlation'],
        message: 'these three correlations cannot hold together (the matrix is not positive definite)',
      });
    }
  });

export type World = z.infer<typeof worldSchema>;
export type RaterGroupSpec = World['raters']['coachee'];

export class WorldError extends Error {
  override readonly name = 'WorldError';
}

/** Validates a world; throws a WorldError naming every problem by its path. */
export function parseWorld(raw: unknown, source = 'world'): World {
  const result = worldSchema.safeParse(raw);
  if (result.success) return result.data;
  const problems = result.error.issues.map(
    (issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`,
  );
  throw new WorldError(`${source} is not a valid world:\n  ${problems.join('\n  ')}`);
}

export function loadWorld(file: string): World {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new WorldError(`Cannot read world file ${file}: ${(error as Error).message}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new WorldError(`${file} is not JSON: ${(error as Error).message}`);
  }
  return parseWorld(raw, file);
}
