// Course administration from the admin console (host 'sidebar'): admin only, validated forms, sessions in the
// municipality's time, more seats promote the waitlist, cancellation tells everyone, attendance grants (and takes back).
import { asUser, sendOutbox } from '../../../support/effects';
import { guarded } from '../../../../src/app/pipeline/handle';
import { COURSE_CALLS } from '../../../../src/contract/course-admin';
import { sidebarEvent } from '../../../../src/contract/sidebar';
import { MovableClock } from '../../../../src/adapters/memory/memory-services';
import { MemoryWorkbook } from '../../../../src/adapters/memory/memory-workbook';
import { ReadModel } from '../../../../src/store/read-model';
import { rebuildReadModel } from '../../../../src/store/rebuild';
import { ACTIONS } from '../../../../src/contract/actions';
import { fixtureData, PEOPLE } from '../../../support/fixture';
import { runChat, handlers, warm, type Ports } from '../status/support';
import { keyedRows } from '../../../support/sheet-rows';

type Out = { kind: 'data'; data: Record<string, unknown> & { message?: string } } | { kind: 'notify'; text: string };
const call = (ports: Ports, who: string, name: string, payload: object = {}) =>
  asUser(ports, who, () => guarded(ports, handlers, sidebarEvent(name, JSON.stringify(payload)), { host: 'sidebar', action: name, userEmail: who })).reply as Out;
const dataOf = (r: Out) => {
  if (r.kind !== 'data') throw new Error(`expected data, got ${JSON.stringify(r)}`);
  return r.data as Record<string, never>;
};
const rows = (ports: Ports, table: string) => {
  return keyedRows(table, (ports.workbook as MemoryWorkbook).dump(table)!);
};
const rebuild = (ports: Ports) => rebuildReadModel(ports.workbook, new ReadModel(ports.cache, () => 'g1', ports.codec),
  { now: ports.clock.now().toISOString(), today: ports.clock.today(), generation: 'g1' });
const GOOD_COURSE = { isNew: true, courseId: 'K9', title: 'Smittevern', format: 'classroom', hours: 2, competenceIds: ['med'], targetRoleIds: ['nurse'], active: true };

