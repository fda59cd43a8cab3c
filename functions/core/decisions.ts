/**
 * HR's calibration decisions. A recommendation from Ladder is advice: for each leader and quarter
 * a named person accepts it or overrides it with another recommendation, a reason code from the
 * configuration and a note. Decisions are append-only: a later decision supersedes an earlier one,
 * and the history keeps every one with who and when. A quarter is calibrated when every leader
 * who has a recommendation has a decision. Pure: no clock, no I/O.
 */
import type { LadderConfig } from './config.ts';
import { RECOMMENDATIONS, type Recommendation } from './model.ts';
import { characterCount, compareText, hasControlCharacter } from './text.ts';

export const DECISION_ACTIONS = ['accept', 'override'] as const;
export type DecisionAction = (typeof DECISION_ACTIONS)[number];

/** Who decided: from the signed-in user's ID token (never typed in by hand). */
export interface DecisionAuthor {
  /** The identity provider's subject (stable id of the account). */
  subject: string;
  name: string;
  email: string;
}

/** One decision as stored (see functions/shared/store/decision-store.ts). */
export interface Decision {
  quarter: string;
  leaderId: string;
  action: DecisionAction;
  /** What the model recommended when HR decided. */
  modelRecommendation: Recommendation;
  /** Equal to the model's for an accept; another recommendation for an override. */
  finalRecommendation: Recommendation;
  reasonCode: string;
  /** The reason's label when it was given (the configuration may change later). */
  reasonLabel: string;
  note: string;
  decidedBy: DecisionAuthor;
  /** ISO 8601, UTC. */
  decidedAt: string;
}

/** What HR posts: the form fields, not yet trusted. */
export interface DecisionForm {
  action?: string;
  finalRecommendation?: string;
  reasonCode?: string;
  note?: string;
  /** The recommendation the form showed: refuses a decision made on a stale page. */
  modelRecommendation?: string;
}

export const MAX_NOTE_CHARACTERS = 1000;

export interface DecisionProblem {
  field: 'action' | 'finalRecommendation' | 'reasonCode' | 'note' | 'modelRecommendation';
  message: string;
}

export type DecisionResult =
  | { ok: true; decision: Omit<Decision, 'quarter' | 'leaderId' | 'decidedBy' | 'decidedAt'> }
  | { ok: false; problems: DecisionProblem[] };

const isRecommendation = (value: string | undefined): value is Recommendation =>
  value !== undefined && (RECOMMENDATIONS as readonly string[]).includes(value);

/** Reason codes that fit an action, in configuration order. */
export function reasonsFor(config: LadderConfig, action: DecisionAction) {
  return config.decisions.reasons.filter((reason) => reason.for.includes(action));
}

/**
 * Validates a posted decision against the leader's current recommendation and the configured
 * reasons. Every problem is named, one sentence each, for the form to show next to its field.
 */
export function validateDecision(
  form: DecisionForm,
  current: Recommendation,
  config: LadderConfig,
): DecisionResult {
  const problems: DecisionProblem[] = [];
  const action = form.action as DecisionAction | undefined;
  if (!action || !DECISION_ACTIONS.includes(action)) {
    problems.push({ field: 'action', message: 'Choose whether you accept or override the recommendation.' });
  }
  if (form.modelRecommendation !== undefined && form.modelRecommendation !== current) {
    problems.push({
      field: 'modelRecommendation',
      message: 'The recommendation changed since this page was loaded: check it and decide again.',
    });
  }
  let final: Recommendation = current;
  if (action === 'override') {
    if (!isRecommendation(form.finalRecommendation)) {
      problems.push({ field: 'finalRecommendation', message: 'Choose the recommendation that replaces it.' });
    } else if (form.finalRecommendation === current) {
      problems.push({
        field: 'finalRecommendation',
        message: 'An override must choose a recommendation other than the model’s; to agree, accept it.',
      });
    } else {
      final = form.finalRecommendation;
    }
  }
  const reason = config.decisions.reasons.find((candidate) => candidate.id === form.reasonCode);
  if (!reason) {
    problems.push({ field: 'reasonCode', message: 'Choose a reason from the list.' });
  } else if (action && DECISION_ACTIONS.includes(action) && !reason.for.includes(action)) {
    problems.push({
      field: 'reasonCode',
      message: `The reason “${reason.label}” cannot be given to ${action} a recommendation.`,
    });
  }
  const note = (form.note ?? '').replace(/\r\n?/g, '\n').trim();
  if (characterCount(note) > MAX_NOTE_CHARACTERS) {
    problems.push({ field: 'note', message: `The note is longer than ${MAX_NOTE_CHARACTERS} characters.` });
  } else if (hasControlCharacter(note, true)) {
    problems.push({ field: 'note', message: 'The note contains a control character.' });
  } else if (note === '' && action && config.decisions.noteRequiredFor.includes(action)) {
    problems.push({
      field: 'note',
      message: `Explain the decision in the note: it is required to ${action}.`,
    });
  }
  if (problems.length > 0 || !action || !reason) return { ok: false, problems };
  return {
    ok: true,
    decision: {
      action,
      modelRecommendation: current,
      finalRecommendation: final,
      reasonCode: reason.id,
      reasonLabel: reason.label,
      note,
    },
  };
}

/** Oldest first; ties (same millisecond) by the rest of the decision, so the order is stable. */
export function compareDecisions(a: Decision, b: Decision): number {
  return compareText(a.decidedAt, b.decidedAt) || compareText(JSON.stringify(a), JSON.stringify(b));
}

/** The decision in force per leader: the latest one. */
export function latestDecisions(decisions: readonly Decision[]): Map<string, Decision> {
  const latest = new Map<string, Decision>();
  for (const decision of [...decisions].sort(compareDecisions)) latest.set(decision.leaderId, decision);
  return latest;
}

export interface CalibrationStatus {
  leaders: number;
  decided: number;
  accepted: number;
  overridden: number;
  /** Every leader with a recommendation has a decision (and there is at least one leader). */
  calibrated: boolean;
  /** When the last missing decision was made, if calibrated. */
  calibratedAt: string | null;
  /** Leader ids still waiting for a decision, sorted. */
  undecided: string[];
}

/** The calibration state of a quarter from its leaders and its decisions. */
export function calibrationStatus(
  leaderIds: readonly string[],
  decisions: readonly Decision[],
): CalibrationStatus {
  const leaders = new Set(leaderIds);
  const latest = latestDecisions(decisions.filter((decision) => leaders.has(decision.leaderId)));
  // A leader counts as decided from their first decision on.
  const firstAt = new Map<string, string>();
  for (const decision of [...decisions].sort(compareDecisions)) {
    if (leaders.has(decision.leaderId) && !firstAt.has(decision.leaderId)) {
      firstAt.set(decision.leaderId, decision.decidedAt);
    }
  }
  const undecided = [...leaders].filter((id) => !latest.has(id)).sort(compareText);
  const calibrated = leaders.size > 0 && undecided.length === 0;
  const final = [...latest.values()];
  return {
    leaders: leaders.size,
    decided: latest.size,
    accepted: final.filter((decision) => decision.action === 'accept').length,
    overridden: final.filter((decision) => decision.action === 'override').length,
    calibrated,
    calibratedAt: calibrated ? ([...firstAt.values()].sort(compareText).at(-1) ?? null) : null,
    undecided,
  };
}

/** The recommendation that counts for a leader: HR's final one when decided, else the model's. */
export function finalRecommendation(model: Recommendation, decision: Decision | undefined): Recommendation {
  return decision?.finalRecommendation ?? model;
}
