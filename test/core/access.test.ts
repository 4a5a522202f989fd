// The access rules as a full matrix: every kind of actor against every kind of target.
import { can, kindsOf, resolveActor, type Directory, type Target } from '../../src/core/access';
import type { Employee, Guide, Unit } from '../../src/core/records/tables';

const units: Unit[] = [
  { unitId: 'helse', name: 'Helse og velferd', area: 'helse', parentUnitId: undefined, leaderEmails: ['dir@k.no'] },
  { unitId: 'sykehjem', name: 'Solbakken sykehjem', area: 'helse', parentUnitId: 'helse', leaderEmails: ['leder@k.no'] },
  { unitId: 'avd1', name: 'Avdeling 1', area: 'helse', parentUnitId: 'sykehjem', leaderEmails: ['avd@k.no'] },
  { unitId: 'skole', name: 'Haugen skole', area: 'oppvekst', parentUnitId: undefined, leaderEmails: ['rektor@k.no'] },
];
const emp = (id: string, email: string, unitId: string, status: Employee['status'] = 'active'): Employee => ({
  employeeId: id, email, name: id, unitId, roleIds: [], managerEmail: undefined, startDate: '2020-01-01',
  probationEndsOn: undefined, status, locale: 'nb',
});
const employees = [
  emp('E1', 'ansatt@k.no', 'avd1'), emp('E2', 'leder@k.no', 'sykehjem'), emp('E3', 'avd@k.no', 'avd1'),
  emp('E4', 'dir@k.no', 'helse'), emp('E5', 'rektor@k.no', 'skole'), emp('E6', 'guide@k.no', 'skole'),
  emp('E7', 'hr@k.no', 'helse'), emp('E8', 'slutta@k.no', 'avd1', 'left'),
];
const guides: Guide[] = [
  { email: 'guide@k.no', unitIds: ['skole'], topics: ['drive'], active: true, capacityPerWeek: 5, since: undefined },
  { email: 'rektor@k.no', unitIds: ['skole'], topics: ['chat'], active: true, capacityPerWeek: 5, since: undefined },
  { email: 'avd@k.no', unitIds: ['avd1'], topics: [], active: false, capacityPerWeek: 5, since: undefined },
];
const dir: Directory = {
  units,
  employeeByEmail: (e) => employees.find((x) => x.email === e),
  guideByEmail: (e) => guides.find((g) => g.email === e),
  adminEmails: ['HR@k.no'],
  // The forum coordinator is a guide (not an administrator): announcements to the guides are theirs.
  coordinatorEmail: ' Guide@k.no',
};
const who = (email: string) => resolveActor(email, dir);

const staffE1 = { employeeId: 'E1', unitId: 'avd1', email: 'ansatt@k.no' };
const schoolE6 = { employeeId: 'E6', unitId: 'skole', email: 'guide@k.no' };
const q = (extra: object = {}) => ({ askerEmail: 'ansatt@k.no', unitId: 'skole', topic: 'drive', ...extra });

// Rows: actors. Columns: targets. Expected: the actor may do it.
const targets: Record<string, Target> = {
  viewE1: { do: 'viewEmployee', employee: staffE1 },
  viewSchool: { do: 'viewEmployee', employee: schoolE6 },
  signUpE1: { do: 'signUpFor', employee: staffE1 },
  signOffE1: { do: 'signOffFor', employee: staffE1 },
  appraiseE1: { do: 'appraiseFor', employee: staffE1 },
  unitAvd1: { do: 'viewUnit', unitId: 'avd1' },
  skillsSkole: { do: 'viewUnitSkills', unitId: 'skole' },
  faq: { do: 'viewFaq' },
  ask: { do: 'askQuestion' },
  assess: { do: 'assessOwnSkills' },
  viewQ: { do: 'viewQuestion', question: q() },
  claimQ: { do: 'claimQuestion', question: q() },
  claimTaken: { do: 'claimQuestion', question: q({ guideEmail: 'rektor@k.no' }) },
  answerQ: { do: 'answerQuestion', question: q({ guideEmail: 'guide@k.no' }) },
  resolveQ: { do: 'resolveQuestion', question: q() },
  publish: { do: 'publishFaq' },
  announce: { do: 'announceToGuides' },
  admin: { do: 'administer' },
};

