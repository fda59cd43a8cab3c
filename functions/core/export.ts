/**
 * The HR export: one row per leader and quarter. Column names are part of the public contract
 * (DESIGN §4, README "Export format"): add columns at the end, never rename.
 */
import type { LeaderScore, Trend } from './model.ts';

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
  // Delivery problems with this leader's feedback requests (SES hard bounces and complaints).
  'bounced',
  'complained',
  // The readiness model (docs/scoring.md): empty for recommendations written before it.
  'confidence',
  'readiness_margin',
  'trend',
  'self_other_gaps',
  'development_plan',
  'own_attainment',
  'coaching_impact',
  // More delivery problems: requests whose rater SES refused to email (an address it cannot take,
  // an unverified recipient in the sandbox), and requests not emailed to a suppressed address.
  'undeliverable',
  'suppressed',
] as const;

export type ExportColumn = (typeof EXPORT_COLUMNS)[number];
export type ExportRow = Record<ExportColumn, string | number | null>;

export interface ExportSource extends LeaderScore {
  quarter: string;
  leaderName: string;
  team: string;
  /**
   * Feedback requests about this leader whose email hard-bounced / drew a complaint, that SES
   * refused (undeliverable), and that were not emailed to a suppressed address.
   */
  delivery?: { bounced: number; complained: number; undeliverable?: number; suppressed?: number };
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
    bounced: rec.delivery?.bounced ?? 0,
    complained: rec.delivery?.complained ?? 0,
    confidence: rec.confidence?.level ?? null,
    readiness_margin: rec.confidence?.readiness.margin ?? null,
    trend: rec.trend ? formatTrend(rec.trend) : null,
    self_other_gaps: (rec.report.selfOther ?? [])
      .map((gap) => `${gap.id} ${gap.kind} ${gap.gap > 0 ? '+' : ''}${gap.gap.toFixed(2)}`)
      .join('; '),
    development_plan: (rec.report.developmentPlan ?? [])
      .map(
        (item) =>
          `${item.id}: ${item.suggestions.map((s) => s.id).join(', ') || 'no training in the catalogue'}`,
      )
      .join('; '),
    own_attainment: rec.sales?.ownRecent ?? null,
    coaching_impact: rec.sales?.coachingImpact ?? null,
    undeliverable: rec.delivery?.undeliverable ?? 0,
    suppressed: rec.delivery?.suppressed ?? 0,
  };
}

/** `rising (+3.2/quarter): 2026-Q1 70.1; 2026-Q2 73.0; …` — each quarter's own readiness. */
function formatTrend(trend: Trend): string {
  const slope =
    trend.slope === null ? '' : ` (${trend.slope > 0 ? '+' : ''}${trend.slope.toFixed(1)}/quarter)`;
  const points = trend.points.map(
    (p) => `${p.quarter} ${p.readiness === null ? 'n/a' : p.readiness.toFixed(1)}`,
  );
  return `${trend.direction}${slope}: ${points.join('; ')}`;
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
