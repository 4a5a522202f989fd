// Workbook over the Sheets API v4 as the service account: one GET per read, one batchUpdate per write, all metered.
import type { RawCell } from '../../core/records/cells';
import { GridChangedError, Meter, type PreparedRead, type ReadRequest, type ReadResult, type RowRange, type WorkbookPort, type WriteBatch, type WriteResult } from '../../store/ports';
import {
  MAX_URL_LENGTH, SHEETS_ROOT, WITNESS_SHEET_ID, WITNESS_TAB, a1Ranges, addColumnsRequests, addSheetRequests, addWitnessTabRequest, batchUpdateUrl,
  coveredRows, deleteRowsRequests, headerText, metadataUrl, parseSpreadsheet, quoteSheet, readByDataFilter, readUrl, witnessRequests, witnessUrl, writeRequests,
  type SheetGrid, type SheetMeta,
} from './sheets-requests';
import { findTab, missingColumns, tabTitle } from '../../core/records/labels';
import { apiError, send } from './send';
import { googleError, type AccessTokenProvider, type HttpRequest, type HttpResponse, type HttpTransport } from './transport';

export interface SheetsWorkbookOptions {
  spreadsheetId: string;
  transport: HttpTransport;
  meter?: Meter;
  /** Bearer tokens (the service account's TokenCache). Omitted when the transport authenticates by itself. */
  auth?: AccessTokenProvider;
  /** Synchronous sleep for backoff (Apps Script: Utilities.sleep). */
  sleep?: (ms: number) => void;
  /** API root, default https://sheets.googleapis.com (tests point it at a local double). */
  root?: string;
  maxRetries?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** False while the script lock is held (no backoff sleep under the lock: see send.ts). */
  mayWait?: () => boolean;
}

/** Answers that mean "a range names a missing tab, or starts below the grid": learn the grid, then ask again. */
const RANGE_PROBLEM = /Unable to parse range|exceeds grid limits/i;

/** The first answer to a read sent in a round (prepareRead), and the bearer token it was sent with. */
interface Answered { res: HttpResponse; token?: string }

/** `title`: the tab asked for (the table's Norwegian title, its English one once the grid showed only that). */
interface Plan { req: ReadRequest; title: string; exists: boolean; ranges?: RowRange[] }

/** Blocks for ms where the runtime allows it (Node); elsewhere pass `sleep` (Apps Script: Utilities.sleep). */
function defaultSleep(ms: number): void {
  if (typeof SharedArrayBuffer === 'function' && typeof Atomics === 'object') {
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
  }
}

function isResponse(x: unknown): x is HttpResponse {
  return typeof x === 'object' && x !== null && typeof (x as HttpResponse).status === 'number';
}

function isEmptyRow(cells: RawCell[] | undefined): boolean {
  return !cells || cells.every((c) => c === null || c === '');
}

export class SheetsWorkbook implements WorkbookPort {
  readonly meter: Meter;
  /** Tabs by title, from the last answer that listed them (sheet ids are needed for writes). */
  private readonly sheets = new Map<string, SheetMeta>();
  private readonly root: string;

  constructor(private readonly o: SheetsWorkbookOptions) {
    this.meter = o.meter ?? new Meter();
    this.root = (o.root ?? SHEETS_ROOT).replace(/\/+$/, '');
  }

  tables(): string[] {
    return this.metadata('workbook.tables').map((s) => s.title);
  }

  /**
   * The tab title of a table: the one seen in this execution (Norwegian, or the English key of a spreadsheet made before
   * the labels), else the Norwegian title. A spreadsheet whose tabs still have English names costs its first read of an
   * execution a refused GET and a metadata call (then the titles are known); `kompetent provision` renames the tabs.
   */
  private titleOf(table: string): string {
    return findTab(table, (t) => this.sheets.has(t)) ?? tabTitle(table);
  }

  read(requests: ReadRequest[]): ReadResult[] {
    return this.readAs(requests, 'workbook.read');
  }

  /**
   * `read` in a round with other spreadsheets (ShardedWorkbook, one UrlFetchApp.fetchAll): the request is exactly the
   * first one `read` would send (GET, or POST getByDataFilter for a long URL, with the bearer token); `finish` takes its
   * answer as `read` takes that first answer — a 200 parsed, a range problem answered by learning the grid, a 429/5xx
   * retried with backoff, a 401 with a fresh token — and with no answer (the round failed) reads the usual way.
   */
  prepareRead(requests: ReadRequest[]): PreparedRead {
    const token = this.o.auth?.token();
    const request = this.authorized(this.readRequest(this.plans(requests)), token);
    return { request, finish: (answer) => this.readAs(requests, 'workbook.read', isResponse(answer) ? { res: answer, token } : undefined) };
  }

