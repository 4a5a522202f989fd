// At 15,000 employees with a year of Notifications (the largest tab, growing every day until the yearly rotation), the
// daily course and appraisal jobs and the weekly leader digest read only the rows they can owe something against —
// counted by the store's meter — and finish within Google's 6 minutes (the fakes' watchdog throws past it).
import { guarded } from '../../src/app/pipeline/handle';
import { allHandlers } from '../../src/app/pipeline/router';
import { headerOf, TABLE_NAMES, type Row, type TableName } from '../../src/core/records/tables';
import { MemoryWorkbook } from '../../src/adapters/memory/memory-workbook';
import { localPorts, MovableClock } from '../../src/adapters/memory/memory-services';
import { encodeRow } from '../../src/store/table-parse';
import type { ReadRequest, ReadResult } from '../../src/store/ports';
import { generateDemo } from '../../src/demo';

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

describe(`daily and weekly jobs at ${EMPLOYEES.toLocaleString('en')} employees`, () => {
  const wb = municipality();
  const whole = HISTORY_ROWS * headerOf('Notifications').length;
  const counted = countNotificationCells(wb);

  it.each([
    ['job.courseReminders', 8],
    ['job.leaderDigest', 8],
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
});
