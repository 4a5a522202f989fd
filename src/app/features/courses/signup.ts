// Signing up and cancelling (self, or a leader for people in their units), and "add to calendar". Seats are decided on
// the records read under the lock (the session row, its enrollment rows and every row after the roster's last), then one
// batched write with audit rows, one cache patch; mail, calendar and Chat go out after the lock is released.
import { can } from '../../../core/access';
import { decideCancel, decideSignUp, nextSignedUpAt, waitlistPosition, type Refusal } from '../../../core/enrollment';
import { formatDate, translator, type Locale } from '../../../core/i18n';
import { isoDateIn } from '../../../core/dates';
import type { Course, Enrollment, Notification, Session } from '../../../core/records/tables';
import { leftIn, type RosterEntry } from '../../../store/course-rosters';
import type { PersonView, SessionSeats } from '../../../store/read-model';
import { insert, update, type Change } from '../../../store/records';
import type { Located } from '../../../store/table-parse';
import { ACTIONS } from '../../../contract/actions';
import {
  confirmationMail, promotionChat, promotionMail, waitlistMail, type MsgCtx, type SessionFacts,
} from '../../../ui/cards/course-messages';
import { failReply, replyText, type ChangeEnv, type Env, type Handlers } from '../../pipeline/handler';
import { str, type Reply } from '../../../contract/request';
import { courseCardFor } from './home';
import {
  courseOf, dmSpace, idParam, invalidatePerson, lockedSession, mySignUp, rosterEntry, seatOf, sessionNeeds, stageSession,
  withEnrollments,
} from './shared';
import { personName } from '../../common/person-context';
import { calendarSync, chatEffect, mailEffect, tryChatNow } from '../../common/effects';
import { chatOutbox } from '../../common/chat-outbox';

export function organizerOf(env: Env, course: Course | undefined): { email: string; name: string } {
  const email = course?.ownerEmail ?? env.setting('courseOrganizerEmail', env.views.dir.adminEmails[0] ?? 'kompetent@localhost');
  return { email, name: env.t('app.name') };
}

export function msgCtxFor(env: Env, locale: Locale | undefined, course: Course | undefined): MsgCtx {
  const l = locale ?? 'nb';
  return { t: translator(l), locale: l, timeZone: env.ports.clock.timeZone, now: env.now, organizer: organizerOf(env, course) };
}

export function factsOf(session: Session, course: Course | undefined): SessionFacts {
  return {
    sessionId: session.sessionId, courseTitle: course?.title ?? session.courseId, startsAt: session.startsAt, endsAt: session.endsAt,
    location: session.location, description: course?.description,
  };
}

function dateOf(env: Env, session: Session): string {
  return formatDate(env.locale, isoDateIn(new Date(session.startsAt), env.ports.clock.timeZone));
}

/** The Sessions row moved away or was deleted by hand since the last rebuild: say so and rebuild. */
function sessionGone(env: Env, sessionId: string): Reply {
  env.ports.scheduleRebuild?.();
  return failReply(env, { kind: 'commit', failure: { reason: 'conflict', table: 'Sessions', key: sessionId } });
}

function refusalReply(env: Env, reason: Refusal | 'cancelStarted', session: Session): Reply {
  const text = reason === 'deadline' ? env.t('courses.no.deadline', { date: formatDate(env.locale, session.signupDeadline) }) : env.t(`courses.no.${reason}`);
  return failReply(env, { text });
}

/** The answer after a change: the course card as it now stands, in place where the click came from a course card. */
function answer(env: Env, person: PersonView, course: Course | undefined, text: string, ses = env.views.ses()): Reply {
  if (!course) return replyText(env.req, text);
  const card = courseCardFor(env, course, person, ses);
  if (env.req.host === 'chat' && env.req.params.from !== 'course') return { kind: 'card', card, text };
  return { kind: 'card', card, nav: 'update', notify: text };
}

