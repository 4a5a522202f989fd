// Writes a change set from the CLI like the app's commit does (an Audit row per change, never a stale row), but
// in chunks a large import needs, with data validation extended over the rows it appends.
import { keyOf, type Row, type TableName } from '../core/records/tables';
import type { CellWrite, ReadResult } from '../store/ports';
import type { AuditContext, Change } from '../store/records';
import { encodeRow, mapHeader, parseTable, type ParsedTable } from '../store/table-parse';
import { hostname, userInfo } from 'node:os';
import { CliError, EXIT, msg } from './errors';
import { columnLabel, tabTitle } from '../core/records/labels';
import { whoAmI } from './drive';
import type { Google } from './google';
import { RemoteRecords, rowCells } from './remote';
import { enumFields, validationRequests } from './sheet-setup';
import { ShardedRemote } from './person-shards';
import { isShardedTable, shardOfEmployee } from '../store/shards';
import { cellText } from '../store/write-verify';

function auditRow(table: TableName, key: string, audit: AuditContext, before?: object, after?: object): Row<'Audit'> {
  return { at: audit.at, actorEmail: audit.actorEmail, action: audit.action, table, key,
    before: before ? JSON.stringify(before) : undefined, after: after ? JSON.stringify(after) : undefined };
}

/** Appends one Audit row that goes with no change (an access export): one batchUpdate. */
export async function writeAuditNote(rr: RemoteRecords, auditRead: ReadResult, row: Row<'Audit'>): Promise<void> {
  if (!auditRead.exists) throw new CliError(EXIT.problems, msg('cli.write.noTab', { tab: tabTitle('Audit') }), msg('cli.write.noTabHint'));
  await rr.writeUnits([], [[{ table: 'Audit', cells: rowCells('Audit', auditRead.header, encodeRow('Audit', row)) }]], () => undefined, () => []);
}

/**
 * Who ran a CLI command, for its Audit rows. Google knows only the credentials: with a person's own credentials
 * (gcloud application-default login, or a service account acting for a person through domain-wide delegation) Drive's
 * `about.user` is that person, and that is what is written. With a bare service-account key Google sees only the service
 * account; then the row names it and adds the operating-system login that ran the command, marked as not verified by
 * Google (`sa@… (os user kari on hr-pc-12, not verified by Google)`): honest about what is known and what is only claimed.
 */
export async function runnerOf(g: Google, os: { user: string; host: string } = osLogin()): Promise<string> {
  let who: string | undefined;
  try { who = await whoAmI(g); } catch { who = undefined; }
  const sa = g.keyEmail?.toLowerCase();
  const account = who ?? sa ?? 'kompetent-cli';
  return account.endsWith('.gserviceaccount.com') ? `${account} (os user ${os.user} on ${os.host}, not verified by Google)` : account;
}

function osLogin(): { user: string; host: string } {
  let user = 'unknown';
  try { user = userInfo().username; } catch { /* no passwd entry (a container): stays unknown */ }
  return { user, host: hostname() };
}

