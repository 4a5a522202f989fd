// The monthly rotation of Audit and Notifications: rows dated before a cutoff (the first of a month) are copied into the
// archive spreadsheet of their year, verified there by counts and a checksum of the rows, and only then deleted from the
// records — never a row not verified first. A year's archive fills month by month.
import { appendAll } from '../core/arrays';
import { hash31 } from '../core/ids';
import type { RawCell } from '../core/records/cells';
import { columnLabel, headerKey } from '../core/records/labels';
import { readOne, type RowRange, type SheetRow, type WorkbookPort } from './ports';
import { AUDIT_TAIL_ROWS } from './records';
import { cellText } from './write-verify';

/** The tables that grow without end (45k–135k rows a year each at 15,000 employees), and the field that dates a row. */
export const ROTATED_TABLES = ['Audit', 'Notifications'] as const;
export type RotatedTable = (typeof ROTATED_TABLES)[number];
export const DATE_FIELD: Record<RotatedTable, string> = { Audit: 'at', Notifications: 'sentAt' };

/** Bytes one read's answer may carry (the rebuild's bound: UrlFetch refuses over 50 MB; issue 12 keeps each ≤ 10 MB). */
export const READ_BYTES = 9_000_000;
/** Bytes one append may send: "we recommend a 2 MB maximum payload" (developers.google.com/workspace/sheets/api/limits). */
export const APPEND_BYTES = 1_800_000;
/** Rows one witnessed delete may take: their copies come back in its answer, which stays well under 10 MB. */
export const DELETE_ROWS = 4_000;
const FIRST_READ_ROWS = 2_000;

export interface RawTable { exists: boolean; header: string[]; rows: SheetRow[]; lastRow: number }

const rowBytes = (cells: readonly RawCell[]) => JSON.stringify(cells).length + 2;

/** A tab whole, as raw cells, in calls whose answers stay under `maxBytes` (sized by the rows of the first call). */
export function readRaw(workbook: WorkbookPort, table: string, maxBytes = READ_BYTES): RawTable {
  const first = readOne(workbook, { table, ranges: [{ from: 2, to: FIRST_READ_ROWS + 1 }] });
  if (!first.exists) return { exists: false, header: [], rows: [], lastRow: 0 };
  const rows = [...first.rows];
  const seen = rows.reduce((n, r) => n + rowBytes(r.cells), 0);
  const perRow = Math.max(1, Math.ceil((rows.length ? seen / rows.length : 40 * Math.max(1, first.header.length)) * 1.25));
  let lastRow = first.lastRow;
  for (let from = FIRST_READ_ROWS + 2; from <= lastRow; ) {
    const take = Math.max(1, Math.floor(maxBytes / perRow));
    const r = readOne(workbook, { table, ranges: [{ from, to: from + take - 1 }] });
    appendAll(rows, r.rows);
    lastRow = Math.max(lastRow, r.lastRow);
    from += take;
  }
  return { exists: true, header: first.header, rows, lastRow: rows.reduce((n, r) => Math.max(n, r.rowNumber), 1) };
}

/** The header's column names (canonical, see `headerKey`; empty names left out), the columns a rotation copies and compares. */
export function namesOf(header: string[], table = ''): string[] {
  return header.map((h) => headerKey(table, h)).filter((h, i, all) => h !== '' && all.indexOf(h) === i);
}

/**
 * A row as text for comparison: the cell text of each named column, found by name in `header` (the archive's columns may
 * be in another order, or have more of them). Two rows are the same record when every named cell's text is the same.
 */
export function fingerprint(header: string[], names: string[], cells: readonly RawCell[], table = ''): string {
  const at = new Map(header.map((h, i) => [headerKey(table, h), i]));
  return names.map((n) => { const i = at.get(n); return i === undefined ? '' : cellText(cells[i]); }).join('\u0001');
}

/** The time zone whose calendar the rotation closes months in unless told otherwise (the municipality's). */
export const ROTATION_TIME_ZONE = 'Europe/Oslo';

