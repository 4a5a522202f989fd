// `npm run bench`: figures at municipal scale (15,000 employees) — calls, cells, sizes and times. Figures, not pass/fail.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { guarded } from '../app/handle';
import { allHandlers } from '../app/router';
import { headerOf, TABLE_NAMES, type Row, type TableName } from '../core/records/tables';
import { MemoryWorkbook } from '../store/memory-workbook';
import { ReadModel } from '../store/read-model';
import { readAllTables, rebuildReadModel } from '../store/rebuild';
import { encodeRow } from '../store/table-parse';
import { generateDemo, DEMO_PERSONAS } from './demo';
import { localPorts, MovableClock } from './memory-services';
import { benchImport } from './bench-import';
import { benchCourses, formatCourseBench } from './bench-courses';
import { benchStatus, formatStatusBench } from './bench-status';
import { time } from './bench-time';
import { benchBacklog, check, formatBacklog, INTERACTION_MS, signUpRate } from './bench-limits';

const EMPLOYEES = Number(process.env.BENCH_EMPLOYEES ?? 15_000);
const TODAY = '2026-11-22';

/** DESIGN.md planning costs: first Sheets read ~175 ms then ~27.5 ms per 1,000 cells; getAll ~14 ms; put ~75 ms; write ~500 ms. */
function estimateMs(byKind: Record<string, number>, cellsRead: number): number {
  const reads = byKind['workbook.read'] ?? 0;
  return reads * 175 + (cellsRead / 1000) * 27.5 + (byKind['cache.getAll'] ?? 0) * 14 + (byKind['cache.putAll'] ?? 0) * 75
    + (byKind['workbook.write'] ?? 0) * 500 + (byKind.lock ?? 0) * 20;
}

function fmt(n: number, digits = 0): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

export function seededWorkbook(employees: number): { wb: MemoryWorkbook; rows: number; ms: number } {
  const [data, ms] = time(() => generateDemo({ employees, today: TODAY }));
  const wb = new MemoryWorkbook();
  let rows = 0;
  for (const t of TABLE_NAMES) {
    const header = headerOf(t);
    const list = ((data as Record<string, Row<TableName>[]>)[t] ?? []).map((r) => {
      const enc = encodeRow(t, r);
      return header.map((h) => enc[h]);
    });
    rows += list.length;
    wb.seed(t, header, list);
  }
  return { wb, rows, ms };
}

