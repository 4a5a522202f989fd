// Bench: the records spreadsheet's cells with and without the monthly rotation of Audit and Notifications (the real
// rotation run over what one month's run meets, executions counted on DESIGN.md's planning costs), and the year's archive.
import { headerOf, TABLE_NAMES } from '../core/records/tables';
import { labelledHeader, tabTitle } from '../core/records/labels';
import { VALUE_LABELS } from '../core/records/value-labels';
import { addDays, daysBetween } from '../core/dates';
import { modeledMs, SCRIPT_RUNTIME_MS, SPREADSHEET_CELL_BUDGET } from '../core/google-limits';
import { MemoryArchiveShelf } from '../adapters/memory/memory-archives';
import { MemoryWorkbook } from '../adapters/memory/memory-workbook';
import { Meter } from '../store/ports';
import { ROTATED_TABLES, rotateTable, type RotatedTable } from '../store/rotation';
import { rotationCutoff } from '../app/common/rotation-job';
import { mark } from './cache';

/** Rows a year per employee in each of Audit and Notifications: the upper end of 45k–135k a year at 15,000 (issue 12). */
export const ROWS_PER_EMPLOYEE_YEAR = 9;
/** The job's time budget per execution (Settings rotationTimeBudgetSeconds, default 240 s), under the 6-minute limit. */
const BUDGET_MS = 240_000;
/** The most days of rows the records hold with the monthly rotation: a closed month and the current one (31 + 31). */
export const PEAK_DAYS = 62;
/** Google's cap on the cells of one spreadsheet (support.google.com/drive/answer/37603: "up to 10 million cells"). */
export const GOOGLE_CELL_CAP = 10_000_000;
/** Settings rotationGraceDays' default. */
const GRACE_DAYS = 31;

export interface RotationBench {
  baseCells: number; yearRows: number;
  withoutRotation: { years: number; cells: number }[];
  /** With rotation, the most the records hold: about two months (PEAK_DAYS) of both tables, just before a run. */
  peakWithRotation: number;
  /** The year's archive spreadsheet at year end: a whole year of both tables. */
  archiveYearEndCells: number;
  withRotation: {
    /** The run simulated: its date and cutoff, and the rows of both tables it met in the records. */
    today: string; cutoff: string; rowsMet: number;
    cells: number; archiveCells: number; executions: number; modeledSeconds: number; longestSeconds: number;
    removed: number; verified: boolean;
    /** Archive cells read to find what it lacks and to verify (bounded by the month moved, not the year). */
    archiveCellsRead: number;
  };
}

/** Cells of a spreadsheet as Google counts them: every tab's grid, rows × columns (the header row included). */
export function cellsOf(wb: MemoryWorkbook, tables: readonly string[]): number {
  let n = 0;
  for (const t of tables) { const d = wb.dump(t); if (d) n += (d.rows.length + 1) * Math.max(1, d.header.length); }
  return n;
}

/** `n` rows of a table spread evenly, in time order, over the days from `from` (inclusive) to `to` (exclusive). */
export function rowsBetween(table: RotatedTable, from: string, to: string, n: number): string[][] {
  const h = headerOf(table);
  const after = '{"status":"attended","changedAt":"2025-03-04T10:00:00Z"}';
  const days = Math.max(1, daysBetween(from, to));
  return Array.from({ length: n }, (_, i) => {
    const day = addDays(from, Math.floor((i * days) / Math.max(1, n)));
    const at = `${day}T${String(6 + (i % 12)).padStart(2, '0')}:00:00Z`;
    const id = `${day}-${i}`;
    const o: Record<string, string> = table === 'Audit'
      ? { at, actorEmail: `person${i % 15000}@kommune.no`, action: 'signUp', table: tabTitle('Enrollments'), key: `enr-${id}`, after, requestKey: `k-${id}` }
      : { notificationId: `ntf-${id}`, kind: VALUE_LABELS.notificationKind.reminder, recipientEmail: `person${i % 15000}@kommune.no`, subjectKey: `recert:c${i % 40}:${id}`, channel: i % 2 ? VALUE_LABELS.channel.chat : VALUE_LABELS.channel.mail, sentAt: at };
    return h.map((f) => o[f] ?? '');
  });
}

/** Cells of a spreadsheet holding `rows` rows of each rotated table (header rows included). */
const cellsFor = (rows: number) => ROTATED_TABLES.reduce((n, t) => n + (rows + 1) * headerOf(t).length, 0);

/**
 * The run on 2 December of `thisYear` (31 days' grace: its cutoff moves to 1 November), as it meets the records: October
 * to rotate, November and 2 December to keep, and the year's archive holding January to September.
 */
