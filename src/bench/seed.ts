// The bench's records: the demo municipality written as `provision` leaves a tenant's spreadsheet, so the bench measures
// the path a tenant takes (Norwegian tab titles, header labels and enumerated values; an English-named spreadsheet costs
// the Sheets adapter a refused read and a metadata call per execution until provision renames it).
import { headerOf, TABLE_NAMES, type Row, type TableName } from '../core/records/tables';
import { labelledHeader, tabTitle } from '../core/records/labels';
import { MemoryWorkbook } from '../adapters/memory/memory-workbook';
import { encodeRow } from '../store/table-parse';
import { generateDemo } from '../demo';
import { time } from './time';
import { Meter, type WorkbookPort } from '../store/ports';
import { ShardedWorkbook } from '../store/sharded-workbook';
import { isShardedTable, shardOfEmployee } from '../store/shards';

export interface SeededRecords {
  /** What the app reads and writes: the records, or the records and their person shards. */
  wb: WorkbookPort;
  /** The records spreadsheet, and each person shard (provision's tabs; the person tables' rows in their shard). */
  records: MemoryWorkbook;
  shards: MemoryWorkbook[];
  rows: number;
  ms: number;
}

/** The demo municipality; with `shards`, Certifications and SkillAssessments rows in each employee's shard, as provision moves them. */
export function seedMunicipality(employees: number, today: string, shards = 0): SeededRecords {
  const [data, ms] = time(() => generateDemo({ employees, today }));
  const meter = new Meter();
  const records = new MemoryWorkbook(meter);
  const parts = Array.from({ length: shards }, () => new MemoryWorkbook(meter));
  let rows = 0;
  for (const t of TABLE_NAMES) {
    const fields = headerOf(t);
    const all = (data as Record<string, Row<TableName>[]>)[t] ?? [];
    const cells = (r: Row<TableName>) => { const enc = encodeRow(t, r); return fields.map((h) => enc[h] ?? ''); }; // encodeRow writes every column
    rows += all.length;
    if (shards === 0 || !isShardedTable(t)) { records.seed(tabTitle(t), labelledHeader(t), all.map(cells)); continue; }
    records.seed(tabTitle(t), labelledHeader(t), []);
    const by: string[][][] = parts.map(() => []);
    for (const r of all) by[shardOfEmployee(String((r as { employeeId?: unknown }).employeeId ?? ''), shards) - 1]!.push(cells(r));
    parts.forEach((p, i) => p.seed(tabTitle(t), labelledHeader(t), by[i]!));
  }
  // One round for reads across spreadsheets, as UrlFetchApp.fetchAll sends them on Apps Script (src/gas/ports.ts).
  return { wb: shards ? new ShardedWorkbook(records, parts, { together: (requests) => requests }) : records, records, shards: parts, rows, ms };
}
