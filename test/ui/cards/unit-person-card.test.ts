// A leader's view of one person: every item explained, certificates to verify, and sign-off where the leader may act.
import type { StatusItem } from '../../../src/core/competence-status';
import { translator } from '../../../src/core/i18n';
import { ACTIONS } from '../../../src/contract/actions';
import { explain } from '../../../src/ui/cards/status-card';
import { unitPersonCard, type UnitPersonModel } from '../../../src/ui/cards/unit-person-card';
import { actionNames, clicks, expectHostileInert, expectValidCard, HOSTILE, ws } from '../../support/cards';

const nb = translator('nb');
const items: StatusItem[] = [
  { competenceId: 'HLR', level: 'required', status: 'expired', expiresOn: '2026-11-01', basis: { certificationId: 'X1', source: 'session', achievedOn: '2024-11-01', validityMonths: 24, from: '2024-11-01' } },
  { competenceId: 'MED', level: 'required', status: 'missing', dueBy: '2027-01-01' },
  { competenceId: 'A', level: 'required', status: 'valid', basis: { certificationId: 'X2', source: 'import', achievedOn: '2020-01-01' } },
  { competenceId: 'B', level: 'required', status: 'valid', basis: { certificationId: 'X3', source: 'import', achievedOn: '2020-01-01' } },
  ...['R1', 'R2', 'R3'].map((id): StatusItem => ({ competenceId: id, level: 'recommended', status: 'missing' })),
];
const model = (over: Partial<UnitPersonModel> = {}, personOver: Partial<UnitPersonModel['person']> = {}): UnitPersonModel => ({
  person: {
    name: 'Kari Nordmann', unitName: 'Sone 1', roleNames: ['Helsefagarbeider', 'Nattevakt'], isLeader: false, isAdmin: false,
    status: { items, required: 4, compliant: 2, counts: { valid: 2, expiring: 0, expired: 1, missing: 4, overdue: 0 } },
    competenceName: (id) => `Kompetanse ${id}`, nextSession: (id) => (id === 'HLR' ? { sessionId: 'S9', courseTitle: 'HLR-kurs', startsAt: '2026-12-10T08:00:00Z' } : undefined),
    plan: [{ planItemId: 'P1', label: 'Veiledning', dueBy: '2027-02-01' }], ...personOver,
  },
  email: 'kari@k.no', unitId: 'U-N1', chain: ['U-N1', 'U-NORD'], mayAct: true, signOffable: (id) => id === 'MED' || id === 'A',
  pending: [{ certificationId: 'X9', competenceId: 'MED', achievedOn: '2026-12-01', source: 'document' }], ...over,
});

it('shows a leader who may act: certificates to verify, open items with sign-off, items in order, recommended and the plan', () => {
  const c = unitPersonCard(model(), nb, 'nb');
  expectValidCard(c);
  expect(c.header).toEqual({ title: 'Kari Nordmann', subtitle: nb('home.subtitle', { role: 'Helsefagarbeider, Nattevakt', unit: 'Sone 1' }) });
  expect(c.sections.map((s) => [s.header, s.widgets.length])).toEqual([
    [undefined, 1], [nb('verify.title'), 1], [nb('unit.person.required'), 2], [nb('unit.person.inOrder', { count: 2 }), 2],
    [nb('status.recommended'), 3], [nb('status.plan.title'), 1], [undefined, 1],
  ]);
  expect(ws(c.sections[0])[0]!.textParagraph!.text).toBe(nb('status.summary', { ok: 2, total: 4 }));
  expect(ws(c.sections[1])[0]!.decoratedText!.bottomLabel).toBe(nb('verify.line', { source: nb('status.source.document'), date: '1. desember 2026' }));
  expect(clicks(c)).toEqual([
    { text: nb('verify.button'), action: ACTIONS.verifyCertification, params: { email: 'kari@k.no', certificationId: 'X9', chain: 'U-N1,U-NORD' }, dialog: false },
    // Only MED is open and signable; A is valid, so no sign-off button on it.
    { text: nb('signoff.button'), action: ACTIONS.signOffOpen, params: { email: 'kari@k.no', competenceId: 'MED', chain: 'U-N1,U-NORD' }, dialog: true },
    { text: nb('signoff.other'), action: ACTIONS.signOffOpen, params: { email: 'kari@k.no', chain: 'U-N1,U-NORD' }, dialog: true },
    { text: nb('unit.backToUnit'), action: ACTIONS.unitOverview, params: { unitId: 'U-N1' }, dialog: false },
  ]);
  expect(ws(c.sections[2])[0]!.decoratedText!.bottomLabel).toBe(`${explain(items[0]!, nb, 'nb')} · ${nb('status.nextSession', { course: 'HLR-kurs', date: '10. desember 2026' })}`);
  expect(c.sections[3]).toMatchObject({ collapsible: true, uncollapsibleWidgetsCount: 1 });
  expect(c.sections[4]).toMatchObject({ collapsible: true, uncollapsibleWidgetsCount: 2 });
});

it('offers no verify or sign-off to someone who may only look', () => {
  const c = unitPersonCard(model({ mayAct: false }), nb, 'nb');
  expectValidCard(c);
  expect(actionNames(c)).toEqual([ACTIONS.unitOverview]);
  expect(ws(c.sections[1])).toHaveLength(1);
});

it('says when the person\'s roles require nothing, and leaves out empty sections', () => {
  const c = unitPersonCard(model({ pending: [] }, { status: { items: [], required: 0, compliant: 0, counts: { valid: 0, expiring: 0, expired: 0, missing: 0, overdue: 0 } }, plan: [] }), nb, 'nb');
  expectValidCard(c);
  expect(c.sections.map((s) => s.header)).toEqual([undefined, undefined]);
  expect(ws(c.sections[0])[0]!.textParagraph!.text).toBe(nb('unit.person.noRequirements'));
  expect(actionNames(c)).toEqual([ACTIONS.unitOverview]);
});

it('keeps competence names, course titles and plan text inert, and speaks English', () => {
  expectHostileInert(unitPersonCard(model({}, { competenceName: () => HOSTILE, plan: [{ planItemId: 'P', label: HOSTILE }],
    nextSession: () => ({ sessionId: 'S', courseTitle: HOSTILE, startsAt: '2026-12-10T08:00:00Z' }) }), nb, 'nb'));
  const en = translator('en');
  expect(unitPersonCard(model(), en, 'en').sections[2]!.header).toBe(en('unit.person.required'));
  expect(en('unit.person.required')).not.toBe(nb('unit.person.required'));
});
