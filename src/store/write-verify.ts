// Write-verify-repair: an update proves it landed on its record, and a write that a hand edit sent elsewhere is undone.
import type { FieldCodec, RawCell } from '../core/records/cells';
import { fieldOfHeader } from '../core/records/labels';
import { tableDef, type Row, type TableName } from '../core/records/tables';
import type { CellWrite, WorkbookPort, Witness } from './ports';
import { parseTable } from './table-parse';
import { areaOfRow, storeRow } from './shards';

/**
 * One row a write is meant for: the cells it writes (column → text) and how to know the row. Updates know their row by
 * its key; a repair knows the row it must put back by its whole content.
 */
export interface Target {
  table: TableName;
  rowNumber: number;
  cells: Map<number, string>;
  /** True when these cells (a row as the sheet holds it) are the row this write is meant for. */
  isMine(cells: RawCell[]): boolean;
  /** For an update: the row still holds what the change was decided on (else someone changed it: a conflict). */
  unchanged?(cells: RawCell[]): boolean;
  /** What the key names, for a failure. */
  key: string;
}

/** Cell text as the store writes it (raw text; a formula shows as its text, never evaluated). */
export function cellText(c: RawCell | undefined): string {
  if (c === null || c === undefined) return '';
  if (typeof c === 'object') return `=${c.formula.replace(/^=/, '')}`;
  if (typeof c === 'boolean') return c ? 'TRUE' : 'FALSE';
  return String(c);
}

function keyOfRow(table: TableName, row: Row<TableName>): string {
  return tableDef(table).key.map((k) => String((row as Record<string, unknown>)[k] ?? '')).join('|');
}

/** The key of one row of cells under this header, or undefined when the row is not a valid record. */
export function keyOfCells(table: TableName, header: string[], cells: RawCell[]): string | undefined {
  const parsed = parseTable(table, { table, exists: true, header, rows: [{ rowNumber: 2, cells }], lastRow: 2 });
  const row = parsed.rows[0]?.row as Row<TableName> | undefined;
  return row ? keyOfRow(table, row) : undefined;
}

/** An update's target: the row whose key is `key`, whose changed cells still hold `was`. */
export function updateTarget(table: TableName, header: string[], rowNumber: number, key: string, cells: Map<number, string>, was: Map<number, string>): Target {
  return {
    table, rowNumber, cells, key,
    isMine: (row) => keyOfCells(table, header, row) === key,
    unchanged: (row) => [...was].every(([col, text]) => sameValue(table, header[col], row[col], text)),
  };
}

/**
 * Whether a cell holds the value `text` encodes: compared as the field reads it, so a spelling the store would not write
 * (an enumeration's English key from before the labels, a value retyped in other case) is the same value.
 */
function sameValue(table: TableName, heading: string | undefined, raw: RawCell | undefined, text: string): boolean {
  if (cellText(raw) === text) return true;
  const field = heading === undefined ? undefined : fieldOfHeader(table, heading);
  const codec = field === undefined ? undefined : (tableDef(table).fields as Record<string, FieldCodec<unknown>>)[field];
  if (!codec) return false;
  const a = codec.schema.safeParse(raw ?? null);
  const b = codec.schema.safeParse(text);
  return a.success && b.success && codec.encode(a.data) === codec.encode(b.data);
}

function sameRow(a: RawCell[], b: RawCell[]): boolean {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) if (cellText(a[i]) !== cellText(b[i])) return false;
  return true;
}

/**
 * The repair of a misdirected write: the row it hit (which held `before`) now holds the write's cells; put back what was
 * there. Undefined when the write changed nothing in that row (the same texts were there).
 */
function restoreTarget(miss: Target, before: RawCell[]): Target | undefined {
  const now = [...before];
  for (const [col, text] of miss.cells) { while (now.length <= col) now.push(null); now[col] = text === '' ? null : text; }
  if (sameRow(now, before)) return undefined;
  const cells = new Map<number, string>();
  for (const col of miss.cells.keys()) cells.set(col, cellText(before[col]));
  return { table: miss.table, rowNumber: 0, cells, key: `row of ${miss.table} hit by a misdirected write`, isMine: (row) => sameRow(row, now) };
}

export type RepairFailure = { reason: 'conflict' | 'not_found'; table: string; key: string };

/** The writes and witnesses of these targets, in one batch. */
export function batchOf(targets: Target[]): { updates: CellWrite[]; witness: Witness[] } {
  const updates: CellWrite[] = [];
  for (const t of targets) for (const [column, value] of t.cells) updates.push({ table: t.table, rowNumber: t.rowNumber, column, value });
  return { updates, witness: targets.map((t) => ({ table: t.table, rowNumber: t.rowNumber })) };
}

/** Targets whose witnessed row was not theirs at the instant of the write. */
export function missed(targets: Target[], before: RawCell[][]): { target: Target; before: RawCell[] }[] {
  return targets.flatMap((t, i) => (t.isMine(before[i] ?? []) ? [] : [{ target: t, before: before[i] ?? [] }]));
}