function entryOf(person: PersonView, row: Enrollment, rowNumber: number): RosterEntry {
  const e = person.employee.row;
  return { rowNumber, enrollment: row, email: e.email, name: e.name, unitId: e.unitId, ...(e.locale ? { locale: e.locale } : {}), granted: [] };
}

/** Resolves who and what: the person must be allowed for the asker, and the session known to the read model. */
function target(env: Env, person: PersonView | undefined, sessionId: string):
  { ok: true; seat: SessionSeats; course?: Course; person: PersonView } | { ok: false; reply: Reply } {
  if (!person) return { ok: false, reply: failReply(env, env.req.params.email ? { text: env.t('courses.other.unknown', { email: env.req.params.email }) } : { kind: 'notFound' }) };
  if (person.employee.row.status === 'left' || !can(env.actor, { do: 'signUpFor', employee: person.employee.row })) return { ok: false, reply: failReply(env, { kind: 'notAllowed' }) };
  const seat = seatOf(env, sessionId);
  if (!seat) return { ok: false, reply: failReply(env, { text: env.t('courses.no.unknownSession') }) };
  return { ok: true, seat, course: courseOf(env, seat.session.courseId), person };
}

function signUpFor(env: ChangeEnv, personView: PersonView | undefined, sessionId: string): Reply {
  const tg = target(env, personView, sessionId);
  if (!tg.ok) return tg.reply;
  const { seat, course, person } = tg;
  const employee = person.employee.row;
  const byLeader = employee.email !== env.actor.email;
  const already = (position: number | undefined) => (byLeader
    ? env.t('courses.done.otherAlready', { name: employee.name })
    : position ? env.t('courses.done.alreadyWaiting', { position }) : env.t('courses.done.already'));

  // A double click (or a repeated event) finds the first sign-up in the patched view: nothing is read or written.
  const seen = mySignUp(person, sessionId);
  if (seen) {
    const position = seen.status === 'waitlisted' ? (seat.waitlist ?? []).indexOf(employee.employeeId) + 1 || undefined : undefined;
    return byLeader ? { kind: 'close', notify: already(position) } : answer(env, person, course, already(position));
  }
  const got = lockedSession(env, seat, () => ({ tables: ['Notifications', 'Outbox'] }), () => sessionGone(env, sessionId));
  if (!got.ok) return got.reply;
  const { read } = got;
  const enrollments = read.enrollments.map((r) => r.row);
  const decision = decideSignUp(read.session.row, enrollments, employee.employeeId, { now: env.now, today: env.today });
  if (decision.kind === 'refused') {
    stageSession(env, read, read.session, [], enrollments);
    return refusalReply(env, decision.reason, read.session.row);
  }
  if (decision.kind === 'already') {
    const found = read.enrollments.find((r) => r.row.enrollmentId === decision.enrollment.enrollmentId)!;
    env.rm.stagePerson(withEnrollments(person, [found]));
    const ses = stageSession(env, read, read.session, [], enrollments);
    return byLeader ? { kind: 'close', notify: already(decision.position) } : answer(env, withEnrollments(person, [found]), course, already(decision.position), ses);
  }

  const row: Enrollment = {
    enrollmentId: env.newId('enr'), sessionId, employeeId: employee.employeeId, status: decision.kind,
    signedUpAt: nextSignedUpAt(env.ports.clock.now().toISOString(), enrollments), changedAt: undefined,
    signedUpBy: byLeader ? env.actor.email : undefined,
  };
  const note: Notification = {
    notificationId: env.newId('ntf'), kind: 'confirmation', recipientEmail: employee.email, subjectKey: `enroll:${row.enrollmentId}`, channel: 'mail', sentAt: env.now,
  };
  const all = [...enrollments, row];
  const position = waitlistPosition(all, employee.employeeId) ?? 0;
  const session = read.session.row;
  const ctx = msgCtxFor(env, employee.locale, course);
  const to = { email: employee.email, name: employee.name, ...(byLeader ? { by: personName(env, env.actor.email) } : {}) };
  // The confirmation (with its invitation) and the calendar guest go out from the Kompetent account, after this commit.
  const effects: Change[] = [mailEffect(env, employee.email, decision.kind === 'enrolled'
    ? confirmationMail(factsOf(session, course), to, ctx) : waitlistMail(factsOf(session, course), to, position, ctx), `enroll:${row.enrollmentId}`)];
  if (decision.kind === 'enrolled') effects.push(calendarSync(env, session, course, [employee.email]));
  const res = env.commit([insert('Enrollments', row), insert('Notifications', note), ...effects], byLeader ? 'signUpOther' : 'signUp', read.snap);
  if (!res.ok) return failReply(env, { kind: 'commit', failure: res });
  const rowNumber = res.inserted.find((i) => i.table === 'Enrollments')!.rowNumber;
  const after = withEnrollments(person, [{ row, rowNumber }]);
  env.rm.stagePerson(after);
  const ses = stageSession(env, read, read.session, [entryOf(person, row, rowNumber)], all);

  const date = dateOf(env, session);
  const title = course?.title ?? session.courseId;
  const soon = ` ${env.t('effects.mailSoon')}`;
  if (byLeader) {
    return { kind: 'close', notify: (decision.kind === 'enrolled'
      ? env.t('courses.done.otherEnrolled', { name: employee.name, course: title, date })
      : env.t('courses.done.otherWaitlisted', { name: employee.name, position })) + soon };
  }
  const text = (decision.kind === 'enrolled' ? env.t('courses.done.enrolled', { course: title, date }) : env.t('courses.done.waitlisted', { position })) + soon;
  return answer(env, after, course, text, ses);
}