async function main(): Promise<void> {
  const lines: string[] = [];
  const say = (s = '') => { lines.push(s); console.log(s); };
  say(`Kompetent benchmark — ${fmt(EMPLOYEES)} employees (demo municipality, seed fixed), Node ${process.version}`);
  const { wb, rows, ms: genMs } = seededWorkbook(EMPLOYEES);
  say(`  demo data: ${fmt(rows)} rows generated in ${fmt(genMs)} ms`);

  const clock = new MovableClock('Europe/Oslo', () => Date.parse(`${TODAY}T09:00:00Z`));
  const ports = localPorts(wb, { clock });
  const handlers = allHandlers();

  ports.meter.reset();
  const [result, rebuildMs] = time(() => rebuildReadModel(wb, new ReadModel(ports.cache, () => 'g1'), { now: `${TODAY}T09:00:00Z`, today: TODAY, generation: 'g1' }));
  const m = ports.meter.snapshot();
  say('\nRead-model rebuild (time-driven job)');
  say(`  compute time here: ${fmt(rebuildMs)} ms; calls: ${JSON.stringify(m.byKind)}`);
  say(`  cells read: ${fmt(m.cellsRead)}; views: ${fmt(result.values)} in ${fmt(result.cacheEntries)} cache entries; largest entry: ${fmt(result.largestEntryBytes / 1024, 1)} KiB (CacheService limit 100 KB)`);
  say(`  estimated on Apps Script (DESIGN.md planning costs): ${fmt(estimateMs(m.byKind, m.cellsRead) / 1000, 1)} s of the 6-minute limit`);
  say(`  data-health issues found: ${fmt(result.health.total)}`);

  const staff = DEMO_PERSONAS.staff;
  const event = { commonEventObject: { hostApp: 'GMAIL' } };
  const request = () => guarded(ports, handlers, event, { host: 'gmail', action: 'home', userEmail: staff });
  ports.meter.reset();
  const [, warmMs] = time(request);
  const warm = ports.meter.snapshot();
  say('\nStaff status card (Gmail homepage)');
  say(`  warm: ${warm.calls} call(s) ${JSON.stringify(warm.byKind)}, ${fmt(warm.cellsRead)} cells, handler ${fmt(warmMs, 1)} ms, est. ${fmt(estimateMs(warm.byKind, warm.cellsRead))} ms on Apps Script`);
  ports.services.rawCache.removeAll([`p:${staff}#0`, `p:${staff}#1`]);
  ports.meter.reset();
  const [, coldMs] = time(request);
  const cold = ports.meter.snapshot();
  say(`  cold (person view evicted): ${cold.calls} calls ${JSON.stringify(cold.byKind)}, ${fmt(cold.cellsRead)} cells, handler ${fmt(coldMs, 1)} ms, est. ${fmt(estimateMs(cold.byKind, cold.cellsRead))} ms`);
  (ports.services.rawCache as { clear?: () => void }).clear?.();
  ports.meter.reset();
  const [, emptyMs] = time(request);
  const empty = ports.meter.snapshot();
  say(`  cache empty (worst case): ${empty.calls} calls, ${fmt(empty.cellsRead)} cells, handler ${fmt(emptyMs, 1)} ms, est. ${fmt(estimateMs(empty.byKind, empty.cellsRead) / 1000, 1)} s`);

  const status = benchStatus(readAllTables(wb), { today: TODAY, now: `${TODAY}T09:00:00Z` });
  for (const l of formatStatusBench(status)) say(l);
  say(check('cold staff card, modeled time', Math.round(estimateMs(empty.byKind, empty.cellsRead)), INTERACTION_MS, ' ms'));

  // Go-live: the reminder job every hour from the rebuild's due-list, with half the staff on the Chat app and none.
  say('');
  for (const share of [Number(process.env.BENCH_CHAT_SHARE ?? 0.5), 0]) {
    const backlog = benchBacklog(() => seededWorkbook(EMPLOYEES).wb, handlers, TODAY, share);
    for (const l of formatBacklog(backlog, status.remindersDue, status.peopleReminded)) say(l);
  }
  say('');
  // The worst-case step above emptied the cache: rebuild, as the hourly job would.
  rebuildReadModel(wb, new ReadModel(ports.cache, () => 'g2'), { now: `${TODAY}T09:00:00Z`, today: TODAY, generation: 'g2' });
  const courses = benchCourses({ ...ports, clock }, handlers);
  for (const l of formatCourseBench(courses, estimateMs)) say(l);
  for (const l of signUpRate(courses.lastSignUp)) say(l);

  const imp = await benchImport(EMPLOYEES);
  say(`\nLegacy import (admin CLI, ${fmt(imp.people)} people, ${fmt(imp.fileRows)} file rows)`);
  say(`  parse ${fmt(imp.parseMs)} ms, dry run ${fmt(imp.dryRunMs)} ms, write ${fmt(imp.writeMs)} ms → ${fmt(imp.rowsPerSecond)} rows/s, ${fmt(imp.peoplePerSecond)} people/s`);
  say(`  Sheets API: ${fmt(imp.batchUpdates)} batchUpdate call(s), ${fmt(imp.requestMegabytes, 1)} MB sent; rejects: ${fmt(imp.rejects)}`);

  const bundle = join(process.cwd(), 'build', 'Code.js');
  say('\nApps Script bundle');
  say(existsSync(bundle) ? `  build/Code.js: ${fmt(readFileSync(bundle).length / 1024, 1)} KiB` : '  build/Code.js missing (run npm run build)');
}

main().catch((err: unknown) => { console.error(err); process.exitCode = 1; });
