/** `ladder person erase --id ID`: one person's personal data removed or anonymised in every quarter. */
import { userInfo } from 'node:os';
import type { ErasedKind } from '../../functions/core/erasure.ts';
import {
  ErasureRefused,
  type ErasureReport,
  erasePerson,
} from '../../functions/shared/store/erasure-store.ts';
import { CommandError } from './roster.ts';

/** Every kind of step, labelled (typed by ErasedKind: a new kind cannot go unlabelled). */
const KIND_LABELS: Record<ErasedKind, string> = {
  'roster-person': 'roster entries deleted',
  'sales-figure': 'sales figures deleted',
  leniency: 'leniency records deleted',
  'link-token': 'link tokens deleted',
  'promotion-record': 'promotion records deleted',
  request: 'feedback requests anonymised',
  recommendation: 'recommendations anonymised',
  invitee: 'invitation and reminder records anonymised',
  'report-email': 'report email records anonymised',
  'calibration-decision': 'calibration decisions anonymised',
  'leader-digest': 'console digests deleted (rebuilt on the next read)',
  'other-keyed-item': 'other items about them deleted',
  reference: 'items that mentioned them cleaned',
};

function operator(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown operator';
  }
}

export function formatErasure(personId: string, report: ErasureReport): string {
  const counts = Object.entries(report.steps).map(
    ([kind, n]) => `  ${KIND_LABELS[kind as ErasedKind] ?? kind}: ${n}`,
  );
  if (!report.found) return `No data about ${personId} was found; nothing was changed.`;
  if (report.dryRun) return [`Erasing ${personId} would change (nothing was changed):`, ...counts].join('\n');
  return [
    `Erased ${personId} from every quarter; counts of responses and recommendations stay as they were.`,
    ...counts,
    `Audit entry: ${report.audit?.sk}`,
  ].join('\n');
}

export async function personErase(
  options: { id: string; by?: string; reference?: string; dryRun?: boolean },
  log: (line: string) => void = console.log,
): Promise<ErasureReport> {
  try {
    const report = await erasePerson(options.id, {
      by: options.by ?? operator(),
      ...(options.reference ? { reference: options.reference } : {}),
      ...(options.dryRun ? { dryRun: true } : {}),
    });
    log(formatErasure(options.id, report));
    return report;
  } catch (error) {
    if (error instanceof ErasureRefused) throw new CommandError(error.message);
    throw error;
  }
}