/** A seat that came free: who gets it, by which channel they are told (chosen before the commit, recorded with it). */
export interface Promotion { before: Located<Enrollment>; after: Enrollment; entry?: RosterEntry; channel?: 'chat' | 'mail'; space?: string; effect?: Change }

/**
 * The changes for promoted people: their Enrollments rows, a Notifications row, the course event with them as guests, and
 * — when the app has no DM with them — the promotion mail as an Outbox row (none for a row found only in the tail: the
 * daily job tells them). `session`/`course`: the session as it will stand after the commit.
 */
export function promotionChanges(env: Env, promoted: Promotion[], session: Session, course: Course | undefined): Change[] {
  const changes: Change[] = [];
  const guests: string[] = [];
  for (const p of promoted) {
    changes.push(update('Enrollments', p.before.rowNumber, p.before.row, p.after));
    if (!p.entry?.email) continue;
    const e = p.entry;
    p.space = dmSpace(env, e.email);
    p.channel = p.space ? 'chat' : 'mail';
    guests.push(e.email);
    changes.push(insert('Notifications', {
      notificationId: env.newId('ntf'), kind: 'promotion', recipientEmail: e.email, subjectKey: `promotion:${p.after.enrollmentId}`, channel: p.channel, sentAt: env.now,
    }));
    const ctx = msgCtxFor(env, e.locale, course);
    const mail = promotionMail(factsOf(session, course), { email: e.email, name: e.name }, ctx);
    if (p.channel === 'mail') changes.push(mailEffect(env, e.email, mail, `promotion:${p.after.enrollmentId}`));
    else {
      // The Chat notice is an Outbox effect of the same commit: never lost when the answer to the write is (the request
      // tries it after the lock; the outbox job makes sure, once).
      p.effect = chatEffect(env, {
        space: p.space, message: promotionChat(factsOf(session, course), ctx), requestId: `promotion-${p.after.enrollmentId}`,
        mail: { subject: mail.subject, text: mail.text },
      }, `promotion:${p.after.enrollmentId}`, e.email);
      changes.push(p.effect);
    }
  }
  if (guests.length) changes.push(calendarSync(env, session, course, guests));
  return changes;
}

