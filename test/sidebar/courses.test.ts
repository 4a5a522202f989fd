// The Courses tab: the searchable list, a course with its dates, the course and date forms (the server validates; the
// forms keep what was typed), cancelling a date after a yes, and a date's participants with attendance and CSV export.
import type { CourseAdminData, ParticipantsData } from '../../src/contract/course-admin';
import { setStrings } from '../../src/sidebar/api';
import { coursesView, whenLocal } from '../../src/sidebar/courses';
import { initialState } from '../../src/sidebar/state';
import { findAll, textOf, type VNode } from '../../src/sidebar/vdom';
import { fakeUi, scriptedRun, settle, type Answer } from './fake-run';

setStrings({
  'month.names': 'januar,februar,mars,april,mai,juni,juli,august,september,oktober,november,desember', 'date.long': '{d}. {month} {y}',
  'admin.courses.when': '{date} kl. {start}–{end}', 'admin.courses.whenSpan': '{date} kl. {start} – {endDate} kl. {end}',
  'admin.courses.dateCount': '{count, plural, one {# dato} other {# datoer}}', 'admin.courses.seats': '{enrolled} av {capacity} plasser',
  'admin.courses.waitlist': '{count} på venteliste', 'admin.courses.grants': 'Gir: {list}', 'admin.courses.cancelConfirm': '{enrolled} påmeldt og {waitlisted} på venteliste får e-post.',
  'admin.courses.new': 'Nytt kurs', 'admin.courses.cancelDate': 'Avlys', 'admin.courses.cancelYes': 'Ja, avlys', 'admin.courses.participants': 'Deltakere',
  'admin.courses.editDate': 'Endre dato', 'admin.courses.edit': 'Endre kurs', 'common.save': 'Lagre', 'admin.courses.csv': 'Last ned CSV', 'admin.courses.back': 'Alle kurs',
  'admin.courses.exported': 'Lastet ned {file}',
});
afterAll(() => setStrings({}));

const DATA: CourseAdminData = {
  timeZone: 'Europe/Oslo', formats: ['classroom', 'e-learning'],
  competences: [{ competenceId: 'HLR', name: 'Hjerte-lungeredning' }], roles: [{ roleId: 'sykepleier', name: 'Sykepleier' }],
  courses: [
    { courseId: 'C1', title: 'Førstehjelp', format: 'classroom', hours: 3, description: 'Grunnkurs i HLR', competenceIds: ['HLR', 'GONE'], targetRoleIds: ['sykepleier'], ownerEmail: 'eier@k.no', ownerName: 'Eva Eier', active: true },
    { courseId: 'C2', title: 'Gammelt kurs', format: 'e-learning', competenceIds: [], targetRoleIds: [], active: false },
  ],
  sessions: [
    { sessionId: 'S1', courseId: 'C1', startsAt: '', endsAt: '', startsLocal: '2027-01-14T09:00', endsLocal: '2027-01-14T12:00', location: 'Rådhuset', capacity: 12, enrolled: 12, waitlisted: 2, signupDeadline: '2027-01-10', status: 'open' },
    { sessionId: 'S2', courseId: 'C1', startsAt: '', endsAt: '', startsLocal: '2027-02-01T09:00', endsLocal: '2027-02-02T15:00', capacity: 10, enrolled: 0, waitlisted: 0, status: 'cancelled' },
  ],
};
const PARTICIPANTS: ParticipantsData = {
  sessionId: 'S1', courseTitle: 'Førstehjelp', when: '14. januar 2027 kl. 09:00–12:00', capacity: 12, status: 'held', canMark: true, pendingNames: false,
  participants: [
    { enrollmentId: 'N1', name: 'Kari', email: 'kari@k.no', unitId: 'U', status: 'enrolled', statusLabel: 'Påmeldt', signedUpAt: '', granted: 0 },
    { enrollmentId: 'N2', name: 'Ola', email: 'ola@k.no', unitId: 'U', status: 'attended', statusLabel: 'Deltok', signedUpAt: '', granted: 1 },
    { enrollmentId: 'N3', name: 'Per', email: 'per@k.no', unitId: 'U', status: 'waitlisted', statusLabel: 'Venteliste', position: 1, signedUpAt: '', granted: 0 },
  ],
};
const data = (d: unknown): Answer => ({ ok: JSON.stringify({ kind: 'data', data: d }) });

function harness(answers: Record<string, Answer> = {}) {
  const calls = scriptedRun((name) => answers[name] ?? data(DATA));
  const state = initialState();
  state.tab = 'courses';
  state.courses.data = structuredClone(DATA);
  let tree: VNode = { tag: 'div', props: {}, children: [] };
  const ui = fakeUi(state);
  const render = ui.render.bind(ui);
  ui.render = () => { render(); tree = coursesView(state, ui as never); };
  ui.render();
  const buttonsNamed = (label: string) => findAll(tree, (n) => n.tag === 'button' && textOf(n) === label);
  const click = async (label: string, i = 0) => {
    const b = buttonsNamed(label)[i];
    if (!b) throw new Error(`No button "${label}" in: ${textOf(tree).slice(0, 300)}`);
    (b.props.onClick as () => void)();
    await settle(); await settle(); await settle();
  };
  const submit = async (fields: { name: string; type?: string; value: string; checked?: boolean }[]) => {
    const form = findAll(tree, (n) => n.tag === 'form')[0]!;
    (form.props.onSubmit as (e: unknown) => void)({ preventDefault: () => undefined, currentTarget: { elements: fields.map((f) => ({ type: 'text', ...f })) } });
    await settle(); await settle(); await settle(); await settle();
  };
  return { calls, state, ui, tree: () => tree, text: () => textOf(tree), click, submit, buttonsNamed };
}

