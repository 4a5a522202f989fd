// Status against the role plan: validity, early renewal, new hires' deadlines, recommended items, history.
import { employeeStatus, expiryChain, itemStatus, requirementsFor } from '../../src/core/competence-status';
import { addMonths, daysBetween } from '../../src/core/dates';
import type { Certification, Competence, Requirement } from '../../src/core/records/tables';

const cpr: Competence = { competenceId: 'cpr', name: 'D-HLR', category: 'mandatory', validityMonths: 12, renewFrom: 'expiry',
  windowDays: 90, satisfiedBy: ['course'], legalBasis: undefined };
const police: Competence = { ...cpr, competenceId: 'police', validityMonths: undefined, category: 'legal' };
const cert = (id: string, achievedOn: string, extra: Partial<Certification> = {}): Certification => ({
  certificationId: id, employeeId: 'E1', competenceId: 'cpr', achievedOn, expiresOn: undefined, source: 'session',
  evidenceFileId: undefined, verifiedBy: undefined, state: 'valid', note: undefined, ...extra });
const opts = { today: '2026-11-22', expiringWindowDays: 90 };
const req = { competenceId: 'cpr', level: 'required' as const, dueWithinDays: 90 };

describe('dates', () => {
  it('adds months clamping to the month end', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
    expect(daysBetween('2026-11-22', '2027-02-20')).toBe(90);
  });
});

describe('expiry', () => {
  it('renewing early extends from the old expiry, not from the course date', () => {
    const chain = expiryChain(cpr, [cert('c1', '2025-03-01'), cert('c2', '2026-01-15')]);
    expect(chain[1]!.expiresOn).toBe('2027-03-01');
    expect(chain[1]!.basis).toMatchObject({ extended: true, from: '2026-03-01', validityMonths: 12 });
  });
  it('renewing after expiry, or for a competence that renews from completion, starts from the course date', () => {
    expect(expiryChain(cpr, [cert('c1', '2024-03-01'), cert('c2', '2025-06-01')])[1]!.expiresOn).toBe('2026-06-01');
    const fromCompletion = { ...cpr, renewFrom: 'completion' as const };
    expect(expiryChain(fromCompletion, [cert('c1', '2025-03-01'), cert('c2', '2026-01-15')])[1]!.expiresOn).toBe('2027-01-15');
  });
  it('without a window of its own, a competence renews early within the municipality\'s expiring window', () => {
    const noWindow = { ...cpr, windowDays: undefined };
    // Renewed 60 days before expiry: early with the default 90-day window, not with a 30-day one.
    const certs = [cert('c1', '2025-03-01'), cert('c2', '2025-12-31')];
    expect(expiryChain(noWindow, certs)[1]!.expiresOn).toBe('2027-03-01');
    expect(expiryChain(noWindow, certs, 30)[1]!.expiresOn).toBe('2026-12-31');
    expect(itemStatus({ startDate: '2020-01-01' }, req, noWindow, certs, { ...opts, expiringWindowDays: 30 }).expiresOn).toBe('2026-12-31');
  });
  it('uses an explicit expiry typed on the certification', () => {
    expect(expiryChain(cpr, [cert('c1', '2026-01-01', { expiresOn: '2026-06-30' })])[0]).toMatchObject({ expiresOn: '2026-06-30', basis: { explicit: true } });
  });
  it('ignores revoked and pending certifications for validity but flags pending', () => {
    const s = itemStatus({ startDate: '2020-01-01' }, req, cpr, [cert('c1', '2026-10-01', { state: 'pending' }), cert('c0', '2026-10-01', { state: 'revoked' })], opts);
    expect(s).toMatchObject({ status: 'overdue', pending: true });
  });
});

describe('item status', () => {
  const at = (achieved: string) => itemStatus({ startDate: '2020-01-01' }, req, cpr, [cert('c', achieved)], opts).status;
  it.each([
    ['2026-06-01', 'valid'],
    ['2026-02-01', 'expiring'],
    ['2025-11-22', 'expiring'],
    ['2025-11-21', 'expired'],
  ])('achieved %s → %s', (achieved, status) => expect(at(achieved)).toBe(status));

  it('a new hire is missing until the deadline from the start date, then overdue', () => {
    expect(itemStatus({ startDate: '2026-10-01' }, req, cpr, [], opts)).toMatchObject({ status: 'missing', dueBy: '2026-12-30' });
    expect(itemStatus({ startDate: '2026-08-01' }, req, cpr, [], opts)).toMatchObject({ status: 'overdue', dueBy: '2026-10-30' });
  });
  it('a competence that never expires stays valid', () => {
    expect(itemStatus({ startDate: '2020-01-01' }, { ...req, competenceId: 'police' }, police, [cert('p', '2010-01-01', { competenceId: 'police' })], opts).status).toBe('valid');
  });
});

