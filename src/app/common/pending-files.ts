// Files a change makes in Drive before the write lock carry a "pending" mark made in the same Drive call; the heal job
// finds marked files older than any execution can live, keeps those an Audit row shows committed (and clears the mark),
// and trashes the rest: an execution killed between the Drive call and its commit leaves nothing behind for long.
import type { Row } from '../../core/records/tables';
import type { FileMarks, MarkedFile, Ports } from '../ports';
import type { Records } from '../../store/records';

/** The mark every pending file carries (searchable: Drive queries `appProperties has { key and value }`). */
export const PENDING_KEY = 'kpPending';
export const PENDING_VALUE = '1';
/** When the file was made (ISO), where the Audit tab ended then (row), and the request key for files claimed by key. */
const AT = 'kpAt';
const AUDIT = 'kpAudit';
const KEY = 'kpKey';

/**
 * Older than this, the execution that made a file has ended for certain: Apps Script stops an execution at 6 minutes
 * (developers.google.com/apps-script/guides/services/quotas, "Script runtime"), an add-on or Chat interaction at 30 s.
 */
export const PENDING_AGE_MS = 15 * 60_000;
/** Files looked at per run (one files.list page; the next run takes the rest). */
export const SWEEP_MAX = 100;
/** Audit rows read back when a file has no mark of where the tab ended, or the rows moved (the monthly rotation). */
export const FALLBACK_ROWS = 2_000;

/**
 * The marks for a file made now. `claim` 'id': committed when an Audit row of the commit names the file's id (an evidence
 * file, an appraisal document: the row records the id). 'key': the id is recorded nowhere (an archive PDF), committed
 * when an Audit row carries this request's key; without a key such a file is not marked (never trashed by the sweep).
 */
export function pendingMarks(now: string, auditEnd: number | undefined, requestKey: string | undefined, claim: 'id' | 'key' = 'id'): FileMarks | undefined {
  if (claim === 'key' && !requestKey) return undefined;
  return {
    [PENDING_KEY]: PENDING_VALUE, [AT]: now,
    ...(auditEnd !== undefined ? { [AUDIT]: String(auditEnd) } : {}),
    ...(claim === 'key' && requestKey ? { [KEY]: requestKey } : {}),
  };
}

export interface SweepResult { trashed: string[]; settled: string[]; kept: string[] }

const CLEARED: Record<string, null> = { [PENDING_KEY]: null, [AT]: null, [AUDIT]: null, [KEY]: null };

/** Audit rows since the earliest mark, read so that they surely cover the files' time (else undefined: decide nothing). */
function auditSince(read: Records['read'], files: MarkedFile[]): Row<'Audit'>[] | undefined {
  const marks = files.map((f) => Number(f.marks[AUDIT]));
  const oldest = files.map((f) => f.marks[AT] ?? f.createdTime).sort()[0];
  // A mark of 1: the tab held only its header then.
  let from: number | undefined = marks.every((m) => Number.isInteger(m) && m >= 1) ? Math.max(2, Math.min(...marks)) : undefined;
  for (let attempt = 0; attempt < 2; attempt++) {
    if (from === undefined) from = Math.max(2, read(['Audit'], { Audit: [] }).Audit!.lastRow - FALLBACK_ROWS);
    const audit = read(['Audit'], { Audit: [{ from }] }).Audit!;
    const rows = (audit.rows as { row: Row<'Audit'> }[]).map((r) => r.row);
    // Covered when the read starts at the top, or its first row was written no later than the oldest file was made.
    const first = rows[0];
    if (from === 2 || (first && oldest !== undefined && first.at <= oldest)) return rows;
    // Rows above were removed since (the monthly rotation moved a closed month out): read further back once.
    const back = Math.max(2, Math.min(from, audit.lastRow) - FALLBACK_ROWS);
    if (back >= from) return undefined;
    from = back;
  }
  return undefined;
}

/** The heal job's sweep: one files.list; only when something is found, one Audit read and one Drive call per file. */
export function sweepPendingFiles(ports: Pick<Ports, 'drive' | 'log' | 'clock'>, read: Records['read']): SweepResult {
  const out: SweepResult = { trashed: [], settled: [], kept: [] };
  const before = new Date(ports.clock.now().getTime() - PENDING_AGE_MS).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const files = ports.drive.findMarked(PENDING_KEY, PENDING_VALUE, before, SWEEP_MAX);
  if (files.length === 0) return out;
  const rows = auditSince(read, files);
  if (!rows) {
    ports.log.error('pending files: the Audit rows since they were made could not be found; nothing is trashed', files.map((f) => f.id));
    out.kept.push(...files.map((f) => f.id));
    return out;
  }
  for (const f of files) {
    const key = f.marks[KEY];
    const committed = key ? rows.some((r) => r.requestKey === key) : rows.some((r) => (r.after ?? '').includes(f.id));
    try {
      if (committed) {
        ports.drive.setMarks(f.id, CLEARED);
        out.settled.push(f.id);
      } else {
        ports.drive.trash(f.id);
        out.trashed.push(f.id);
      }
    } catch (err) {
      ports.log.error(`pending files: ${f.id} could not be ${committed ? 'settled' : 'trashed'}`, err instanceof Error ? err.message : err);
      out.kept.push(f.id);
    }
  }
  if (out.trashed.length) ports.log.info('pending files: made before a commit that never came, trashed', out.trashed);
  return out;
}
