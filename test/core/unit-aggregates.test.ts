// Unit and area aggregates: own vs with sub-units, areas without double counting, worst competences, exact patches.
import { employeeStatus, certsByCompetence } from '../../src/core/competence-status';
import type { Certification, Competence, Employee, Requirement, Unit } from '../../src/core/records/tables';
import {
  addMember, aggregateUnits, applyMemberChange, compliancePct, emptyAggregate, memberSummary, skillSummary, unitChain,
  worstCompetences, type MemberSummary,
} from '../../src/core/unit-aggregates';

const TODAY = '2026-11-22';
const units: Unit[] = [
  { unitId: 'area', name: 'Helse', area: 'Helse', parentUnitId: undefined, leaderEmails: [] },
  { unitId: 'home', name: 'Sykehjem', area: 'Helse', parentUnitId: 'area', leaderEmails: [] },
  { unitId: 'ward', name: 'Avdeling', area: 'Helse', parentUnitId: 'home', leaderEmails: [] },
  { unitId: 'school', name: 'Skole', area: 'Oppvekst', parentUnitId: undefined, leaderEmails: [] },
  // A cycle typed by hand must not hang anything.
  { unitId: 'x', name: 'X', area: 'Annet', parentUnitId: 'y', leaderEmails: [] },
  { unitId: 'y', name: 'Y', area: 'Annet', parentUnitId: 'x', leaderEmails: [] },
];
const competences: Competence[] = [
  { competenceId: 'cpr', name: 'D-HLR', category: 'mandatory', validityMonths: 12, renewFrom: 'expiry', windowDays: 60, satisfiedBy: ['course'], legalBasis: undefined },
  { competenceId: 'fire', name: 'Brannvern', category: 'mandatory', validityMonths: 12, renewFrom: 'completion', windowDays: undefined, satisfiedBy: ['sign-off'], legalBasis: undefined },
];
const requirements: Requirement[] = [
  { roleId: 'nurse', competenceId: 'cpr', level: 'required', dueWithinDays: 30 },
  { roleId: 'nurse', competenceId: 'fire', level: 'required', dueWithinDays: undefined },
];
const byId = new Map(competences.map((c) => [c.competenceId, c]));

function member(id: string, unitId: string, certs: Partial<Certification>[], startDate = '2020-01-01'): MemberSummary {
  const e: Employee = { employeeId: id, email: `${id}@k.no`, name: `Person ${id}`, unitId, roleIds: ['nurse'], managerEmail: undefined, startDate, probationEndsOn: undefined, status: 'active', locale: 'nb' };
  const rows = certs.map((c, i) => ({ certificationId: `${id}-${i}`, employeeId: id, competenceId: 'cpr', achievedOn: '2026-01-01', expiresOn: undefined, source: 'session', evidenceFileId: undefined, verifiedBy: undefined, state: 'valid', note: undefined, ...c }) as Certification);
  return memberSummary(e, employeeStatus(e, requirements, byId, certsByCompetence(rows), { today: TODAY, expiringWindowDays: 90 }));
}

// ok: both valid. expiring: cpr expires in 20 days. gaps: fire expired, cpr missing (overdue: started long ago with a 30-day deadline).
const ok = member('ok', 'ward', [{ competenceId: 'cpr', achievedOn: '2026-10-01' }, { competenceId: 'fire', achievedOn: '2026-10-01' }]);
const expiring = member('exp', 'home', [{ competenceId: 'cpr', achievedOn: '2025-12-12' }, { competenceId: 'fire', achievedOn: '2026-10-01' }]);
const gaps = member('gap', 'ward', [{ competenceId: 'fire', achievedOn: '2025-10-01' }]);
const teacher = member('t', 'school', [{ competenceId: 'fire', achievedOn: '2026-10-01' }, { competenceId: 'cpr', achievedOn: '2026-10-01' }]);

