// The records for the CLI when the person tables are sharded (src/store/shards.ts): reads of Certifications and
// SkillAssessments take in every person shard's rows, as the app's ShardedWorkbook does, under the same row numbers.
import type { RawCell } from '../core/records/cells';
import { columnMap, tableOfTitle } from '../core/records/labels';
import type { TableName } from '../core/records/tables';
import type { CellWrite, ReadResult } from '../store/ports';
import { SHARD_SPAN, isShardedTable, storeRow } from '../store/shards';
import type { Config } from './config';
import type { Google } from './google';
import { RemoteRecords } from './remote';

/** The person shards' spreadsheet ids of this records spreadsheet (kompetent.json `shardIds`; none for another id). */
export function shardIdsFor(config: Config, spreadsheetId: string): string[] {
  return config.spreadsheetId === undefined || config.spreadsheetId === spreadsheetId ? config.shardIds ?? [] : [];
}

/**
 * The records spreadsheet with its person shards: whole reads of a sharded table hold the records' own rows (from before
 * sharding) and every shard's, shard k's under row number k × 2,000,000 + sheet row and in the records' column order
 * (columns matched by field). `lastRow` stays the records' own: what the CLI appends goes to the records spreadsheet.
 */
export class ShardedRemote extends RemoteRecords {
  /** Each shard's header and last row as its last read showed them, by `table@k`: what an append there is laid out by. */
  readonly seen = new Map<string, { header: string[]; lastRow: number }>();

  /** `shards[k − 1]` is person shard k; null: one left out (doctor reads around a shard it cannot reach). */
  constructor(g: Google, spreadsheetId: string, readonly shards: readonly (RemoteRecords | null)[]) {
    super(g, spreadsheetId);
  }

  override async read(tables: readonly TableName[], headerOnly: readonly TableName[] = []): Promise<Map<TableName, ReadResult>> {
    const out = await super.read(tables, headerOnly);
    // What was asked (a table's key, or a tab's title as the backup asks) by the sharded table it names.
    const asked = tables.filter((t) => !headerOnly.includes(t)).map((t) => ({ t, table: tableOfTitle(t) ?? t })).filter((a) => isShardedTable(a.table));
    if (asked.length === 0 || this.shards.length === 0) return out;
    const keys = [...new Set(asked.map((a) => a.table))] as TableName[];
    for (const [i, shard] of this.shards.entries()) {
      if (!shard) continue;
      const got = await shard.read(keys);
      for (const k of keys) {
        const part = got.get(k);
        if (part?.exists) this.seen.set(`${k}@${i + 1}`, { header: part.header, lastRow: part.lastRow });
      }
      for (const a of asked) {
        const part = got.get(a.table as TableName);
        if (part?.exists) out.set(a.t, merged(a.table, out.get(a.t), part, i + 1));
      }
    }
    return out;
  }

  /** Updates reach the records only: a sharded row (row number past SHARD_SPAN) is never written here. */
  override async writeUnits(updates: CellWrite[], units: { table: string; cells: string[] }[][], onChunk: (rows: number) => void,
    extra?: (appended: Map<string, number>) => object[]): Promise<void> {
    const stray = updates.find((u) => u.rowNumber >= SHARD_SPAN);
    if (stray) throw new Error(`Row ${stray.rowNumber} of ${stray.table} is in a person shard; the CLI writes only to the records spreadsheet`);
    return super.writeUnits(updates, units, onChunk, extra);
  }
}

function merged(table: string, own: ReadResult | undefined, part: ReadResult, area: number): ReadResult {
  const base: ReadResult = own?.exists ? own : { table, exists: true, header: part.header, rows: [], lastRow: 1 };
  const map = columnMap(table, part.header, base.header);
  const rows = part.rows.map((r) => ({ rowNumber: storeRow(area, r.rowNumber), cells: map.map((j): RawCell => (j < 0 ? null : r.cells[j] ?? null)) }));
  return {
    ...base,
    rows: [...base.rows, ...rows],
    areaLastRows: { ...(base.areaLastRows ?? { 0: base.lastRow }), [area]: storeRow(area, part.lastRow) },
  };
}

/** The records of a command: with its person shards when kompetent.json names them for this spreadsheet. */
export function openRecords(g: Google, spreadsheetId: string, config: Config): RemoteRecords {
  const ids = shardIdsFor(config, spreadsheetId);
  return ids.length > 0 ? new ShardedRemote(g, spreadsheetId, ids.map((id) => new RemoteRecords(g, id))) : new RemoteRecords(g, spreadsheetId);
}
