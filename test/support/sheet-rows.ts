// A tab as tests read it: each cell as written, by field, with enumerated cells read back to their keys (the sheet holds the
// Norwegian words, records/value-labels.ts), so assertions speak the code's keys whichever word the sheet holds.
import type { FieldCodec, RawCell } from '../../src/core/records/cells';
import { fieldOfHeader } from '../../src/core/records/labels';
import { TABLES, type TableName } from '../../src/core/records/tables';

/** A cell of an enumerated (or named) field as its key; any other cell as it is. */
export function keyedCell(table: string, field: string, raw: RawCell | undefined): unknown {
  const codec = (TABLES as Record<string, { fields: Record<string, FieldCodec<unknown>> }>)[table]?.fields[field];
  // Enumerations, the Audit log's table (a tab title) and a competence's ways to be satisfied (a list of enumerated words).
  const named = (table === 'Audit' && field === 'table') || (table === 'Competences' && field === 'satisfiedBy');
  if (!codec || (!codec.keys && !named) || typeof raw !== 'string' || raw === '') return raw;
  const p = codec.schema.safeParse(raw);
  if (!p.success) return raw;
  return Array.isArray(p.data) ? p.data.join(', ') : p.data;
}

/** The rows of a dumped tab as objects by field (a label in the header counts as its field). */
export function keyedRows(table: TableName | string, tab: { header: string[]; rows: RawCell[][] }): Record<string, unknown>[] {
  const fields = tab.header.map((h) => fieldOfHeader(table, h) ?? h);
  return tab.rows.map((r) => Object.fromEntries(fields.map((f, i) => [f, keyedCell(table, f, r[i])])));
}