describe('member summaries', () => {
  it('keep only the required items that are not valid, worst first, with their dates', () => {
    expect(ok.items).toEqual([]);
    expect(expiring.items).toEqual([{ competenceId: 'cpr', status: 'expiring', date: '2026-12-12' }]);
    expect(gaps.items.map((i) => [i.competenceId, i.status, i.date])).toEqual([['cpr', 'overdue', '2020-01-31'], ['fire', 'expired', '2026-10-01']]);
    expect(gaps).toMatchObject({ required: 2, compliant: 0, counts: { overdue: 1, expired: 1 } });
  });
});

describe('aggregateUnits', () => {
  const agg = aggregateUnits(units, [ok, expiring, gaps, teacher], new Map([['ok', { email: 4, sheets: 1 }], ['gap', { email: 2, sheets: 0 }]]));

  it('counts own members per unit and rolls sub-units up into their parents', () => {
    expect(agg.own.get('ward')).toMatchObject({ people: 2, required: 4, compliant: 2 });
    expect(agg.own.get('home')).toMatchObject({ people: 1, required: 2, compliant: 2, peopleExpiring: 1 });
    expect(agg.rolled.get('home')).toMatchObject({ people: 3, required: 6, compliant: 4, peopleWithGaps: 1, peopleExpiring: 1 });
    expect(agg.rolled.get('area')).toMatchObject({ people: 3, counts: { valid: 3, expiring: 1, expired: 1, overdue: 1, missing: 0 } });
    expect(agg.rolled.get('school')).toMatchObject({ people: 1, compliant: 2 });
    expect(agg.rolled.get('x')!.people).toBe(0);
  });

  it('sums areas from own aggregates, so a person is counted once', () => {
    const helse = agg.areas.find((a) => a.area === 'Helse')!;
    expect(helse).toMatchObject({ people: 3, required: 6, compliant: 4, unitIds: ['area', 'home', 'ward'] });
    expect(agg.areas.find((a) => a.area === 'Oppvekst')!.people).toBe(1);
  });

  it('gives compliance in whole percent, and none when nothing is required', () => {
    expect(compliancePct(agg.rolled.get('home')!)).toBe(66);
    expect(compliancePct(emptyAggregate())).toBeUndefined();
  });

  it('ranks the worst competences by gaps, then by expiring', () => {
    expect(worstCompetences(agg.rolled.get('home')!, 3)).toEqual([
      { competenceId: 'cpr', gaps: 1, expiring: 1 },
      { competenceId: 'fire', gaps: 1, expiring: 0 },
    ]);
  });

  it('summarises the skills survey per area: respondents, average and the level to teach at', () => {
    const home = agg.rolled.get('home')!;
    expect(home.skillRespondents).toBe(2);
    expect(skillSummary(home, 'email')).toEqual({ respondents: 2, average: 3, median: 2, distribution: [0, 0, 1, 0, 1] });
    expect(skillSummary(home, 'drive')).toBeUndefined();
  });

  it('moves exactly by a member\'s difference when one changes (same as recomputing)', () => {
    const fixed = member('gap', 'ward', [{ competenceId: 'fire', achievedOn: '2026-11-20', source: 'sign-off' }]);
    const patched = applyMemberChange(agg.rolled.get('home')!, gaps, fixed);
    const recomputed = aggregateUnits(units, [ok, expiring, fixed, teacher]).rolled.get('home')!;
    expect({ ...patched, skills: {}, skillRespondents: 0 }).toEqual({ ...recomputed, skills: {}, skillRespondents: 0 });
    // The original is untouched.
    expect(agg.rolled.get('home')!.counts.expired).toBe(1);
  });

  it('a member added and removed leaves nothing behind', () => {
    const a = emptyAggregate();
    addMember(a, gaps);
    addMember(a, gaps, -1);
    expect(a).toEqual(emptyAggregate());
  });
});

it('unitChain walks to the root and stops at a cycle', () => {
  expect(unitChain('ward', units)).toEqual(['ward', 'home', 'area']);
  expect(unitChain('x', units)).toEqual(['x', 'y']);
  expect(unitChain('nowhere', units)).toEqual([]);
});
