// Issue #12: the monthly rotation copies the rows dated before its cutoff into their year's archive, verifies counts and
// checksums there, and only then deletes from the records — resumable, never a row it has not verified, and safe against
// a hand edit at the delete; a year's archive fills month by month and only the months moved are read back.
import { headerOf } from '../../src/core/records/tables';
import type { RawCell } from '../../src/core/records/cells';
import { MemoryWorkbook } from '../../src/adapters/memory/memory-workbook';
import { MemoryArchiveShelf } from '../../src/adapters/memory/memory-archives';
import { createNodeSheetsTransport } from '../../src/adapters/node/sheets-node-transport';
import { SheetsWorkbook } from '../../src/adapters/google/sheets-workbook';
import { driveArchiveShelf } from '../../src/adapters/google/drive-archives';
import { withBearer } from '../../src/adapters/google/transport';
import { Meter, type ArchiveShelf, type WorkbookPort } from '../../src/store/ports';
import { archiveName } from '../../src/core/drive-names';
import { AUDIT_TAIL_ROWS, Records, insert } from '../../src/store/records';
import { labelledHeader, tabTitle } from '../../src/core/records/labels';
import { checksum, cutoffOfSetting, dateOfText, fingerprint, namesOf, readRaw, readSpan, rotateTable, TAIL_PROBE_ROWS, yearOfText, type RotationContext } from '../../src/store/rotation';
import { SheetsDouble } from '../support/sheets-double';
import type { HandEdit } from '../support/sheets-double-model';
import { fixtureWorkbook } from '../support/fixture';
import { localPorts } from '../../src/adapters/memory/memory-services';
import { ReadModel } from '../../src/store/read-model';
import { rebuildReadModel } from '../../src/store/rebuild';

const AH = headerOf('Audit');
const NH = headerOf('Notifications');
const audit = (at: string, i: number): string[] => AH.map((h) => ({ at, actorEmail: `p${i}@kommune.example`, action: 'signUp', table: 'Enrollments', key: `E${i}`, after: `{"n":${i}}` } as Record<string, string>)[h] ?? '');
const note = (sentAt: string, i: number): string[] => NH.map((h) => ({ notificationId: `ntf-${i}`, kind: 'reminder', recipientEmail: `p${i}@kommune.example`, subjectKey: `cert:${i}`, channel: 'mail', sentAt } as Record<string, string>)[h] ?? '');

/** Audit: 300 rows of 2024, 500 of 2025, then 250 of 2026 (more than the tail the request keys need). */
function auditRows(): string[][] {
  const out: string[][] = [];
  for (let i = 0; i < 300; i++) out.push(audit(`2024-0${1 + (i % 9)}-1${i % 10}T08:00:00Z`, i));
  for (let i = 300; i < 800; i++) out.push(audit(`2025-1${i % 3}-0${1 + (i % 9)}T09:00:00Z`, i));
  for (let i = 800; i < 1050; i++) out.push(audit(`2026-0${1 + (i % 9)}-2${i % 8}T10:00:00Z`, i));
  return out;
}

function ctxOf(workbook: WorkbookPort, shelf: ArchiveShelf, opts: { outOfTime?: () => boolean } = {}): RotationContext & { ids: Map<number, string>; ends: number[]; logs: string[] } {
  const ids = new Map<number, string>();
  const ends: number[] = [];
  const logs: string[] = [];
  return {
    ids, ends, logs, workbook,
    archiveFor: (year) => {
      if (!ids.has(year)) ids.set(year, shelf.list().find((a) => a.year === year)?.spreadsheetId ?? shelf.create(year));
      return shelf.open(ids.get(year)!);
    },
    outOfTime: opts.outOfTime ?? (() => false),
    locked: (fn) => fn(),
    auditEndMoved: (n) => { ends.push(n); },
    log: (m) => { logs.push(m); },
  };
}

/** Fingerprints by field (a header by Norwegian label or English key gives the same), as the rotation compares rows. */
const fps = (header: string[], rows: RawCell[][], table = 'Audit') => rows.map((r) => fingerprint(header, namesOf(header, table), r, table));

