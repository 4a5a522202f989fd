// `provision --move-person-rows`: moves the Certifications and SkillAssessments rows still in the records spreadsheet into
// each employee's person shard — copied, read back and verified there, and only then deleted from the records.
import type { sheets_v4 } from 'googleapis';
import { personShardName } from '../core/drive-names';
import type { MessageKey, Params } from '../core/i18n';
import type { RawCell } from '../core/records/cells';
import { columnMap, findColumn, tabTitle } from '../core/records/labels';
import type { TableName } from '../core/records/tables';
import {
  WITNESS_FIELDS, WITNESS_SHEET_ID, WITNESS_TAB, a1Ranges, addWitnessTabRequest, deleteRowsRequests, parseSpreadsheet, READ_FIELDS, textCell,
} from '../adapters/google/sheets-requests';
import type { CellWrite, ReadResult } from '../store/ports';
import { APPEND_BYTES, DELETE_ROWS, checksum, counts, fingerprint, namesOf, take } from '../store/rotation';
import { SHARDED_TABLES, shardOfEmployee, type ShardedTable } from '../store/shards';
import { cellText, keyOfCells } from '../store/write-verify';
import { CliError, msg } from './errors';
import { RETRY_429 } from './google';
import type { RemoteRecords } from './remote';
import { validationRequests } from './sheet-setup';

/** What one table's move did. */
export interface MoveOutcome {
  table: ShardedTable;
  /** Rows in the records spreadsheet at the scan, and their checksum (count:hash of their fingerprints). */
  rows: number;
  checksum: string;
  /** Rows appended to the shards in this run (a rerun appends only what a shard lacks). */
  copied: number;
  /** Rows deleted from the records (each verified in its shard first), and rows put back (moved under a delete by hand). */
  removed: number;
  restored: number;
  /** Rows with no employee id: no shard is theirs, so they stay (data health reports them). */
  noEmployee: number;
  /** Shards that did not hold every row after copying: nothing of theirs was deleted. */
  unverified: number[];
  /** The columns changed between the scan and a delete: that window was left alone. */
  headerChanged: boolean;
}

interface Candidate { rowNumber: number; fp: string; cells: RawCell[] }

/** Waits ms (a real timer; tests pass their own). */
export type Wait = (ms: number) => Promise<void>;
const realWait: Wait = (ms) => new Promise((resolve) => { setTimeout(resolve, ms); });

/**
 * The Sheets API allows a user about 60 reads and 60 writes a minute (src/core/google-limits.ts); a move at scale makes
 * two calls a window, so a 429 waits out the minute and asks again (a refused call was not applied), up to three times.
 */
async function paced<T>(wait: Wait, fn: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (e) {
      if (!(e instanceof CliError && e.status === 429) || attempt >= 3) throw e;
      await wait(61_000);
    }
  }
}

const rowBytes = (cells: readonly unknown[]) => JSON.stringify(cells).length + 2;

/** A raw cell as it was: text as text (never parsed), a serial date as its number, a checkbox as a boolean. */
function cellData(c: RawCell): sheets_v4.Schema$CellData {
  if (c === null || c === '') return {};
  if (typeof c === 'number') return { userEnteredValue: { numberValue: c } };
  if (typeof c === 'boolean') return { userEnteredValue: { boolValue: c } };
  if (typeof c === 'object') return { userEnteredValue: { formulaValue: c.formula } };
  return textCell(c);
}

/**
 * Moves each sharded table's rows from the records into the shard of their employee (shardOfEmployee). Per shard: append
 * what it lacks (by identical row, counted) in batchUpdates of ≤ 2 MB, read it back, and verify every row is there; then
 * delete from the records only verified rows, bottom-up in windows of ≤ DELETE_ROWS, each re-read just before its
 * witnessed delete, a row the witness shows was not verified put back. Idempotent: a rerun copies only what is missing.
 */
export async function movePersonRows(records: RemoteRecords, shards: readonly RemoteRecords[], wait: Wait = realWait): Promise<MoveOutcome[]> {
  const out: MoveOutcome[] = [];
  for (const table of SHARDED_TABLES) out.push(await moveTable(records, shards, table, wait));
  return out;
}

