/**
 * `npm run bench:import`: how long the pure roster import (functions/core/roster.ts) takes on large
 * files as HR's tools write them — the 10,000-leader roster of bench/roster.ts as UTF-8 with commas
 * and as Windows-1252 with semicolons, and a 5 MB file where every row is wrong. Prints numbers;
 * asserts nothing but that each file gives the expected verdict.
 */
import { performance } from 'node:perf_hooks';
import { parseRoster } from '../functions/core/roster.ts';
import { syntheticRoster } from './roster.ts';

const HEADER = 'person_id,name,email,role,team,manager_id,coach_id,locale,time_zone';

function rosterText(separator: string): string {
  const zones = ['Europe/Berlin', 'Europe/Paris', 'America/New_York', ''];
  const rows = syntheticRoster(10_000).map((p, i) =>
    [
      p.personId,
      `${p.name} Müller`,
      p.email,
      p.role,
      p.team,
      p.managerId,
      p.coachId,
      i % 3 ? 'de-DE' : '',
      zones[i % 4],
    ].join(separator),
  );
  return [HEADER.replaceAll(',', separator), ...rows].join('\r\n');
}

function allBad(bytes: number): string {
  const rows: string[] = [HEADER];
  let size = HEADER.length;
  for (let i = 0; size < bytes; i++) {
    const row = `p${i},Name ${i},not-an-address-${i},boss,North,,,,`;
    rows.push(row);
    size += row.length + 1;
  }
  return rows.join('\n');
}

function measure(label: string, input: Uint8Array, expectOk: boolean) {
  parseRoster(input); // warm-up
  const runs = 3;
  const start = performance.now();
  let result = parseRoster(input);
  for (let i = 1; i < runs; i++) result = parseRoster(input);
  const ms = (performance.now() - start) / runs;
  if (result.ok !== expectOk) throw new Error(`${label}: expected ok=${expectOk}`);
  const detail = result.ok
    ? `${result.counts.people.toLocaleString('en')} people, ${result.warningCount} warning(s), ${result.encoding.name}`
    : `${result.errorCount.toLocaleString('en')} problems, ${result.errors.length} listed`;
  const mb = (input.length / 1e6).toFixed(1);
  console.log(`${label.padEnd(44)} ${mb.padStart(5)} MB  ${ms.toFixed(0).padStart(6)} ms  ${detail}`);
}

console.log('Roster import (pure core), mean of 3 runs after a warm-up:');
measure('10,000 leaders, UTF-8, commas', Buffer.from(rosterText(','), 'utf8'), true);
measure('10,000 leaders, Windows-1252, semicolons', Buffer.from(rosterText(';'), 'latin1'), true);
measure('every row wrong', Buffer.from(allBad(5_000_000), 'utf8'), false);
