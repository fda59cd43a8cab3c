/**
 * Anonymity within a quarter: which coachee and peer results of a leader may be shown and counted.
 * A small group (1 to minimum − 1 answers) is merged with the other into `others` when together
 * they reach the minimum, otherwise withheld; an item rated by fewer than the minimum in a group has
 * its mean hidden. Withheld groups and hidden items count in nothing. docs/scoring.md, step 2.
 * (Anonymity across quarters: functions/core/differencing.ts.)
 */
import { DEFAULT_CONFIG, type LadderConfig } from '../config.ts';
import type { RaterGroup, RaterResponse, ReportGroup } from '../model.ts';
import { type Competency, QUESTIONNAIRE_V1, type Questionnaire } from '../questionnaire.ts';
import { type GroupTally, isValidRating, mergeTallies, type Tallies, tallyByGroup } from './tallies.ts';

/** The anonymity minimum actually applied: the configured value, never below 3. */
export function anonymityMinimum(config: LadderConfig): number {
  return Math.max(3, config.anonymityMinimum);
}

/** The comment minimum actually applied: the configured value, never below the anonymity minimum. */
export function commentMinimum(config: LadderConfig): number {
  return Math.max(anonymityMinimum(config), config.commentMinimum);
}

/**
 * The coachee and peer groups whose comments may be shown: those with at least `commentMinimum`
 * answered responses ON THEIR OWN. Merging groups for scores never releases a smaller group's
 * comments (a leader with two coachees could often tell who wrote what).
 */
export function commentGroups(
  answered: Readonly<Record<'coachee' | 'peer', number>>,
  commentMinimum: number,
): ('coachee' | 'peer')[] {
  return (['coachee', 'peer'] as const).filter((group) => answered[group] >= commentMinimum);
}

export interface Visibility {
  /** How coachee and peer results appear: separately, merged as `others`, or not at all. */
  shown: ('coachee' | 'peer' | 'others')[];
  withheld: ('coachee' | 'peer')[];
  /** True when coachee ratings count in the scores (shown alone or inside `others`). */
  coacheeCounted: boolean;
}

/**
 * A group with 1 to minimum-1 answers is small; a group with none is simply absent. With a small
 * group, coachees and peers are merged when together they reach the minimum. Both are merged, never
 * one beside a shown group, or a reader could subtract one from the other. Otherwise the small
 * groups are withheld.
 */
export function decideVisibility(coachees: number, peers: number, minimum: number): Visibility {
  const small = (n: number) => n > 0 && n < minimum;
  if (!small(coachees) && !small(peers)) {
    const shown: ('coachee' | 'peer')[] = [];
    if (coachees > 0) shown.push('coachee');
    if (peers > 0) shown.push('peer');
    return { shown, withheld: [], coacheeCounted: coachees > 0 };
  }
  if (coachees + peers >= minimum) return { shown: ['others'], withheld: [], coacheeCounted: coachees > 0 };
  const withheld: ('coachee' | 'peer')[] = [];
  if (coachees > 0) withheld.push('coachee');
  if (peers > 0) withheld.push('peer');
  return { shown: [], withheld, coacheeCounted: false };
}

/** A group whose results may be shown and counted, with its means already made anonymous. */
export interface VisibleGroup {
  group: ReportGroup;
  responses: number;
  tally: GroupTally;
  /** Mean (1–5) per competency id; null when too few people rated it to show. */
  means: Map<string, number | null>;
  /** Competencies asked of the group, in questionnaire order. */
  asked: Competency[];
  /** The comments that may be shown (trimmed, in no meaningful order yet; see report.ts). */
  comments: { keep: string[]; change: string[] };
  /** The rater groups whose comments those are (empty when none may be shown). */
  commentsFrom: RaterGroup[];
}

const GROUPS_OF: Record<ReportGroup, RaterGroup[]> = {
  self: ['self'],
  manager: ['manager'],
  coachee: ['coachee'],
  peer: ['peer'],
  others: ['coachee', 'peer'],
};

