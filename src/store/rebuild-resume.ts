// The read-model rebuild across executions: the tables are read in bounded slices until the execution's time is nearly
// spent; what was read is staged (compressed) in the RebuildStage tab and a small cursor kept in Script Properties; the
// next trigger run goes on from the cursor. Only the run that has read everything builds and writes the new generation,
// so the cache and the ReadModel tab keep serving the previous one until then — never a half-built one.
import { TABLE_NAMES, headerOf, type TableName } from '../core/records/tables';
import { appendAll as append } from '../core/arrays';
import { hash31 } from '../core/ids';
import type { Codec } from './codec';
import type { ReadRequest, ReadResult, SheetRow, WorkbookPort } from './ports';
import type { ReadModel } from './read-model';
import { HEADER_ONLY_TABLES, REBUILD_TABLES, RESPONSE_BYTES, SLICE_ROWS, publishRebuild, type RebuildResult } from './rebuild';
import type { Snapshot } from './records';
import { CELL_CHARS, writeRowsAt } from './row-writer';
import { parseTable } from './table-parse';
import { areaKey, areasOf, isShardedTable, storeRow } from './shards';

/** A small durable value store (Script Properties on Apps Script: 9 KB a value, 500 KB in all). */
export interface ProgressStore {
  get(key: string): string | undefined;
  set(key: string, value: string): void;
  remove(key: string): void;
}

export const PROGRESS_KEY = 'rebuild';
/** Stays English like ReadModel (see durable.ts): the rebuild's own staging of what it read, never read by HR. */
export const STAGE_TABLE = 'RebuildStage';
const PART_CELLS = 40;
export const STAGE_HEADER = ['generation', 'seq', 'parts', ...Array.from({ length: PART_CELLS }, (_, i) => `p${i}`)];
/** Characters per write call and per read call of the stage (bounded requests and answers, like the durable copy). */
const STAGE_CHARS_PER_CALL = 4_000_000;
/** A cursor older than this is abandoned (the records have moved on too far; start again). */
const CURSOR_MAX_AGE_MS = 6 * 3600_000;

/**
 * The order the tables are read in: the large, slowly changing ones first (they are what spans executions), the small
 * and busy ones (sessions, enrollments, questions, settings…) last, so they are read by the run that publishes.
 */
const READ_FIRST = ['Certifications', 'SkillAssessments', 'Employees'] as const satisfies readonly TableName[];
export const READ_ORDER: readonly TableName[] = [...READ_FIRST, ...REBUILD_TABLES.filter((t) => !(READ_FIRST as readonly TableName[]).includes(t))];

interface Cursor {
  v: 1;
  /** The generation being built, and when its first run started. */
  g: string;
  startedAt: string;
  /** Next table (index in READ_ORDER) and its next row. */
  t: number;
  from: number;
  /** Stage rows written (rows 2 … 1 + rows) and runs so far. */
  rows: number;
  runs: number;
  /** Person shards when it started (`t` counts their areas as units): another count starts the rebuild again. */
  n?: number;
}

export type StepOutcome =
  | { done: true; result: RebuildResult; executions: number; stagedChars: number }
  | { done: false; executions: number; stagedChars: number; next: { table: TableName; from: number } };

function parseCursor(text: string | undefined, nowMs: number): Cursor | undefined {
  if (!text) return undefined;
  try {
    const c = JSON.parse(text) as Cursor;
    const ok = c && c.v === 1 && typeof c.g === 'string' && Number.isInteger(c.t) && Number.isInteger(c.from) && Number.isInteger(c.rows)
      && Number.isInteger(c.runs) && nowMs - Date.parse(c.startedAt) < CURSOR_MAX_AGE_MS;
    return ok ? c : undefined;
  } catch {
    return undefined;
  }
}

/** One table's rows of one area read in one run, as staged: header, rows with their numbers, the last row then. */
interface Staged { t: TableName; a?: number; h: string[]; l: number; r: [number, ...unknown[]][]; /** 0: no such tab. */ e?: 0 }

/** What the rebuild reads, in order: each table of READ_ORDER, a sharded one area by area (row numbers are per area). */
interface Unit { t: TableName; area: number }
function unitsOf(workbook: WorkbookPort): Unit[] {
  return READ_ORDER.flatMap((t) => areasOf(t, workbook.shards).map((area) => ({ t, area })));
}

