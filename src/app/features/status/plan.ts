// The individual competence plan beyond the role: open plan items agreed in appraisals, with where each competence stands.
import { itemStatus } from '../../../core/competence-status';
import type { CatalogueView, PersonView } from '../../../store/read-model';
import type { PlanLine } from '../../../ui/cards/status-card';

/** Open plan items, soonest due first: a competence (with its status), a course, or a goal in the leader's words. */
export function planLines(cat: CatalogueView, person: PersonView, opts: { today: string; expiringWindowDays: number }): PlanLine[] {
  const competences = new Map(cat.competences.map((c) => [c.competenceId, c]));
  const courses = new Map(cat.courses.map((c) => [c.courseId, c.title]));
  const certs = person.certifications.map((c) => c.row);
  return person.planItems
    .filter((p) => p.row.status === 'open')
    .map(({ row }): PlanLine => {
      const base = { planItemId: row.planItemId, dueBy: row.dueBy, overdue: !!row.dueBy && row.dueBy < opts.today };
      if (row.competenceId) {
        const status = itemStatus(person.employee.row, { competenceId: row.competenceId, level: 'recommended', dueWithinDays: undefined },
          competences.get(row.competenceId), certs.filter((c) => c.competenceId === row.competenceId), opts).status;
        return { ...base, label: competences.get(row.competenceId)?.name ?? row.competenceId, competenceId: row.competenceId, status };
      }
      if (row.courseId) return { ...base, label: courses.get(row.courseId) ?? row.courseId };
      return { ...base, label: row.goal ?? '' };
    })
    .sort((a, b) => (a.dueBy ?? '9999').localeCompare(b.dueBy ?? '9999'));
}