/** After the commit: try each promoted person's committed Chat notice now (as the app); drop their stale view. */
export function announcePromotions(env: Env, promoted: Promotion[]): void {
  for (const p of promoted) {
    const e = p.entry;
    if (!e?.email || !p.channel) continue;
    invalidatePerson(env, e.email);
    if (p.effect) tryChatNow(env, p.effect, chatOutbox(env.ports));
  }
}

function cancelFor(env: ChangeEnv, personView: PersonView | undefined, sessionId: string): Reply {
  const tg = target(env, personView, sessionId);
  if (!tg.ok) return tg.reply;
  const { seat, course, person } = tg;
  const employee = person.employee.row;
  const byLeader = employee.email !== env.actor.email;
  // Cancelled already (the same click again, or its retry after a lost answer): say so, not "not signed up".
  const notSignedUp = (rows: readonly Enrollment[]) => failReply(env, {
    text: !byLeader && rows.some((e) => e.sessionId === sessionId && e.employeeId === employee.employeeId && e.status === 'cancelled')
      ? env.t('courses.done.alreadyCancelled', { course: course?.title ?? seat.session.courseId, date: dateOf(env, seat.session) })
      : env.t('courses.done.notSignedUp'),
  });
  // Cancelling twice: the patched view shows nothing left to cancel, and nothing is read or written.
  if (!mySignUp(person, sessionId)) return notSignedUp(person.enrollments.map((e) => e.row));
  const got = lockedSession(env, seat, () => ({ tables: ['Notifications', 'Outbox'] }), () => sessionGone(env, sessionId));
  if (!got.ok) return got.reply;
  const { read } = got;
  const located = new Map(read.enrollments.map((r) => [r.row.enrollmentId, r]));
  const decided = decideCancel(read.session.row, read.enrollments.map((r) => r.row), employee.employeeId, { now: env.now }, leftIn(read.roster));
  const decision = decided.kind === 'cancelled'
    ? { ...decided, enrollment: located.get(decided.enrollment.enrollmentId)!, promoted: decided.promoted.map((p) => ({ before: located.get(p.before.enrollmentId)!, after: p.after })) }
    : decided;
  if (decision.kind === 'notSignedUp') {
    env.rm.stagePerson(withEnrollments(person, read.enrollments.filter((r) => r.row.employeeId === employee.employeeId)));
    stageSession(env, read, read.session, [], read.enrollments.map((r) => r.row));
    return notSignedUp(read.enrollments.map((r) => r.row));
  }
  if (decision.kind === 'refused') return refusalReply(env, 'cancelStarted', read.session.row);

  const byId = new Map(read.roster.entries.map((e) => [e.enrollment.enrollmentId, e]));
  const promoted: Promotion[] = decision.promoted.map((p) => ({ before: p.before, after: p.after, entry: byId.get(p.after.enrollmentId) }));
  const wasEnrolled = decision.enrollment.row.status === 'enrolled';
  const changes = [update('Enrollments', decision.enrollment.rowNumber, decision.enrollment.row, decision.after),
    ...promotionChanges(env, promoted, read.session.row, course),
    // Off the course event quietly, in the same commit (the outbox job removes the guest as the app).
    ...(wasEnrolled ? [calendarSync(env, read.session.row, course, [], [employee.email])] : [])];
  const res = env.commit(changes, byLeader ? 'cancelFor' : 'cancel', read.snap);
  if (!res.ok) return failReply(env, { kind: 'commit', failure: res });

  const changedRows = new Map<string, Enrollment>([[decision.after.enrollmentId, decision.after], ...promoted.map((p) => [p.after.enrollmentId, p.after] as const)]);
  const enrollments = read.enrollments.map((r) => changedRows.get(r.row.enrollmentId) ?? r.row);
  const entries = [decision.enrollment, ...promoted.map((p) => p.before)]
    .map((r) => rosterEntry(r, changedRows.get(r.row.enrollmentId)!, byId.get(r.row.enrollmentId)));
  const ses = stageSession(env, read, read.session, entries, enrollments);
  const after = withEnrollments(person, [{ row: decision.after, rowNumber: decision.enrollment.rowNumber }]);
  env.rm.stagePerson(after);

  const session = read.session.row;
  announcePromotions(env, promoted);
  const title = course?.title ?? session.courseId;
  const date = dateOf(env, session);
  if (byLeader) return { kind: 'close', notify: env.t('courses.done.otherCancelled', { name: employee.name, course: title, date }) };
  const text = decision.enrollment.row.status === 'waitlisted' ? env.t('courses.done.leftWaitlist', { course: title, date }) : env.t('courses.done.cancelled', { course: title, date });
  return answer(env, after, course, text, ses);
}

