/**
 * Scoring one batch of leaders (whole teams) with everything the readiness model uses: rater
 * calibration across the batch, each leader's history, and sales figures of the leader, their
 * coachees and the team's other sellers. The ScoreBatch handler loads the data and calls this; the
 * model benchmark (bench/model) calls it on simulated populations. Pure.
 */
import { DEFAULT_CONFIG, type LadderConfig } from '../config.ts';
import type { HistoryEntry, LeaderScore, RaterResponse, SalesFigure } from '../model.ts';
import { addQuarters } from '../quarter.ts';
import { QUESTIONNAIRE_V1, type Questionnaire } from '../questionnaire.ts';
import { compareText } from '../text.ts';
import { calibrateBatch, type RaterProfile, type RaterResidual } from './calibration.ts';
import type { Figure, PersonFigures, SalesInput } from './sales.ts';
import { scoreLeader } from './score-leader.ts';

export interface BatchLeaderInput {
  leaderId: string;
  team: string;
  /** Every request of the leader this quarter (coachee requests name the coachees, answered or not). */
  responses: RaterResponse[];
}

export interface BatchInput {
  quarter: string;
  leaders: BatchLeaderInput[];
  /** Earlier recommendations per leader id. */
  history?: ReadonlyMap<string, HistoryEntry[]>;
  /** Sales figures of the batch's people (any quarters). */
  figures?: readonly SalesFigure[];
  /** Stored leniency profiles per rater id. */
  profiles?: ReadonlyMap<string, RaterProfile>;
}

export interface BatchOutput {
  scores: LeaderScore[];
  /** This quarter's calibration residuals per rater id, to store. */
  residuals: Map<string, RaterResidual[]>;
}

export function scoreBatch(
  input: BatchInput,
  config: LadderConfig = DEFAULT_CONFIG,
  questionnaire: Questionnaire = QUESTIONNAIRE_V1,
): BatchOutput {
  const calibration = config.calibration.enabled
    ? calibrateBatch(input.quarter, input.leaders, input.profiles ?? new Map(), config, questionnaire)
    : { offsets: new Map<string, Record<string, number>>(), residuals: new Map<string, RaterResidual[]>() };
  const figuresOf = groupFigures(input.figures ?? []);
  const coacheesOf = new Map(input.leaders.map((leader) => [leader.leaderId, coacheeIds(leader)]));
  const scores = input.leaders.map((leader) => {
    const own = coacheesOf.get(leader.leaderId) ?? [];
    const comparison = input.leaders
      .filter((other) => other.team === leader.team && other.leaderId !== leader.leaderId)
      .flatMap((other) => coacheesOf.get(other.leaderId) ?? [])
      .filter((id) => !own.includes(id));
    const people = (ids: string[]): PersonFigures[] =>
      [...new Set(ids)]
        .sort(compareText)
        .map((personId) => ({ personId, figures: figuresOf.get(personId) ?? [] }));
    const sales: SalesInput = {
      own: figuresOf.get(leader.leaderId) ?? [],
      coachees: people(own),
      comparison: people(comparison),
    };
    return scoreLeader(
      {
        leaderId: leader.leaderId,
        responses: leader.responses,
        quarter: input.quarter,
        history: input.history?.get(leader.leaderId) ?? [],
        calibration: calibration.offsets.get(leader.leaderId) ?? {},
        sales,
      },
      config,
      questionnaire,
    );
  });
  return { scores, residuals: calibration.residuals };
}

function coacheeIds(leader: BatchLeaderInput): string[] {
  return leader.responses.filter((r) => r.group === 'coachee').map((r) => r.raterId);
}

function groupFigures(figures: readonly SalesFigure[]): Map<string, Figure[]> {
  const byPerson = new Map<string, Figure[]>();
  for (const { personId, quarter, quota, attained } of figures) {
    const list = byPerson.get(personId) ?? [];
    list.push({ quarter, quota, attained });
    byPerson.set(personId, list);
  }
  return byPerson;
}

/** The earlier quarters whose recommendations the model reads (newest first). */
export function historyQuarters(quarter: string, config: LadderConfig = DEFAULT_CONFIG): string[] {
  const back = Math.max(
    config.history.quarters - 1,
    config.history.sustainedQuarters - 1,
    config.flags.retentionQuarters - 1,
  );
  return Array.from({ length: back }, (_, i) => addQuarters(quarter, -(i + 1)));
}

/** The quarters of sales figures the model reads (this one first). */
export function figureQuarters(quarter: string, config: LadderConfig = DEFAULT_CONFIG): string[] {
  const back = Math.max(config.sales.ownQuarters - 1, config.sales.historyQuarters);
  return Array.from({ length: back + 1 }, (_, i) => addQuarters(quarter, -i));
}

/** The people whose figures a batch needs: its leaders and their coachees. */
export function figurePeople(leaders: readonly BatchLeaderInput[]): string[] {
  return [...new Set(leaders.flatMap((leader) => [leader.leaderId, ...coacheeIds(leader)]))].sort(
    compareText,
  );
}
