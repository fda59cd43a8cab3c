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

/** A 0–100 score with one decimal. */
export const points = (value: number) => value.toFixed(1);
/** A ratio of quota as a whole percentage. */
export const percentOf = (ratio: number) => `${Math.round(ratio * 100)}%`;
const signedPoints = (value: number) => `${value >= 0 ? '+' : '−'}${Math.abs(value).toFixed(1)}`;
const quarterList = (quarters: string[]) =>
  quarters.length <= 1 ? (quarters[0] ?? '') : `${quarters.slice(0, -1).join(', ')} and ${quarters.at(-1)}`;
/** "coaching 75.0, management 86.8" with what is known. */
const areas = (coaching: number | null, management: number | null) =>
  [
    coaching === null ? 'coaching not rated' : `coaching ${points(coaching)}`,
    management === null ? 'management not rated' : `management ${points(management)}`,
  ].join(', ');

/**
 * The reasons HR reads with a recommendation. Words HR uses — answers, people, bars, own sales —
 * never the model's internals; each fact is said once.
 */
export const REASONS = {
  // Not enough evidence
  noAnswers: (p: { needed: number }) =>
    `No one other than the leader answered this quarter; a recommendation needs answers from at least ${p.needed} people.`,
  fewAnswers: (p: { answers: number; needed: number }) =>
    `Only ${plural(p.answers, 'person', 'people')} other than the leader answered this quarter; a recommendation needs at least ${p.needed}.`,
  nothingRated: (p: { answers: number }) =>
    `${plural(p.answers, 'person', 'people')} answered, but nobody rated any competency, so there is no readiness score.`,
  tooUncertain: (p: { margin: number; maxMargin: number }) =>
    `The answers this quarter were too few or too far apart to be sure: readiness could be off by up to ${Math.round(p.margin)} points, and a recommendation needs ${p.maxMargin} or better.`,
  soFar: (p: { readiness: number | null; coaching: number | null; management: number | null }) =>
    p.readiness === null
      ? `No score could be given (${areas(p.coaching, p.management)}).`
      : `With this little evidence the scores are only indicative: readiness ${points(p.readiness)} of 100 (${areas(p.coaching, p.management)}).`,
  withheld: (p: { answers: number }) =>
    `${plural(p.answers, 'answer')} from coachees or peers ${p.answers === 1 ? 'is' : 'are'} not counted, to keep a small group anonymous.`,

  // The decision
  coachingConcern: (p: {
    coaching: number;
    concern: number;
    coachees: number;
    readiness: number;
    management: number | null;
  }) =>
    `Coaching is rated ${points(p.coaching)} (with ${plural(p.coachees, 'coachee')} answering), below the concern level of ${p.concern}: the coaching role needs a review. Readiness is ${points(p.readiness)} of 100${p.management === null ? '' : `, management ${points(p.management)}`}.`,
  readyNow: (p: {
    readiness: number;
    management: number;
    readyNow: number;
    readyNowManagement: number;
    earlier: { quarter: string; readiness: number | null; management: number | null }[];
  }) =>
    `Ready now: readiness ${points(p.readiness)} and management ${points(p.management)} are at or above the bars of ${p.readyNow} and ${p.readyNowManagement}${
      p.earlier.length > 0
        ? `, as they were in ${quarterList(p.earlier.map((e) => `${e.quarter} (${e.readiness === null ? '–' : points(e.readiness)} and ${e.management === null ? '–' : points(e.management)})`))}`
        : ''
    }.`,
  keptReadyNow: (p: {
    readiness: number;
    management: number;
    band: number;
    readyNow: number;
    readyNowManagement: number;
    previous: string;
  }) =>
    `Still ready now: readiness ${points(p.readiness)} and management ${points(p.management)} stay within ${p.band} points of the bars (${p.readyNow} and ${p.readyNowManagement}), and the leader was ready now in ${p.previous}.`,
  notYetSustained: (p: {
    readiness: number;
    management: number;
    quarters: number;
    gapQuarter: string;
    gap: { readiness: number | null; management: number | null } | null;
  }) =>
    `Readiness ${points(p.readiness)} and management ${points(p.management)} reach the ready-now bars this quarter, but ready now needs ${p.quarters} quarters in a row at the bars, and ${
      p.gap === null
        ? `there is no result for ${p.gapQuarter}`
        : `${p.gapQuarter} was below them (readiness ${p.gap.readiness === null ? 'not scored' : points(p.gap.readiness)}, management ${p.gap.management === null ? 'not scored' : points(p.gap.management)})`
    }.`,
  salesBlock: (p: {
    readiness: number;
    management: number | null;
    own: number;
    quarters: number;
    minimum: number;
    allowance: number;
  }) =>
    `Readiness ${points(p.readiness)}${p.management === null ? '' : ` and management ${points(p.management)}`} reach the ready-now bars, but own sales are ${percentOf(p.own)} of quota over ${plural(p.quarters, 'quarter')}: a leader who steps up must keep at least ${percentOf(p.minimum)}, and this is below it by more than the ${points(p.allowance * 100)}-point allowance for a normal swing.`,
  noManagement: (p: { readiness: number; readyNow: number }) =>
    `Readiness ${points(p.readiness)} reaches the ready-now bar of ${p.readyNow}, but nobody rated management, and ready now needs a management rating.`,
  managementBelow: (p: { readiness: number; management: number; readyNowManagement: number }) =>
    `Readiness ${points(p.readiness)} reaches the ready-now bar, but management ${points(p.management)} is below its bar of ${p.readyNowManagement}.`,
  between: (p: {
    readiness: number;
    coaching: number | null;
    management: number | null;
    readyNextYear: number;
    readyNow: number;
  }) =>
    `Ready next year: readiness ${points(p.readiness)} of 100 (${areas(p.coaching, p.management)}) is between the ready-next-year bar of ${p.readyNextYear} and the ready-now bar of ${p.readyNow}.`,
  below: (p: {
    readiness: number;
    coaching: number | null;
    management: number | null;
    readyNextYear: number;
  }) =>
    `Develop in role: readiness ${points(p.readiness)} of 100 (${areas(p.coaching, p.management)}) is below the ready-next-year bar of ${p.readyNextYear}.`,

  // Supporting facts
  /** Who coaching rests on; `coaching` is left out when another reason already gives it. */
  coachingFrom: (p: { coaching?: number | null; coachees: number }) => {
    const score =
      p.coaching === undefined ? '' : p.coaching === null ? ' (not rated)' : ` ${points(p.coaching)}`;
    return p.coachees > 0
      ? `Coaching${score} includes the answers of ${plural(p.coachees, 'coachee')}.`
      : `No coachee's answers count this quarter, so coaching${score} rests on the manager's and peers' view.`;
  },
  ownSalesUnknown: () =>
    "No sales figures for the leader's own quota: the check that stepping up does not cost revenue could not be made.",
  ownSalesOk: (p: { own: number; quarters: number; minimum: number }) =>
    `Own sales: ${percentOf(p.own)} of quota over ${plural(p.quarters, 'quarter')}, at or above the ${percentOf(p.minimum)} a leader who steps up must keep.`,
  ownSalesNear: (p: { own: number; quarters: number; minimum: number }) =>
    `Own sales: ${percentOf(p.own)} of quota over ${plural(p.quarters, 'quarter')}, a little under ${percentOf(p.minimum)} but within a normal quarterly swing.`,
  retention: (p: { quarters: number; own: number }) =>
    `Ready now for ${p.quarters} quarters in a row while selling ${percentOf(p.own)} of quota: a retention risk until a manager role opens.`,
  history: (p: { current: number | null; earlier: number; share: number }) =>
    `The scores combine this quarter${p.current === null ? '' : ` (readiness ${points(p.current)} on its own)`} with ${plural(p.earlier, 'earlier quarter')}; this quarter counts for ${Math.round(p.share * 100)}%.`,
  coachingImpact: (p: { impact: number; coachees: number; points: number }) =>
    `The sales of the leader's coachees moved ${signedPoints(p.impact)} percentage points against teammates coached by others (${plural(p.coachees, 'coachee')} with figures), which moves coaching ${signedPoints(p.points)}.`,
  halo: (p: { points: number }) =>
    p.points > 0
      ? `People tend to rate a top seller higher on everything, so ${points(p.points)} points are taken off coaching and management for own sales above quota.`
      : `People tend to rate a weaker seller lower on everything, so ${points(-p.points)} points are added to coaching and management for own sales below quota.`,
  needs: (p: { target: number; needs: { label: string; score: number | null }[] }) =>
    `Furthest below the development target of ${p.target}: ${p.needs.map((n) => (n.score === null ? n.label : `${n.label} (${points(n.score)})`)).join(', ')}.`,
  noNeeds: (p: { target: number }) => `No competency is below the development target of ${p.target}.`,
};