/**
 * Reads from `start` on in calls whose answers stay under `maxBytes`, until everything is read or `stop()` says the run's
 * time is nearly spent (checked before every call but the first, so each run makes progress). Returns what was read
 * (whole for units before `next`, up to `next.from` for the unit at `next`), by unit, and where to go on.
 */
function readFrom(workbook: WorkbookPort, start: { t: number; from: number }, stop: () => boolean, maxBytes: number):
  { read: Map<string, { unit: Unit; r: ReadResult }>; next?: { t: number; table: TableName; from: number } } {
  const units = unitsOf(workbook).slice(start.t);
  const startRow = (i: number) => (i === 0 ? start.from : storeRow(units[i]!.area, 2));
  const guess = (t: TableName) => headerOf(t).length * 24 + 30;
  // The first call learns every remaining unit's size and row width: half its budget for the unit the cursor is in
  // (a resumed run goes on with it at once), the rest shared by the others.
  const share = (i: number) => (units.length === 1 ? maxBytes : i === 0 ? maxBytes / 2 : maxBytes / 2 / (units.length - 1));
  const plan = units.map((u, i) => ({ ...u, from: startRow(i), rows: Math.max(1, Math.min(SLICE_ROWS, Math.floor(share(i) / guess(u.t)))) }));
  const first = workbook.read(plan.map((p) => ({ table: p.t, ranges: [{ from: p.from, to: p.from + p.rows - 1 }] })));
  const key = (u: Unit) => areaKey(u.t, u.area);
  const read = new Map<string, { unit: Unit; r: ReadResult }>(first.map((r, i) => [key(units[i]!), { unit: units[i]!, r: { ...r, rows: [...r.rows] } }]));
  // The slices still to read, in order; each call takes as many as fit in its byte budget.
  const slices: { i: number; t: TableName; from: number; to: number; bytes: number }[] = [];
  first.forEach((r, i) => {
    const p = plan[i];
    if (!p) throw new Error(`rebuild: the first read answered ${first.length} tables for ${plan.length} asked`);
    const seen = r.rows.length;
    const rowBytes = Math.max(1, Math.ceil((seen > 0 ? (2 + r.rows.reduce((n, x) => n + JSON.stringify(x.cells).length + 30, 0)) / seen : guess(p.t)) * 1.25));
    const per = Math.max(1, Math.min(SLICE_ROWS, Math.floor(maxBytes / rowBytes)));
    const last = r.areaLastRows?.[p.area] ?? r.lastRow;
    for (let from = p.from + p.rows; from <= last; from += per) {
      const to = Math.min(last, from + per - 1);
      slices.push({ i, t: p.t, from, to, bytes: (to - from + 1) * rowBytes });
    }
  });
  let k = 0;
  for (let at = slices[k]; at; at = slices[k]) {
    if (stop()) {
      // Units after the one reached were read only in part by the first call: read again next run.
      for (const [name, { unit, r }] of read) {
        const i = units.findIndex((u) => key(u) === key(unit));
        if (i > at.i) read.delete(name);
        else if (i === at.i) r.rows = r.rows.filter((x) => x.rowNumber < at.from);
      }
      return { read, next: { t: start.t + at.i, table: at.t, from: at.from } };
    }
    const batch: ReadRequest[] = [];
    const of: Unit[] = [];
    let budget = maxBytes;
    for (let s = slices[k]; s && (batch.length === 0 || s.bytes <= budget); s = slices[++k]) {
      batch.push({ table: s.t, ranges: [{ from: s.from, to: s.to }] });
      of.push(units[s.i]!);
      budget -= s.bytes;
    }
    workbook.read(batch).forEach((r, j) => append(read.get(key(of[j]!))!.r.rows, r.rows));
  }
  return { read };
}

