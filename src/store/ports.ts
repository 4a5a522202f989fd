// The ports the store and the app talk through; each has an Apps Script adapter (src/gas) and a local one.
import { modeledCallMs } from '../core/google-limits';
import type { RawCell } from '../core/records/cells';
import type { ShardLayout } from './shards';

/** What kind of execution a request is: Google stops an interaction after 30 s and any execution after 6 minutes. */
export type ExecutionKind = 'interactive' | 'job';

/**
 * Told of every remote call with its planning cost. Installed only by the fakes (tests, bench, local workspace): they
 * move their clock by that cost and fail loudly past Google's execution limits. On Apps Script Google enforces them.
 */
export interface MeterObserver {
  begin(kind: ExecutionKind): void;
  call(kind: string, modeledMs: number): void;
  end(): void;
}

/**
 * Counts what a request costs (DESIGN.md performance model): remote calls and cells moved. Two counts differ once
 * requests go out together (UrlFetchApp.fetchAll, see ShardedWorkbook.read): `calls` counts round trips — what the
 * budgets (≤ 3 calls for a cold card) and the modelled clock see — while `byKind` counts requests by kind, what Google's
 * per-minute quotas see (60 Sheets reads a minute per user: SHEETS_READS_PER_MINUTE_PER_USER counts each of the k
 * requests of a round). `alongsideByKind` holds the requests that rode along in a round already counted by `call`.
 */
export class Meter {
  calls = 0;
  cellsRead = 0;
  cellsWritten = 0;
  cacheBytesRead = 0;
  cacheBytesWritten = 0;
  readonly byKind: Record<string, number> = {};
  readonly alongsideByKind: Record<string, number> = {};
  observer?: MeterObserver;

  call(kind: string, cells: { read?: number; written?: number } = {}): void {
    this.calls++;
    this.byKind[kind] = (this.byKind[kind] ?? 0) + 1;
    this.cellsRead += cells.read ?? 0;
    this.cellsWritten += cells.written ?? 0;
    this.observer?.call(kind, modeledCallMs(kind) + ((cells.read ?? 0) / 1000) * 27.5 + ((cells.written ?? 0) / 1000) * 10);
  }

  /**
   * A request sent in the same round trip as one just counted by `call` (several spreadsheets read in parallel): Google's
   * quotas count it, so `byKind` does; it costs no round trip of its own, so neither `calls` nor modelled time.
   */
  alongside(kind: string): void {
    this.byKind[kind] = (this.byKind[kind] ?? 0) + 1;
    this.alongsideByKind[kind] = (this.alongsideByKind[kind] ?? 0) + 1;
  }

  /** Cells a read brought back in a round already counted by `call`: counted, and their transfer time modelled. */
  roundCells(kind: string, cells: number): void {
    this.cellsRead += cells;
    this.observer?.call(kind, (cells / 1000) * 27.5);
  }

  /** An execution starts (one request or one job run): its time is measured against Google's limit from here. */
  beginExecution(kind: ExecutionKind): void {
    this.observer?.begin(kind);
  }

  endExecution(): void {
    this.observer?.end();
  }

  reset(): void {
    this.calls = this.cellsRead = this.cellsWritten = this.cacheBytesRead = this.cacheBytesWritten = 0;
    for (const k of Object.keys(this.byKind)) delete this.byKind[k];
    for (const k of Object.keys(this.alongsideByKind)) delete this.alongsideByKind[k];
  }

  snapshot(): { calls: number; cellsRead: number; cellsWritten: number; byKind: Record<string, number> } {
    return { calls: this.calls, cellsRead: this.cellsRead, cellsWritten: this.cellsWritten, byKind: { ...this.byKind } };
  }
}

/**
 * The same object with every method call counted by the meter as `<service>.<method>` (an outward API call on Google),
 * in the Apps Script adapters and their local twins alike. `names` gives a method another kind, or '' to leave it
 * uncounted (a call that stays in the script, such as a quota figure).
 */
export function metered<T extends object>(service: string, target: T, meter: Meter, names: Readonly<Record<string, string>> = {}): T {
  return new Proxy(target, {
    get(t, prop, receiver) {
      const v = Reflect.get(t, prop, receiver) as unknown;
      if (typeof v !== 'function' || typeof prop !== 'string') return v;
      const kind = Object.prototype.hasOwnProperty.call(names, prop) ? names[prop] : `${service}.${prop}`;
      return (...args: unknown[]) => {
        if (kind) meter.call(kind);
        return (v as (...a: unknown[]) => unknown).apply(t, args);
      };
    },
  });
}

/** Rows of a tab to read: 1-based sheet row numbers (row 1 is the header). `to` omitted = to the last row. */
export interface RowRange { from: number; to?: number }

export interface ReadRequest {
  table: string;
  /** Omitted: the whole table. The header row is always returned. */
  ranges?: RowRange[];
  /**
   * A sharded table in a sharded workbook (shards.ts): areas whose header and last row are read too (where rows will be
   * appended). Ranges are routed by their row numbers; a header-only read (`ranges: []`) without areas reads area 0, the
   * records spreadsheet; no ranges reads every area.
   */
  areas?: number[];
}

export interface SheetRow { rowNumber: number; cells: RawCell[] }

export interface ReadResult {
  table: string;
  /** False when the tab does not exist. */
  exists: boolean;
  header: string[];
  /** Rows with data, in sheet order; entirely empty rows are left out. */
  rows: SheetRow[];
  /** Number of the last row with data (1 when only the header). */
  lastRow: number;
  /** What the adapter could not read (e.g. a corrupt CSV line); reported in data health. */
  problems?: { row?: number; message: string }[];
  /** A sharded table: the last row of each area read (store row numbers, see shards.ts); `lastRow` is the largest. */
  areaLastRows?: Record<number, number>;
}