async function moveTable(records: RemoteRecords, shards: readonly RemoteRecords[], table: ShardedTable, wait: Wait): Promise<MoveOutcome> {
  const src = (await paced(wait, () => records.read([table]))).get(table)!;
  const names = namesOf(src.header, table);
  const o: MoveOutcome = { table, rows: src.rows.length, checksum: '', copied: 0, removed: 0, restored: 0, noEmployee: 0, unverified: [], headerChanged: false };
  const who = findColumn(table, src.header, 'employeeId');
  const byShard = new Map<number, Candidate[]>();
  const all: string[] = [];
  for (const r of src.rows) {
    const fp = fingerprint(src.header, names, r.cells, table);
    all.push(fp);
    const employee = who < 0 ? '' : cellText(r.cells[who]).trim();
    if (!employee) { o.noEmployee++; continue; }
    const k = shardOfEmployee(employee, shards.length);
    byShard.set(k, [...(byShard.get(k) ?? []), { rowNumber: r.rowNumber, fp, cells: r.cells }]);
  }
  o.checksum = checksum(all);
  const verified = new Map<string, number>();
  const deletable: Candidate[] = [];
  for (const k of [...byShard.keys()].sort((a, b) => a - b)) {
    const rows = byShard.get(k)!;
    const ok = await copyInto(shards[k - 1]!, k, table, src, names, rows, o, wait);
    if (!ok) { o.unverified.push(k); continue; }
    for (const r of rows) { verified.set(r.fp, (verified.get(r.fp) ?? 0) + 1); deletable.push(r); }
  }
  await deleteVerified(records, table, src.header, names, deletable, verified, o, wait);
  return o;
}

/** Appends to shard k the rows it lacks, reads it back, and says whether it now holds every one of `rows`. */
async function copyInto(shard: RemoteRecords, k: number, table: TableName, src: ReadResult, names: string[], rows: Candidate[], o: MoveOutcome,
  wait: Wait): Promise<boolean> {
  let got = (await paced(wait, () => shard.read([table]))).get(table)!;
  if (!got.exists) return false; // provision makes the tab before moving; a shard without it is not written to
  const have = counts(got.rows.map((r) => fingerprint(got.header, names, r.cells, table)));
  let lacking = rows.filter((r) => !take(have, r.fp));
  const sheetId = shard.sheetMeta(table)!.sheetId;
  // The shard's own column order (matched by field): each source column where the shard's header has it.
  const map = columnMap(table, src.header, got.header);
  // A row whose record the shard has already, with other values (an earlier run's copy, and the app changed the records'
  // row before its delete): that copy is brought up to date, never a second row with the same key.
  const stale = new Map<string, number>();
  for (const r of got.rows) { const key = keyOfCells(table, got.header, r.cells); if (key !== undefined) stale.set(key, r.rowNumber); }
  const fixes: CellWrite[] = [];
  lacking = lacking.filter((r) => {
    const key = keyOfCells(table, src.header, r.cells);
    const at = key === undefined ? undefined : stale.get(key);
    if (at === undefined) return true;
    map.forEach((j, column) => fixes.push({ table, rowNumber: at, column, value: j < 0 ? '' : cellText(r.cells[j]) }));
    return false;
  });
  if (fixes.length > 0) { await paced(wait, () => shard.writeUnits(fixes, [], () => undefined)); o.copied += fixes.length / Math.max(1, map.length); }
  let last = got.lastRow;
  let batch: RawCell[][] = [];
  let bytes = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    const requests = [
      { appendCells: { sheetId, rows: batch.map((cells) => ({ values: cells.map(cellData) })), fields: 'userEnteredValue' } },
      ...validationRequests(sheetId, table, got.header, last, last + batch.length),
    ];
    await paced(wait, () => shard.batchUpdate(requests, msg('cli.what.moveCopy', { count: batch.length, name: personShardName(k) })));
    o.copied += batch.length;
    last += batch.length;
    batch = [];
    bytes = 0;
  };
  for (const r of lacking) {
    const cells = map.map((j): RawCell => (j < 0 ? null : r.cells[j] ?? null));
    const b = rowBytes(cells);
    if (bytes + b > APPEND_BYTES) await flush();
    batch.push(cells);
    bytes += b;
  }
  await flush();
  // Verified on what the shard holds now, read back after the writes — never on what was sent.
  if (lacking.length > 0 || fixes.length > 0) got = (await paced(wait, () => shard.read([table]))).get(table)!;
  const left = counts(got.rows.map((r) => fingerprint(got.header, names, r.cells, table)));
  return rows.every((r) => take(left, r.fp));
}

/** Consecutive row numbers as blocks. */
function blocksOf(rowNumbers: number[]): { from: number; to: number }[] {
  const out: { from: number; to: number }[] = [];
  for (const n of [...rowNumbers].sort((a, b) => a - b)) {
    const last = out[out.length - 1];
    if (last && n === last.to + 1) last.to = n;
    else out.push({ from: n, to: n });
  }
  return out;
}

