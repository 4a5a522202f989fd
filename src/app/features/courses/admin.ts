// Course administration from the admin console (issue 5): create and edit courses and sessions (more seats promote the
// waitlist), cancel a session (everyone on the list and the waitlist is told), and mark attendance — which grants the
// course's competences as certifications in the same batched write. Each change is decided on rows read under the lock.
import { calendarCancel, calendarSync, mailEffect } from '../../common/effects';
import { courseEventId } from '../../../core/outbox';
import { parseDateTime, isEmail, normaliseEmail, parseDate } from '../../../core/records/cells';
import { wallTimeToUtc } from '../../../core/dates';
import { grantedRow, planAttendance, attendanceRefusal, type Granted } from '../../../core/attendance';
import { promotions } from '../../../core/enrollment';
import type { MessageKey, Params } from '../../../core/i18n';
import { COURSE_FORMAT, type Competence, type Course, type Session } from '../../../core/records/tables';
import { leftIn, rosterKey, type Roster, type RosterEntry } from '../../../store/course-rosters';
import { insert, insertedRow, update, type Change } from '../../../store/records';
import type { CatalogueView } from '../../../store/read-model';
import type { Located } from '../../../store/table-parse';
import { sessionCancelledMail } from '../../../ui/cards/course-messages';
import type { ChangeEnv, Env, Handlers } from '../../pipeline/handler';
import type { Reply } from '../../../contract/request';
import { COURSE_CALLS } from '../../../contract/course-admin';
import type { SavedData } from '../../../contract/sidebar';
import { adminOnly, commitFailed, data, invalid, notify, sidebarT } from '../admin/shared';
import { adminSessionNeeds, parseCourse } from './admin-read';
import {
  courseOf, ID, idParam, invalidatePerson, lockedSession, rosterEntry, seatOf, stageSession,
} from './shared';
import { patchSeats, type readSession } from '../../../store/session-read';
import { announcePromotions, factsOf, msgCtxFor, promotionChanges, type Promotion } from './signup';

type Problem = [MessageKey, Params];

function saved(message: string, refreshSoon = false): Reply {
  return data({ saved: true, message, ...(refreshSoon ? { refreshSoon } : {}) } satisfies SavedData);
}

// ---- Courses.

function saveCourse(env: ChangeEnv): Reply {
  const p = parseCourse(env, COURSE_CALLS.saveCourse);
  if (!p.ok) return p.reply;
  const v = p.value;
  const row: Course = {
    courseId: v.courseId.trim(), title: v.title.trim(), format: v.format as Course['format'], hours: v.hours,
    description: v.description?.trim() || undefined, competenceIds: [...new Set(v.competenceIds.map((s) => s.trim()).filter(Boolean))],
    targetRoleIds: [...new Set(v.targetRoleIds.map((s) => s.trim()).filter(Boolean))],
    ownerEmail: v.ownerEmail?.trim() ? normaliseEmail(v.ownerEmail) : undefined, active: v.active,
  };
  const problem: Problem | undefined = (ID.test(row.courseId) ? undefined : ['admin.invalid.id', { field: 'courseId', value: row.courseId }] as Problem)
    ?? (row.title ? undefined : ['admin.invalid.required', { field: 'title' }] as Problem)
    ?? ((COURSE_FORMAT as readonly string[]).includes(row.format) ? undefined : ['admin.invalid.enum', { field: 'format', value: row.format, allowed: COURSE_FORMAT.join(', ') }] as Problem)
    ?? (row.hours === undefined || (Number.isFinite(row.hours) && row.hours >= 0 && row.hours <= 1000) ? undefined : ['admin.invalid.range', { field: 'hours', min: 0, max: 1000 }] as Problem)
    ?? (row.ownerEmail === undefined || isEmail(row.ownerEmail) ? undefined : ['admin.invalid.email', { field: 'ownerEmail', value: row.ownerEmail }] as Problem);
  if (problem) return invalid(env, ...problem);
  // The catalogue tables are small: read them under the lock, so existence checks and row numbers are current.
  const snap = env.read(['Courses', 'Competences', 'Roles', 'Audit'], { Audit: [] });
  const competences = new Set((snap.Competences?.rows ?? []).map((r) => (r.row as Competence).competenceId));
  const roles = new Set((snap.Roles?.rows ?? []).map((r) => (r.row as { roleId: string }).roleId));
  const badCompetence = row.competenceIds?.find((id) => !competences.has(id));
  if (badCompetence) return invalid(env, 'courses.admin.invalid.unknownCompetence', { id: badCompetence });
  const badRole = row.targetRoleIds?.find((id) => !roles.has(id));
  if (badRole) return invalid(env, 'courses.admin.invalid.unknownRole', { id: badRole });
  const courses = (snap.Courses?.rows ?? []) as unknown as Located<Course>[];
  const existing = courses.find((c) => c.row.courseId === row.courseId);
  if (v.isNew && existing) {
    // "Exists" because this very action's first arrival made it (its answer was lost): saved, as it said (issue #13).
    if (env.committedBefore?.(snap)) return saved(sidebarT(env)('courses.admin.saved.course', { title: existing.row.title }));
    return invalid(env, 'courses.admin.invalid.courseExists', { id: row.courseId });
  }
  if (!v.isNew && !existing) return invalid(env, 'courses.admin.invalid.unknownCourse', { id: row.courseId });
  const change = existing ? update('Courses', existing.rowNumber, existing.row, row) : insert('Courses', row);
  const res = env.commit([change], v.isNew ? 'createCourse' : 'saveCourse', snap);
  if (!res.ok) return commitFailed(env, res);
  const list = existing ? courses.map((c) => (c === existing ? row : c.row)) : [...courses.map((c) => c.row), row];
  env.rm.stage('cat', { ...env.views.cat(), courses: list } satisfies CatalogueView);
  return saved(sidebarT(env)('courses.admin.saved.course', { title: row.title }));
}

