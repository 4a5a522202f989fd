// Courses: the course list (active first, searchable), a course's dates with seats and waitlist, the course and date
// forms, cancelling a date (after a yes, since everyone on it is mailed), and a date's participants with attendance and
// CSV export. The server validates and says what to fix; the forms keep what was typed.
import type { CourseAdminData, CourseAdminSession, CsvData, ParticipantData, ParticipantsData } from '../contract/course-admin';
import type { SavedData } from '../contract/sidebar';
import { call, date, t } from './api';
import { formDraft, list, str, type CoursesState, type Draft, type State, type Ui } from './state';
import { h, type VNode } from './vdom';
import { button, field, input, select } from './widgets';

/** The call names (COURSE_CALLS in src/contract/course-admin.ts; not imported, so zod stays out of the bundle). */
const CALLS = {
  list: 'courses.admin.list',
  saveCourse: 'courses.admin.saveCourse',
  saveSession: 'courses.admin.saveSession',
  cancelSession: 'courses.admin.cancelSession',
  participants: 'courses.admin.participants',
  markAttendance: 'courses.admin.markAttendance',
  export: 'courses.admin.export',
} as const;

type Course = CourseAdminData['courses'][number];
/** Who can be marked attended or not: those with a seat, and those already marked. */
const MARKABLE = ['enrolled', 'attended', 'no-show'];

const cs = (ui: Ui): CoursesState => ui.state.courses;

export async function loadCourses(ui: Ui): Promise<void> {
  const d = await ui.run(() => call<CourseAdminData>(CALLS.list));
  if (d) { cs(ui).data = d; ui.render(); }
}

async function loadParticipants(ui: Ui, sessionId: string): Promise<void> {
  const p = await ui.run(() => call<ParticipantsData>(CALLS.participants, { sessionId }));
  if (!p) return;
  const fresh = cs(ui).participants?.sessionId !== sessionId;
  Object.assign(cs(ui), { participants: p, marks: {}, cancel: undefined });
  ui.render();
  if (fresh) toTop();
}

const savedText = (d: SavedData) => `${d.message}${d.refreshSoon ? ` ${t('admin.saved.refreshSoon')}` : ''}`;

/** Runs a change; on success `after` tidies the state and the list is read again (keeping the change's message). */
async function change(ui: Ui, name: string, payload: object, after: (d: SavedData & { sessionId?: string }) => void): Promise<boolean> {
  const saved = await ui.run(() => call<SavedData & { sessionId?: string }>(name, payload), savedText);
  // The message is in the status line at the top; the form below it keeps what was typed.
  if (!saved) { ui.render(); toTop(); return false; }
  after(saved);
  toTop();
  await loadCourses(ui);
  return true;
}

/** "1. mars 2027 kl. 09:00–15:00" from the municipality's wall-clock times. */
export function whenLocal(startsLocal: string, endsLocal: string): string {
  const [d1, start = ''] = startsLocal.split('T');
  const [d2, end = ''] = endsLocal.split('T');
  return d1 === d2 ? t('admin.courses.when', { date: date(d1), start, end })
    : t('admin.courses.whenSpan', { date: date(d1), start, endDate: date(d2), end });
}

/** A new page of the tab starts at its top (the sidebar is one long column); only in a browser. */
function toTop(): void {
  if (typeof window !== 'undefined' && typeof window.scrollTo === 'function') window.scrollTo(0, 0);
}

/** Puts the caret back in a text box the re-render replaced (only in a browser). */
function refocus(name: string, at: number | null): void {
  if (typeof document === 'undefined') return;
  const el = document.querySelector<HTMLInputElement>(`input[name="${name}"]`);
  if (!el) return;
  el.focus();
  if (at !== null) el.setSelectionRange(at, at);
}

const formatLabel = (f: string) => t(`admin.courses.format.${f}`);
const statusTag = (status: string) => h('span', { class: `tag tag-${status}` }, t(`admin.courses.status.${status}`));
const hoursText = (c: Course) => (c.hours !== undefined ? t('admin.courses.hours', { hours: c.hours }) : '');

// ---- The list.

const dateCount = (n: number) => t('admin.courses.dateCount', { count: n });

function matches(c: Course, q: string): boolean {
  if (!q) return true;
  return [c.title, c.courseId, c.description ?? ''].some((x) => x.toLowerCase().includes(q));
}

