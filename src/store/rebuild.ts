// Rebuilds the read model from the records (time-driven job, admin "refresh now"), and the bounded fallback for one person.
import { appendAll } from '../core/arrays';
import { normaliseEmail } from '../core/records/cells';
import { headerOf, TABLE_NAMES, type Employee, type TableName } from '../core/records/tables';
import { AUDIT_END_VIEW, type Snapshot } from './records';
import type { ReadRequest, ReadResult, WorkbookPort } from './ports';
import { healthReport, type HealthReport } from './health';
import { buildPersonViews, type ChangeList, type CatalogueView, type DirectoryView, type FaqView, type Meta, type ReadModel, type SessionsView } from './read-model';
import { durablePacks } from './packs';
import { durableRow, writeDurable } from './durable';
import { personHeaders } from './person-records';
import { utf8Bytes } from './strict-cache';
import { parseTable, type Located } from './table-parse';
import { unitViewEntries } from './unit-views';
import { appraisalViewEntries } from './appraisal-views';
import { FORUM_VIEW_KEY, forumViewOf } from './forum-view';
import { lastDataRow, rosterViewEntries } from './course-rosters';
import { waitlistsOf } from '../core/enrollment';
import { parseReminderDays } from '../core/recert-reminders';
import { areaKey, areasOf, storeRow } from './shards';
import { buildDueList, stageDueList } from './due-list';

/** Rows per range at most (one call's answer is bounded by bytes too, below). */
export const SLICE_ROWS = 20_000;
/**
 * Bytes one read call may bring back, estimated: UrlFetchApp refuses answers over 50 MB, and the rebuild keeps each
 * answer ≤ 10 MB (issue 12); 9 MB estimated (with the margin below) leaves room for rows larger than the estimate.
 */
export const RESPONSE_BYTES = 9_000_000;
/** Bytes a cell is assumed to take in an answer before any row of its table is seen (quotes, comma, typical text). */
const CELL_BYTES_GUESS = 24;
/** Rows seen are averaged; the estimate is raised by this much for rows larger than the average. */
const ROW_BYTES_MARGIN = 1.25;

/**
 * Bytes a row is counted for besides its cells: the Sheets API's `values` need only brackets and a comma, but the estimate
 * also covers an adapter that carries each row with its number (the local twins), so no answer outgrows the bound there.
 */
const ROW_FRAMING_BYTES = 30;

/** Bytes these rows take in an answer: their cells as JSON, as the Sheets API's `values` carry them, and the framing. */
function answerBytes(rows: readonly { cells: readonly unknown[] }[]): number {
  let n = 2;
  for (const r of rows) n += JSON.stringify(r.cells).length + ROW_FRAMING_BYTES;
  return n;
}

/**
 * Reads every table whole in slices whose answers stay under `maxBytes` each: first a share of every table (sized by its
 * column count), then the rest in calls packed by the bytes a row of that table was seen to take.
 */
