// Rebuilds the read model from the records (time-driven job, admin "refresh now"), and the bounded fallback for one person.
import { normaliseEmail } from '../core/records/cells';
import { TABLE_NAMES, type Employee, type TableName } from '../core/records/tables';
import type { Snapshot } from './records';
import type { ReadRequest, ReadResult, WorkbookPort } from './ports';
import { healthReport, type HealthReport } from './health';
import {
  bucketOf, buildPersonViews, INDEX_BUCKETS, personRowsOf, PERSON_TABLES, type CatalogueView, type DirectoryView, type FaqView,
  type Meta, type PersonRows, type PersonView, type ReadModel, type SessionsView,
} from './read-model';
import { parseTable, type Located } from './table-parse';
import { unitViewEntries } from './unit-views';
import { appraisalViewEntries } from './appraisal-views';
import { FORUM_VIEW_KEY, forumViewOf } from './forum-view';
import { lastDataRow, rosterViewEntries } from './course-rosters';
import { waitlistsOf } from '../core/enrollment';

function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c < 0xdc00 ? (i++, 4) : 3;
  }
  return n;
}

/** Rows per read call; one call's answer stays far below UrlFetch's 50 MB response limit. */
export const SLICE_ROWS = 20_000;
/** Cache entries per putAll. */
const PUT_BATCH = 400;

/** Reads every table whole, in as few calls as fit SLICE_ROWS rows each, and merges the slices before parsing. */
export function readAllTables(workbook: WorkbookPort, tables: readonly TableName[] = TABLE_NAMES): Snapshot {
  const first = workbook.read(tables.map((t) => ({ table: t, ranges: [{ from: 2, to: SLICE_ROWS + 1 }] })));
  const merged = new Map<string, ReadResult>(first.map((r) => [r.table, { ...r, rows: [...r.rows] }]));
  let pending: ReadRequest[] = [];
  let budget = SLICE_ROWS;
  const flush = () => {
    if (pending.length === 0) return;
    for (const r of workbook.read(pending)) merged.get(r.table)!.rows.push(...r.rows);
    pending = [];
    budget = SLICE_ROWS;
  };
  for (const r of first) {
    for (let from = SLICE_ROWS + 2; from <= r.lastRow; ) {
      const take = Math.min(budget, r.lastRow - from + 1);
      pending.push({ table: r.table, ranges: [{ from, to: from + take - 1 }] });
      from += take;
      budget -= take;
      if (budget === 0) flush();
    }
  }
  flush();
  const snap: Snapshot = {};
  for (const t of tables) (snap as Record<string, unknown>)[t] = parseTable(t, merged.get(t)!);
  return snap;
}

function rows<T extends TableName>(snap: Snapshot, t: T) {
  return snap[t]?.rows ?? [];
}

export function settingsOf(snap: Snapshot): Record<string, string> {
  const out: Record<string, string> = {};
  for (const { row } of rows(snap, 'Settings')) if (row.value !== undefined) out[row.key] = row.value;
  return out;
}

export function adminEmailsOf(settings: Record<string, string>): string[] {
  return (settings.adminEmails ?? '').split(/[,;\s]+/).filter(Boolean).map(normaliseEmail);
}

export function directoryOf(snap: Snapshot): DirectoryView {
  const settings = settingsOf(snap);
  const units = rows(snap, 'Units').map((r) => r.row);
  const guides = rows(snap, 'Guides').map((r) => r.row);
  return { units, guides, adminEmails: adminEmailsOf(settings), settings };
}

export function catalogueOf(snap: Snapshot): CatalogueView {
  return {
    roles: rows(snap, 'Roles').map((r) => r.row),
    competences: rows(snap, 'Competences').map((r) => r.row),
    requirements: rows(snap, 'Requirements').map((r) => r.row),
    courses: rows(snap, 'Courses').map((r) => r.row),
  };
}

/** Sessions not yet over by more than 30 days (attendance is marked after the day), with seat counts. */
export function sessionsOf(snap: Snapshot, today: string): SessionsView {
  const counts = new Map<string, { enrolled: number; waitlisted: number }>();
  for (const { row } of rows(snap, 'Enrollments')) {
    const c = counts.get(row.sessionId) ?? { enrolled: 0, waitlisted: 0 };
    if (row.status === 'enrolled' || row.status === 'attended' || row.status === 'no-show') c.enrolled++;
    if (row.status === 'waitlisted') c.waitlisted++;
    counts.set(row.sessionId, c);
  }
  const cutoff = new Date(Date.parse(`${today}T00:00:00Z`) - 30 * 86_400_000).toISOString();
  const waitlists = waitlistsOf(rows(snap, 'Enrollments').map((r) => r.row));
  return {
    sessions: rows(snap, 'Sessions').filter((s) => s.row.endsAt >= cutoff).map((s) => ({
      rowNumber: s.rowNumber, session: s.row, ...(counts.get(s.row.sessionId) ?? { enrolled: 0, waitlisted: 0 }),
      ...(waitlists.has(s.row.sessionId) ? { waitlist: waitlists.get(s.row.sessionId) } : {}),
    })),
    enrollmentsLastRow: lastDataRow(rows(snap, 'Enrollments')),
  };
}