describe('the year a row belongs to is the municipality\'s (Europe/Oslo), not UTC\'s', () => {
  it('at New Year: 23:30 on 31 December in Oslo stays in the old year, 00:30 on 1 January (still 2026 in UTC) is the new one', () => {
    const meter = new Meter();
    const records = new MemoryWorkbook(meter);
    // Notifications (Audit keeps its newest rows for the request keys whatever their year).
    records.seed('Notifications', NH, [
      note('2026-12-31T22:30:00Z', 1), // 23:30 in Oslo, 31 Dec 2026
      note('2026-12-31T23:30:00Z', 2), // 00:30 in Oslo, 1 Jan 2027 (UTC still says 2026)
      note('2027-01-01T10:00:00Z', 3),
      // In summer Oslo is UTC+2: 22:30Z on 30 June is 00:30 on 1 July, the same year either way.
      note('2026-06-30T22:30:00Z', 4),
    ]);
    const shelf = new MemoryArchiveShelf(meter);
    const ctx = { ...ctxOf(records, shelf), timeZone: 'Europe/Oslo' };
    const at = NH.indexOf('sentAt');
    const out = rotateTable(ctx, 'Notifications', '2027-01-01');
    expect(out.years.map((y) => [y.year, y.rows, y.archived, y.verified])).toEqual([[2026, 2, 2, true]]);
    expect(records.dump('Notifications')!.rows.map((r) => r[at])).toEqual(['2026-12-31T23:30:00Z', '2027-01-01T10:00:00Z']);
    const a26 = shelf.open(ctx.ids.get(2026)!) as MemoryWorkbook;
    expect(a26.dump('Notifications')!.rows.map((r) => r[at]).sort()).toEqual(['2026-06-30T22:30:00Z', '2026-12-31T22:30:00Z']);
    // Next year's rotation takes the 00:30 row into 2027's archive and verifies it there.
    const next = rotateTable(ctx, 'Notifications', '2028-01-01');
    expect(next.years.map((y) => [y.year, y.rows, y.archived, y.verified])).toEqual([[2027, 2, 2, true]]);
    expect(records.dump('Notifications')!.rows).toHaveLength(0);
  });
});

describe('the date a row belongs to, against a monthly cutoff, is the municipality\'s (Europe/Oslo)', () => {
  it('dates an instant by its day in Oslo and a plain date by itself; a month begins at midnight in Oslo', () => {
    // 00:30 on 1 December in Oslo is 23:30 on 30 November in UTC: December.
    expect(dateOfText('2026-11-30T23:30:00Z')).toBe('2026-12-01');
    expect(dateOfText('2026-11-30T22:30:00Z')).toBe('2026-11-30');
    // Summer time (UTC+2): 22:30Z on 31 July is 00:30 on 1 August.
    expect(dateOfText('2026-07-31T22:30:00Z')).toBe('2026-08-01');
    expect(dateOfText('2026-07-31T21:30:00Z')).toBe('2026-07-31');
    expect(dateOfText(' 2026-11-30 ')).toBe('2026-11-30');
    expect([dateOfText(''), dateOfText('30.11.2026'), dateOfText('soon')]).toEqual([undefined, undefined, undefined]);
    expect([yearOfText('2026-12-31T23:30:00Z'), yearOfText('2026-12-31T22:30:00Z'), yearOfText('2026-12-31')]).toEqual([2027, 2026, 2026]);
  });

  it('reads a stored rotatedThrough: a cutoff date as it is, a year from the yearly version as the next 1 January', () => {
    expect(cutoffOfSetting('2026-11-01')).toBe('2026-11-01');
    expect(cutoffOfSetting('2025')).toBe('2026-01-01');
    expect(cutoffOfSetting(' 2025 ')).toBe('2026-01-01');
    expect([cutoffOfSetting(''), cutoffOfSetting('x'), cutoffOfSetting('2026-11')]).toEqual(['', '', '']);
  });

  it('rotates the rows dated before the cutoff and keeps those at and after it: 00:30 on 1 December in Oslo stays', () => {
    const meter = new Meter();
    const records = new MemoryWorkbook(meter);
    records.seed('Notifications', NH, [
      note('2026-10-15T10:00:00Z', 1),
      note('2026-11-30T22:30:00Z', 2), // 23:30 on 30 November in Oslo: goes
      note('2026-11-30T23:30:00Z', 3), // 00:30 on 1 December in Oslo (UTC still says November): stays
      note('2026-11-30', 4), // a plain date before the cutoff: goes
      note('2026-12-01', 5), // a plain date on the cutoff: stays
      note('2026-12-03T08:00:00Z', 6),
      note('not a date', 7), // undated: never rotated
    ]);
    const shelf = new MemoryArchiveShelf(meter);
    const ctx = { ...ctxOf(records, shelf), timeZone: 'Europe/Oslo' };
    const out = rotateTable(ctx, 'Notifications', '2026-12-01');
    expect(out.years.map((y) => [y.year, y.from, y.before, y.rows, y.appended, y.archived, y.verified])).toEqual([[2026, '2026-10-15', '2026-12-01', 3, 3, 3, true]]);
    expect([out.removed, out.remaining, out.undated]).toEqual([3, 0, 1]);
    const at = NH.indexOf('sentAt');
    expect(records.dump('Notifications')!.rows.map((r) => r[at])).toEqual(['2026-11-30T23:30:00Z', '2026-12-01', '2026-12-03T08:00:00Z', 'not a date']);
    // The next month's cutoff takes the 00:30 row and the plain December date into the same year's archive.
    const next = rotateTable(ctx, 'Notifications', '2027-01-01');
    expect(next.years.map((y) => [y.year, y.rows, y.appended, y.verified])).toEqual([[2026, 3, 3, true]]);
    const archive = (shelf.open(ctx.ids.get(2026)!) as MemoryWorkbook).dump('Notifications')!;
    expect(archive.rows.map((r) => r[archive.header.indexOf(labelledHeader('Notifications')[at]!)])).toEqual([
      '2026-10-15T10:00:00Z', '2026-11-30T22:30:00Z', '2026-11-30', '2026-11-30T23:30:00Z', '2026-12-01', '2026-12-03T08:00:00Z',
    ]);
  });
});

