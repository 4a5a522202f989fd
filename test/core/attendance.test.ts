// Attendance: marking who came sets attended/no-show and grants the course's competences once; taking it back revokes them.
import { attendanceRefusal, expiryFor, grantedRow, planAttendance, sessionNote, sessionOfNote, type Granted, type MarkableEnrollment } from '../../src/core/attendance';
import type { Competence, Course, Enrollment, Session } from '../../src/core/records/tables';

const NOW = '2027-01-14T12:00:00Z';
const session: Session = { sessionId: 'S1', courseId: 'C1', startsAt: '2027-01-14T08:00:00Z', endsAt: '2027-01-14T11:00:00Z', capacity: 10, status: 'open' };
const course: Course = { courseId: 'C1', title: 'HLR', competenceIds: ['HLR', 'BRANN', 'GONE'], format: 'classroom', targetRoleIds: [], active: true };
const comp = (competenceId: string, validityMonths?: number): Competence => ({ competenceId, name: competenceId, category: 'mandatory', validityMonths, renewFrom: 'expiry', satisfiedBy: ['course'] });
const competences = new Map([['HLR', comp('HLR', 24)], ['BRANN', comp('BRANN')]]);
const entry = (id: string, status: Enrollment['status'], granted: Granted[] = []): MarkableEnrollment => ({
  enrollment: { enrollmentId: id, sessionId: 'S1', employeeId: `E-${id}`, status, signedUpAt: '2027-01-01T00:00:00Z' }, granted,
});
const granted = (competenceId: string, state: Granted['state'] = 'valid'): Granted => ({ certificationId: `X-${competenceId}`, competenceId, rowNumber: 7, state, achievedOn: '2027-01-14' });
let n = 0;
const plan = (entries: MarkableEnrollment[], marks: { enrollmentId: string; attended: boolean }[]) =>
  planAttendance({ session, course, competences, entries, marks, achievedOn: '2027-01-14', now: NOW, markedBy: 'leder@k.no', newId: (p) => `${p}-${++n}` });

it('ties a certification to its session by a note, and reads only that exact form back', () => {
  expect(sessionNote('S1')).toBe('session:S1');
  expect(sessionOfNote('session:S1')).toBe('S1');
  for (const other of [undefined, '', 'session:', 'session:S1 extra', 'Session:S1', 'note session:S1']) expect(sessionOfNote(other)).toBeUndefined();
});

it('refuses marking a cancelled session or one not yet begun', () => {
  expect(attendanceRefusal({ ...session, status: 'cancelled' }, NOW)).toBe('cancelled');
  expect(attendanceRefusal(session, '2027-01-14T07:59:59Z')).toBe('notStarted');
  expect(attendanceRefusal(session, session.startsAt)).toBeUndefined();
  expect(attendanceRefusal({ ...session, status: 'held' }, NOW)).toBeUndefined();
});

it('dates the expiry from the validity in months, none when the competence never expires', () => {
  expect(expiryFor(comp('HLR', 24), '2027-01-31')).toBe('2029-01-31');
  expect(expiryFor(comp('HLR', 1), '2027-01-31')).toBe('2027-02-28');
  expect(expiryFor(comp('BRANN'), '2027-01-14')).toBeUndefined();
  expect(expiryFor(undefined, '2027-01-14')).toBeUndefined();
});

it('marks attendance and grants each known competence of the course, verified by who marks', () => {
  n = 0;
  const a = entry('N1', 'enrolled');
  const p = plan([a], [{ enrollmentId: 'N1', attended: true }]);
  expect(p.updates).toEqual([{ entry: a, after: { ...a.enrollment, status: 'attended', changedAt: NOW } }]);
  expect(p.grant.map((g) => g.cert)).toEqual(['HLR', 'BRANN'].map((competenceId, i) => ({
    certificationId: `cert-${i + 1}`, employeeId: 'E-N1', competenceId, achievedOn: '2027-01-14', expiresOn: undefined, source: 'session',
    evidenceFileId: undefined, verifiedBy: 'leder@k.no', state: 'valid', note: 'session:S1',
  })));
  expect([p.revoke, p.unchanged, p.skipped]).toEqual([[], [], []]);
});

it('changes nothing when marked again, and grants only what is missing or was revoked', () => {
  const done = entry('N1', 'attended', [granted('HLR'), granted('BRANN')]);
  expect(plan([done], [{ enrollmentId: 'N1', attended: true }])).toMatchObject({ updates: [], grant: [], revoke: [], unchanged: ['N1'] });
  const half = entry('N2', 'attended', [granted('HLR'), granted('BRANN', 'revoked')]);
  const p = plan([half], [{ enrollmentId: 'N2', attended: true }]);
  expect(p.grant.map((g) => g.cert.competenceId)).toEqual(['BRANN']);
  expect(p.unchanged).toEqual([]);
});

it('takes an attendance back: no-show, and what the session granted is revoked (not what was revoked already)', () => {
  const came = entry('N1', 'attended', [granted('HLR'), granted('BRANN', 'revoked')]);
  const p = plan([came], [{ enrollmentId: 'N1', attended: false }]);
  expect(p.updates.map((u) => u.after.status)).toEqual(['no-show']);
  expect(p.revoke).toEqual([{ entry: came, granted: granted('HLR') }]);
  expect(p.grant).toEqual([]);
  expect(plan([entry('N2', 'no-show')], [{ enrollmentId: 'N2', attended: false }]).unchanged).toEqual(['N2']);
});

it('skips waitlisted, cancelled and unknown enrollments, and a second mark of the same one', () => {
  const p = plan([entry('W', 'waitlisted'), entry('C', 'cancelled'), entry('N1', 'enrolled')], [
    { enrollmentId: 'W', attended: true }, { enrollmentId: 'C', attended: true }, { enrollmentId: 'ZZ', attended: true },
    { enrollmentId: 'N1', attended: false }, { enrollmentId: 'N1', attended: true },
  ]);
  expect(p.skipped).toEqual([{ enrollmentId: 'W', reason: 'notOnList' }, { enrollmentId: 'C', reason: 'notOnList' }, { enrollmentId: 'ZZ', reason: 'unknown' }]);
  expect(p.updates.map((u) => [u.after.enrollmentId, u.after.status])).toEqual([['N1', 'no-show']]);
  expect(p.grant).toEqual([]);
});

it('rebuilds the row of a granted certification for revoking it', () => {
  expect(grantedRow(granted('HLR'), 'E1', 'S1')).toEqual({
    certificationId: 'X-HLR', employeeId: 'E1', competenceId: 'HLR', achievedOn: '2027-01-14', expiresOn: undefined, source: 'session',
    evidenceFileId: undefined, verifiedBy: undefined, state: 'valid', note: 'session:S1',
  });
});
