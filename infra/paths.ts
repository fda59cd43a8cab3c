/**
 * Filesystem locations the CDK app needs. Plain Node (no CDK import), so tests and the local
 * runtime can import them cheaply.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repository root (this file lives in `<root>/infra/`). */
export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The one workflow definition: deployed by CDK (with definition substitutions) and run locally. */
export const STATE_MACHINE_DEFINITION_FILE = join(REPO_ROOT, 'statemachines', 'review-cycle.asl.json');

/** The lock file NodejsFunction bundles against (also marks the project root for esbuild). */
export const LOCK_FILE = join(REPO_ROOT, 'package-lock.json');

/** Absolute path of a catalog entry (`functions/handlers/x.ts`, relative to the repository root). */
export function entryPath(relativeEntry: string): string {
  return join(REPO_ROOT, relativeEntry);
}

/** The definition file's text, exactly as stored. */
export function readStateMachineDefinition(): string {
  return readFileSync(STATE_MACHINE_DEFINITION_FILE, 'utf8');
}

/** Every `${Name}` placeholder of a definition, de-duplicated, in order of first appearance. */
export function definitionPlaceholders(definition: string): string[] {
  return [...new Set([...definition.matchAll(/\$\{([A-Za-z0-9_]+)\}/g)].map((match) => match[1]!))];
}
