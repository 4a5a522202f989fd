// The staff member's own status card: what needs action (with the next session to sign up for), what is in order, the
// recommended, the plan, and every item's status explained in words.
import type { EmployeeStatus, StatusItem } from '../../../src/core/competence-status';
import { translator } from '../../../src/core/i18n';
import { ACTIONS } from '../../../src/contract/actions';
import { explain, planWidgets, statusCard, type StatusCardModel } from '../../../src/ui/cards/status-card';
import { actionNames, clicks, expectHostileInert, expectValidCard, HOSTILE, aw, ws } from '../../support/cards';

const nb = translator('nb');
const basis = { certificationId: 'X1', source: 'session' as const, achievedOn: '2025-03-01', validityMonths: 24, from: '2025-03-01' };
const items: StatusItem[] = [
  { competenceId: 'HLR', level: 'required', status: 'expired', expiresOn: '2026-11-01', basis },
  { competenceId: 'BRANN', level: 'required', status: 'missing', dueBy: '2027-01-01' },
  { competenceId: 'SMITTE', level: 'required', status: 'expiring', expiresOn: '2027-01-15', daysLeft: 43, basis },
  ...['A', 'B', 'C', 'D'].map((id): StatusItem => ({ competenceId: id, level: 'required', status: 'valid', expiresOn: '2028-01-01', basis })),
  { competenceId: 'SHEETS', level: 'recommended', status: 'missing' },
];
const status = (list: StatusItem[]): EmployeeStatus => ({
  items: list, required: list.filter((i) => i.level === 'required').length, compliant: list.filter((i) => i.level === 'required' && (i.status === 'valid' || i.status === 'expiring')).length,
  counts: { valid: 0, expiring: 0, expired: 0, missing: 0, overdue: 0 },
});
const model = (over: Partial<StatusCardModel> = {}): StatusCardModel => ({
  name: 'Kari Nordmann', unitName: 'Hjemmetjenesten Nord', roleNames: ['Sykepleier'], status: status(items),
  competenceName: (id) => `Kompetanse ${id}`, nextSession: (id) => (id === 'HLR' ? { sessionId: 'S9', courseTitle: 'HLR-kurs', startsAt: '2026-12-10T08:00:00Z' } : undefined),
  isLeader: false, isAdmin: false, ...over,
});

it('greets by first name, counts what is in order, and groups needs action / in order / recommended', () => {
  const c = statusCard(model(), nb, 'nb');
  expectValidCard(c);
  expect(c.header).toEqual({ title: nb('status.title'), subtitle: nb('home.subtitle', { role: 'Sykepleier', unit: 'Hjemmetjenesten Nord' }) });
  expect(ws(c.sections[0])[0]!.textParagraph!.text).toBe(`${nb('home.greeting', { name: 'Kari' })}<br>${nb('status.summary', { ok: 5, total: 7 })}`);
  expect(c.sections.map((s) => [s.header, s.widgets.length, s.collapsible ?? false])).toEqual([
    [undefined, 1, false], [nb('status.needsAction'), 3, false], [nb('status.allGood'), 4, true], [nb('status.recommended'), 1, false], [undefined, 2, true],
  ]);
  expect(c.sections[2]!.uncollapsibleWidgetsCount).toBe(3);
});

it('offers sign-up to the next session of a course that grants a missing competence, and the menu of the person\'s roles', () => {
  const c = statusCard(model(), nb, 'nb');
  const hlr = ws(c.sections[1])[0]!.decoratedText!;
  expect(hlr.text).toBe('<b>Kompetanse HLR</b>');
  expect(hlr.bottomLabel).toBe(`${explain(items[0]!, nb, 'nb')} · ${nb('status.nextSession', { course: 'HLR-kurs', date: '10. desember 2026' })}`);
  expect(clicks(hlr)).toEqual([{ text: nb('status.signUp'), action: ACTIONS.signUp, params: { sessionId: 'S9' }, dialog: false }]);
  expect(ws(c.sections[2]).every((w) => !w.decoratedText!.button)).toBe(true);
  // Three buttons in view (short on a phone, issue 15); every other action one "show more" away, none lost.
  const primary = [ACTIONS.myCourses, ACTIONS.findCourses, ACTIONS.askOpen];
  const more = [ACTIONS.faqSearch, ACTIONS.myGuide, ACTIONS.myAppraisals, ACTIONS.skillsOpen];
  const menu = c.sections.at(-1)!;
  expect([menu.collapsible, menu.uncollapsibleWidgetsCount]).toEqual([true, 1]);
  expect(actionNames({ widgets: [menu.widgets[0]!] })).toEqual(primary);
  expect(actionNames({ widgets: [menu.widgets[1]!] })).toEqual([...more, ACTIONS.help]);
  const lead = statusCard(model({ isLeader: true, isAdmin: true }), nb, 'nb').sections.at(-1)!;
  expect(actionNames({ widgets: [lead.widgets[0]!] })).toEqual(primary);
  expect(actionNames({ widgets: [lead.widgets[1]!] })).toEqual([ACTIONS.unitOverview, ...more, ACTIONS.health, ACTIONS.help]);
});

