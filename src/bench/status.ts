// Bench figures for issue 4 (`npm run bench`): every employee's status, every unit's aggregate, the leader/admin views and
// the daily reminder plan, computed from a records snapshot (15,000 employees in the bench) — times and sizes.
import { certsByCompetence, employeeStatus } from '../core/competence-status';
import { dueReminders, parseReminderDays } from '../core/recert-reminders';
import type { Certification, SkillAssessment } from '../core/records/tables';
import { aggregateUnits, memberSummary, type MemberSummary, type SkillArea } from '../core/unit-aggregates';
import { CHUNK_CHARS } from '../store/cache-shards';
import { buildPersonViews, PERSON_TABLES } from '../store/read-model';
import type { Snapshot } from '../store/records';
import { settingsOf } from '../store/rebuild';
import { buildUnitViews } from '../store/unit-views';
import { time } from './time';

export interface StatusBench {
  employees: number;
  units: number;
  /** Every (non-leaving) employee's status against their role plan. */
  statusMs: number;
  /** Every unit's aggregate (own, with sub-units) and every area's. */
  aggregateMs: number;
  /** Everything the rebuild stages for leaders and HR: unit pages, leader overviews, the dashboard. */
  viewsMs: number;
  viewValues: number;
  viewCacheEntries: number;
  largestViewChars: number;
  /** The daily job's computing part: who gets which reminder today (sending and recording come on top). */
  reminderPlanMs: number;
  remindersDue: number;
  peopleReminded: number;
}

export function benchStatus(snap: Snapshot, opts: { today: string; now: string }): StatusBench {
  const settings = settingsOf(snap);
  const expiringWindowDays = Number(settings.expiringWindowDays) || 90;
  const units = (snap.Units?.rows ?? []).map((r) => r.row);
  const competenceRows = (snap.Competences?.rows ?? []).map((r) => r.row);
  const competences = new Map(competenceRows.map((c) => [c.competenceId, c]));
  const requirements = (snap.Requirements?.rows ?? []).map((r) => r.row);
  const employees = (snap.Employees?.rows ?? []).filter((e) => e.row.status !== 'left').map((e) => e.row);
  const certs = new Map<string, Certification[]>();
  for (const { row } of snap.Certifications?.rows ?? []) {
    const list = certs.get(row.employeeId);
    if (list) list.push(row);
    else certs.set(row.employeeId, [row]);
  }
  const skills = new Map<string, Partial<Record<SkillArea, number>>>();
  for (const { row } of (snap.SkillAssessments?.rows ?? []) as { row: SkillAssessment }[]) skills.set(row.employeeId, { ...skills.get(row.employeeId), [row.area]: row.level });

  const [statuses, statusMs] = time(() => employees.map((e) => ({
    e, status: employeeStatus(e, requirements, competences, certsByCompetence(certs.get(e.employeeId) ?? []), { today: opts.today, expiringWindowDays }),
  })));
  const members: MemberSummary[] = statuses.map(({ e, status }) => memberSummary(e, status));
  const [, aggregateMs] = time(() => aggregateUnits(units, members, skills));

  const persons = buildPersonViews((snap.Employees?.rows ?? []), Object.fromEntries(PERSON_TABLES.map((t) => [t, snap[t]?.rows ?? []])) as Parameters<typeof buildPersonViews>[1]);
  const [built, viewsMs] = time(() => buildUnitViews(units, persons.values(), { competences: competenceRows, requirements, today: opts.today, expiringWindowDays, builtAt: opts.now }));
  let largest = 0;
  let entries = 0;
  for (const [, v] of built.entries) {
    const n = JSON.stringify(v).length;
    largest = Math.max(largest, n);
    entries += Math.max(1, Math.ceil(n / CHUNK_CHARS));
  }

  const windows = parseReminderDays(settings.reminderDays);
  const [plan, reminderPlanMs] = time(() => statuses.map(({ e, status }) => dueReminders(e.employeeId, status.items, windows, new Set())));
  return {
    employees: employees.length, units: units.length, statusMs, aggregateMs, viewsMs,
    viewValues: built.entries.length, viewCacheEntries: entries, largestViewChars: largest,
    reminderPlanMs, remindersDue: plan.reduce((n, p) => n + p.length, 0), peopleReminded: plan.filter((p) => p.length > 0).length,
  };
}

/** The lines `npm run bench` prints. */
export function formatStatusBench(b: StatusBench): string[] {
  const f = (n: number, d = 0) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
  return [
    'Competence status and unit aggregates (issue 4)',
    `  status of every employee: ${f(b.employees)} employees in ${f(b.statusMs)} ms`,
    `  aggregates of every unit (with sub-units) and area: ${f(b.units)} units in ${f(b.aggregateMs, 1)} ms`,
    `  leader and admin views: ${f(b.viewValues)} values (${f(b.viewCacheEntries)} cache entries) in ${f(b.viewsMs)} ms; largest ${f(b.largestViewChars / 1024, 1)} K chars`,
    `  daily reminder plan: ${f(b.remindersDue)} reminders to ${f(b.peopleReminded)} people, computed in ${f(b.reminderPlanMs)} ms (sending: one Chat/mail call each)`,
  ];
}
