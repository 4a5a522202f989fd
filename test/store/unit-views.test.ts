// Leader and admin views built at rebuild time: pages for big units, top units per leader, sizes, exact patches.
import { rebuildReadModel } from '../../src/store/rebuild';
import { ReadModel } from '../../src/store/read-model';
import { CHUNK_CHARS, MAX_CHUNKS } from '../../src/store/cache-shards';
import {
  buildUnitViews, leaderKey, memberOf, patchUnitView, PENDING_MAX, pendingOf, unitKey, UNIT_PAGE, type UnitPage, type UnitView,
} from '../../src/store/unit-views';
import type { PersonView } from '../../src/store/read-model';
import type { Employee, Unit } from '../../src/core/records/tables';
import { fixturePorts, PEOPLE, TODAY } from '../support/fixture';

const units: Unit[] = [
  { unitId: 'top', name: 'Top', area: 'A', parentUnitId: undefined, leaderEmails: ['boss@k.no'] },
  { unitId: 'big', name: 'Big', area: 'A', parentUnitId: 'top', leaderEmails: ['boss@k.no', 'Other@K.no'] },
];
function person(i: number, unitId: string, fire?: string): PersonView {
  const employee: Employee = { employeeId: `E${String(i).padStart(5, '0')}`, email: `p${i}@k.no`, name: `Person ${i}`, unitId, roleIds: ['r'],
    managerEmail: undefined, startDate: '2020-01-01', probationEndsOn: undefined, status: 'active', locale: 'nb' };
  const certifications = fire ? [{ rowNumber: i + 2, row: { certificationId: `C${i}`, employeeId: employee.employeeId, competenceId: 'fire', achievedOn: fire,
    expiresOn: undefined, source: 'session' as const, evidenceFileId: undefined, verifiedBy: undefined, state: 'valid' as const, note: undefined } }] : [];
  return { employee: { row: employee, rowNumber: i + 2 }, certifications, enrollments: [], planItems: [], skills: [], appraisals: [], questions: [] };
}
const inputs = {
  competences: [{ competenceId: 'fire', name: 'Brannvern', category: 'mandatory' as const, validityMonths: 12, renewFrom: undefined, windowDays: undefined, satisfiedBy: ['sign-off'], legalBasis: undefined }],
  requirements: [{ roleId: 'r', competenceId: 'fire', level: 'required' as const, dueWithinDays: undefined }],
  today: TODAY, expiringWindowDays: 90, builtAt: `${TODAY}T05:00:00Z`,
};

describe('buildUnitViews', () => {
  // 1,100 people in one unit: 300 without fire safety, the rest valid.
  const people = Array.from({ length: 1100 }, (_, i) => person(i, 'big', i < 300 ? undefined : '2026-06-01'));
  const built = buildUnitViews(units, [...people, person(5000, 'top', '2026-06-01')], inputs);
  const views = new Map(built.entries);

  it('pages a big unit\'s people, worst first, each value within the cache chunk budget', () => {
    const big = views.get(unitKey('big')) as UnitView;
    expect(big).toMatchObject({ memberCount: 1100, needingCount: 300, pages: Math.ceil(1100 / UNIT_PAGE) });
    expect(big.members).toHaveLength(UNIT_PAGE);
    expect(big.members[0]!.items[0]!.status).toBe('missing');
    expect((views.get(unitKey('big', 2)) as UnitPage).members).toHaveLength(1100 - 2 * UNIT_PAGE);
    for (const [, v] of built.entries) expect(JSON.stringify(v).length).toBeLessThan(CHUNK_CHARS * MAX_CHUNKS);
  });

  it('gives each leader their top units only (a led unit inside another is reached by drill-down)', () => {
    expect(built.leaders.get('boss@k.no')!.units.map((u) => u.unit.unitId)).toEqual(['top']);
    expect(built.leaders.get('other@k.no')!.units.map((u) => u.unit.unitId)).toEqual(['big']);
    expect(views.has(leaderKey('OTHER@k.no'))).toBe(true);
    expect((views.get(unitKey('top')) as UnitView).unit).toMatchObject({ people: 1101, required: 1101, compliant: 801 });
  });

  it('patches a unit view exactly as a rebuild would compute it', () => {
    const changed = person(0, 'big', '2026-11-20');
    const rebuilt = buildUnitViews(units, [changed, ...people.slice(1), person(5000, 'top', '2026-06-01')], inputs);
    const top = views.get(unitKey('top')) as UnitView;
    const before = (views.get(unitKey('big')) as UnitView).members.find((m) => m.employeeId === 'E00000');
    const after = rebuilt.members.find((m) => m.employeeId === 'E00000')!;
    const patched = patchUnitView(top, ['big', 'top'], before, after, 'now');
    const expected = rebuilt.unitViews.get('top')!;
    expect(patched.unit).toEqual(expected.unit);
    expect(patched.children).toEqual(expected.children);
    const bigPatched = patchUnitView(views.get(unitKey('big')) as UnitView, ['big', 'top'], before, after, 'now');
    expect(bigPatched.needingCount).toBe(299);
    expect(bigPatched.members.find((m) => m.employeeId === 'E00000')!.items).toEqual([]);
  });
});