export function benchRotation(records: MemoryWorkbook, employees: number, thisYear: number): RotationBench {
  const yearRows = employees * ROWS_PER_EMPLOYEE_YEAR;
  const perDay = yearRows / 365;
  const others = TABLE_NAMES.filter((t) => !(ROTATED_TABLES as readonly string[]).includes(t));
  const baseCells = cellsOf(records, others);
  const perYear = ROTATED_TABLES.reduce((n, t) => n + yearRows * headerOf(t).length, 0);
  const withoutRotation = [1, 3, 5].map((years) => ({ years, cells: baseCells + years * perYear }));

  const today = `${thisYear}-12-02`;
  const cutoff = rotationCutoff(today, GRACE_DAYS);
  const lastCutoff = rotationCutoff(addDays(today, -1), GRACE_DAYS);
  const rows = (from: string, to: string) => Math.round(perDay * daysBetween(from, to));
  const meter = new Meter();
  const wb = new MemoryWorkbook(meter);
  const shelf = new MemoryArchiveShelf(meter);
  const id = shelf.create(thisYear);
  const archive = shelf.open(id) as MemoryWorkbook;
  let rowsMet = 0;
  // Tabs as provision makes them (Norwegian titles, labelled headers and values), like the tenant's; the archive's as
  // the rotation made them, month by month.
  for (const t of ROTATED_TABLES) {
    const met = rowsBetween(t, lastCutoff, addDays(today, 1), rows(lastCutoff, addDays(today, 1)));
    rowsMet += met.length;
    wb.seed(tabTitle(t), labelledHeader(t), met);
    archive.seed(tabTitle(t), labelledHeader(t), rowsBetween(t, `${thisYear}-01-01`, lastCutoff, rows(`${thisYear}-01-01`, lastCutoff)));
  }
  let executions = 0;
  let modeled = 0;
  let longest = 0;
  let removed = 0;
  let verified = true;
  let archiveRowsRead = 0;
  for (let guard = 0; guard < 50; guard++) {
    executions++;
    meter.reset();
    const elapsed = () => modeledMs(meter.byKind, meter.cellsRead, meter.cellsWritten);
    let remaining = 0;
    let stopped = false;
    for (const t of ROTATED_TABLES) {
      const out = rotateTable({
        workbook: wb,
        archiveFor: () => archive,
        outOfTime: () => elapsed() > BUDGET_MS,
        locked: (fn) => fn(),
        auditEndMoved: () => undefined,
        log: () => undefined,
      }, t, cutoff);
      removed += out.removed;
      remaining += out.remaining;
      verified &&= out.years.every((y) => y.verified);
      archiveRowsRead += out.years.reduce((n, y) => n + y.archiveRowsRead * headerOf(t).length, 0);
      if (out.stopped) { stopped = true; break; }
    }
    modeled += elapsed();
    longest = Math.max(longest, elapsed());
    if (!stopped && remaining === 0) break;
  }
  return {
    baseCells, yearRows, withoutRotation, peakWithRotation: baseCells + cellsFor(Math.round(perDay * PEAK_DAYS)),
    archiveYearEndCells: cellsFor(yearRows),
    withRotation: {
      today, cutoff, rowsMet, cells: baseCells + cellsOf(wb, ROTATED_TABLES), archiveCells: cellsOf(archive, ROTATED_TABLES), executions,
      modeledSeconds: modeled / 1000, longestSeconds: longest / 1000, removed, verified, archiveCellsRead: archiveRowsRead,
    },
  };
}

export function formatRotationBench(b: RotationBench, fmt: (n: number, d?: number) => string): string[] {
  const out = [`\nMonthly rotation of Audit and Notifications (${fmt(b.yearRows)} rows a year in each; cells of the records spreadsheet, Google's cap ${fmt(GOOGLE_CELL_CAP)}, DESIGN.md's ${fmt(SPREADSHEET_CELL_BUDGET)})`];
  out.push(`  everything but Audit and Notifications: ${fmt(b.baseCells)} cells`);
  // A counterfactual (no rotation job), printed as information against the limit, not as a budget the product fails: what
  // the records would hold if the monthly rotation below never ran.
  for (const w of b.withoutRotation) out.push(`  → without rotation (counterfactual), after ${w.years} year${w.years === 1 ? '' : 's'}: ${fmt(w.cells)} cells — ${w.cells <= SPREADSHEET_CELL_BUDGET ? 'within' : 'over'} the ${fmt(SPREADSHEET_CELL_BUDGET)} limit`);
  const r = b.withRotation;
  out.push(`  ${mark(b.peakWithRotation <= SPREADSHEET_CELL_BUDGET)} with rotation, at most (${PEAK_DAYS} days of both tables, just before a run moves the cutoff): ${fmt(b.peakWithRotation)} cells, every month`);
  out.push(`  ${mark(r.cells <= SPREADSHEET_CELL_BUDGET)} with rotation, right after the run of ${r.today} (everything before ${r.cutoff} archived): ${fmt(r.cells)} cells; the year's archive spreadsheet then: ${fmt(r.archiveCells)} cells`);
  out.push(`  ${mark(b.archiveYearEndCells <= GOOGLE_CELL_CAP)} the year's archive spreadsheet at year end (a year of both tables): ${fmt(b.archiveYearEndCells)} cells (Google's cap ${fmt(GOOGLE_CELL_CAP)})`);
  out.push(`  ${mark(r.verified && r.executions * BUDGET_MS <= 6 * SCRIPT_RUNTIME_MS && r.longestSeconds * 1000 <= SCRIPT_RUNTIME_MS)} the rotation of one closed month: ${fmt(r.removed)} of ${fmt(r.rowsMet)} rows met verified and removed in ${fmt(r.executions)} execution(s) of ≤ ${BUDGET_MS / 1000} s (longest ${fmt(r.longestSeconds, 1)} s, limit ${SCRIPT_RUNTIME_MS / 1000} s), ${fmt(r.modeledSeconds, 1)} s modeled in all; ${fmt(r.archiveCellsRead)} archive cells read`);
  return out;
}