  write(batch: WriteBatch): WriteResult {
    const witness = batch.witness ?? [];
    const tables = new Set<string>(batch.updates.map((u) => u.table));
    for (const a of batch.appends) if (a.rows.length > 0) tables.add(a.table);
    for (const w of witness) tables.add(w.table);
    if (tables.size === 0) return { before: [] };
    // A write with no read before it (in this execution) learns the sheet ids first: one more call.
    if ([...tables].some((t) => !this.sheets.has(this.titleOf(t)))) this.metadata('workbook.metadata');
    for (const t of tables) if (!this.sheets.has(this.titleOf(t))) throw new Error(`Table ${t} does not exist in the spreadsheet`);
    const requests = writeRequests(batch, (t) => this.sheets.get(this.titleOf(t))!.sheetId);
    const what = `Writing to ${[...tables].join(', ')}`;
    let before: WriteResult['before'] = [];
    if (witness.length === 0) this.batchUpdate(requests, 'workbook.write', what);
    else before = this.witnessedWrite(witness, requests, what);
    let cells = batch.updates.length;
    for (const a of batch.appends) for (const r of a.rows) cells += r.length;
    this.meter.cellsWritten += cells;
    return { before };
  }

  /**
   * One batchUpdate: copies of the witnessed rows into the hidden witness tab, then the write; the answer carries the
   * copies (what each row held at the instant of the write). The tab is made the first time it is missing (the batch was
   * refused whole, so it is sent again). A row range off the grid (rows deleted by hand since the read) refuses the
   * batch whole too: GridChangedError, nothing written.
   */
  private witnessedWrite(witness: NonNullable<WriteBatch['witness']>, own: object[], what: string): WriteResult['before'] {
    const rows = witness.map((w) => {
      const meta = this.sheets.get(this.titleOf(w.table))!;
      return { sheetId: meta.sheetId, rowNumber: w.rowNumber, width: Math.max(1, meta.columnCount) };
    });
    return this.witnessedBatch([...witnessRequests(rows), ...own], witness.length, 'workbook.write', what);
  }

  /**
   * Deletes whole rows in one batchUpdate that first copies them into the witness tab; the answer carries the copies
   * (what each deleted row held at that instant). See deleteRowsRequests.
   */
  deleteRows(table: string, blocks: { from: number; to: number }[]): RawCell[][] {
    if (blocks.length === 0) return [];
    for (const b of blocks) if (!(Number.isInteger(b.from) && Number.isInteger(b.to) && b.from >= 2 && b.to >= b.from)) throw new Error(`Invalid rows ${b.from}–${b.to} of ${table}`);
    if (!this.sheets.has(this.titleOf(table))) this.metadata('workbook.metadata');
    const meta = this.sheets.get(this.titleOf(table));
    if (!meta) throw new Error(`Table ${table} does not exist in the spreadsheet`);
    const total = blocks.reduce((n, b) => n + (b.to - b.from + 1), 0);
    const before = this.witnessedBatch(deleteRowsRequests(meta.sheetId, meta.columnCount, blocks), total, 'workbook.delete', `Deleting rows of ${table}`);
    meta.rowCount = Math.max(1, meta.rowCount - total);
    this.meter.cellsRead += total * Math.max(1, meta.columnCount);
    return before;
  }

  /**
   * One batchUpdate whose requests copy `count` rows into the hidden witness tab before their own work; the answer carries
   * the copies. The tab is made the first time it is missing (the batch was refused whole, so it is sent again). A row
   * range off the grid (rows deleted by hand since the read) refuses the batch whole too: GridChangedError.
   */
  private witnessedBatch(requests: object[], count: number, kind: string, what: string): RawCell[][] {
    const body = {
      requests,
      includeSpreadsheetInResponse: true,
      responseRanges: [`${quoteSheet(WITNESS_TAB)}!A1:ZZZ${count}`],
    };
    const send = () => this.call({ method: 'POST', url: witnessUrl(this.root, this.o.spreadsheetId), body }, kind, true);
    let res = send();
    if (res.status === 400 && /No grid with id/i.test(googleError(res.body).message)) {
      this.batchUpdate([addWitnessTabRequest()], 'workbook.ensureTable', `Creating tab ${WITNESS_TAB}`);
      res = send();
    }
    if (res.status === 400 && /exceeds grid limits/i.test(googleError(res.body).message)) throw new GridChangedError(googleError(res.body).message);
    if (res.status !== 200) throw apiError(res, what);
    const updated = (res.body as { updatedSpreadsheet?: unknown }).updatedSpreadsheet ?? {};
    const grid = parseSpreadsheet(updated).find((g) => g.meta.sheetId === WITNESS_SHEET_ID || g.meta.title === WITNESS_TAB);
    return Array.from({ length: count }, (_, i) => [...(grid?.rows.get(i + 1) ?? [])]);
  }

