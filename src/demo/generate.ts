// Builds the whole deterministic demo municipality ("Eksempel kommune") for `npm start` and `npm run bench`.
import { parseDate } from '../core/records/cells';
import type { Course, Row, Setting, TableName } from '../core/records/tables';
import { buildAppraisals, buildSkills } from './appraisals';
import { COMPETENCES, ROLES, buildRequirements } from './catalogue';
import { addDays, clearDateCaches } from './clock';
import { COURSE_DEFS, type CourseDef } from './courses';
import { GUIDE_FORUM_SPACE, buildFaq, buildGuides, buildQuestions } from './forum';
import { buildHistory, finishCertifications } from './history';
import { buildOrg } from './org';
import { buildPeople, type People, type Person } from './people';
import { DEMO_PERSONAS } from './personas';
import { Rng } from './random';
import { SessionPlanner } from './sessions';

export { DEMO_PERSONAS } from './personas';

export interface DemoOptions {
  employees: number;
  seed?: number;
  /** The demo's "today" (YYYY-MM-DD); everything is dated relative to it. */
  today: string;
}

export type DemoData = { [T in TableName]: Row<T>[] };

export const DEFAULT_DEMO_EMPLOYEES = 600;
export const DEFAULT_DEMO_SEED = 20240601;
/** Fewer employees cannot staff the area and sector leaders plus the personas. */
export const MIN_DEMO_EMPLOYEES = 40;

const DIGITAL_COURSES = new Set(['workspace-grunnkurs', 'chat-drive', 'meet-kalender', 'sheets-videre', 'guide-samling']);
const CARE_COURSES = new Set(['dhlr-oppfriskning', 'dhlr-grunnkurs', 'smittevern-praksis', 'smittevern-elaering', 'forflytning', 'legemiddel-elaering']);
const EXTERNAL_COURSES = new Set(['fse', 'varme-arbeider', 'arbeidsvarsling', 'verneombud']);

export function generateDemo(opts: DemoOptions): DemoData {
  try {
    return generate(opts);
  } finally {
    clearDateCaches();
  }
}

function generate(opts: DemoOptions): DemoData {
  const { employees, today } = opts;
  if (!Number.isInteger(employees) || employees < MIN_DEMO_EMPLOYEES) {
    throw new RangeError(`employees must be an integer of at least ${MIN_DEMO_EMPLOYEES}`);
  }
  if (parseDate(today) !== today) throw new RangeError(`today must be an ISO date (YYYY-MM-DD), got ${today}`);
  const root = new Rng(opts.seed ?? DEFAULT_DEMO_SEED);
  const rng = {
    people: root.fork('people'), history: root.fork('history'), sessions: root.fork('sessions'), staff: root.fork('staff'),
    forum: root.fork('forum'), appraisals: root.fork('appraisals'), skills: root.fork('skills'),
  };

  const org = buildOrg();
  const people = buildPeople(org, employees, today, rng.people);
  const requirements = buildRequirements();
  const history = buildHistory(people, requirements, COMPETENCES, today, rng.history);

  const staffing = pickStaff(people, rng.staff);
  const planner = new SessionPlanner(today, rng.sessions, people, (def) => staffing.instructor(def));
  planner.resolveHeld(history.snaps);
  planner.addNoShows(history.gaps);
  planner.planFuture(history.gaps);
  const { sessions, enrollments } = planner.finish();

  const guides = buildGuides(people, employees, today, rng.forum);
  const faq = buildFaq(guides, today, rng.forum);
  const questions = buildQuestions(people, guides, faq, employees, today, rng.forum);
  const { appraisals, planItems } = buildAppraisals(people, history.gaps, employees, today, rng.appraisals);
  const skills = buildSkills(people, new Set(guides.map((g) => g.email)), today, rng.skills);

  const courses: Course[] = COURSE_DEFS.map((d) => ({ ...d.course, ownerEmail: staffing.owner(d) }));
  const settings: Setting[] = [
    { key: 'municipalityName', value: 'Eksempel kommune' },
    { key: 'timeZone', value: 'Europe/Oslo' },
    { key: 'adminEmails', value: staffing.admins.join(', ') },
    { key: 'coordinatorEmail', value: staffing.coordinator },
    { key: 'guideForumSpace', value: GUIDE_FORUM_SPACE },
    { key: 'announcementsSpace', value: 'spaces/ANNOUNCEMENTS' },
    { key: 'reminderDays', value: '90,30,0' },
    { key: 'expiringWindowDays', value: '90' },
    // Kompetent went live about ten months ago: conversations before it were on paper, so nobody is due from a 1990s start.
    { key: 'appraisalsRecordedFrom', value: addDays(today, -300) },
  ];

  return {
    Units: people.units,
    Employees: people.persons.map((p) => p.employee),
    Roles: ROLES.map((r) => ({ ...r })),
    Competences: COMPETENCES.map((c) => ({ ...c })),
    Requirements: requirements,
    Certifications: finishCertifications(history.drafts),
    Courses: courses,
    Sessions: sessions,
    Enrollments: enrollments,
    PlanItems: planItems,
    Appraisals: appraisals,
    SkillAssessments: skills,
    Guides: guides,
    Questions: questions,
    Faq: faq,
    Notifications: [],
    Outbox: [],
    Audit: [],
    Settings: settings,
  };
}

/** Who administers, coordinates, owns courses and teaches them. */
function pickStaff(people: People, rng: Rng) {
  const active = people.persons.filter((p) => p.employee.status === 'active' && !p.persona);
  const withRole = (role: string, pred: (p: Person) => boolean = () => true) =>
    active.filter((p) => p.employee.roleIds?.includes(role) && pred(p));
  const hr = withRole('hr-radgiver');
  const admins = [DEMO_PERSONAS.admin, ...rng.sample(hr, 2).map((p) => p.employee.email)];
  const digital = active.filter((p) => p.unit.name === 'Digitalisering' && p.leads.length === 0);
  const coordinator = digital.length ? rng.pick(digital).employee.email : DEMO_PERSONAS.admin;
  const itPeople = withRole('it-konsulent').map((p) => p.employee.email);
  const nurses = withRole('sykepleier', (p) => p.leads.length === 0).map((p) => p.employee.email);
  const kindergarten = withRole('barnehagelaerer', (p) => p.leads.length === 0).map((p) => p.employee.email);
  const teachers = new Map<string, string[]>();
  const instructorsFor = (def: CourseDef): string[] => {
    const id = def.course.courseId;
    if (EXTERNAL_COURSES.has(id)) return [];
    if (DIGITAL_COURSES.has(id)) return [coordinator, DEMO_PERSONAS.guide, ...rng.sample(itPeople, 1)];
    if (CARE_COURSES.has(id)) return rng.sample(nurses, 2);
    if (id === 'forstehjelp-bhg') return [DEMO_PERSONAS.leaderGuide, ...rng.sample(kindergarten, 1)];
    return admins.slice(0, 2);
  };
  return {
    admins,
    coordinator,
    owner: (def: CourseDef) => (DIGITAL_COURSES.has(def.course.courseId) ? coordinator : admins[0]),
    /** One of the course's one to three regular instructors; none for external instructors. */
    instructor: (def: CourseDef): string | undefined => {
      let list = teachers.get(def.course.courseId);
      if (!list) {
        list = instructorsFor(def);
        teachers.set(def.course.courseId, list);
      }
      return list.length ? rng.pick(list) : undefined;
    },
  };
}