it('writes a date\'s time from the wall-clock times, over two days when it spans them', () => {
  expect(whenLocal('2027-01-14T09:00', '2027-01-14T12:00')).toBe('14. januar 2027 kl. 09:00–12:00');
  expect(whenLocal('2027-02-01T09:00', '2027-02-02T15:00')).toBe('1. februar 2027 kl. 09:00 – 2. februar 2027 kl. 15:00');
});

describe('the list', () => {
  it('says it is loading, then lists the courses with format, hours and live dates, inactive ones marked', () => {
    expect(textOf(coursesView(initialState(), fakeUi(initialState()) as never))).toBe('admin.loading');
    const h = harness();
    const items = findAll(h.tree(), (n) => n.tag === 'li');
    expect(items.map((i) => [i.props['data-course'], i.props.class])).toEqual([['C1', 'item'], ['C2', 'item inactive']]);
    expect(textOf(items[0]!)).toBe('Førstehjelp admin.courses.format.classroom · admin.courses.hours · 1 dato');
    expect(textOf(items[1]!)).toBe('Gammelt kurs admin.courses.inactive admin.courses.format.e-learning · 0 datoer');
  });

  it('searches title, id and description without regard to case, and says when nothing matches', () => {
    const h = harness();
    for (const [q, ids] of [['hlr', ['C1']], ['c2', ['C2']], ['  FØRSTE ', ['C1']], ['sykkel', []]] as const) {
      h.state.courses.search = q;
      h.ui.render();
      expect(findAll(h.tree(), (n) => n.tag === 'li').map((i) => i.props['data-course'])).toEqual(ids);
    }
    expect(h.text()).toContain('admin.courses.noMatch');
    h.state.courses.data!.courses = [];
    h.state.courses.search = '';
    h.ui.render();
    expect(h.text()).toContain('admin.courses.none');
  });
});

describe('a course and its dates', () => {
  it('shows what it grants and for whom, and each date with seats, waitlist, deadline and what can be done', async () => {
    const h = harness();
    await h.click('Førstehjelp');
    expect(h.state.courses.courseId).toBe('C1');
    const text = h.text();
    expect(text).toContain('C1 · admin.courses.format.classroom · admin.courses.hours');
    expect(text).toContain('Gir: Hjerte-lungeredning, GONE');
    const [s1, s2] = findAll(h.tree(), (n) => n.props['data-session'] !== undefined);
    expect(textOf(s1!)).toBe('14. januar 2027 kl. 09:00–12:00 admin.courses.status.open Rådhuset 12 av 12 plasser 2 på venteliste admin.courses.deadline Deltakere Endre dato Avlys');
    // A cancelled date can still show its participants, but not be changed or cancelled again.
    expect(findAll(s2!, (n) => n.tag === 'button').map(textOf)).toEqual(['Deltakere']);
  });

  it('cancels a date only after a yes, with the reason, then reads the list again', async () => {
    const h = harness({ 'courses.admin.cancelSession': data({ saved: true, message: 'Datoen er avlyst.' }) });
    await h.click('Førstehjelp');
    await h.click('Avlys');
    expect(h.text()).toContain('12 påmeldt og 2 på venteliste får e-post.');
    expect(h.calls.map((c) => c.name)).toEqual([]);
    const reason = findAll(h.tree(), (n) => n.tag === 'input' && n.props.name === 'reason')[0]!;
    (reason.props.onInput as (e: unknown) => void)({ currentTarget: { value: 'Instruktøren er syk' } });
    await h.click('Ja, avlys');
    expect(h.calls.map((c) => [c.name, c.payload.sessionId, c.payload.reason])).toEqual([
      ['courses.admin.cancelSession', 'S1', 'Instruktøren er syk'], ['courses.admin.list', undefined, undefined]]);
    expect(h.state.courses.cancel).toBeUndefined();
    expect(h.state.status).toEqual({ text: 'Datoen er avlyst.', error: false });
  });
});

