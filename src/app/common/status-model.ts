// Builds the status card model for one person from the views (shared by Chat, Gmail, Docs and Sheets).
import { certsByCompetence, employeeStatus } from '../../core/competence-status';
import type { Env } from '../pipeline/handler';
import type { PersonView } from '../../store/read-model';
import type { NextSession, StatusCardModel } from '../../ui/cards/status-card';
import { planLines } from '../features/status/plan';

export function expiringWindow(env: Env): number {
  return Number(env.setting('expiringWindowDays', '90')) || 90;
}

export function statusOf(env: Env, person: PersonView) {
  const cat = env.views.cat();
  const competences = new Map(cat.competences.map((c) => [c.competenceId, c]));
  const certs = certsByCompetence(person.certifications.map((c) => c.row));
  return employeeStatus(person.employee.row, cat.requirements, competences, certs, { today: env.today, expiringWindowDays: expiringWindow(env) });
}

/** Open sessions in the future with a free seat (or a waitlist), soonest first, per competence they grant. */
export function nextSessions(env: Env): Map<string, NextSession> {
  const cat = env.views.cat();
  const courses = new Map(cat.courses.filter((c) => c.active).map((c) => [c.courseId, c]));
  const out = new Map<string, NextSession>();
  const upcoming = env.views.ses().sessions
    .filter((s) => s.session.status === 'open' && s.session.startsAt > env.now && (!s.session.signupDeadline || s.session.signupDeadline >= env.today))
    .sort((a, b) => a.session.startsAt.localeCompare(b.session.startsAt));
  for (const s of upcoming) {
    const course = courses.get(s.session.courseId);
    for (const competenceId of course?.competenceIds ?? []) {
      if (!out.has(competenceId)) out.set(competenceId, { sessionId: s.session.sessionId, courseTitle: course!.title, startsAt: s.session.startsAt });
    }
  }
  return out;
}

export function statusCardModel(env: Env, person: PersonView): StatusCardModel {
  const cat = env.views.cat();
  const names = new Map(cat.competences.map((c) => [c.competenceId, c.name]));
  const roles = new Map(cat.roles.map((r) => [r.roleId, r.name]));
  const unit = env.views.dir.units.find((u) => u.unitId === person.employee.row.unitId);
  const next = nextSessions(env);
  return {
    name: person.employee.row.name,
    unitName: unit?.name ?? person.employee.row.unitId,
    roleNames: (person.employee.row.roleIds ?? []).map((r) => roles.get(r) ?? r),
    status: statusOf(env, person),
    competenceName: (id) => names.get(id) ?? id,
    nextSession: (id) => next.get(id),
    isLeader: env.kinds.includes('leader'),
    isAdmin: env.kinds.includes('admin'),
    plan: planLines(cat, person, { today: env.today, expiringWindowDays: expiringWindow(env) }),
  };
}
