/**
 * Anonymity across quarters: a leader's report must not reveal one coachee's (or peer's) ratings or
 * comments by comparing it with the leader's earlier reports.
 *
 * The attack. Quarter 1 shows the coachee mean of A, B, C; quarter 2 that of A, B, C, D. Both
 * groups meet the minimum of 3, yet 4·mean₂ − 3·mean₁ is D's rating if the others rated alike both
 * times. More generally, every group mean the leader has seen is a known sum over a set of people
 * (the report shows the response count), and any linear combination of those sums may be computed.
 *
 * The rule (docs/security.md, "Anonymity across quarters"). For each competency, take the sets of
 * people whose ratings the leader's reports of the last `DIFFERENCING_LOOKBACK_QUARTERS` quarters
 * showed as one mean, plus the sets this report would show. The report may show a mean only if,
 * afterwards, **no linear combination of the shown sums depends on fewer than `minimum` people**
 * (assuming, as the worst case, that everyone rates the same every quarter). Otherwise that mean is
 * withheld this quarter, with a note. Comments are treated the same way, with the sets of people
 * whose comments a group showed. Numbers derived from a withheld mean (a development need's score,
 * a self–other gap) are withheld with it. Same-quarter rules (small groups merged or withheld,
 * items rated by fewer than the minimum) stay in readiness/anonymity.ts; this module only removes more.
 *
 * Manager and self results are identified by nature and not considered. Pure: no I/O.
 */
import type { CompetencyScore, LeaderReport, RaterGroup, RaterResponse, ReportGroup } from './model.ts';

/** Earlier quarters a report is compared with: a year. Older ratings are a weak proxy for today's. */
export const DIFFERENCING_LOOKBACK_QUARTERS = 4;

/** What one quarter's report showed about coachees and peers: whose answers went into each number. */
export interface Disclosure {
  /** Competency id → the rater-id sets whose ratings were shown together as one group mean. */
  means: Record<string, string[][]>;
  /** The rater-id sets whose comments were shown together (one per group that showed comments). */
  comments: string[][];
}

export interface GuardInput {
  report: LeaderReport;
  developmentNeeds: readonly CompetencyScore[];
  /** This quarter's responses about the leader (rater ids, groups, answers). */
  responses: readonly RaterResponse[];
  /** Disclosures of the leader's earlier reports within the lookback. */
  earlier: readonly Disclosure[];
  /** The anonymity minimum (never below 3). */
  minimum: number;
  /**
   * The comment minimum the report was built with (never below `minimum`; default `minimum`): only
   * coachee or peer groups with at least this many answers on their own had their comments shown,
   * so only their authors are disclosed by a merged group's comments.
   */
  commentMinimum?: number;
  /** Competency id → label, for the notes. */
  labels?: Readonly<Record<string, string>>;
}

export interface GuardResult {
  report: LeaderReport;
  developmentNeeds: CompetencyScore[];
  /** What this report shows (store it: the next quarters are compared with it). */
  disclosure: Disclosure;
  withheldMeans: { group: ReportGroup; competency: string }[];
  withheldComments: ReportGroup[];
}

const MEMBERS: Partial<Record<ReportGroup, readonly RaterGroup[]>> = {
  coachee: ['coachee'],
  peer: ['peer'],
  others: ['coachee', 'peer'],
};

const TITLES: Partial<Record<ReportGroup, string>> = {
  coachee: 'Coachees',
  peer: 'Peers',
  others: 'Others (coachees and peers)',
};

const isRating = (value: unknown): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 5;

function answered(responses: readonly RaterResponse[], groups: readonly RaterGroup[]): RaterResponse[] {
  return responses.filter(
    (response) =>
      response.status === 'answered' && response.answers !== undefined && groups.includes(response.group),
  );
}

const sortedIds = (responses: readonly RaterResponse[]) => responses.map((r) => r.raterId).sort();

