// Bench figures for issue 5 (`npm run bench`): what one sign-up costs as a 400-seat session fills up, and what marking
// attendance for all 400 costs — remote calls, cells moved, handler time — on the 15,000-employee records.
import { itemAt } from '../core/arrays';
import { COURSE_CALLS } from '../contract/course-admin';
import { guarded } from '../app/pipeline/handle';
import type { Handlers } from '../app/pipeline/handler';
import type { Ports } from '../app/ports';
import { sidebarEvent } from '../contract/sidebar';
import { readOne, type WorkbookPort } from '../store/ports';
import { ReadModel } from '../store/read-model';
import { rebuildReadModel } from '../store/rebuild';
import { ACTIONS } from '../contract/actions';
import { DEMO_PERSONAS } from '../demo';
import type { MovableClock } from '../adapters/memory/memory-services';
import { time } from './time';
import { parseTable } from '../store/table-parse';

export interface CourseBench {
  seats: number;
  firstSignUp: { byKind: Record<string, number>; cellsRead: number; cellsWritten: number; ms: number };
  lastSignUp: { byKind: Record<string, number>; cellsRead: number; cellsWritten: number; ms: number };
  enrolled: number;
  attendance: { byKind: Record<string, number>; cellsRead: number; cellsWritten: number; ms: number; message: string };
}

/** Employee e-mails from the records (active people only), for signing up. */
function activeEmails(workbook: WorkbookPort, n: number): string[] {
  // Read as the store reads (labels or keys): the status cell says "aktiv" in a provisioned spreadsheet.
  const emp = parseTable('Employees', readOne(workbook, { table: 'Employees' }));
  return emp.rows.filter((r) => r.row.status === 'active').slice(0, n).map((r) => r.row.email);
}

export function benchCourses(ports: Ports & { clock: MovableClock }, handlers: Handlers, seats = 400): CourseBench {
  const admin = DEMO_PERSONAS.admin;
  const sidebar = (name: string, payload: object) =>
    guarded(ports, handlers, sidebarEvent(name, JSON.stringify(payload)), { host: 'sidebar', action: name, userEmail: admin }).reply;
  const list = sidebar(COURSE_CALLS.list, {}) as { kind: string; data?: { courses: { courseId: string; competenceIds: string[]; active: boolean }[] } };
  const course = list.data?.courses.find((c) => c.active && c.competenceIds.length > 0);
  if (!course) throw new Error(`bench: no course to use (${JSON.stringify(list).slice(0, 200)})`);
  const start = new Date(ports.clock.now().getTime() + 14 * 86_400_000).toISOString().slice(0, 10);
  const saved = sidebar(COURSE_CALLS.saveSession, {
    isNew: true, courseId: course.courseId, startsAt: `${start}T09:00`, endsAt: `${start}T15:00`, capacity: seats, location: 'Bench-salen',
  }) as { kind: string; data?: { sessionId: string } };
  const sessionId = saved.data?.sessionId;
  if (!sessionId) throw new Error(`bench: session not saved: ${JSON.stringify(saved)}`);

  const signUp = (email: string) => {
    ports.meter.reset();
    const [, ms] = time(() => guarded(ports, handlers,
      { commonEventObject: { hostApp: 'GMAIL', parameters: { action: ACTIONS.signUp, sessionId } } }, { host: 'gmail', action: 'home', userEmail: email }));
    return { ...ports.meter.snapshot(), ms };
  };
  const people = activeEmails(ports.workbook, seats);
  const first = signUp(itemAt(people, 0));
  for (const email of people.slice(1, -1)) signUp(email);
  const last = signUp(itemAt(people, people.length - 1));

  const participants = sidebar(COURSE_CALLS.participants, { sessionId }) as { data?: { participants: { enrollmentId: string; status: string }[] } };
  const marks = (participants.data?.participants ?? []).filter((p) => p.status === 'enrolled').map((p, i) => ({ enrollmentId: p.enrollmentId, attended: i % 10 !== 0 }));
  ports.clock.set(`${start}T16:00:00Z`);
  // Two weeks on, the hourly rebuild has run many times; run it once so the views are current.
  rebuildReadModel(ports.workbook, new ReadModel(ports.cache, () => 'bench-att', ports.codec), { now: ports.clock.now().toISOString(), today: ports.clock.today(), generation: 'bench-att' });
  ports.meter.reset();
  const [reply, ms] = time(() => sidebar(COURSE_CALLS.markAttendance, { sessionId, marks }));
  const m = ports.meter.snapshot();
  const message = (reply as { data?: { message?: string }; text?: string }).data?.message ?? (reply as { text?: string }).text ?? '';
  return {
    seats, enrolled: marks.length,
    firstSignUp: { byKind: first.byKind, cellsRead: first.cellsRead, cellsWritten: first.cellsWritten, ms: first.ms },
    lastSignUp: { byKind: last.byKind, cellsRead: last.cellsRead, cellsWritten: last.cellsWritten, ms: last.ms },
    attendance: { byKind: m.byKind, cellsRead: m.cellsRead, cellsWritten: m.cellsWritten, ms, message },
  };
}

export function formatCourseBench(b: CourseBench, estimateMs: (byKind: Record<string, number>, cells: number) => number): string[] {
  const line = (label: string, x: { byKind: Record<string, number>; cellsRead: number; cellsWritten: number; ms: number }) =>
    `  ${label}: ${JSON.stringify(x.byKind)}, ${x.cellsRead} cells read, ${x.cellsWritten} written, handler ${x.ms.toFixed(1)} ms, est. ${Math.round(estimateMs(x.byKind, x.cellsRead))} ms on Apps Script`;
  return [
    `Courses: a ${b.seats}-seat session filling up, then attendance for everyone (issue 5)`,
    line('first sign-up', b.firstSignUp),
    line(`sign-up no. ${b.seats}`, b.lastSignUp),
    line(`attendance for ${b.enrolled}`, b.attendance),
    `  → ${b.attendance.message}`,
  ];
}