/** How far above the table's end (as read before the write) appended rows are sought when they must be taken back. */
export const UNDO_TAIL_ROWS = 200;

/** Rounds of repair before giving up (each needs a hand edit of the same tab within the same second to be needed). */
export const REPAIR_ROUNDS = 4;

/**
 * Puts right the writes that landed on other rows: each round reads the tabs whole (one call; or from row `from[table]`
 * on, where the rows sought can only be near the end), puts back what each
 * misdirected write overwrote, writes each update again at the row that now holds its key (if that row still holds
 * what the change was decided on), and checks every one of those writes the same way. Returns a failure when an update
 * can no longer be made (its record is gone or was changed meanwhile); what was overwritten is put back all the same.
 */
export function repair(workbook: WorkbookPort, misses: { target: Target; before: RawCell[] }[], from?: Partial<Record<TableName, number>>): RepairFailure | undefined {
  let failure: RepairFailure | undefined;
  for (let round = 0; round < REPAIR_ROUNDS && misses.length > 0; round++) {
    const tables = [...new Set(misses.map((m) => m.target.table))];
    const read = workbook.read(tables.map((table) => (from?.[table] ? { table, ranges: [{ from: from[table]! }] } : { table })));
    // The tabs as read, then as they will be once what was overwritten is put back (the updates are checked on that).
    const rowsOf = new Map(read.map((r) => [r.table, r.rows.map((x) => ({ rowNumber: x.rowNumber, cells: [...x.cells] }))]));
    const restores: Target[] = [];
    const restored = new Set<string>();
    for (const m of misses) {
      const t = restoreTarget(m.target, m.before);
      // The overwritten row is put back wherever it is now (gone or edited again by hand since: nothing to put back).
      const row = t && (rowsOf.get(t.table) ?? []).find((r) => !restored.has(`${t.table}:${r.rowNumber}`) && t.isMine(r.cells));
      if (!t || !row) continue;
      restored.add(`${t.table}:${row.rowNumber}`);
      restores.push({ ...t, rowNumber: row.rowNumber });
      for (const [col, text] of t.cells) { while (row.cells.length <= col) row.cells.push(null); row.cells[col] = text === '' ? null : text; }
    }
    const redo: Target[] = [];
    for (const { target: t } of misses) {
      if (!t.unchanged) continue;
      const row = (rowsOf.get(t.table) ?? []).find((r) => t.isMine(r.cells));
      if (!row) { failure ??= { reason: 'not_found', table: t.table, key: t.key }; continue; }
      if (!t.unchanged(row.cells)) { failure ??= { reason: 'conflict', table: t.table, key: t.key }; continue; }
      redo.push({ ...t, rowNumber: row.rowNumber });
    }
    // Put-backs first: where a put-back and an update share a cell, the update's text is the one that stays.
    const next = [...restores, ...redo];
    if (next.length === 0) return failure;
    const batch = batchOf(next);
    const res = workbook.write({ updates: batch.updates, appends: [], witness: batch.witness });
    misses = missed(next, res.before);
  }
  if (misses.length > 0) throw new Error(`Writes to ${misses.map((m) => m.target.table).join(', ')} kept landing on other rows (hand edits every moment): not put right`);
  return failure;
}

/**
 * Clears rows a write appended (found by their whole content, wherever hand edits have moved them since), each clear
 * witnessed and put right like any other write. Used when a change cannot be completed after its batch applied: the
 * rows it appended must not stand for a change that did not happen. A row already gone is left alone.
 */
export function undoAppends(workbook: WorkbookPort, appended: { table: TableName; rows: string[][]; lastRow: number }[]): void {
  const targets: { target: Target; before: RawCell[] }[] = [];
  for (const { table, rows } of appended) {
    for (const row of rows) {
      const cells = new Map<number, string>(row.map((_, i) => [i, '']));
      const raw: RawCell[] = row.map((x) => (x === '' ? null : x));
      targets.push({
        target: { table, rowNumber: 0, cells, key: `row appended to ${table}`, isMine: (r) => sameRow(r, raw), unchanged: () => true },
        // Nothing was hit yet: there is nothing to put back, only the clear to make.
        before: [],
      });
    }
  }
  // Appended rows are after the table's last row as read before the write; hand edits usually move them up a little
  // only (rows deleted above), so the tail is read first, not the whole table (Audit grows all year).
  const from: Partial<Record<TableName, number>> = {};
  // A person shard's rows are numbered from its area's start (shards.ts): the tail never reaches into another area.
  for (const a of appended) from[a.table] = Math.max(storeRow(areaOfRow(a.lastRow), 2), a.lastRow - UNDO_TAIL_ROWS + 1);
  if (targets.length === 0) return;
  // A row not in the tail was moved further by hand at that moment (the tab sorted, many rows deleted above): the tabs are
  // read whole, once, so it is cleared wherever it is. Left standing, an Audit row would say the change was committed.
  // Rows cleared by the first pass are blank now and not found again (blank rows are left out of every read).
  if (repair(workbook, targets, from)) repair(workbook, targets);
}