/** Writes one run's reading as compressed text into stage rows `firstRow…`; returns the rows and characters written. */
function writeStage(workbook: WorkbookPort, codec: Codec | undefined, g: string, firstRow: number, staged: Staged[]): { rows: number; chars: number } {
  const json = JSON.stringify(staged);
  const text = codec ? `z${codec.pack(json)}` : `j${json}`;
  const parts: string[] = [];
  for (let i = 0; i < text.length; i += CELL_CHARS) parts.push(text.slice(i, i + CELL_CHARS));
  const rows: string[][] = [];
  for (let i = 0; i < parts.length; i += PART_CELLS) {
    const cells = parts.slice(i, i + PART_CELLS);
    rows.push([g, String(firstRow + rows.length), String(cells.length), ...cells, ...Array<string>(PART_CELLS - cells.length).fill('')]);
  }
  // The continuation marks (`+`) tell a run's rows apart: the last row of a run carries `.`.
  rows.forEach((r, i) => { r[1] = `${r[1]}${i === rows.length - 1 ? '.' : '+'}`; });
  writeRowsAt(workbook, STAGE_TABLE, STAGE_HEADER, new Map(rows.map((r, i) => [firstRow + i, r])), STAGE_CHARS_PER_CALL);
  return { rows: rows.length, chars: text.length };
}

/** Every run's staged reading of generation `g` (rows 2 … 1 + count), in bounded reads; undefined if any row is off. */
function readStage(workbook: WorkbookPort, codec: Codec | undefined, g: string, count: number): Staged[][] | undefined {
  const perCall = Math.max(1, Math.floor(STAGE_CHARS_PER_CALL * 2 / (CELL_CHARS * PART_CELLS)));
  const rows: SheetRow[] = [];
  for (let from = 2; from < 2 + count; from += perCall) {
    const [r] = workbook.read([{ table: STAGE_TABLE, ranges: [{ from, to: Math.min(1 + count, from + perCall - 1) }] }]);
    if (!r?.exists) return undefined;
    append(rows, r.rows);
  }
  if (rows.length !== count) return undefined;
  const runs: Staged[][] = [];
  let text = '';
  for (const [i, r] of rows.entries()) {
    const seq = String(r.cells[1] ?? '');
    if (String(r.cells[0] ?? '') !== g || !seq.startsWith(String(2 + i))) return undefined;
    const parts = Number(r.cells[2] ?? 0);
    if (!Number.isInteger(parts) || parts < 1 || parts > PART_CELLS) return undefined;
    for (let p = 0; p < parts; p++) text += String(r.cells[3 + p] ?? '');
    if (seq.endsWith('.')) {
      try {
        const json = text.startsWith('z') && codec ? codec.unpack(text.slice(1)) : text.startsWith('j') ? text.slice(1) : undefined;
        if (json === undefined) return undefined;
        runs.push(JSON.parse(json) as Staged[]);
      } catch {
        return undefined;
      }
      text = '';
    }
  }
  return text === '' ? runs : undefined;
}

/** Blanks the stage rows after a publish (the records spreadsheet keeps no second copy of everyone's rows). */
function clearStage(workbook: WorkbookPort, count: number): void {
  if (count <= 0) return;
  const updates = [];
  for (let row = 2; row < 2 + count; row++) for (let column = 0; column < STAGE_HEADER.length; column++) updates.push({ table: STAGE_TABLE, rowNumber: row, column, value: '' });
  workbook.write({ updates, appends: [] });
}

const hashOf = (h: readonly unknown[]) => hash31(JSON.stringify(h));

/** The reading of every run merged into one snapshot; undefined when a header changed between runs (start again). */
function merge(runs: Staged[][], now: Staged[]): Snapshot | undefined {
  const all = new Map<TableName, ReadResult>();
  for (const s of [...runs.flat(), ...now]) {
    const have = all.get(s.t);
    // A sharded table's areas: the records' own tab may be missing or empty (its header then does not count).
    const headerless = s.h.length === 0;
    if (have && !headerless && have.header.length > 0 && hashOf(have.header) !== hashOf(s.h)) return undefined;
    const rows = s.r.map(([rowNumber, ...cells]) => ({ rowNumber, cells: cells as SheetRow['cells'] }));
    const r = have ?? { table: s.t, exists: false, header: s.h, rows: [], lastRow: s.l };
    if (!have) all.set(s.t, r);
    r.exists ||= s.e !== 0;
    if (r.header.length === 0) r.header = s.h;
    append(r.rows, rows);
    r.lastRow = Math.max(r.lastRow, s.l);
    if (s.a !== undefined) r.areaLastRows = { ...r.areaLastRows, [s.a]: Math.max(r.areaLastRows?.[s.a] ?? 0, s.l) };
  }
  const snap: Snapshot = {};
  for (const t of TABLE_NAMES) {
    const r = all.get(t);
    if (!r) return undefined;
    // Rows of a table read across runs may repeat or appear out of order at a run's edge: by row number, once each.
    const seen = new Map<number, SheetRow>();
    for (const x of r.rows) seen.set(x.rowNumber, x);
    (snap as Record<string, unknown>)[t] = parseTable(t, { ...r, rows: [...seen.values()].sort((a, b) => a.rowNumber - b.rowNumber) });
  }
  return snap;
}

