// Data health beyond single rows: the same record twice, units that are their own ancestors, forum threads that are orphaned.
import type { Enrollment, Notification, Question, Unit } from '../core/records/tables';
import { unitsInCycles } from '../core/access';
import type { Snapshot } from './records';
import type { HealthIssue, Located } from './table-parse';

/** Rows that say the same thing twice: a second active sign-up for one session, a notification sent twice. */
export function duplicateRecords(snap: Snapshot): HealthIssue[] {
  const issues: HealthIssue[] = [];
  const twice = <T>(table: string, field: string, rows: Located<T>[], keyOf: (r: T) => string | undefined) => {
    const first = new Map<string, number>();
    for (const { row, rowNumber } of rows) {
      const k = keyOf(row);
      if (k === undefined) continue;
      const seen = first.get(k);
      if (seen === undefined) first.set(k, rowNumber);
      else issues.push({ table, rowNumber, field, reason: 'duplicate_record', value: `${k} (row ${seen})` });
    }
  };
  const enrollments = snap.Enrollments?.usable ? (snap.Enrollments.rows as Located<Enrollment>[]) : [];
  twice('Enrollments', 'sessionId+employeeId', enrollments,
    (e) => (e.status === 'enrolled' || e.status === 'waitlisted' ? `${e.sessionId}+${e.employeeId}` : undefined));
  const notes = snap.Notifications?.usable ? (snap.Notifications.rows as Located<Notification>[]) : [];
  twice('Notifications', 'recipientEmail+subjectKey', notes, (n) => `${n.recipientEmail}+${n.subjectKey}`);
  const questions = snap.Questions?.usable ? (snap.Questions.rows as Located<Question>[]) : [];
  twice('Questions', 'threadName', questions, (q) => q.threadName || undefined);
  return issues;
}

/** Units whose parent chain comes back to themselves (core's one definition; the access rules ignore those links). */
export function unitCycles(snap: Snapshot): HealthIssue[] {
  if (!snap.Units?.usable) return [];
  const rows = snap.Units.rows as Located<Unit>[];
  const onCycle = unitsInCycles(rows.map((r) => r.row));
  return rows.filter((r) => onCycle.has(r.row.unitId))
    .map((r) => ({ table: 'Units', rowNumber: r.rowNumber, field: 'parentUnitId', reason: 'unit_cycle', value: r.row.parentUnitId }));
}

/**
 * Questions cut off from the guides' space: open or claimed for more than `afterHours` with no thread (the post never
 * happened or its name was never recorded). Reported on the question's status, in words HR can act on (not the technical
 * thread column). A thread two questions claim is reported by duplicateRecords.
 */
export function orphanedThreads(snap: Snapshot, now: string, afterHours = 1): HealthIssue[] {
  if (!snap.Questions?.usable) return [];
  const limit = Date.parse(now) - afterHours * 3_600_000;
  return (snap.Questions.rows as Located<Question>[])
    .filter((q) => (q.row.status === 'open' || q.row.status === 'claimed' || q.row.status === 'reopened') && !q.row.messageName && Date.parse(q.row.askedAt) < limit)
    .map((q) => ({ table: 'Questions', rowNumber: q.rowNumber, field: 'status', reason: 'no_thread', value: q.row.questionId }));
}
