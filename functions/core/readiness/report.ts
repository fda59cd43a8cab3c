/**
 * The leader's own report: the visible groups with their raw means per asked item and the comments
 * that may be shown, and plain notes on what was withheld, merged or hidden. docs/scoring.md
 * ("Outputs"; comments: step 2).
 */
import type { LeaderReport, ReportGroupResult } from '../model.ts';
import type { Questionnaire } from '../questionnaire.ts';
import type { Visibility, VisibleGroup } from './anonymity.ts';
import { round2 } from './numbers.ts';
import { REPORT_NOTES } from './phrases.ts';
import { seededShuffle } from './shuffle.ts';
import type { Tallies } from './tallies.ts';

export interface ReportRules {
  /** The anonymity minimum applied (never below 3). */
  minimum: number;
  /** The comment minimum applied (never below the anonymity minimum). */
  commentMinimum: number;
  /**
   * Seeds the order of the comments: the quarter and the leader, so the order is the same on every
   * re-run of the quarter and unrelated from one quarter to the next.
   */
  seed: string;
}

export function buildReport(
  groups: VisibleGroup[],
  visibility: Visibility,
  tallies: Tallies,
  rules: ReportRules,
  questionnaire: Questionnaire,
): LeaderReport {
  return {
    groups: groups.map((group) => reportGroup(group, rules.seed)),
    withheld: anonymityNotes(groups, visibility, tallies, rules, questionnaire),
  };
}

function reportGroup(group: VisibleGroup, seed: string): ReportGroupResult {
  const competencyMeans: Record<string, number | null> = {};
  for (const competency of group.asked) {
    const mean = group.means.get(competency.id) ?? null;
    competencyMeans[competency.id] = mean === null ? null : round2(mean);
  }
  // A shuffle seeded per quarter, leader, group and question, so that the order of comments says
  // nothing about who wrote them or which group they came from, and a person's "keep" and "change"
  // comments do not sit at the same position.
  return {
    group: group.group,
    responses: group.responses,
    competencyMeans,
    comments: {
      keep: seededShuffle(group.comments.keep, `${seed}#${group.group}#keep`),
      change: seededShuffle(group.comments.change, `${seed}#${group.group}#change`),
    },
  };
}

function anonymityNotes(
  groups: VisibleGroup[],
  visibility: Visibility,
  tallies: Tallies,
  rules: ReportRules,
  questionnaire: Questionnaire,
): string[] {
  const { minimum, commentMinimum } = rules;
  const notes: string[] = [];
  for (const group of visibility.withheld) {
    notes.push(REPORT_NOTES.groupWithheld({ group, responses: tallies[group].responses, minimum }));
  }
  if (visibility.shown.includes('others')) notes.push(REPORT_NOTES.merged({ minimum }));
  for (const group of groups) {
    if (group.group === 'self' || group.group === 'manager') continue;
    const hidden = questionnaire.competencies.filter((competency) => {
      const count = group.tally.ratings.get(competency.id)?.count ?? 0;
      return count > 0 && count < minimum;
    });
    if (hidden.length > 0) {
      notes.push(
        REPORT_NOTES.itemsHidden({ group: group.group, labels: hidden.map((c) => c.label), minimum }),
      );
    }
    // Said whether or not anyone wrote a comment: the note itself must not tell that someone did.
    if (group.group === 'others') {
      const present = (['coachee', 'peer'] as const).filter((g) => tallies[g].responses > 0);
      const released = present.filter((g) => group.commentsFrom.includes(g));
      if (released.length === 0) notes.push(REPORT_NOTES.mergedCommentsNone({ commentMinimum }));
      else if (released.length < present.length) {
        notes.push(REPORT_NOTES.mergedCommentsOneGroup({ commentMinimum }));
      }
    } else if (group.commentsFrom.length === 0) {
      notes.push(REPORT_NOTES.commentsBelowMinimum({ group: group.group, commentMinimum }));
    }
  }
  return notes;
}
