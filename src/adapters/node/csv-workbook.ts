// Local-file Workbook: one CSV per table (UTF-8 with BOM, RFC 4180), atomic writes under a per-table file lock.
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { threadId } from 'node:worker_threads';
import type { RawCell } from '../../core/records/cells';
import { GridChangedError, Meter, type ReadRequest, type ReadResult, type WorkbookPort, type WriteBatch, type WriteResult } from '../../store/ports';
import { findTab, missingColumns, tabTitle } from '../../core/records/labels';
import { parseCsv, serializeCsv, type FileCell, type ParsedCsv } from './csv-format';
import { commit, commitToken, pendingJournals, rollForward, stage } from './csv-journal';

export interface CsvWorkbookOptions {
  /** How long a write waits for another process's table lock. */
  lockTimeoutMs?: number;
  /** A lock file older than this is left over from a crashed process and is broken. */
  staleLockMs?: number;
}

/** A tab's file name: letters (æøå and other Unicode letters: the tabs have Norwegian names), digits, space, _ and -. */
const TABLE_NAME = /^[\p{L}\p{N}][\p{L}\p{N} _-]{0,99}$/u;

function isEmptyRow(row: readonly FileCell[] | undefined): boolean {
  return !row || row.every((c) => c === '');
}

function lastDataRow(rows: readonly FileCell[][]): number {
  for (let i = rows.length - 1; i >= 1; i--) if (!isEmptyRow(rows[i])) return i + 1;
  return 1;
}

function toRaw(cell: FileCell | undefined): RawCell {
  if (cell === undefined || cell === '') return null;
  return typeof cell === 'string' ? cell : { formula: cell.formula };
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));
function sleepSync(ms: number): void {
  Atomics.wait(sleeper, 0, 0, ms);
}

interface CacheEntry { ino: number; mtimeMs: number; size: number; parsed: ParsedCsv }

export class CsvWorkbook implements WorkbookPort {
  private readonly cache = new Map<string, CacheEntry>();
  private readonly lockTimeoutMs: number;
  private readonly staleLockMs: number;

  constructor(readonly dir: string, readonly meter: Meter = new Meter(), options: CsvWorkbookOptions = {}) {
    this.lockTimeoutMs = options.lockTimeoutMs ?? 10_000;
    this.staleLockMs = options.staleLockMs ?? 30_000;
  }

  /** The file that holds a table. */
  private recovering = false;

  /**
   * The file of a table's tab: `<Norwegian title>.csv`, or `<English key>.csv` in a folder made before the labels
   * (records/labels.ts); a new table gets the Norwegian title. Any other name (a technical tab) is its own title.
   */
  fileOf(table: string): string {
    if (!TABLE_NAME.test(table)) throw new Error(`Invalid table name: ${JSON.stringify(table)}`);
    const title = findTab(table, (t) => TABLE_NAME.test(t) && fs.existsSync(path.join(this.dir, `${t}.csv`))) ?? tabTitle(table);
    return path.join(this.dir, `${title}.csv`);
  }

  tables(): string[] {
    this.meter.call('workbook.tables');
    let names: string[];
    try {
      names = fs.readdirSync(this.dir);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw e;
    }
    return names
      .filter((n) => n.endsWith('.csv') && TABLE_NAME.test(n.slice(0, -4)))
      .map((n) => n.slice(0, -4))
      .sort();
  }

  read(requests: ReadRequest[]): ReadResult[] {
    // Never half a change: a read that overlapped a commit of several tables (its journal, or the commit token moved) is
    // read again; a journal left by a dead process is finished under the tables' locks first. Readers take no lock.
    const tables = [...new Set(requests.filter((r) => TABLE_NAME.test(r.table)).map((r) => r.table))].sort();
    const files = new Set(tables.map((t) => this.fileOf(t)));
    const pending = () => pendingJournals(this.dir).some((j) => j.files.some((f) => files.has(f)));
    for (let attempt = 0; ; attempt++) {
      const token = commitToken(this.dir);
      if (attempt < 50 && pending()) { this.withLocks(tables, () => undefined); continue; }
      const out = this.readLocked(requests);
      if (attempt >= 50 || (commitToken(this.dir) === token && !pending())) return out;
    }
  }

  /** Finishes any multi-table change a dead process committed (its journal) that touches these tables (locks held). */
  private recover(tables: string[]): void {
    const mine = new Set(tables.map((t) => this.fileOf(t)));
    for (const j of pendingJournals(this.dir)) {
      if (!j.files.some((f) => mine.has(f))) continue;
      const others = j.files.filter((f) => !mine.has(f)).map((f) => path.basename(f, '.csv')).sort();
      this.withLocks(others, () => rollForward(j.journal));
      for (const f of j.files) this.cache.delete(f);
    }
  }