it('explains each status in words: expired, expiring, extended, typed, never expiring, pending, due and missing', () => {
  const d = (iso: string) => ({ '2026-11-01': '1. november 2026', '2025-03-01': '1. mars 2025', '2027-01-01': '1. januar 2027', '2024-01-01': '1. januar 2024' }[iso]!);
  const source = nb('status.source.session');
  expect(explain(items[0]!, nb, 'nb')).toBe(nb('status.explain.expired', { date: d('2026-11-01'), source, achieved: d('2025-03-01'), months: 24 }));
  expect(explain({ ...items[0]!, status: 'valid', expiresOn: '2027-01-01' }, nb, 'nb')).toBe(nb('status.explain.expires', { date: d('2027-01-01'), source, achieved: d('2025-03-01'), months: 24 }));
  expect(explain({ ...items[0]!, status: 'valid', expiresOn: '2027-01-01', basis: { ...basis, extended: true, from: '2024-01-01' } }, nb, 'nb'))
    .toBe(nb('status.explain.expiresExtended', { date: d('2027-01-01'), achieved: d('2025-03-01'), from: d('2024-01-01'), months: 24 }));
  expect(explain({ ...items[0]!, basis: { ...basis, explicit: true } }, nb, 'nb')).toBe(nb('status.explain.expiredExplicit', { date: d('2026-11-01'), source, achieved: d('2025-03-01') }));
  expect(explain({ ...items[0]!, status: 'valid', basis: { ...basis, explicit: true } }, nb, 'nb')).toBe(nb('status.explain.expiresExplicit', { date: d('2026-11-01'), source, achieved: d('2025-03-01') }));
  expect(explain({ ...items[0]!, status: 'valid', expiresOn: undefined }, nb, 'nb')).toBe(nb('status.explain.never', { source, achieved: d('2025-03-01') }));
  expect(explain({ competenceId: 'X', level: 'required', status: 'missing', pending: true, dueBy: '2027-01-01' }, nb, 'nb')).toBe(nb('status.explain.pending'));
  expect(explain(items[1]!, nb, 'nb')).toBe(nb('status.explain.due', { date: d('2027-01-01') }));
  expect(explain({ ...items[1]!, status: 'overdue' }, nb, 'nb')).toBe(nb('status.explain.overdue', { date: d('2027-01-01') }));
  expect(explain(items[7]!, nb, 'nb')).toBe(nb('status.explain.missing'));
});

it('shows the plan items with their due dates, and collapses a long plan', () => {
  const plan = [
    { planItemId: 'P1', label: 'Lære Sheets', dueBy: '2027-01-01' },
    { planItemId: 'P2', label: 'Veiledning', dueBy: '2026-11-01', overdue: true, status: 'valid' as const },
    { planItemId: 'P3', label: 'Uten frist' }, { planItemId: 'P4', label: 'Fire' },
  ];
  expect(planWidgets(plan, nb, 'nb').map(aw).map((w) => [w.decoratedText!.topLabel, w.decoratedText!.bottomLabel, w.decoratedText!.startIcon!.materialIcon!.name])).toEqual([
    [nb('status.plan.open'), nb('status.plan.due', { date: '1. januar 2027' }), 'flag'],
    [nb('status.label.valid'), nb('status.plan.overdue', { date: '1. november 2026' }), 'check_circle'],
    [nb('status.plan.open'), undefined, 'flag'], [nb('status.plan.open'), undefined, 'flag'],
  ]);
  const c = statusCard(model({ plan }), nb, 'nb');
  expectValidCard(c);
  expect(c.sections.find((s) => s.header === nb('status.plan.title'))).toMatchObject({ collapsible: true, uncollapsibleWidgetsCount: 3 });
});

it('has a summary for a role without requirements, keeps user text inert, and speaks Swedish', () => {
  const empty = statusCard(model({ status: status([]) }), nb, 'nb');
  expectValidCard(empty);
  expect(ws(empty.sections[0])[0]!.textParagraph!.text).toContain(nb('status.summaryNone'));
  expectHostileInert(statusCard(model({ name: HOSTILE, competenceName: () => HOSTILE, plan: [{ planItemId: 'P', label: HOSTILE }],
    nextSession: () => ({ sessionId: 'S', courseTitle: HOSTILE, startsAt: '2026-12-10T08:00:00Z' }) }), nb, 'nb'));
  const sv = translator('sv');
  const c = statusCard(model(), sv, 'sv');
  expect(c.header!.title).toBe(sv('status.title'));
  expect(sv('status.title')).not.toBe(nb('status.title'));
});