describe('a year\'s archive filled month by month', () => {
  /** `n` Notifications rows spread over the days of a month (in time order), numbered from `first`. */
  const month = (ym: string, n: number, first: number, pad = '') => Array.from({ length: n }, (_, i) =>
    note(`${ym}-${String(1 + Math.floor((i * 28) / n)).padStart(2, '0')}T09:00:00Z`, first + i).map((c, j) => (NH[j] === 'subjectKey' ? `${c}${pad}` : c)));

  function setup(sizes: { sep: number; oct: number; nov: number }, pad = '') {
    const meter = new Meter();
    const records = new MemoryWorkbook(meter);
    const rows = [...month('2026-09', sizes.sep, 0, pad), ...month('2026-10', sizes.oct, 100_000, pad), ...month('2026-11', sizes.nov, 200_000, pad)];
    records.seed('Notifications', NH, rows);
    const shelf = new MemoryArchiveShelf(meter);
    return { meter, records, shelf, rows };
  }
  const archiveOf = (shelf: MemoryArchiveShelf, ctx: { ids: Map<number, string> }) => (shelf.open(ctx.ids.get(2026)!) as MemoryWorkbook).dump('Notifications')!;

  it('the second run appends only the new month, verifies it, and reads back the month moved, not the year', () => {
    const { meter, records, shelf, rows } = setup({ sep: 9_000, oct: 300, nov: 200 });
    const first = rotateTable(ctxOf(records, shelf), 'Notifications', '2026-10-01');
    expect(first.years.map((y) => [y.year, y.from, y.rows, y.appended, y.archived, y.verified])).toEqual([[2026, '2026-09-01', 9_000, 9_000, 9_000, true]]);
    expect(first.removed).toBe(9_000);

    meter.reset();
    const ctx = ctxOf(records, shelf);
    const second = rotateTable(ctx, 'Notifications', '2026-11-01');
    const [oct] = second.years;
    expect([oct!.from, oct!.rows, oct!.appended, oct!.archived, oct!.verified]).toEqual(['2026-10-01', 300, 300, 300, true]);
    expect(oct!.archiveChecksum).toBe(oct!.checksum);
    expect([second.removed, second.remaining]).toEqual([300, 0]);
    // The archive holds September then October, each row once; the records keep November.
    const archive = archiveOf(shelf, ctx);
    expect(fps(archive.header, archive.rows, 'Notifications')).toEqual(fps(NH, rows.slice(0, 9_300), 'Notifications'));
    expect(fps(NH, records.dump('Notifications')!.rows, 'Notifications')).toEqual(fps(NH, rows.slice(9_300), 'Notifications'));
    // Read: the probe row, a tail window of September before copying; after it, October's 300 with September below in the
    // same window, and one more window of September confirming where October starts — never the 9,000 rows whole.
    expect(oct!.archiveRowsRead).toBe(1 + TAIL_PROBE_ROWS + 1 + 2 * TAIL_PROBE_ROWS);
    expect(oct!.archiveRowsRead).toBeLessThan(9_300);

    // Run again with the same cutoff: nothing left before it, nothing read from the archive.
    const again = rotateTable(ctxOf(records, shelf), 'Notifications', '2026-11-01');
    expect([again.years.length, again.removed]).toEqual([0, 0]);
  });

  it('a run stopped in the middle of a month\'s copy goes on the next night: the rest appended once, then verified and removed', () => {
    // Rows big enough that October takes several appends (each ≤ 2 MB).
    const { records, shelf, rows } = setup({ sep: 50, oct: 400, nov: 20 }, 'x'.repeat(9_000));
    rotateTable(ctxOf(records, shelf), 'Notifications', '2026-10-01');
    let appends = 0;
    const write = MemoryWorkbook.prototype.write;
    const spy = jest.spyOn(MemoryWorkbook.prototype, 'write').mockImplementation(function (this: MemoryWorkbook, b) { appends++; return write.call(this, b); });
    const stopped = rotateTable(ctxOf(records, shelf, { outOfTime: () => appends > 0 }), 'Notifications', '2026-11-01');
    spy.mockRestore();
    expect(stopped.stopped).toBe(true);
    expect(stopped.removed).toBe(0);
    const copied = stopped.years[0]!.appended;
    expect(copied).toBeGreaterThan(0);
    expect(copied).toBeLessThan(400);
    expect(records.dump('Notifications')!.rows).toHaveLength(420);

    const ctx = ctxOf(records, shelf);
    const resumed = rotateTable(ctx, 'Notifications', '2026-11-01');
    expect(resumed.years.map((y) => [y.from, y.rows, y.appended, y.archived, y.verified])).toEqual([['2026-10-01', 400, 400 - copied, 400, true]]);
    expect([resumed.removed, resumed.remaining, resumed.stopped]).toEqual([400, 0, false]);
    const archive = archiveOf(shelf, ctx);
    expect(fps(archive.header, archive.rows, 'Notifications')).toEqual(fps(NH, rows.slice(0, 450), 'Notifications'));
    expect(records.dump('Notifications')!.rows).toHaveLength(20);
  });

  it('readSpan reads a tab from its end up to where the span starts (its windows bounded), the whole tab when all of it is in the span', () => {
    const wb = new MemoryWorkbook(new Meter());
    wb.seed('Notifications', NH, [...month('2026-01', 6_000, 0), ...month('2026-02', 2_500, 10_000)]);
    // Told to expect 2,500: 2,000 of February, then the 500 left with 2,000 more (of January), then 2,000 of January
    // to confirm — never the 6,000 of January whole.
    const feb = readSpan(wb, 'Notifications', '2026-02-01', 'Europe/Oslo', 2_500);
    expect([feb.read, feb.rows.length]).toEqual([1 + 6_500, 6_500]);
    expect(feb.rows.filter((r) => String(r.cells[NH.indexOf('sentAt')]).startsWith('2026-02'))).toHaveLength(2_500);
    // Not told: windows as large as one answer's bytes allow, here the whole tab.
    expect(readSpan(wb, 'Notifications', '2026-02-01', 'Europe/Oslo').rows).toHaveLength(8_500);
    const all = readSpan(wb, 'Notifications', '2026-01-01', 'Europe/Oslo', 8_500);
    expect(all.rows).toHaveLength(8_500);
    const none = readSpan(wb, 'Notifications', '2026-03-01', 'Europe/Oslo');
    expect([none.read, none.rows.length]).toEqual([1 + TAIL_PROBE_ROWS, TAIL_PROBE_ROWS]);
    expect(readSpan(wb, 'Audit', '2026-01-01')).toEqual({ header: [], rows: [], read: 0 });
  });
});

