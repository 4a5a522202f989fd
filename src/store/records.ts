// The records over a Workbook: batched typed reads, and one batched write per change set with key re-checks and audit rows.
import { labelledHeader } from '../core/records/labels';
import { TABLES, tableDef, type Row, type TableName } from '../core/records/tables';
import { GridChangedError, type CellWrite, type LockPort, type ReadRequest, type RowRange, type WorkbookPort } from './ports';
import { PartialWriteError } from './sharded-workbook';
import { areaOfRow, insertArea, storeRow } from './shards';
import { UncertainWriteError } from './write-errors';
import { encodeRow, parseTable, type ParsedTable } from './table-parse';
import { batchOf, cellText, missed, repair, undoAppends, updateTarget, type Target } from './write-verify';

export type Snapshot = { [T in TableName]?: ParsedTable<T> };

/** A change to commit. Updates name the row they were read from; the store re-checks it under the lock. */
export type Change =
  | { kind: 'insert'; table: TableName; row: Row<TableName> }
  | { kind: 'update'; table: TableName; rowNumber: number; before: Row<TableName>; after: Row<TableName> };

export function insert<T extends TableName>(table: T, row: Row<T>): Change {
  return { kind: 'insert', table, row: row as Row<TableName> };
}
export function update<T extends TableName>(table: T, rowNumber: number, before: Row<T>, after: Row<T>): Change {
  return { kind: 'update', table, rowNumber, before: before as Row<TableName>, after: after as Row<TableName> };
}

/** Expected outcomes of a commit that are not bugs: shown to the user, nothing written. */
export type CommitFailure =
  | { reason: 'conflict'; table: string; key: string; field?: string }
  | { reason: 'not_found'; table: string; key: string }
  | { reason: 'missing_column'; table: string; field: string }
  | { reason: 'missing_table'; table: string }
  | { reason: 'busy' }
  /** `expectAuditEnd` was set and a commit has landed since the caller's views were read: nothing written. */
  | { reason: 'stale' };

export type CommitResult =
  | {
      ok: true;
      inserted: { table: TableName; key: string; rowNumber: number }[];
      /**
       * The request key was already committed (a repeated event, a double submit, a retry after a lost answer): nothing
       * was written. `same`: the earlier commit inserted exactly these rows (the ids derive from the key), so the caller
       * may go on as if it had written them; `other`: it made a different change, so the caller must not patch views.
       */
      replayed?: 'same' | 'other';
    }
  | ({ ok: false } & CommitFailure);

/**
 * Where the i-th insert of a successful commit landed. A commit that is ok (and not a replay of another change, which the
 * pipeline turns into an exception) names one row per insert, in order: a missing one is a bug, not an expected failure.
 */
export function insertedRow(res: { inserted: readonly { rowNumber: number }[] }, i = 0): number {
  const at = res.inserted[i];
  if (!at) throw new Error(`commit: insert ${i} has no row (${res.inserted.length} inserted)`);
  return at.rowNumber;
}

/** How many Audit rows back a request key is looked for (the rows since the last commit are always read too). */
export const AUDIT_TAIL_ROWS = 200;

/** Cache key of the last Audit row (the rebuild and every keyed commit set it): where a key's tail read starts. */
export const AUDIT_END_VIEW = 'auditEnd';

/** The idempotency key of the change this request may commit, and where the Audit tail starts (a hint). */
export interface RequestKeying { requestKey: string; auditFrom?: number }

export interface AuditContext { actorEmail: string; action: string; at: string }

function keyOf(table: TableName, row: Row<TableName>): string {
  const def = tableDef(table);
  return def.key.map((k) => String((row as Record<string, unknown>)[k] ?? '')).join('|');
}

/** Only the fields that differ (encoded as cell text), for the update and the audit row. */
function diff(table: TableName, before: Row<TableName>, after: Row<TableName>): Record<string, [string, string]> {
  const a = encodeRow(table, before);
  const b = encodeRow(table, after);
  const out: Record<string, [string, string]> = {};
  // Both rows encode every field of the table, so `a[f]` is always there.
  for (const [f, next] of Object.entries(b)) { const was = a[f] ?? ''; if (was !== next) out[f] = [was, next]; }
  return out;
}

