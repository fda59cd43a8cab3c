/**
 * Loads what the validity report needs (functions/core/readiness/validity.ts) from the table: the
 * recorded moves, each moved person's recommendations, the new teams from the roster in force, and
 * the sales figures of the quarters around the moves. Used by `ladder validity`; the console can
 * call it the same way.
 */
import { DEFAULT_CONFIG, type LadderConfig } from '../core/config.ts';
import type { Person, SalesFigure } from '../core/model.ts';
import { addQuarters } from '../core/quarter.ts';
import type { PromotionRecord, ValidityInput } from '../core/readiness/validity.ts';
import { quartersFigures } from './store/metrics-store.ts';
import { listPromotions } from './store/promotion-store.ts';
import { leaderScoreHistory } from './store/result-store.ts';
import { currentRoster, rosterPeople } from './store/roster-store.ts';
import { mapWithConcurrency, PARTITION_READ_CONCURRENCY } from './store/table.ts';

/**
 * The members of the team a promoted person manages now: the team HR named when recording, or
 * else the team the roster in force shows them managing; everyone of that team but themself.
 */
async function rosterInForce(): Promise<Person[]> {
  const pointer = await currentRoster();
  return pointer ? rosterPeople(pointer.version) : [];
}

export function newTeam(promotion: PromotionRecord, people: readonly Person[]): string[] {
  const self = people.find((person) => person.personId === promotion.personId);
  const team = promotion.team ?? (self?.role === 'manager' ? self.team : undefined);
  if (team === undefined) return [];
  return people
    .filter(
      (person) => person.team === team && person.personId !== promotion.personId && person.role !== 'manager',
    )
    .map((person) => person.personId);
}

/** `people`: the roster in force when the caller has read it already (the console's form needs it too). */
export async function loadValidityInput(
  config: LadderConfig = DEFAULT_CONFIG,
  roster?: { people: readonly Person[] },
): Promise<ValidityInput> {
  const promotions = await listPromotions();
  const people = roster?.people ?? (await rosterInForce());
  const ids = [...new Set(promotions.map((p) => p.personId))];
  const histories = await mapWithConcurrency(
    ids,
    PARTITION_READ_CONCURRENCY,
    async (id) => [id, await leaderScoreHistory(id)] as const,
  );
  const teams = new Map(
    promotions.filter((p) => p.to === 'manager').map((p) => [p.personId, newTeam(p, people)] as const),
  );
  const v = config.validity;
  const quarters = new Set<string>();
  for (const p of promotions.filter((p) => p.to === 'manager')) {
    for (let offset = -v.quartersBefore; offset <= v.quartersAfter; offset++) {
      if (offset !== 0) quarters.add(addQuarters(p.quarter, offset));
    }
  }
  const figures: SalesFigure[] = (await quartersFigures([...quarters].sort())).flat();
  return { promotions, history: new Map(histories), teams, figures };
}
