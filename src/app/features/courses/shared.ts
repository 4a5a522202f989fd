// Shared by the course handlers: session models for cards, one session under the lock (its read is
// src/store/session-read.ts), patching the read model after a write, and a person's DM with the app.
import { activeEnrollment, signUpRefusal } from '../../../core/enrollment';
import type { Course, Enrollment, Session } from '../../../core/records/tables';
import { rosterKey, withEntries, type Roster, type RosterEntry } from '../../../store/course-rosters';
import { keyOfNeed, type Need, type PersonView, type SessionSeats, type SessionsView } from '../../../store/read-model';
import type { Located } from '../../../store/table-parse';
import { patchSeats, readSession, type SessionRead } from '../../../store/session-read';
import type { CourseCtx, SessionModel } from '../../../ui/cards/course-cards';
import { chatOutbox } from '../../common/chat-outbox';
import { competenceNamer, preparing } from '../../common/person-context';
import type { Env } from '../../pipeline/handler';
import type { Reply } from '../../../contract/request';
import { RECORD_ID as ID } from '../../../core/ids';

export { RECORD_ID as ID } from '../../../core/ids';
/** An id parameter, or '' when it is not one (never used as a key otherwise). */
export function idParam(value: string): string {
  return ID.test(value) ? value : '';
}

export function ctxOf(env: Env): CourseCtx {
  return { t: env.t, locale: env.locale, timeZone: env.ports.clock.timeZone, competenceName: competenceNamer(env) };
}

export function seatOf(env: Pick<Env, 'views'>, sessionId: string): SessionSeats | undefined {
  return env.views.ses().sessions.find((s) => s.session.sessionId === sessionId);
}

export function courseOf(env: Pick<Env, 'views'>, courseId: string): Course | undefined {
  return env.views.cat().courses.find((c) => c.courseId === courseId);
}

export function rosterOf(env: Pick<Env, 'views'>, sessionId: string): Roster | undefined {
  return env.views.view<Roster>(rosterKey(sessionId));
}

/** The views a change to one session needs: catalogue, sessions, and that session's roster. */
export function sessionNeeds(sessionId: string): Need[] {
  return [{ shard: 'cat' }, { shard: 'ses' }, ...(ID.test(sessionId) ? [{ view: rosterKey(sessionId) }] : [])];
}

/** The person's current sign-up for a session, as their view has it (enrolled, waiting, or after the day). */
export function mySignUp(person: PersonView, sessionId: string): Enrollment | undefined {
  return activeEnrollment(person.enrollments.map((e) => e.row).filter((e) => e.sessionId === sessionId), person.employee.row.employeeId);
}

/** What a card shows about one session for one person (from the read model: informational, never the decision). */
export function sessionModel(env: Env, seat: SessionSeats, person?: PersonView): SessionModel {
  const s = seat.session;
  const mine = person ? mySignUp(person, s.sessionId) : undefined;
  const position = mine?.status === 'waitlisted' && person ? (seat.waitlist ?? []).indexOf(person.employee.row.employeeId) + 1 : 0;
  return {
    sessionId: s.sessionId, courseId: s.courseId, startsAt: s.startsAt, endsAt: s.endsAt, location: s.location, capacity: s.capacity,
    enrolled: seat.enrolled, waitlisted: seat.waitlisted, status: s.status, signupDeadline: s.signupDeadline,
    refusal: signUpRefusal(s, { now: env.now, today: env.today }),
    ...(mine ? { mine: { status: mine.status, ...(position > 0 ? { position } : {}) } } : {}),
  };
}

/** Sessions of a course people can still go to (not cancelled, not begun), soonest first. */
export function upcomingSeats(env: Env, courseId: string, ses: SessionsView = env.views.ses()): SessionSeats[] {
  return ses.sessions
    .filter((s) => s.session.courseId === courseId && s.session.status !== 'cancelled' && s.session.startsAt > env.now)
    .sort((a, b) => a.session.startsAt.localeCompare(b.session.startsAt));
}

// ---- The authoritative read under the lock (src/store/session-read.ts).

/**
 * The session's roster from the read model, then the records read under the lock (readSession). Without a roster the
 * request says "being prepared"; when the Sessions row is gone, `gone` says what to answer.
 */
export function lockedSession(env: Env, seat: SessionSeats, extra: (roster: Roster) => Parameters<typeof readSession>[3], gone: () => Reply):
  { ok: true; read: SessionRead & { session: Located<Session> } } | { ok: false; reply: Reply } {
  const roster = rosterOf(env, seat.session.sessionId);
  if (!roster) return { ok: false, reply: preparing(env) };
  const read = readSession(env.read, seat, roster, extra(roster));
  if (!read.session) return { ok: false, reply: gone() };
  return { ok: true, read: read as SessionRead & { session: Located<Session> } };
}

// ---- Patching the read model after a write.

/** The read-model patches after a write to one session: its roster and the sessions view (returned). */
export function stageSession(env: Env, read: SessionRead, session: Located<Session>, changed: RosterEntry[], enrollments: Enrollment[]): SessionsView {
  const roster = withEntries(read.roster, changed);
  env.rm.stage(rosterKey(session.row.sessionId), roster);
  const ses = patchSeats(env.views.ses(), session, enrollments, roster.lastRow);
  env.rm.stage('ses', ses);
  return ses;
}

/** A changed enrollment as a roster entry: the roster's names when it knows the row, else blanks for the next rebuild. */
export function rosterEntry(before: Located<Enrollment>, row: Enrollment, known: RosterEntry | undefined): RosterEntry {
  return known ? { ...known, rowNumber: before.rowNumber, enrollment: row }
    : { rowNumber: before.rowNumber, enrollment: row, email: '', name: row.employeeId, unitId: '', granted: [] };
}

/** A person's view with enrollment rows added or replaced (by enrollment id). */
export function withEnrollments(person: PersonView, rows: readonly Located<Enrollment>[]): PersonView {
  const byId = new Map(person.enrollments.map((e) => [e.row.enrollmentId, e]));
  for (const r of rows) byId.set(r.row.enrollmentId, r);
  return { ...person, enrollments: [...byId.values()] };
}

/**
 * Drops a person's view in the same cache write as the patches (a view that decodes to nothing is "missing"), for people
 * whose rows changed but whose view this request did not load: their next request reads their rows again.
 */
export function invalidatePerson(env: Env, email: string): void {
  if (email) env.rm.stage(keyOfNeed({ person: email }), null);
}

// ---- Telling people.

/** The app's DM with a person, if the app is installed for them (a failing lookup counts as none: chat-outbox.ts). */
export function dmSpace(env: Pick<Env, 'ports'>, email: string): string | undefined {
  return chatOutbox(env.ports).directMessage(email);
}