function openCourse(ui: Ui, courseId: string | undefined): void {
  Object.assign(cs(ui), { courseId, course: undefined, session: undefined, cancel: undefined, participants: undefined, marks: {} });
  ui.render();
  toTop();
}

function editCourse(ui: Ui, c?: Course): void {
  cs(ui).course = c
    ? { isNew: false, draft: { courseId: c.courseId, title: c.title, format: c.format, hours: c.hours?.toString() ?? '', description: c.description ?? '',
      competenceIds: c.competenceIds, targetRoleIds: c.targetRoleIds, ownerEmail: c.ownerEmail ?? '', active: c.active ? ['yes'] : [] } }
    : { isNew: true, draft: { format: 'classroom', active: ['yes'] } };
  ui.render();
  toTop();
}

function courseList(s: State, ui: Ui, d: CourseAdminData): VNode {
  const q = s.courses.search.trim().toLowerCase();
  const shown = d.courses.filter((c) => matches(c, q));
  const live = (id: string) => d.sessions.filter((x) => x.courseId === id && x.status !== 'cancelled').length;
  return h('div', { class: 'courses' },
    h('div', { class: 'actions' }, button(t('admin.courses.new'), () => editCourse(ui), { class: 'primary', disabled: s.busy })),
    field(t('admin.courses.search'), input('courseSearch', s.courses.search, {
      type: 'search', autocomplete: 'off',
      onInput: (ev: Event) => {
        const el = ev.currentTarget as HTMLInputElement;
        const at = el.selectionStart;
        cs(ui).search = el.value;
        ui.render();
        refocus('courseSearch', at);
      },
    })),
    shown.length
      ? h('ul', { class: 'plain course-list' }, shown.map((c) => h('li', { class: c.active ? 'item' : 'item inactive', 'data-course': c.courseId },
        h('div', { class: 'item-head' },
          button(c.title, () => openCourse(ui, c.courseId), { class: 'link strong' }),
          c.active ? null : h('span', { class: 'tag' }, t('admin.courses.inactive'))),
        h('div', { class: 'muted' }, [formatLabel(c.format), hoursText(c), dateCount(live(c.courseId))].filter(Boolean).join(' · ')))))
      : h('p', null, t(q ? 'admin.courses.noMatch' : 'admin.courses.none')));
}

// ---- One course and its dates.

function sessionItem(s: State, ui: Ui, x: CourseAdminSession): VNode {
  const pending = s.courses.cancel?.sessionId === x.sessionId ? s.courses.cancel : undefined;
  const cancellable = x.status === 'open' || x.status === 'closed';
  return h('li', { class: `item session session-${x.status}`, 'data-session': x.sessionId },
    h('div', { class: 'item-head' }, h('strong', null, whenLocal(x.startsLocal, x.endsLocal)), statusTag(x.status)),
    x.location ? h('div', null, x.location) : null,
    h('div', { class: 'seats' },
      h('span', null, t('admin.courses.seats', { enrolled: x.enrolled, capacity: x.capacity })),
      x.waitlisted ? h('span', null, t('admin.courses.waitlist', { count: x.waitlisted })) : null),
    x.signupDeadline ? h('div', { class: 'muted' }, t('admin.courses.deadline', { date: date(x.signupDeadline) })) : null,
    pending
      ? h('div', { class: 'confirm', role: 'group', 'aria-label': t('admin.courses.cancelTitle') },
        h('p', null, x.enrolled + x.waitlisted ? t('admin.courses.cancelConfirm', { enrolled: x.enrolled, waitlisted: x.waitlisted }) : t('admin.courses.cancelConfirmNone')),
        field(t('admin.courses.cancelReason'), input('reason', pending.reason, { maxlength: '500',
          onInput: (ev: Event) => { pending.reason = (ev.currentTarget as HTMLInputElement).value; } })),
        h('div', { class: 'actions' },
          button(t('admin.courses.cancelYes'), () => void change(ui, CALLS.cancelSession, { sessionId: x.sessionId, reason: pending.reason },
            () => { cs(ui).cancel = undefined; }), { class: 'primary danger-fill', disabled: s.busy }),
          button(t('admin.courses.cancelNo'), () => { cs(ui).cancel = undefined; ui.render(); })))
      : h('div', { class: 'actions' },
        button(t('admin.courses.participants'), () => void loadParticipants(ui, x.sessionId), { disabled: s.busy }),
        x.status === 'cancelled' ? null : button(t('admin.courses.editDate'), () => editSession(ui, x), { disabled: s.busy }),
        cancellable ? button(t('admin.courses.cancelDate'), () => { cs(ui).cancel = { sessionId: x.sessionId, reason: '' }; ui.render(); },
          { class: 'danger', disabled: s.busy }) : null));
}