const formatters = new Map<string, Intl.DateTimeFormat>();
/** isoDateIn (core/dates.ts) with its formatter kept: the rotation dates every row it reads (tens of thousands a run). */
function dateIn(instant: Date, timeZone: string): string {
  let f = formatters.get(timeZone);
  if (!f) { f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }); formatters.set(timeZone, f); }
  const parts = f.formatToParts(instant);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/**
 * The date (YYYY-MM-DD) of a date field's text in the municipality's calendar: an instant (ISO timestamp, stored in UTC)
 * by its date in `timeZone` — 00:30 on 1 December in Oslo is 23:30 on 30 November in UTC, and belongs to December;
 * 00:30 on 1 January to the new year — and a plain date by itself. Undefined for anything else.
 */
export function dateOfText(text: string, timeZone: string = ROTATION_TIME_ZONE): string | undefined {
  const t = text.trim();
  const m = /^(\d{4}-\d{2}-\d{2})(T.*)?$/.exec(t);
  if (!m) return undefined;
  if (!m[2]) return m[1];
  const ms = Date.parse(t);
  return Number.isFinite(ms) ? dateIn(new Date(ms), timeZone) : m[1];
}

/** The year of a date field's text in the municipality's calendar (see `dateOfText`), or undefined. */
export function yearOfText(text: string, timeZone: string = ROTATION_TIME_ZONE): number | undefined {
  const d = dateOfText(text, timeZone);
  return d === undefined ? undefined : Number(d.slice(0, 4));
}

/** The date a row belongs to (its date field, in the municipality's calendar; see `dateOfText`), or undefined. */
export function dateOfRow(table: RotatedTable, header: string[], cells: readonly RawCell[], timeZone: string = ROTATION_TIME_ZONE): string | undefined {
  const i = header.findIndex((h) => headerKey(table, h) === DATE_FIELD[table]);
  return i < 0 ? undefined : dateOfText(cellText(cells[i]), timeZone);
}

/**
 * The cutoff a stored `rotatedThrough` names (exclusive, YYYY-MM-DD): a date as it is; a year, as the yearly rotation
 * before this one wrote it (`2025`: every row of 2025 is out), as the first day of the next year; '' for anything else.
 */
export function cutoffOfSetting(value: string): string {
  const v = value.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(v)) return v;
  if (/^\d{4}$/.test(v)) return `${Number(v) + 1}-01-01`;
  return '';
}

/** An order-independent checksum of rows (by fingerprint): their count and the sum of their hashes, as `count:hex`. */
export function checksum(fingerprints: Iterable<string>): string {
  let n = 0;
  let sum = 0;
  for (const f of fingerprints) { n++; sum = (sum + hash31(f)) % 0x7fffffff; }
  return `${n}:${sum.toString(16)}`;
}

/** How many times each fingerprint occurs (identical rows counted, not merged). */
export function counts(fps: Iterable<string>): Map<string, number> {
  const m = new Map<string, number>();
  for (const f of fps) m.set(f, (m.get(f) ?? 0) + 1);
  return m;
}

/** Takes one occurrence of `f` from the counts; false when none is left. */
export function take(m: Map<string, number>, f: string): boolean {
  const n = m.get(f) ?? 0;
  if (n <= 0) return false;
  if (n === 1) m.delete(f); else m.set(f, n - 1);
  return true;
}

/** What happened to one year's rows before the cutoff, in one table, in this run. */
export interface YearOutcome {
  table: RotatedTable;
  year: number;
  /** The span of the year rotated: from the earliest candidate's date to the cutoff (exclusive), YYYY-MM-DD. */
  from: string;
  before: string;
  /** Rows of the year before the cutoff in the records at the scan (the candidates), and their checksum. */
  rows: number;
  checksum: string;
  /**
   * Rows appended to the archive this run; rows of the span (from … before) the archive holds after it, and their
   * checksum (equal to the candidates' when the archive holds exactly them; the year's earlier months are not read).
   */
  appended: number;
  archived: number;
  archiveChecksum: string;
  /** Archive rows read this run (before copying and again after, to verify): bounded by the span, not the year. */
  archiveRowsRead: number;
  /** Every candidate row is in the archive (counted per identical row). */
  verified: boolean;
}

export interface TableOutcome {
  table: RotatedTable;
  years: YearOutcome[];
  /** Rows deleted from the records (each verified in its year's archive), and rows a hand edit moved under a delete, put back. */
  removed: number;
  restored: number;
  /** Rows before the cutoff still in the records after this run (time ran out, or rows moved by hand: the next run goes on). */
  remaining: number;
  /** Rows whose date could not be read: never rotated (data health reports them). */
  undated: number;
  stopped: boolean;
}

