// The rotation bench on a small municipality: the records peak at about two months of Audit and Notifications (not a year
// and a month), one month's run over what it meets is verified and removed within an execution, and the year's archive
// at year end is a year of both tables.
import { MemoryWorkbook } from '../../src/adapters/memory/memory-workbook';
import { headerOf } from '../../src/core/records/tables';
import { benchRotation, formatRotationBench, GOOGLE_CELL_CAP, PEAK_DAYS, ROWS_PER_EMPLOYEE_YEAR, rowsBetween } from '../../src/bench/rotation';

const fmt = (n: number, d = 0) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
const width = headerOf('Audit').length + headerOf('Notifications').length;

describe('benchRotation', () => {
  // 400 employees: 3,600 rows a year in each table, about 10 a day (so Audit's 200-row tail is a small part of a month).
  const records = new MemoryWorkbook();
  records.seed('Employees', headerOf('Employees'), Array.from({ length: 400 }, (_, i) => headerOf('Employees').map((h) => (h === 'employeeId' ? `E${i}` : ''))));
  const b = benchRotation(records, 400, 2026);

  it('counts the records\' peak as the base plus 62 days of both tables, and the year\'s archive as a whole year', () => {
    expect(b.yearRows).toBe(400 * ROWS_PER_EMPLOYEE_YEAR);
    expect(b.baseCells).toBe(401 * headerOf('Employees').length);
    const perDay = b.yearRows / 365;
    expect(b.peakWithRotation).toBe(b.baseCells + (Math.round(perDay * PEAK_DAYS) + 1) * width);
    // About two months, not a year and a month: a sixth of the yearly rotation's peak over the base.
    expect(b.peakWithRotation - b.baseCells).toBeLessThan((b.yearRows * width * 13) / 12 / 6);
    expect(b.archiveYearEndCells).toBe((b.yearRows + 1) * width);
  });

  it('runs the real rotation on 2 December over October to December: October verified and removed, the records keep November on', () => {
    const r = b.withRotation;
    expect([r.today, r.cutoff]).toEqual(['2026-12-02', '2026-11-01']);
    expect(r.verified).toBe(true);
    expect(r.executions).toBe(1);
    // October's rows of both tables (31 of 63 days met), less Audit's newest 200 (the request keys' tail: all November's).
    const sentAt = headerOf('Notifications').indexOf('sentAt');
    const oct = rowsBetween('Notifications', '2026-10-01', '2026-12-03', r.rowsMet / 2).filter((x) => x[sentAt]! < '2026-11-01').length;
    expect(oct).toBeGreaterThan(300);
    expect(r.removed).toBe(2 * oct);
    expect(r.cells).toBe(b.baseCells + (r.rowsMet / 2 - oct + 1) * width);
    // The archive holds January to October; reading it back cost October and a few windows, not the nine months before.
    const janToOct = Math.round((b.yearRows / 365) * 273) + oct;
    expect(r.archiveCells).toBe((janToOct + 1) * width);
    expect(r.archiveCellsRead).toBeLessThan((2 * oct + 6 * 2_000) * Math.max(headerOf('Audit').length, headerOf('Notifications').length));
    expect(r.longestSeconds).toBeLessThan(240);
  });

  it('prints every figure against its limit with a mark', () => {
    const lines = formatRotationBench(b, fmt);
    expect(lines[0]).toMatch(/^\nMonthly rotation of Audit and Notifications \(3,600 rows a year in each/);
    expect(lines.find((l) => l.includes('at most'))).toMatch(/^ {2}✓ with rotation, at most \(62 days of both tables/);
    expect(lines.find((l) => l.includes('at year end'))).toMatch(new RegExp(`^ {2}✓ the year's archive spreadsheet at year end \\(a year of both tables\\): ${fmt(b.archiveYearEndCells)} cells \\(Google's cap ${fmt(GOOGLE_CELL_CAP)}\\)`));
    expect(lines.find((l) => l.includes('closed month'))).toMatch(/^ {2}✓ the rotation of one closed month: [\d,]+ of [\d,]+ rows met verified and removed in 1 execution\(s\) of ≤ 240 s \(longest [\d.]+ s, limit 360 s\)/);
    // A year's archive over Google's cap is marked.
    expect(formatRotationBench({ ...b, archiveYearEndCells: GOOGLE_CELL_CAP + 1 }, fmt).find((l) => l.includes('at year end'))).toMatch(/^ {2}✗/);
  });

  it('spreads rows over the days of a span in time order', () => {
    const rows = rowsBetween('Notifications', '2026-10-01', '2026-11-01', 62);
    const sentAt = headerOf('Notifications').indexOf('sentAt');
    const days = rows.map((r) => r[sentAt]!.slice(0, 10));
    expect([days[0], days[1], days[2], days[61]]).toEqual(['2026-10-01', '2026-10-01', '2026-10-02', '2026-10-31']);
    expect([...days].sort()).toEqual(days);
  });
});
