// At 15,000 employees with a year of Notifications (the largest tab, growing every day until the yearly rotation), the
// daily course and appraisal jobs and the weekly leader digest read only the rows they can owe something against —
// counted by the store's meter — and finish within Google's 6 minutes (the fakes' watchdog throws past it). The digest
// takes its leaders and people from the read model: no table whole.
import { guarded } from '../../src/app/pipeline/handle';
import { allHandlers } from '../../src/app/pipeline/router';
import { headerOf, TABLE_NAMES, type Row, type TableName } from '../../src/core/records/tables';
import { MemoryWorkbook } from '../../src/adapters/memory/memory-workbook';
import { localPorts, MovableClock } from '../../src/adapters/memory/memory-services';
import { encodeRow } from '../../src/store/table-parse';
import type { ReadRequest, ReadResult } from '../../src/store/ports';
import { generateDemo } from '../../src/demo';
import { ReadModel } from '../../src/store/read-model';
import { rebuildReadModel } from '../../src/store/rebuild';

const TODAY = '2026-11-23'; // a Monday: the digest's day
const EMPLOYEES = 15_000;
/** A year of messages at 15,000 employees: the top of DESIGN.md's 45k–135k rows a year. */
const HISTORY_ROWS = 135_000;
const handlers = allHandlers();

function municipality() {
  const demo = generateDemo({ employees: EMPLOYEES, today: TODAY });
  const wb = new MemoryWorkbook();
  for (const t of TABLE_NAMES) {
    const header = headerOf(t);
    wb.seed(t, header, ((demo as Record<string, Row<TableName>[]>)[t] ?? []).map((r) => { const e = encodeRow(t, r); return header.map((h) => e[h] ?? null); }));
  }
  // The past year's messages, in the order they were appended.
  const header = headerOf('Notifications');
  const end = Date.parse(`${TODAY}T04:00:00Z`);
  const step = (365 * 86_400_000) / HISTORY_ROWS;
  const emails = (demo.Employees ?? []).map((e) => e.email);
  const history = Array.from({ length: HISTORY_ROWS }, (_, i) => {
    const r: Record<string, string> = { notificationId: `ntf-h${i}`, kind: 'reminder', recipientEmail: emails[i % emails.length]!,
      subjectKey: `history:${i}`, channel: 'mail', sentAt: new Date(end - (HISTORY_ROWS - i) * step).toISOString().replace(/\.\d{3}Z$/, 'Z') };
    return header.map((h) => r[h] ?? null);
  });
  wb.seed('Notifications', header, history);
  return wb;
}

/** Cells of the Notifications tab in every answer (the meter counts all tables together). */
function countNotificationCells(wb: MemoryWorkbook): { cells: number } {
  const counted = { cells: 0 };
  const read = wb.read.bind(wb);
  wb.read = (requests: ReadRequest[]): ReadResult[] => {
    const out = read(requests);
    for (const r of out) if (r.table === 'Notifications') counted.cells += r.rows.reduce((n, row) => n + row.cells.length, 0);
    return out;
  };
  return counted;
}

/** Cells of each table in every answer from now on (a header-only answer counts its header). */
function countCellsByTable(wb: MemoryWorkbook): Record<string, number> {
  const out: Record<string, number> = {};
  const read = wb.read.bind(wb);
  wb.read = (requests: ReadRequest[]): ReadResult[] => {
    const res = read(requests);
    for (const r of res) if (r.rows.length > 0) out[r.table] = (out[r.table] ?? 0) + r.rows.reduce((n, row) => n + row.cells.length, 0);
    return res;
  };
  return out;
}

describe(`daily and weekly jobs at ${EMPLOYEES.toLocaleString('en')} employees`, () => {
  const wb = municipality();
  const whole = HISTORY_ROWS * headerOf('Notifications').length;
  const counted = countNotificationCells(wb);

  it.each([
    ['job.courseReminders', 8],
    ['job.appraisalReminders', 62],
  ])('%s reads the Notifications rows of at most the last %i days, never the whole tab', (action, days) => {
    const ports = localPorts(wb, { clock: new MovableClock('Europe/Oslo', () => Date.parse(`${TODAY}T05:00:00Z`)) });
    counted.cells = 0;
    ports.meter.reset();
    // Throws GoogleLimitExceeded past 6 minutes (modeled time of every call and cell).
    guarded(ports, handlers, {}, { host: 'job', action, userEmail: '', fromTrigger: true });
    const finished = ports.services.log.entries.find((e) => e.message === `${action} finished`);
    expect(finished).toBeDefined();
    const perDay = (HISTORY_ROWS / 365) * headerOf('Notifications').length;
    // The rows since the look-back, plus at most the doubling slice's overshoot (less than as many again).
    expect(counted.cells).toBeLessThanOrEqual(2 * days * perDay + 2_000 * headerOf('Notifications').length);
    expect(counted.cells).toBeLessThan(whole / 4);
    console.log(`${action}: Notifications cells ${counted.cells} of ${whole} (${(100 * counted.cells / whole).toFixed(1)} %); all cells read ${ports.meter.cellsRead}; calls ${ports.meter.calls}`);
  });

  it('job.leaderDigest works from the read model after the morning\'s rebuild: no table but Settings and the week\'s Notifications', () => {
    const clock = new MovableClock('Europe/Oslo', () => Date.parse(`${TODAY}T04:00:00Z`));
    // Its own ids (the other jobs' ports above numbered theirs from 1 too).
    const ports = localPorts(wb, { clock, idSalt: 'd' });
    rebuildReadModel(wb, new ReadModel(ports.cache, () => 'g1', ports.codec), { now: clock.now().toISOString(), today: TODAY, generation: 'g1' });
    clock.set(`${TODAY}T06:00:00Z`);
    const perTable = countCellsByTable(wb);
    counted.cells = 0;
    ports.meter.reset();
    // Throws GoogleLimitExceeded past 6 minutes (modeled time of every call and cell).
    guarded(ports, handlers, {}, { host: 'job', action: 'job.leaderDigest', userEmail: '', fromTrigger: true });
    const summary = ports.services.log.entries.find((e) => e.message === 'job.leaderDigest finished')?.detail as { from: string; recipients: number };
    expect(summary).toMatchObject({ from: 'read model' });
    expect(summary.recipients).toBeGreaterThan(100);
    // Before: Units, Employees, Competences, Requirements and Certifications whole (about 2.14 million cells).
    expect(Object.keys(perTable).sort()).toEqual(['Notifications', 'Settings']);
    expect(ports.meter.cellsRead - counted.cells).toBeLessThan(1_000);
    // The rows since the week's start (a day early), plus at most the doubling slice's overshoot, as the test above.
    expect(counted.cells).toBeLessThanOrEqual(2 * 8 * (HISTORY_ROWS / 365) * headerOf('Notifications').length + 2_000 * headerOf('Notifications').length);
    const first = `cells read ${ports.meter.cellsRead} (${JSON.stringify(perTable)}); calls ${JSON.stringify(ports.meter.byKind)}`;
    // Run again (a second trigger, a retry): nobody is told twice.
    ports.services.log.entries.length = 0;
    guarded(ports, handlers, {}, { host: 'job', action: 'job.leaderDigest', userEmail: '', fromTrigger: true });
    expect(ports.services.log.entries.find((e) => e.message === 'job.leaderDigest finished')?.detail).toMatchObject({ from: 'read model', recipients: 0 });
    console.log(`job.leaderDigest from the read model: ${summary.recipients} leaders told; ${first}`);
  });
});
