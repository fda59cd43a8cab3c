/**
 * The leader's own report: the visible groups with their raw means per asked item and their
 * comments, and plain notes on what was withheld, merged or hidden. docs/scoring.md ("Outputs").
 */
import type { LeaderReport, ReportGroup, ReportGroupResult } from '../model.ts';
import type { Questionnaire } from '../questionnaire.ts';
import { compareText } from '../text.ts';
import type { Visibility, VisibleGroup } from './anonymity.ts';
import { round2 } from './numbers.ts';
import type { Tallies } from './tallies.ts';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

const GROUP_TITLES: Record<ReportGroup, string> = {
  self: 'Self',
  manager: 'Manager',
  coachee: 'Coachees',
  peer: 'Peers',
  others: 'Others (coachees and peers)',
};

export function buildReport(
  groups: VisibleGroup[],
  visibility: Visibility,
  tallies: Tallies,
  minimum: number,
  questionnaire: Questionnaire,
): LeaderReport {
  return {
    groups: groups.map(reportGroup),
    withheld: anonymityNotes(groups, visibility, tallies, minimum, questionnaire),
  };
}

function reportGroup(group: VisibleGroup): ReportGroupResult {
  const competencyMeans: Record<string, number | null> = {};
  for (const competency of group.asked) {
    const mean = group.means.get(competency.id) ?? null;
    competencyMeans[competency.id] = mean === null ? null : round2(mean);
  }
  // Sorted so that the order of comments says nothing about who wrote them.
  return {
    group: group.group,
    responses: group.responses,
    competencyMeans,
    comments: {
      keep: [...group.tally.keep].sort(compareText),
      change: [...group.tally.change].sort(compareText),
    },
  };
}

function anonymityNotes(
  groups: VisibleGroup[],
  visibility: Visibility,
  tallies: Tallies,
  minimum: number,
  questionnaire: Questionnaire,
): string[] {
  const notes: string[] = [];
  for (const group of visibility.withheld) {
    const n = tallies[group].responses;
    notes.push(
      `${GROUP_TITLES[group]}: ${plural(n, 'response')}, fewer than the ${minimum} needed to keep answers anonymous, so ratings and comments are not shown.`,
    );
  }
  if (visibility.shown.includes('others')) {
    notes.push(
      `Coachees and peers are shown together as "others" because one of the groups had fewer than ${minimum} responses.`,
    );
  }
  for (const group of groups) {
    if (group.group === 'self' || group.group === 'manager') continue;
    const hidden = questionnaire.competencies.filter((competency) => {
      const count = group.tally.ratings.get(competency.id)?.count ?? 0;
      return count > 0 && count < minimum;
    });
    if (hidden.length > 0) {
      notes.push(
        `${GROUP_TITLES[group.group]}: no mean is shown for ${hidden.map((c) => c.label).join(', ')}, because fewer than ${minimum} people rated ${hidden.length === 1 ? 'it' : 'them'}.`,
      );
    }
  }
  return notes;
}