export interface RotationContext {
  workbook: WorkbookPort;
  /** The archive workbook of a year (found or created by the caller, which records where it is). */
  archiveFor(year: number): WorkbookPort;
  /** True once the run has used its time (checked between calls: the run stops and the next one goes on). */
  outOfTime(): boolean;
  /** Runs fn under the script lock (the deletes must not interleave with a commit's read and write). */
  locked<T>(fn: () => T): T | { ok: false; reason: 'busy' };
  /** Told, under the lock, where the Audit tab now ends (the request-key tail hint must follow the rows up). */
  auditEndMoved(lastRow: number): void;
  log(message: string, detail?: unknown): void;
  /** The municipality's time zone, whose calendar dates the rows (default Europe/Oslo). */
  timeZone?: string;
}

/** Rows of this run's candidates (dated before the cutoff), by year, with their fingerprints. */
interface Candidate { rowNumber: number; year: number; date: string; fp: string; cells: RawCell[] }

/**
 * Rotates the rows of one table dated before `before` (YYYY-MM-DD, exclusive; the first day of a month): scan the
 * records, copy into each year's archive what it lacks, read the archive back and verify, then delete from the records —
 * bottom-up in bounded windows, each re-read under the lock just before its witnessed delete — only rows verified in
 * the archive. Safe to run again at any point.
 */
export function rotateTable(ctx: RotationContext, table: RotatedTable, before: string): TableOutcome {
  const out: TableOutcome = { table, years: [], removed: 0, restored: 0, remaining: 0, undated: 0, stopped: false };
  const src = readRaw(ctx.workbook, table);
  if (!src.exists) return out;
  const names = namesOf(src.header, table);
  // The newest rows of Audit are where a repeated request key is looked for (records.ts): never rotated.
  const guard = table === 'Audit' ? src.lastRow - AUDIT_TAIL_ROWS : Infinity;
  const byYear = new Map<number, Candidate[]>();
  for (const r of src.rows) {
    const date = dateOfRow(table, src.header, r.cells, ctx.timeZone);
    if (date === undefined) { out.undated++; continue; }
    if (date >= before || r.rowNumber > guard) continue;
    const year = Number(date.slice(0, 4));
    const list = byYear.get(year) ?? [];
    list.push({ rowNumber: r.rowNumber, year, date, fp: fingerprint(src.header, names, r.cells, table), cells: r.cells });
    byYear.set(year, list);
  }
  const verified = new Map<string, number>();
  const deletable: Candidate[] = [];
  for (const year of [...byYear.keys()].sort((a, b) => a - b)) {
    if (ctx.outOfTime()) { out.stopped = true; break; }
    const rows = byYear.get(year)!;
    const y = copyYear(ctx, table, year, before, names, src.header, rows);
    out.years.push(y.outcome);
    if (y.stopped) { out.stopped = true; break; }
    if (!y.outcome.verified) continue;
    for (const r of rows) { verified.set(r.fp, (verified.get(r.fp) ?? 0) + 1); deletable.push(r); }
  }
  const del = deleteVerified(ctx, table, src.header, names, deletable, verified);
  out.removed = del.removed;
  out.restored = del.restored;
  out.stopped ||= del.stopped;
  out.remaining = [...byYear.values()].reduce((n, l) => n + l.length, 0) - del.removed;
  return out;
}

/** Rows of the first window read from a tab's end, and of the window that confirms where a span starts. */
export const TAIL_PROBE_ROWS = 2_000;

/**
 * The rows of a tab from its end upward, as far as a span of dates reaches: windows are read bottom-up (the first and
 * any confirming one TAIL_PROBE_ROWS rows, the others sized for the `expected` rows of the span not yet seen and bounded
 * by bytes as in readRaw) until a window holds rows dated before `from` and none on or after it. The rotation appends in date order, month after month, so that window is
 * where the span starts; the year's earlier months above it are not read. (A hand-sorted archive could hold a row of the
 * span higher up: a row never found is copied again, a duplicate in the archive, never a row lost.)
 */
