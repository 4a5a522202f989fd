// The appraisal model: settings, who is due, the probation schedule, status steps and the agreed-actions table.
import {
  appraisalSettings, dueFor, parseDue, planKey, probationPlan, readAgreedTable, step, type AppraisalMeta,
} from '../../src/core/appraisal';
import type { Appraisal } from '../../src/core/records/tables';

const TODAY = '2026-11-22';
const S = appraisalSettings({});

function meta(kind: Appraisal['kind'], status: Appraisal['status'], extra: Partial<AppraisalMeta> = {}): AppraisalMeta {
  return { appraisalId: `A-${kind}-${status}-${extra.heldOn ?? extra.scheduledOn ?? ''}`, kind, status, ...extra };
}

describe('settings', () => {
  it('defaults: yearly development, life-phase only when planned, follow-ups at 2 and 5 months, comment access', () => {
    expect(S).toEqual({
      intervalMonths: { development: 12, 'life-phase': 0 }, dueSoonDays: 30, probationFollowUpMonths: [2, 5],
      probationDueSoonDays: 14, probationEndNoticeDays: 30, employeeAccess: 'comment',
    });
  });
  it('reads the Settings table and ignores what it cannot use', () => {
    const s = appraisalSettings({ appraisalIntervalDevelopment: '24', appraisalIntervalLifePhase: '36', probationFollowUpMonths: '3, 1',
      appraisalEmployeeAccess: 'Edit', appraisalDueSoonDays: 'soon' });
    expect(s.intervalMonths).toEqual({ development: 24, 'life-phase': 36 });
    expect(s.probationFollowUpMonths).toEqual([1, 3]);
    expect(s.employeeAccess).toBe('edit');
    expect(s.dueSoonDays).toBe(30);
    expect(appraisalSettings({ probationFollowUpMonths: '2,9' }).probationFollowUpMonths).toEqual([2, 5]);
  });
});

describe('dueFor', () => {
  const person = { startDate: '2019-08-01', status: 'active' as const };
  it('is due a year after the last one, or its nextDueOn', () => {
    const held = meta('development', 'archived', { heldOn: '2025-12-10' });
    expect(dueFor('development', person, [held], S, TODAY)).toMatchObject({ state: 'due', dueOn: '2026-12-10', lastHeldOn: '2025-12-10' });
    expect(dueFor('development', person, [held], S, '2026-06-01')).toMatchObject({ state: 'ok' });
    expect(dueFor('development', person, [{ ...held, nextDueOn: '2026-09-01' }], S, TODAY)).toMatchObject({ state: 'overdue', dueOn: '2026-09-01' });
  });
  it('counts from the start date when never held', () => {
    expect(dueFor('development', person, [], S, TODAY)).toMatchObject({ state: 'overdue', dueOn: '2020-08-01' });
    expect(dueFor('development', { startDate: '2026-02-01', status: 'active' }, [], S, TODAY)).toMatchObject({ state: 'ok', dueOn: '2027-02-01' });
  });
  it('counts from the day the records began (appraisalsRecordedFrom) for someone who started before it and was never held', () => {
    const R = appraisalSettings({ appraisalsRecordedFrom: '2026-03-01' });
    expect(R.recordedFrom).toBe('2026-03-01');
    expect(dueFor('development', person, [], R, TODAY)).toMatchObject({ state: 'ok', dueOn: '2027-03-01' });
    // Someone who started after it counts from the start; a held conversation counts from itself.
    expect(dueFor('development', { startDate: '2026-05-01', status: 'active' }, [], R, TODAY)).toMatchObject({ dueOn: '2027-05-01' });
    expect(dueFor('development', person, [meta('development', 'held', { heldOn: '2025-10-01' })], R, TODAY)).toMatchObject({ dueOn: '2026-10-01', state: 'overdue' });
    expect(appraisalSettings({ appraisalsRecordedFrom: '1. mars' }).recordedFrom).toBeUndefined();
  });
  it('a planned conversation is scheduled until its day passes', () => {
    const planned = meta('development', 'planned', { scheduledOn: '2026-12-01' });
    expect(dueFor('development', person, [planned], S, TODAY)).toMatchObject({ state: 'scheduled', dueOn: '2026-12-01', open: planned });
    expect(dueFor('development', person, [planned], S, '2026-12-02')).toMatchObject({ state: 'overdue' });
  });
  it('life-phase is only due when planned or given a next date; nobody on leave is due', () => {
    expect(dueFor('life-phase', person, [], S, TODAY).state).toBe('none');
    expect(dueFor('life-phase', person, [meta('life-phase', 'held', { heldOn: '2025-01-01', nextDueOn: '2026-12-01' })], S, TODAY).state).toBe('due');
    expect(dueFor('development', { ...person, status: 'leave' }, [], S, TODAY).state).toBe('none');
  });
});

