// One session's authoritative read under the lock (its row, the enrollments the roster knows and every one appended
// since, in one call) and the sessions view patched after a write to it: what a sign-up, a cancellation or an
// administrator's change to a session decides on and leaves behind.
import { seatsTaken, waitlistOf } from '../core/enrollment';
import type { Enrollment, Session, TableName } from '../core/records/tables';
import { mergeRoster, type Roster } from './course-rosters';
import type { SessionSeats, SessionsView } from './read-model';
import type { Records, Snapshot } from './records';
import type { Located } from './table-parse';

export interface SessionRead {
  snap: Snapshot;
  session?: Located<Session>;
  /** Every Enrollments row of the session, from the records. */
  enrollments: Located<Enrollment>[];
  roster: Roster;
}

/**
 * One records read of what a decision about a session rests on: its Sessions row, the rows the roster knows, and every
 * Enrollments row after the roster's last row (appends land at the end, so this catches sign-ups the cache has not
 * seen) — plus the headers of the tables the commit will append to, so the commit does not read again.
 */
export function readSession(read: Records['read'], seat: SessionSeats, roster: Roster, extra: { tables?: TableName[]; ranges?: Partial<Record<TableName, { from: number; to?: number }[]>> } = {}): SessionRead {
  const extraTables = (extra.tables ?? []).filter((t) => t !== 'Sessions' && t !== 'Enrollments' && t !== 'Audit');
  const ranges: Partial<Record<TableName, { from: number; to?: number }[]>> = {
    Audit: [],
    ...Object.fromEntries(extraTables.map((t) => [t, []])),
    ...extra.ranges,
    Sessions: [{ from: seat.rowNumber, to: seat.rowNumber }],
    Enrollments: [...roster.entries.map((e) => ({ from: e.rowNumber, to: e.rowNumber })), { from: roster.lastRow + 1 }],
  };
  const snap = read(['Sessions', 'Enrollments', 'Audit', ...extraTables], ranges);
  const session = (snap.Sessions?.rows ?? []).find((r) => r.row.sessionId === seat.session.sessionId) as Located<Session> | undefined;
  const all = (snap.Enrollments?.rows ?? []) as Located<Enrollment>[];
  return { snap, session, enrollments: all.filter((r) => r.row.sessionId === seat.session.sessionId), roster: mergeRoster(roster, all) };
}

/** The sessions view with one session's counts, waitlist and row recomputed from its enrollments. */
export function patchSeats(view: SessionsView, session: Located<Session>, enrollments: readonly Enrollment[], lastRow: number): SessionsView {
  const waitlist = waitlistOf(enrollments).map((e) => e.employeeId);
  const next: SessionSeats = {
    rowNumber: session.rowNumber, session: session.row, enrolled: seatsTaken(enrollments), waitlisted: waitlist.length,
    ...(waitlist.length ? { waitlist } : {}),
  };
  const found = view.sessions.some((s) => s.session.sessionId === session.row.sessionId);
  return {
    sessions: found ? view.sessions.map((s) => (s.session.sessionId === session.row.sessionId ? next : s)) : [...view.sessions, next],
    enrollmentsLastRow: Math.max(view.enrollmentsLastRow ?? 0, lastRow),
  };
}
