/**
 * The checks on a move HR records (`ladder promotion record`, the console's Promotions page): a
 * quarter id that is not in the future, a known kind of move, a person with a readiness review on
 * record, and a team — only for a promotion to manager — that the roster in force has. Pure: the
 * caller looks up whether the person was reviewed and which teams the roster has
 * (functions/shared/promotions.ts). Every problem is returned, each worded for where it is shown.
 */
import { isQuarterId, quarterIndex } from './quarter.ts';
import { MOVES, type Move, type PromotionRecord } from './readiness/validity.ts';

export interface PromotionInput {
  id: string;
  quarter: string;
  to: string;
  /** The team they manage now; empty or absent when not given. */
  team?: string | undefined;
}

export interface PromotionFacts {
  /** The quarter of today (a move is recorded once it has happened). */
  currentQuarter: string;
  /** Whether the person has at least one recommendation on record. */
  reviewed: boolean;
  /** The teams of the roster in force. */
  teams: ReadonlySet<string>;
}

export type PromotionProblem =
  | { code: 'bad-quarter'; field: 'quarter'; got: string }
  | { code: 'future-quarter'; field: 'quarter'; quarter: string; current: string }
  | { code: 'bad-move'; field: 'to'; got: string }
  | { code: 'no-person'; field: 'id' }
  | { code: 'not-reviewed'; field: 'id'; id: string }
  | { code: 'unknown-team'; field: 'team'; team: string }
  | { code: 'team-without-promotion'; field: 'team' };

export type PromotionCheck =
  | { ok: true; record: PromotionRecord }
  | { ok: false; problems: PromotionProblem[] };

/** The input as checked: text trimmed, an empty team absent. */
export function normalisePromotion(input: PromotionInput): PromotionInput {
  const team = input.team?.trim();
  return {
    id: input.id.trim(),
    quarter: input.quarter.trim(),
    to: input.to.trim(),
    ...(team ? { team } : {}),
  };
}

export function checkPromotion(raw: PromotionInput, facts: PromotionFacts): PromotionCheck {
  const input = normalisePromotion(raw);
  const problems: PromotionProblem[] = [];
  if (!isQuarterId(input.quarter)) {
    problems.push({ code: 'bad-quarter', field: 'quarter', got: input.quarter });
  } else if (quarterIndex(input.quarter) > quarterIndex(facts.currentQuarter)) {
    problems.push({
      code: 'future-quarter',
      field: 'quarter',
      quarter: input.quarter,
      current: facts.currentQuarter,
    });
  }
  const move = MOVES.find((m) => m === input.to);
  if (!move) problems.push({ code: 'bad-move', field: 'to', got: input.to });
  if (input.id === '') problems.push({ code: 'no-person', field: 'id' });
  else if (!facts.reviewed) problems.push({ code: 'not-reviewed', field: 'id', id: input.id });
  if (input.team !== undefined) {
    if (move && move !== 'manager') problems.push({ code: 'team-without-promotion', field: 'team' });
    else if (!facts.teams.has(input.team)) {
      problems.push({ code: 'unknown-team', field: 'team', team: input.team });
    }
  }
  if (problems.length > 0 || !move) return { ok: false, problems };
  return {
    ok: true,
    record: {
      personId: input.id,
      quarter: input.quarter,
      to: move as Move,
      ...(input.team !== undefined ? { team: input.team } : {}),
    },
  };
}

/** How a field is named where the problem is shown: the CLI's flags, or the console's labels. */
export type PromotionWording = 'cli' | 'console';

export function promotionProblemText(problem: PromotionProblem, wording: PromotionWording): string {
  const cli = wording === 'cli';
  switch (problem.code) {
    case 'bad-quarter':
      return `${cli ? '--quarter' : 'The quarter'} must look like 2026-Q4 (got ${JSON.stringify(problem.got)})`;
    case 'future-quarter':
      return `${cli ? '--quarter ' : 'Quarter '}${problem.quarter} is in the future (this is ${problem.current}): record a move once it has happened.`;
    case 'bad-move':
      return cli
        ? `--to must be one of ${MOVES.join(', ')} (got ${JSON.stringify(problem.got)})`
        : 'Choose what happened: promoted to manager, moved to another role, or left.';
    case 'no-person':
      return `${cli ? '--id' : 'The person id'} must name a person (their person_id in the roster).`;
    case 'not-reviewed':
      return `${problem.id} has no readiness review on record: only reviewed Consultant Sales Leaders can be recorded.`;
    case 'unknown-team':
      return `Team ${JSON.stringify(problem.team)} is not in the roster in force.`;
    case 'team-without-promotion':
      return cli ? '--team only goes with --to manager.' : 'A team goes only with a promotion to manager.';
  }
}