describe('probationPlan', () => {
  const hire = { startDate: '2026-09-01', probationEndsOn: '2027-03-01' };
  it('follow-ups after about 2 and 5 months, and the last day to extend or conclude', () => {
    const p = probationPlan(hire, [], S, TODAY)!;
    expect(p.followUps).toEqual([
      { n: 1, dueOn: '2026-11-01', state: 'overdue' },
      { n: 2, dueOn: '2027-02-01', state: 'upcoming' },
    ]);
    expect(p.decision).toEqual({ by: '2027-03-01', state: 'upcoming' });
    expect(p.active).toBe(true);
    expect(p.warning).toBeUndefined();
  });
  it('a held probation conversation completes the first follow-up; the decision is due 30 days before the end', () => {
    const p = probationPlan(hire, [meta('probation', 'held', { heldOn: '2026-11-03' })], S, '2027-02-10')!;
    expect(p.followUps.map((f) => f.state)).toEqual(['done', 'overdue']);
    expect(p.followUps[0]!.heldOn).toBe('2026-11-03');
    expect(p.decision.state).toBe('due');
    expect(probationPlan(hire, [], S, '2027-03-02')!).toMatchObject({ active: false, decision: { state: 'passed' } });
  });
  it('follows a registered end beyond six months (an extension for absence, AML § 15-6) and warns what must be true', () => {
    const p = probationPlan({ startDate: '2026-09-01', probationEndsOn: '2027-06-01' }, [], S, TODAY)!;
    expect(p).toMatchObject({ end: '2027-06-01', registeredEnd: '2027-06-01', warning: 'longer_than_six_months', decision: { by: '2027-06-01' } });
    // After six months the employee is still in probation, and in the leader's overview.
    expect(probationPlan({ startDate: '2026-09-01', probationEndsOn: '2027-04-15' }, [], S, '2027-03-05')).toMatchObject({ active: true, decision: { by: '2027-04-15' } });
    expect(probationPlan({ startDate: '2026-09-01', probationEndsOn: '2026-08-01' }, [], S, TODAY)!.warning).toBe('ends_before_start');
  });
  it('is undefined without both dates', () => {
    expect(probationPlan({ startDate: '2026-09-01', probationEndsOn: undefined }, [], S, TODAY)).toBeUndefined();
  });
  it('a follow-up that would fall after a short probation is moved before its end', () => {
    const p = probationPlan({ startDate: '2026-09-01', probationEndsOn: '2026-12-01' }, [], S, TODAY)!;
    expect(p.followUps[1]!.dueOn).toBe('2026-11-24');
  });
});