/**
 * Puts the person on the session's course event as a guest (the one Kompetent course calendar, never their own): an
 * Outbox row the outbox job carries out as the app. Already on it: nothing is written.
 */
function addToCalendar(env: ChangeEnv): Reply {
  const me = env.me;
  if (!me) return failReply(env, { kind: 'notFound' });
  const seat = seatOf(env, idParam(str(env.req, 'sessionId')));
  if (!seat) return failReply(env, { text: env.t('courses.no.unknownSession') });
  const mine = mySignUp(me, seat.session.sessionId);
  if (mine?.status !== 'enrolled') return failReply(env, { text: env.t('courses.no.calendarNotEnrolled') });
  const course = courseOf(env, seat.session.courseId);
  const snap = env.read(['Outbox', 'Audit'], { Outbox: [], Audit: [] });
  const res = env.commit([calendarSync(env, seat.session, course, [me.employee.row.email])], 'addToCalendar', snap);
  if (!res.ok) return failReply(env, { kind: 'commit', failure: res });
  return failReply(env, { text: env.t('courses.done.calendar') });
}

/** The person a leader names: the picker's choice, or a typed e-mail (checked against the records). */
function otherEmail(req: { params: Record<string, string>; form: Record<string, { strings: string[] }> }): string {
  return (req.form.typedEmail?.strings[0] || req.params.email || req.form.email?.strings[0] || '').trim().toLowerCase().slice(0, 254);
}

/** The date: the dialog's date picker (the leader's choice), else the button's parameter. */
const otherSession = (req: Parameters<typeof otherEmail>[0]): string => idParam(req.form.sessionId?.strings[0] || req.params.sessionId || '');

const otherNeeds = (req: Parameters<typeof otherEmail>[0] & { params: Record<string, string> }) =>
  [...sessionNeeds(otherSession(req)), { person: otherEmail(req) || '-' }];

export const signUpHandlers: Handlers = {
  [ACTIONS.signUp]: {
    kind: 'change', needs: (req) => sessionNeeds(idParam(str(req, 'sessionId'))),
    run: (env) => signUpFor(env, env.me, idParam(str(env.req, 'sessionId'))),
  },
  [ACTIONS.signUpOther]: {
    kind: 'change', needs: otherNeeds,
    run: (env) => {
      const email = otherEmail(env.req);
      if (!email) return failReply(env, { text: env.t('courses.other.pick') });
      return signUpFor(env, env.views.person(email), otherSession(env.req));
    },
  },
  [ACTIONS.cancelEnrollment]: {
    kind: 'change', needs: (req) => (req.params.email ? otherNeeds(req) : sessionNeeds(idParam(str(req, 'sessionId')))),
    run: (env) => cancelFor(env, env.req.params.email ? env.views.person(otherEmail(env.req)) : env.me, env.req.params.email ? otherSession(env.req) : idParam(str(env.req, 'sessionId'))),
  },
  [ACTIONS.addToCalendar]: { kind: 'change', needs: (req) => sessionNeeds(idParam(str(req, 'sessionId'))), run: addToCalendar },
};
