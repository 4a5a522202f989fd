// The read model's durable second tier: every pack the rebuild builds, also written to a `ReadModel` tab of the records
// spreadsheet (one row per pack, at a fixed row), so a pack the cache lost comes back with one bounded Sheets read.
import type { ReadRequest, ReadResult, WorkbookPort } from './ports';
import { durablePacks } from './packs';
import { CELL_CHARS, writeRowsAt } from './row-writer';

/**
 * Stays English (no Norwegian label in records/labels.ts): a technical tab HR never reads — compressed packs of the
 * read model, rewritten by every rebuild; nothing in it is a record, and data health does not report on it.
 */
export const DURABLE_TABLE = 'ReadModel';
/** Part cells per row: 40 × 45,000 = 1.8 MB per pack, above what MAX_CHUNKS lets a pack have in the cache. */
export const PART_CELLS = 40;
export const DURABLE_HEADER = ['pack', 'generation', 'builtAt', 'parts', ...Array.from({ length: PART_CELLS }, (_, i) => `p${i}`)];
/** Characters a rebuild sends per write call (a bounded request; the Sheets API refuses very large ones). */
const CHARS_PER_WRITE = 4_000_000;

const ROW_OF = new Map(durablePacks().map((p, i) => [p, i + 2]));

export function durableRow(pack: string): number | undefined {
  return ROW_OF.get(pack);
}

/**
 * Writes the packs' texts at their rows (the rebuild). One or more write calls, each a bounded payload. Not witnessed
 * (write-verify.ts), by decision: every row is written whole, its pack name included, and `durableTexts` takes a row only
 * when it names the pack expected at that row, so a row moved by hand is ignored until the next rebuild rewrites it —
 * never read as another pack — and this tab is never the record of a change (docs/architecture.md).
 */
export function writeDurable(workbook: WorkbookPort, texts: Map<string, string>, generation: string, builtAt: string): number {
  const rowsByNumber = new Map<number, string[]>();
  for (const [pack, text] of texts) {
    const row = ROW_OF.get(pack);
    if (row === undefined) continue;
    const parts = Math.ceil(text.length / CELL_CHARS);
    if (parts > PART_CELLS) throw new Error(`Durable pack ${pack} needs ${parts} cells (max ${PART_CELLS})`);
    const cells = [pack, generation, builtAt, String(parts), ...Array.from({ length: PART_CELLS }, (_, i) => text.slice(i * CELL_CHARS, (i + 1) * CELL_CHARS))];
    rowsByNumber.set(row, cells);
  }
  return writeRowsAt(workbook, DURABLE_TABLE, DURABLE_HEADER, rowsByNumber, CHARS_PER_WRITE);
}

/** The read request for these packs' rows (one range each), to go into a Workbook read with other requests. */
export function durableRequest(packs: string[]): ReadRequest | undefined {
  const rows = [...new Set(packs.map((p) => ROW_OF.get(p)).filter((r): r is number => r !== undefined))].sort((a, b) => a - b);
  return rows.length ? { table: DURABLE_TABLE, ranges: rows.map((r) => ({ from: r, to: r })) } : undefined;
}

/** The packs' texts from a durable read; a row that does not name its pack (moved by hand, never written) is left out. */
export function durableTexts(result: ReadResult | undefined): Map<string, { text: string; generation: string }> {
  const out = new Map<string, { text: string; generation: string }>();
  if (!result?.exists) return out;
  for (const r of result.rows) {
    const pack = String(r.cells[0] ?? '');
    if (ROW_OF.get(pack) !== r.rowNumber) continue;
    const parts = Number(r.cells[3] ?? 0);
    if (!Number.isInteger(parts) || parts < 1 || parts > PART_CELLS) continue;
    let text = '';
    for (let i = 0; i < parts; i++) text += String(r.cells[4 + i] ?? '');
    out.set(pack, { text, generation: String(r.cells[1] ?? '') });
  }
  return out;
}