export class Records {
  /** Set by the pipeline for a keyed change: every header-only read of Audit also reads its recent tail. */
  keying?: RequestKeying;
  /**
   * Set when the caller decided on views read before the lock: where the Audit tab ended then (the cache's mark). Every
   * commit appends Audit rows, so another end under the lock means a commit landed since: `stale`, nothing written.
   */
  expectAuditEnd?: number;
  /** The last Audit row after this request's commit (the next request's tail hint). */
  auditEnd?: number;
  private tailIn?: Snapshot;
  /**
   * Set by the pipeline when an earlier attempt of this request lost its answer: rows it may have left in a person shard
   * (its records write did not land, and could not be settled or taken back then) are looked for by key before appending.
   */
  recheckShards = false;

  constructor(readonly workbook: WorkbookPort) {}

  /**
   * Reads several tables (whole, or row ranges) in one remote call (one per spreadsheet when the person tables are
   * sharded). `areas`: where a sharded table's rows will be appended, so their last rows are read too.
   */
  read<T extends TableName>(tables: T[], ranges: Partial<Record<TableName, RowRange[]>> = {}, areas: Partial<Record<TableName, number[]>> = {}): Snapshot {
    const from = this.keying?.auditFrom;
    const tail = from !== undefined && tables.includes('Audit' as T) && ranges.Audit?.length === 0;
    if (tail) ranges = { ...ranges, Audit: [{ from }] };
    const requests: ReadRequest[] = tables.map((t) => ({ table: t, ...(ranges[t] ? { ranges: ranges[t] } : {}), ...(areas[t]?.length ? { areas: areas[t] } : {}) }));
    const results = this.workbook.read(requests);
    const snap: Snapshot = {};
    tables.forEach((name, i) => {
      const r = results[i];
      if (!r) throw new Error(`workbook.read answered ${results.length} of ${tables.length} tables`);
      (snap as Record<string, unknown>)[name] = parseTable(name, r);
    });
    if (tail) this.tailIn = snap;
    return snap;
  }

  /** Where an insert's row goes: its employee's person shard for a sharded table in a sharded workbook, else 0. */
  private areaOf(c: Change): number {
    if (c.kind !== 'insert' || !this.workbook.shards) return 0;
    return insertArea(c.table, String((c.row as { employeeId?: unknown }).employeeId ?? ''), this.workbook.shards);
  }

  /** The last row of a table in one area as read (the table's last row when it is not sharded). */
  private lastRowFor(snap: Snapshot, table: TableName, area: number): number {
    const p = snap[table];
    if (area === 0 && !p?.areaLastRows) return p?.lastRow ?? 1;
    const last = p?.areaLastRows?.[area];
    if (last === undefined) throw new Error(`commit: ${table} was not read in area ${area}`);
    return last;
  }

  /** The Audit rows of this request's key, if it was committed before (reads the tail when no read brought it). */
  private earlier(snap: Snapshot): Row<'Audit'>[] {
    const k = this.keying!;
    let audit = snap.Audit;
    if (!audit || this.tailIn?.Audit !== audit) {
      let from = k.auditFrom;
      if (from === undefined) from = Math.max(2, this.read(['Audit'], { Audit: [] }).Audit!.lastRow - AUDIT_TAIL_ROWS + 1);
      audit = this.read(['Audit'], { Audit: [{ from }] }).Audit!;
    }
    // A hint whose end is past the end of the tab: rows above were removed (the yearly rotation) and the cached end did
    // not follow (the hint is `end − 199`; the tab only grows otherwise). The tail is read again from where the tab ends
    // now, never skipped. A hint of row 2 reads everything already.
    if (k.auditFrom !== undefined && k.auditFrom > 2 && audit.lastRow < k.auditFrom + AUDIT_TAIL_ROWS - 1) {
      audit = this.read(['Audit'], { Audit: [{ from: Math.max(2, audit.lastRow - AUDIT_TAIL_ROWS + 1) }] }).Audit!;
    }
    return (audit.rows as { row: Row<'Audit'> }[]).map((r) => r.row).filter((r) => r.requestKey === k.requestKey);
  }

  /**
   * Whether this request's key is already in Audit (an earlier arrival of the same action committed): from the tail a read
   * of this request brought (no call), else one read of the tail. For a handler's own refusals that its first arrival may
   * have caused ("that id exists"): then the change is done, not refused. False for an unkeyed request.
   */
  committedBefore(snap: Snapshot = {}): boolean {
    return this.keying !== undefined && this.earlier(snap).length > 0;
  }

