// An in-memory Workbook (tests, benchmarks): same contract as the CSV and Sheets adapters, counted by the meter.
import type { RawCell } from '../../core/records/cells';
import { findTab, missingColumns, tabTitle } from '../../core/records/labels';
import { GridChangedError, Meter, type PreparedRead, type ReadRequest, type ReadResult, type WorkbookPort, type WriteBatch, type WriteResult } from '../../store/ports';

interface Tab { header: string[]; rows: RawCell[][] }

/** The cells of a sheet row (row 2 is the first under the header), the rows above it made as empty rows if missing. */
function rowAt(rows: RawCell[][], rowNumber: number): RawCell[] {
  while (rows.length < rowNumber - 1) rows.push([]);
  const row = rows[rowNumber - 2];
  if (!row) throw new RangeError(`row ${rowNumber} is above the first data row`);
  return row;
}

function isEmptyRow(cells: RawCell[]): boolean {
  return cells.every((c) => c === null || c === '');
}

export class MemoryWorkbook implements WorkbookPort {
  /** `tabs` is the storage: a second workbook over the same map is what a restart sees (see `reopen`). */
  constructor(readonly meter: Meter = new Meter(), private readonly tabs = new Map<string, Tab>()) {}

  /**
   * The tab that holds a table: its Norwegian title, else its old English one (records/labels.ts), like the Sheets and
   * CSV adapters. A name that is no records table is its own title.
   */
  private tab(table: string): Tab | undefined {
    const title = findTab(table, (t) => this.tabs.has(t));
    return title === undefined ? undefined : this.tabs.get(title);
  }

  /** A new workbook over the same storage, with its own meter: what a restart of the process would see. */
  reopen(): MemoryWorkbook {
    return new MemoryWorkbook(new Meter(), this.tabs);
  }

  /** Test helper: replace a whole tab (header + rows) without counting a call. */
  seed(table: string, header: string[], rows: RawCell[][]): void {
    // The table's tab under whichever title it has (a test seeding "Employees" after ensureSchema made "Ansatte").
    this.tabs.set(findTab(table, (t) => this.tabs.has(t)) ?? table, { header: [...header], rows: rows.map((r) => [...r]) });
  }

  /** Test helper: the raw tab, as a person would see it in the spreadsheet. */
  dump(table: string): { header: string[]; rows: RawCell[][] } | undefined {
    const t = this.tab(table);
    return t && { header: [...t.header], rows: t.rows.map((r) => [...r]) };
  }

  /** Test helper: a hand edit of one cell (row 1 = header), not counted. */
  handEdit(table: string, rowNumber: number, column: number, value: RawCell): void {
    const t = this.tab(table);
    if (!t) throw new Error(`no tab ${table}`);
    if (rowNumber === 1) { t.header[column] = String(value ?? ''); return; }
    const row = rowAt(t.rows, rowNumber);
    while (row.length <= column) row.push(null);
    row[column] = value;
  }

  tables(): string[] {
    this.meter.call('workbook.tables');
    return [...this.tabs.keys()];
  }

  read(requests: ReadRequest[]): ReadResult[] {
    const { out, cells } = this.readCells(requests);
    this.meter.call('workbook.read', { read: cells });
    return out;
  }

  /**
   * The read made ready to go out in one round with other spreadsheets' (ShardedWorkbook, as UrlFetchApp.fetchAll sends
   * several on Apps Script): the round is the one call (counted by whoever sends it); this spreadsheet's cells count here.
   */
  prepareRead(requests: ReadRequest[]): PreparedRead {
    return {
      request: { spreadsheet: 'memory', requests },
      finish: () => {
        const { out, cells } = this.readCells(requests);
        this.meter.roundCells('workbook.read', cells);
        return out;
      },
    };
  }