/** The validity report (`ladder validity`). */
export const VALIDITY = {
  moves: (p: { manager: number; other: number; left: number }) =>
    `Recorded moves: ${plural(p.manager, 'promotion')} to manager, ${plural(p.other, 'move')} to another role, ${plural(p.left, 'leaver')}.`,
  enough: (p: { spearman: number; low: number; high: number; n: number }) =>
    `Validity: readiness at promotion and the new team's change in attainment correlate at ${p.spearman.toFixed(2)} (Spearman; 95% interval ${p.low.toFixed(2)} to ${p.high.toFixed(2)}; N = ${p.n}).`,
  notEnough: (p: { n: number; minimum: number }) =>
    `Not enough data: ${plural(p.n, 'promotion')} to manager can be compared so far; the validity figure needs at least ${p.minimum}.`,
  status: {
    counted: 'counted',
    'too-early': 'too early: fewer quarters of the new team’s figures than needed',
    'no-readiness': 'no review in the quarters before the move',
    'no-team': 'new team unknown: give --team or update the roster',
    'no-figures': 'no sales figures of the new team before the move',
    'not-a-promotion': 'not a promotion to manager',
  } as const,
  columns: [
    'person',
    'moved in',
    'to',
    'readiness (review)',
    'team',
    'team change',
    'vs everyone else',
    'status',
  ],
};
