/**
 * Rater calibration: how lenient or severe each rater is, learnt from how their ratings of OTHER
 * leaders compare with what everyone else said about those leaders, this quarter and in earlier
 * quarters, and shrunk toward "neither" so that one rating cannot swing anyone.
 *
 *   residual(r, L)   = mean over items c of ( rating(r, L, c) − mean of the other raters' ratings of L on c )
 *   leniency(r | L)  = Σ decay^age · residual(r, L')  /  ( Σ decay^age + priorPairs )      over L' ≠ L
 *
 * Only ratings that count in a leader's scores take part (visible groups, visible item means; never
 * self-ratings), so ratings withheld for anonymity move nothing. Leaving the leader being scored out
 * of their own raters' leniency means a rater's view of L can never be explained away by itself, and
 * a better rating can only raise L's scores. docs/scoring.md ("Rater calibration") lists the limits.
 */
import type { LadderConfig } from '../config.ts';
import type { CalibrationSummary, RaterGroup, RaterResponse } from '../model.ts';
import { isQuarterId, quarterIndex } from '../quarter.ts';
import type { Questionnaire } from '../questionnaire.ts';
import { compareText, round1 } from '../text.ts';
import { countedRatings, type Visibility, type VisibleGroup } from './anonymity.ts';
import { areaScore, blendReadiness } from './weighting.ts';

/** How one rater's ratings of one leader sat against the others' ratings of that leader. */
export interface RaterResidual {
  quarter: string;
  leaderId: string;
  /** Mean of (rating − others' mean) over the items both rated, rating points. */
  residual: number;
  /** Items that took part. */
  items: number;
}

/** What is stored per rater between quarters (the `RATER#<id>` / `LENIENCY` item). */
export interface RaterProfile {
  raterId: string;
  residuals: RaterResidual[];
}

export interface LeaderResponses {
  leaderId: string;
  responses: RaterResponse[];
}

const round3 = (value: number) => Math.round(value * 1000) / 1000 || 0;

/**
 * This quarter's residual of every (rater, leader) pair with at least one item that someone else
 * also rated. Keyed by rater id, sorted by leader id.
 */
export function quarterResiduals(
  quarter: string,
  leaders: readonly LeaderResponses[],
  config: LadderConfig,
  questionnaire: Questionnaire,
): Map<string, RaterResidual[]> {
  const byRater = new Map<string, RaterResidual[]>();
  const sorted = [...leaders].sort((a, b) => compareText(a.leaderId, b.leaderId));
  for (const leader of sorted) {
    const ratings = countedRatings(leader.responses, config, questionnaire);
    const byItem = new Map<string, { sum: number; count: number }>();
    for (const r of ratings) {
      const entry = byItem.get(r.competencyId) ?? { sum: 0, count: 0 };
      byItem.set(r.competencyId, { sum: entry.sum + r.rating, count: entry.count + 1 });
    }
    const perRater = new Map<string, number[]>();
    for (const r of ratings) {
      const item = byItem.get(r.competencyId);
      if (item === undefined || item.count < 2) continue;
      const othersMean = (item.sum - r.rating) / (item.count - 1);
      const list = perRater.get(r.raterId) ?? [];
      list.push(r.rating - othersMean);
      perRater.set(r.raterId, list);
    }
    for (const [raterId, residuals] of perRater) {
      if (raterId === leader.leaderId) continue;
      const list = byRater.get(raterId) ?? [];
      list.push({
        quarter,
        leaderId: leader.leaderId,
        residual: round3(residuals.reduce((sum, v) => sum + v, 0) / residuals.length),
        items: residuals.length,
      });
      byRater.set(raterId, list);
    }
  }
  return byRater;
}

/**
 * A rater's leniency when rating `leaderId` in `quarter`: their residuals on other leaders, this
 * quarter (`current`) and in the `historyQuarters` before it (`profile`), each weighted
 * decay^age, shrunk by `priorPairs` pseudo-observations of zero, capped at ±maxShift.
 */
