// The Notifications rows a daily or weekly job needs: those sent since a moment, read from the end of the tab backwards
// in growing slices (the tab is appended in time order and grows all year), never the whole tab unless it is out of order
// or (with the job's ledger, notification-ledger.ts) a row of the job's is missing from the end: moved up by hand.
import type { Notification } from '../core/records/tables';
import { readOne, type WorkbookPort } from './ports';
import type { LedgerGuard } from './notification-ledger';
import { readAllTables } from './rebuild';
import { parseTable, type Located } from './table-parse';

/**
 * Rows in the first slice from the end (days of messages at 15,000 employees); the next slice is sized by the pace seen
 * (rows per hour) to reach the moment with a quarter to spare, or doubles when that pace cannot be told.
 */
export const FIRST_SLICE_ROWS = 2_000;
/**
 * Rows are appended in the order they are committed, and `sentAt` is stamped a little before (a job records its batch
 * after sending it; one execution lasts at most 6 minutes). A row more than this much older than one above it means the
 * tab was sorted or edited by hand: the rows since a moment are no longer at its end, so the whole tab is read.
 */
export const ORDER_SLACK_MS = 60 * 60_000;

export interface SinceRead { rows: Located<Notification>[]; slices: number; whole: boolean }

/**
 * Rows sent at or after `since` (ISO instant), and any row whose time cannot be read, in sheet order. `lastRow`: where
 * the tab ends (from a header read that rode along with the job's first read). One remote call per slice.
 */
export function notificationsSince(workbook: WorkbookPort, lastRow: number, since: string, guard?: LedgerGuard): SinceRead {
  const sinceMs = Date.parse(since);
  const collected: Located<Notification>[][] = [];
  let to = lastRow;
  let size = FIRST_SLICE_ROWS;
  let slices = 0;
  while (to >= 2) {
    const from = Math.max(2, to - size + 1);
    const res = readOne(workbook, { table: 'Notifications', ranges: [{ from, to }] });
    slices++;
    const parsed = parseTable('Notifications', res);
    if (!parsed.usable) return { rows: [], slices, whole: false };
    collected.unshift(parsed.rows);
    const timed = parsed.rows.filter((r) => Number.isFinite(Date.parse(r.row.sentAt)));
    const firstAt = timed[0]?.row.sentAt;
    const firstMs = firstAt ? Date.parse(firstAt) : NaN;
    if (from === 2 || firstMs < sinceMs - ORDER_SLACK_MS) break;
    to = from - 1;
    // The next slice: as many rows as this one's pace says reach back past the moment (a quarter more), else double.
    const lastAt = timed.length > 1 ? timed[timed.length - 1]?.row.sentAt : undefined;
    const spanMs = lastAt ? Date.parse(lastAt) - firstMs : 0;
    const needMs = firstMs - (sinceMs - ORDER_SLACK_MS);
    size = spanMs > 0 && needMs > 0 ? Math.max(FIRST_SLICE_ROWS / 4, Math.ceil((timed.length / spanMs) * needMs * 1.25)) : size * 2;
  }
  const rows = collected.flat();
  const whole = (): SinceRead => {
    // In bounded answers, as the rebuild reads (no response over Google's 10 MB).
    const all = (readAllTables(workbook, ['Notifications']).Notifications?.rows ?? []) as Located<Notification>[];
    return { rows: all.filter((x) => !(Date.parse(x.row.sentAt) < sinceMs)), slices, whole: true };
  };
  // Out of order (a hand sort): what was sent since `since` may be anywhere above; read it all, as before.
  let latest = -Infinity;
  for (const r of rows) {
    const at = Date.parse(r.row.sentAt);
    if (!Number.isFinite(at)) continue;
    if (at < latest - ORDER_SLACK_MS) return whole();
    latest = Math.max(latest, at);
  }
  const found = rows.filter((x) => !(Date.parse(x.row.sentAt) < sinceMs));
  // Fewer of the job's rows than its ledger counts: one was moved up (or cut away) by hand, out of the slices read. The
  // end of the tab is still in order, so only the count can tell; the whole tab has it wherever it went.
  if (guard && found.filter((x) => guard.counts(x.row)).length < guard.expected) return whole();
  return { rows: found, slices, whole: false };
}