/** Who wrote the comments a group shows: members of the groups large enough on their own. */
function commentAuthors(
  responses: readonly RaterResponse[],
  members: readonly RaterGroup[],
  commentMinimum: number,
): string[] {
  const released = members.filter((g) => answered(responses, [g]).length >= commentMinimum);
  return sortedIds(
    answered(responses, released).filter(
      (r) =>
        (r.answers?.comments.keep.trim() ?? '') !== '' || (r.answers?.comments.change.trim() ?? '') !== '',
    ),
  );
}

/**
 * The people behind each coachee/peer/others number and comment list a report shows. Comments came
 * only from groups with at least `commentMinimum` answers on their own; without it (reports built
 * before the comment minimum existed) every commenting member of a group is counted.
 */
export function disclosureOf(
  report: LeaderReport,
  responses: readonly RaterResponse[],
  commentMinimum = 0,
): Disclosure {
  const disclosure: Disclosure = { means: {}, comments: [] };
  for (const group of report.groups) {
    const members = MEMBERS[group.group];
    if (!members) continue;
    const inGroup = answered(responses, members);
    for (const [competency, mean] of Object.entries(group.competencyMeans)) {
      if (mean === null) continue;
      const raters = inGroup.filter((r) => isRating(r.answers?.ratings[competency]));
      disclosure.means[competency] = [...(disclosure.means[competency] ?? []), sortedIds(raters)];
    }
    if (group.comments.keep.length + group.comments.change.length > 0) {
      disclosure.comments.push(commentAuthors(responses, members, commentMinimum));
    }
  }
  return disclosure;
}

/**
 * True when no non-zero linear combination of the sums over `sets` depends on fewer than `minimum`
 * people (so no one person, nor any group smaller than the minimum, can be isolated).
 *
 * People who appear in exactly the same sets are indistinguishable: every combination gives them
 * the same coefficient. So the check runs on classes of such people: a combination is non-zero on
 * whole classes, and it is unsafe if some non-empty choice of classes smaller than `minimum` in
 * total can carry a combination on its own, i.e. removing those classes' columns lowers the rank.
 */
export function isSafe(sets: readonly (readonly string[])[], minimum: number): boolean {
  const rows = [
    ...new Map(sets.filter((s) => s.length > 0).map((s) => [[...s].sort().join('\u0000'), s])).values(),
  ];
  if (rows.length === 0) return true;
  // Classes of people by the rows they appear in.
  const signature = new Map<string, number[]>();
  rows.forEach((row, index) => {
    for (const person of new Set(row)) signature.set(person, [...(signature.get(person) ?? []), index]);
  });
  const classes = new Map<string, number>();
  for (const rowsOfPerson of signature.values()) {
    const key = rowsOfPerson.join(',');
    classes.set(key, (classes.get(key) ?? 0) + 1);
  }
  const columns = [...classes.entries()].map(([key, size]) => ({
    rows: new Set(key.split(',').map(Number)),
    size,
  }));
  const matrix = rows.map((_, r) => columns.map((column) => (column.rows.has(r) ? 1 : 0)));
  const fullRank = rank(matrix);
  // Every non-empty set of classes whose people number fewer than `minimum`.
  const small: number[][] = [];
  const extend = (start: number, chosen: number[], people: number) => {
    for (let c = start; c < columns.length && small.length <= MAX_CHECKS; c++) {
      const total = people + columns[c]!.size;
      if (total >= minimum) continue;
      const next = [...chosen, c];
      small.push(next);
      extend(c + 1, next, total);
    }
  };
  extend(0, [], 0);
  // Only with an unusually high minimum and many classes: too many to check, so withhold.
  if (small.length > MAX_CHECKS) return false;
  for (const chosen of small) {
    const keep = columns.map((_, c) => c).filter((c) => !chosen.includes(c));
    if (rank(matrix.map((row) => keep.map((c) => row[c]!))) < fullRank) return false;
  }
  return true;
}

/** Bound on the rank checks of one `isSafe` call (reached only with a minimum far above 3). */
const MAX_CHECKS = 20_000;