// ---- Sessions.

/** A time from the form: wall-clock time in the municipality's zone, or a full ISO time with offset. */
function timeInput(env: Env, raw: string): string | undefined {
  const s = raw.trim();
  return wallTimeToUtc(s, env.ports.clock.timeZone) ?? parseDateTime(s);
}

function sessionRow(env: Env, v: ReturnType<typeof parseCourse<typeof COURSE_CALLS.saveSession>> & { ok: true }, id: string, before?: Session):
  { ok: true; row: Session } | { ok: false; problem: Problem } {
  const x = v.value;
  const startsAt = timeInput(env, x.startsAt);
  if (!startsAt) return { ok: false, problem: ['courses.admin.invalid.time', { value: x.startsAt }] };
  const endsAt = timeInput(env, x.endsAt);
  if (!endsAt) return { ok: false, problem: ['courses.admin.invalid.time', { value: x.endsAt }] };
  if (Date.parse(endsAt) <= Date.parse(startsAt)) return { ok: false, problem: ['courses.admin.invalid.times', {}] };
  const capacity = x.capacity;
  if (capacity === undefined || !Number.isInteger(capacity) || capacity < 0 || capacity > 100000) return { ok: false, problem: ['admin.invalid.range', { field: 'capacity', min: 0, max: 100000 }] };
  const deadlineRaw = x.signupDeadline?.trim() ?? '';
  const signupDeadline = deadlineRaw ? parseDate(deadlineRaw) : undefined;
  if (deadlineRaw && !signupDeadline) return { ok: false, problem: ['courses.admin.invalid.date', { value: deadlineRaw }] };
  if (signupDeadline && signupDeadline > startsAt.slice(0, 10)) return { ok: false, problem: ['courses.admin.invalid.deadline', {}] };
  const instructorEmail = x.instructorEmail?.trim() ? normaliseEmail(x.instructorEmail) : undefined;
  if (instructorEmail && !isEmail(instructorEmail)) return { ok: false, problem: ['admin.invalid.email', { field: 'instructorEmail', value: instructorEmail }] };
  return {
    ok: true,
    row: {
      sessionId: id, courseId: x.courseId.trim(), startsAt, endsAt, location: x.location?.trim() || undefined, capacity, instructorEmail,
      signupDeadline, status: x.status ?? before?.status ?? 'open', calendarEventId: before?.calendarEventId,
    },
  };
}