describe('course administration', () => {
  it.each(Object.values(COURSE_CALLS))('%s is for administrators only', (name) => {
    const ports = warm();
    const r = call(ports, PEOPLE.per, name, { sessionId: 'S1', ...GOOD_COURSE });
    expect(r).toEqual({ kind: 'notify', text: expect.stringContaining('tilgang') });
    expect(ports.meter.snapshot().byKind['workbook.write'] ?? 0).toBe(0);
  });

  it('validates a course with messages that say what to fix, then saves it', () => {
    const ports = warm();
    const bad = call(ports, PEOPLE.guri, COURSE_CALLS.saveCourse, { ...GOOD_COURSE, courseId: 'K 9' });
    expect(bad).toEqual({ kind: 'notify', text: expect.stringContaining('«K 9» er ikke gyldig') });
    const unknown = call(ports, PEOPLE.guri, COURSE_CALLS.saveCourse, { ...GOOD_COURSE, competenceIds: ['nope'] });
    expect(unknown).toEqual({ kind: 'notify', text: expect.stringContaining('kompetansen nope finnes ikke') });
    const dup = call(ports, PEOPLE.guri, COURSE_CALLS.saveCourse, { ...GOOD_COURSE, courseId: 'K1' });
    expect(dup).toEqual({ kind: 'notify', text: expect.stringContaining('finnes allerede') });
    expect(dataOf(call(ports, PEOPLE.guri, COURSE_CALLS.saveCourse, GOOD_COURSE)).message).toContain('Smittevern');
    expect(rows(ports, 'Courses').at(-1)).toMatchObject({ courseId: 'K9', title: 'Smittevern', competenceIds: 'med', active: 'TRUE' });
    const list = dataOf(call(ports, PEOPLE.guri, COURSE_CALLS.list)) as unknown as { courses: { courseId: string }[] };
    expect(list.courses.map((c) => c.courseId)).toContain('K9');
  });

  it('a new session takes wall-clock time in the municipality\'s zone; a deadline after the day is refused', () => {
    const ports = warm();
    const session = { isNew: true, courseId: 'K1', startsAt: '2027-01-12T09:00', endsAt: '2027-01-12T12:00', capacity: 10, location: 'Rådhuset' };
    const late = call(ports, PEOPLE.guri, COURSE_CALLS.saveSession, { ...session, signupDeadline: '2027-01-13' });
    expect(late).toEqual({ kind: 'notify', text: expect.stringContaining('påmeldingsfristen kan ikke være etter kursdagen') });
    const saved = dataOf(call(ports, PEOPLE.guri, COURSE_CALLS.saveSession, session)) as unknown as { sessionId: string };
    expect(rows(ports, 'Sessions').at(-1)).toMatchObject({ sessionId: saved.sessionId, startsAt: '2027-01-12T08:00:00Z', capacity: '10', status: 'open' });
    // People can sign up at once, before any rebuild.
    const r = runChat(ports, PEOPLE.kari, { action: ACTIONS.signUp, params: { sessionId: saved.sessionId } });
    expect(JSON.stringify(r.reply)).toContain('Du er påmeldt');
    // The session has its course event id from the start; the outbox job (as the Kompetent account) adds the participant.
    expect(ports.services.calendar.events.size).toBe(0);
    sendOutbox(ports);
    const eventId = String(rows(ports, 'Sessions').at(-1)!.calendarEventId);
    expect(ports.services.calendar.events.get(eventId)?.guests).toEqual([PEOPLE.kari]);
    expect(ports.services.calendar.eventsOf(PEOPLE.kari).map((e) => e.title)).toEqual(['D-HLR oppfriskning']);
  });

  it('more seats promote the waitlist, first come first served, and tell them', () => {
    const data = fixtureData();
    data.Sessions = data.Sessions!.map((s) => (s.sessionId === 'S2' ? { ...s, capacity: 1 } : s));
    const ports = warm(data);
    runChat(ports, PEOPLE.kari, { action: ACTIONS.signUp, params: { sessionId: 'S2' } });
    runChat(ports, PEOPLE.ola, { action: ACTIONS.signUp, params: { sessionId: 'S2' } });
    const list = dataOf(call(ports, PEOPLE.guri, COURSE_CALLS.list)) as unknown as { sessions: { sessionId: string; startsLocal: string; endsLocal: string }[] };
    const s2 = list.sessions.find((s) => s.sessionId === 'S2')!;
    const r = call(ports, PEOPLE.guri, COURSE_CALLS.saveSession, { isNew: false, sessionId: 'S2', courseId: 'K2', startsAt: s2.startsLocal, endsAt: s2.endsLocal, capacity: 2 });
    expect(dataOf(r).message).toContain('1 fra ventelisten fikk plass');
    expect(rows(ports, 'Enrollments').map((e) => e.status)).toEqual(['enrolled', 'enrolled']);
    sendOutbox(ports);
    expect(ports.services.mail.sent.at(-1)!.to).toBe(PEOPLE.ola);
    expect(ports.services.calendar.eventsOf(PEOPLE.ola).map((e) => e.title)).toEqual(['Brannvernopplæring']);
  });

  it('cancelling a session cancels every sign-up and mails everyone with the reason', () => {
    const ports = warm();
    runChat(ports, PEOPLE.kari, { action: ACTIONS.signUp, params: { sessionId: 'S2' } });
    runChat(ports, PEOPLE.ola, { action: ACTIONS.signUp, params: { sessionId: 'S2' } });
    sendOutbox(ports);
    expect(ports.services.calendar.eventsOf(PEOPLE.kari)).toHaveLength(1);
    const events = ports.services.calendar.events.size;
    const before = ports.services.mail.sent.length;
    const r = call(ports, PEOPLE.guri, COURSE_CALLS.cancelSession, { sessionId: 'S2', reason: 'Kursholder er syk' });
    sendOutbox(ports);
    // The one event is cancelled: no second event, and it is gone from every participant's calendar.
    expect(ports.services.calendar.events.size).toBe(events);
    expect(ports.services.calendar.eventsOf(PEOPLE.kari)).toEqual([]);
    expect(dataOf(r).message).toContain('2 påmeldte');
    expect(rows(ports, 'Sessions').find((s) => s.sessionId === 'S2')!.status).toBe('cancelled');
    expect(rows(ports, 'Enrollments').map((e) => e.status)).toEqual(['cancelled', 'cancelled']);
    const mails = ports.services.mail.sent.slice(before);
    expect(mails.map((m) => m.to).sort()).toEqual([PEOPLE.kari, PEOPLE.ola].sort());
    expect(mails[0]!.text).toContain('Kursholder er syk');
    expect(mails[0]!.attachments?.[0]!.content).toContain('METHOD:CANCEL');
    expect(dataOf(call(ports, PEOPLE.guri, COURSE_CALLS.cancelSession, { sessionId: 'S2' })).message).toContain('allerede avlyst');
    // Nobody can sign up for it any more.
    expect(JSON.stringify(runChat(ports, PEOPLE.kari, { action: ACTIONS.signUp, params: { sessionId: 'S2' } }).reply)).toContain('avlyst');
  });

  it('attendance grants the course\'s competences once, verified by the one who marks; a no-show takes them back', () => {
    const ports = warm();
    runChat(ports, PEOPLE.kari, { action: ACTIONS.signUp, params: { sessionId: 'S2' } });
    const enrollmentId = String(rows(ports, 'Enrollments')[0]!.enrollmentId);
    const early = call(ports, PEOPLE.guri, COURSE_CALLS.markAttendance, { sessionId: 'S2', marks: [{ enrollmentId, attended: true }] });
    expect(early).toEqual({ kind: 'notify', text: expect.stringContaining('når kurset har startet') });
    (ports.clock as MovableClock).set('2026-12-10T15:00:00Z');
    rebuild(ports);
    const certsBefore = rows(ports, 'Certifications').length;
    const r = call(ports, PEOPLE.guri, COURSE_CALLS.markAttendance, { sessionId: 'S2', marks: [{ enrollmentId, attended: true }] });
    expect(dataOf(r).message).toContain('1 møtt');
    const cert = rows(ports, 'Certifications').at(-1)!;
    expect(rows(ports, 'Certifications')).toHaveLength(certsBefore + 1);
    expect(cert).toMatchObject({ employeeId: 'E1', competenceId: 'fire', achievedOn: '2026-12-10', source: 'session', verifiedBy: PEOPLE.guri, state: 'valid', note: 'session:S2' });
    expect(rows(ports, 'Enrollments')[0]!.status).toBe('attended');
    expect(dataOf(call(ports, PEOPLE.guri, COURSE_CALLS.markAttendance, { sessionId: 'S2', marks: [{ enrollmentId, attended: true }] })).message).toContain('Ingen endringer');
    expect(rows(ports, 'Certifications')).toHaveLength(certsBefore + 1);
    call(ports, PEOPLE.guri, COURSE_CALLS.markAttendance, { sessionId: 'S2', marks: [{ enrollmentId, attended: false }] });
    expect(rows(ports, 'Certifications').at(-1)!.state).toBe('revoked');
    expect(rows(ports, 'Enrollments')[0]!.status).toBe('no-show');
  });

  it('lists participants with the waitlist in order, and exports them as CSV safe from formulas', () => {
    const data = fixtureData();
    data.Sessions = data.Sessions!.map((s) => (s.sessionId === 'S2' ? { ...s, capacity: 1 } : s));
    data.Employees!.push({ employeeId: 'E9', email: 'formel@kommune.example', name: '=HYPERLINK("x")', unitId: 'haugen', roleIds: [], managerEmail: undefined,
      startDate: '2020-01-01', probationEndsOn: undefined, status: 'active', locale: 'nb' });
    const ports = warm(data);
    runChat(ports, PEOPLE.kari, { action: ACTIONS.signUp, params: { sessionId: 'S2' } });
    runChat(ports, PEOPLE.ola, { action: ACTIONS.signUp, params: { sessionId: 'S2' } });
    runChat(ports, 'formel@kommune.example', { action: ACTIONS.signUp, params: { sessionId: 'S2' } });
    const p = dataOf(call(ports, PEOPLE.guri, COURSE_CALLS.participants, { sessionId: 'S2' })) as unknown as { participants: { status: string; position?: number }[]; canMark: boolean };
    expect(p.participants.map((x) => [x.status, x.position])).toEqual([['enrolled', undefined], ['waitlisted', 1], ['waitlisted', 2]]);
    expect(p.canMark).toBe(false);
    const csv = dataOf(call(ports, PEOPLE.guri, COURSE_CALLS.export, { sessionId: 'S2' })) as unknown as { csv: string; fileName: string };
    // Semicolons, the unit's name beside its id, and the sign-up time on Oslo's clock, not the UTC the records keep.
    expect(csv.csv.split('\r\n')[0]).toBe('Navn;E-post;Enhetsnr;Enhet;Status;Påmeldt (norsk tid);Plass på venteliste');
    const signedUp = String(rows(ports, 'Enrollments').find((e) => e.employeeId === 'E1')!.signedUpAt);
    const oslo = new Date(Date.parse(signedUp) + 3_600_000).toISOString().slice(0, 16).replace('T', ' '); // CET in November
    expect(csv.csv).toContain(`Kari Nordmann;kari.nordmann@kommune.example;solbakken-a;Solbakken avdeling A;Påmeldt;${oslo};`);
    expect(csv.csv).toContain('"\'=HYPERLINK(""x"")"');
    expect(csv.fileName).toMatch(/^deltakere-Brannvernoppl.ring-2026-12-10\.csv$/);
  });
});