function editSession(ui: Ui, x?: CourseAdminSession): void {
  cs(ui).cancel = undefined;
  cs(ui).session = x
    ? { isNew: false, draft: { sessionId: x.sessionId, startsAt: x.startsLocal, endsAt: x.endsLocal, location: x.location ?? '', capacity: String(x.capacity),
      instructorEmail: x.instructorEmail ?? '', signupDeadline: x.signupDeadline ?? '', status: x.status } }
    : { isNew: true, draft: { status: 'open' } };
  ui.render();
  toTop();
}

function courseDetail(s: State, ui: Ui, d: CourseAdminData, courseId: string): VNode {
  const c = d.courses.find((x) => x.courseId === courseId);
  if (!c) return h('div', null, h('p', null, t('admin.courses.gone')), button(t('admin.courses.back'), () => openCourse(ui, undefined), { class: 'link' }));
  const names = (ids: string[], all: { id: string; name: string }[]) => ids.map((id) => all.find((a) => a.id === id)?.name ?? id).join(', ');
  const sessions = d.sessions.filter((x) => x.courseId === courseId);
  return h('div', { class: 'course' },
    h('nav', { class: 'crumbs' }, button(t('admin.courses.back'), () => openCourse(ui, undefined), { class: 'link' })),
    h('div', { class: 'item-head' }, h('h2', null, c.title), c.active ? null : h('span', { class: 'tag' }, t('admin.courses.inactive'))),
    h('p', { class: 'muted' }, [c.courseId, formatLabel(c.format), hoursText(c)].filter(Boolean).join(' · ')),
    c.description ? h('p', null, c.description) : null,
    c.competenceIds.length ? h('p', null, t('admin.courses.grants', { list: names(c.competenceIds, d.competences.map((x) => ({ id: x.competenceId, name: x.name }))) })) : null,
    c.targetRoleIds.length ? h('p', null, t('admin.courses.targets', { list: names(c.targetRoleIds, d.roles.map((x) => ({ id: x.roleId, name: x.name }))) })) : null,
    c.ownerEmail ? h('p', { class: 'muted', title: c.ownerEmail }, t('admin.courses.owner', { name: c.ownerName ?? c.ownerEmail })) : null,
    h('div', { class: 'actions' },
      button(t('admin.courses.edit'), () => editCourse(ui, c), { disabled: s.busy }),
      button(t('admin.courses.newDate'), () => editSession(ui), { class: 'primary', disabled: s.busy })),
    h('h3', null, t('admin.courses.dates')),
    sessions.length ? h('ul', { class: 'plain sessions' }, sessions.map((x) => sessionItem(s, ui, x))) : h('p', null, t('admin.courses.noDates')));
}

// ---- The forms.

function checks(name: string, legend: string, options: { value: string; label: string }[], chosen: string[]): VNode {
  return h('fieldset', { class: 'checks' }, h('legend', null, legend),
    options.length
      ? h('div', { class: 'check-list' }, options.map((o) =>
        h('label', { class: 'check' }, h('input', { type: 'checkbox', name, value: o.value, checked: chosen.includes(o.value) }), o.label)))
      : h('p', { class: 'muted' }, t('admin.courses.noneToChoose')));
}