function newSession(env: ChangeEnv, parsed: Parameters<typeof sessionRow>[1]): Reply {
  const t = sidebarT(env);
  const made = sessionRow(env, parsed, env.newId('ses'));
  if (!made.ok) return invalid(env, ...made.problem);
  // The session's event in the course calendar has the session's own id (in the row); the outbox job makes it as the app.
  const course = courseOf(env, made.row.courseId);
  const row: Session = { ...made.row, calendarEventId: courseEventId(made.row.sessionId) };
  const snap = env.read(['Sessions', 'Outbox', 'Audit'], { Sessions: [], Outbox: [], Audit: [] });
  const res = env.commit([insert('Sessions', row), calendarSync(env, row, course)], 'createSession', snap);
  if (!res.ok) return commitFailed(env, res);
  made.row = row;
  const ses = env.views.ses();
  const located: Located<Session> = { row: made.row, rowNumber: insertedRow(res) };
  const lastRow = ses.enrollmentsLastRow ?? 1;
  env.rm.stage('ses', patchSeats(ses, located, [], lastRow));
  // Every enrollment of a new session lands after the last row known now; the tail read under the lock finds them.
  env.rm.stage(rosterKey(made.row.sessionId), { sessionId: made.row.sessionId, builtAt: env.now, lastRow, entries: [] } satisfies Roster);
  return data({ saved: true, message: t('courses.admin.saved.session'), sessionId: made.row.sessionId });
}

/** The session an admin call names, read under the lock; or the reply when it cannot be had. */
function sessionUnderLock(env: Env, sessionId: string, extra: (roster: Roster) => Parameters<typeof readSession>[3]):
  ReturnType<typeof lockedSession> {
  const seat = seatOf(env, sessionId);
  const unknown = () => invalid(env, 'courses.admin.invalid.unknownSession', { id: sessionId || '–' });
  if (!seat) return { ok: false, reply: unknown() };
  return lockedSession(env, seat, extra, unknown);
}

function editSession(env: ChangeEnv, parsed: Parameters<typeof sessionRow>[1], sessionId: string): Reply {
  const t = sidebarT(env);
  const got = sessionUnderLock(env, sessionId, () => ({ tables: ['Notifications', 'Outbox'] }));
  if (!got.ok) return got.reply;
  const { read } = got;
  const before = read.session.row;
  if (before.status === 'cancelled') return invalid(env, 'courses.admin.invalid.sessionCancelled', {});
  const made = sessionRow(env, parsed, sessionId, before);
  if (!made.ok) return invalid(env, ...made.problem);
  const after = made.row;
  if (after.courseId !== before.courseId) return invalid(env, 'courses.admin.invalid.unknownCourse', { id: after.courseId });
  const located = new Map(read.enrollments.map((r) => [r.row.enrollmentId, r]));
  const byId = new Map(read.roster.entries.map((e) => [e.enrollment.enrollmentId, e]));
  const promoted: Promotion[] = promotions(after, read.enrollments.map((r) => r.row), { now: env.now }, leftIn(read.roster)).map((e) => ({
    before: located.get(e.enrollmentId)!, after: { ...e, status: 'enrolled' as const, changedAt: env.now }, entry: byId.get(e.enrollmentId),
  }));
  const course = courseOf(env, after.courseId);
  const moved = before.startsAt !== after.startsAt || before.endsAt !== after.endsAt || before.location !== after.location;
  const changes: Change[] = [update('Sessions', read.session.rowNumber, before, after), ...promotionChanges(env, promoted, after, course),
    ...(moved && !promoted.some((p) => p.entry?.email) ? [calendarSync(env, after, course)] : [])];
  const res = env.commit(changes, 'saveSession', read.snap);
  if (!res.ok) return commitFailed(env, res);
  const enrollments = read.enrollments.map((r) => promoted.find((p) => p.after.enrollmentId === r.row.enrollmentId)?.after ?? r.row);
  stageSession(env, read, { row: after, rowNumber: read.session.rowNumber }, promoted.map((p) => rosterEntry(p.before, p.after, p.entry)), enrollments);
  announcePromotions(env, promoted);
  return saved(promoted.length ? t('courses.admin.saved.promoted', { count: promoted.length }) : t('courses.admin.saved.session'));
}

function saveSession(env: ChangeEnv): Reply {
  const p = parseCourse(env, COURSE_CALLS.saveSession);
  if (!p.ok) return p.reply;
  if (!courseOf(env, p.value.courseId.trim())) return invalid(env, 'courses.admin.invalid.unknownCourse', { id: p.value.courseId || '–' });
  if (p.value.isNew) return newSession(env, p);
  return editSession(env, p, idParam(p.value.sessionId ?? ''));
}

