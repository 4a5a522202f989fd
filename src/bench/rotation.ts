// Bench: the records spreadsheet's cells after simulated years of Audit and Notifications, with and without the yearly
// rotation (the real rotation run over a year of rows, executions counted on DESIGN.md's planning costs).
import { headerOf, TABLE_NAMES } from '../core/records/tables';
import { labelledHeader, tabTitle } from '../core/records/labels';
import { VALUE_LABELS } from '../core/records/value-labels';
import { modeledMs, SCRIPT_RUNTIME_MS, SPREADSHEET_CELL_BUDGET } from '../core/google-limits';
import { MemoryArchiveShelf } from '../adapters/memory/memory-archives';
import { MemoryWorkbook } from '../adapters/memory/memory-workbook';
import { Meter } from '../store/ports';
import { ROTATED_TABLES, rotateTable, type RotatedTable } from '../store/rotation';
import { mark } from './cache';

/** Rows a year per employee in each of Audit and Notifications: the upper end of 45k–135k a year at 15,000 (issue 12). */
export const ROWS_PER_EMPLOYEE_YEAR = 9;
/** The job's time budget per execution (Settings rotationTimeBudgetSeconds, default 240 s), under the 6-minute limit. */
const BUDGET_MS = 240_000;

export interface RotationBench {
  baseCells: number; yearRows: number;
  withoutRotation: { years: number; cells: number }[];
  /** With rotation, the most the records hold: a whole year and the grace month of the next, just before the rotation. */
  peakWithRotation: number;
  withRotation: { cells: number; archiveCells: number; executions: number; modeledSeconds: number; removed: number; verified: boolean };
}

/** Cells of a spreadsheet as Google counts them: every tab's grid, rows × columns (the header row included). */
export function cellsOf(wb: MemoryWorkbook, tables: readonly string[]): number {
  let n = 0;
  for (const t of tables) { const d = wb.dump(t); if (d) n += (d.rows.length + 1) * Math.max(1, d.header.length); }
  return n;
}

function yearOf(table: RotatedTable, year: number, n: number): string[][] {
  const h = headerOf(table);
  const after = '{"status":"attended","changedAt":"2025-03-04T10:00:00Z"}';
  return Array.from({ length: n }, (_, i) => {
    const at = `${year}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}T${String(6 + (i % 12)).padStart(2, '0')}:00:00Z`;
    const o: Record<string, string> = table === 'Audit'
      ? { at, actorEmail: `person${i % 15000}@kommune.no`, action: 'signUp', table: tabTitle('Enrollments'), key: `enr-${year}-${i}`, after, requestKey: `k-${year}-${i}` }
      : { notificationId: `ntf-${year}-${i}`, kind: VALUE_LABELS.notificationKind.reminder, recipientEmail: `person${i % 15000}@kommune.no`, subjectKey: `recert:c${i % 40}:${year}`, channel: i % 2 ? VALUE_LABELS.channel.chat : VALUE_LABELS.channel.mail, sentAt: at };
    return h.map((f) => o[f] ?? '');
  });
}

export function benchRotation(records: MemoryWorkbook, employees: number, thisYear: number): RotationBench {
  const yearRows = employees * ROWS_PER_EMPLOYEE_YEAR;
  const others = TABLE_NAMES.filter((t) => !(ROTATED_TABLES as readonly string[]).includes(t));
  const baseCells = cellsOf(records, others);
  const perYear = ROTATED_TABLES.reduce((n, t) => n + yearRows * headerOf(t).length, 0);
  const withoutRotation = [1, 3, 5].map((years) => ({ years, cells: baseCells + years * perYear }));

  // A year closed, plus the grace month of the new one: what the rotation meets in February.
  const meter = new Meter();
  const wb = new MemoryWorkbook(meter);
  // Tabs as provision makes them (Norwegian titles, labelled headers and values), like the tenant's.
  for (const t of ROTATED_TABLES) wb.seed(tabTitle(t), labelledHeader(t), [...yearOf(t, thisYear - 1, yearRows), ...yearOf(t, thisYear, Math.round(yearRows / 12))]);
  const shelf = new MemoryArchiveShelf(meter);
  const ids = new Map<number, string>();
  let executions = 0;
  let modeled = 0;
  let removed = 0;
  let verified = true;
  for (let guard = 0; guard < 50; guard++) {
    executions++;
    meter.reset();
    const elapsed = () => modeledMs(meter.byKind, meter.cellsRead, meter.cellsWritten);
    let remaining = 0;
    let stopped = false;
    for (const t of ROTATED_TABLES) {
      const out = rotateTable({
        workbook: wb,
        archiveFor: (y) => { if (!ids.has(y)) ids.set(y, shelf.create(y)); return shelf.open(ids.get(y)!); },
        outOfTime: () => elapsed() > BUDGET_MS,
        locked: (fn) => fn(),
        auditEndMoved: () => undefined,
        log: () => undefined,
      }, t, thisYear - 1);
      removed += out.removed;
      remaining += out.remaining;
      verified &&= out.years.every((y) => y.verified);
      if (out.stopped) { stopped = true; break; }
    }
    modeled += elapsed();
    if (!stopped && remaining === 0) break;
  }
  const archive = shelf.open(ids.get(thisYear - 1)!) as MemoryWorkbook;
  return {
    baseCells, yearRows, withoutRotation, peakWithRotation: Math.round(baseCells + perYear * (13 / 12)),
    withRotation: { cells: baseCells + cellsOf(wb, ROTATED_TABLES), archiveCells: cellsOf(archive, ROTATED_TABLES), executions, modeledSeconds: modeled / 1000, removed, verified },
  };
}

export function formatRotationBench(b: RotationBench, fmt: (n: number, d?: number) => string): string[] {
  const out = [`\nYearly rotation of Audit and Notifications (${fmt(b.yearRows)} rows a year in each; cells of the records spreadsheet, Google's cap 10,000,000, DESIGN.md's ${fmt(SPREADSHEET_CELL_BUDGET)})`];
  out.push(`  everything but Audit and Notifications: ${fmt(b.baseCells)} cells`);
  // A counterfactual (no rotation job), printed as information against the limit, not as a budget the product fails: what
  // the records would hold if the yearly rotation below never ran.
  for (const w of b.withoutRotation) out.push(`  → without rotation (counterfactual), after ${w.years} year${w.years === 1 ? '' : 's'}: ${fmt(w.cells)} cells — ${w.cells <= SPREADSHEET_CELL_BUDGET ? 'within' : 'over'} the ${fmt(SPREADSHEET_CELL_BUDGET)} limit`);
  const r = b.withRotation;
  out.push(`  ${mark(b.peakWithRotation <= SPREADSHEET_CELL_BUDGET)} with rotation, at most (a whole year and the grace month, just before the rotation): ${fmt(b.peakWithRotation)} cells, every year`);
  out.push(`  ${mark(r.cells <= SPREADSHEET_CELL_BUDGET)} with rotation, right after it (February): ${fmt(r.cells)} cells; the closed year's archive spreadsheet: ${fmt(r.archiveCells)} cells`);
  out.push(`  ${mark(r.verified && r.executions * BUDGET_MS <= 6 * SCRIPT_RUNTIME_MS)} the rotation of one closed year: ${fmt(r.removed)} rows verified and removed in ${fmt(r.executions)} execution(s) of ≤ ${BUDGET_MS / 1000} s, ${fmt(r.modeledSeconds, 1)} s modeled in all`);
  return out;
}