  private readCells(requests: ReadRequest[]): { out: ReadResult[]; cells: number } {
    let cells = 0;
    const out = requests.map((req): ReadResult => {
      const tab = this.tab(req.table);
      if (!tab) return { table: req.table, exists: false, header: [], rows: [], lastRow: 0 };
      const lastRow = tab.rows.length + 1;
      const ranges = req.ranges ?? [{ from: 2 }];
      const seen = new Set<number>();
      const rows: ReadResult['rows'] = [];
      for (const r of ranges) {
        const to = Math.min(r.to ?? lastRow, lastRow);
        for (let n = Math.max(2, r.from); n <= to; n++) {
          if (seen.has(n)) continue;
          seen.add(n);
          const cellsOfRow = tab.rows[n - 2] ?? [];
          cells += tab.header.length;
          // Every cell of the header's width, empty ones as null, like the Sheets and CSV adapters (the Workbook contract).
          if (!isEmptyRow(cellsOfRow)) rows.push({ rowNumber: n, cells: Array.from({ length: Math.max(tab.header.length, cellsOfRow.length) }, (_, i) => cellsOfRow[i] ?? null) });
        }
      }
      rows.sort((a, b) => a.rowNumber - b.rowNumber);
      cells += tab.header.length;
      return { table: req.table, exists: true, header: [...tab.header], rows, lastRow };
    });
    return { out, cells };
  }

  write(batch: WriteBatch): WriteResult {
    // The witnessed rows as they are the instant before the write (one step in memory: nothing can come between).
    const before = (batch.witness ?? []).map((w) => [...(this.tab(w.table)?.rows[w.rowNumber - 2] ?? [])]);
    let cells = 0;
    for (const u of batch.updates) {
      const tab = this.tab(u.table);
      if (!tab) throw new Error(`Table ${u.table} does not exist`);
      const row = rowAt(tab.rows, u.rowNumber);
      while (row.length <= u.column) row.push(null);
      row[u.column] = u.value;
      cells++;
    }
    for (const a of batch.appends) {
      const tab = this.tab(a.table);
      if (!tab) throw new Error(`Table ${a.table} does not exist`);
      // Like Sheets appendCells: after the last row that has data.
      for (let last = tab.rows.at(-1); last && isEmptyRow(last); last = tab.rows.at(-1)) tab.rows.pop();
      for (const r of a.rows) { tab.rows.push([...r]); cells += r.length; }
    }
    this.meter.call('workbook.write', { written: cells });
    return { before };
  }

  /** Test helper: runs just before the next deleteRows reaches the rows (a person editing the tab in between). */
  beforeDelete?: () => void;

  /** Like the Sheets adapter: the rows as they are at that instant (the witness), then the blocks removed, lowest first. */
  deleteRows(table: string, blocks: { from: number; to: number }[]): RawCell[][] {
    const hook = this.beforeDelete;
    this.beforeDelete = undefined;
    hook?.();
    const tab = this.tab(table);
    if (!tab) throw new Error(`Table ${table} does not exist`);
    const last = tab.rows.length + 1;
    for (const b of blocks) {
      if (!(b.from >= 2 && b.to >= b.from)) throw new Error(`Invalid rows ${b.from}–${b.to} of ${table}`);
      if (b.to > last) throw new GridChangedError(`rows ${b.from}–${b.to} of ${table} are past the last row ${last}`);
    }
    const before = blocks.flatMap((b) => tab.rows.slice(b.from - 2, b.to - 1).map((r) => [...r]));
    for (const b of [...blocks].sort((x, y) => y.from - x.from)) tab.rows.splice(b.from - 2, b.to - b.from + 1);
    this.meter.call('workbook.delete', { read: before.length * tab.header.length });
    return before;
  }

  /** Test helper: a structural hand edit (a row inserted above `rowNumber`, that row deleted, or the data rows sorted by a column). */
  handStructure(table: string, edit: { insertAt?: number; deleteAt?: number; sortBy?: number; descending?: boolean }): void {
    const t = this.tab(table);
    if (!t) throw new Error(`no tab ${table}`);
    if (edit.insertAt !== undefined) t.rows.splice(edit.insertAt - 2, 0, []);
    if (edit.deleteAt !== undefined) t.rows.splice(edit.deleteAt - 2, 1);
    if (edit.sortBy !== undefined) {
      const col = edit.sortBy;
      const text = (r: RawCell[]) => String(r[col] ?? '');
      t.rows.sort((a, b) => (edit.descending ? -1 : 1) * text(a).localeCompare(text(b)));
    }
  }

  ensureTable(table: string, header: string[]): void {
    this.meter.call('workbook.ensureTable');
    const tab = this.tab(table);
    if (!tab) { this.tabs.set(tabTitle(table), { header: [...header], rows: [] }); return; }
    tab.header.push(...missingColumns(table, tab.header, header));
  }
}