it('the rebuild stages the leader and admin views next to the person views', () => {
  const ports = fixturePorts();
  const result = rebuildReadModel(ports.workbook, new ReadModel(ports.cache, () => 'g', ports.codec), { now: `${TODAY}T05:00:00Z`, today: TODAY, generation: 'g' });
  const keys = ['u:solbakken', 'u:solbakken-a', `ul:${PEOPLE.per}`, 'dash'];
  const loaded = new ReadModel(ports.cache, () => 'r', ports.codec).load(keys.map((view) => ({ view })));
  for (const k of keys) expect(loaded.get(k)).toBeDefined();
  expect(result.largestEntryBytes).toBeLessThan(100_000);
});

describe('certificates waiting for verification in the unit views', () => {
  const pendingPerson = (i: number, unitId: string, achievedOn: string): PersonView => {
    const p = person(i, unitId);
    p.certifications.push({ rowNumber: 900 + i, row: { certificationId: `P${i}`, employeeId: p.employee.row.employeeId, competenceId: 'fire', achievedOn,
      expiresOn: undefined, source: 'document', evidenceFileId: `file${i}`, verifiedBy: undefined, state: 'pending', note: undefined } });
    return p;
  };

  it('lists a pending certificate in the person\'s unit and every unit above it, longest waiting first, capped with a count', () => {
    const many = Array.from({ length: PENDING_MAX + 5 }, (_, i) => pendingPerson(i, 'big', `2026-10-${String((i % 28) + 1).padStart(2, '0')}`));
    const views = new Map(buildUnitViews(units, [...many, person(9000, 'big', '2026-06-01')], inputs).entries);
    for (const id of ['big', 'top']) {
      const v = views.get(unitKey(id)) as UnitView;
      expect(v.pendingCount).toBe(PENDING_MAX + 5);
      expect(v.pending).toHaveLength(PENDING_MAX);
      expect(v.pending![0]).toMatchObject({ achievedOn: '2026-10-01', unitId: 'big', evidenceFileId: expect.stringMatching(/^file/) });
      expect(v.pending!.map((p) => p.achievedOn)).toEqual([...v.pending!.map((p) => p.achievedOn)].sort());
    }
  });

  it('leaves out people who have left, and drops an entry when a patch says it was decided', () => {
    const gone = pendingPerson(1, 'big', '2026-10-02');
    gone.employee.row.status = 'left';
    const waiting = pendingPerson(2, 'big', '2026-10-03');
    const built = buildUnitViews(units, [gone, waiting], inputs);
    const big = new Map(built.entries).get(unitKey('big')) as UnitView;
    expect(big.pending!.map((p) => p.certificationId)).toEqual(['P2']);
    const decided: PersonView = { ...waiting, certifications: waiting.certifications.map((c) => ({ ...c, row: { ...c.row, state: 'valid' as const } })) };
    const after = memberOf(decided, inputs);
    const patched = patchUnitView(big, ['big', 'top'], big.members.find((m) => m.employeeId === after.employeeId), after, 'now', pendingOf(decided));
    expect(patched.pending).toBeUndefined();
    expect(patched.pendingCount).toBeUndefined();
    // A unit outside the person's chain keeps its list.
    expect(patchUnitView(big, ['elsewhere'], undefined, after, 'now', []).pending).toHaveLength(1);
  });
});
