// Appraisals (probation follow-ups, development and life-phase conversations), their plan items, and the skills survey.
import type { Appraisal, PlanItem, SkillAssessment } from '../core/records/tables';
import { SKILL_AREAS } from '../core/records/tables';
import { addDays, addMonths, daysBetween, maxDate, minDate } from './clock';
import { GOALS } from './forum-texts';
import { courseFor, type Gap } from './history';
import type { People, Person } from './people';
import { DEMO_PERSONAS } from './personas';
import type { Rng } from './random';

type AppraisalDraft = Omit<Appraisal, 'appraisalId'>;
type PlanDraft = Omit<PlanItem, 'planItemId' | 'appraisalId'>;

function docId(rng: Rng): string {
  const abc = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-';
  let s = 'demo-doc-';
  for (let i = 0; i < 24; i++) s += abc[rng.int(0, abc.length - 1)];
  return s;
}

export function buildAppraisals(people: People, gaps: readonly Gap[], employees: number, today: string, rng: Rng):
  { appraisals: Appraisal[]; planItems: PlanItem[] } {
  const gapsOf = new Map<string, Gap[]>();
  for (const g of gaps) {
    if (g.level !== 'required') continue;
    const list = gapsOf.get(g.person.employee.employeeId) ?? [];
    list.push(g);
    gapsOf.set(g.person.employee.employeeId, list);
  }
  const appraisals: Appraisal[] = [];
  const planItems: PlanItem[] = [];
  const addAppraisal = (a: AppraisalDraft): string => {
    const appraisalId = `A${String(appraisals.length + 1).padStart(5, '0')}`;
    appraisals.push({ appraisalId, ...a });
    return appraisalId;
  };
  const addItem = (item: PlanDraft, appraisalId?: string) => {
    planItems.push({ planItemId: `P${String(planItems.length + 1).padStart(5, '0')}`, ...item, appraisalId });
  };
  const held = (p: Person, kind: Appraisal['kind'], heldOn: string, nextDueOn?: string): AppraisalDraft => ({
    employeeId: p.employee.employeeId, leaderEmail: p.employee.managerEmail!, kind, scheduledOn: heldOn, heldOn,
    docId: docId(rng), status: heldOn < addDays(today, -60) ? 'archived' : rng.pick(['held', 'signed'] as const), nextDueOn,
  });
  const planned = (p: Person, kind: Appraisal['kind'], on: string, prepared = false): AppraisalDraft => ({
    employeeId: p.employee.employeeId, leaderEmail: p.employee.managerEmail!, kind, scheduledOn: on, heldOn: undefined,
    docId: prepared ? docId(rng) : undefined, status: prepared ? 'prepared' : 'planned', nextDueOn: undefined,
  });
  const itemsAfter = (p: Person, heldOn: string, appraisalId: string) => {
    const n = rng.int(1, 3);
    const own = rng.shuffle(gapsOf.get(p.employee.employeeId) ?? []);
    for (let i = 0; i < n; i++) {
      const gap = own[i];
      const dueBy = addDays(heldOn, gap ? rng.int(30, 120) : rng.int(90, 365));
      const status: PlanItem['status'] = dueBy >= today ? 'open' : rng.weighted([['done', 6], ['open', 3], ['cancelled', 1]] as const);
      addItem(gap
        ? { employeeId: p.employee.employeeId, competenceId: gap.competenceId, courseId: courseFor(p, gap.competenceId, today)?.course.courseId,
          goal: undefined, dueBy, status }
        : { employeeId: p.employee.employeeId, competenceId: undefined, courseId: undefined, goal: rng.pick(GOALS), dueBy, status },
      appraisalId);
    }
  };

  const withLeader = (p: Person) => !!p.employee.managerEmail && p.employee.status === 'active';

  // Probation (Working Environment Act § 15-6): follow-ups after about two and five months.
  for (const p of people.persons) {
    const start = p.employee.startDate;
    if (p.persona || !withLeader(p) || !start || start > today || start <= addDays(today, -183)) continue;
    for (const [offset, next] of [[60, 150], [150, undefined]] as const) {
      const on = addDays(start, offset);
      const nextDue = next === undefined ? p.employee.probationEndsOn : addDays(start, next);
      if (on <= addDays(today, -3)) {
        const id = addAppraisal(held(p, 'probation', on, nextDue));
        if (rng.chance(0.5)) itemsAfter(p, on, id);
      } else if (on <= addDays(today, 30)) {
        addAppraisal(planned(p, 'probation', on, on <= addDays(today, 7)));
        break;
      } else break;
    }
  }

  // Development conversations for a sample of everyone else; life-phase conversations for long service.
  const settled = people.persons.filter((p) => !p.persona && withLeader(p) && (p.employee.startDate ?? today) <= addDays(today, -365));
  const development = rng.sample(settled, Math.min(450, Math.max(8, Math.round(employees * 0.03))));
  for (const p of development) {
    const variant = rng.weighted([['held', 60], ['planned', 25], ['prepared', 10], ['cancelled', 5]] as const);
    if (variant === 'held') {
      const on = addDays(today, -rng.int(20, 500));
      itemsAfter(p, on, addAppraisal(held(p, 'development', on, addMonths(on, 12))));
    } else if (variant === 'cancelled') {
      addAppraisal({ ...planned(p, 'development', addDays(today, -rng.int(5, 60))), status: 'cancelled' });
    } else {
      addAppraisal(planned(p, 'development', addDays(today, variant === 'prepared' ? rng.int(1, 10) : rng.int(3, 60)), variant === 'prepared'));
    }
  }
  const senior = settled.filter((p) => daysBetween(p.employee.startDate ?? today, today) > 25 * 365);
  for (const p of rng.sample(senior, Math.min(40, Math.max(2, Math.round(employees * 0.002))))) {
    if (rng.chance(0.5)) addAppraisal(held(p, 'life-phase', addDays(today, -rng.int(30, 300)), undefined));
    else addAppraisal(planned(p, 'life-phase', addDays(today, rng.int(7, 90))));
  }

  personaAppraisals(people, today, rng, addAppraisal, addItem, held, planned);
  return { appraisals, planItems };
}