export function visibleGroups(
  tallies: Tallies,
  visibility: Visibility,
  minimum: number,
  commentMinimum: number,
  questionnaire: Questionnaire,
): VisibleGroup[] {
  const released = commentGroups(
    { coachee: tallies.coachee.responses, peer: tallies.peer.responses },
    commentMinimum,
  );
  const candidates: [ReportGroup, GroupTally][] = [
    ['self', tallies.self],
    ['manager', tallies.manager],
  ];
  for (const group of visibility.shown) {
    candidates.push([
      group,
      group === 'others' ? mergeTallies(tallies.coachee, tallies.peer) : tallies[group],
    ]);
  }
  return candidates
    .filter(([, tally]) => tally.responses > 0)
    .map(([group, tally]) => {
      const asked = questionnaire.competencies.filter((c) =>
        GROUPS_OF[group].some((g) => c.groups.includes(g)),
      );
      // Manager and self are one person by nature. In other groups an item rated by fewer than the
      // minimum (others chose "not observed", or only coachees are asked it in `others`) would expose
      // individual ratings, so its mean is hidden — and therefore not counted in any score either.
      const needed = group === 'self' || group === 'manager' ? 1 : minimum;
      const means = new Map<string, number | null>();
      for (const competency of asked) {
        const entry = tally.ratings.get(competency.id);
        means.set(
          competency.id,
          entry !== undefined && entry.count >= needed ? entry.sum / entry.count : null,
        );
      }
      // Self and manager are identified by nature; coachees' and peers' comments only from a group
      // that reaches the comment minimum on its own, whatever it was merged with for the scores.
      const commentsFrom = GROUPS_OF[group].filter(
        (g) => g === 'self' || g === 'manager' || (released as RaterGroup[]).includes(g),
      );
      const comments = {
        keep: commentsFrom.flatMap((g) => tallies[g].keep),
        change: commentsFrom.flatMap((g) => tallies[g].change),
      };
      return { group, responses: tally.responses, tally, means, asked, comments, commentsFrom };
    });
}

export interface CountedRating {
  raterId: string;
  group: RaterGroup;
  competencyId: string;
  rating: number;
}

/**
 * The raw ratings that count in a leader's scores: answered, non-self, in a visible group, on an
 * item whose mean is visible. Ratings withheld for anonymity are not among them, so they can move
 * nothing — not even another leader's calibration.
 */
export function countedRatings(
  responses: RaterResponse[],
  config: LadderConfig = DEFAULT_CONFIG,
  questionnaire: Questionnaire = QUESTIONNAIRE_V1,
): CountedRating[] {
  const minimum = anonymityMinimum(config);
  const tallies = tallyByGroup(responses, questionnaire);
  const visibility = decideVisibility(tallies.coachee.responses, tallies.peer.responses, minimum);
  const groups = visibleGroups(tallies, visibility, minimum, commentMinimum(config), questionnaire);
  const shownAs = (group: RaterGroup): ReportGroup | null => {
    if (group === 'self') return null;
    if (group === 'manager') return 'manager';
    if (visibility.shown.includes(group)) return group;
    return visibility.shown.includes('others') ? 'others' : null;
  };
  const counted: CountedRating[] = [];
  for (const response of responses) {
    if (response.status !== 'answered' || response.answers === undefined) continue;
    const shownGroup = shownAs(response.group);
    const visible = groups.find((group) => group.group === shownGroup);
    if (visible === undefined) continue;
    for (const competency of questionnaire.competencies) {
      const rating = response.answers.ratings[competency.id];
      if (!competency.groups.includes(response.group) || !isValidRating(rating)) continue;
      if ((visible.means.get(competency.id) ?? null) === null) continue;
      counted.push({ raterId: response.raterId, group: response.group, competencyId: competency.id, rating });
    }
  }
  return counted;
}