describe('step', () => {
  const base: Appraisal = { appraisalId: 'A1', employeeId: 'E1', leaderEmail: 'l@x.no', kind: 'development', scheduledOn: '2026-11-20',
    heldOn: undefined, docId: 'doc1', status: 'prepared', nextDueOn: undefined };
  it('planned → prepared → held → signed → archived', () => {
    const planned = { ...base, status: 'planned' as const, docId: undefined };
    const prepared = step(planned, { do: 'prepare', docId: 'd9' }, TODAY);
    expect(prepared).toMatchObject({ ok: true, changed: true, next: { status: 'prepared', docId: 'd9' } });
    const held = step(base, { do: 'hold', on: '2026-11-21' }, TODAY);
    expect(held).toMatchObject({ ok: true, next: { status: 'held', heldOn: '2026-11-21' } });
    const signed = step((held as { next: Appraisal }).next, { do: 'sign' }, TODAY);
    expect(signed).toMatchObject({ ok: true, next: { status: 'signed' } });
    expect(step((signed as { next: Appraisal }).next, { do: 'archive' }, TODAY)).toMatchObject({ ok: true, next: { status: 'archived' } });
  });
  it('repeating a step changes nothing; wrong order and future dates are refused', () => {
    const held = { ...base, status: 'held' as const, heldOn: '2026-11-21' };
    expect(step(held, { do: 'hold', on: '2026-11-21' }, TODAY)).toMatchObject({ ok: true, changed: false });
    expect(step(held, { do: 'hold', on: '2026-11-20' }, TODAY)).toMatchObject({ ok: true, changed: true, next: { heldOn: '2026-11-20' } });
    expect(step(base, { do: 'sign' }, TODAY)).toEqual({ ok: false, reason: 'notHeld' });
    expect(step(base, { do: 'archive' }, TODAY)).toEqual({ ok: false, reason: 'notHeld' });
    expect(step(base, { do: 'hold', on: '2026-11-23' }, TODAY)).toEqual({ ok: false, reason: 'future' });
    expect(step({ ...held, status: 'signed' }, { do: 'hold', on: '2026-11-01' }, TODAY)).toEqual({ ok: false, reason: 'locked' });
    expect(step({ ...held, docId: undefined }, { do: 'archive' }, TODAY)).toEqual({ ok: false, reason: 'noDocument' });
    expect(step({ ...base, status: 'cancelled' }, { do: 'hold', on: TODAY }, TODAY)).toEqual({ ok: false, reason: 'closed' });
    expect(step(base, { do: 'cancel' }, TODAY)).toMatchObject({ ok: true, next: { status: 'cancelled' } });
  });
});

