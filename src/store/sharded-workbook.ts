// The records as one WorkbookPort over the records spreadsheet and its person shards: reads and writes of the sharded
// tables are routed by row number (see shards.ts), appends by the area the store names; everything else is the records'.
import type { RawCell } from '../core/records/cells';
import { columnMap, fieldOfHeader, headerKey, labelledHeader } from '../core/records/labels';
import type { TableName } from '../core/records/tables';
import type { Append, CellWrite, ReadRequest, ReadResult, ReadRound, RowRange, WorkbookPort, WriteBatch, WriteResult, Witness } from './ports';
import { SHARDED_TABLES, areaOfRow, isShardedTable, sheetRow, storeRow, type ShardLayout } from './shards';

/**
 * A write reached some spreadsheets and not the rest (each spreadsheet's write is atomic, two are not). `applied`: the
 * parts that landed, in store row numbers, so the store can take them back; `cause`: what stopped the next one.
 */
export class PartialWriteError extends Error {
  constructor(readonly applied: { updates: CellWrite[]; appends: Append[] }, readonly cause: unknown) {
    super(`A write reached ${applied.appends.length + applied.updates.length} part(s) in person shards but not the records: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'PartialWriteError';
  }
}

interface Sub { area: number; req: ReadRequest }

export interface ShardedWorkbookOptions {
  /**
   * Sends several spreadsheets' reads in one round trip (Apps Script: UrlFetchApp.fetchAll; adapters/google/transport.ts
   * `readRound`). Absent, or a spreadsheet that cannot prepare its read: one read call per spreadsheet, one after another.
   */
  together?: ReadRound;
}

export class ShardedWorkbook implements WorkbookPort {
  readonly shards: ShardLayout;
  /** Each area's header as last read in this execution, by `table@area`: columns are mapped by name between areas. */
  private readonly headers = new Map<string, string[]>();

  /** `parts[k − 1]` is person shard k; they share the records' meter (every call is counted once). */
  constructor(private readonly records: WorkbookPort, private readonly parts: readonly WorkbookPort[], private readonly o: ShardedWorkbookOptions = {}) {
    this.shards = { count: parts.length, fieldsIn: (table, area) => this.fieldsIn(table, area) };
  }

  get meter() { return this.records.meter; }

  private book(area: number): WorkbookPort {
    const b = area === 0 ? this.records : this.parts[area - 1];
    if (!b) throw new Error(`No person shard ${area} (there are ${this.parts.length})`);
    return b;
  }

  private routed(table: string): boolean {
    return this.parts.length > 0 && isShardedTable(table);
  }

  /** One request as the areas' own requests: ranges by the area their rows lie in; no ranges: every area. */
  private split(req: ReadRequest): Sub[] {
    if (!this.routed(req.table)) return [{ area: 0, req }];
    if (!req.ranges) return [0, ...this.parts.map((_, i) => i + 1)].map((area) => ({ area, req: { table: req.table } }));
    const byArea = new Map<number, RowRange[]>();
    for (const a of req.areas ?? []) { this.book(a); byArea.set(a, []); }
    if (req.ranges.length === 0 && byArea.size === 0) byArea.set(0, []);
    for (const r of req.ranges) {
      const area = areaOfRow(r.from);
      if (r.to !== undefined && areaOfRow(r.to) !== area) throw new Error(`Rows ${r.from}–${r.to} of ${req.table} span two spreadsheets`);
      this.book(area);
      const list = byArea.get(area) ?? [];
      list.push(r.to === undefined ? { from: sheetRow(r.from) } : { from: sheetRow(r.from), to: sheetRow(r.to) });
      byArea.set(area, list);
    }
    return [...byArea].map(([area, ranges]) => ({ area, req: { table: req.table, ranges } }));
  }

  /**
   * Every spreadsheet touched read in one round trip when it can be (see readAreas), else one read call each (the records
   * first); answers merged per request in the order asked.
   */
  read(requests: ReadRequest[]): ReadResult[] {
    const plans = requests.map((r) => this.split(r));
    const asked = new Map<number, ReadRequest[]>();
    for (const subs of plans) for (const s of subs) asked.set(s.area, [...(asked.get(s.area) ?? []), s.req]);
    const answers = this.readAreas(asked);
    const next = new Map<number, number>();
    return requests.map((req, i) => {
      const subs = plans[i]!.map((s) => {
        const k = next.get(s.area) ?? 0;
        next.set(s.area, k + 1);
        const r = answers.get(s.area)?.[k];
        if (!r) throw new Error(`workbook: no answer for ${req.table} in area ${s.area}`);
        return { area: s.area, r };
      });
      return this.routed(req.table) ? this.merge(req.table, subs) : subs[0]!.r;
    });
  }

  /**
   * The areas' reads. Two or more spreadsheets that can all prepare their read go out together in one round (`together`):
   * one round trip, metered as one `workbook.read` call; Google's quota still counts each request, so the others are
   * counted alongside it (Meter.alongside: by kind, not as calls). Each answer is then taken by its own workbook, which
   * falls back to its usual read (with retries) for an answer it cannot use. Otherwise one read call per spreadsheet.
   */
  private readAreas(asked: Map<number, ReadRequest[]>): Map<number, ReadResult[]> {
    const areas = [...asked.keys()].sort((a, b) => a - b);
    const answers = new Map<number, ReadResult[]>();
    const books = areas.map((a) => this.book(a));
    if (!this.o.together || areas.length < 2 || !books.every((b) => b.prepareRead)) {
      areas.forEach((area, i) => answers.set(area, books[i]!.read(asked.get(area)!)));
      return answers;
    }
    const prepared = areas.map((area, i) => books[i]!.prepareRead!(asked.get(area)!));
    let sent: unknown[] = [];
    try {
      sent = this.o.together(prepared.map((p) => p.request));
    } catch {
      // The round failed as a whole (no connection): every workbook reads the usual way, with its retries.
      sent = [];
    }
    this.meter.call('workbook.read');
    for (let i = 1; i < prepared.length; i++) this.meter.alongside('workbook.read');
    areas.forEach((area, i) => answers.set(area, prepared[i]!.finish(sent[i])));
    return answers;
  }

  private merge(table: string, subs: { area: number; r: ReadResult }[]): ReadResult {
    for (const { area, r } of subs) if (r.exists) this.headers.set(`${table}@${area}`, r.header);
    const shown = this.showHeader(table);
    const areaLastRows: Record<number, number> = {};
    const rows: ReadResult['rows'] = [];
    const problems: NonNullable<ReadResult['problems']> = [];
    for (const { area, r } of subs) {
      if (!r.exists) continue;
      areaLastRows[area] = storeRow(area, r.lastRow);
      const map = this.columnMap(table, r.header, shown);
      for (const row of r.rows) rows.push({ rowNumber: storeRow(area, row.rowNumber), cells: map ? map.map((j) => (j < 0 ? null : row.cells[j] ?? null)) : row.cells });
      for (const p of r.problems ?? []) problems.push(p.row === undefined ? p : { ...p, row: storeRow(area, p.row) });
    }
    // A shard without its tab is a setup fault (provision makes it); the records' own tab may be gone after a migration.
    const exists = subs.some((s) => s.r.exists) && subs.every((s) => s.area === 0 || s.r.exists);
    const lastRow = Math.max(1, ...Object.values(areaLastRows));
    return { table, exists, header: shown, rows, lastRow, areaLastRows, ...(problems.length ? { problems } : {}) };
  }

  /**
   * The header the store sees for a sharded table: the table's own (Norwegian labels in field order), the same in every
   * execution and whichever areas a read reaches — each area's rows are mapped to it by field, so areas may order their
   * columns differently (a hand edit, the records' older tab) and a rebuild across runs stages one header.
   */
  private showHeader(table: string): string[] {
    return labelledHeader(table as TableName);
  }

  /** The fields an area's tab has, as this execution last read its header (undefined: not read yet). */
  private fieldsIn(table: string, area: number): Set<string> | undefined {
    const h = this.headers.get(`${table}@${area}`);
    return h ? new Set(h.map((x) => fieldOfHeader(table, x)).filter((f): f is string => f !== undefined)) : undefined;
  }

  /** For each column of `to`, the column of `from` with the same field (−1: none); undefined when they are the same. */
  private columnMap(table: string, from: string[], to: string[]): number[] | undefined {
    if (from.length === to.length && from.every((h, i) => h === to[i])) return undefined;
    return columnMap(table, from, to);
  }

  /** The area's header, read once if this execution has not seen it (a write with no read before it). */
  private headerIn(table: string, area: number): string[] {
    const key = `${table}@${area}`;
    if (!this.headers.has(key)) this.read([{ table, ranges: [], areas: [area] }]);
    return this.headers.get(key) ?? [];
  }

  /** A store-side column (in the shown header) as the area's sheet has it. */
  private columnIn(table: string, area: number, column: number): number {
    const shown = this.showHeader(table);
    const map = this.columnMap(table, this.headerIn(table, area), shown);
    if (!map) return column;
    const j = map[column];
    if (j === undefined || j < 0) throw new Error(`Column ${shown[column]} of ${table} is missing in area ${area} (kompetent doctor)`);
    return j;
  }

  private rowIn(table: string, area: number, cells: string[]): string[] {
    const shown = this.showHeader(table);
    const own = this.headerIn(table, area);
    const map = this.columnMap(table, shown, own);
    if (!map) return cells;
    // A value for a column the area lacks is never dropped (the store refuses such a change as missing_column first).
    shown.forEach((h, i) => { if ((cells[i] ?? '') !== '' && !own.some((o) => headerKey(table, o) === headerKey(table, h))) throw new Error(`Column ${h} of ${table} is missing in area ${area} (kompetent doctor)`); });
    return map.map((j) => (j < 0 ? '' : cells[j] ?? ''));
  }

  /**
   * One write per spreadsheet touched: the person shards first, the records last, so the Audit rows (in the records) that
   * say a change was made are never written before the rows they report. A later write that fails throws
   * PartialWriteError with what the earlier ones applied.
   */
  write(batch: WriteBatch): WriteResult {
    const subs = new Map<number, { batch: WriteBatch; witnessAt: number[]; store: { updates: CellWrite[]; appends: Append[] } }>();
    const sub = (area: number) => {
      let s = subs.get(area);
      if (!s) { this.book(area); s = { batch: { updates: [], appends: [], witness: [] }, witnessAt: [], store: { updates: [], appends: [] } }; subs.set(area, s); }
      return s;
    };
    const areaOf = (table: string, rowNumber: number) => (this.routed(table) ? areaOfRow(rowNumber) : 0);
    for (const u of batch.updates) {
      const area = areaOf(u.table, u.rowNumber);
      const s = sub(area);
      s.batch.updates.push(area === 0 && !this.routed(u.table) ? u : { ...u, rowNumber: sheetRow(u.rowNumber), column: this.routed(u.table) ? this.columnIn(u.table, area, u.column) : u.column });
      s.store.updates.push(u);
    }
    for (const a of batch.appends) {
      const area = this.routed(a.table) ? a.area ?? 0 : 0;
      const s = sub(area);
      s.batch.appends.push({ table: a.table, rows: this.routed(a.table) ? a.rows.map((r) => this.rowIn(a.table, area, r)) : a.rows });
      s.store.appends.push(a);
    }
    (batch.witness ?? []).forEach((w: Witness, i) => {
      const area = areaOf(w.table, w.rowNumber);
      const s = sub(area);
      s.batch.witness!.push(this.routed(w.table) ? { table: w.table, rowNumber: sheetRow(w.rowNumber) } : w);
      s.witnessAt.push(i);
    });
    const before: RawCell[][] = (batch.witness ?? []).map(() => []);
    const applied: { updates: CellWrite[]; appends: Append[] } = { updates: [], appends: [] };
    const order = [...subs.keys()].sort((a, b) => (a === 0 ? 1 : b === 0 ? -1 : a - b));
    for (const area of order) {
      const s = subs.get(area)!;
      let res: WriteResult;
      try {
        res = this.book(area).write(s.batch.witness!.length ? s.batch : { updates: s.batch.updates, appends: s.batch.appends });
      } catch (err) {
        if (applied.updates.length + applied.appends.length === 0) throw err;
        throw new PartialWriteError(applied, err);
      }
      s.witnessAt.forEach((at, j) => { before[at] = this.witnessed(s.batch.witness![j]!.table, area, res.before[j] ?? []); });
      applied.updates.push(...s.store.updates);
      applied.appends.push(...s.store.appends);
    }
    return { before };
  }

  /** A witnessed row as the store's header orders it. */
  private witnessed(table: string, area: number, cells: RawCell[]): RawCell[] {
    if (!this.routed(table) || cells.length === 0) return cells;
    const map = this.columnMap(table, this.headerIn(table, area), this.showHeader(table));
    return map ? map.map((j) => (j < 0 ? null : cells[j] ?? null)) : cells;
  }

  tables(): string[] {
    const own = this.records.tables();
    if (this.parts.length === 0) return own;
    return [...own, ...SHARDED_TABLES.filter((t) => !own.includes(t))];
  }

  /** The tab in the records spreadsheet (rows from before sharding stay readable there) and in every person shard. */
  ensureTable(table: string, header: string[]): void {
    this.records.ensureTable(table, header);
    if (this.routed(table)) for (const p of this.parts) p.ensureTable(table, header);
  }

  deleteRows(table: string, blocks: { from: number; to: number }[]): RawCell[][] {
    if (!this.routed(table)) {
      if (!this.records.deleteRows) throw new Error('The records spreadsheet cannot delete rows');
      return this.records.deleteRows(table, blocks);
    }
    // Blocks in one call per spreadsheet, the answers put back in the order of the blocks asked.
    const byArea = new Map<number, { at: number; from: number; to: number }[]>();
    blocks.forEach((b, at) => {
      const area = areaOfRow(b.from);
      if (areaOfRow(b.to) !== area) throw new Error(`Rows ${b.from}–${b.to} of ${table} span two spreadsheets`);
      byArea.set(area, [...(byArea.get(area) ?? []), { at, from: sheetRow(b.from), to: sheetRow(b.to) }]);
    });
    const out: RawCell[][][] = blocks.map(() => []);
    for (const [area, list] of byArea) {
      const book = this.book(area);
      if (!book.deleteRows) throw new Error(`Person shard ${area} cannot delete rows`);
      const gone = book.deleteRows(table, list.map(({ from, to }) => ({ from, to })));
      let k = 0;
      for (const b of list) { const n = b.to - b.from + 1; out[b.at] = gone.slice(k, k + n).map((c) => this.witnessed(table, area, c)); k += n; }
    }
    return out.flat();
  }
}
