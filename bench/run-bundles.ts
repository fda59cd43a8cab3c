/**
 * `npm run bench:bundles`: every Lambda bundle's size and module init time (bench/bundles.ts), the
 * same table `npm run bench` prints, without running cycles.
 */
import { BUNDLE_LIMIT_BYTES, measureBundles } from './bundles.ts';

const reports = await measureBundles();
const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} KB`;
console.log('| function       |   bundle | module init | ≤ 500 KB | largest packages |');
console.log('| -------------- | -------: | ----------: | -------- | ---------------- |');
for (const report of reports) {
  const largest = report.largest.map((p) => `${p.name} ${Math.round(p.bytes / 1000)}`).join(', ');
  console.log(
    `| ${report.id.padEnd(14)} | ${kb(report.bytes).padStart(8)} | ${`${report.initMs.toFixed(1)} ms`.padStart(11)} | ${report.bytes <= BUNDLE_LIMIT_BYTES ? 'yes' : 'NO'} | ${largest} |`,
  );
}
if (reports.some((report) => report.bytes > BUNDLE_LIMIT_BYTES)) process.exitCode = 1;
