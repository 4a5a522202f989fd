// Reading one question under the lock, so a decision is made on its row as it is now (two guides never both claim): one
// read of that row plus the headers of the tables the change appends to; a row moved by hand is found again by key.
import type { Question, TableName } from '../core/records/tables';
import type { Records, Snapshot } from './records';
import type { Located } from './table-parse';

export interface LoadedQuestion { q: Located<Question>; snap: Snapshot }

/**
 * `row`: where the question was last seen (the forum view, the asker's view, a button's hint). Audit and Outbox are read
 * only where they end (a change appends its audit row and the deliveries it causes), each of `extra` by its header. When
 * the row is not there, the Questions tab is read once more to find it by key (`moved` hears of it).
 */
export function readQuestion(read: Records['read'], id: string, row: number | undefined, extra: readonly TableName[] = [], moved?: (row: number) => void): LoadedQuestion | undefined {
  if (!id) return undefined;
  const tables = ['Questions', ...extra.filter((t) => t !== 'Questions' && t !== 'Audit' && t !== 'Outbox'), 'Audit', 'Outbox'] as TableName[];
  const ranges: Partial<Record<TableName, { from: number; to: number }[]>> = { Audit: [], Outbox: [] };
  for (const t of extra) if (t !== 'Questions') ranges[t] = [];
  if (row) ranges.Questions = [{ from: row, to: row }];
  let snap = read(tables, ranges);
  let found = snap.Questions?.rows.find((r) => r.row.questionId === id);
  if (!found && row) {
    moved?.(row);
    snap = { ...snap, Questions: read(['Questions']).Questions };
    found = snap.Questions?.rows.find((r) => r.row.questionId === id);
  }
  return found ? { q: found, snap } : undefined;
}