  /** A repeated key: nothing is written; `same` when the earlier commit inserted exactly these rows (then where they are). */
  private replay(changes: Change[], earlier: Row<'Audit'>[], snap: Snapshot): CommitResult {
    const mine = changes.filter((c) => c.kind === 'insert').map((c) => `${c.table}\u0000${keyOf(c.table, (c as { row: Row<TableName> }).row)}`);
    const theirs = earlier.filter((a) => a.before === undefined).map((a) => `${a.table}\u0000${a.key ?? ''}`);
    const same = mine.length === theirs.length && mine.every((m) => theirs.includes(m));
    if (!same || mine.length === 0) return { ok: true, inserted: [], replayed: same ? 'same' : 'other' };
    // Where the earlier rows are: near the end of their tables (they were appended a moment ago).
    const found = this.inTails(changes.filter((c) => c.kind === 'insert'), snap);
    const inserted: { table: TableName; key: string; rowNumber: number }[] = [];
    for (const c of changes) {
      if (c.kind !== 'insert') continue;
      const at = found.get(c);
      if (at === undefined) return { ok: true, inserted: [], replayed: 'other' };
      inserted.push({ table: c.table, key: keyOf(c.table, c.row), rowNumber: at });
    }
    return { ok: true, inserted, replayed: 'same' };
  }

  /**
   * Writes a change set: one read of the touched rows (and headers), key and value re-checks, then one batched
   * write with an Audit row per change. The caller holds the write lock (see `withLock`).
   * `prefetched`: rows the caller already read under this lock (it must include every touched table and
   * Audit, at least their headers); then no second read is made.
   */
  commit(changes: Change[], audit: AuditContext, prefetched?: Snapshot): CommitResult {
    try {
      return this.commitOnce(changes, audit, prefetched);
    } catch (err) {
      // Rows deleted by hand since the read put an update off the grid: the write was refused whole. Read again, once.
      if (!(err instanceof GridChangedError)) throw err;
      return this.commitOnce(changes, audit);
    }
  }