  private readLocked(requests: ReadRequest[]): ReadResult[] {
    let cells = 0;
    const out = requests.map((req): ReadResult => {
      const file = this.load(req.table);
      if (!file) return { table: req.table, exists: false, header: [], rows: [], lastRow: 0 };
      const { rows: all, problems } = file;
      const header = (all[0] ?? []).map((c) => (typeof c === 'string' ? c : c.formula));
      const width = header.length;
      const lastRow = lastDataRow(all);
      const seen = new Set<number>();
      const rows: ReadResult['rows'] = [];
      for (const r of req.ranges ?? [{ from: 2 }]) {
        const to = Math.min(r.to ?? lastRow, lastRow);
        for (let n = Math.max(2, r.from); n <= to; n++) {
          if (seen.has(n)) continue;
          seen.add(n);
          cells += width;
          const row = all[n - 1];
          if (!row || isEmptyRow(row)) continue;
          const raw = row.map(toRaw);
          while (raw.length < width) raw.push(null);
          rows.push({ rowNumber: n, cells: raw });
        }
      }
      rows.sort((a, b) => a.rowNumber - b.rowNumber);
      cells += width;
      const result: ReadResult = { table: req.table, exists: true, header, rows, lastRow };
      if (problems.length > 0) result.problems = problems.map((p) => ({ ...p }));
      return result;
    });
    this.meter.call('workbook.read', { read: cells });
    return out;
  }

  write(batch: WriteBatch): WriteResult {
    const names = new Set<string>();
    for (const w of batch.witness ?? []) names.add(w.table);
    for (const u of batch.updates) names.add(u.table);
    for (const a of batch.appends) if (a.rows.length > 0) names.add(a.table);
    const tables = [...names].sort(); // one lock order for everybody: no deadlock between processes
    let written = 0;
    let before: RawCell[][] = [];
    this.withLocks(tables, () => {
      const state = new Map<string, FileCell[][]>();
      for (const t of tables) state.set(t, this.loadWritable(t, 'write to'));
      // The witnessed rows as the files hold them now, under the tables' locks: exactly what this write overwrites.
      before = (batch.witness ?? []).map((w) => (state.get(w.table)![w.rowNumber - 1] ?? []).map(toRaw));
      for (const u of batch.updates) {
        const rows = state.get(u.table)!;
        if (u.rowNumber < 2 || u.column < 0) throw new Error(`Invalid cell ${u.table} row ${u.rowNumber} column ${u.column}`);
        while (rows.length < u.rowNumber) rows.push([]);
        const row = [...(rows[u.rowNumber - 1] ?? [])];
        while (row.length <= u.column) row.push('');
        row[u.column] = u.value;
        rows[u.rowNumber - 1] = row;
        written++;
      }
      for (const a of batch.appends) {
        if (a.rows.length === 0) continue;
        const rows = state.get(a.table)!;
        // Like Sheets appendCells: after the last row that has data.
        const keep = lastDataRow(rows);
        rows.length = Math.min(rows.length, keep);
        while (rows.length < keep) rows.push([]);
        for (const r of a.rows) { rows.push([...r]); written += r.length; }
      }
      // All tables or none (issue #13): every file written aside, then one journal as the commit point, then renames.
      const staged = tables.map((t) => stage(this.dir, this.fileOf(t), serializeCsv(state.get(t)!)));
      try {
        commit(this.dir, staged);
      } finally {
        for (const t of tables) this.cache.delete(this.fileOf(t));
      }
    });
    this.meter.call('workbook.write', { written });
    return { before };
  }

  /** Deletes whole rows under the table's lock; what they held then is the witness (nothing can come in between here). */
  deleteRows(table: string, blocks: { from: number; to: number }[]): RawCell[][] {
    let before: RawCell[][] = [];
    this.withLocks([table], () => {
      const rows = this.loadWritable(table, 'delete rows of');
      const last = lastDataRow(rows);
      for (const b of blocks) {
        if (!(b.from >= 2 && b.to >= b.from)) throw new Error(`Invalid rows ${b.from}–${b.to} of ${table}`);
        if (b.to > Math.max(last, rows.length)) throw new GridChangedError(`rows ${b.from}–${b.to} of ${table} are past the last row ${last}`);
      }
      before = blocks.flatMap((b) => rows.slice(b.from - 1, b.to).map((r) => r.map(toRaw)));
      for (const b of [...blocks].sort((x, y) => y.from - x.from)) rows.splice(b.from - 1, b.to - b.from + 1);
      this.save(table, rows);
    });
    const width = before.reduce((n, r) => Math.max(n, r.length), 0);
    this.meter.call('workbook.delete', { read: before.length * width });
    return before;
  }

