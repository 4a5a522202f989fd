// The records spreadsheet for the CLI over googleapis: whole-table reads parsed like the app's, and chunked batched
// writes. Request shapes and parsing come from src/adapters/google/sheets-requests.ts.
import type { RawCell } from '../core/records/cells';
import { findColumn, findTab, tabTitle } from '../core/records/labels';
import { msg, type CliText } from './errors';
import { tableDef, type TableName } from '../core/records/tables';
import type { CellWrite, ReadResult, WriteBatch } from '../store/ports';
import type { Snapshot } from '../store/records';
import {
  METADATA_FIELDS, READ_FIELDS, a1Ranges, headerText, parseSpreadsheet, writeRequests, type SheetMeta,
} from '../adapters/google/sheets-requests';
import { parseTable } from '../store/table-parse';
import { RETRY_429, type Google } from './google';

/** Rows per batchUpdate: keeps each request body near 1–2 MB, well under what the API accepts. */
export const WRITE_CHUNK_ROWS = 2000;

function isEmptyRow(cells: RawCell[] | undefined): boolean {
  return !cells || cells.every((c) => c === null || c === '');
}

export class RemoteRecords {
  private metas = new Map<string, SheetMeta>();

  constructor(readonly g: Google, readonly spreadsheetId: string) {}

  /** Every tab with its grid size (one call). */
  async meta(): Promise<SheetMeta[]> {
    const res = await this.g.call('sheets.get', msg('cli.what.listTabs'), () =>
      this.g.sheets.spreadsheets.get({ spreadsheetId: this.spreadsheetId, fields: METADATA_FIELDS }));
    const metas = parseSpreadsheet(res.data).map((s) => s.meta);
    this.metas = new Map(metas.map((m) => [m.title, m]));
    return metas;
  }

  /** A table's tab: under its Norwegian title, or its English key in a spreadsheet made before the labels. */
  sheetMeta(table: string): SheetMeta | undefined {
    const title = findTab(table, (t) => this.metas.has(t));
    return title === undefined ? undefined : this.metas.get(title);
  }

  /**
   * Reads tables whole (or only the header, for `headerOnly`) in one call after one metadata call; a missing tab
   * reads as `exists: false`.
   */
  async read(tables: readonly TableName[], headerOnly: readonly TableName[] = []): Promise<Map<TableName, ReadResult>> {
    await this.meta();
    const wanted = [...tables, ...headerOnly];
    const present = wanted.filter((t) => this.sheetMeta(t));
    const ranges = present.flatMap((t) => {
      const title = this.sheetMeta(t)!.title;
      return a1Ranges(headerOnly.includes(t) ? { table: title, ranges: [] } : { table: title });
    });
    const out = new Map<TableName, ReadResult>();
    for (const t of wanted) out.set(t, { table: t, exists: false, header: [], rows: [], lastRow: 0 });
    if (ranges.length === 0) return out;
    const res = await this.g.call('sheets.get', msg('cli.what.readTables', { tables: present.map(tabTitle).join(', ') }), () =>
      this.g.sheets.spreadsheets.get({ spreadsheetId: this.spreadsheetId, ranges, includeGridData: true, fields: READ_FIELDS }));
    // What was asked for (a table's key, or any tab's title) by the title of the tab that answered.
    const asked = new Map(present.map((t) => [this.sheetMeta(t)!.title, t]));
    for (const grid of parseSpreadsheet(res.data)) {
      const t = asked.get(grid.meta.title);
      if (t === undefined) continue;
      const header = (grid.rows.get(1) ?? []).map(headerText);
      const rows: ReadResult['rows'] = [];
      let lastRow = 1;
      for (const [n, cells] of [...grid.rows].sort((a, b) => a[0] - b[0])) {
        if (n < 2 || isEmptyRow(cells) || headerOnly.includes(t)) continue;
        const copy = [...cells];
        while (copy.length < header.length) copy.push(null);
        rows.push({ rowNumber: n, cells: copy });
        lastRow = n;
      }
      out.set(t, { table: t, exists: true, header, rows, lastRow });
    }
    return out;
  }

  async snapshot(tables: readonly TableName[], headerOnly: readonly TableName[] = []): Promise<{ snap: Snapshot; raw: Map<TableName, ReadResult> }> {
    const raw = await this.read(tables, headerOnly);
    const snap: Snapshot = {};
    for (const [t, r] of raw) (snap as Record<string, unknown>)[t] = parseTable(t, r);
    return { snap, raw };
  }

  /** One batchUpdate with these requests (nothing when empty). */
  async batchUpdate(requests: object[], what: CliText): Promise<void> {
    if (requests.length === 0) return;
    await this.g.call('sheets.batchUpdate', what, () =>
      this.g.sheets.spreadsheets.batchUpdate({ spreadsheetId: this.spreadsheetId, requestBody: { requests } }, RETRY_429));
  }

  /**
   * Writes cell updates and appended rows in batchUpdates of at most WRITE_CHUNK_ROWS rows. `units` groups rows
   * that must land in the same call (a record and its audit row). `extra(table, rowsBefore, rowsAfter)` adds
   * requests for appended rows (data validation) to the chunk that appends them.
   */
  async writeUnits(updates: CellWrite[], units: { table: string; cells: string[] }[][], onChunk: (rows: number) => void,
    extra?: (appended: Map<string, number>) => object[]): Promise<void> {
    if (updates.length === 0 && units.length === 0) return;
    if ([...updates.map((u) => u.table), ...units.flat().map((u) => u.table)].some((t) => !this.sheetMeta(t))) await this.meta();
    const sheetIdOf = (t: string) => {
      const m = this.sheetMeta(t);
      if (!m) throw new Error(`Table ${t} does not exist in the spreadsheet`);
      return m.sheetId;
    };
    let i = 0;
    let first = true;
    while (first || i < units.length) {
      const chunk: { table: string; cells: string[] }[][] = [];
      let rows = 0;
      for (let unit = units[i]; unit && (chunk.length === 0 || rows + unit.length <= WRITE_CHUNK_ROWS); unit = units[++i]) {
        chunk.push(unit);
        rows += unit.length;
      }
      const byTable = new Map<string, string[][]>();
      for (const u of chunk.flat()) {
        const list = byTable.get(u.table) ?? [];
        list.push(u.cells);
        byTable.set(u.table, list);
      }
      const batch: WriteBatch = { updates: first ? updates : [], appends: [...byTable].map(([table, r]) => ({ table, rows: r })) };
      const requests = writeRequests(batch, sheetIdOf);
      const appended = new Map<string, number>([...byTable].map(([t, r]) => [t, r.length]));
      if (extra) requests.push(...extra(appended));
      await this.batchUpdate(requests, msg('cli.what.write', { tables: [...byTable.keys()].map(tabTitle).join(', ') }));
      onChunk(rows + (first ? updates.length : 0));
      first = false;
    }
  }
}

/**
 * Cells of a row in the order of the tab's header, each field under its Norwegian label or English key (fields not in
 * the header are left out: the caller checks).
 */
export function rowCells(table: TableName, header: readonly string[], encoded: Record<string, string>): string[] {
  const out = header.map(() => '');
  for (const [f, v] of Object.entries(encoded)) {
    const at = findColumn(table, header, f);
    if (at >= 0) out[at] = v;
  }
  return out;
}

/** Fields a table needs that its header lacks (under both its label and its key). */
export function missingFields(table: TableName, header: readonly string[]): string[] {
  return Object.keys(tableDef(table).fields).filter((f) => findColumn(table, header, f) < 0);
}
