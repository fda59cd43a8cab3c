/**
 * The notes of a leader's report as data, so that each reader gets them in their own language
 * (functions/rendering/report-emails.ts, catalogue keys `note.<kind>`). One kind per English
 * sentence of the readiness model's report notes and of the differencing guard; the English
 * sentences stay in `LeaderReport.withheld` (exports, reports stored before notes were data).
 */
import type { ReportGroup } from './model.ts';

export type ReportNote =
  | { kind: 'groupWithheld'; group: ReportGroup; responses: number; minimum: number }
  | { kind: 'merged'; minimum: number }
  /** `competencies`: ids, named in the reader's language. */
  | { kind: 'itemsHidden'; group: ReportGroup; competencies: string[]; minimum: number }
  | { kind: 'commentsBelowMinimum'; group: ReportGroup; commentMinimum: number }
  | { kind: 'mergedCommentsOneGroup'; commentMinimum: number }
  | { kind: 'mergedCommentsNone'; commentMinimum: number }
  | { kind: 'differencingMeans'; group: ReportGroup; competencies: string[]; minimum: number }
  | { kind: 'differencingComments'; group: ReportGroup };