  private commitOnce(changes: Change[], audit: AuditContext, prefetched?: Snapshot): CommitResult {
    if (changes.length === 0) return { ok: true, inserted: [] };
    const touched = new Set<TableName>(['Audit']);
    const ranges: Partial<Record<TableName, RowRange[]>> = { Audit: [] };
    const areas: Partial<Record<TableName, number[]>> = {};
    for (const c of changes) {
      touched.add(c.table);
      const list = (ranges[c.table] ??= []);
      if (c.kind === 'update') list.push({ from: c.rowNumber, to: c.rowNumber });
      const area = this.areaOf(c);
      if (area > 0 && !(areas[c.table] ??= []).includes(area)) areas[c.table]!.push(area);
    }
    const covered = prefetched && [...touched].every((t) => prefetched[t] !== undefined)
      && Object.entries(areas).every(([t, list]) => list.every((a) => prefetched[t as TableName]?.areaLastRows?.[a] !== undefined));
    let snap = covered ? prefetched : this.read([...touched], ranges, areas);
    for (const t of touched) {
      const p = snap[t];
      if (!p?.exists) return { ok: false, reason: 'missing_table', table: t };
    }
    if (this.expectAuditEnd !== undefined && snap.Audit!.lastRow !== this.expectAuditEnd) return { ok: false, reason: 'stale' };
    // Exactly once: a key already in Audit means this change was committed before (checked under the lock, before any
    // write; the cache is never trusted for this).
    if (this.keying) {
      const earlier = this.earlier(snap);
      if (earlier.length > 0) return this.replay(changes, earlier, snap);
    }

    // Rows that moved since they were read (sorting or inserting by hand): find them by key, in one more read.
    const located = new Map<Change, number>();
    const moved = new Set<TableName>();
    for (const c of changes) {
      if (c.kind !== 'update') continue;
      const at = snap[c.table]!.rows.find((r) => r.rowNumber === c.rowNumber);
      if (at && keyOf(c.table, at.row as Row<TableName>) === keyOf(c.table, c.before)) located.set(c, c.rowNumber);
      else moved.add(c.table);
    }
    if (moved.size > 0) {
      const whole = this.read([...moved]);
      snap = { ...snap, ...whole };
      for (const c of changes) {
        if (c.kind !== 'update' || located.has(c)) continue;
        const key = keyOf(c.table, c.before);
        const at = snap[c.table]!.rows.find((r) => keyOf(c.table, r.row as Row<TableName>) === key);
        if (!at) return { ok: false, reason: 'not_found', table: c.table, key };
        located.set(c, at.rowNumber);
      }
    }

    const leftBehind = this.recheckShards ? this.leftInShards(changes, snap) : new Map<Change, number>();
    const updates: CellWrite[] = [];
    /** One per updated row: the write proves it landed on that record (write-verify.ts). */
    const targets = new Map<string, { table: TableName; rowNumber: number; key: string; cells: Map<number, string>; was: Map<number, string> }>();
    /** Rows to append by table and area (`table@area`: an area is a person shard, see shards.ts). */
    const appends = new Map<string, { table: TableName; area: number; rows: string[][] }>();
    const inserted: { table: TableName; key: string; rowNumber: number }[] = [];
    const auditRows: Row<'Audit'>[] = [];
    const appendRow = (table: TableName, row: Row<TableName>, area = 0): CommitFailure | undefined => {
      const p = snap[table]!;
      const enc = encodeRow(table, row);
      const own = area > 0 ? this.workbook.shards?.fieldsIn?.(table, area) : undefined;
      const missing = Object.keys(enc).find((f) => enc[f] !== '' && (!p.columns.has(f) || (own !== undefined && !own.has(f))));
      if (missing) return { reason: 'missing_column', table, field: missing };
      const cells = p.header.map(() => '');
      for (const [f, idx] of p.columns) cells[idx] = enc[f] ?? '';
      const at = `${table}@${area}`;
      const group = appends.get(at) ?? { table, area, rows: [] };
      group.rows.push(cells);
      appends.set(at, group);
      return undefined;
    };

    for (const c of changes) {
      const key = keyOf(c.table, c.kind === 'insert' ? c.row : c.before);
      if (c.kind === 'insert') {
        const area = this.areaOf(c);
        const left = leftBehind.get(c);
        if (left !== undefined) inserted.push({ table: c.table, key, rowNumber: left });
        else {
          const fail = appendRow(c.table, c.row, area);
          if (fail) return { ok: false, ...fail };
          inserted.push({ table: c.table, key, rowNumber: this.lastRowFor(snap, c.table, area) + (appends.get(`${c.table}@${area}`)?.rows.length ?? 0) });
        }
        auditRows.push({ at: audit.at, actorEmail: audit.actorEmail, action: audit.action, table: c.table, key,
          before: undefined, after: JSON.stringify(encodeRow(c.table, c.row)), requestKey: this.keying?.requestKey });
        continue;
      }
      const p = snap[c.table]!;
      const rowNumber = located.get(c)!;
      const current = p.rows.find((r) => r.rowNumber === rowNumber)!.row as Row<TableName>;
      const changed = diff(c.table, c.before, c.after);
      const now = encodeRow(c.table, current);
      for (const [field, [was, next]] of Object.entries(changed)) {
        // Optimistic check: a field we change must still hold what the decision was based on.
        if (now[field] !== was) return { ok: false, reason: 'conflict', table: c.table, key, field };
        const column = p.columns.get(field);
        const own = areaOfRow(rowNumber) > 0 ? this.workbook.shards?.fieldsIn?.(c.table, areaOfRow(rowNumber)) : undefined;
        if (column === undefined || (own !== undefined && !own.has(field))) return { ok: false, reason: 'missing_column', table: c.table, field };
        updates.push({ table: c.table, rowNumber, column, value: next });
        const at = `${c.table}:${rowNumber}`;
        const t = targets.get(at) ?? { cells: new Map<number, string>(), was: new Map<number, string>(), table: c.table, rowNumber, key };
        targets.set(at, t);
        t.cells.set(column, next);
        t.was.set(column, was);
      }
      if (Object.keys(changed).length === 0) continue;
      const before: Record<string, string> = {};
      const after: Record<string, string> = {};
      for (const [f, [x, y]] of Object.entries(changed)) { before[f] = x; after[f] = y; }
      auditRows.push({ at: audit.at, actorEmail: audit.actorEmail, action: audit.action, table: c.table, key,
        before: JSON.stringify(before), after: JSON.stringify(after), requestKey: this.keying?.requestKey });
    }
    for (const a of auditRows) {
      const fail = appendRow('Audit', a as Row<TableName>);
      if (fail) return { ok: false, ...fail };
    }
    if (updates.length === 0 && appends.size === 0) return { ok: true, inserted };
    // Every updated row is witnessed: the write reports what each row held at that instant, so a row inserted, deleted
    // or sorted by hand after the read above cannot send an update to another record unnoticed; it is put right here.
    const rows: Target[] = [...targets.values()].map((t) => updateTarget(t.table, snap[t.table]!.header, t.rowNumber, t.key, t.cells, t.was));
    const groups = [...appends.values()];
    const appended = () => groups.map((g) => ({ table: g.table, rows: g.rows, lastRow: this.lastRowFor(snap, g.table, g.area) }));
    let res;
    try {
      res = this.workbook.write({ updates, appends: groups.map((g) => ({ table: g.table, rows: g.rows, ...(g.area ? { area: g.area } : {}) })), witness: batchOf(rows).witness });
    } catch (err) {
      const cause = err instanceof PartialWriteError ? err.cause : err;
      const inShards = groups.some((g) => g.area > 0) || updates.some((u) => areaOfRow(u.rowNumber) > 0);
      if (!inShards) throw err;
      // Two spreadsheets are two writes: the person shards first, the records (with the Audit rows that say the change was
      // made) last. A records write whose answer was lost may have landed: its Audit rows tell, read back by the key.
      if (err instanceof PartialWriteError && cause instanceof UncertainWriteError) {
        // Nothing but a commit appends Audit rows, and commits hold the lock: rows past the end read are this write's.
        let landed: boolean;
        try { landed = this.auditLanded(snap.Audit!.lastRow, appends.get('Audit@0')?.rows ?? []); } catch { throw cause; }
        if (landed) { this.auditEnd = undefined; return { ok: true, inserted }; }
      }
      // The records part did not land: take the shards' part back (what may have reached them: rows found by their
      // content, cells still holding what this write put there), so no row stands without its Audit row and a retry
      // decides afresh. If Google refuses that too, the retry of this request finds the rows by key (recheckShards).
      try {
        this.takeBack(groups.filter((g) => g.area > 0), appended(), updates.filter((u) => areaOfRow(u.rowNumber) > 0), targets);
      } catch { /* left for the retry: see recheckShards */ }
      throw cause;
    }
    this.auditEnd = snap.Audit!.lastRow + auditRows.length;
    const misses = missed(rows, res.before);
    if (misses.length > 0) {
      const failure = repair(this.workbook, misses);
      if (failure) {
        // The update could not be made (its record was deleted or changed by hand at the moment of the write), but the
        // same batch appended this change's rows: its Audit rows (with the request key) and any inserted rows (Outbox
        // effects, new records). Take them back, so nothing half-done stays and the key is not recorded as committed —
        // a retry is decided afresh, never answered "already done" (issue #13).
        this.undoByArea(groups, appended());
        this.auditEnd = undefined;
        return { ok: false, ...failure };
      }
    }
    return { ok: true, inserted };
  }