const T = true, F = false;
const matrix: [string, string[], Record<keyof typeof targets, boolean>][] = [
  //                                   viewE1 viewSchool signUpE1 signOffE1 appraiseE1 unitAvd1 skillsSkole faq ask assess viewQ claimQ claimTaken answerQ resolveQ publish announce admin
  ['ansatt@k.no', ['staff'], row(T, F, T, F, F, F, F, T, T, T, T, F, F, F, T, F, F, F)],
  ['avd@k.no', ['staff', 'leader'], row(T, F, T, T, T, T, F, T, T, T, F, F, F, F, F, F, F, F)],
  ['leder@k.no', ['staff', 'leader'], row(T, F, T, T, T, T, F, T, T, T, F, F, F, F, F, F, F, F)],
  ['dir@k.no', ['staff', 'leader'], row(T, F, T, T, T, T, F, T, T, T, F, F, F, F, F, F, F, F)],
  ['rektor@k.no', ['staff', 'leader', 'guide'], row(F, T, F, F, F, F, T, T, T, T, T, T, T, F, F, T, F, F)],
  ['guide@k.no', ['staff', 'guide'], row(F, T, F, F, F, F, T, T, T, T, T, T, F, T, F, T, T, F)],
  ['hr@k.no', ['staff', 'admin'], row(T, T, T, T, T, T, T, T, T, T, T, T, T, T, T, T, T, T)],
  ['slutta@k.no', ['unknown'], row(F, F, F, F, F, F, F, T, T, F, F, F, F, F, F, F, F, F)],
  ['fremmed@x.no', ['unknown'], row(F, F, F, F, F, F, F, T, T, F, F, F, F, F, F, F, F, F)],
];

function row(...v: boolean[]): Record<keyof typeof targets, boolean> {
  return Object.fromEntries(Object.keys(targets).map((k, i) => [k, v[i]])) as Record<keyof typeof targets, boolean>;
}

describe.each(matrix)('%s', (email, kinds, expected) => {
  const actor = who(email);
  it(`is ${kinds.join(' + ')}`, () => expect(kindsOf(actor)).toEqual(kinds));
  it.each(Object.keys(targets))('%s', (name) => expect(can(actor, targets[name]!)).toBe(expected[name]));
});

describe('unit tree', () => {
  it('gives the leader of a parent unit its sub-units, and only those', () => {
    expect([...who('dir@k.no').ledUnitIds].sort()).toEqual(['avd1', 'helse', 'sykehjem']);
    expect([...who('avd@k.no').ledUnitIds]).toEqual(['avd1']);
  });
  it('survives a cycle typed into parentUnitId', () => {
    const cyclic: Directory = { ...dir, units: [...units, { unitId: 'a', name: 'a', area: 'x', parentUnitId: 'b', leaderEmails: ['x@k.no'] },
      { unitId: 'b', name: 'b', area: 'x', parentUnitId: 'a', leaderEmails: [] }] };
    // A loop never widens: the link inside it is ignored, so the leader of a keeps a alone (data health names the rows).
    expect([...resolveActor('x@k.no', cyclic).ledUnitIds].sort()).toEqual(['a']);
  });
  it('ignores an inactive guide and reads e-mails case-insensitively', () => {
    expect(who('AVD@k.no').guide).toBeUndefined();
    expect(who(' Ansatt@K.no').employee?.employeeId).toBe('E1');
  });
});

describe('the forum coordinator', () => {
  it('is whoever Settings names, and only while they have not left', () => {
    expect(who('guide@k.no').isCoordinator).toBe(true);
    expect(who('rektor@k.no').isCoordinator).toBe(false);
    expect(resolveActor('slutta@k.no', { ...dir, coordinatorEmail: 'slutta@k.no' }).isCoordinator).toBe(false);
    expect(resolveActor('guide@k.no', { ...dir, coordinatorEmail: undefined }).isCoordinator).toBe(false);
  });
});