export function readAllTables(workbook: Pick<WorkbookPort, 'read' | 'shards'>, tables: readonly TableName[] = TABLE_NAMES, maxBytes = RESPONSE_BYTES,
  headerOnly: readonly TableName[] = []): Snapshot {
  const guess = (t: TableName) => headerOf(t).length * CELL_BYTES_GUESS + ROW_FRAMING_BYTES;
  // A sharded table is read area by area (the records spreadsheet, then each person shard): row numbers are per area.
  const units = tables.flatMap((t) => areasOf(t, workbook.shards).map((area) => ({ t, area })));
  const firstRows = new Map(tables.map((t) => [t, Math.max(1, Math.min(SLICE_ROWS, Math.floor(maxBytes / units.length / guess(t))))]));
  // Tables asked for by header only ride along in the first call: their header and where they end, no rows.
  const [first, heads] = ((all) => [all.slice(0, units.length), all.slice(units.length)])(workbook.read([
    ...units.map(({ t, area }) => ({ table: t, ranges: [{ from: storeRow(area, 2), to: storeRow(area, firstRows.get(t)! + 1) }] })),
    ...headerOnly.map((t) => ({ table: t, ranges: [] })),
  ]));
  const merged = new Map<string, ReadResult>();
  for (const r of first) {
    const have = merged.get(r.table);
    if (!have) { merged.set(r.table, { ...r, rows: [...r.rows], ...(r.areaLastRows ? { areaLastRows: { ...r.areaLastRows } } : {}) }); continue; }
    appendAll(have.rows, r.rows);
    have.lastRow = Math.max(have.lastRow, r.lastRow);
    // The records' own tab of a sharded table may be gone (its rows moved to the shards): the shards' header counts.
    if (!have.exists && r.exists) { have.exists = true; have.header = r.header; }
    if (r.areaLastRows) have.areaLastRows = { ...have.areaLastRows, ...r.areaLastRows };
    if (r.problems) have.problems = [...(have.problems ?? []), ...r.problems];
  }
  let pending: ReadRequest[] = [];
  let budget = maxBytes;
  const flush = () => {
    if (pending.length === 0) return;
    for (const r of workbook.read(pending)) appendAll(merged.get(r.table)!.rows, r.rows);
    pending = [];
    budget = maxBytes;
  };
  first.forEach((r, i) => {
    const { t, area } = units[i]!;
    const seen = r.rows.length;
    const rowBytes = Math.max(1, Math.ceil((seen > 0 ? answerBytes(r.rows) / seen : guess(t)) * ROW_BYTES_MARGIN));
    const last = r.areaLastRows?.[area] ?? r.lastRow;
    for (let from = storeRow(area, firstRows.get(t)! + 2); from <= last; ) {
      if (budget < rowBytes) flush();
      const take = Math.min(SLICE_ROWS, Math.max(1, Math.floor(budget / rowBytes)), last - from + 1);
      pending.push({ table: t, ranges: [{ from, to: from + take - 1 }] });
      from += take;
      budget -= take * rowBytes;
    }
  });
  flush();
  const snap: Snapshot = {};
  for (const t of tables) (snap as Record<string, unknown>)[t] = parseTable(t, merged.get(t)!);
  for (const r of heads) (snap as Record<string, unknown>)[r.table] = parseTable(r.table as TableName, r);
  return snap;
}

/** Where each table ends, for the tails a cold read looks through (meta.lastRow): a sharded table's per area. */
export function lastRowsOf(snap: Snapshot): Record<string, number> {
  const out: Record<string, number> = {};
  for (const t of TABLE_NAMES) {
    const p = snap[t];
    out[t] = p?.areaLastRows?.[0] ?? p?.lastRow ?? 0;
    for (const [area, last] of Object.entries(p?.areaLastRows ?? {})) if (Number(area) > 0) out[areaKey(t, Number(area))] = last;
  }
  return out;
}

/**
 * What the rebuild does not read whole: Audit and Notifications grow by 45k–135k rows a year each and nothing it builds
 * needs their rows (Audit: only where it ends, the request-key tail hint; Notifications: nothing — the jobs that must not
 * send twice read it themselves, and the yearly rotation keeps it to the current year). So only their headers are read.
 * Data health's "notification sent twice" check runs where Notifications is read whole (`kompetent doctor`).
 */
export const HEADER_ONLY_TABLES: readonly TableName[] = ['Audit', 'Notifications'];
export const REBUILD_TABLES: readonly TableName[] = TABLE_NAMES.filter((t) => !HEADER_ONLY_TABLES.includes(t));

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
  const adminEmails = adminEmailsOf(settings);
  const names: Record<string, string> = {};
  if (snap.Employees) {
    // Course owners and instructors too: the console and the course cards name them.
    const courses = rows(snap, 'Courses').map((r) => r.row.ownerEmail);
    const sessions = rows(snap, 'Sessions').map((r) => r.row.instructorEmail);
    const named = new Set([...units.flatMap((u) => (u.leaderEmails ?? []).map(normaliseEmail)), ...guides.map((g) => g.email), ...adminEmails.map(normaliseEmail),
      ...[...courses, ...sessions].filter((e): e is string => !!e).map(normaliseEmail)]);
    for (const { row } of snap.Employees.rows) if (named.has(row.email) && row.name) names[row.email] = row.name;
  }
  return { units, guides, adminEmails, settings, ...(snap.Employees ? { names } : {}) };
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
  /** Values staged, the cache items (chunks) they took, and the largest item in UTF-8 bytes (CacheService: 100 KB). */
  values: number; cacheEntries: number; largestEntryBytes: number;
  /** Bytes of all items, and the write calls that put the durable copy in the ReadModel tab. */
  cacheBytes: number; durableWrites: number;
}

