// One session under the lock: its row, the enrollments the roster knows and every row appended after it, in one call;
// and the sessions view patched with the session's counts and waitlist after a write.
import { headerOf, type Enrollment, type Session } from '../../src/core/records/tables';
import { MemoryWorkbook } from '../../src/adapters/memory/memory-workbook';
import { Records } from '../../src/store/records';
import { patchSeats, readSession } from '../../src/store/session-read';
import type { Roster } from '../../src/store/course-rosters';
import type { SessionSeats } from '../../src/store/read-model';

const session: Session = { sessionId: 's1', courseId: 'c1', startsAt: '2026-12-01T08:00:00Z', endsAt: '2026-12-01T10:00:00Z', capacity: 2, status: 'open' };
const other: Session = { ...session, sessionId: 's2' };
const enr = (id: string, sessionId: string, employeeId: string, status: Enrollment['status']): Enrollment =>
  ({ enrollmentId: id, sessionId, employeeId, status, signedUpAt: '2026-11-20T08:00:00Z' });
const cells = (table: 'Sessions' | 'Enrollments', row: object) => headerOf(table).map((f) => (row as Record<string, unknown>)[f] ?? null) as (string | number | null)[];

function setup() {
  const wb = new MemoryWorkbook();
  wb.seed('Sessions', headerOf('Sessions'), [cells('Sessions', other), cells('Sessions', session)]);
  wb.seed('Enrollments', headerOf('Enrollments'), [
    cells('Enrollments', enr('e1', 's1', 'a', 'enrolled')), cells('Enrollments', enr('e2', 's2', 'b', 'enrolled')),
    // Appended after the roster was built: only the open-ended range finds it.
    cells('Enrollments', enr('e3', 's1', 'c', 'enrolled')),
  ]);
  wb.seed('Audit', headerOf('Audit'), []);
  wb.seed('Outbox', headerOf('Outbox'), []);
  const records = new Records(wb);
  return { wb, read: records.read.bind(records) };
}
const seat: SessionSeats = { rowNumber: 3, session, enrolled: 1, waitlisted: 0 };
const roster: Roster = { sessionId: 's1', builtAt: '2026-11-21T00:00:00Z', lastRow: 3, entries: [{ rowNumber: 2, enrollment: enr('e1', 's1', 'a', 'enrolled'), email: 'a@x.no', name: 'A', unitId: 'u', granted: [] }] };

it('reads the session row, the roster\'s rows and every row after its last, plus the headers to append to, in one call', () => {
  const { wb, read } = setup();
  const got = readSession(read, seat, roster, { tables: ['Outbox'] });
  expect(got.session).toEqual({ rowNumber: 3, row: expect.objectContaining({ sessionId: 's1' }) });
  expect(got.enrollments.map((r) => [r.row.enrollmentId, r.rowNumber])).toEqual([['e1', 2], ['e3', 4]]);
  expect(got.roster.entries.map((e) => e.enrollment.enrollmentId).sort()).toEqual(['e1', 'e3']);
  expect(got.roster.lastRow).toBe(4);
  expect([got.snap.Audit?.rows, got.snap.Outbox?.rows]).toEqual([[], []]);
  expect(got.snap.Enrollments?.rows.map((r) => r.rowNumber)).toEqual([2, 4]);
  expect(wb.meter.snapshot().byKind['workbook.read']).toBe(1);
});

it('has no session when its row is not where the seat says (the caller answers "gone")', () => {
  const { read } = setup();
  expect(readSession(read, { ...seat, rowNumber: 2 }, roster).session).toBeUndefined();
});

it('patches one session\'s counts and waitlist, keeps the others, and adds a session it did not know', () => {
  const view = { sessions: [{ rowNumber: 2, session: other, enrolled: 1, waitlisted: 0 }, seat], enrollmentsLastRow: 3 };
  const next = patchSeats(view, { row: session, rowNumber: 3 }, [enr('e1', 's1', 'a', 'enrolled'), enr('e3', 's1', 'c', 'enrolled'), enr('e4', 's1', 'd', 'waitlisted')], 5);
  expect(next.sessions).toEqual([view.sessions[0], { rowNumber: 3, session, enrolled: 2, waitlisted: 1, waitlist: ['d'] }]);
  expect(next.enrollmentsLastRow).toBe(5);
  const added = patchSeats({ sessions: [] }, { row: other, rowNumber: 2 }, [], 1);
  expect(added).toEqual({ sessions: [{ rowNumber: 2, session: other, enrolled: 0, waitlisted: 0 }], enrollmentsLastRow: 1 });
});
