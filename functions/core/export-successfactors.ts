/**
 * SAP SuccessFactors Succession "Import Successors" (Admin Center › Succession › Import Successors),
 * for the role-person nomination method: each consultant leader is nominated as a successor of their
 * team's sales manager (the incumbent), for the configured job code. SuccessFactors generates the
 * template from the instance's nomination method; for role-person it is exactly these columns:
 *
 *   JOBCODE, INCUMBENT_USERID, OLD_JOBCODE, OLD_INCUMBENT_USERID, OLD_TBH_ID, TBH_ID,
 *   TBH_MANAGER_USERID, READINESS, SUCCESSOR_USERID, ACTION
 *
 * Only HR's final decisions go into the file (a promotion nomination must rest on a person's decision,
 * never on the model alone), mapped to the instance's readiness scale through `readiness` in
 * config/successfactors.json; leaders whose final recommendation is not on the
 * scale are not successors and are left out. User ids are the roster's person ids.
 */
import type { Decision } from './decisions.ts';
import type { Recommendation } from './model.ts';
import type { SuccessFactorsSettings } from './successfactors-settings.ts';
import { compareText } from './text.ts';

export const SUCCESSFACTORS_COLUMNS = [
  'JOBCODE',
  'INCUMBENT_USERID',
  'OLD_JOBCODE',
  'OLD_INCUMBENT_USERID',
  'OLD_TBH_ID',
  'TBH_ID',
  'TBH_MANAGER_USERID',
  'READINESS',
  'SUCCESSOR_USERID',
  'ACTION',
] as const;

export interface SuccessorSource {
  leaderId: string;
  managerId: string;
  recommendation: Recommendation;
  decision?: Decision;
}

export interface SuccessorsFile {
  rows: string[][];
  /** Leaders left out, and why: HR has not decided yet, not a successor, or no manager seat. */
  leftOut: { undecided: string[]; notSuccessors: string[]; noManager: string[] };
}

export function successorRows(
  sources: readonly SuccessorSource[],
  settings: SuccessFactorsSettings,
): SuccessorsFile {
  const scale = settings.readiness;
  const leftOut: SuccessorsFile['leftOut'] = { undecided: [], notSuccessors: [], noManager: [] };
  const rows: string[][] = [];
  for (const source of [...sources].sort(
    (a, b) => compareText(a.managerId, b.managerId) || compareText(a.leaderId, b.leaderId),
  )) {
    if (!source.decision) {
      leftOut.undecided.push(source.leaderId);
      continue;
    }
    const readiness = scale[source.decision.finalRecommendation];
    if (readiness === undefined) {
      leftOut.notSuccessors.push(source.leaderId);
      continue;
    }
    if (!source.managerId) {
      leftOut.noManager.push(source.leaderId);
      continue;
    }
    rows.push([
      settings.jobCode,
      source.managerId,
      '',
      '',
      '',
      '',
      '',
      readiness,
      source.leaderId,
      settings.action,
    ]);
  }
  return { rows, leftOut };
}
