// The rebuild job on the modelled clock: when reading the records takes longer than one run may (a slow Sheets API here),
// the run stops well before Google's 6-minute limit, the next trigger runs go on from the cursor, and people are answered
// from the previous generation meanwhile.
import { guarded } from '../../../src/app/pipeline/handle';
import { allHandlers } from '../../../src/app/pipeline/router';
import { ACTIONS } from '../../../src/contract/actions';
import { headerOf, TABLE_NAMES, type Row, type TableName } from '../../../src/core/records/tables';
import { generateDemo } from '../../../src/demo';
import { localPorts, MovableClock } from '../../../src/adapters/memory/memory-services';
import { MemoryWorkbook } from '../../../src/adapters/memory/memory-workbook';
import { DURABLE_TABLE } from '../../../src/store/durable';
import { ReadModel, type Meta } from '../../../src/store/read-model';
import { rebuildReadModel } from '../../../src/store/rebuild';
import { PROGRESS_KEY, STAGE_TABLE } from '../../../src/store/rebuild-resume';
import { encodeRow } from '../../../src/store/table-parse';
import { REBUILD_READ_MS } from '../../../src/app/common/rebuild-run';
import { SCRIPT_RUNTIME_MS } from '../../../src/core/google-limits';

const TODAY = '2026-11-25';
const handlers = allHandlers();

function demoPorts(employees: number) {
  const demo = generateDemo({ employees, today: TODAY });
  const wb = new MemoryWorkbook();
  for (const t of TABLE_NAMES) {
    const header = headerOf(t);
    wb.seed(t, header, ((demo as Record<string, Row<TableName>[]>)[t] ?? []).map((r) => { const e = encodeRow(t, r); return header.map((h) => e[h] ?? null); }));
  }
  // Many more certificates (copies of the demo's under new ids), so the records take more than one bounded answer.
  const certs = headerOf('Certifications');
  const base = demo.Certifications!;
  const extra = Array.from({ length: 60_000 }, (_, i) => ({ ...base[i % base.length]!, certificationId: `x-${i}` }));
  wb.seed('Certifications', certs, [...base, ...extra].map((r) => { const e = encodeRow('Certifications', r); return certs.map((h) => e[h] ?? null); }));
  const clock = new MovableClock('Europe/Oslo', () => Date.parse(`${TODAY}T09:00:00Z`));
  return { ports: localPorts(wb, { clock }), wb, clock, demo };
}

const metaOf = (ports: ReturnType<typeof localPorts>): Meta | undefined => {
  const rm = new ReadModel(ports.cache, () => 'x', ports.codec);
  rm.loadPacks(['meta']);
  return rm.pack('meta')?.e.meta as Meta | undefined;
};

describe('job.rebuild across executions (modelled clock)', () => {
  it('stops each run before the limit, goes on from the cursor, serves the old generation meanwhile, then publishes once', () => {
    const { ports, wb, clock, demo } = demoPorts(300);
    rebuildReadModel(wb, new ReadModel(ports.cache, () => 'g-old', ports.codec), { now: `${TODAY}T08:00:00Z`, today: TODAY, generation: 'g-old' });
    // A slow Sheets API: every large answer from the records (1,000 rows or more) takes 100 s; the stage, the durable
    // copy and small reads are left at their modelled cost.
    const read = wb.read.bind(wb);
    wb.read = (reqs) => {
      const out = read(reqs);
      const rows = out.filter((r) => r.table !== STAGE_TABLE && r.table !== DURABLE_TABLE).reduce((n, r) => n + r.rows.length, 0);
      if (rows >= 1000) clock.advance(100_000);
      return out;
    };
    const longest: number[] = [];
    let runs = 0;
    const staff = demo.Employees!.find((e) => e.status === 'active')!.email;
    while (runs < 10) {
      runs++;
      const start = clock.now().getTime();
      // The hourly rebuild starts; the heal job goes on (the run left it the flag). A GoogleLimitExceeded would throw out of guarded and fail the test.
      guarded(ports, handlers, {}, { host: 'job', action: runs === 1 ? ACTIONS.jobRebuild : ACTIONS.jobHeal, userEmail: '', fromTrigger: true });
      longest.push(clock.now().getTime() - start);
      if (!ports.services.progress.values.has(PROGRESS_KEY)) break;
      // Handed over: the previous generation still answers, whole.
      expect(metaOf(ports)?.generation).toBe('g-old');
      const card = guarded(ports, handlers, { commonEventObject: { hostApp: 'GMAIL' } }, { host: 'gmail', action: ACTIONS.myStatus, userEmail: staff });
      expect(JSON.stringify(card.reply)).not.toContain('forberedes');
      // The next run: the heal job, ten minutes on.
      clock.advance(600_000);
    }
    expect(runs).toBeGreaterThan(1);
    expect(metaOf(ports)?.generation).not.toBe('g-old');
    expect(metaOf(ports)?.employees).toBe(demo.Employees!.length);
    // Each run stopped reading at its time and stayed under 5 minutes (Google ends an execution at 6).
    for (const ms of longest) expect(ms).toBeLessThan(5 * 60_000);
    // A run reads while the next call would still end within REBUILD_READ_MS (here one 100 s call).
    expect(Math.max(...longest)).toBeGreaterThanOrEqual(100_000);
    expect(REBUILD_READ_MS).toBeLessThanOrEqual(SCRIPT_RUNTIME_MS / 2);
    expect(ports.services.log.entries.filter((e) => e.message === 'read model rebuilt')).toHaveLength(1);
  });
});