describe('rotateTable over the in-memory workbook', () => {
  function setup() {
    const meter = new Meter();
    const records = new MemoryWorkbook(meter);
    records.seed('Audit', AH, auditRows());
    const shelf = new MemoryArchiveShelf(meter);
    return { meter, records, shelf };
  }

  it('moves 2024 and 2025 into one archive each, verified by counts and checksum, and leaves 2026 and the tail', () => {
    const { records, shelf } = setup();
    const before = fps(AH, records.dump('Audit')!.rows);
    const ctx = ctxOf(records, shelf);
    const out = rotateTable(ctx, 'Audit', '2026-01-01');
    expect(out.years.map((y) => [y.year, y.rows, y.appended, y.archived, y.verified])).toEqual([[2024, 300, 300, 300, true], [2025, 500, 500, 500, true]]);
    for (const y of out.years) expect(y.archiveChecksum).toBe(y.checksum);
    expect([out.removed, out.restored, out.remaining, out.stopped]).toEqual([800, 0, 0, false]);
    const left = records.dump('Audit')!.rows;
    expect(left).toHaveLength(250);
    expect(left.every((r) => String(r[0]).startsWith('2026-'))).toBe(true);
    // Every row is somewhere, exactly once: the records plus the two archives are the rows we started with.
    const a24 = shelf.open(ctx.ids.get(2024)!) as MemoryWorkbook;
    const a25 = shelf.open(ctx.ids.get(2025)!) as MemoryWorkbook;
    const after = [...fps(AH, left), ...fps(a24.dump('Audit')!.header, a24.dump('Audit')!.rows), ...fps(a25.dump('Audit')!.header, a25.dump('Audit')!.rows)];
    expect(checksum(after)).toBe(checksum(before));
    expect(after.sort()).toEqual([...before].sort());
    expect(shelf.list().map((a) => a.year)).toEqual([2024, 2025]);
    expect([...shelf.books.values()].map((b) => b.name)).toEqual([archiveName(2024), archiveName(2025)]);
    // The request-key tail hint followed the rows up: Audit now ends at row 251.
    expect(ctx.ends[ctx.ends.length - 1]).toBe(251);
  });

  it('never rotates the newest Audit rows (the request-key tail), even of a closed year', () => {
    const { records, shelf } = setup();
    records.seed('Audit', AH, auditRows().slice(0, 800)); // no 2026 rows: the last 200 are of 2025
    const out = rotateTable(ctxOf(records, shelf), 'Audit', '2026-01-01');
    expect(out.removed).toBe(800 - AUDIT_TAIL_ROWS);
    expect(records.dump('Audit')!.rows).toHaveLength(AUDIT_TAIL_ROWS);
  });

  it('goes on where it stopped: a run out of time after the first append leaves a resumable state, never a duplicate', () => {
    const { records, shelf } = setup();
    // Rows big enough that one year takes several appends (each ≤ 2 MB).
    const big = 'x'.repeat(9_000);
    records.seed('Audit', AH, auditRows().map((r) => r.map((c, i) => (AH[i] === 'after' ? `${c}${big}` : c))));
    let appends = 0;
    const ctx1 = ctxOf(records, shelf, { outOfTime: () => appends > 0 });
    const write = MemoryWorkbook.prototype.write;
    const spy = jest.spyOn(MemoryWorkbook.prototype, 'write').mockImplementation(function (this: MemoryWorkbook, b) { appends++; return write.call(this, b); });
    const first = rotateTable(ctx1, 'Audit', '2026-01-01');
    spy.mockRestore();
    expect(first.stopped).toBe(true);
    expect(first.removed).toBe(0);
    expect(records.dump('Audit')!.rows).toHaveLength(1050);
    const copied = first.years[0]!.appended;
    expect(copied).toBeGreaterThan(0);
    expect(copied).toBeLessThan(300);

    const second = rotateTable(ctxOf(records, shelf), 'Audit', '2026-01-01');
    expect(second.years.map((y) => [y.year, y.appended, y.archived, y.verified])).toEqual([[2024, 300 - copied, 300, true], [2025, 500, 500, true]]);
    expect(second.removed).toBe(800);
    const again = rotateTable(ctxOf(records, shelf), 'Audit', '2026-01-01');
    expect([again.years.length, again.removed]).toEqual([0, 0]);
  });

  it('removes nothing of a year the archive does not hold whole after copying', () => {
    const { records, shelf } = setup();
    const ctx = ctxOf(records, shelf);
    const realFor = ctx.archiveFor;
    // An archive that silently drops the last row of every append.
    ctx.archiveFor = (year) => {
      const wb = realFor(year) as MemoryWorkbook;
      return Object.assign(Object.create(wb) as MemoryWorkbook, {
        write: (b: Parameters<MemoryWorkbook['write']>[0]) => wb.write({ ...b, appends: b.appends.map((a) => ({ ...a, rows: a.rows.slice(0, -1) })) }),
      });
    };
    const out = rotateTable(ctx, 'Audit', '2026-01-01');
    expect(out.years.map((y) => [y.year, y.archived, y.verified])).toEqual([[2024, 299, false], [2025, 499, false]]);
    expect(out.removed).toBe(0);
    expect(records.dump('Audit')!.rows).toHaveLength(1050);
  });

  it('puts back a row a hand edit moved under a delete in the instant between its re-read and the delete', () => {
    const { records, shelf } = setup();
    records.seed('Notifications', NH, [...Array.from({ length: 40 }, (_, i) => note(`2025-03-0${1 + (i % 9)}T07:00:00Z`, i)),
      ...Array.from({ length: 10 }, (_, i) => note(`2026-02-0${1 + (i % 9)}T07:00:00Z`, 100 + i))]);
    const start = fps(NH, records.dump('Notifications')!.rows, 'Notifications');
    // A person inserts a 2026 row at the top just before the delete: every row shifts down by one.
    records.beforeDelete = () => {
      records.handStructure('Notifications', { insertAt: 2 });
      NH.forEach((_, c) => records.handEdit('Notifications', 2, c, note('2026-11-01T07:00:00Z', 999)[c] || null));
    };
    const ctx = ctxOf(records, shelf);
    const out = rotateTable(ctx, 'Notifications', '2026-01-01');
    expect(out.restored).toBe(1);
    const left = records.dump('Notifications')!.rows;
    const arch = (shelf.open(ctx.ids.get(2025)!) as MemoryWorkbook).dump('Notifications')!;
    // Nothing lost and nothing doubled: the person's row is back; the 2025 row the shifted delete missed is still in the records.
    const all = [...fps(NH, left, 'Notifications'), ...fps(arch.header, arch.rows, 'Notifications')];
    const expected = [...start, fingerprint(NH, namesOf(NH, 'Notifications'), note('2026-11-01T07:00:00Z', 999), 'Notifications')];
    expect(new Set(all)).toEqual(new Set(expected));
    expect(all.filter((f) => f.includes('ntf-999'))).toHaveLength(1);
    expect(out.removed + out.remaining).toBe(40);
    // The next run takes the one left behind.
    const next = rotateTable(ctxOf(records, shelf), 'Notifications', '2026-01-01');
    // Only the archive rows of the span moved (from the left row's date to the cutoff) are counted and compared.
    expect(next.years[0]).toMatchObject({ rows: 1, appended: 0, verified: true });
    expect(records.dump('Notifications')!.rows.filter((r) => String(r[NH.indexOf('sentAt')]).startsWith('2025'))).toHaveLength(0);
  });
});

