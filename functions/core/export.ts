/**
 * The HR export: one row per leader and quarter. Column names are part of the public contract
 * (DESIGN §4, README "Export format"): add columns at the end, never rename.
 */
import type { LeaderScore } from './model.ts';

export const EXPORT_COLUMNS = [
  'quarter',
  'leader_id',
  'leader_name',
  'team',
  'readiness_score',
  'recommendation',
  'coaching_score',
  'management_score',
  'responses_coachee',
  'responses_peer',
  'responses_manager',
  'responses_self',
  'declined',
  'expired',
  'development_needs',
  'flags',
  'reasons',
  'config_version',
] as const;

export type ExportColumn = (typeof EXPORT_COLUMNS)[number];
export type ExportRow = Record<ExportColumn, string | number | null>;

export interface ExportSource extends LeaderScore {
  quarter: string;
  leaderName: string;
  team: string;
}

export function toExportRow(rec: ExportSource): ExportRow {
  return {
    quarter: rec.quarter,
    leader_id: rec.leaderId,
    leader_name: rec.leaderName,
    team: rec.team,
    readiness_score: rec.readinessScore,
    recommendation: rec.recommendation,
    coaching_score: rec.coachingScore,
    management_score: rec.managementScore,
    responses_coachee: rec.responses.coachee,
    responses_peer: rec.responses.peer,
    responses_manager: rec.responses.manager,
    responses_self: rec.responses.self,
    declined: rec.declined,
    expired: rec.expired,
    development_needs: rec.developmentNeeds.map((need) => need.id).join(';'),
    flags: rec.flags.join(';'),
    reasons: rec.reasons.join(' '),
    config_version: rec.configVersion,
  };
}

/** Rows sorted by team, then readiness (highest first), then leader id: stable for diffs. */
export function toExportRows(recs: ExportSource[]): ExportRow[] {
  return [...recs]
    .sort(
      (a, b) =>
        a.team.localeCompare(b.team) ||
        (b.readinessScore ?? -1) - (a.readinessScore ?? -1) ||
        a.leaderId.localeCompare(b.leaderId),
    )
    .map(toExportRow);
}