describe('employee status', () => {
  it('unions role plans, counts only required items and sorts the worst first', () => {
    const reqs = [
      { roleId: 'nurse', competenceId: 'cpr', level: 'recommended' as const, dueWithinDays: undefined },
      { roleId: 'leader', competenceId: 'cpr', level: 'required' as const, dueWithinDays: 30 },
      { roleId: 'nurse', competenceId: 'police', level: 'recommended' as const, dueWithinDays: undefined },
      { roleId: 'cook', competenceId: 'x', level: 'required' as const, dueWithinDays: undefined },
    ];
    expect(requirementsFor(['nurse', 'leader'], reqs).map((r) => [r.competenceId, r.level, r.dueWithinDays]))
      .toEqual([['cpr', 'required', 30], ['police', 'recommended', undefined]]);
    const s = employeeStatus({ roleIds: ['nurse', 'leader'], startDate: '2020-01-01' }, reqs, new Map([['cpr', cpr], ['police', police]]),
      new Map([['cpr', [cert('c', '2025-01-01')]]]), opts);
    expect(s.items.map((i) => [i.competenceId, i.status])).toEqual([['cpr', 'expired'], ['police', 'missing']]);
    expect([s.compliant, s.required, s.counts.expired]).toEqual([0, 1, 1]);
  });
});

describe('a requirement added after someone started', () => {
  const cert0: Certification[] = [];
  it('is due the same number of days from the day it took effect, not overdue since their start', () => {
    const added = { ...req, dueWithinDays: 30, effectiveFrom: '2026-11-01' };
    expect(itemStatus({ startDate: '2019-08-01' }, added, cpr, cert0, opts)).toMatchObject({ status: 'missing', dueBy: '2026-12-01', dueSince: '2026-11-01' });
    expect(itemStatus({ startDate: '2019-08-01' }, { ...added, effectiveFrom: '2026-10-01' }, cpr, cert0, opts))
      .toMatchObject({ status: 'overdue', dueBy: '2026-10-31', dueSince: '2026-10-01' });
    // Someone who started after it took effect: from their start, as for every new starter.
    const starter = itemStatus({ startDate: '2026-11-10' }, added, cpr, cert0, opts);
    expect(starter).toMatchObject({ status: 'missing', dueBy: '2026-12-10' });
    expect(starter.dueSince).toBeUndefined();
    // No day recorded (a row written before the column, or typed by hand): from the start, as before.
    expect(itemStatus({ startDate: '2019-08-01' }, { ...req, dueWithinDays: 30 }, cpr, cert0, opts)).toMatchObject({ status: 'overdue', dueBy: '2019-08-31' });
  });

  it('from two roles: each row keeps its own deadline and the earliest due date wins; old recommendations do not count', () => {
    const status = (start: string, rows: Requirement[]) =>
      itemStatus({ startDate: start }, requirementsFor(['nurse', 'leader'], rows)[0]!, cpr, cert0, opts);
    const added: Requirement = { roleId: 'nurse', competenceId: 'cpr', level: 'required', dueWithinDays: 30, effectiveFrom: '2026-11-20' };
    // An old recommendation in another role, with no deadline and no day: the new requirement's deadline stands.
    expect(status('2019-08-01', [added, { roleId: 'leader', competenceId: 'cpr', level: 'recommended', dueWithinDays: undefined }]))
      .toMatchObject({ status: 'missing', dueBy: '2026-12-20', dueSince: '2026-11-20' });
    // An old recommendation with a deadline from the start does not make the new requirement overdue either.
    expect(status('2019-08-01', [added, { roleId: 'leader', competenceId: 'cpr', level: 'recommended', dueWithinDays: 10 }]))
      .toMatchObject({ status: 'missing', dueBy: '2026-12-20' });
    // 365 days from the start in one role, 14 days from 2026-11-20 in the other: the earlier of the two, not 14 days from the start.
    const yearly: Requirement = { roleId: 'leader', competenceId: 'cpr', level: 'required', dueWithinDays: 365 };
    expect(status('2026-10-01', [{ ...added, dueWithinDays: 14 }, yearly])).toMatchObject({ status: 'missing', dueBy: '2026-12-04', dueSince: '2026-11-20' });
    const early = status('2025-10-01', [{ ...added, dueWithinDays: 14 }, yearly]);
    expect(early).toMatchObject({ status: 'overdue', dueBy: '2026-10-01' });
    expect(early.dueSince).toBeUndefined();
  });
});
