/**
 * Recording a move after the checks (functions/core/promotion-check.ts), for `ladder promotion
 * record` and the console's Promotions page: looks up what the checks need — whether the person has
 * a review on record, and the roster's teams when a team is named — then stores the record (a second
 * record of the same person and quarter replaces the first: a correction).
 */
import {
  checkPromotion,
  normalisePromotion,
  type PromotionInput,
  type PromotionProblem,
} from '../core/promotion-check.ts';
import { quarterOf } from '../core/quarter.ts';
import type { PromotionRecord } from '../core/readiness/validity.ts';
import { recordPromotion } from './store/promotion-store.ts';
import { leaderScoreHistory } from './store/result-store.ts';
import { currentRoster, rosterPeople } from './store/roster-store.ts';

export type RecordedPromotion =
  | { ok: true; record: PromotionRecord; replaced: PromotionRecord | undefined }
  | { ok: false; problems: PromotionProblem[] };

export async function recordCheckedPromotion(
  raw: PromotionInput,
  now = new Date(),
): Promise<RecordedPromotion> {
  const input = normalisePromotion(raw);
  const [history, teams] = await Promise.all([
    input.id === '' ? Promise.resolve([]) : leaderScoreHistory(input.id),
    input.team === undefined ? Promise.resolve(new Set<string>()) : rosterTeams(),
  ]);
  const checked = checkPromotion(input, {
    currentQuarter: quarterOf(now),
    reviewed: history.length > 0,
    teams,
  });
  if (!checked.ok) return checked;
  const replaced = await recordPromotion(checked.record, now);
  return { ok: true, record: checked.record, replaced };
}

/** The teams of the roster in force (none without a roster). */
export async function rosterTeams(): Promise<Set<string>> {
  const pointer = await currentRoster();
  const people = pointer ? await rosterPeople(pointer.version) : [];
  return new Set(people.map((person) => person.team));
}