/** Cancels the session: every sign-up on the list or the waitlist is cancelled and the person gets a mail with the reason. */
function cancelSession(env: ChangeEnv): Reply {
  const p = parseCourse(env, COURSE_CALLS.cancelSession);
  if (!p.ok) return p.reply;
  const t = sidebarT(env);
  const sessionId = idParam(p.value.sessionId);
  const got = sessionUnderLock(env, sessionId, () => ({ tables: ['Notifications', 'Outbox'] }));
  if (!got.ok) return got.reply;
  const { read } = got;
  if (read.session.row.status === 'cancelled') return saved(t('courses.admin.alreadyCancelled'));
  const session: Session = { ...read.session.row, status: 'cancelled' };
  const byId = new Map(read.roster.entries.map((e) => [e.enrollment.enrollmentId, e]));
  const affected = read.enrollments.filter((r) => r.row.status === 'enrolled' || r.row.status === 'waitlisted');
  const course = courseOf(env, session.courseId);
  const reason = p.value.reason?.trim() ?? '';
  // The one course event is cancelled (nothing new is made); everyone is told by mail from the Kompetent account (Outbox).
  const changes: Change[] = [update('Sessions', read.session.rowNumber, read.session.row, session), calendarCancel(env, session.sessionId)];
  const told: { entry: RosterEntry }[] = [];
  for (const r of affected) {
    changes.push(update('Enrollments', r.rowNumber, r.row, { ...r.row, status: 'cancelled', changedAt: env.now }));
    const entry = byId.get(r.row.enrollmentId);
    if (!entry?.email) continue;
    told.push({ entry });
    changes.push(insert('Notifications', {
      notificationId: env.newId('ntf'), kind: 'announcement', recipientEmail: entry.email, subjectKey: `sessionCancelled:${r.row.enrollmentId}`, channel: 'mail', sentAt: env.now,
    }), mailEffect(env, entry.email, sessionCancelledMail(factsOf(session, course), { email: entry.email, name: entry.name }, reason, msgCtxFor(env, entry.locale, course)),
      `sessionCancelled:${r.row.enrollmentId}`));
  }
  const res = env.commit(changes, 'cancelSession', read.snap);
  if (!res.ok) return commitFailed(env, res);
  const cancelledRows = new Map(affected.map((r) => [r.row.enrollmentId, { ...r.row, status: 'cancelled' as const, changedAt: env.now }]));
  const enrollments = read.enrollments.map((r) => cancelledRows.get(r.row.enrollmentId) ?? r.row);
  stageSession(env, read, { row: session, rowNumber: read.session.rowNumber }, affected.map((r) => rosterEntry(r, cancelledRows.get(r.row.enrollmentId)!, byId.get(r.row.enrollmentId))), enrollments);
  for (const { entry } of told) invalidatePerson(env, entry.email);
  if (told.length < affected.length) env.ports.log.error(`cancelSession ${sessionId}: ${affected.length - told.length} people have no known address and were not mailed`);
  return saved(t('courses.admin.cancelled', { count: affected.length }));
}

// ---- Attendance.

