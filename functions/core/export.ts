/**
 * The HR export: one row per leader and quarter, the same in every format (CSV, JSON, XLSX; the
 * SuccessFactors file is built from these rows too). Column names are part of the public contract
 * (DESIGN §4, README "Export format"): add columns at the end, never rename. Numbers are as HR
 * reads them: attainment in percent, the development plan by course title, trend and gaps in words.
 */
import type { Decision } from './decisions.ts';
import { gapsInWords, planInWords, toPercent, trendInWords } from './export-words.ts';
import type { LeaderScore } from './model.ts';
import { compareText } from './text.ts';

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
  // HR's calibration decision in force (docs/console.md): empty until someone decided.
  'final_recommendation',
  'decision',
  'decision_reason',
  'decision_note',
  'decided_by',
  'decided_at',
] as const;

export type ExportColumn = (typeof EXPORT_COLUMNS)[number];
export type ExportRow = Record<ExportColumn, string | number | null>;

/**
 * How a column's value is written: `percent` values are percentages (93.5 = 93.5 %), `datetime`
 * values ISO 8601 UTC text. XLSX cells get the matching type and number format.
 */
export type ColumnType = 'text' | 'integer' | 'number' | 'percent' | 'datetime';

const INTEGER_COLUMNS: readonly ExportColumn[] = [
  'responses_coachee',
  'responses_peer',
  'responses_manager',
  'responses_self',
  'declined',
  'expired',
  'bounced',
  'complained',
  'undeliverable',
  'suppressed',
];
const NUMBER_COLUMNS: readonly ExportColumn[] = [
  'readiness_score',
  'coaching_score',
  'management_score',
  'readiness_margin',
  'coaching_impact',
];

export function columnType(column: ExportColumn): ColumnType {
  if (INTEGER_COLUMNS.includes(column)) return 'integer';
  if (NUMBER_COLUMNS.includes(column)) return 'number';
  if (column === 'own_attainment') return 'percent';
  if (column === 'decided_at') return 'datetime';
  return 'text';
}

/** Column headings for people (the XLSX sheet); CSV and JSON keep the contract names. */
export const COLUMN_TITLES: Record<ExportColumn, string> = {
  quarter: 'Quarter',
  leader_id: 'Leader ID',
  leader_name: 'Leader',
  team: 'Team',
  readiness_score: 'Readiness (0–100)',
  recommendation: 'Model recommendation',
  coaching_score: 'Coaching (0–100)',
  management_score: 'Management (0–100)',
  responses_coachee: 'Coachee answers',
  responses_peer: 'Peer answers',
  responses_manager: 'Manager answers',
  responses_self: 'Self-assessment',
  declined: 'Declined',
  expired: 'Unanswered',
  development_needs: 'Development needs',
  flags: 'Flags',
  reasons: 'Reasons',
  config_version: 'Configuration',
  bounced: 'Bounced emails',
  complained: 'Complaints',
  confidence: 'Confidence',
  readiness_margin: 'Readiness margin (± points)',
  trend: 'Trend',
  self_other_gaps: 'Self–other gaps',
  development_plan: 'Development plan',
  own_attainment: 'Own attainment',
  coaching_impact: 'Coaching impact (percentage points)',
  undeliverable: 'Undeliverable emails',
  suppressed: 'Not sent (suppressed address)',
  final_recommendation: 'Final recommendation',
  decision: 'HR decision',
  decision_reason: 'Decision reason',
  decision_note: 'Decision note',
  decided_by: 'Decided by',
  decided_at: 'Decided at (UTC)',
};

export interface ExportSource extends LeaderScore {
  quarter: string;
  leaderName: string;
  team: string;
  /**
   * Feedback requests about this leader whose email hard-bounced / drew a complaint, that SES
   * refused (undeliverable), and that were not emailed to a suppressed address.
   */
  delivery?: { bounced: number; complained: number; undeliverable?: number; suppressed?: number };
  /** HR's decision in force for this leader and quarter. */
  decision?: Decision;
}

export function toExportRow(rec: ExportSource): ExportRow {
  const decision = rec.decision;
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
    trend: rec.trend ? trendInWords(rec.trend) : null,
    self_other_gaps: gapsInWords(rec.report.selfOther ?? []),
    development_plan: planInWords(rec.report.developmentPlan ?? []),
    own_attainment: toPercent(rec.sales?.ownRecent),
    coaching_impact: rec.sales?.coachingImpact ?? null,
    undeliverable: rec.delivery?.undeliverable ?? 0,
    suppressed: rec.delivery?.suppressed ?? 0,
    final_recommendation: decision?.finalRecommendation ?? null,
    decision: decision?.action ?? null,
    decision_reason: decision ? `${decision.reasonLabel} (${decision.reasonCode})` : null,
    decision_note: decision?.note || null,
    decided_by: decision ? `${decision.decidedBy.name} <${decision.decidedBy.email}>` : null,
    decided_at: decision?.decidedAt ?? null,
  };
}

/** Rows sorted by team, then readiness (highest first), then leader id: stable for diffs. */
export function toExportRows(recs: ExportSource[]): ExportRow[] {
  return [...recs]
    .sort(
      (a, b) =>
        compareText(a.team, b.team) ||
        (b.readinessScore ?? -1) - (a.readinessScore ?? -1) ||
        compareText(a.leaderId, b.leaderId),
    )
    .map(toExportRow);
}