  ensureTable(table: string, header: string[]): void {
    const kind = 'workbook.ensureTable';
    const [r] = this.readAs([{ table, ranges: [] }], kind);
    if (!r) throw new Error(`${kind}: no answer for ${table}`);
    if (!r.exists) {
      const used = new Set([...this.sheets.values()].map((s) => s.sheetId));
      let sheetId = 1;
      while (used.has(sheetId)) sheetId++;
      const title = tabTitle(table);
      this.batchUpdate(addSheetRequests(title, header, sheetId), kind, `Creating tab ${title}`);
      this.sheets.set(title, { sheetId, title, rowCount: 1, columnCount: Math.max(1, header.length) });
      this.meter.cellsWritten += header.length;
      return;
    }
    const missing = missingColumns(table, r.header, header);
    if (missing.length === 0) return;
    let width = r.header.length;
    while (width > 0 && r.header[width - 1] === '') width--;
    const meta = this.sheets.get(this.titleOf(table))!;
    this.batchUpdate(addColumnsRequests(meta, width, missing), kind, `Adding columns to ${table}`);
    meta.columnCount = Math.max(meta.columnCount, width + missing.length);
    this.meter.cellsWritten += missing.length;
  }

  private plans(requests: ReadRequest[]): Plan[] {
    return requests.map((req) => ({ req, title: this.titleOf(req.table), exists: true, ranges: req.ranges }));
  }

  /** `first`: the answer to the first GET, already had (sent in a round by prepareRead), and the token it went with. */
  private readAs(requests: ReadRequest[], kind: string, first?: Answered): ReadResult[] {
    if (requests.length === 0) return [];
    let plans = this.plans(requests);
    let res: HttpResponse | undefined = this.get(plans, kind, first);
    if (res.status === 400 && RANGE_PROBLEM.test(googleError(res.body).message)) {
      const byTitle = new Map(this.metadata(kind).map((m) => [m.title, m]));
      plans = plans.map((p) => clampPlan(p, byTitle.get(findTab(p.req.table, (t) => byTitle.has(t)) ?? '')));
      res = plans.some((p) => p.exists) ? this.get(plans, kind) : undefined;
    }
    if (res && res.status !== 200) throw apiError(res, `Reading ${requests.map((r) => r.table).join(', ')}`);
    const grids = new Map<string, SheetGrid>();
    for (const g of res ? parseSpreadsheet(res.body) : []) {
      grids.set(g.meta.title, g);
      this.sheets.set(g.meta.title, g.meta);
    }
    let cells = 0;
    const out = plans.map((p) => {
      const grid = p.exists ? grids.get(p.title) : undefined;
      if (!grid) return { table: p.req.table, exists: false, header: [], rows: [], lastRow: 0 };
      const built = buildResult(p.req, grid);
      cells += built.cells;
      return built.result;
    });
    this.meter.cellsRead += cells;
    return out;
  }

  private get(plans: Plan[], kind: string, first?: Answered): HttpResponse {
    return this.call(this.readRequest(plans), kind, false, first);
  }

  /** The read as one request: a GET by ranges, or a POST getByDataFilter when the URL would be too long. */
  private readRequest(plans: Plan[]): HttpRequest {
    const ranges = plans.filter((p) => p.exists).flatMap((p) => a1Ranges({ table: p.title, ranges: p.ranges }));
    const url = readUrl(this.root, this.o.spreadsheetId, ranges);
    if (url.length <= MAX_URL_LENGTH) return { method: 'GET', url };
    const post = readByDataFilter(this.root, this.o.spreadsheetId, ranges);
    return { method: 'POST', url: post.url, body: post.body };
  }

