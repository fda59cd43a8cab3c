/**
 * Settings of the SAP SuccessFactors "Import Successors" export, in their own file
 * (config/successfactors.json): they belong to the company's SuccessFactors instance (its job code
 * and readiness rating scale), not to the readiness model. Validated at load with zod/mini, which
 * keeps the export function small (docs/cost.md, "Lambda size").
 */
import * as z from 'zod/mini';
import raw from '../../config/successfactors.json' with { type: 'json' };
import { RECOMMENDATIONS } from './model.ts';

const text = z.string().check(z.trim(), z.minLength(1), z.maxLength(100));

export const successFactorsSchema = z.strictObject({
  /** JOBCODE of the sales manager role the leaders are nominated for. */
  jobCode: text,
  /** ACTION of every row: ADD nominates, UPDATE changes the readiness of an existing nomination. */
  action: z.enum(['ADD', 'UPDATE']),
  /**
   * Final recommendation → READINESS value of the instance's readiness scale. Leaders whose final
   * recommendation is not listed are not successors and are left out of the file.
   */
  readiness: z
    .partialRecord(z.enum(RECOMMENDATIONS), text)
    .check(z.refine((scale) => Object.keys(scale).length > 0, 'needs at least one recommendation')),
});

export type SuccessFactorsSettings = z.infer<typeof successFactorsSchema>;

export function parseSuccessFactorsSettings(value: unknown): SuccessFactorsSettings {
  const result = successFactorsSchema.safeParse(value);
  if (!result.success) {
    const problems = result.error.issues.map(
      (issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`,
    );
    throw new Error(`Invalid config/successfactors.json:\n  ${problems.join('\n  ')}`);
  }
  return result.data;
}

export const SUCCESSFACTORS_SETTINGS: SuccessFactorsSettings = parseSuccessFactorsSettings(raw);
