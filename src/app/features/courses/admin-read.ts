// The admin console's course pages (issue 5): the catalogue with its sessions, a session's participants and waitlist
// (read from the records, so HR sees sign-ups made a second ago), and the participant list as CSV.
import { wallTimeIn } from '../../../core/dates';
import { waitlistOf } from '../../../core/enrollment';
import { attendanceRefusal } from '../../../core/attendance';
import { COURSE_FORMAT, type Enrollment } from '../../../core/records/tables';
import { rosterKey, type Roster } from '../../../store/course-rosters';
import { whenText } from '../../../ui/cards/course-cards';
import type { Env, Handlers } from '../../pipeline/handler';
import type { Reply, Request } from '../../../contract/request';
import {
  COURSE_CALLS, coursePayload, type CourseAdminData, type CourseCall, type CoursePayload, type CsvData, type ParticipantData, type ParticipantsData,
} from '../../../contract/course-admin';
import { adminOnly, csvTime, data, notify, sidebarLocale, sidebarT, toCsv } from '../admin/shared';
import { courseOf, idParam, seatOf } from './shared';
import { readSession } from '../../../store/session-read';
import { preparing } from '../../common/person-context';

export type CourseParsed<C extends CourseCall> = { ok: true; value: CoursePayload<C> } | { ok: false; reply: Reply };

export function parseCourse<C extends CourseCall>(env: Env, call: C): CourseParsed<C> {
  const p = coursePayload(env.req, call);
  return p.ok ? p : { ok: false, reply: notify(sidebarT(env)('error.invalid', { detail: p.detail })) };
}

function list(env: Env): Reply {
  const p = parseCourse(env, COURSE_CALLS.list);
  if (!p.ok) return p.reply;
  const cat = env.views.cat();
  const tz = env.ports.clock.timeZone;
  const out: CourseAdminData = {
    timeZone: tz,
    courses: [...cat.courses].sort((a, b) => Number(b.active) - Number(a.active) || a.title.localeCompare(b.title, 'nb')).map((c) => ({
      courseId: c.courseId, title: c.title, format: c.format, hours: c.hours, description: c.description, competenceIds: c.competenceIds ?? [],
      targetRoleIds: c.targetRoleIds ?? [], ownerEmail: c.ownerEmail,
      ...(c.ownerEmail && env.views.dir.names?.[c.ownerEmail] ? { ownerName: env.views.dir.names[c.ownerEmail] } : {}), active: c.active,
    })),
    sessions: [...env.views.ses().sessions].sort((a, b) => a.session.startsAt.localeCompare(b.session.startsAt)).map((s) => ({
      sessionId: s.session.sessionId, courseId: s.session.courseId, startsAt: s.session.startsAt, endsAt: s.session.endsAt,
      startsLocal: wallTimeIn(new Date(s.session.startsAt), tz), endsLocal: wallTimeIn(new Date(s.session.endsAt), tz),
      location: s.session.location, capacity: s.session.capacity, instructorEmail: s.session.instructorEmail,
      signupDeadline: s.session.signupDeadline, status: s.session.status, enrolled: s.enrolled, waitlisted: s.waitlisted,
    })),
    competences: cat.competences.map((c) => ({ competenceId: c.competenceId, name: c.name })).sort((a, b) => a.name.localeCompare(b.name, 'nb')),
    roles: cat.roles.map((r) => ({ roleId: r.roleId, name: r.name })).sort((a, b) => a.name.localeCompare(b.name, 'nb')),
    formats: [...COURSE_FORMAT],
  };
  return data(out);
}