  ensureTable(table: string, header: string[]): void {
    this.meter.call('workbook.ensureTable');
    fs.mkdirSync(this.dir, { recursive: true });
    this.withLocks([table], () => {
      if (!this.load(table)) {
        this.save(table, [[...header]]);
        return;
      }
      const rows = this.loadWritable(table, 'add columns to');
      const current = (rows[0] ?? []).map((c) => (typeof c === 'string' ? c : c.formula));
      const missing = missingColumns(table, current, header);
      if (missing.length === 0) return;
      while (current.length > 0 && current[current.length - 1] === '') current.pop();
      rows[0] = [...current, ...missing];
      this.save(table, rows);
    });
  }

  /** Parsed file, from the cache while the file is unchanged (same inode, size and mtime). */
  private load(table: string): ParsedCsv | undefined {
    const file = this.fileOf(table);
    let fd: number;
    try {
      fd = fs.openSync(file, 'r');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
        this.cache.delete(file);
        return undefined;
      }
      throw e;
    }
    try {
      const st = fs.fstatSync(fd);
      const hit = this.cache.get(file);
      if (hit && hit.ino === st.ino && hit.mtimeMs === st.mtimeMs && hit.size === st.size) return hit.parsed;
      const buf = Buffer.alloc(st.size);
      let got = 0;
      while (got < st.size) {
        const n = fs.readSync(fd, buf, got, st.size - got, got);
        if (n === 0) break;
        got += n;
      }
      const parsed = parseCsv(buf.subarray(0, got));
      this.cache.set(file, { ino: st.ino, mtimeMs: st.mtimeMs, size: st.size, parsed });
      return parsed;
    } finally {
      fs.closeSync(fd);
    }
  }

  /** A private copy of the rows, refusing a missing table or a file that could not be read cleanly. */
  private loadWritable(table: string, what: string): FileCell[][] {
    const file = this.load(table);
    if (!file) throw new Error(`Table ${table} does not exist (${this.fileOf(table)})`);
    if (file.problems.length > 0) {
      const first = file.problems[0]?.message;
      throw new Error(
        `Refusing to ${what} ${this.fileOf(table)}: the file could not be read cleanly (${first}). ` +
          'Fix or restore the file by hand; it has not been changed.',
      );
    }
    return file.rows.map((r) => r);
  }

  /** Atomic replace: temp file in the same directory, fsync, rename. */
  private save(table: string, rows: FileCell[][]): void {
    const file = this.fileOf(table);
    const tmp = path.join(this.dir, `.${table}.csv.${process.pid}.${threadId}.${randomBytes(4).toString('hex')}.tmp`);
    const fd = fs.openSync(tmp, 'wx');
    try {
      fs.writeFileSync(fd, serializeCsv(rows), 'utf8');
      fs.fsyncSync(fd);
    } catch (e) {
      fs.closeSync(fd);
      fs.rmSync(tmp, { force: true });
      throw e;
    }
    fs.closeSync(fd);
    fs.renameSync(tmp, file);
    try {
      const dfd = fs.openSync(this.dir, 'r');
      try { fs.fsyncSync(dfd); } finally { fs.closeSync(dfd); }
    } catch {
      // Directory fsync is not supported everywhere (e.g. Windows); the rename itself is still atomic.
    }
    this.cache.delete(file);
  }

  private withLocks(tables: string[], fn: () => void): void {
    const held: (() => void)[] = [];
    try {
      for (const t of tables) held.push(this.lock(t));
      if (tables.length > 0 && !this.recovering) {
        this.recovering = true;
        try { this.recover(tables); } finally { this.recovering = false; }
      }
      fn();
    } finally {
      for (const release of held.reverse()) release();
    }
  }

  /** `<Table>.csv.lock`, created exclusively; broken when older than staleLockMs (its owner died). */
  private lock(table: string): () => void {
    const lockFile = `${this.fileOf(table)}.lock`;
    const token = `${process.pid}:${threadId}:${randomBytes(6).toString('hex')}`;
    const deadline = Date.now() + this.lockTimeoutMs;
    for (let wait = 1; ; wait = Math.min(wait * 2, 25)) {
      try {
        const fd = fs.openSync(lockFile, 'wx');
        try { fs.writeSync(fd, token); } finally { fs.closeSync(fd); }
        return () => {
          try {
            if (fs.readFileSync(lockFile, 'utf8') === token) fs.unlinkSync(lockFile);
          } catch {
            // Already gone (broken as stale by somebody else): nothing to release.
          }
        };
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'ENOENT') fs.mkdirSync(this.dir, { recursive: true });
        else if (code !== 'EEXIST') throw e;
      }
      try {
        const st = fs.statSync(lockFile);
        if (Date.now() - st.mtimeMs > this.staleLockMs) {
          const again = fs.statSync(lockFile);
          if (again.ino === st.ino) fs.unlinkSync(lockFile);
          continue;
        }
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') continue;
        throw e;
      }
      if (Date.now() > deadline) {
        throw new Error(`Timed out after ${this.lockTimeoutMs} ms waiting for the lock ${lockFile}`);
      }
      sleepSync(wait);
    }
  }
}