/** Chunks per putAll in the rebuild (each ≤ 90 KB: a bounded request). */
const PUT_BATCH = 60;

/**
 * Rebuilds every view from the records: a few reads (slices), then every pack in the cache (putAll in batches, and the
 * chunks a pack no longer uses removed) and in the durable ReadModel tab.
 */
export function rebuildReadModel(workbook: WorkbookPort, rm: ReadModel, opts: { now: string; today: string; generation: string }): RebuildResult {
  return publishRebuild(workbook, rm, readAllTables(workbook, REBUILD_TABLES, RESPONSE_BYTES, HEADER_ONLY_TABLES), opts);
}

/**
 * Builds every view from a snapshot of all tables and writes the new generation: every pack in the cache (putAll in
 * batches) and in the durable ReadModel tab. `carryChanges`: the snapshot was read over several executions, so whoever
 * the previous generation lists as changed since its rebuild is not trusted in the new one either (their next request
 * reads their rows).
 */
export function publishRebuild(workbook: WorkbookPort, rm: ReadModel, snap: Snapshot, opts: { now: string; today: string; generation: string; carryChanges?: boolean }): RebuildResult {
  let carried: Record<string, 's'> = {};
  if (opts.carryChanges) {
    rm.loadPacks(['pstale']);
    const old = rm.pack('pstale')?.e.pstale as ChangeList | undefined;
    carried = Object.fromEntries(Object.keys(old?.m ?? {}).map((e) => [e, 's' as const]));
  }
  const health = healthReport(snap, opts.now);
  const persons = buildPersonViews(rows(snap, 'Employees') as Located<Employee>[], {
    Certifications: rows(snap, 'Certifications'), Enrollments: rows(snap, 'Enrollments'), PlanItems: rows(snap, 'PlanItems'),
    SkillAssessments: rows(snap, 'SkillAssessments'), Appraisals: rows(snap, 'Appraisals'), Questions: rows(snap, 'Questions'),
  });
  const meta: Meta = {
    generation: opts.generation, builtAt: opts.now, employees: persons.size,
    lastRow: lastRowsOf(snap),
  };
  // Every pack starts empty and complete: what is not staged below does not exist.
  for (const pack of durablePacks()) rm.putPack(pack, { e: {}, g: opts.generation, ...(pack.startsWith('pb:') ? { h: personHeaders() } : {}) });
  rm.putPack('pstale', { e: { pstale: { g: opts.generation, m: carried } } });
  rm.putPack('pn', { e: {} });
  let values = 0;
  const stage = (key: string, value: unknown) => { rm.stage(key, value); values++; };
  for (const view of persons.values()) { rm.stageRebuilt(view); values++; }
  stage('dir', directoryOf(snap));
  stage('cat', catalogueOf(snap));
  const sessions = sessionsOf(snap, opts.today);
  stage('ses', sessions);
  for (const [key, value] of rosterViewEntries(snap, sessions.sessions.map((s) => s.session.sessionId), opts.now)) stage(key, value);
  stage('faq', faqOf(snap));
  stage(FORUM_VIEW_KEY, forumViewOf(snap, opts.now));
  for (const [key, value] of unitViewEntries(snap, persons, opts)) stage(key, value);
  for (const [key, value] of appraisalViewEntries(snap, persons, opts)) stage(key, value);
  // The reminder job's due-list: who has a reminder due in the next days, so that job never reads Certifications.
  stageDueList(stage, buildDueList(snap, { today: opts.today, windows: parseReminderDays(settingsOf(snap).reminderDays) }), opts.today);
  stage('health', health);
  stage('meta', meta);
  if (snap.Audit?.exists) stage(AUDIT_END_VIEW, snap.Audit.lastRow);
  const { texts, chunks } = rm.flushAll(PUT_BATCH);
  const durable = new Map([...texts].filter(([pack]) => durableRow(pack) !== undefined));
  const durableWrites = writeDurable(workbook, durable, opts.generation, opts.now);
  let largest = 0;
  let bytes = 0;
  for (const c of Object.values(chunks)) { const b = utf8Bytes(c); largest = Math.max(largest, b); bytes += b; }
  return {
    meta, health, personViews: persons.size, values, cacheEntries: Object.keys(chunks).length, largestEntryBytes: largest,
    cacheBytes: bytes, durableWrites,
  };
}
