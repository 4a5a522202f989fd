// The admin console's course calls (issue 5): payload schemas checked at the edge with zod, and the data they return.
// Same transport as sidebar.ts: google.script.run.sidebarCall(name, payloadJson) → `{kind:'data'|'notify'}`.
import * as z from 'zod/mini';
import { describeIssues } from './schema-issues';
import { ACTIONS } from './actions';
import type { Request } from './request';

export const COURSE_CALLS = {
  list: ACTIONS.courseAdminList,
  saveCourse: ACTIONS.courseSave,
  saveSession: ACTIONS.sessionSave,
  cancelSession: ACTIONS.sessionCancel,
  participants: ACTIONS.sessionParticipants,
  markAttendance: ACTIONS.attendanceMark,
  export: ACTIONS.participantsExport,
} as const;

const text = (max = 500, min = 0) => z.string().check(z.maxLength(max), z.minLength(min));
const optText = (max = 500) => z.optional(z.string().check(z.maxLength(max)));
/** A number typed in a form may arrive as text; empty means "none". */
const optNumber = z.pipe(z.optional(z.union([z.number(), z.string().check(z.maxLength(20))])),
  z.transform((v: number | string | undefined) => (v === undefined || v === '' ? undefined : Number(v))));
const base = { locale: optText(20) };
const ids = z.array(text(100)).check(z.maxLength(50));

export const COURSE_SCHEMAS = {
  [COURSE_CALLS.list]: z.object(base),
  [COURSE_CALLS.saveCourse]: z.object({
    ...base, isNew: z.boolean(), courseId: text(100), title: text(200), format: text(40), hours: optNumber,
    description: optText(2000), competenceIds: ids, targetRoleIds: ids, ownerEmail: optText(254), active: z.boolean(),
  }),
  [COURSE_CALLS.saveSession]: z.object({
    ...base, isNew: z.boolean(), sessionId: optText(100), courseId: text(100),
    /** Wall-clock times in the municipality's time zone (`YYYY-MM-DDTHH:mm`, as a datetime-local input gives them). */
    startsAt: text(40), endsAt: text(40), location: optText(500), capacity: optNumber, instructorEmail: optText(254),
    signupDeadline: optText(20), status: z.optional(z.enum(['open', 'closed'])),
  }),
  [COURSE_CALLS.cancelSession]: z.object({ ...base, sessionId: text(100), reason: optText(500) }),
  [COURSE_CALLS.participants]: z.object({ ...base, sessionId: text(100) }),
  [COURSE_CALLS.markAttendance]: z.object({
    ...base, sessionId: text(100), marks: z.array(z.object({ enrollmentId: text(100), attended: z.boolean() })).check(z.minLength(1), z.maxLength(1000)),
  }),
  [COURSE_CALLS.export]: z.object({ ...base, sessionId: text(100) }),
} as const;

export type CourseCall = keyof typeof COURSE_SCHEMAS;
export type CoursePayload<C extends CourseCall> = z.infer<(typeof COURSE_SCHEMAS)[C]>;

export function coursePayload<C extends CourseCall>(req: Pick<Request, 'payload'>, call: C):
  { ok: true; value: CoursePayload<C> } | { ok: false; detail: string } {
  const parsed = COURSE_SCHEMAS[call].safeParse(req.payload ?? {});
  if (parsed.success) return { ok: true, value: parsed.data as CoursePayload<C> };
  return { ok: false, detail: describeIssues(parsed.error.issues) };
}

// ---- Data the calls return.

export interface CourseAdminSession {
  sessionId: string; courseId: string; startsAt: string; endsAt: string;
  /** The same times as wall-clock time in the municipality's zone, for the edit form. */
  startsLocal: string; endsLocal: string;
  location?: string; capacity: number; instructorEmail?: string; signupDeadline?: string; status: string;
  enrolled: number; waitlisted: number;
}
export interface CourseAdminData {
  timeZone: string;
  courses: { courseId: string; title: string; format: string; hours?: number; description?: string; competenceIds: string[]; targetRoleIds: string[]; ownerEmail?: string; ownerName?: string; active: boolean }[];
  sessions: CourseAdminSession[];
  competences: { competenceId: string; name: string }[];
  roles: { roleId: string; name: string }[];
  formats: string[];
}
export interface ParticipantData {
  enrollmentId: string; name: string; email: string; unitId: string; status: string; statusLabel: string; signedUpAt: string;
  position?: number; granted: number;
}
export interface ParticipantsData {
  sessionId: string; courseTitle: string; when: string; capacity: number; status: string;
  /** Attendance can be marked (the session has begun and is not cancelled). */
  canMark: boolean;
  participants: ParticipantData[];
  /** Rows found in the records after the last rebuild, shown with their employee id until the next one. */
  pendingNames: boolean;
}
export interface CsvData { csv: string; fileName: string }