function markAttendance(env: ChangeEnv): Reply {
  const p = parseCourse(env, COURSE_CALLS.markAttendance);
  if (!p.ok) return p.reply;
  const t = sidebarT(env);
  const sessionId = idParam(p.value.sessionId);
  const marked = new Set(p.value.marks.map((m) => m.enrollmentId));
  // The certifications these people got from this session, so taking back "attended" finds them in this one read.
  const got = sessionUnderLock(env, sessionId, (roster) => ({
    tables: ['Certifications'],
    ranges: { Certifications: roster.entries.filter((e) => marked.has(e.enrollment.enrollmentId)).flatMap((e) => e.granted.map((g) => ({ from: g.rowNumber, to: g.rowNumber }))) },
  }));
  if (!got.ok) return got.reply;
  const { read } = got;
  const refusal = attendanceRefusal(read.session.row, env.now);
  if (refusal) return notify(t(refusal === 'cancelled' ? 'courses.admin.attendance.cancelled' : 'courses.admin.attendance.notStarted'));
  const course = courseOf(env, read.session.row.courseId);
  if (!course) return invalid(env, 'courses.admin.invalid.unknownCourse', { id: read.session.row.courseId });
  const competences = new Map(env.views.cat().competences.map((c) => [c.competenceId, c]));
  const entries = read.roster.entries.filter((e) => e.enrollment.sessionId === sessionId);
  const plan = planAttendance({
    session: read.session.row, course, competences, entries, marks: p.value.marks, achievedOn: read.session.row.startsAt.slice(0, 10),
    now: env.now, markedBy: env.actor.email, newId: env.newId,
  });
  const held: Session = read.session.row.status === 'open' || read.session.row.status === 'closed' ? { ...read.session.row, status: 'held' } : read.session.row;
  const changes: Change[] = [
    ...plan.updates.map((u) => update('Enrollments', u.entry.rowNumber, u.entry.enrollment, u.after)),
    ...plan.grant.map((g) => insert('Certifications', g.cert)),
    ...plan.revoke.map((r) => update('Certifications', r.granted.rowNumber, grantedRow(r.granted, r.entry.enrollment.employeeId, sessionId), {
      ...grantedRow(r.granted, r.entry.enrollment.employeeId, sessionId), state: 'revoked' as const,
    })),
  ];
  if (changes.length === 0) return saved(t('courses.admin.attendance.nothing'));
  if (held !== read.session.row) changes.push(update('Sessions', read.session.rowNumber, read.session.row, held));
  const res = env.commit(changes, 'markAttendance', read.snap);
  if (!res.ok) return commitFailed(env, res);
  // Committed before (this click again, or a retry after a lost answer): the counts here would describe only what was
  // left to do, so the answer says it is already registered.
  const replayed = !!res.replayed;

  // The roster as it now stands: new statuses, new and revoked certifications (row numbers from the write).
  const certRows = res.inserted.filter((i) => i.table === 'Certifications');
  const grantedBy = new Map<string, Granted[]>();
  plan.grant.forEach((g, i) => {
    const list = grantedBy.get(g.entry.enrollment.enrollmentId) ?? [];
    list.push({ certificationId: g.cert.certificationId, competenceId: g.cert.competenceId, rowNumber: insertedRow({ inserted: certRows }, i), state: 'valid', achievedOn: g.cert.achievedOn });
    grantedBy.set(g.entry.enrollment.enrollmentId, list);
  });
  const revoked = new Set(plan.revoke.map((r) => r.granted.certificationId));
  const statusOf = new Map(plan.updates.map((u) => [u.after.enrollmentId, u.after]));
  const touched = new Set([...plan.updates.map((u) => u.entry), ...plan.grant.map((g) => g.entry), ...plan.revoke.map((r) => r.entry)]);
  const changed: RosterEntry[] = [...touched].map((e) => ({
    ...e, enrollment: statusOf.get(e.enrollment.enrollmentId) ?? e.enrollment,
    granted: [...e.granted.map((g) => (revoked.has(g.certificationId) ? { ...g, state: 'revoked' as const } : g)), ...(grantedBy.get(e.enrollment.enrollmentId) ?? [])],
  }));
  const enrollments = read.enrollments.map((r) => statusOf.get(r.row.enrollmentId) ?? r.row);
  stageSession(env, read, { row: held, rowNumber: read.session.rowNumber }, changed, enrollments);
  for (const e of touched) invalidatePerson(env, e.email);
  // Statuses, unit pages and the dashboard count the new certifications: rebuild them soon.
  if (plan.grant.length || plan.revoke.length) env.ports.scheduleRebuild?.();
  const attended = plan.updates.filter((u) => u.after.status === 'attended').length;
  if (replayed) return saved(t('courses.admin.attendance.nothing'), true);
  return saved(t('courses.admin.attendance', { attended, noShow: plan.updates.length - attended, granted: plan.grant.length, revoked: plan.revoke.length }), true);
}

export const adminCourseHandlers: Handlers = {
  [COURSE_CALLS.saveCourse]: { kind: 'change', needs: () => [{ shard: 'cat' }], run: adminOnly(saveCourse) },
  [COURSE_CALLS.saveSession]: { kind: 'change', needs: adminSessionNeeds, run: adminOnly(saveSession) },
  [COURSE_CALLS.cancelSession]: { kind: 'change', needs: adminSessionNeeds, run: adminOnly(cancelSession) },
  [COURSE_CALLS.markAttendance]: { kind: 'change', needs: adminSessionNeeds, run: adminOnly(markAttendance) },
};
