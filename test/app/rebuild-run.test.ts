// The rebuild job on the modelled clock: when reading the records takes longer than one run may (a slow Sheets API here),
// the run stops well before Google's 6-minute limit, the next trigger runs go on from the cursor, and people are answered
// from the previous generation meanwhile.
import { guarded } from '../../src/app/handle';
import { allHandlers } from '../../src/app/router';
import { ACTIONS } from '../../src/contract/actions';
import { headerOf, TABLE_NAMES, type Row, type TableName } from '../../src/core/records/tables';
import { generateDemo } from '../../src/demo';
import { localPorts, MovableClock } from '../../src/adapters/memory/memory-services';
import { MemoryWorkbook } from '../../src/adapters/memory/memory-workbook';
import { DURABLE_TABLE } from '../../src/store/durable';
import { ReadModel, type Meta } from '../../src/store/read-model';
import { rebuildReadModel } from '../../src/store/rebuild';
import { PROGRESS_KEY, STAGE_TABLE } from '../../src/store/rebuild-resume';
import { encodeRow } from '../../src/store/table-parse';
import { REBUILD_READ_MS } from '../../src/app/rebuild-run';
import { SCRIPT_RUNTIME_MS } from '../../src/core/google-limits';

const TODAY = '2026-11-25';
const handlers = allHandlers();

function demoPorts(employees: number) {
  const demo = generateDemo({ employees, today: TODAY });
  const wb = new MemoryWorkbook();
  for (const t of TABLE_NAMES) {
    const header = headerOf(t);
    wb.seed(t, header, ((demo as Record<string, Row<TableName>[]>)[t] ?? []).map((r) => { const e = encodeRow(t, r); return header.map((h) => e[h]); }));
  }
  // A few years of Audit (the rebuild reads it whole), so the records take more than one bounded answer.
  const audit = headerOf('Audit');
  wb.seed('Audit', audit, Array.from({ length: 60_000 }, (_, i) => audit.map((h) => (h === 'at' ? `2026-0${1 + (i % 9)}-10T10:00:00Z` : h === 'actorEmail'
    ? `person${i % 977}@kommune.example` : h === 'action' ? 'courses.signUp' : h === 'table' ? 'Enrollments' : h === 'key' ? `enr-${i}`
    : h === 'after' ? `{"status":"enrolled","sessionId":"S${i % 300}"}` : ''))));
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
    // A slow Sheets API: every read of the records takes 70 s (the stage and the durable copy are left at their cost).
    const read = wb.read.bind(wb);
    wb.read = (reqs) => {
      if (reqs.some((r) => r.table !== STAGE_TABLE && r.table !== DURABLE_TABLE)) clock.advance(70_000);
      return read(reqs);
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
    // A run reads while the next call would still end within REBUILD_READ_MS (here two 70 s calls).
    expect(Math.max(...longest)).toBeGreaterThanOrEqual(140_000);
    expect(REBUILD_READ_MS).toBeLessThanOrEqual(SCRIPT_RUNTIME_MS / 2);
    expect(ports.services.log.entries.filter((e) => e.message === 'read model rebuilt')).toHaveLength(1);
  });
});
