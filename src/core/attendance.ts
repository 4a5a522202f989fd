// Attendance (pure): marking who came turns enrollments into attended/no-show and grants the course's competences as
// certifications; marking again changes nothing, and taking back an "attended" revokes what it granted.
import { addMonths } from './dates';
import type { Certification, Competence, Course, Enrollment, Session } from './records/tables';

/** The note that ties a certification to the session that granted it (read back by the rebuild). */
export function sessionNote(sessionId: string): string {
  return `session:${sessionId}`;
}
export function sessionOfNote(note: string | undefined): string | undefined {
  const m = /^session:(\S+)$/.exec(note ?? '');
  return m?.[1];
}

/** A certification the session granted, and where its row is. */
export interface Granted { certificationId: string; competenceId: string; rowNumber: number; state: Certification['state']; achievedOn: string }

/** The certification row as far as the roster knows it: enough to revoke it (the store checks key and state). */
export function grantedRow(g: Granted, employeeId: string, sessionId: string): Certification {
  return {
    certificationId: g.certificationId, employeeId, competenceId: g.competenceId, achievedOn: g.achievedOn, expiresOn: undefined,
    source: 'session', evidenceFileId: undefined, verifiedBy: undefined, state: g.state, note: sessionNote(sessionId),
  };
}

export interface MarkableEnrollment { enrollment: Enrollment; granted: readonly Granted[] }

export interface Mark { enrollmentId: string; attended: boolean }

export interface AttendancePlan<E extends MarkableEnrollment> {
  /** Enrollment rows to change (before/after). */
  updates: { entry: E; after: Enrollment }[];
  /** New certifications (expiresOn left empty: the status engine derives it from the competence's validity). */
  grant: { entry: E; cert: Certification }[];
  /** Certifications to revoke because the person is now marked as not having come. */
  revoke: { entry: E; granted: Granted }[];
  /** Marks that changed nothing (already so), and marks that cannot apply (waitlisted, cancelled, unknown). */
  unchanged: string[];
  skipped: { enrollmentId: string; reason: 'notOnList' | 'unknown' }[];
}

export type AttendanceRefusal = 'cancelled' | 'notStarted';

/** Attendance can be marked once the session has begun, unless it was cancelled. */
export function attendanceRefusal(session: Session, now: string): AttendanceRefusal | undefined {
  if (session.status === 'cancelled') return 'cancelled';
  if (Date.parse(session.startsAt) > Date.parse(now)) return 'notStarted';
  return undefined;
}

/** The expiry a new certification gets when nothing earlier extends it: the course day + the competence's validity. */
export function expiryFor(competence: Pick<Competence, 'validityMonths'> | undefined, achievedOn: string): string | undefined {
  return competence?.validityMonths ? addMonths(achievedOn, competence.validityMonths) : undefined;
}

/**
 * What marking attendance writes. Certifications are made for each competence the course grants that the session has
 * not already granted the person (so re-marking, or a status put back by hand, never duplicates one), dated the
 * session's day, source `session`, verified by the one who marks.
 */
export function planAttendance<E extends MarkableEnrollment>(
  input: {
    session: Session; course: Course; competences: ReadonlyMap<string, Competence>; entries: readonly E[]; marks: readonly Mark[];
    achievedOn: string; now: string; markedBy: string; newId: (prefix: string) => string;
  },
): AttendancePlan<E> {
  const plan: AttendancePlan<E> = { updates: [], grant: [], revoke: [], unchanged: [], skipped: [] };
  const byId = new Map(input.entries.map((e) => [e.enrollment.enrollmentId, e]));
  const seen = new Set<string>();
  const granting = (input.course.competenceIds ?? []).filter((id) => input.competences.has(id));
  for (const mark of input.marks) {
    if (seen.has(mark.enrollmentId)) continue;
    seen.add(mark.enrollmentId);
    const entry = byId.get(mark.enrollmentId);
    if (!entry) { plan.skipped.push({ enrollmentId: mark.enrollmentId, reason: 'unknown' }); continue; }
    const e = entry.enrollment;
    if (e.status !== 'enrolled' && e.status !== 'attended' && e.status !== 'no-show') {
      plan.skipped.push({ enrollmentId: mark.enrollmentId, reason: 'notOnList' });
      continue;
    }
    const status = mark.attended ? 'attended' : 'no-show';
    const live = entry.granted.filter((g) => g.state !== 'revoked');
    const changed = e.status !== status;
    if (changed) plan.updates.push({ entry, after: { ...e, status, changedAt: input.now } });
    if (mark.attended) {
      const have = new Set(live.map((g) => g.competenceId));
      for (const competenceId of granting) {
        if (have.has(competenceId)) continue;
        plan.grant.push({
          entry,
          cert: {
            certificationId: input.newId('cert'), employeeId: e.employeeId, competenceId, achievedOn: input.achievedOn, expiresOn: undefined,
            source: 'session', evidenceFileId: undefined, verifiedBy: input.markedBy, state: 'valid', note: sessionNote(input.session.sessionId),
          },
        });
      }
    } else {
      for (const g of live) plan.revoke.push({ entry, granted: g });
    }
    if (!changed && !plan.grant.some((g) => g.entry === entry) && !plan.revoke.some((r) => r.entry === entry)) plan.unchanged.push(mark.enrollmentId);
  }
  return plan;
}