/** ISO instant without milliseconds, as the app writes `at`. */
export function isoNow(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * Writes inserts and updates read from `read` (headers and current rows). Updates are re-checked against a fresh
 * read of their tables first: a row that no longer holds what the plan saw stops the write (`conflict`).
 */
export async function writeChanges(rr: RemoteRecords, read: Map<TableName, ReadResult>, changes: Change[], audit: AuditContext,
  onRows: (n: number) => void): Promise<{ inserted: number; updated: number }> {
  if (changes.length === 0) return { inserted: 0, updated: 0 };
  const tables = new Set<TableName>(['Audit', ...changes.map((c) => c.table)]);
  for (const t of tables) {
    const r = read.get(t);
    if (!r?.exists) throw new CliError(EXIT.problems, msg('cli.write.noTab', { tab: tabTitle(t) }), msg('cli.write.noTabHint'));
  }
  const updatedTables = [...new Set(changes.filter((c) => c.kind === 'update').map((c) => c.table))];
  const fresh = updatedTables.length > 0 ? await rr.read(updatedTables) : new Map<TableName, ReadResult>();

  const columnsOf = (t: TableName) => mapHeader(t, read.get(t)!.header).columns;
  const parsed = new Map<TableName, ParsedTable<TableName>>();
  const parsedFresh = (t: TableName) => {
    if (!parsed.has(t)) parsed.set(t, parseTable(t, fresh.get(t)!));
    return parsed.get(t)!;
  };
  const check = (t: TableName, encoded: Record<string, string>) => {
    const cols = columnsOf(t);
    const missing = Object.keys(encoded).find((f) => encoded[f] !== '' && !cols.has(f));
    if (missing) throw new CliError(EXIT.problems, msg('cli.write.noColumn', { tab: tabTitle(t), column: columnLabel(t, missing) }), msg('cli.write.noColumnHint'));
  };

  const updates: CellWrite[] = [];
  const units: { table: string; cells: string[] }[][] = [];
  // With person shards, a new Certifications or SkillAssessments row goes to its employee's shard (src/store/shards.ts),
  // written before the records' Audit rows that report it (as the app's ShardedWorkbook orders a commit).
  const sharded = rr instanceof ShardedRemote && rr.shards.length > 0 ? rr : undefined;
  const toShard = new Map<number, { table: string; cells: string[] }[]>();
  const auditHeader = read.get('Audit')!.header;
  for (const c of changes) {
    if (c.kind === 'insert') {
      const enc = encodeRow(c.table, c.row);
      check(c.table, enc);
      const a = auditRow(c.table, keyOf(c.table, c.row), audit, undefined, enc);
      const k = sharded && isShardedTable(c.table) ? shardOfEmployee(enc.employeeId ?? '', sharded.shards.length) : 0;
      const layout = k > 0 ? sharded!.seen.get(`${c.table}@${k}`) : undefined;
      if (layout) {
        toShard.set(k, [...(toShard.get(k) ?? []), { table: c.table, cells: rowCells(c.table, layout.header, enc) }]);
        units.push([{ table: 'Audit', cells: rowCells('Audit', auditHeader, encodeRow('Audit', a)) }]);
        continue;
      }
      units.push([{ table: c.table, cells: rowCells(c.table, read.get(c.table)!.header, enc) }, { table: 'Audit', cells: rowCells('Audit', auditHeader, encodeRow('Audit', a)) }]);
      continue;
    }
    const before = encodeRow(c.table, c.before);
    const after = encodeRow(c.table, c.after);
    const current = parsedFresh(c.table);
    const now = current.rows.find((r) => r.rowNumber === c.rowNumber);
    const key = keyOf(c.table, c.before);
    const nowEnc = now ? encodeRow(c.table, now.row as Row<TableName>) : undefined;
    const changed = Object.keys(after).filter((f) => after[f] !== before[f]);
    // As commit does: the row must still be the one read, and hold what the plan was based on.
    if (!now || keyOf(c.table, now.row as Row<TableName>) !== key || changed.some((f) => nowEnc![f] !== before[f])) {
      throw new CliError(EXIT.problems, msg('cli.write.changed', { tab: tabTitle(c.table), row: String(c.rowNumber), key }), msg('cli.write.changedHint'));
    }
    for (const f of changed) {
      const col = current.columns.get(f);
      if (col === undefined) throw new CliError(EXIT.problems, msg('cli.write.noColumn', { tab: tabTitle(c.table), column: columnLabel(c.table, f) }), msg('cli.write.noColumnHint'));
      updates.push({ table: c.table, rowNumber: c.rowNumber, column: col, value: after[f] ?? '' });
    }
    if (changed.length === 0) continue;
    const b: Record<string, string> = {};
    const a: Record<string, string> = {};
    for (const f of changed) {
      const was = before[f];
      if (was !== undefined) b[f] = was;
      a[f] = after[f] ?? '';
    }
    units.push([{ table: 'Audit', cells: rowCells('Audit', auditHeader, encodeRow('Audit', auditRow(c.table, key, audit, b, a))) }]);
  }

  const lastRow = new Map<string, number>([...read].map(([t, r]) => [t, r.lastRow]));
  const validate = (appended: Map<string, number>) => {
    const out: object[] = [];
    for (const [t, n] of appended) {
      const table = t as TableName;
      const from = lastRow.get(t) ?? 1;
      lastRow.set(t, from + n);
      const meta = rr.sheetMeta(t);
      if (meta && enumFields(table).length > 0) out.push(...validationRequests(meta.sheetId, table, read.get(table)!.header, from, from + n));
    }
    return out;
  };
  for (const [k, rows] of [...toShard].sort((x, y) => x[0] - y[0])) {
    const shard = sharded!.shards[k - 1]!;
    const last = new Map<string, number>();
    await shard.writeUnits([], rows.map((r) => [r]), onRows, (appended) => {
      const out: object[] = [];
      for (const [t, n] of appended) {
        const table = t as TableName;
        const from = last.get(t) ?? sharded!.seen.get(`${t}@${k}`)?.lastRow ?? 1;
        last.set(t, from + n);
        const meta = shard.sheetMeta(t);
        if (meta && enumFields(table).length > 0) out.push(...validationRequests(meta.sheetId, table, sharded!.seen.get(`${t}@${k}`)!.header, from, from + n));
      }
      return out;
    });
  }
  try {
    await rr.writeUnits(updates, units, onRows, validate);
  } catch (err) {
    if (sharded && toShard.size > 0) await takeBackFromShards(rr, sharded, toShard, units);
    throw err;
  }
  return { inserted: changes.filter((c) => c.kind === 'insert').length, updated: changes.filter((c) => c.kind === 'update').length };
}

/**
 * The records refused the write that carries the Audit rows after the person shards took the new rows: clear those rows
 * again (found by their content, each once), so none stays without its Audit row and a rerun imports them afresh. When
 * the records' write did land after all (its answer was lost), the first Audit row of this import is there: keep them.
 */
async function takeBackFromShards(rr: RemoteRecords, sharded: ShardedRemote, toShard: Map<number, { table: string; cells: string[] }[]>,
  units: { table: string; cells: string[] }[][]): Promise<void> {
  const firstAudit = units.flat().find((u) => u.table === 'Audit')?.cells;
  if (firstAudit) {
    const audit = (await rr.read(['Audit'])).get('Audit');
    if (audit?.rows.some((r) => firstAudit.every((x, i) => cellText(r.cells[i]) === x))) return;
  }
  for (const [k, rows] of toShard) {
    const shard = sharded.shards[k - 1]!;
    const tables = [...new Set(rows.map((r) => r.table))] as TableName[];
    const now = await shard.read(tables);
    const clears: CellWrite[] = [];
    for (const t of tables) {
      const left = rows.filter((r) => r.table === t).map((r) => r.cells);
      for (const row of now.get(t)?.rows ?? []) {
        const i = left.findIndex((cells) => cells.every((x, j) => cellText(row.cells[j]) === x));
        if (i < 0) continue;
        left.splice(i, 1);
        row.cells.forEach((_, column) => clears.push({ table: t, rowNumber: row.rowNumber, column, value: '' }));
      }
    }
    if (clears.length > 0) await shard.writeUnits(clears, [], () => undefined);
  }
}
