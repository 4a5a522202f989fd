// Whole rows written at known row numbers of a tab, in bounded write calls: rows the tab has are overwritten cell by
// cell, the ones it lacks appended in row order (a Sheets write outside the grid is refused). The ReadModel and
// RebuildStage tabs are written this way.
import type { WorkbookPort } from './ports';

/** Characters per cell: Google Sheets holds at most 50,000 characters in one cell. */
export const CELL_CHARS = 45_000;

/**
 * Writes `rows` (row number → every cell of the row, so parts of a longer earlier version never linger), sending a
 * write call whenever the next row would take it past `charsPerCall`. Rows between the tab's end and a row to write
 * are appended empty. Returns the write calls made.
 */
export function writeRowsAt(workbook: WorkbookPort, table: string, header: string[], rows: ReadonlyMap<number, string[]>, charsPerCall: number): number {
  workbook.ensureTable(table, header);
  const [probe] = workbook.read([{ table, ranges: [{ from: 2, to: 2 }] }]);
  let lastRow = Math.max(1, probe?.lastRow ?? 1);
  let updates: { table: string; rowNumber: number; column: number; value: string }[] = [];
  let appends: string[][] = [];
  let chars = 0;
  let calls = 0;
  const send = () => {
    if (updates.length === 0 && appends.length === 0) return;
    workbook.write({ updates, appends: appends.length ? [{ table, rows: appends }] : [] });
    calls++;
    updates = [];
    appends = [];
    chars = 0;
  };
  for (const row of [...rows.keys()].sort((a, b) => a - b)) {
    const cells = rows.get(row) ?? [];
    const size = cells.reduce((n, c) => n + c.length, 0);
    if (chars + size > charsPerCall) send();
    if (row <= lastRow) cells.forEach((value, column) => updates.push({ table, rowNumber: row, column, value }));
    else {
      while (lastRow + 1 < row) { appends.push([]); lastRow++; }
      appends.push(cells);
      lastRow++;
    }
    chars += size;
  }
  send();
  return calls;
}
