// The records spreadsheet, simulated: tabs as a grid, and hand edits straight into the CSV files followed by what the
// installable onEdit trigger does on Apps Script (src/gas/triggers.ts): drop the affected views, rebuild if needed.
import { TABLE_NAMES } from '../core/records/tables';
import { viewsAffectedByEdit } from '../store/edit-invalidation';
import { ReadModel } from '../store/read-model';
import type { RawCell } from '../core/records/cells';
import { HttpError } from './http';
import type { Workspace } from './workspace';

const show = (c: RawCell | undefined): string => (c && typeof c === 'object' ? `=${c.formula.replace(/^=/, '')}` : c === undefined || c === null ? '' : String(c));

export function tableList(ws: Workspace) {
  const existing = new Set(ws.records.tables());
  const names = [...TABLE_NAMES.filter((t) => existing.has(t)), ...[...existing].filter((t) => !(TABLE_NAMES as string[]).includes(t))];
  const issues = new Map<string, number>();
  for (const i of ws.health?.issues ?? []) issues.set(i.table, (issues.get(i.table) ?? 0) + 1);
  return names.map((name) => ({ name, issues: issues.get(name) ?? 0 }));
}

function known(ws: Workspace, table: string): void {
  if (!ws.records.tables().includes(table)) throw new HttpError(404, `No tab ${table} in the records`);
}

/** One page of a tab: rows in sheet order (optionally those containing `q`), with the data-health issues of each row. */
export function sheetPage(ws: Workspace, table: string, opts: { offset: number; limit: number; q: string }) {
  known(ws, table);
  const [res] = ws.records.read([{ table }]);
  const needle = opts.q.trim().toLowerCase();
  const all = res.rows.map((r) => ({ rowNumber: r.rowNumber, cells: res.header.map((_, i) => show(r.cells[i])) }));
  const matching = needle ? all.filter((r) => r.cells.some((c) => c.toLowerCase().includes(needle))) : all;
  const issues = (ws.health?.issues ?? []).filter((i) => i.table === table);
  const page = matching.slice(opts.offset, opts.offset + opts.limit);
  const rowsShown = new Set(page.map((r) => r.rowNumber));
  return {
    table, header: res.header, total: all.length, matching: matching.length, offset: opts.offset,
    rows: page,
    issues: issues.filter((i) => i.rowNumber === undefined || rowsShown.has(i.rowNumber)),
    issueCount: issues.length,
    fileProblems: res.problems ?? [],
    checkedAt: ws.health?.checkedAt,
  };
}

function afterEdit(ws: Workspace, table: string, rowNumber: number): void {
  const [res] = ws.records.read([{ table, ranges: [{ from: rowNumber, to: rowNumber }] }]);
  const cells = res.rows[0]?.cells ?? [];
  const row = Object.fromEntries(res.header.map((h, i) => [h.trim(), show(cells[i])]));
  const { keys, rebuildSoon } = viewsAffectedByEdit(table, row);
  new ReadModel(ws.ports.cache, () => 'edit', ws.ports.codec).invalidate(keys);
  // Apps Script schedules the rebuild a minute later; here it runs before the answer, so the next view is current.
  if (rebuildSoon) ws.rebuild();
  ws.touch(true);
}

/** A person typing into one cell of the spreadsheet (no audit row: the app does not see hand edits). */
export function editCell(ws: Workspace, table: string, rowNumber: number, column: number, value: string): void {
  known(ws, table);
  const [res] = ws.records.read([{ table, ranges: [{ from: 1, to: 1 }] }]);
  if (rowNumber < 2) throw new HttpError(400, 'Row 1 holds the field names; edit them in the CSV file if you must');
  if (column >= res.header.length) throw new HttpError(400, `${table} has ${res.header.length} columns; there is no column ${column + 1}`);
  // A cell far below the data would make the file that long (the grid shows one empty row to type into).
  if (rowNumber > res.lastRow + 1) throw new HttpError(400, `${table} ends at row ${res.lastRow}; type a new row in row ${res.lastRow + 1}`);
  ws.records.write({ updates: [{ table, rowNumber, column, value }], appends: [] });
  afterEdit(ws, table, rowNumber);
}

/** A row typed in below the last one. */
export function appendRow(ws: Workspace, table: string, cells: string[]): number {
  known(ws, table);
  const [before] = ws.records.read([{ table, ranges: [{ from: 1, to: 1 }] }]);
  if (cells.length > before.header.length) throw new HttpError(400, `${table} has ${before.header.length} columns`);
  if (cells.every((c) => c.trim() === '')) throw new HttpError(400, 'An empty row adds nothing');
  ws.records.write({ updates: [], appends: [{ table, rows: [cells] }] });
  const [after] = ws.records.read([{ table, ranges: [{ from: 1, to: 1 }] }]);
  afterEdit(ws, table, after.lastRow);
  return after.lastRow;
}