  /** Whether this write's Audit rows are in the records now (read just past where Audit ended before the write). */
  private auditLanded(lastRow: number, mine: string[][]): boolean {
    const first = mine[0];
    if (!first) return false;
    const [tail] = this.workbook.read([{ table: 'Audit', ranges: [{ from: lastRow + 1, to: lastRow + mine.length + 20 }] }]);
    return (tail?.rows ?? []).some((r) => first.every((x, i) => cellText(r.cells[i]) === x));
  }

  /**
   * Rows of this request's inserts already in a person shard (an earlier attempt wrote them and its records write did not
   * land): found by key in each shard's tail, one read; they are not appended again.
   */
  private leftInShards(changes: Change[], snap: Snapshot): Map<Change, number> {
    const inserts = changes.filter((c) => c.kind === 'insert' && this.areaOf(c) > 0);
    return inserts.length === 0 ? new Map() : this.inTails(inserts, snap);
  }

  /** Where rows with these inserts' keys are in the last AUDIT_TAIL_ROWS rows of their table in their area: one read. */
  private inTails(inserts: Change[], snap: Snapshot): Map<Change, number> {
    const ranges: Partial<Record<TableName, RowRange[]>> = {};
    for (const c of inserts) {
      const area = this.areaOf(c);
      const from = Math.max(storeRow(area, 2), this.lastRowFor(snap, c.table, area) - AUDIT_TAIL_ROWS + 1);
      const list = (ranges[c.table] ??= []);
      if (!list.some((r) => r.from === from)) list.push({ from });
    }
    const tails = this.read(Object.keys(ranges) as TableName[], ranges);
    const out = new Map<Change, number>();
    for (const c of inserts) {
      const key = keyOf(c.table, (c as { row: Row<TableName> }).row);
      const at = tails[c.table]?.rows.find((r) => keyOf(c.table, r.row as Row<TableName>) === key);
      if (at) out.set(c, at.rowNumber);
    }
    return out;
  }