/** One cell to overwrite: column is the 0-based index in the header as last read. */
export interface CellWrite { table: string; rowNumber: number; column: number; value: string }

/** Rows to add after the last row, each in the order of the header as last read. */
export interface Append {
  table: string;
  rows: string[][];
  /** A sharded table: the area the rows go to (an employee's person shard); default 0, the records spreadsheet. */
  area?: number;
}

/**
 * A row an update is meant for. The adapter reports what that row held the instant before the write was applied, in the
 * same atomic step as the write, so the store can tell a write that landed on its record from one that a row inserted,
 * deleted or sorted by hand since the read sent to another record (and repair that one: see write-verify.ts).
 */
export interface Witness { table: string; rowNumber: number }

export interface WriteBatch { updates: CellWrite[]; appends: Append[]; witness?: Witness[] }

/** `before[i]`: the cells of `witness[i]` just before the write (empty when the row was empty or past the grid). */
export interface WriteResult { before: RawCell[][] }

/** The write was refused as a whole (nothing applied) because the grid changed since the read (a row range left it). */
export class GridChangedError extends Error {
  constructor(detail: string) { super(`The spreadsheet changed shape since it was read; nothing was written (${detail})`); this.name = 'GridChangedError'; }
}

/**
 * A read made ready to go out with other spreadsheets' reads in one round trip (ShardedWorkbook.read): `request` is the
 * adapter's own request, sent as it is (opaque to the store); `finish` turns its answer into the results, exactly as
 * `read` would, and given anything it cannot use (an error status, or undefined when the round failed) reads the usual
 * way, with its retries — so a read in a round is never less robust than one alone.
 */
export interface PreparedRead {
  request: unknown;
  finish(answer: unknown): ReadResult[];
}

/**
 * Sends prepared requests together in one round trip and answers them in order (Apps Script: UrlFetchApp.fetchAll;
 * adapters/google/transport.ts `readRound`). Given to the ShardedWorkbook by the wiring, so the store imports no adapter.
 */
export type ReadRound = (requests: unknown[]) => unknown[];

/**
 * The records spreadsheet. Every method is one remote call on Google (counted by the meter).
 * Values are written as raw text: never parsed as a formula, number or date by the spreadsheet.
 */
export interface WorkbookPort {
  readonly meter: Meter;
  /** Set when the person tables are spread over shards (sharded-workbook.ts); absent: one spreadsheet holds every row. */
  readonly shards?: ShardLayout;
  read(requests: ReadRequest[]): ReadResult[];
  /** `read` made ready to go out in a round with other spreadsheets' (see PreparedRead); absent: read alone. */
  prepareRead?(requests: ReadRequest[]): PreparedRead;
  write(batch: WriteBatch): WriteResult;
  /** Tabs that exist, in order. */
  tables(): string[];
  /** Creates the tab with this header if it is missing; adds missing header columns at the end. */
  ensureTable(table: string, header: string[]): void;
  /**
   * Deletes whole data rows (Sheets: deleteDimension over ROWS), every block in one atomic step, and reports what each
   * deleted row held at that very instant (a witness copy taken in the same step, before the deletion), in block order.
   * Nothing can make a delete conditional on what a row holds, so the caller re-reads just before and compares the
   * witness after: a row it did not mean (moved in by a hand edit in between) is put back (see store/rotation.ts).
   * Blocks are 1-based sheet rows, `from` ≥ 2, not overlapping. Only the yearly archive rotation deletes rows.
   */
  deleteRows?(table: string, blocks: { from: number; to: number }[]): RawCell[][];
}

/**
 * The archive spreadsheets of the records: one per closed year, in the app's Drive folder, read and written as the
 * service account like the records (one remote call per method; the workbooks it opens share the records' meter).
 */
export interface ArchiveShelf {
  /** Archive spreadsheets found in the archive folder (Drive files.list by name), by year. */
  list(): { year: number; spreadsheetId: string }[];
  /** Creates the year's archive spreadsheet in the archive folder (Drive files.create, the spreadsheet MIME type). */
  create(year: number): string;
  /** The archive spreadsheet as a Workbook (no remote call until it is used). */
  open(spreadsheetId: string): WorkbookPort;
}

/** CacheService-like store of strings (values up to 100 KB, keys up to 250 chars). */
export interface CachePort {
  getAll(keys: string[]): Record<string, string>;
  putAll(values: Record<string, string>, ttlSeconds: number): void;
  removeAll(keys: string[]): void;
}

/** LockService-like exclusive lock for writes (script-wide). */
export interface LockPort {
  /** Waits up to timeoutMs; false if the lock could not be had. */
  tryLock(timeoutMs: number): boolean;
  release(): void;
  /** True while this execution holds the lock (Apps Script: Lock.hasLock()); nothing may sleep then. */
  holding?(): boolean;
}

/** Time and ids are passed in; the core never reads a clock. */
export interface Clock {
  now(): Date;
  /** Today's date in the municipality's time zone (YYYY-MM-DD). */
  today(): string;
  /** The municipality's time zone, e.g. Europe/Oslo. */
  timeZone: string;
}

export interface IdSource {
  /** A new unique id with a readable prefix, e.g. `enr-…`. */
  next(prefix: string): string;
}

/** One read request's answer (a workbook answers every request in order: none is a bug in the adapter). */
export function readOne(workbook: Pick<WorkbookPort, 'read'>, request: ReadRequest): ReadResult {
  const [answer] = workbook.read([request]);
  if (!answer) throw new Error(`workbook: no answer for ${request.table}`);
  return answer;
}