async function deleteVerified(records: RemoteRecords, table: TableName, header: string[], names: string[], rows: Candidate[],
  verified: Map<string, number>, o: MoveOutcome, wait: Wait): Promise<void> {
  if (rows.length === 0) return;
  const metas = await paced(wait, () => records.meta());
  if (!metas.some((m) => m.sheetId === WITNESS_SHEET_ID || m.title === WITNESS_TAB)) {
    await records.batchUpdate([addWitnessTabRequest()], msg('cli.what.setup'));
  }
  const sorted = [...rows].sort((a, b) => b.rowNumber - a.rowNumber);
  // Bottom-up: a delete below never moves the rows above, so the windows still to come keep their row numbers.
  for (let i = 0; i < sorted.length; i += DELETE_ROWS) {
    const window = sorted.slice(i, i + DELETE_ROWS);
    const from = window[window.length - 1]!.rowNumber;
    const to = window[0]!.rowNumber;
    if (!(await deleteWindow(records, table, header, names, from, to, verified, o, wait))) { o.headerChanged = true; return; }
  }
}

/** Re-reads rows from…to, deletes those still verified in one witnessed batchUpdate, and puts back any the witness shows were not. */
async function deleteWindow(records: RemoteRecords, table: TableName, header: string[], names: string[], from: number, to: number,
  verified: Map<string, number>, o: MoveOutcome, wait: Wait): Promise<boolean> {
  const g = records.g;
  const meta = records.sheetMeta(table)!;
  const res = await paced(wait, () => g.call('sheets.get', msg('cli.what.readTables', { tables: tabTitle(table) }), () =>
    g.sheets.spreadsheets.get({ spreadsheetId: records.spreadsheetId, ranges: a1Ranges({ table: meta.title, ranges: [{ from, to }] }), includeGridData: true, fields: READ_FIELDS })));
  const grid = parseSpreadsheet(res.data).find((s) => s.meta.title === meta.title);
  const now = (grid?.rows.get(1) ?? []).map((c) => cellText(c).trim());
  if (header.some((h, i) => h.trim() !== (now[i] ?? ''))) return false;
  const pending = new Map(verified);
  const doomed: number[] = [];
  for (let n = from; n <= to; n++) {
    const cells = grid?.rows.get(n);
    if (cells && take(pending, fingerprint(header, names, cells, table))) doomed.push(n);
  }
  if (doomed.length === 0) return true;
  const blocks = blocksOf(doomed);
  const total = doomed.length;
  const answer = await paced(wait, () => g.call('sheets.batchUpdate', msg('cli.what.moveDelete', { count: total, tab: tabTitle(table) }), () =>
    g.sheets.spreadsheets.batchUpdate({ spreadsheetId: records.spreadsheetId, fields: WITNESS_FIELDS, requestBody: {
      requests: deleteRowsRequests(meta.sheetId, meta.columnCount, blocks), includeSpreadsheetInResponse: true,
      responseRanges: [`'${WITNESS_TAB}'!A1:ZZZ${total}`],
    } }, RETRY_429)));
  const witness = parseSpreadsheet(answer.data.updatedSpreadsheet ?? {}).find((s) => s.meta.sheetId === WITNESS_SHEET_ID || s.meta.title === WITNESS_TAB);
  // The witness: what each deleted row held at the instant of the delete. Each must be a verified row; any other is put back.
  const back: RawCell[][] = [];
  for (let i = 1; i <= total; i++) {
    const cells = witness?.rows.get(i) ?? [];
    if (take(verified, fingerprint(header, names, cells, table))) o.removed++;
    else if (cells.some((c) => c !== null && c !== '')) back.push(header.map((_, j) => cells[j] ?? null));
  }
  meta.rowCount = Math.max(1, meta.rowCount - total);
  if (back.length > 0) {
    await records.batchUpdate([{ appendCells: { sheetId: meta.sheetId, rows: back.map((cells) => ({ values: cells.map(cellData) })), fields: 'userEnteredValue' } }],
      msg('cli.what.write', { tables: tabTitle(table) }));
    o.restored += back.length;
  }
  return true;
}

/** The move's report, one line a table (and what stays, and why). */
export function moveReport(moved: MoveOutcome[], tr: (key: MessageKey, params?: Params) => string): string[] {
  const lines: string[] = [];
  for (const m of moved) {
    const tab = tabTitle(m.table);
    lines.push(tr('cli.move.table', { tab, rows: m.rows, copied: m.copied, removed: m.removed }));
    if (m.restored) lines.push(`  ! ${tr('cli.move.restored', { tab, count: m.restored })}`);
    if (m.noEmployee) lines.push(`  ! ${tr('cli.move.noEmployee', { tab, count: m.noEmployee })}`);
    for (const k of m.unverified) lines.push(`  ✖ ${tr('cli.move.unverified', { tab, name: personShardName(k) })}`);
    if (m.headerChanged) lines.push(`  ✖ ${tr('cli.move.headerChanged', { tab })}`);
  }
  lines.push(tr('cli.move.rebuild', { rebuild: tr('cli.doc.rm.rebuild') }));
  return lines;
}