function courseForm(s: State, ui: Ui, d: CourseAdminData): VNode {
  const { isNew, draft } = s.courses.course!;
  return h('form', { class: 'card-form', 'data-form': 'course', onSubmit: (ev: Event) => {
    ev.preventDefault();
    const f: Draft = { ...formDraft(ev.currentTarget as HTMLFormElement) };
    if (!isNew) f.courseId = str(draft, 'courseId');
    cs(ui).course = { isNew, draft: f };
    void change(ui, CALLS.saveCourse, {
      isNew, courseId: str(f, 'courseId'), title: str(f, 'title'), format: str(f, 'format'), hours: str(f, 'hours'), description: str(f, 'description'),
      competenceIds: list(f, 'competenceIds'), targetRoleIds: list(f, 'targetRoleIds'), ownerEmail: str(f, 'ownerEmail'), active: list(f, 'active').includes('yes'),
    }, () => { Object.assign(cs(ui), { course: undefined, courseId: str(f, 'courseId').trim() }); });
  } },
  h('h2', null, isNew ? t('admin.courses.new') : t('admin.courses.edit')),
  field(t('admin.field.courseId'), input('courseId', str(draft, 'courseId'), { required: true, readonly: !isNew, maxlength: '64', autocomplete: 'off' })),
  field(t('admin.field.title'), input('title', str(draft, 'title'), { required: true, maxlength: '200' })),
  field(t('admin.field.format'), select('format', str(draft, 'format'), d.formats.map((f) => ({ value: f, label: formatLabel(f) })))),
  field(t('admin.field.hours'), input('hours', str(draft, 'hours'), { type: 'number', min: '0', max: '1000', step: '0.5', inputmode: 'decimal' })),
  field(t('admin.field.description'), h('textarea', { name: 'description', rows: '3', maxlength: '2000', value: str(draft, 'description') })),
  checks('competenceIds', t('admin.courses.competences'), d.competences.map((c) => ({ value: c.competenceId, label: c.name })), list(draft, 'competenceIds')),
  checks('targetRoleIds', t('admin.courses.roles'), d.roles.map((r) => ({ value: r.roleId, label: r.name })), list(draft, 'targetRoleIds')),
  field(t('admin.field.ownerEmail'), input('ownerEmail', str(draft, 'ownerEmail'), { type: 'email', maxlength: '254', autocomplete: 'off' })),
  h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'active', value: 'yes', checked: list(draft, 'active').includes('yes') }), t('admin.courses.active')),
  h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', disabled: s.busy }, t('common.save')),
    button(t('common.cancel'), () => { cs(ui).course = undefined; ui.render(); })));
}

function sessionForm(s: State, ui: Ui, d: CourseAdminData, courseId: string): VNode {
  const { isNew, draft } = s.courses.session!;
  const title = d.courses.find((c) => c.courseId === courseId)?.title ?? courseId;
  return h('form', { class: 'card-form', 'data-form': 'session', onSubmit: (ev: Event) => {
    ev.preventDefault();
    const f: Draft = { ...formDraft(ev.currentTarget as HTMLFormElement), sessionId: str(draft, 'sessionId') };
    cs(ui).session = { isNew, draft: f };
    void change(ui, CALLS.saveSession, {
      isNew, ...(isNew ? {} : { sessionId: str(f, 'sessionId') }), courseId, startsAt: str(f, 'startsAt'), endsAt: str(f, 'endsAt'),
      location: str(f, 'location'), capacity: str(f, 'capacity'), instructorEmail: str(f, 'instructorEmail'), signupDeadline: str(f, 'signupDeadline'),
      status: str(f, 'status') === 'closed' ? 'closed' : 'open',
    }, () => { cs(ui).session = undefined; });
  } },
  h('h2', null, isNew ? t('admin.courses.newDate') : t('admin.courses.editDate')),
  h('p', { class: 'muted' }, title),
  field(t('admin.courses.startsAt'), input('startsAt', str(draft, 'startsAt'), { type: 'datetime-local', required: true }), t('admin.courses.timeHint', { zone: d.timeZone })),
  field(t('admin.courses.endsAt'), input('endsAt', str(draft, 'endsAt'), { type: 'datetime-local', required: true })),
  field(t('admin.courses.location'), input('location', str(draft, 'location'), { maxlength: '500' })),
  field(t('admin.field.capacity'), input('capacity', str(draft, 'capacity'), { type: 'number', min: '0', max: '100000', step: '1', required: true, inputmode: 'numeric' })),
  field(t('admin.field.instructorEmail'), input('instructorEmail', str(draft, 'instructorEmail'), { type: 'email', maxlength: '254', autocomplete: 'off' })),
  field(t('admin.courses.signupDeadline'), input('signupDeadline', str(draft, 'signupDeadline'), { type: 'date' })),
  field(t('admin.courses.signup'), select('status', str(draft, 'status') === 'closed' ? 'closed' : 'open',
    ['open', 'closed'].map((v) => ({ value: v, label: t(`admin.courses.signup.${v}`) })))),
  h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', disabled: s.busy }, t('common.save')),
    button(t('common.cancel'), () => { cs(ui).session = undefined; ui.render(); })));
}