export function readSpan(workbook: WorkbookPort, table: RotatedTable, from: string, timeZone?: string, expected = Infinity, maxBytes = READ_BYTES):
  { header: string[]; rows: SheetRow[]; read: number } {
  const probe = readOne(workbook, { table, ranges: [{ from: 2, to: 2 }] });
  const rows: SheetRow[] = [];
  let read = 1;
  if (!probe.exists) return { header: [], rows, read: 0 };
  const header = probe.header;
  let perRow = Math.max(1, Math.ceil(40 * Math.max(1, header.length) * 1.25));
  let size = TAIL_PROBE_ROWS;
  let seen = 0;
  for (let to = probe.lastRow; to >= 2; ) {
    const lo = Math.max(2, to - size + 1);
    const r = readOne(workbook, { table, ranges: [{ from: lo, to }] });
    read += to - lo + 1;
    const window = r.rows.filter((x) => x.rowNumber >= lo && x.rowNumber <= to);
    appendAll(rows, window);
    const dates = window.map((x) => dateOfRow(table, r.header, x.cells, timeZone)).filter((d): d is string => d !== undefined);
    const inSpan = dates.filter((d) => d >= from).length;
    if (inSpan === 0 && dates.length > 0) break;
    seen += inSpan;
    if (window.length > 0) perRow = Math.max(1, Math.ceil((window.reduce((n, x) => n + rowBytes(x.cells), 0) / window.length) * 1.25));
    // A window that reaches above the span's start is confirmed by a small one; one wholly inside it, by one sized for
    // the rest of the span (and a probe's margin), within the bytes of one answer.
    const rest = Math.max(0, expected - seen) + TAIL_PROBE_ROWS;
    size = inSpan < dates.length ? TAIL_PROBE_ROWS : Math.max(1, Math.min(rest, Math.floor(maxBytes / perRow)));
    to = lo - 1;
  }
  return { header, rows, read };
}