function personaAppraisals(
  people: People, today: string, rng: Rng,
  addAppraisal: (a: AppraisalDraft) => string,
  addItem: (item: PlanDraft, appraisalId?: string) => void,
  held: (p: Person, kind: Appraisal['kind'], heldOn: string, nextDueOn?: string) => AppraisalDraft,
  planned: (p: Person, kind: Appraisal['kind'], on: string, prepared?: boolean) => AppraisalDraft,
): void {
  const staff = people.byEmail.get(DEMO_PERSONAS.staff);
  if (staff) {
    const on = addDays(today, -350);
    const last = addAppraisal({ ...held(staff, 'development', on, addMonths(on, 12)), status: 'archived' });
    addItem({ employeeId: staff.employee.employeeId, competenceId: 'dhlr', courseId: 'dhlr-oppfriskning', goal: undefined,
      dueBy: addDays(today, 21), status: 'open' }, last);
    addItem({ employeeId: staff.employee.employeeId, competenceId: undefined, courseId: undefined, goal: 'Ta i bruk delt kalender i teamet',
      dueBy: addDays(on, 120), status: 'done' }, last);
    addAppraisal(planned(staff, 'development', addDays(today, 14), true));
  }
  const hire = people.byEmail.get(DEMO_PERSONAS.newHire);
  if (hire?.employee.startDate) {
    addAppraisal(planned(hire, 'probation', addDays(hire.employee.startDate, 60)));
    addItem({ employeeId: hire.employee.employeeId, competenceId: 'brannvern', courseId: 'brannvern', goal: undefined,
      dueBy: addDays(today, 7), status: 'open' });
  }
  const leaderGuide = people.byEmail.get(DEMO_PERSONAS.leaderGuide);
  if (leaderGuide?.employee.managerEmail) {
    const on = addDays(today, -rng.int(150, 250));
    const id = addAppraisal(held(leaderGuide, 'development', on, addMonths(on, 12)));
    addItem({ employeeId: leaderGuide.employee.employeeId, competenceId: undefined, courseId: undefined,
      goal: 'Bli Google-guide for enheten', dueBy: addDays(on, 60), status: 'done' }, id);
  }
}

const AREA_ADJUST: Record<(typeof SKILL_AREAS)[number], number> = {
  email: 0.6, calendar: 0.3, drive: 0, docs: 0, sheets: -0.5, chat: -0.1, meet: 0.2, intranet: 0.2, mobile: 0.4,
};
const ROLE_BASE: Record<string, number> = {
  'it-konsulent': 3.4, radgiver: 2.6, konsulent: 2.5, saksbehandler: 2.5, 'hr-radgiver': 2.7, ingenior: 2.6, arealplanlegger: 2.6,
  laerer: 2.4, bibliotekar: 2.6, sykepleier: 1.8, helsefagarbeider: 1.4, 'assistent-helse': 1.3, renholder: 1.0, fagarbeider: 1.3,
};

/** The digital-skills self-assessment: about 60% of staff have answered it, one row per area. */
export function buildSkills(people: People, guideEmails: ReadonlySet<string>, today: string, rng: Rng): SkillAssessment[] {
  const out: SkillAssessment[] = [];
  for (const p of people.persons) {
    const e = p.employee;
    const start = e.startDate ?? today;
    if (e.status === 'left' || start > today || e.email === DEMO_PERSONAS.newHire) continue;
    if (!p.persona && !rng.chance(0.6)) continue;
    const base = (ROLE_BASE[e.roleIds?.[0] ?? ''] ?? 2) + (guideEmails.has(e.email) ? 1 : 0);
    const lower = maxDate(start, addDays(today, -400));
    const assessedOn = minDate(today, addDays(lower, rng.int(0, daysBetween(lower, today))));
    for (const area of SKILL_AREAS) {
      const level = Math.max(0, Math.min(4, Math.round(base + AREA_ADJUST[area] + (rng.next() - 0.5) * 2)));
      out.push({ employeeId: e.employeeId, area, level, assessedOn });
    }
  }
  return out;
}