/** The session's participants as the records have them now, in list order: seated first, then the waitlist in order. */
export function participantsOf(env: Env, sessionId: string): { ok: true; value: ParticipantsData } | { ok: false; reply: Reply } {
  const t = sidebarT(env);
  const seat = seatOf(env, sessionId);
  if (!seat) return { ok: false, reply: notify(t('error.invalid', { detail: t('courses.admin.invalid.unknownSession', { id: sessionId || '–' }) })) };
  const roster = env.views.view<Roster>(rosterKey(sessionId));
  if (!roster) return { ok: false, reply: preparing(env) };
  const read = readSession(env.read, seat, roster);
  const session = read.session?.row ?? seat.session;
  const byId = new Map(read.roster.entries.map((e) => [e.enrollment.enrollmentId, e]));
  const rows: Enrollment[] = read.enrollments.map((r) => r.row);
  const waiting = waitlistOf(rows).map((e) => e.enrollmentId);
  const order = (e: Enrollment) => (e.status === 'waitlisted' ? 1 : e.status === 'cancelled' ? 2 : 0);
  const participants: ParticipantData[] = [...rows]
    .sort((a, b) => order(a) - order(b) || (a.status === 'waitlisted' ? waiting.indexOf(a.enrollmentId) - waiting.indexOf(b.enrollmentId)
      : (byId.get(a.enrollmentId)?.name ?? '').localeCompare(byId.get(b.enrollmentId)?.name ?? '', 'nb')))
    .map((e) => {
      const who = byId.get(e.enrollmentId);
      const position = e.status === 'waitlisted' ? waiting.indexOf(e.enrollmentId) + 1 : undefined;
      return {
        enrollmentId: e.enrollmentId, name: who?.name || e.employeeId, email: who?.email ?? '', unitId: who?.unitId ?? '', status: e.status,
        statusLabel: t(`courses.status.${e.status}`), signedUpAt: e.signedUpAt, ...(position ? { position } : {}),
        granted: (who?.granted ?? []).filter((g) => g.state !== 'revoked').length,
      };
    });
  const course = courseOf(env, session.courseId);
  return {
    ok: true,
    value: {
      sessionId, courseTitle: course?.title ?? session.courseId, capacity: session.capacity, status: session.status,
      when: whenText(session, { t, locale: sidebarLocale(env), timeZone: env.ports.clock.timeZone }),
      canMark: attendanceRefusal(session, env.now) === undefined, participants, pendingNames: participants.some((p) => !p.email),
    },
  };
}

function participants(env: Env): Reply {
  const p = parseCourse(env, COURSE_CALLS.participants);
  if (!p.ok) return p.reply;
  const r = participantsOf(env, idParam(p.value.sessionId));
  return r.ok ? data(r.value) : r.reply;
}

function exportCsv(env: Env): Reply {
  const p = parseCourse(env, COURSE_CALLS.export);
  if (!p.ok) return p.reply;
  const r = participantsOf(env, idParam(p.value.sessionId));
  if (!r.ok) return r.reply;
  const t = sidebarT(env);
  const v = r.value;
  const header = t('courses.admin.csvHeader').split(',');
  const unitNames = new Map(env.views.dir.units.map((u) => [u.unitId, u.name]));
  // The unit's name beside its id, and the sign-up time on the municipality's clock (the records keep UTC).
  const lines = v.participants.filter((x) => x.status !== 'cancelled')
    .map((x) => [x.name, x.email, x.unitId, unitNames.get(x.unitId) ?? '', x.statusLabel, csvTime(x.signedUpAt, env.ports.clock.timeZone), x.position ? String(x.position) : '']);
  const seat = seatOf(env, v.sessionId)!;
  const fileName = t('courses.admin.fileName', { course: v.courseTitle.replace(/[^\p{L}\p{N}]+/gu, '-').slice(0, 60), date: seat.session.startsAt.slice(0, 10) });
  return data({ csv: toCsv([header, ...lines]), fileName } satisfies CsvData);
}

/** The session id a call names, for its needs (the roster view); nothing when the payload is not valid. */
export function sessionIdOf(req: Request): string {
  const id = (req.payload as { sessionId?: unknown } | undefined)?.sessionId;
  return typeof id === 'string' ? idParam(id) : '';
}

export function adminSessionNeeds(req: Request) {
  const id = sessionIdOf(req);
  return [{ shard: 'cat' as const }, { shard: 'ses' as const }, ...(id ? [{ view: rosterKey(id) }] : [])];
}

export const courseAdminListHandlers: Handlers = {
  [COURSE_CALLS.list]: { kind: 'read', needs: () => [{ shard: 'cat' }, { shard: 'ses' }], run: adminOnly(list) },
  [COURSE_CALLS.participants]: { kind: 'read', needs: adminSessionNeeds, run: adminOnly(participants) },
  [COURSE_CALLS.export]: { kind: 'read', needs: adminSessionNeeds, run: adminOnly(exportCsv) },
};