describe('rotateTable over the Sheets API double (deleteDimension) and the Drive double (files.create in the folder)', () => {
  let double: SheetsDouble;
  beforeAll(async () => { double = await SheetsDouble.start(); await double.allowToken('t'); });
  afterAll(async () => { await double.stop(); });
  beforeEach(() => double.advanceClock(60_000));

  const transport = createNodeSheetsTransport();
  const sheets = (id: string, meter: Meter) => new SheetsWorkbook({ spreadsheetId: id, transport, auth: { token: () => 't' }, root: double.url, sleep: () => undefined, meter });
  function shelfOver(meter: Meter, folderId: string): ArchiveShelf {
    return driveArchiveShelf({
      meter, folderId: () => folderId, open: (id) => sheets(id, meter), api: `${double.url}/drive/v3/files`,
      http: withBearer(transport, () => 't'),
    });
  }
  async function folder(): Promise<string> {
    const res = transport.request({ method: 'POST', url: `${double.url}/drive/v3/files`, headers: { Authorization: 'Bearer t' }, body: { name: 'Records archive', mimeType: 'application/vnd.google-apps.folder' } });
    return (res.body as { id: string }).id;
  }

  async function run(edit?: HandEdit) {
    const id = `rot-${Math.random().toString(36).slice(2, 8)}`;
    await double.create(id);
    const rows = auditRows().slice(200, 1050); // 100 of 2024, 500 of 2025, 250 of 2026
    await double.seed(id, 'Audit', AH, rows);
    const meter = new Meter();
    const records = sheets(id, meter);
    const shelf = shelfOver(meter, await folder());
    if (edit) await double.handEdit(id, 'Audit', edit);
    const ctx = ctxOf(records, shelf);
    const out = rotateTable(ctx, 'Audit', '2026-01-01');
    const left = (await double.dump(id, 'Audit'))!;
    const archives = await Promise.all([2024, 2025].map(async (y) => (await double.dump(ctx.ids.get(y)!, tabTitle('Audit')))!));
    return { out, rows, left, archives, meter, shelf, ctx };
  }

  it('copies, verifies and deletes through the API: each archive is a spreadsheet in the folder, the records keep 2026', async () => {
    const { out, rows, left, archives, meter, shelf } = await run();
    expect(out.years.map((y) => [y.year, y.rows, y.archived, y.verified])).toEqual([[2024, 100, 100, true], [2025, 500, 500, true]]);
    expect(out.removed).toBe(600);
    expect(fps(AH, left.raw.slice(1))).toEqual(fps(AH, rows.slice(600)));
    expect(left.rowCount).toBe(251); // the grid shrank: deleteDimension removed the rows, not just their values
    expect(archives.map((a) => a.raw.length - 1)).toEqual([100, 500]);
    // A new archive is HR-readable: the tab has its Norwegian title (dumped by it above) and the header the labels.
    expect(archives[1]!.raw[0]!.map(String)).toEqual(labelledHeader('Audit'));
    expect(fps(archives[1]!.raw[0]!.map(String), archives[1]!.raw.slice(1))).toEqual(fps(AH, rows.slice(100, 600)));
    expect(shelf.list().map((a) => a.year)).toEqual([2024, 2025]);
    // 600 rows: one witnessed delete, sent twice because the hidden witness tab was made first (as for writes); each new
    // archive's Audit tab costs 3 calls (a read refused for the missing tab, the tab list, the addSheet), the witness tab 1.
    expect([meter.byKind['workbook.delete'], meter.byKind['workbook.ensureTable']]).toEqual([2, 7]);
    expect(meter.byKind['drive.create']).toBe(2);
  });

  it('a row inserted by hand at the delete shifts the window: no row is lost or doubled, the one pushed out waits', async () => {
    const { out, rows, left, archives } = await run({ insertAbove: 2 });
    // The empty row the person inserted fell under the delete (nothing to put back); the last 2025 row moved below it.
    expect([out.removed, out.restored, out.remaining]).toEqual([599, 0, 1]);
    const all = [...fps(AH, left.raw.slice(1)), ...archives.flatMap((a) => fps(a.raw[0]!.map(String), a.raw.slice(1)))];
    expect(new Set(all)).toEqual(new Set(fps(AH, rows)));
    expect(all).toHaveLength(rows.length + out.remaining); // the one left is in the archive too, until the next run removes it
  });

  it('the double refuses a deleteDimension Google would refuse: past the grid, every row, or not ROWS; the batch applies whole or not at all', async () => {
    const id = 'rot-strict';
    await double.create(id);
    await double.seed(id, 'T', ['a'], [['1'], ['2']], { sheetId: 5 });
    const send = (requests: object[]) => transport.request({ method: 'POST', url: `${double.url}/v4/spreadsheets/${id}:batchUpdate`, headers: { Authorization: 'Bearer t' }, body: { requests } });
    const del = (startIndex: number, endIndex: number, dimension = 'ROWS') => ({ deleteDimension: { range: { sheetId: 5, dimension, startIndex, endIndex } } });
    expect(send([del(1, 4)]).status).toBe(400);
    expect(send([del(0, 3)]).status).toBe(400);
    expect(send([del(0, 1, 'COLUMNS')]).status).toBe(400);
    expect(send([del(1, 2), del(5, 6)]).status).toBe(400);
    expect((await double.dump(id, 'T'))!.raw).toEqual([['a'], ['1'], ['2']]);
    expect(send([del(1, 2)]).status).toBe(200);
    const after = (await double.dump(id, 'T'))!;
    expect([after.raw, after.rowCount]).toEqual([[['a'], ['2']], 2]);
  });

  it('readRaw pages a large tab in answers bounded by bytes', async () => {
    const id = 'rot-big';
    await double.create(id);
    await double.seed(id, 'Audit', AH, Array.from({ length: 3000 }, (_, i) => audit('2025-01-01T00:00:00Z', i)));
    const meter = new Meter();
    const raw = readRaw(sheets(id, meter), 'Audit', 100_000);
    expect(raw.rows).toHaveLength(3000);
    expect(meter.byKind['workbook.read']).toBeGreaterThan(2);
  });
});

