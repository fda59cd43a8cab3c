/**
 * Every English sentence the readiness model writes: the notes of the leader's report, the
 * confidence notes and the reasons HR reads. Kept in one place, each phrase a function of named
 * values, so that they can move into message catalogues (one per language) without touching the
 * model. Numbers arrive already formatted where the format is part of the meaning (±, %, one
 * decimal).
 */
import type { ReportGroup } from '../model.ts';

export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** Group names in the notes of the leader's report. */
export const GROUP_TITLES: Record<ReportGroup, string> = {
  self: 'Self',
  manager: 'Manager',
  coachee: 'Coachees',
  peer: 'Peers',
  others: 'Others (coachees and peers)',
};

/** Notes of the leader's report: what was withheld, merged or hidden, and why. */
export const REPORT_NOTES = {
  groupWithheld: (p: { group: ReportGroup; responses: number; minimum: number }) =>
    `${GROUP_TITLES[p.group]}: ${plural(p.responses, 'response')}, fewer than the ${p.minimum} needed to keep answers anonymous, so ratings and comments are not shown.`,
  merged: (p: { minimum: number }) =>
    `Coachees and peers are shown together as "others" because one of the groups had fewer than ${p.minimum} responses.`,
  itemsHidden: (p: { group: ReportGroup; labels: string[]; minimum: number }) =>
    `${GROUP_TITLES[p.group]}: no mean is shown for ${p.labels.join(', ')}, because fewer than ${p.minimum} people rated ${p.labels.length === 1 ? 'it' : 'them'}.`,
  commentsBelowMinimum: (p: { group: ReportGroup; commentMinimum: number }) =>
    `${GROUP_TITLES[p.group]}: comments are shown only from a group of at least ${p.commentMinimum} people, so none are shown this quarter.`,
  mergedCommentsOneGroup: (p: { commentMinimum: number }) =>
    `${GROUP_TITLES.others}: comments are shown only from a group of at least ${p.commentMinimum} people on its own, so the smaller group's comments are not shown.`,
  mergedCommentsNone: (p: { commentMinimum: number }) =>
    `${GROUP_TITLES.others}: comments are shown only from a group of at least ${p.commentMinimum} people on its own, so none are shown this quarter.`,
};

/** Notes on the confidence of the scores. */
export const CONFIDENCE_NOTES = {
  noOwnFigures: () =>
    "No sales figures for the leader's own quota this quarter: confidence is one level lower.",
};
