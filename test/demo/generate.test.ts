// The demo municipality: deterministic, a valid records set (schemas, keys, references), and the promised situations.
import { addDays, addMonths, daysBetween } from '../../src/core/dates';
import { TABLES, TABLE_NAMES, keyOf, type Certification, type Row, type TableDef, type TableName } from '../../src/core/records/tables';
import { DEMO_PERSONAS, generateDemo, type DemoData } from '../../src/demo';
import { appraisalSettings, dueFor } from '../../src/core/appraisal';
import { employeeStatus } from '../../src/core/competence-status';

const TODAY = '2026-03-10';
let small: DemoData;
let base: DemoData;

beforeAll(() => {
  small = generateDemo({ employees: 50, today: TODAY });
  base = generateDemo({ employees: 600, seed: 7, today: TODAY });
});

/** The latest valid certification per employee and competence (the status the core computes). */
function latest(data: DemoData): Map<string, Certification> {
  const out = new Map<string, Certification>();
  for (const c of data.Certifications) {
    if (c.state !== 'valid') continue;
    const key = `${c.employeeId}|${c.competenceId}`;
    const prev = out.get(key);
    if (!prev || c.achievedOn >= prev.achievedOn) out.set(key, c);
  }
  return out;
}

function byEmail(data: DemoData, email: string) {
  const e = data.Employees.find((x) => x.email === email);
  if (!e) throw new Error(`no employee ${email}`);
  return e;
}

const takesSeat = (s: string) => s === 'enrolled' || s === 'attended' || s === 'no-show';

describe('determinism', () => {
  it('gives identical data for the same options and different data for another seed', () => {
    const again = generateDemo({ employees: 600, seed: 7, today: TODAY });
    expect(again).toEqual(base);
    const other = generateDemo({ employees: 600, seed: 8, today: TODAY });
    expect(other.Employees.map((e) => e.email)).not.toEqual(base.Employees.map((e) => e.email));
    expect(other.Certifications).not.toEqual(base.Certifications);
  });

  it('rejects sizes it cannot staff and malformed dates', () => {
    expect(() => generateDemo({ employees: 10, today: TODAY })).toThrow(RangeError);
    expect(() => generateDemo({ employees: 100, today: '10.03.2026' })).toThrow(RangeError);
    expect(generateDemo({ employees: 40, today: TODAY }).Employees).toHaveLength(40);
  });
});

