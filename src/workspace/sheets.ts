// The records spreadsheet, simulated: tabs as a grid, and hand edits straight into the CSV files followed by what the
// installable onEdit trigger does on Apps Script (src/gas/triggers.ts): drop the affected views, rebuild if needed.
import { columnLabel, findColumn, findTab, tableOfTitle } from '../core/records/labels';
import { TABLE_NAMES } from '../core/records/tables';
import { viewsAffectedByEdit } from '../store/edit-invalidation';
import { ReadModel } from '../store/read-model';
import { readOne } from '../store/ports';
import type { RawCell } from '../core/records/cells';
import { HttpError } from './http';
import type { Workspace } from './workspace';

const show = (c: RawCell | undefined): string => (c && typeof c === 'object' ? `=${c.formula.replace(/^=/, '')}` : c === undefined || c === null ? '' : String(c));

export function tableList(ws: Workspace) {
  // Tabs by their titles (Norwegian, or English in a folder made before the labels), records tables first in their order.
  const titles = ws.records.tables();
  const order = (title: string) => { const t = tableOfTitle(title); return t ? TABLE_NAMES.indexOf(t) : TABLE_NAMES.length; };
  const names = [...titles].sort((a, b) => order(a) - order(b));
  const issues = new Map<string, number>();
  for (const i of ws.health?.issues ?? []) issues.set(i.table, (issues.get(i.table) ?? 0) + 1);
  return names.map((name) => ({ name, issues: issues.get(tableOfTitle(name) ?? name) ?? 0 }));
}

/** The tab's title: as asked, or the title of the table a key names (`Employees` → `Ansatte`); 404 when there is none. */
function known(ws: Workspace, table: string): string {
  const titles = ws.records.tables();
  const title = findTab(table, (t) => titles.includes(t));
  if (title === undefined) throw new HttpError(404, `No tab ${table} in the records`);
  return title;
}

/** One page of a tab: rows in sheet order (optionally those containing `q`), with the data-health issues of each row. */
export function sheetPage(ws: Workspace, tab: string, opts: { offset: number; limit: number; q: string }) {
  const table = known(ws, tab);
  const res = readOne(ws.records, { table });
  const needle = opts.q.trim().toLowerCase();
  const all = res.rows.map((r) => ({ rowNumber: r.rowNumber, cells: res.header.map((_, i) => show(r.cells[i])) }));
  const matching = needle ? all.filter((r) => r.cells.some((c) => c.toLowerCase().includes(needle))) : all;
  const key = tableOfTitle(table) ?? table;
  const issues = (ws.health?.issues ?? []).filter((i) => i.table === key);
  const page = matching.slice(opts.offset, opts.offset + opts.limit);
  const rowsShown = new Set(page.map((r) => r.rowNumber));
  return {
    table, header: res.header, total: all.length, matching: matching.length, offset: opts.offset,
    rows: page,
    // Columns by their header cell as the grid shows it (the Norwegian label, or the English key of an older folder).
    issues: issues.filter((i) => i.rowNumber === undefined || rowsShown.has(i.rowNumber))
      .map((i) => (i.field ? { ...i, field: res.header[findColumn(key, res.header, i.field)] ?? columnLabel(key, i.field) } : i)),
    issueCount: issues.length,
    fileProblems: res.problems ?? [],
    checkedAt: ws.health?.checkedAt,
  };
}

function afterEdit(ws: Workspace, table: string, rowNumber: number): void {
  const res = readOne(ws.records, { table, ranges: [{ from: rowNumber, to: rowNumber }] });
  const cells = res.rows[0]?.cells ?? [];
  const row = Object.fromEntries(res.header.map((h, i) => [h.trim(), show(cells[i])]));
  const { keys, rebuildSoon } = viewsAffectedByEdit(table, row);
  new ReadModel(ws.ports.cache, () => 'edit', ws.ports.codec).invalidate(keys);
  // Apps Script schedules the rebuild a minute later; here it runs before the answer, so the next view is current.
  if (rebuildSoon) ws.rebuild();
  ws.touch(true);
}

/** A person typing into one cell of the spreadsheet (no audit row: the app does not see hand edits). */
export function editCell(ws: Workspace, tab: string, rowNumber: number, column: number, value: string): void {
  const table = known(ws, tab);
  const res = readOne(ws.records, { table, ranges: [{ from: 1, to: 1 }] });
  if (rowNumber < 2) throw new HttpError(400, 'Row 1 holds the field names; edit them in the CSV file if you must');
  if (column >= res.header.length) throw new HttpError(400, `${table} has ${res.header.length} columns; there is no column ${column + 1}`);
  // A cell far below the data would make the file that long (the grid shows one empty row to type into).
  if (rowNumber > res.lastRow + 1) throw new HttpError(400, `${table} ends at row ${res.lastRow}; type a new row in row ${res.lastRow + 1}`);
  ws.records.write({ updates: [{ table, rowNumber, column, value }], appends: [] });
  afterEdit(ws, table, rowNumber);
}

/** A row typed in below the last one. */
export function appendRow(ws: Workspace, tab: string, cells: string[]): number {
  const table = known(ws, tab);
  const before = readOne(ws.records, { table, ranges: [{ from: 1, to: 1 }] });
  if (cells.length > before.header.length) throw new HttpError(400, `${table} has ${before.header.length} columns`);
  if (cells.every((c) => c.trim() === '')) throw new HttpError(400, 'An empty row adds nothing');
  ws.records.write({ updates: [], appends: [{ table, rows: [cells] }] });
  const after = readOne(ws.records, { table, ranges: [{ from: 1, to: 1 }] });
  afterEdit(ws, table, after.lastRow);
  return after.lastRow;
}
