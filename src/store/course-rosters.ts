// Per-session rosters in the read model: who is on the list and the waitlist (row numbers, e-mails, names, what the
// session granted), and the Enrollments row up to which the roster is complete. A sign-up reads exactly these rows plus
// every row after `lastRow` under the lock, so a roster that lags behind the records is safe, only a little costlier.
import { sessionOfNote, type Granted } from '../core/attendance';
import type { Certification, Employee, Enrollment } from '../core/records/tables';
import type { Snapshot } from './records';
import type { Located } from './table-parse';

export interface RosterEntry {
  rowNumber: number;
  enrollment: Enrollment;
  /** Empty when the row was found in the records after the roster was built (filled in by the next rebuild). */
  email: string;
  name: string;
  unitId: string;
  /** The person's language for messages (Employees.locale). */
  locale?: Employee['locale'];
  /** Employees.status is `left` (as of the rebuild): never promoted from the waitlist. */
  left?: true;
  /** Certifications this session granted the person (from attendance). */
  granted: Granted[];
}

export interface Roster {
  sessionId: string;
  builtAt: string;
  /**
   * Every Enrollments row of this session at or above this row is in `entries`. Rows after it are read as an open-ended
   * range under the lock; appends only land at the end, so that catches sign-ups the roster has not seen.
   */
  lastRow: number;
  entries: RosterEntry[];
}

export function rosterKey(sessionId: string): string {
  return `crs:${sessionId}`;
}

/**
 * The highest Enrollments row that held readable data. A lower bound of the sheet's real last row (never above it),
 * whatever the adapter reports as lastRow for grids with empty rows left at the bottom.
 */
export function lastDataRow(rows: readonly { rowNumber: number }[]): number {
  return rows.reduce((m, r) => Math.max(m, r.rowNumber), 1);
}

/** Rosters of these sessions from one snapshot of the records. */
export function buildRosters(
  sessionIds: Iterable<string>,
  snap: Pick<Snapshot, 'Enrollments' | 'Employees' | 'Certifications'>,
  builtAt: string,
): Map<string, Roster> {
  const out = new Map<string, Roster>();
  const enrollments = (snap.Enrollments?.rows ?? []) as Located<Enrollment>[];
  const lastRow = lastDataRow(enrollments);
  for (const id of sessionIds) out.set(id, { sessionId: id, builtAt, lastRow, entries: [] });
  if (out.size === 0) return out;
  const people = new Map(((snap.Employees?.rows ?? []) as Located<Employee>[]).map((e) => [e.row.employeeId, e.row]));
  const granted = new Map<string, Granted[]>();
  for (const { row, rowNumber } of (snap.Certifications?.rows ?? []) as Located<Certification>[]) {
    const sessionId = row.source === 'session' ? sessionOfNote(row.note) : undefined;
    if (!sessionId || !out.has(sessionId)) continue;
    const key = `${sessionId}|${row.employeeId}`;
    const list = granted.get(key) ?? [];
    list.push({ certificationId: row.certificationId, competenceId: row.competenceId, rowNumber, state: row.state, achievedOn: row.achievedOn });
    granted.set(key, list);
  }
  for (const { row, rowNumber } of enrollments) {
    const roster = out.get(row.sessionId);
    if (!roster) continue;
    const who = people.get(row.employeeId);
    roster.entries.push({
      rowNumber, enrollment: row, email: who?.email ?? '', name: who?.name ?? row.employeeId, unitId: who?.unitId ?? '',
      ...(who?.locale ? { locale: who.locale } : {}),
      ...(who?.status === 'left' ? { left: true as const } : {}),
      granted: granted.get(`${row.sessionId}|${row.employeeId}`) ?? [],
    });
  }
  return out;
}

/** Who on the roster has left (Employees.status `left` at the rebuild), for promotions to pass over. */
export function leftIn(roster: Roster): (employeeId: string) => boolean {
  const left = new Set(roster.entries.filter((e) => e.left).map((e) => e.enrollment.employeeId));
  return (employeeId) => left.has(employeeId);
}

/** The rebuild's hook: a roster for every session the sessions view holds. */
export function rosterViewEntries(snap: Snapshot, sessionIds: readonly string[], builtAt: string): [string, Roster][] {
  return [...buildRosters(sessionIds, snap, builtAt)].map(([id, roster]) => [rosterKey(id), roster]);
}

/**
 * The roster after its rows and the tail were read under the lock: entries found are taken from the records (matched by
 * enrollment id, wherever the row now is), rows it did not know are added, and entries not found are kept as they were
 * (counting a seat that may be gone is safe; the next rebuild settles it). `lastRow` moves up to the last row seen with
 * data, never to a row number only computed for an append.
 */
export function mergeRoster(roster: Roster, read: readonly Located<Enrollment>[]): Roster {
  const known = new Map(roster.entries.map((e) => [e.enrollment.enrollmentId, e]));
  const seen = new Set<string>();
  const entries: RosterEntry[] = [];
  for (const r of read) {
    if (r.row.sessionId !== roster.sessionId) continue;
    seen.add(r.row.enrollmentId);
    const k = known.get(r.row.enrollmentId);
    entries.push(k ? { ...k, rowNumber: r.rowNumber, enrollment: r.row }
      : { rowNumber: r.rowNumber, enrollment: r.row, email: '', name: r.row.employeeId, unitId: '', granted: [] });
  }
  for (const e of roster.entries) if (!seen.has(e.enrollment.enrollmentId)) entries.push(e);
  return { ...roster, lastRow: Math.max(roster.lastRow, lastDataRow(read)), entries: entries.sort((a, b) => a.rowNumber - b.rowNumber) };
}

/** Adds or replaces entries (by enrollment id) after a write; `lastRow` is left alone (see mergeRoster). */
export function withEntries(roster: Roster, changed: readonly RosterEntry[]): Roster {
  const byId = new Map(roster.entries.map((e) => [e.enrollment.enrollmentId, e]));
  for (const e of changed) byId.set(e.enrollment.enrollmentId, e);
  return { ...roster, entries: [...byId.values()].sort((a, b) => a.rowNumber - b.rowNumber) };
}