export interface StepOptions {
  now: string;
  today: string;
  /** A new generation id, taken only when a rebuild starts. */
  newGeneration: () => string;
  /** True when this run should stop reading and hand over (its time is nearly spent). */
  stop: () => boolean;
  codec?: Codec;
  maxBytes?: number;
}

/**
 * One run of the rebuild: starts one, or goes on from the cursor; publishes the new generation when everything is read.
 * Script Properties cost two calls a run (get, set or remove); the stage costs a few Sheets calls when a run hands over.
 */
export function rebuildStep(workbook: WorkbookPort, rm: ReadModel, progress: ProgressStore, opts: StepOptions): StepOutcome {
  const nowMs = Date.parse(opts.now);
  const shards = workbook.shards?.count ?? 0;
  const kept = parseCursor(progress.get(PROGRESS_KEY), nowMs);
  const cursor: Cursor = kept && (kept.n ?? 0) === shards ? kept
    : { v: 1, g: opts.newGeneration(), startedAt: opts.now, t: 0, from: 2, rows: 0, runs: 0, ...(shards ? { n: shards } : {}) };
  const runs = cursor.runs + 1;
  const { read, next } = readFrom(workbook, cursor, opts.stop, opts.maxBytes ?? RESPONSE_BYTES);
  const staged: Staged[] = [...read.values()].map(({ unit, r }) => ({
    t: unit.t, h: r.exists ? r.header : [], l: r.areaLastRows?.[unit.area] ?? r.lastRow, r: r.rows.map((x) => [x.rowNumber, ...x.cells] as [number, ...unknown[]]),
    ...(workbook.shards && isShardedTable(unit.t) ? { a: unit.area } : {}), ...(r.exists ? {} : { e: 0 as const }),
  }));
  if (next) {
    const w = writeStage(workbook, opts.codec, cursor.g, 2 + cursor.rows, staged);
    const after: Cursor = { ...cursor, t: next.t, from: next.from, rows: cursor.rows + w.rows, runs };
    progress.set(PROGRESS_KEY, JSON.stringify(after));
    return { done: false, executions: runs, stagedChars: w.chars, next: { table: next.table, from: next.from } };
  }
  // Audit and Notifications: only their headers and where they end (as the one-shot rebuild), read by the run that publishes.
  for (const r of workbook.read(HEADER_ONLY_TABLES.map((t) => ({ table: t, ranges: [] })))) staged.push({ t: r.table as TableName, h: r.header, l: r.lastRow, r: [], ...(r.exists ? {} : { e: 0 as const }) });
  const earlier = cursor.rows > 0 ? readStage(workbook, opts.codec, cursor.g, cursor.rows) : [];
  const snap = earlier ? merge(earlier, staged) : undefined;
  if (!snap) {
    // The stage is unreadable or a header changed between runs: this generation is abandoned, the next run starts over.
    progress.remove(PROGRESS_KEY);
    return { done: false, executions: runs, stagedChars: 0, next: { table: READ_FIRST[0], from: 2 } };
  }
  const result = publishRebuild(workbook, rm, snap, { now: opts.now, today: opts.today, generation: cursor.g, carryChanges: runs > 1 });
  clearStage(workbook, cursor.rows);
  progress.remove(PROGRESS_KEY);
  return { done: true, result, executions: runs, stagedChars: 0 };
}