describe('exactly once across a rotation', () => {
  it('a repeated request key is found even when the cached Audit end points past rows the rotation removed', () => {
    const wb = new MemoryWorkbook();
    wb.seed('Audit', AH, auditRows().slice(0, 500));
    wb.seed('Settings', headerOf('Settings'), []);
    const change = [insert('Settings', { key: 'x', value: '1' })];
    const first = new Records(wb);
    first.keying = { requestKey: 'k1' };
    expect(first.commit(change, { actorEmail: 'a@kommune.example', action: 't', at: '2026-11-22T09:00:00Z' })).toMatchObject({ ok: true });
    const end = first.auditEnd!;
    expect(end).toBe(502);
    wb.deleteRows('Audit', [{ from: 2, to: 401 }]);
    // The retry carries the hint from before the delete: its tail would start below the last row.
    const retry = new Records(wb);
    retry.keying = { requestKey: 'k1', auditFrom: end - AUDIT_TAIL_ROWS + 1 };
    expect(retry.commit(change, { actorEmail: 'a@kommune.example', action: 't', at: '2026-11-22T09:00:05Z' })).toMatchObject({ ok: true, replayed: 'same' });
    expect(wb.dump('Settings')!.rows).toHaveLength(1);
  });
});

describe('the hourly rebuild does not read Audit or Notifications', () => {
  it('reads the same cells whether they hold 0 or 5,000 rows (only their headers and where they end)', () => {
    const cellsWith = (n: number) => {
      const wb = fixtureWorkbook();
      wb.seed('Audit', AH, auditRows().slice(0, Math.min(n, 1050)).concat(Array.from({ length: Math.max(0, n - 1050) }, (_, i) => audit('2026-01-01T00:00:00Z', 5000 + i))));
      wb.seed('Notifications', NH, Array.from({ length: n }, (_, i) => note('2026-02-02T00:00:00Z', i)));
      wb.meter.reset();
      const ports = localPorts(wb);
      const r = rebuildReadModel(wb, new ReadModel(ports.cache, () => 'g', ports.codec), { now: '2026-11-22T09:00:00Z', today: '2026-11-22', generation: 'g' });
      return { cells: wb.meter.cellsRead, reads: wb.meter.byKind['workbook.read'], auditLast: r.meta.lastRow.Audit };
    };
    const none = cellsWith(0);
    const many = cellsWith(5000);
    expect(many.cells).toBe(none.cells);
    expect(many.reads).toBe(none.reads);
    expect([none.auditLast, many.auditLast]).toEqual([1, 5001]);
  });
});
