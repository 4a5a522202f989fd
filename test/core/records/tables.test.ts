// The tables contract (DESIGN.md "Records"): names, keys and headers, rows parsed from raw cells, and the row-level checks.
import { headerOf, keyOf, TABLE_NAMES, TABLES, tableDef, type Row } from '../../../src/core/records/tables';

const parse = <T extends keyof typeof TABLES>(name: T, raw: Record<string, unknown>) => tableDef(name).schema.safeParse(raw);
const check = <T extends keyof typeof TABLES>(name: T, row: Row<T>) => tableDef(name).check?.(row as never);

describe('the contract', () => {
  it('has DESIGN.md\'s tables with their keys, plus the Outbox', () => {
    expect(Object.fromEntries(TABLE_NAMES.map((n) => [n, [...TABLES[n].key]]))).toEqual({
      Units: ['unitId'], Employees: ['employeeId'], Roles: ['roleId'], Competences: ['competenceId'], Requirements: ['roleId', 'competenceId'],
      Certifications: ['certificationId'], Courses: ['courseId'], Sessions: ['sessionId'], Enrollments: ['enrollmentId'],
      PlanItems: ['planItemId'], Appraisals: ['appraisalId'], SkillAssessments: ['employeeId', 'area'], Guides: ['email'],
      Questions: ['questionId'], Faq: ['faqId'], Notifications: ['notificationId'], Outbox: ['outboxId'], Audit: [], Settings: ['key'],
    });
    for (const n of TABLE_NAMES) {
      expect(TABLES[n].name).toBe(n);
      // Every key field is a field, and the header is the fields in order, once each.
      for (const k of TABLES[n].key) expect(headerOf(n)).toContain(k);
      expect(new Set(headerOf(n)).size).toBe(headerOf(n).length);
    }
    expect(headerOf('Sessions')).toEqual(['sessionId', 'courseId', 'startsAt', 'endsAt', 'location', 'capacity', 'instructorEmail', 'signupDeadline', 'status', 'calendarEventId']);
  });

  it('joins a composite key with | and writes a missing part as empty', () => {
    expect(keyOf('Requirements', { roleId: 'R1', competenceId: 'HLR', level: 'required' })).toBe('R1|HLR');
    expect(keyOf('SkillAssessments', { employeeId: 'E1', area: 'drive', level: 2, assessedOn: '2026-12-01' })).toBe('E1|drive');
    expect(keyOf('Audit', { at: '2026-12-01T00:00:00Z', actorEmail: 'a', action: 'x', table: 'Units' })).toBe('');
    expect(keyOf('Units', { unitId: 'U1' } as Row<'Units'>)).toBe('U1');
  });
});

describe('rows from raw cells', () => {
  it('parses a session row from sheet cells and rejects a bad enum, id or capacity', () => {
    const raw = { sessionId: 'S1', courseId: 'C1', startsAt: '2027-01-14T08:00:00Z', endsAt: '2027-01-14T11:00:00Z', location: '',
      capacity: 12, instructorEmail: '', signupDeadline: '', status: 'open', calendarEventId: '' };
    const ok = parse('Sessions', raw);
    expect(ok.success).toBe(true);
    expect(ok.data).toMatchObject({ sessionId: 'S1', capacity: 12, status: 'open' });
    expect(ok.data?.location).toBeUndefined();
    expect(parse('Sessions', { ...raw, status: 'full' }).success).toBe(false);
    expect(parse('Sessions', { ...raw, sessionId: 'S 1; DROP' }).success).toBe(false);
    expect(parse('Sessions', { ...raw, capacity: -1 }).success).toBe(false);
    expect(parse('Sessions', { ...raw, capacity: { formula: '=1+1' } }).success).toBe(false);
  });
});

describe('row checks', () => {
  it('refuses a session that ends before it starts', () => {
    const s: Row<'Sessions'> = { sessionId: 'S1', courseId: 'C1', startsAt: '2027-01-14T08:00:00Z', endsAt: '2027-01-14T07:59:00Z', capacity: 1, status: 'open' };
    expect(check('Sessions', s)).toEqual({ field: 'endsAt', reason: 'ends_before_start' });
    expect(check('Sessions', { ...s, endsAt: s.startsAt })).toBeUndefined();
  });

  it('refuses a certification that expires before it was achieved; no expiry is fine', () => {
    const c: Row<'Certifications'> = { certificationId: 'X1', employeeId: 'E1', competenceId: 'HLR', achievedOn: '2026-05-01', expiresOn: '2026-04-30', source: 'session', state: 'valid' };
    expect(check('Certifications', c)).toEqual({ field: 'expiresOn', reason: 'expires_before_achieved' });
    expect(check('Certifications', { ...c, expiresOn: undefined })).toBeUndefined();
    expect(check('Certifications', { ...c, expiresOn: '2026-05-01' })).toBeUndefined();
  });

  it('refuses a plan item with neither competence, goal nor course', () => {
    const p = { planItemId: 'P1', employeeId: 'E1', status: 'open' } as Row<'PlanItems'>;
    expect(check('PlanItems', p)).toEqual({ field: 'goal', reason: 'plan_item_empty' });
    expect(check('PlanItems', { ...p, goal: 'Lære Sheets' })).toBeUndefined();
    expect(check('PlanItems', { ...p, competenceId: 'HLR' })).toBeUndefined();
    expect(check('PlanItems', { ...p, courseId: 'C1' })).toBeUndefined();
  });
});