  /** The request with the service account's bearer token (when the transport does not authenticate by itself). */
  private authorized(req: HttpRequest, token = this.o.auth?.token()): HttpRequest {
    const headers: Record<string, string> = { ...(req.headers ?? {}) };
    if (token !== undefined) headers.Authorization = `Bearer ${token}`;
    return { ...req, headers };
  }

  /** Every tab (replaces what was known: tabs may have been removed). */
  private metadata(kind: string): SheetMeta[] {
    const res = this.call({ method: 'GET', url: metadataUrl(this.root, this.o.spreadsheetId) }, kind);
    if (res.status !== 200) throw apiError(res, 'Listing the tabs of the spreadsheet');
    const metas = parseSpreadsheet(res.body).map((g) => g.meta);
    this.sheets.clear();
    for (const m of metas) this.sheets.set(m.title, m);
    return metas;
  }

  private batchUpdate(requests: object[], kind: string, what: string): void {
    if (requests.length === 0) return;
    const res = this.call(
      { method: 'POST', url: batchUpdateUrl(this.root, this.o.spreadsheetId), body: { requests } },
      kind,
      true,
    );
    if (res.status !== 200) throw apiError(res, what);
  }

  /**
   * One logical call: bearer token, retries with backoff, and one fresh token after a 401. `first`: the first attempt's
   * answer, already had (a read sent in a round: see prepareRead); a 401 to a token since replaced (another read of the
   * round already renewed it) is simply sent again.
   */
  private call(req: HttpRequest, kind: string, write = false, first?: Answered): HttpResponse {
    const attempt = (answered?: HttpResponse): HttpResponse => {
      return send(this.authorized(req), {
        transport: this.o.transport,
        meter: this.meter,
        kind,
        sleep: this.o.sleep ?? defaultSleep,
        maxRetries: this.o.maxRetries,
        baseDelayMs: this.o.baseDelayMs,
        maxDelayMs: this.o.maxDelayMs,
        write,
        mayWait: this.o.mayWait,
        answered,
      });
    };
    const res = attempt(first?.res);
    if (res.status === 401 && this.o.auth?.invalidate) {
      if (!first || res !== first.res || this.o.auth.token() === first.token) this.o.auth.invalidate();
      return attempt();
    }
    return res;
  }
}

/** After learning the grid: a missing tab does not exist; ranges below the grid hold nothing and are dropped. */
function clampPlan(p: Plan, meta: SheetMeta | undefined): Plan {
  if (!meta) return { req: p.req, title: p.title, exists: false };
  p = { ...p, title: meta.title };
  if (!p.ranges) return p;
  const ranges = p.ranges
    .filter((r) => Math.max(2, r.from) <= meta.rowCount)
    .map((r) => ({ from: r.from, to: r.to === undefined ? undefined : Math.min(r.to, meta.rowCount) }));
  return { ...p, ranges };
}

/**
 * The port's answer for one request. lastRow is exact when the read reaches the end of the grid (a whole-table
 * read or an open range); otherwise it is the grid's row count — exact for tabs made by ensureTable, which start
 * with one row and grow only through appendCells, an upper bound when empty rows were left at the bottom by hand.
 */
function buildResult(req: ReadRequest, grid: SheetGrid): { result: ReadResult; cells: number } {
  const header = (grid.rows.get(1) ?? []).map(headerText);
  const width = header.length;
  let maxSeen = 1;
  for (const [n, cells] of grid.rows) if (n >= 2 && n > maxSeen && !isEmptyRow(cells)) maxSeen = n;
  const rowCount = grid.meta.rowCount;
  let lastRow: number;
  if (!req.ranges) lastRow = maxSeen;
  else {
    const reaching = req.ranges.filter((r) => r.to === undefined || r.to >= rowCount).map((r) => Math.max(2, r.from));
    if (reaching.length > 0) {
      const from = Math.min(...reaching);
      lastRow = maxSeen >= from ? maxSeen : Math.max(maxSeen, Math.min(rowCount, from - 1));
    } else lastRow = Math.max(maxSeen, rowCount);
  }
  const covered = coveredRows(req.ranges, lastRow);
  const rows: ReadResult['rows'] = [];
  for (const n of covered) {
    const cells = grid.rows.get(n);
    if (isEmptyRow(cells)) continue;
    const copy = [...cells!];
    while (copy.length < width) copy.push(null);
    rows.push({ rowNumber: n, cells: copy });
  }
  return {
    result: { table: req.table, exists: true, header, rows, lastRow },
    cells: width * (covered.length + 1),
  };
}
