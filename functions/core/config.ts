/**
 * Scoring and cycle configuration, versioned. The version is stored with every recommendation and
 * exported, so HR can tell which rules produced a result.
 */
export interface LadderConfig {
  version: string;
  /** Minimum responses for a coachee or peer group to be shown on its own (never below 3). */
  anonymityMinimum: number;
  /** At most this many peers rate a leader (other CSLs of the team first, then other sellers). */
  maxPeers: number;
  /** Leaders per Map iteration batch (teams are never split across batches). */
  batchSize: number;
  /** Weight of each rater group in the coaching and management scores. */
  weights: {
    coaching: Record<'coachee' | 'peer' | 'manager' | 'self', number>;
    management: Record<'coachee' | 'peer' | 'manager' | 'self', number>;
    /** readiness = coaching * readiness.coaching + management * readiness.management */
    readiness: { coaching: number; management: number };
  };
  thresholds: {
    /** Competency mean (0–100) below which it is a development need. */
    developmentTarget: number;
    readyNow: number;
    readyNextYear: number;
    /** Coaching score below this (with enough coachee evidence) → review-coaching-role. */
    coachingConcern: number;
    /** Minimum answered responses from others (not self) before a recommendation is made. */
    minOtherResponses: number;
    /** Stand-in item (0–100) at or above which the stand-in-ready flag is set. */
    standIn: number;
  };
  /** How many development needs to name at most. */
  maxDevelopmentNeeds: number;
}

export const DEFAULT_CONFIG: LadderConfig = {
  version: '2026.11-baseline',
  anonymityMinimum: 3,
  maxPeers: 4,
  batchSize: 40,
  weights: {
    coaching: { coachee: 0.6, peer: 0.15, manager: 0.2, self: 0.05 },
    management: { coachee: 0.05, peer: 0.2, manager: 0.7, self: 0.05 },
    readiness: { coaching: 0.5, management: 0.5 },
  },
  thresholds: {
    developmentTarget: 65,
    readyNow: 75,
    readyNextYear: 60,
    coachingConcern: 45,
    minOtherResponses: 3,
    standIn: 75,
  },
  maxDevelopmentNeeds: 3,
};
