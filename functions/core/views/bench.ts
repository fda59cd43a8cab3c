/**
 * Bench strength (ISO/TS 30433's succession coverage): for each sales manager seat, the consultant
 * leaders of its team who are ready now, ready next year and able to stand in, and the share of
 * seats with at least one successor. Final recommendations count (HR's decision where there is one).
 */
import { compareText } from '../text.ts';
import { effectiveRecommendation, type LeaderSummary } from './leader-summary.ts';

export const STAND_IN_FLAG = 'stand-in-ready';

/** A sales manager seat: one manager of the roster in force (or named by a recommendation). */
export interface Seat {
  managerId: string;
  managerName: string;
  team: string;
}

export interface SeatBench extends Seat {
  leaders: number;
  readyNow: LeaderSummary[];
  readyNextYear: LeaderSummary[];
  standIn: LeaderSummary[];
  /** At least one successor ready now or next year. */
  covered: boolean;
}

export interface BenchStrength {
  seats: SeatBench[];
  /** Seats with a successor ready now or next year / seats (0–1; null without seats). */
  coverage: number | null;
  /** Seats with a successor ready now / seats. */
  readyNowCoverage: number | null;
  /** Seats with a leader able to stand in / seats. */
  standInCoverage: number | null;
}

/**
 * `seats` are the manager seats to report on; leaders of a manager absent from `seats` add a seat
 * named after their team, so no successor is ever dropped.
 */
export function benchStrength(seats: readonly Seat[], leaders: readonly LeaderSummary[]): BenchStrength {
  const bySeat = new Map<string, SeatBench>();
  const seatOf = (seat: Seat) => {
    let entry = bySeat.get(seat.managerId);
    if (!entry) {
      entry = { ...seat, leaders: 0, readyNow: [], readyNextYear: [], standIn: [], covered: false };
      bySeat.set(seat.managerId, entry);
    }
    return entry;
  };
  for (const seat of seats) seatOf(seat);
  for (const leader of leaders) {
    const seat = seatOf({ managerId: leader.managerId, managerName: '', team: leader.team });
    seat.leaders++;
    const recommendation = effectiveRecommendation(leader);
    if (recommendation === 'ready-now') seat.readyNow.push(leader);
    if (recommendation === 'ready-next-year') seat.readyNextYear.push(leader);
    if (leader.flags.includes(STAND_IN_FLAG)) seat.standIn.push(leader);
  }
  const list = [...bySeat.values()].sort(
    (a, b) => compareText(a.team, b.team) || compareText(a.managerId, b.managerId),
  );
  for (const seat of list) seat.covered = seat.readyNow.length + seat.readyNextYear.length > 0;
  const share = (count: number) => (list.length > 0 ? count / list.length : null);
  return {
    seats: list,
    coverage: share(list.filter((seat) => seat.covered).length),
    readyNowCoverage: share(list.filter((seat) => seat.readyNow.length > 0).length),
    standInCoverage: share(list.filter((seat) => seat.standIn.length > 0).length),
  };
}