export function leniency(
  leaderId: string,
  quarter: string,
  current: readonly RaterResidual[],
  profile: RaterProfile | undefined,
  config: LadderConfig,
): { leniency: number; observations: number } {
  const c = config.calibration;
  const now = quarterIndex(quarter);
  let sum = 0;
  let weight = 0;
  const seen = new Set<string>();
  const consider = (entry: RaterResidual, age: number) => {
    const key = `${entry.quarter}#${entry.leaderId}`;
    if (entry.leaderId === leaderId || seen.has(key) || !Number.isFinite(entry.residual)) return;
    seen.add(key);
    const w = c.decayPerQuarter ** age;
    sum += w * entry.residual;
    weight += w;
  };
  for (const entry of sortResiduals(current)) if (entry.quarter === quarter) consider(entry, 0);
  for (const entry of sortResiduals(profile?.residuals ?? [])) {
    if (!isQuarterId(entry.quarter)) continue;
    const age = now - quarterIndex(entry.quarter);
    // Only earlier quarters: re-scoring a quarter never reads its own stored observations.
    if (age >= 1 && age <= c.historyQuarters) consider(entry, age);
  }
  const estimate = weight > 0 ? sum / (weight + c.priorPairs) : 0;
  return {
    leniency: round3(Math.max(-c.maxShift, Math.min(c.maxShift, estimate))),
    observations: Math.round(weight * 100) / 100,
  };
}

function sortResiduals(list: readonly RaterResidual[]): RaterResidual[] {
  return [...list].sort(
    (a, b) =>
      compareText(a.quarter, b.quarter) || compareText(a.leaderId, b.leaderId) || a.residual - b.residual,
  );
}

export interface BatchCalibration {
  /** Per leader: rater id → leniency to subtract from that rater's ratings of the leader. */
  offsets: Map<string, Record<string, number>>;
  /** This quarter's residuals per rater, to store for later quarters. */
  residuals: Map<string, RaterResidual[]>;
}

/**
 * Calibration of one scoring batch. A batch holds whole teams, so every rater of a leader in the
 * batch — manager, coachees, peers — is seen with all the leaders they rate this quarter.
 */
export function calibrateBatch(
  quarter: string,
  leaders: readonly LeaderResponses[],
  profiles: ReadonlyMap<string, RaterProfile>,
  config: LadderConfig,
  questionnaire: Questionnaire,
): BatchCalibration {
  const residuals = quarterResiduals(quarter, leaders, config, questionnaire);
  const offsets = new Map<string, Record<string, number>>();
  for (const leader of leaders) {
    const entries: [string, number][] = [];
    const raters = new Set(
      leader.responses
        .filter((r) => r.status === 'answered' && r.group !== 'self' && r.raterId !== leader.leaderId)
        .map((r) => r.raterId),
    );
    for (const raterId of [...raters].sort(compareText)) {
      const { leniency: value } = leniency(
        leader.leaderId,
        quarter,
        residuals.get(raterId) ?? [],
        profiles.get(raterId),
        config,
      );
      if (value !== 0) entries.push([raterId, value]);
    }
    // fromEntries defines own properties, so even a rater id such as "__proto__" is kept as data.
    offsets.set(leader.leaderId, Object.fromEntries(entries));
  }
  return { offsets, residuals };
}

/** Offsets that are finite numbers; others are ignored (a rater without an estimate gets none). */
export function usableOffsets(
  calibration: Readonly<Record<string, number>> | undefined,
): Map<string, number> | undefined {
  if (calibration === undefined) return undefined;
  const offsets = new Map<string, number>();
  for (const [raterId, value] of Object.entries(calibration)) {
    if (typeof value === 'number' && Number.isFinite(value) && value !== 0) offsets.set(raterId, value);
  }
  return offsets.size > 0 ? offsets : undefined;
}

/** How much calibration changed this leader's result: raters corrected, readiness shift. */
export function calibrationSummary(
  responses: RaterResponse[],
  offsets: ReadonlyMap<string, number>,
  visibility: Visibility,
  calibratedReadiness: number | null,
  shown: VisibleGroup[],
  config: LadderConfig,
  questionnaire: Questionnaire,
): CalibrationSummary {
  const raw = blendReadiness(
    areaScore(shown, 'coaching', config, questionnaire),
    areaScore(shown, 'management', config, questionnaire),
    config,
  );
  const counted = (group: RaterGroup) =>
    group === 'manager' ||
    (group === 'coachee' && visibility.coacheeCounted) ||
    (group === 'peer' && (visibility.shown.includes('peer') || visibility.shown.includes('others')));
  const adjusted = new Set(
    responses
      .filter(
        (r) => r.status === 'answered' && r.group !== 'self' && counted(r.group) && offsets.has(r.raterId),
      )
      .map((r) => r.raterId),
  );
  return {
    ratersAdjusted: adjusted.size,
    readinessShift:
      raw === null || calibratedReadiness === null ? null : round1(calibratedReadiness - raw) || 0,
  };
}
