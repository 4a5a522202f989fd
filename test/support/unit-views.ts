// Small, realistic unit views for the leaders' card tests: a home-care area with sub-units and people who need action.
import type { MemberSummary, UnitAggregate } from '../../src/core/unit-aggregates';
import type { LeaderView, UnitView } from '../../src/contract/views';

const counts = (c: Partial<Record<'valid' | 'expiring' | 'expired' | 'missing' | 'overdue', number>> = {}) => ({ valid: 0, expiring: 0, expired: 0, missing: 0, overdue: 0, ...c });

export function unitAgg(unitId: string, name: string, over: Partial<UnitAggregate> = {}): UnitAggregate {
  return {
    unitId, name, area: 'Helse og velferd', people: 12, required: 48, compliant: 40, counts: counts({ valid: 36, expiring: 4, expired: 3, missing: 4, overdue: 1 }),
    peopleWithGaps: 5, peopleExpiring: 3, byCompetence: { HLR: { gaps: 3, expiring: 1 }, BRANN: { gaps: 0, expiring: 2 }, SMITTE: { gaps: 5, expiring: 0 }, OK: { gaps: 0, expiring: 0 } },
    skills: {}, skillRespondents: 0, ...over,
  };
}

export function member(i: number, over: Partial<MemberSummary> = {}): MemberSummary {
  return {
    employeeId: `E${i}`, email: `ansatt${i}@kommune.no`, name: `Ansatt ${String(i).padStart(2, '0')}`, unitId: 'U-NORD', required: 4, compliant: 2,
    counts: counts({ valid: 2, expired: 1, missing: 1 }),
    items: [{ competenceId: 'HLR', status: 'expired', date: '2026-11-01' }, { competenceId: 'SMITTE', status: 'missing', date: '2027-01-01' }],
    ...over,
  };
}

export function unitView(over: Partial<UnitView> = {}): UnitView {
  const members = over.members ?? Array.from({ length: 3 }, (_, i) => member(i + 1));
  return {
    builtAt: '2026-12-03T06:00:00Z', unit: unitAgg('U-NORD', 'Hjemmetjenesten Nord'),
    children: [unitAgg('U-N1', 'Sone 1', { parentUnitId: 'U-NORD', compliant: 30 }), unitAgg('U-N2', 'Sone 2', { parentUnitId: 'U-NORD', peopleWithGaps: 0 })],
    members, memberCount: members.length, needingCount: members.filter((m) => m.items.length).length, pages: 1, ...over,
  };
}

export const leaderView = (units: UnitView[] = [unitView()]): LeaderView => ({ builtAt: '2026-12-03T06:00:00Z', units });

export const COMPETENCES: Record<string, string> = { HLR: 'Hjerte-lungeredning', BRANN: 'Brannvern', SMITTE: 'Smittevern' };
