// A person's rows read back from the records when their cached record is not trusted (lost, refilled from the durable
// copy, or marked stale): one bounded read of exactly their rows, plus the rows appended since the last rebuild.
import { normaliseEmail } from '../core/records/cells';
import type { Employee, TableName } from '../core/records/tables';
import type { ReadRequest, ReadResult } from './ports';
import { buildPersonViews, PERSON_TABLES, type PersonRows, type PersonView } from './read-model';
import { parseTable, type Located } from './table-parse';
import { areaKey, insertArea, storeRow } from './shards';

/** Rows appended since the last rebuild that a cold read looks through, per table (bounded: ≤ ~2,000 cells each). */
export const TAIL_ROWS = 150;

/**
 * The ranges for one person: their employee row, their known rows, and each person table's tail since the rebuild — for
 * a sharded table, the tail in the person's shard, where their new rows go (`shards`: the workbook's shard count).
 */
export function personRequests(where: PersonRows, lastRow: Record<string, number> | undefined, shards = 0): ReadRequest[] {
  return [
    { table: 'Employees', ranges: [{ from: where.employeeRow, to: where.employeeRow }] },
    ...PERSON_TABLES.map((t) => {
      const known = (where.rows[t] ?? []).map((n) => ({ from: n, to: n }));
      const area = where.employeeId !== undefined ? insertArea(t, where.employeeId, { count: shards }) : 0;
      // A shard the last rebuild did not know (RECORDS_SHARD_IDS grew since): its rows are all new, from its start.
      const last = lastRow?.[areaKey(t, area)] ?? (area > 0 && lastRow ? storeRow(area, 1) : undefined);
      const tail = last && last >= 1 ? [{ from: last + 1, to: last + TAIL_ROWS }] : [];
      return { table: t, ranges: [...known, ...tail] };
    }),
  ];
}

/**
 * The person's view from such a read. Rows that now belong to someone else (moved by hand) are left out; `moved` says so
 * (the next rebuild puts them right). Undefined when their employee row is no longer theirs.
 */
export function personFromRead(results: readonly ReadResult[], email: string): { view: PersonView | undefined; moved: boolean } {
  const target = normaliseEmail(email);
  const parsed = (t: TableName) => {
    const r = results.find((x) => x.table === t);
    return r ? parseTable(t, r).rows : [];
  };
  const employees = (parsed('Employees') as Located<Employee>[]).filter((e) => e.row.email === target);
  const tables = Object.fromEntries(PERSON_TABLES.map((t) => [t, parsed(t)])) as Parameters<typeof buildPersonViews>[1];
  const view = buildPersonViews(employees, tables).get(target);
  return { view, moved: !view };
}
