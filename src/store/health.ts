// The data-health report: rows that could not be read, and references to things that do not exist.
import { areaOfRow, sheetRow } from './shards';
import { TABLE_NAMES, type TableName } from '../core/records/tables';
import type { Snapshot } from './records';
import type { HealthIssue, HealthReport } from '../contract/views';
import { duplicateRecords, orphanedThreads, unitCycles } from './health-integrity';

export type { HealthReport };

/** field → the table whose key it refers to (lists are checked element by element). */
const REFERENCES: { table: TableName; field: string; to: TableName }[] = [
  { table: 'Units', field: 'parentUnitId', to: 'Units' },
  { table: 'Employees', field: 'unitId', to: 'Units' },
  { table: 'Employees', field: 'roleIds', to: 'Roles' },
  { table: 'Requirements', field: 'roleId', to: 'Roles' },
  { table: 'Requirements', field: 'competenceId', to: 'Competences' },
  { table: 'Certifications', field: 'employeeId', to: 'Employees' },
  { table: 'Certifications', field: 'competenceId', to: 'Competences' },
  { table: 'Courses', field: 'competenceIds', to: 'Competences' },
  { table: 'Courses', field: 'targetRoleIds', to: 'Roles' },
  { table: 'Sessions', field: 'courseId', to: 'Courses' },
  { table: 'Enrollments', field: 'sessionId', to: 'Sessions' },
  { table: 'Enrollments', field: 'employeeId', to: 'Employees' },
  { table: 'PlanItems', field: 'employeeId', to: 'Employees' },
  { table: 'PlanItems', field: 'competenceId', to: 'Competences' },
  { table: 'PlanItems', field: 'courseId', to: 'Courses' },
  { table: 'Appraisals', field: 'employeeId', to: 'Employees' },
  { table: 'SkillAssessments', field: 'employeeId', to: 'Employees' },
  { table: 'Guides', field: 'unitIds', to: 'Units' },
];

const KEY_FIELD: Partial<Record<TableName, string>> = {
  Units: 'unitId', Employees: 'employeeId', Roles: 'roleId', Competences: 'competenceId', Courses: 'courseId', Sessions: 'sessionId',
};

export const HEALTH_CAP = 400;

export function referenceIssues(snap: Snapshot): HealthIssue[] {
  const keys = new Map<TableName, Set<string>>();
  for (const [table, field] of Object.entries(KEY_FIELD) as [TableName, string][]) {
    const t = snap[table];
    if (t?.usable) keys.set(table, new Set(t.rows.map((r) => String((r.row as Record<string, unknown>)[field]))));
  }
  const issues: HealthIssue[] = [];
  for (const ref of REFERENCES) {
    const known = keys.get(ref.to);
    const t = snap[ref.table];
    if (!known || !t?.usable) continue;
    for (const { row, rowNumber } of t.rows) {
      const v = (row as Record<string, unknown>)[ref.field];
      const values = Array.isArray(v) ? v : v === undefined ? [] : [v];
      for (const x of values) {
        if (!known.has(String(x))) issues.push({ table: ref.table, rowNumber, field: ref.field, reason: 'unknown_reference', value: String(x) });
      }
    }
  }
  return issues;
}

/** Outbox rows given up after too many attempts, or still waiting after an hour (is the outbox trigger installed?). */
export function outboxIssues(snap: Snapshot, checkedAt: string): HealthIssue[] {
  const t = snap.Outbox;
  if (!t?.usable) return [];
  const hourAgo = new Date(Date.parse(checkedAt) - 3_600_000).toISOString();
  return t.rows.flatMap((r) => {
    if (r.row.status === 'failed') return [{ table: 'Outbox', rowNumber: r.rowNumber, field: 'status', reason: 'outbox_failed', value: r.row.lastError ?? r.row.subjectKey }];
    if (r.row.status === 'pending' && r.row.createdAt < hourAgo) return [{ table: 'Outbox', rowNumber: r.rowNumber, field: 'status', reason: 'outbox_waiting', value: r.row.subjectKey }];
    return [];
  });
}

export function healthReport(snap: Snapshot, checkedAt: string): HealthReport {
  const all: HealthIssue[] = [];
  let rowsRead = 0;
  for (const name of TABLE_NAMES) {
    const t = snap[name];
    if (!t) continue;
    all.push(...t.issues);
    rowsRead += t.rows.length;
  }
  all.push(...referenceIssues(snap), ...duplicateRecords(snap), ...unitCycles(snap), ...orphanedThreads(snap, checkedAt), ...outboxIssues(snap, checkedAt));
  const order = new Map(TABLE_NAMES.map((n, i) => [n as string, i]));
  all.sort((a, b) => (order.get(a.table) ?? 99) - (order.get(b.table) ?? 99) || (a.rowNumber ?? 0) - (b.rowNumber ?? 0));
  // A person shard's row as HR finds it: in that spreadsheet, at its own row number.
  const shown = all.slice(0, HEALTH_CAP).map((i) => (i.rowNumber !== undefined && areaOfRow(i.rowNumber) > 0
    ? { ...i, shard: areaOfRow(i.rowNumber), rowNumber: sheetRow(i.rowNumber) } : i));
  return { checkedAt, total: all.length, issues: shown, rowsRead };
}