describe.each([['50 employees', () => small], ['600 employees', () => base]])('records with %s', (_label, data) => {
  it('has exactly the requested headcount and 200+ units', () => {
    const d = data();
    expect(d.Employees.length).toBe(d === small ? 50 : 600);
    expect(d.Units.length).toBeGreaterThanOrEqual(200);
  });

  it('round-trips every row through the cell codecs and table schemas', () => {
    const d = data();
    for (const name of TABLE_NAMES) {
      const def = TABLES[name] as unknown as TableDef;
      for (const row of d[name] as Record<string, unknown>[]) {
        expect(Object.keys(row).filter((k) => !(k in def.fields))).toEqual([]);
        const cells: Record<string, string> = {};
        for (const [field, codec] of Object.entries(def.fields)) cells[field] = codec.encode(row[field]);
        const parsed = def.schema.safeParse(cells);
        if (!parsed.success) throw new Error(`${name} ${JSON.stringify(row)}: ${parsed.error.message}`);
        expect(parsed.data).toEqual(row);
        expect(def.check?.(parsed.data as never)).toBeUndefined();
      }
    }
  });

  it('has unique keys in every keyed table', () => {
    const d = data();
    for (const name of TABLE_NAMES) {
      if (TABLES[name].key.length === 0) continue;
      const keys = (d[name] as Row<TableName>[]).map((r) => keyOf(name, r as never));
      expect(new Set(keys).size).toBe(keys.length);
    }
    const emails = d.Employees.map((e) => e.email);
    expect(new Set(emails).size).toBe(emails.length);
  });

  it('forms a unit tree led by employees', () => {
    const d = data();
    const units = new Map(d.Units.map((u) => [u.unitId, u]));
    const employees = new Map(d.Employees.map((e) => [e.email, e]));
    for (const u of d.Units) {
      const seen = new Set<string>();
      for (let cur: typeof u | undefined = u; cur; cur = cur.parentUnitId ? units.get(cur.parentUnitId) : undefined) {
        expect(seen.has(cur.unitId)).toBe(false);
        seen.add(cur.unitId);
        if (cur.parentUnitId) expect(units.has(cur.parentUnitId)).toBe(true);
      }
      expect(u.leaderEmails?.length).toBeGreaterThanOrEqual(1);
      expect(u.leaderEmails!.length).toBeLessThanOrEqual(2);
      for (const l of u.leaderEmails!) expect(employees.get(l)?.status).toBe('active');
    }
    expect(d.Units.filter((u) => !u.parentUnitId).map((u) => u.name).sort())
      .toEqual(['Byutvikling', 'Helse og velferd', 'Interne tjenester', 'Kultur', 'Oppvekst']);
  });

  it('keeps references between tables intact', () => {
    const d = data();
    const ids = (xs: { [k: string]: unknown }[], k: string) => new Set(xs.map((x) => x[k] as string));
    const emp = ids(d.Employees, 'employeeId');
    const emails = ids(d.Employees, 'email');
    const roles = ids(d.Roles, 'roleId');
    const comps = ids(d.Competences, 'competenceId');
    const units = ids(d.Units, 'unitId');
    const sessions = ids(d.Sessions, 'sessionId');
    const courses = ids(d.Courses, 'courseId');
    const unitOf = new Map(d.Units.map((u) => [u.unitId, u]));
    for (const e of d.Employees) {
      expect(units.has(e.unitId)).toBe(true);
      expect(e.roleIds!.length).toBeGreaterThanOrEqual(1);
      expect(e.roleIds!.length).toBeLessThanOrEqual(2);
      for (const r of e.roleIds!) expect(roles.has(r)).toBe(true);
      expect(e.email).toMatch(/^[a-z0-9-]+\.[a-z0-9-]+\d*@kommune\.example$/);
      if (e.managerEmail) {
        expect(e.managerEmail).not.toBe(e.email);
        // The manager leads the person's unit or one above it.
        const chain: string[] = [];
        for (let u = unitOf.get(e.unitId); u; u = u.parentUnitId ? unitOf.get(u.parentUnitId) : undefined) chain.push(...(u.leaderEmails ?? []));
        expect(chain).toContain(e.managerEmail);
      }
    }
    for (const r of d.Requirements) expect(roles.has(r.roleId) && comps.has(r.competenceId)).toBe(true);
    for (const c of d.Certifications) expect(emp.has(c.employeeId) && comps.has(c.competenceId)).toBe(true);
    for (const c of d.Courses) {
      for (const x of c.competenceIds ?? []) expect(comps.has(x)).toBe(true);
      for (const x of c.targetRoleIds ?? []) expect(roles.has(x)).toBe(true);
    }
    for (const s of d.Sessions) expect(courses.has(s.courseId)).toBe(true);
    for (const n of d.Enrollments) expect(sessions.has(n.sessionId) && emp.has(n.employeeId)).toBe(true);
    for (const g of d.Guides) {
      expect(emails.has(g.email)).toBe(true);
      for (const u of g.unitIds ?? []) expect(units.has(u)).toBe(true);
    }
    for (const q of d.Questions) expect(emails.has(q.askerEmail) && (!q.guideEmail || emails.has(q.guideEmail))).toBe(true);
    for (const f of d.Faq) expect(emails.has(f.ownerEmail!)).toBe(true);
    for (const a of d.Appraisals) expect(emp.has(a.employeeId) && emails.has(a.leaderEmail)).toBe(true);
    const appraisals = ids(d.Appraisals, 'appraisalId');
    for (const p of d.PlanItems) expect(emp.has(p.employeeId) && (!p.appraisalId || appraisals.has(p.appraisalId))).toBe(true);
    expect(d.Notifications).toEqual([]);
    expect(d.Audit).toEqual([]);
  });

  it('never overbooks a session; waitlists only behind full sessions, in sign-up order', () => {
    const d = data();
    let waitlists = 0;
    for (const s of d.Sessions) {
      const mine = d.Enrollments.filter((e) => e.sessionId === s.sessionId);
      const seated = mine.filter((e) => takesSeat(e.status));
      expect(seated.length).toBeLessThanOrEqual(s.capacity);
      expect(s.capacity).toBeGreaterThanOrEqual(8);
      expect(s.capacity).toBeLessThanOrEqual(40);
      const waiting = mine.filter((e) => e.status === 'waitlisted');
      if (waiting.length) {
        waitlists++;
        expect(seated.length).toBe(s.capacity);
        const lastSeat = seated.map((e) => e.signedUpAt).sort().pop()!;
        for (const w of waiting) expect(w.signedUpAt >= lastSeat).toBe(true);
      }
      const past = s.startsAt < `${TODAY}T00:00:00Z`;
      if (past) expect(s.status).toBe('held');
      else expect(['open', 'closed', 'cancelled']).toContain(s.status);
      for (const e of mine) {
        if (past) expect(['attended', 'no-show', 'cancelled']).toContain(e.status);
        else expect(['enrolled', 'waitlisted', 'cancelled']).toContain(e.status);
        expect(e.signedUpAt < s.startsAt).toBe(true);
      }
      if (s.status === 'cancelled') for (const e of mine) expect(e.status).toBe('cancelled');
    }
    expect(waitlists).toBe(1);
    expect(d.Sessions.filter((s) => s.status === 'cancelled')).toHaveLength(1);
    expect(d.Sessions.some((s) => s.status === 'held')).toBe(true);
    expect(d.Sessions.some((s) => s.status === 'closed')).toBe(true);
    const open = d.Sessions.filter((s) => s.status === 'open');
    const seats = (id: string) => d.Enrollments.filter((e) => e.sessionId === id && takesSeat(e.status)).length;
    expect(open.some((s) => seats(s.sessionId) < s.capacity && seats(s.sessionId) >= s.capacity - 2)).toBe(true);
  });

  it('dates nothing after the demo\'s present (08:00 in Oslo on today)', () => {
    const d = data();
    const now = '2026-03-10T07:00:00Z';
    for (const e of d.Enrollments) {
      expect(e.signedUpAt <= now).toBe(true);
      if (e.changedAt) expect(e.changedAt >= e.signedUpAt && e.changedAt <= now).toBe(true);
    }
    for (const q of d.Questions) {
      const times = [q.askedAt, q.claimedAt, q.answeredAt, q.resolvedAt].filter((t): t is string => !!t);
      expect([...times].sort()).toEqual(times);
      expect(times.every((t) => t <= now)).toBe(true);
    }
    for (const c of d.Certifications) expect(c.achievedOn <= TODAY).toBe(true);
    for (const a of d.Appraisals) if (a.heldOn) expect(a.heldOn <= TODAY).toBe(true);
  });

  it('writes explicit expiries that follow the renewal rule of the core', () => {
    const d = data();
    const comps = new Map(d.Competences.map((c) => [c.competenceId, c]));
    const chains = new Map<string, Certification[]>();
    for (const c of d.Certifications) {
      if (c.state !== 'valid') continue;
      const k = `${c.employeeId}|${c.competenceId}`;
      chains.set(k, [...(chains.get(k) ?? []), c]);
    }
    for (const chain of chains.values()) {
      chain.sort((a, b) => (a.achievedOn < b.achievedOn ? -1 : 1));
      let previous: string | undefined;
      for (const cert of chain) {
        const comp = comps.get(cert.competenceId)!;
        if (!comp.validityMonths) { expect(cert.expiresOn).toBeUndefined(); continue; }
        const early = previous !== undefined && cert.achievedOn <= previous && cert.achievedOn >= addDays(previous, -(comp.windowDays ?? 90));
        const from = early && (comp.renewFrom ?? 'expiry') === 'expiry' ? previous! : cert.achievedOn;
        expect(cert.expiresOn).toBe(addMonths(from, comp.validityMonths));
        expect(cert.achievedOn <= TODAY).toBe(true);
        previous = cert.expiresOn;
      }
    }
  });

  it('has the personas in their promised situations', () => {
    const d = data();
    const l = latest(d);
    const staff = byEmail(d, DEMO_PERSONAS.staff);
    const leader = byEmail(d, DEMO_PERSONAS.leader);
    const units = new Map(d.Units.map((u) => [u.unitId, u]));
    const ward = units.get(staff.unitId)!;
    const home = units.get(ward.parentUnitId!)!;
    expect(home.name).toMatch(/sykehjem$/);
    expect(staff.roleIds).toContain('sykepleier');
    expect(staff.managerEmail).toBe(leader.email);
    expect(leader.unitId).toBe(home.unitId);
    expect(home.leaderEmails).toContain(leader.email);
    expect(ward.leaderEmails).toContain(leader.email);

    const dhlr = l.get(`${staff.employeeId}|dhlr`)!;
    const dhlrLeft = daysBetween(TODAY, dhlr.expiresOn!);
    expect(dhlrLeft).toBeGreaterThanOrEqual(0);
    expect(dhlrLeft).toBeLessThanOrEqual(90);
    expect(l.get(`${staff.employeeId}|brannvern`)!.expiresOn! < TODAY).toBe(true);
    expect(d.Certifications.filter((c) => c.employeeId === staff.employeeId && c.competenceId === 'dhlr').length).toBeGreaterThanOrEqual(2);

    const guides = new Map(d.Guides.map((g) => [g.email, g]));
    expect(guides.get(DEMO_PERSONAS.leaderGuide)?.active).toBe(true);
    expect(d.Units.some((u) => u.leaderEmails?.includes(DEMO_PERSONAS.leaderGuide))).toBe(true);
    expect(guides.get(DEMO_PERSONAS.guide)?.active).toBe(true);
    expect(d.Units.some((u) => u.leaderEmails?.includes(DEMO_PERSONAS.guide))).toBe(false);

    const admins = d.Settings.find((s) => s.key === 'adminEmails')!.value!.split(',').map((s) => s.trim());
    expect(admins).toContain(DEMO_PERSONAS.admin);

    const hire = byEmail(d, DEMO_PERSONAS.newHire);
    expect(hire.startDate! > addDays(TODAY, -183)).toBe(true);
    expect(hire.probationEndsOn).toBe(addMonths(hire.startDate!, 6));
    expect(hire.probationEndsOn! > TODAY).toBe(true);
    expect(d.Certifications.some((c) => c.employeeId === hire.employeeId && c.competenceId === 'politiattest' && c.state === 'pending')).toBe(true);
    expect(l.has(`${hire.employeeId}|brannvern`)).toBe(false);

    const everywhere = JSON.stringify(d);
    expect(everywhere).not.toContain(DEMO_PERSONAS.unknown);
  });
});