// ---- Participants.

async function exportCsv(ui: Ui, sessionId: string): Promise<void> {
  const r = await ui.run(() => call<CsvData>(CALLS.export, { sessionId }), (d) => t('admin.courses.exported', { file: d.fileName }));
  if (r) ui.download(r.fileName, r.csv);
}

function person(p: ParticipantData): VNode {
  return h('span', { class: 'who' },
    h('span', { class: 'who-head' }, h('span', { class: 'name' }, p.name),
      h('span', { class: `tag tag-${p.status}` }, p.position ? t('admin.courses.position', { label: p.statusLabel, position: p.position }) : p.statusLabel)),
    p.email ? h('span', { class: 'muted' }, p.email) : null);
}

function participantsView(s: State, ui: Ui, p: ParticipantsData): VNode {
  const c = s.courses;
  const markable = p.canMark ? p.participants.filter((x) => MARKABLE.includes(x.status)) : [];
  const others = p.participants.filter((x) => !markable.includes(x));
  const attended = (x: ParticipantData) => c.marks[x.enrollmentId] ?? x.status === 'attended';
  const seated = p.participants.filter((x) => MARKABLE.includes(x.status)).length;
  return h('div', { class: 'participants' },
    h('nav', { class: 'crumbs' }, button(t('admin.courses.backTo', { title: p.courseTitle }), () => {
      Object.assign(c, { participants: undefined, marks: {} }); ui.render();
    }, { class: 'link' })),
    h('h2', null, p.courseTitle),
    h('p', null, p.when, ' ', statusTag(p.status)),
    h('p', { class: 'muted' }, t('admin.courses.seats', { enrolled: seated, capacity: p.capacity })),
    p.pendingNames ? h('p', { class: 'muted' }, t('admin.courses.pendingNames')) : null,
    h('div', { class: 'actions' }, button(t('admin.courses.csv'), () => void exportCsv(ui, p.sessionId), { disabled: s.busy || p.participants.length === 0 })),
    p.participants.length === 0 ? h('p', null, t('admin.courses.noParticipants')) : null,
    markable.length
      ? h('form', { class: 'card-form attendance', onSubmit: (ev: Event) => {
        ev.preventDefault();
        const marks = markable.map((x) => ({ enrollmentId: x.enrollmentId, attended: attended(x) }));
        void change(ui, CALLS.markAttendance, { sessionId: p.sessionId, marks }, () => undefined).then((ok) => (ok ? loadParticipants(ui, p.sessionId) : undefined));
      } },
      h('h3', null, t('admin.courses.attendance')),
      h('p', { class: 'hint' }, t('admin.courses.attendanceHint')),
      h('ul', { class: 'plain people' }, markable.map((x) => h('li', { class: 'person', 'data-enrollment': x.enrollmentId },
        h('label', { class: 'check mark' },
          h('input', { type: 'checkbox', name: 'attended', value: x.enrollmentId, checked: attended(x),
            onChange: (ev: Event) => { c.marks[x.enrollmentId] = (ev.currentTarget as HTMLInputElement).checked; } }),
          person(x))))),
      h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', disabled: s.busy }, t('admin.courses.saveAttendance'))))
      : p.participants.length && !p.canMark && p.status !== 'cancelled' ? h('p', { class: 'hint' }, t('admin.courses.markLater')) : null,
    others.length ? h('ul', { class: 'plain people' }, others.map((x) => h('li', { class: 'person', 'data-enrollment': x.enrollmentId }, person(x)))) : null);
}

export function coursesView(s: State, ui: Ui): VNode {
  const c = s.courses;
  const d = c.data;
  if (!d) return h('p', null, t('admin.loading'));
  if (c.course) return courseForm(s, ui, d);
  if (c.participants) return participantsView(s, ui, c.participants);
  if (c.courseId && c.session) return sessionForm(s, ui, d, c.courseId);
  if (c.courseId) return courseDetail(s, ui, d, c.courseId);
  return courseList(s, ui, d);
}