describe('readAgreedTable', () => {
  const refs = {
    competences: [{ competenceId: 'cpr', name: 'D-HLR' }, { competenceId: 'fire', name: 'Brannvern' }, { competenceId: 'excel', name: 'Excel' }],
    courses: [{ courseId: 'K1', title: 'D-HLR oppfriskning', competenceIds: ['cpr'] }, { courseId: 'K2', title: 'Brannvern', competenceIds: ['fire'] },
      { courseId: 'K3', title: 'Excel', competenceIds: ['sheets'] }],
  };
  const header = ['Tiltak', 'Kompetanse eller mål', 'Frist', 'Ansvarlig'];

  it('understands competences, courses and goals, with Norwegian or ISO dates', () => {
    const r = readAgreedTable([header,
      ['Ta oppfriskning', 'D-HLR', '01.02.2027', 'Kari'],
      ['', 'k1', '2027-03-01', ''],
      ['Hospitere på legevakt', 'Bli tryggere i akuttsituasjoner', '1.6.2027', ''],
      ['', '', '', ''],
      ['Brannvern', '', '15/01/2027', ''],
    ], refs, TODAY);
    expect(r.problems).toEqual([]);
    expect(r.emptyRows).toBe(1);
    expect(r.actions).toEqual([
      { row: 1, competenceId: 'cpr', goal: 'Ta oppfriskning', dueBy: '2027-02-01', key: 'competence:cpr' },
      { row: 2, courseId: 'K1', competenceId: 'cpr', dueBy: '2027-03-01', key: 'course:K1' },
      { row: 3, goal: 'Hospitere på legevakt – Bli tryggere i akuttsituasjoner', dueBy: '2027-06-01', key: 'goal:hospitere på legevakt – bli tryggere i akuttsituasjoner' },
      // "Brannvern" is both, and the course grants the competence: the course is the way to gain it.
      { row: 5, courseId: 'K2', competenceId: 'fire', dueBy: '2027-01-15', key: 'course:K2' },
    ]);
  });

  it('names every row it cannot understand', () => {
    const r = readAgreedTable([['Tiltak', 'Type', 'Frist'],
      ['D-HLR', '', ''],
      ['D-HLR', '', 'snart'],
      ['D-HLR', '', '01.01.2026'],
      ['Sertifikat i truck', 'kompetanse', '01.01.2027'],
      ['Excel', '', '01.01.2027'],
      ['Noe', 'greie', '01.01.2027'],
      ['', '', '01.01.2027'],
      ['D-HLR', 'kompetanse', '01.02.2027'],
      ['cpr', 'kompetanse', '01.03.2027'],
      ['Ukjent kurs', 'kurs', '01.03.2027'],
    ], refs, TODAY);
    expect(r.actions.map((a) => a.row)).toEqual([8]);
    expect(r.problems).toEqual([
      { row: 1, reason: 'noDue', text: 'D-HLR' },
      { row: 2, reason: 'badDue', text: 'D-HLR', value: 'snart' },
      { row: 3, reason: 'pastDue', text: 'D-HLR', value: '01.01.2026' },
      { row: 4, reason: 'unknownCompetence', text: 'Sertifikat i truck', value: 'Sertifikat i truck' },
      { row: 5, reason: 'ambiguous', text: 'Excel', value: 'Excel' },
      { row: 6, reason: 'badType', text: 'Noe', value: 'greie' },
      { row: 7, reason: 'empty', text: '01.01.2027' },
      { row: 9, reason: 'duplicate', text: 'cpr', value: '8' },
      { row: 10, reason: 'unknownCourse', text: 'Ukjent kurs', value: 'Ukjent kurs' },
    ]);
  });

  it('a row already recorded keeps its due date even after it has passed: that is history, not a mistake', () => {
    const table = [['Tiltak', 'Type', 'Frist'], ['D-HLR', 'kompetanse', '01.11.2026'], ['Nytt mål', 'mål', '01.10.2026']];
    const recorded = (key: string, dueBy: string) => key === 'competence:cpr' && dueBy === '2026-11-01';
    const r = readAgreedTable(table, refs, TODAY, recorded);
    expect(r.actions.map((a) => a.key)).toEqual(['competence:cpr']);
    expect(r.problems).toEqual([{ row: 2, reason: 'pastDue', text: 'Nytt mål', value: '01.10.2026' }]);
  });

  it('reads English headers, and a goal typed as such even when it names a competence', () => {
    const r = readAgreedTable([['Action', 'Type', 'Due'], ['Brannvern', 'goal', '2027-01-01'], ['x'.repeat(501), '', '2027-01-01']], refs, TODAY);
    expect(r.actions).toEqual([{ row: 1, goal: 'Brannvern', dueBy: '2027-01-01', key: 'goal:brannvern' }]);
    expect(r.problems).toEqual([{ row: 2, reason: 'tooLong', text: 'x'.repeat(501) }]);
  });

  it('keys plan items the same way the table does, so recording twice changes nothing', () => {
    expect(planKey({ competenceId: 'cpr', goal: 'Ta oppfriskning' })).toBe('competence:cpr');
    expect(planKey({ courseId: 'K1', competenceId: 'cpr' })).toBe('course:K1');
    expect(planKey({ goal: '  Bli  tryggere. ' })).toBe('goal:bli tryggere');
    expect(parseDue('31.02.2027')).toBeUndefined();
    expect(parseDue('2027-02-28')).toBe('2027-02-28');
  });
});