export function faqOf(snap: Snapshot): FaqView {
  return { entries: rows(snap, 'Faq') };
}

export interface RebuildResult {
  meta: Meta; health: HealthReport; personViews: number;
  /** Values staged, the cache entries (chunks) they took, and the largest entry in UTF-8 bytes (CacheService: 100 KB). */
  values: number; cacheEntries: number; largestEntryBytes: number;
}

/** Rebuilds every view from the records: a few reads (slices), then putAll in batches. */
export function rebuildReadModel(workbook: WorkbookPort, rm: ReadModel, opts: { now: string; today: string; generation: string }): RebuildResult {
  const snap = readAllTables(workbook);
  const health = healthReport(snap, opts.now);
  const persons = buildPersonViews(rows(snap, 'Employees') as Located<Employee>[], {
    Certifications: rows(snap, 'Certifications'), Enrollments: rows(snap, 'Enrollments'), PlanItems: rows(snap, 'PlanItems'),
    SkillAssessments: rows(snap, 'SkillAssessments'), Appraisals: rows(snap, 'Appraisals'), Questions: rows(snap, 'Questions'),
  });
  const meta: Meta = {
    generation: opts.generation, builtAt: opts.now, employees: persons.size,
    lastRow: Object.fromEntries(TABLE_NAMES.map((t) => [t, snap[t]?.lastRow ?? 0])),
  };
  const index: Record<string, PersonRows>[] = Array.from({ length: INDEX_BUCKETS }, () => ({}));
  for (const [email, view] of persons) index[bucketOf(email)][email] = personRowsOf(view);

  let values = 0;
  let entries = 0;
  let largest = 0;
  let batch = 0;
  const stage = (key: string, value: unknown) => {
    const chunks = rm.stage(key, value);
    for (const c of chunks) largest = Math.max(largest, utf8Length(c));
    values++;
    entries += chunks.length;
    batch += chunks.length;
    if (batch >= PUT_BATCH) { rm.flush(); batch = 0; }
  };
  for (const view of persons.values()) stage(`p:${view.employee.row.email}`, view);
  index.forEach((bucket, i) => stage(`ix:${i}`, bucket));
  const sessions = sessionsOf(snap, opts.today);
  for (const [key, value] of rosterViewEntries(snap, sessions.sessions.map((s) => s.session.sessionId), opts.now)) stage(key, value);
  stage('faq', faqOf(snap));
  stage(FORUM_VIEW_KEY, forumViewOf(snap, opts.now));
  for (const [key, value] of unitViewEntries(snap, persons, opts)) stage(key, value);
  for (const [key, value] of appraisalViewEntries(snap, persons, opts)) stage(key, value);
  // The shared shards last: written last, they expire last, so a cache trimmed past 1,000 items keeps them longest.
  stage('dir', directoryOf(snap));
  stage('cat', catalogueOf(snap));
  stage('ses', sessions);
  stage('health', health);
  stage('meta', meta);
  rm.flush();
  return { meta, health, personViews: persons.size, values, cacheEntries: entries, largestEntryBytes: largest };
}

/**
 * A person's view when it is missing from the cache: one read of exactly their rows (from the index). When the
 * index is gone, or points at rows that now belong to someone else (rows moved by hand), the tables that hold
 * person data are read whole instead (the cold case, repaired by the next rebuild).
 */
export function loadPersonFromRecords(workbook: WorkbookPort, email: string, where: PersonRows | undefined): PersonView | undefined {
  const target = normaliseEmail(email);
  const requests: ReadRequest[] = where
    ? [{ table: 'Employees', ranges: [{ from: where.employeeRow, to: where.employeeRow }] },
      ...PERSON_TABLES.map((t) => ({ table: t, ranges: (where.rows[t] ?? []).map((n) => ({ from: n, to: n })) }))]
    : [{ table: 'Employees' }, ...PERSON_TABLES.map((t) => ({ table: t }))];
  const results = workbook.read(requests);
  const parsed = (t: TableName) => parseTable(t, results.find((r) => r.table === t)!).rows;
  const employees = (parsed('Employees') as Located<Employee>[]).filter((e) => e.row.email === target);
  const tables = Object.fromEntries(PERSON_TABLES.map((t) => [t, parsed(t)])) as Parameters<typeof buildPersonViews>[1];
  const view = buildPersonViews(employees, tables).get(target);
  if (where) {
    const expected = PERSON_TABLES.reduce((n, t) => n + (where.rows[t]?.length ?? 0), 0);
    const found = view ? PERSON_TABLES.reduce((n, t) => n + tableOfView(view, t).length, 0) : -1;
    if (found !== expected) return loadPersonFromRecords(workbook, email, undefined);
  }
  return view;
}

function tableOfView(view: PersonView, t: (typeof PERSON_TABLES)[number]): Located<unknown>[] {
  const field = { Certifications: 'certifications', Enrollments: 'enrollments', PlanItems: 'planItems', SkillAssessments: 'skills',
    Appraisals: 'appraisals', Questions: 'questions' } as const;
  return view[field[t]];
}
