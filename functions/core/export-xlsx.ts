/**
 * The export as an Excel workbook (write-excel-file: small, no dependencies but fflate, so the export
 * function stays well under the bundle budget). Typed columns: scores and counts are numbers,
 * attainment a percentage, decision times real dates, everything else text (a text cell is never
 * evaluated as a formula). Sheet "Readiness" has a row per leader with the model's recommendation
 * and HR's final one side by side; sheet "Calibration history" every decision, oldest first.
 */
import writeXlsxFile, { type Cell, type SheetData } from 'write-excel-file/node';
import { compareDecisions, type Decision } from './decisions.ts';
import { COLUMN_TITLES, columnType, EXPORT_COLUMNS, type ExportColumn, type ExportRow } from './export.ts';
import { DECISION_LABELS, recommendationLabel } from './labels.ts';

/** Columns first in the workbook: the model's and HR's recommendation next to each other. */
const XLSX_FIRST: readonly ExportColumn[] = [
  'quarter',
  'leader_id',
  'leader_name',
  'team',
  'readiness_score',
  'recommendation',
  'final_recommendation',
  'decision',
  'decision_reason',
  'decision_note',
  'decided_by',
  'decided_at',
];

/** XLSX_FIRST, then the rest in contract order. */
export const XLSX_COLUMNS: readonly ExportColumn[] = [
  ...XLSX_FIRST,
  ...EXPORT_COLUMNS.filter((column) => !XLSX_FIRST.includes(column)),
];

const WORDS: Partial<Record<ExportColumn, (value: string) => string>> = {
  recommendation: recommendationLabel,
  final_recommendation: recommendationLabel,
  decision: (value) => DECISION_LABELS[value as keyof typeof DECISION_LABELS] ?? value,
};

const WIDE: Partial<Record<ExportColumn, number>> = {
  leader_name: 24,
  team: 16,
  recommendation: 22,
  final_recommendation: 22,
  decision_reason: 36,
  decision_note: 40,
  decided_by: 30,
  decided_at: 18,
  reasons: 60,
  trend: 50,
  self_other_gaps: 50,
  development_plan: 50,
};

const header = (text: string): Cell => ({ value: text, type: String, fontWeight: 'bold', wrap: true });

function cell(column: ExportColumn, value: string | number | null): Cell {
  if (value === null || value === '') return null;
  switch (columnType(column)) {
    case 'integer':
      return { value: Number(value), type: Number, format: '0' };
    case 'number':
      return { value: Number(value), type: Number, format: '0.0' };
    case 'percent':
      // Stored as a fraction, shown as a percentage: 93.5 in the row is 0.935 in the cell.
      return { value: Number(value) / 100, type: Number, format: '0.0%' };
    case 'datetime':
      return { value: new Date(String(value)), type: Date, format: 'yyyy-mm-dd hh:mm' };
    default: {
      const words = WORDS[column];
      return { value: words ? words(String(value)) : String(value), type: String };
    }
  }
}

function readinessSheet(rows: readonly ExportRow[]): SheetData {
  return [
    XLSX_COLUMNS.map((column) => header(COLUMN_TITLES[column])),
    ...rows.map((row) => XLSX_COLUMNS.map((column) => cell(column, row[column]))),
  ];
}

const HISTORY_TITLES = [
  'Quarter',
  'Leader ID',
  'Decided at (UTC)',
  'Decided by',
  'HR decision',
  'Model recommendation',
  'Final recommendation',
  'Reason',
  'Note',
];

function historySheet(decisions: readonly Decision[]): SheetData {
  return [
    HISTORY_TITLES.map(header),
    ...[...decisions]
      .sort(compareDecisions)
      .map((decision): Cell[] => [
        { value: decision.quarter, type: String },
        { value: decision.leaderId, type: String },
        { value: new Date(decision.decidedAt), type: Date, format: 'yyyy-mm-dd hh:mm' },
        { value: `${decision.decidedBy.name} <${decision.decidedBy.email}>`, type: String },
        { value: DECISION_LABELS[decision.action], type: String },
        { value: recommendationLabel(decision.modelRecommendation), type: String },
        { value: recommendationLabel(decision.finalRecommendation), type: String },
        { value: `${decision.reasonLabel} (${decision.reasonCode})`, type: String },
        decision.note ? { value: decision.note, type: String } : null,
      ]),
  ];
}

/** The workbook as bytes. */
export async function toXlsx(rows: readonly ExportRow[], decisions: readonly Decision[]): Promise<Buffer> {
  return writeXlsxFile([
    {
      data: readinessSheet(rows),
      sheet: 'Readiness',
      columns: XLSX_COLUMNS.map((column) => ({ width: WIDE[column] ?? 12 })),
      stickyRowsCount: 1,
    },
    {
      data: historySheet(decisions),
      sheet: 'Calibration history',
      columns: [10, 14, 18, 30, 14, 22, 22, 36, 40].map((width) => ({ width })),
      stickyRowsCount: 1,
    },
  ]).toBuffer();
}
