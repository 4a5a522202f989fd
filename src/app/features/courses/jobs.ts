// The daily course job (issue 5): a reminder the day before each session to everyone on its list, and a message to anyone
// who got a seat from the waitlist without being told (a promotion found only after the roster) — each recorded in
// Notifications so it never goes twice; batched writes with a resumable cursor, like the re-certification reminders.
import { isoDateIn, addDays } from '../../../core/dates';
import { translator, type Locale } from '../../../core/i18n';
import type { Course, Employee, Enrollment, Notification, Session, TableName } from '../../../core/records/tables';
import { readAllTables, RESPONSE_BYTES, settingsOf } from '../../../store/rebuild';
import { notificationsSince } from '../../../store/notifications-since';
import { recordedSince } from '../../../store/notification-ledger';
import { ACTIONS } from '../../../contract/actions';
import { promotionChat, promotionMail, reminderChat, reminderMail, waitlistHeldChat, waitlistHeldMail, type MsgCtx } from '../../../ui/cards/course-messages';
import { jobHandler, type Handlers, type JobEnv } from '../../pipeline/handler';
import { factsOf, organizerOf } from './signup';
import { JobOutbox, type JobSummary } from '../../common/job-outbox';

const TABLES: TableName[] = ['Courses', 'Sessions', 'Enrollments', 'Employees', 'Settings'];

export function reminderKey(enrollmentId: string, startsAt: string): string {
  return `courseReminder:${enrollmentId}:${startsAt.slice(0, 10)}`;
}

interface Due { key: string; kind: 'reminder' | 'promotion' | 'waitlistHeld'; session: Session; enrollment: Enrollment; who: Employee }

export function waitlistHeldKey(enrollmentId: string): string {
  return `waitlistHeld:${enrollmentId}`;
}

/** How far back a held session's waitlist is still told (older history is never mailed, e.g. on the first run). */
const HELD_NOTICE_DAYS = 7;
/**
 * How far back the job looks: everything it may owe today was recorded (if at all) since then — a reminder today, a
 * waitlist notice after a session that ended in the last week, a promotion since its change time (promotions older
 * than this were the runs of those days' to announce). So only the Notifications rows since then are read.
 */
export const COURSE_JOB_LOOKBACK_DAYS = HELD_NOTICE_DAYS + 1;

/**
 * What the job owes today: reminders for sessions starting tomorrow, promotions nobody has been told of, and — once a
 * session has been held — a word to everyone still on its waitlist that no seat came free (never to someone who left).
 */
export function dueCourseMessages(input: {
  sessions: readonly Session[]; enrollments: readonly Enrollment[]; employees: ReadonlyMap<string, Employee>; sent: ReadonlySet<string>;
  now: string; today: string; timeZone: string;
  /** `sent` holds what was recorded since this instant: a promotion changed before it is not looked at. */
  since?: string;
}): Due[] {
  const tomorrow = addDays(input.today, 1);
  const byId = new Map(input.sessions.map((s) => [s.sessionId, s]));
  const out: Due[] = [];
  const heldSince = `${addDays(input.today, -HELD_NOTICE_DAYS)}T00:00:00Z`;
  for (const e of input.enrollments) {
    if (e.status === 'waitlisted') {
      const session = byId.get(e.sessionId);
      const who = input.employees.get(e.employeeId);
      const held = session && session.status !== 'cancelled' && session.endsAt <= input.now && session.endsAt >= heldSince;
      if (held && who && who.status !== 'left' && !input.sent.has(waitlistHeldKey(e.enrollmentId))) {
        out.push({ key: waitlistHeldKey(e.enrollmentId), kind: 'waitlistHeld', session, enrollment: e, who });
      }
      continue;
    }
    if (e.status !== 'enrolled') continue;
    const session = byId.get(e.sessionId);
    const who = input.employees.get(e.employeeId);
    if (!session || !who || who.status === 'left' || session.status === 'cancelled' || session.startsAt <= input.now) continue;
    // A seat given from the waitlist has a change time; one the sign-up or promotion already announced has a Notifications row.
    const promoted = e.changedAt !== undefined && (input.since === undefined || e.changedAt >= input.since)
      && !input.sent.has(`promotion:${e.enrollmentId}`) && !input.sent.has(`enroll:${e.enrollmentId}`);
    if (promoted) out.push({ key: `promotion:${e.enrollmentId}`, kind: 'promotion', session, enrollment: e, who });
    const key = reminderKey(e.enrollmentId, session.startsAt);
    if (isoDateIn(new Date(session.startsAt), input.timeZone) === tomorrow && !input.sent.has(key)) {
      out.push({ key, kind: 'reminder', session, enrollment: e, who });
    }
  }
  return out.sort((a, b) => a.enrollment.enrollmentId.localeCompare(b.enrollment.enrollmentId) || a.kind.localeCompare(b.kind));
}