describe('the forms', () => {
  it('saves a new course with its lists and the active box as a yes/no, then opens it', async () => {
    const h = harness({ 'courses.admin.saveCourse': data({ saved: true, message: 'Lagret.', refreshSoon: true }) });
    await h.click('Nytt kurs');
    expect(h.state.courses.course).toEqual({ isNew: true, draft: { format: 'classroom', active: ['yes'] } });
    await h.submit([{ name: 'courseId', value: ' C9 ' }, { name: 'title', value: 'Brannvern' }, { name: 'format', value: 'classroom' }, { name: 'hours', value: '2.5' },
      { name: 'competenceIds', type: 'checkbox', value: 'HLR', checked: true }, { name: 'active', type: 'checkbox', value: 'yes', checked: false }]);
    expect(h.calls[0]).toMatchObject({ name: 'courses.admin.saveCourse', payload: { isNew: true, courseId: ' C9 ', title: 'Brannvern', hours: '2.5', competenceIds: ['HLR'], targetRoleIds: [], active: false } });
    expect(h.state.status!.text).toBe('Lagret. admin.saved.refreshSoon');
    expect([h.state.courses.course, h.state.courses.courseId]).toEqual([undefined, 'C9']);
  });

  it('keeps what was typed when the server refuses, and never lets an edit change the course id', async () => {
    const h = harness({ 'courses.admin.saveCourse': { ok: JSON.stringify({ kind: 'notify', text: 'Tittel mangler.' }) } });
    await h.click('Førstehjelp');
    await h.click('Endre kurs');
    const idInput = findAll(h.tree(), (n) => n.props.name === 'courseId')[0]!;
    expect(idInput.props.readonly).toBe(true);
    await h.submit([{ name: 'courseId', value: 'HACKED' }, { name: 'title', value: '' }]);
    expect(h.calls[0]!.payload).toMatchObject({ isNew: false, courseId: 'C1', title: '' });
    expect(h.state.status).toEqual({ text: 'Tittel mangler.', error: true });
    expect(h.state.courses.course?.draft).toMatchObject({ courseId: 'C1', title: '' });
  });

  it('edits a date from its wall-clock times and sends sign-up as open or closed only', async () => {
    const h = harness({ 'courses.admin.saveSession': data({ saved: true, message: 'Lagret.' }) });
    await h.click('Førstehjelp');
    await h.click('Endre dato');
    expect(h.state.courses.session).toEqual({ isNew: false, draft: { sessionId: 'S1', startsAt: '2027-01-14T09:00', endsAt: '2027-01-14T12:00', location: 'Rådhuset',
      capacity: '12', instructorEmail: '', signupDeadline: '2027-01-10', status: 'open' } });
    await h.submit([{ name: 'startsAt', value: '2027-01-15T09:00' }, { name: 'endsAt', value: '2027-01-15T12:00' }, { name: 'capacity', value: '14' }, { name: 'status', value: 'held' }]);
    expect(h.calls[0]!.payload).toMatchObject({ isNew: false, sessionId: 'S1', courseId: 'C1', startsAt: '2027-01-15T09:00', capacity: '14', status: 'open' });
    expect(h.state.courses.session).toBeUndefined();
  });
});

describe('participants', () => {
  it('marks attendance for those with a seat (as ticked), lists the waitlist apart, and exports the CSV', async () => {
    const h = harness({
      'courses.admin.participants': data(PARTICIPANTS), 'courses.admin.markAttendance': data({ saved: true, message: 'Oppmøte lagret.' }),
      'courses.admin.export': data({ csv: 'navn;status\nKari;Påmeldt', fileName: 'deltakere-S1.csv' }),
    });
    await h.click('Førstehjelp');
    await h.click('Deltakere');
    expect(h.state.courses.participants?.sessionId).toBe('S1');
    const boxes = findAll(h.tree(), (n) => n.tag === 'input' && n.props.name === 'attended');
    expect(boxes.map((b) => [b.props.value, b.props.checked])).toEqual([['N1', false], ['N2', true]]);
    expect(findAll(h.tree(), (n) => n.props['data-enrollment'] === 'N3').map(textOf)).toEqual(['Per admin.courses.position per@k.no']);
    (boxes[0]!.props.onChange as (e: unknown) => void)({ currentTarget: { checked: true } });
    (boxes[1]!.props.onChange as (e: unknown) => void)({ currentTarget: { checked: false } });
    await h.submit([]);
    expect(h.calls.find((c) => c.name === 'courses.admin.markAttendance')!.payload).toMatchObject({ sessionId: 'S1', marks: [{ enrollmentId: 'N1', attended: true }, { enrollmentId: 'N2', attended: false }] });
    expect(h.calls.map((c) => c.name).slice(-2)).toEqual(['courses.admin.list', 'courses.admin.participants']);
    await h.click('Last ned CSV');
    expect(h.ui.downloads).toEqual([{ fileName: 'deltakere-S1.csv', text: 'navn;status\nKari;Påmeldt', mimeType: undefined }]);
    expect(h.state.status!.text).toBe('Lastet ned deltakere-S1.csv');
  });

  it('before the date has begun, offers no marking and says it comes later', async () => {
    const h = harness({ 'courses.admin.participants': data({ ...PARTICIPANTS, canMark: false, status: 'open' }) });
    await h.click('Førstehjelp');
    await h.click('Deltakere');
    expect(findAll(h.tree(), (n) => n.tag === 'form')).toEqual([]);
    expect(h.text()).toContain('admin.courses.markLater');
  });
});
