/**
 * Each Lambda function as CDK deploys it: bundled with esbuild using the options CDK gets
 * (infra/bundling.ts: minified, platform node, target node24, UTF-8, ESM, the AWS SDK bundled in but for
 * the credential providers Lambda never loads, the `require` banner), then imported in a fresh Node
 * process to time its module initialisation (what a cold start spends before the first handler
 * call, runtime bootstrap aside).
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { ENV, FUNCTIONS } from '../functions/catalog.ts';
import { LAMBDA_BUNDLING } from '../infra/bundling.ts';
import { REPO_ROOT } from '../local/lambda.ts';

/** The budget per function bundle (500 KB). */
export const BUNDLE_LIMIT_BYTES = 500 * 1000;

export interface BundleReport {
  id: string;
  bytes: number;
  /** Median of `runs` imports, each in a new process. */
  initMs: number;
  initRunsMs: number[];
  /** The largest packages in the bundle (bytes in output). */
  largest: { name: string; bytes: number }[];
}

export async function measureBundles(
  options: { runs?: number; onProgress?: (done: number, total: number) => void } = {},
): Promise<BundleReport[]> {
  const runs = options.runs ?? 5;
  const dir = await mkdtemp(join(tmpdir(), 'ladder-bundles-'));
  const reports: BundleReport[] = [];
  try {
    for (const [index, spec] of FUNCTIONS.entries()) {
      const outfile = join(dir, spec.id, 'index.mjs');
      const result = await build({
        entryPoints: [resolve(REPO_ROOT, spec.entry)],
        outfile,
        bundle: true,
        minify: LAMBDA_BUNDLING.minify,
        sourcemap: true,
        sourcesContent: false,
        platform: 'node',
        target: LAMBDA_BUNDLING.target,
        charset: LAMBDA_BUNDLING.charset,
        format: 'esm',
        mainFields: [...LAMBDA_BUNDLING.mainFields],
        banner: { js: LAMBDA_BUNDLING.banner },
        external: [...LAMBDA_BUNDLING.externalModules],
        metafile: true,
        logLevel: 'error',
      });
      const bytes = (await stat(outfile)).size;
      const output = Object.values(result.metafile.outputs).find((o) => o.entryPoint);
      const packages = new Map<string, number>();
      for (const [path, input] of Object.entries(output?.inputs ?? {})) {
        const name = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path)?.[1] ?? 'ladder';
        packages.set(name, (packages.get(name) ?? 0) + input.bytesInOutput);
      }
      const largest = [...packages]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 3)
        .map(([name, size]) => ({ name, bytes: size }));
      const initRunsMs = Array.from({ length: runs }, () => importTime(outfile));
      const sorted = [...initRunsMs].sort((a, b) => a - b);
      reports.push({
        id: spec.id,
        bytes,
        initMs: sorted[Math.floor(sorted.length / 2)]!,
        initRunsMs,
        largest,
      });
      options.onProgress?.(index + 1, FUNCTIONS.length);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return reports;
}

/** Milliseconds from before `import()` to after it, in a new Node process (this Node binary). */
function importTime(file: string): number {
  const script = `const t = performance.now(); await import(${JSON.stringify(`file://${file}`)}); process.stdout.write(String(performance.now() - t));`;
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    encoding: 'utf8',
    env: {
      PATH: process.env.PATH ?? '',
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'bench',
      AWS_SECRET_ACCESS_KEY: 'bench',
      AWS_LAMBDA_FUNCTION_NAME: 'ladder-bench',
      POWERTOOLS_LOG_LEVEL: 'WARN',
      [ENV.tableName]: 'ladder-bench',
      [ENV.senderEmail]: 'ladder@example.com',
      [ENV.formBaseUrl]: 'https://example.com',
      [ENV.stateMachineArn]: 'arn:aws:states:us-east-1:000000000000:stateMachine:ladder-review-cycle',
    },
  });
  if (child.status !== 0) throw new Error(`Importing ${file} failed: ${child.stderr}`);
  return Number(child.stdout);
}