/**
 * The job's ledger (notification-ledger.ts): its reminders and waitlist notices per day — rows only this job writes (a
 * promotion's row may come from a sign-up's change too, so promotions are not counted).
 */
const COURSE_LEDGER = { key: 'courseJobSent', counts: (n: Notification) => /^(courseReminder|waitlistHeld):/.test(n.subjectKey) };

function runCourseJob(env: JobEnv): JobSummary {
  // Notifications by header only in the first read (where the tab ends); then only its rows since the look-back.
  const snap = readAllTables(env.ports.workbook, TABLES, RESPONSE_BYTES, ['Notifications']);
  const since = `${addDays(env.today, -COURSE_JOB_LOOKBACK_DAYS)}T00:00:00Z`;
  const settings = settingsOf(snap);
  // What this job recorded since then, by its ledger: a row of it moved up the tab by hand is found wherever it went.
  const recent = notificationsSince(env.ports.workbook, snap.Notifications?.lastRow ?? 1, since,
    { expected: recordedSince(settings[COURSE_LEDGER.key], since), counts: COURSE_LEDGER.counts }).rows;
  const num = (key: string, fallback: number) => (Number.isFinite(Number(settings[key])) && settings[key] !== undefined ? Number(settings[key]) : fallback);
  const courses = new Map((snap.Courses?.rows ?? []).map((r) => [r.row.courseId, r.row as Course]));
  const due = dueCourseMessages({
    sessions: (snap.Sessions?.rows ?? []).map((r) => r.row), enrollments: (snap.Enrollments?.rows ?? []).map((r) => r.row),
    employees: new Map((snap.Employees?.rows ?? []).map((r) => [r.row.employeeId, r.row])),
    sent: new Set(recent.map((n) => n.row.subjectKey)), since, now: env.now, today: env.today, timeZone: env.ports.clock.timeZone,
  });
  const outbox = new JobOutbox(env, snap, 'courseJobCursor', num('reminderTimeBudgetSeconds', 240) * 1000, num('reminderMailReserve', 100), COURSE_LEDGER);
  const cursor = outbox.summary.cursor;
  // Resume after the cursor, then the rest (a stopped run's leftovers come first the next day).
  const ordered = cursor ? [...due.filter((d) => d.key > cursor), ...due.filter((d) => d.key <= cursor)] : due;
  let last = cursor;
  for (const d of ordered) {
    if (outbox.outOfTime()) { outbox.summary.stopped = true; break; }
    last = d.key;
    const locale: Locale = d.who.locale ?? 'nb';
    const course = courses.get(d.session.courseId);
    const ctx: MsgCtx = { t: translator(locale), locale, timeZone: env.ports.clock.timeZone, now: env.now, organizer: organizerOf(env, course) };
    const facts = factsOf(d.session, course);
    const to = { email: d.who.email, name: d.who.name };
    const [chat, mail] = d.kind === 'reminder' ? [reminderChat, reminderMail] : d.kind === 'promotion' ? [promotionChat, promotionMail] : [waitlistHeldChat, waitlistHeldMail];
    const channel = outbox.send(d.who.email, () => chat(facts, ctx), () => mail(facts, to, ctx), d.key.replace(/[^A-Za-z0-9-]/g, '-'));
    if (!channel) continue;
    outbox.record(d.kind === 'waitlistHeld' ? 'reminder' : d.kind, d.who.email, [d.key], channel);
    if (outbox.due() && !outbox.flush(d.key)) return outbox.summary;
  }
  outbox.flush(outbox.summary.stopped ? last : '');
  return outbox.summary;
}

export const courseJobHandlers: Handlers = {
  // A job: the script lock per batch only.
  [ACTIONS.jobCourseReminders]: jobHandler(runCourseJob, { needs: () => [{ shard: 'cat' }] }),
};

export { runCourseJob };