describe('realistic mix (600 employees)', () => {
  it('has valid, expiring, expired, missing, pending and renewed items relative to today', () => {
    const l = latest(base);
    let valid = 0, expiring = 0, expired = 0;
    for (const c of l.values()) {
      if (!c.expiresOn) continue;
      const left = daysBetween(TODAY, c.expiresOn);
      if (left < 0) expired++;
      else if (left <= 90) expiring++;
      else valid++;
    }
    expect(valid).toBeGreaterThan(expiring);
    expect(expiring).toBeGreaterThan(base.Employees.length * 0.1);
    expect(expired).toBeGreaterThan(base.Employees.length * 0.05);
    const perKey = new Map<string, number>();
    for (const c of base.Certifications) perKey.set(`${c.employeeId}|${c.competenceId}`, (perKey.get(`${c.employeeId}|${c.competenceId}`) ?? 0) + 1);
    expect([...perKey.values()].filter((n) => n >= 2).length).toBeGreaterThan(100);
    expect(base.Certifications.some((c) => c.state === 'pending')).toBe(true);
    expect(new Set(base.Certifications.map((c) => c.source))).toEqual(new Set(['session', 'sign-off', 'document', 'import', 'appraisal']));
    const leaders = new Set(base.Units.flatMap((u) => u.leaderEmails ?? []));
    for (const c of base.Certifications.filter((x) => x.source === 'sign-off')) {
      expect(leaders.has(c.verifiedBy!) || c.verifiedBy === DEMO_PERSONAS.admin).toBe(true);
    }
  });

  it('has a mix of people: new hires, leave, locales, Norwegian letters', () => {
    const e = base.Employees;
    expect(e.filter((x) => x.status === 'active').length).toBeGreaterThan(e.length * 0.9);
    expect(e.some((x) => x.status !== 'active')).toBe(true);
    expect(e.filter((x) => x.probationEndsOn && x.probationEndsOn > TODAY).length).toBeGreaterThan(10);
    expect(e.some((x) => x.probationEndsOn && x.probationEndsOn > TODAY && x.probationEndsOn <= addDays(TODAY, 30))).toBe(true);
    expect(base.Enrollments.some((x) => x.status === 'no-show')).toBe(true);
    expect(base.Enrollments.some((x) => x.status === 'attended')).toBe(true);
    expect(base.Guides.some((g) => !g.active)).toBe(true);
    expect(new Set(e.map((x) => x.locale))).toEqual(new Set(['nb', 'en', 'sv']));
    expect(e.some((x) => /[æøåÆØÅ]/.test(x.name))).toBe(true);
    const assessed = new Set(base.SkillAssessments.map((s) => s.employeeId)).size;
    expect(assessed / e.length).toBeGreaterThan(0.45);
    expect(assessed / e.length).toBeLessThan(0.75);
    expect(base.Guides.length).toBeGreaterThanOrEqual(8);
    expect(new Set(base.Questions.map((q) => q.status))).toEqual(new Set(['open', 'claimed', 'answered', 'resolved', 'reopened']));
    expect(base.Faq.length).toBeGreaterThanOrEqual(20);
    expect(base.Faq.some((f) => f.reviewBy! < TODAY)).toBe(true);
    expect(new Set(base.Appraisals.map((a) => a.kind))).toEqual(new Set(['development', 'probation', 'life-phase']));
    expect(base.Settings.map((s) => s.key).sort()).toEqual(['adminEmails', 'announcementsSpace', 'appraisalsRecordedFrom',
      'coordinatorEmail', 'expiringWindowDays', 'guideForumSpace', 'municipalityName', 'reminderDays', 'timeZone']);
  });

  it('has no deadline decades back: new-hire requirements and conversations are due relative to today (issue 15)', () => {
    const competences = new Map(base.Competences.map((c) => [c.competenceId, c]));
    const settings = appraisalSettings(Object.fromEntries(base.Settings.map((x) => [x.key, x.value ?? ''])));
    const certs = new Map<string, Certification[]>();
    for (const c of base.Certifications) certs.set(c.employeeId, [...(certs.get(c.employeeId) ?? []), c]);
    const overdue: string[] = [];
    const conversations: string[] = [];
    let recentOverdue = 0;
    for (const e of base.Employees.filter((x) => x.status === 'active')) {
      const mine = certs.get(e.employeeId) ?? [];
      const byCompetence = new Map<string, Certification[]>();
      for (const c of mine) byCompetence.set(c.competenceId, [...(byCompetence.get(c.competenceId) ?? []), c]);
      for (const i of employeeStatus(e, base.Requirements, competences, byCompetence, { today: TODAY, expiringWindowDays: 90 }).items) {
        if (i.status !== 'overdue') continue;
        if (i.dueBy! < addDays(TODAY, -400)) overdue.push(`${e.email} ${i.competenceId} ${i.dueBy}`);
        else recentOverdue++;
      }
      const mineAppraisals = base.Appraisals.filter((a) => a.employeeId === e.employeeId);
      const d = dueFor('development', e, mineAppraisals, settings, TODAY);
      if (d.dueOn && d.dueOn < addDays(TODAY, -400)) conversations.push(`${e.email} ${d.dueOn}`);
    }
    expect(overdue).toEqual([]);
    expect(conversations).toEqual([]);
    expect(recentOverdue).toBeGreaterThan(0); // recent hires still miss a start-up requirement
  });
});

describe('full scale', () => {
  // How fast it is belongs in `npm run bench`, not in a timed test (a loaded CI machine would fail it).
  it('generates a municipality of 15,000 employees', () => {
    const big = generateDemo({ employees: 15000, today: TODAY });
    expect(big.Employees).toHaveLength(15000);
    expect(big.Units.length).toBeGreaterThanOrEqual(200);
    expect(big.Guides.length).toBeGreaterThanOrEqual(60);
    expect(big.Guides.length).toBeLessThanOrEqual(80);
    expect(big.Guides.some((g) => !g.active)).toBe(true);
    const seated = new Map<string, number>();
    for (const e of big.Enrollments) if (takesSeat(e.status)) seated.set(e.sessionId, (seated.get(e.sessionId) ?? 0) + 1);
    for (const s of big.Sessions) expect(seated.get(s.sessionId) ?? 0).toBeLessThanOrEqual(s.capacity);
  });
});
