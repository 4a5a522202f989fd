// Where the person tables' rows live when they are spread over several spreadsheets (issue 12: at 50,000 employees
// Certifications alone are ~7.7 M cells, more than one spreadsheet carries within DESIGN.md's 5 M budget).
import { hash31 } from '../core/ids';

/**
 * The tables whose rows may live in person shards: the two largest, each row one employee's, never read across people
 * by a request (the rebuild, jobs, exports and data health read them whole; a request reads one person's rows).
 * Enrollments stay in the records spreadsheet: a session's roster spans people and is read in one bounded read.
 */
export const SHARDED_TABLES = ['Certifications', 'SkillAssessments'] as const;
export type ShardedTable = (typeof SHARDED_TABLES)[number];

/**
 * Row numbers of one area: the records spreadsheet is area 0 (row numbers as the sheet has them); person shard k (1-based)
 * holds rows k × SHARD_SPAN + sheet row. A sharded tab has eight or more columns, so fewer than 1.25 M rows fit in
 * Google's 10 million cells per spreadsheet (Drive help: files you can store): 2,000,000 rows an area never collide.
 */
export const SHARD_SPAN = 2_000_000;

export function isShardedTable(table: string): table is ShardedTable {
  return (SHARDED_TABLES as readonly string[]).includes(table);
}

/** The area a row number lies in (0: the records spreadsheet). */
export function areaOfRow(rowNumber: number): number {
  return Math.floor(rowNumber / SHARD_SPAN);
}

/** The row number as the area's sheet has it. */
export function sheetRow(rowNumber: number): number {
  return rowNumber % SHARD_SPAN;
}

/** The row number the store uses for a row of an area's sheet. */
export function storeRow(area: number, row: number): number {
  return area * SHARD_SPAN + row;
}

/**
 * The person shard (1 … count) that holds the new rows of an employee: a stable hash of the employee id, so one person's
 * rows appended since the last rebuild are in one shard, found with one bounded read. 0 when there are no shards.
 */
export function shardOfEmployee(employeeId: string, count: number): number {
  return count > 0 ? 1 + (hash31(employeeId.trim()) % count) : 0;
}

/** What the store needs to know of a sharded workbook. */
export interface ShardLayout {
  /** Person shards (spreadsheets besides the records); 0: none, every row in the records spreadsheet. */
  readonly count: number;
  /** The fields an area's tab of this table has, as last read (undefined: not read); the store refuses a value it lacks. */
  fieldsIn?(table: string, area: number): Set<string> | undefined;
}

/** The areas a sharded table's rows may be in: the records spreadsheet (rows from before sharding) and every shard. */
export function areasOf(table: string, layout: ShardLayout | undefined): number[] {
  const n = layout && isShardedTable(table) ? layout.count : 0;
  return Array.from({ length: n + 1 }, (_, i) => i);
}

/** Where an employee's new rows of this table go: their shard, or the records spreadsheet (area 0) when unsharded. */
export function insertArea(table: string, employeeId: string, layout: ShardLayout | undefined): number {
  return layout && isShardedTable(table) ? shardOfEmployee(employeeId, layout.count) : 0;
}

/** The key a table's last row is kept under for one area (meta.lastRow): the table name in the records spreadsheet. */
export function areaKey(table: string, area: number): string {
  return area === 0 ? table : `${table}@${area}`;
}

/**
 * Person shards for a municipality of this size, at the demo's density (≈ 175 cells a person in Certifications and
 * SkillAssessments): none up to 20,000 employees (the records hold them within 5 M cells), then one per 15,000, each
 * ≈ 2.6 M cells with room to grow.
 */
export function suggestedShards(employees: number): number {
  return employees > 20_000 ? Math.ceil(employees / 15_000) : 0;
}