  /** Takes appended rows back, one pass per spreadsheet (the records' tables together, as before sharding). */
  private undoByArea(groups: { area: number }[], appended: { table: TableName; rows: string[][]; lastRow: number }[]): void {
    for (const area of [...new Set(groups.map((g) => g.area))]) undoAppends(this.workbook, appended.filter((_, i) => groups[i]!.area === area));
  }

  /** What the person shards applied of a write the records then refused: appends cleared, updated cells put back. */
  private takeBack(groups: { table: TableName; area: number; rows: string[][] }[], appended: { table: TableName; rows: string[][]; lastRow: number }[],
    updates: CellWrite[], targets: Map<string, { table: TableName; rowNumber: number; was: Map<number, string> }>): void {
    const mine = groups.flatMap((g) => appended.filter((a) => a.table === g.table && a.rows === g.rows).map((a) => ({ a, area: g.area })));
    this.undoByArea(mine.map((m) => ({ area: m.area })), mine.map((m) => m.a));
    if (updates.length === 0) return;
    const now = this.workbook.read([...new Set(updates.map((u) => u.table))].map((table) => ({
      table, ranges: updates.filter((u) => u.table === table).map((u) => ({ from: u.rowNumber, to: u.rowNumber })) })));
    const cell = (u: CellWrite) => now.find((r) => r.table === u.table)?.rows.find((r) => r.rowNumber === u.rowNumber)?.cells[u.column];
    const back: CellWrite[] = updates.filter((u) => cellText(cell(u)) === u.value)
      .map((u) => ({ ...u, value: targets.get(`${u.table}:${u.rowNumber}`)?.was.get(u.column) ?? u.value }));
    if (back.length > 0) this.workbook.write({ updates: back, appends: [] });
  }

  /**
   * Appends one Audit row that goes with no change of the records (an access export: who exported whom, when). One read
   * of the Audit header (with the tail of a keyed request), one write. The caller holds the write lock. Keyed: the row
   * carries the request key, and an earlier arrival's row makes this one a no-op (exactly once, like a commit).
   */
  note(entry: Row<'Audit'>): void {
    const snap = this.read(['Audit'], { Audit: [] });
    const p = snap.Audit!;
    if (!p.exists) throw new Error('The records have no Audit tab');
    if (this.keying && this.earlier(snap).length > 0) return;
    const enc = encodeRow('Audit', this.keying ? { ...entry, requestKey: this.keying.requestKey } : entry);
    const cells = p.header.map(() => '');
    for (const [f, idx] of p.columns) cells[idx] = enc[f] ?? '';
    this.workbook.write({ updates: [], appends: [{ table: 'Audit', rows: [cells] }] });
  }

  /**
   * Creates missing tables and header columns (provisioning, the local demo): new tabs and columns get the Norwegian
   * labels; a tab found under its old English name or with English headers keeps them (a column counts under either).
   */
  ensureSchema(): void {
    for (const name of Object.keys(TABLES) as TableName[]) this.workbook.ensureTable(name, labelledHeader(name));
  }
}

/** Runs fn while holding the lock; `busy` if the lock could not be had in time. */
export function withLock<T>(lock: LockPort, timeoutMs: number, fn: () => T): T | { ok: false; reason: 'busy' } {
  if (!lock.tryLock(timeoutMs)) return { ok: false, reason: 'busy' };
  try {
    return fn();
  } finally {
    lock.release();
  }
}