/** Appends to the year's archive the candidates it lacks (by identical row, counted), reads it back and verifies. */
function copyYear(ctx: RotationContext, table: RotatedTable, year: number, before: string, names: string[], srcHeader: string[], rows: Candidate[]):
  { outcome: YearOutcome; stopped: boolean } {
  const archive = ctx.archiveFor(year);
  // A new archive tab gets the Norwegian title and labels (the adapter finds an older one under its English name).
  archive.ensureTable(table, names.map((n) => columnLabel(table, n)));
  const from = rows.reduce((m, r) => (r.date < m ? r.date : m), before);
  // Only the archive rows of the span can match a candidate (a match is the same text in every column, its date too).
  let arch = readSpan(archive, table, from, ctx.timeZone, rows.length);
  const have = counts(arch.rows.map((r) => fingerprint(arch.header, names, r.cells, table)));
  const lacking = rows.filter((r) => !take(have, r.fp));
  const outcome: YearOutcome = {
    table, year, from, before, rows: rows.length, checksum: checksum(rows.map((r) => r.fp)), appended: 0, archived: 0, archiveChecksum: '',
    archiveRowsRead: arch.read, verified: false,
  };
  // Each append is its own batchUpdate of ≤ 2 MB; a run that stops between two appends leaves nothing half-written, and
  // the next run appends only what the archive still lacks.
  const at = new Map(srcHeader.map((h, i) => [headerKey(table, h), i]));
  const inArchiveOrder = (cells: RawCell[]) => arch.header.map((h) => { const i = at.get(headerKey(table, h)); return i === undefined ? '' : cellText(cells[i]); });
  let batch: string[][] = [];
  let bytes = 0;
  const flush = () => {
    if (batch.length === 0) return;
    archive.write({ updates: [], appends: [{ table, rows: batch }] });
    outcome.appended += batch.length;
    batch = [];
    bytes = 0;
  };
  for (const r of lacking) {
    const cells = inArchiveOrder(r.cells);
    const b = rowBytes(cells);
    if (bytes + b > APPEND_BYTES) {
      flush();
      if (ctx.outOfTime()) break;
    }
    batch.push(cells);
    bytes += b;
  }
  if (outcome.appended + batch.length === lacking.length) flush();
  if (outcome.appended < lacking.length) {
    ctx.log(`rotation: ${table} ${year} (before ${before}): ${outcome.appended} of ${lacking.length} rows copied; the next run goes on`);
    return { outcome, stopped: true };
  }
  // Verified on what the archive holds now, read back after the writes — never on what was sent.
  if (outcome.appended > 0) { arch = readSpan(archive, table, from, ctx.timeZone, rows.length); outcome.archiveRowsRead += arch.read; }
  const archived = arch.rows.filter((r) => {
    const d = dateOfRow(table, arch.header, r.cells, ctx.timeZone);
    return d !== undefined && d >= from && d < before;
  }).map((r) => fingerprint(arch.header, names, r.cells, table));
  outcome.archived = archived.length;
  outcome.archiveChecksum = checksum(archived);
  const left = counts(archived);
  outcome.verified = rows.every((r) => take(left, r.fp));
  if (!outcome.verified) ctx.log(`rotation: ${table} ${year} (before ${before}): the archive does not hold every row after copying; none of them is removed`);
  return { outcome, stopped: false };
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

/**
 * Deletes the verified rows, bottom-up in windows of at most DELETE_ROWS rows (a delete below never moves the rows
 * above, so the windows still to come keep their row numbers). Each window, under the script lock: re-read its rows,
 * keep only those that are still a verified row (each identical row counted once), delete them in one witnessed call,
 * and check the witness: a row that was not one of them (moved in by a hand edit in the instant between) is put back.
 */
function deleteVerified(ctx: RotationContext, table: RotatedTable, header: string[], names: string[], rows: Candidate[],
  verified: Map<string, number>): { removed: number; restored: number; stopped: boolean } {
  const res = { removed: 0, restored: 0, stopped: false };
  if (rows.length === 0) return res;
  if (!ctx.workbook.deleteRows) throw new Error('This workbook cannot delete rows: the rotation cannot remove what it archived');
  const sorted = [...rows].sort((a, b) => b.rowNumber - a.rowNumber);
  for (let i = 0; i < sorted.length; ) {
    if (ctx.outOfTime()) { res.stopped = true; break; }
    const window = sorted.slice(i, i + DELETE_ROWS);
    i += window.length;
    const [highest, lowest] = [window[0], window[window.length - 1]]; // sorted from the last row up
    if (!highest || !lowest) break; // not reached: i < sorted.length
    const range: RowRange = { from: lowest.rowNumber, to: highest.rowNumber };
    const done = ctx.locked(() => deleteWindow(ctx, table, header, names, range, verified));
    if ('ok' in done) { res.stopped = true; break; }
    res.removed += done.removed;
    res.restored += done.restored;
  }
  return res;
}

function deleteWindow(ctx: RotationContext, table: RotatedTable, header: string[], names: string[], range: RowRange,
  verified: Map<string, number>): { removed: number; restored: number } {
  const now = readOne(ctx.workbook, { table, ranges: [range] });
  const sameHeader = now.header.length === header.length && now.header.every((h, i) => h === header[i]);
  if (!sameHeader) { ctx.log(`rotation: the columns of ${table} changed since the scan; nothing deleted this run`); return { removed: 0, restored: 0 }; }
  const pending = new Map(verified);
  const doomed = now.rows.filter((r) => take(pending, fingerprint(header, names, r.cells, table))).map((r) => r.rowNumber);
  if (doomed.length === 0) return { removed: 0, restored: 0 };
  const blocks = blocksOf(doomed);
  const gone = ctx.workbook.deleteRows!(table, blocks);
  // The witness: what each deleted row held at the instant of the delete. Each must be a verified row; any other is put back.
  const back: string[][] = [];
  let removed = 0;
  for (const cells of gone) {
    if (take(verified, fingerprint(header, names, cells, table))) removed++;
    else if (cells.some((c) => c !== null && c !== '')) back.push(header.map((_, i) => cellText(cells[i])));
  }
  if (back.length > 0) {
    ctx.workbook.write({ updates: [], appends: [{ table, rows: back }] });
    ctx.log(`rotation: ${back.length} row(s) of ${table} moved under a delete by a hand edit were put back at the end of the tab`);
  }
  // Rows below the window moved up: where Audit ends now (its rows past the window were read as the tab's last row).
  if (table === 'Audit') ctx.auditEndMoved(Math.max(1, now.lastRow - gone.length + back.length));
  return { removed, restored: back.length };
}