/** Rank by Gaussian elimination with partial pivoting (small 0/1 matrices). */
export function rank(matrix: readonly (readonly number[])[]): number {
  const m = matrix.map((row) => [...row]);
  const rowCount = m.length;
  const columnCount = m[0]?.length ?? 0;
  let r = 0;
  for (let c = 0; c < columnCount && r < rowCount; c++) {
    let pivot = r;
    for (let i = r + 1; i < rowCount; i++) if (Math.abs(m[i]![c]!) > Math.abs(m[pivot]![c]!)) pivot = i;
    if (Math.abs(m[pivot]![c]!) < 1e-9) continue;
    [m[r], m[pivot]] = [m[pivot]!, m[r]!];
    for (let i = r + 1; i < rowCount; i++) {
      const factor = m[i]![c]! / m[r]![c]!;
      if (factor === 0) continue;
      for (let j = c; j < columnCount; j++) m[i]![j]! -= factor * m[r]![j]!;
    }
    r++;
  }
  return r;
}

/**
 * The report as it may go to the leader this quarter: means and comments that would allow
 * differencing against the earlier reports withheld (with notes), and the disclosure to store.
 */
export function guardAgainstDifferencing(input: GuardInput): GuardResult {
  const minimum = Math.max(3, input.minimum);
  const commentMinimum = Math.max(minimum, input.commentMinimum ?? minimum);
  const label = (id: string) => input.labels?.[id] ?? id;
  const groups = input.report.groups.map((group) => ({
    ...group,
    competencyMeans: { ...group.competencyMeans },
    comments: { keep: [...group.comments.keep], change: [...group.comments.change] },
  }));
  const disclosure: Disclosure = { means: {}, comments: [] };
  const withheldMeans: GuardResult['withheldMeans'] = [];
  const withheldComments: ReportGroup[] = [];

  for (const group of groups) {
    const members = MEMBERS[group.group];
    if (!members) continue;
    const inGroup = answered(input.responses, members);
    for (const [competency, mean] of Object.entries(group.competencyMeans)) {
      if (mean === null) continue;
      const set = sortedIds(inGroup.filter((r) => isRating(r.answers?.ratings[competency])));
      const shown = [
        ...input.earlier.flatMap((d) => d.means[competency] ?? []),
        ...(disclosure.means[competency] ?? []),
      ];
      if (isSafe([...shown, set], minimum)) {
        disclosure.means[competency] = [...(disclosure.means[competency] ?? []), set];
      } else {
        group.competencyMeans[competency] = null;
        withheldMeans.push({ group: group.group, competency });
      }
    }
    if (group.comments.keep.length + group.comments.change.length > 0) {
      const authors = commentAuthors(input.responses, members, commentMinimum);
      const shown = [...input.earlier.flatMap((d) => d.comments), ...disclosure.comments];
      if (isSafe([...shown, authors], minimum)) {
        disclosure.comments.push(authors);
      } else {
        group.comments = { keep: [], change: [] };
        withheldComments.push(group.group);
      }
    }
  }

  const hidden = new Set(withheldMeans.map((w) => w.competency));
  const notes: string[] = [];
  for (const group of groups) {
    const ids = withheldMeans.filter((w) => w.group === group.group).map((w) => label(w.competency));
    if (ids.length > 0) {
      notes.push(
        `${TITLES[group.group]}: no mean is shown this quarter for ${ids.join(', ')}: compared with your earlier reports, it would reveal the answers of fewer than ${minimum} people, because the group changed too little.`,
      );
    }
    if (withheldComments.includes(group.group)) {
      notes.push(
        `${TITLES[group.group]}: comments are not shown this quarter: compared with your earlier reports, they would reveal who wrote what, because the group changed too little.`,
      );
    }
  }
  const report: LeaderReport = {
    ...input.report,
    groups,
    withheld: [...input.report.withheld, ...notes],
  };
  // Numbers computed from a withheld mean would give it away.
  if (report.selfOther) report.selfOther = report.selfOther.filter((gap) => !hidden.has(gap.id));
  if (report.developmentPlan)
    report.developmentPlan = report.developmentPlan.filter((item) => !hidden.has(item.id));
  return {
    report,
    developmentNeeds: input.developmentNeeds.filter((need) => !hidden.has(need.id)),
    disclosure,
    withheldMeans,
    withheldComments,
  };
}
