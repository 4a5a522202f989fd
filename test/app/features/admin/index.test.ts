// The admin console's calls (host 'sidebar'): admin-only access matrix, dashboard drill-down, expiring list and CSV,
// catalogue validation messages, registering by hand with evidence, data health, refresh — with the call budgets.
import { guarded } from '../../../../src/app/pipeline/handle';
import { SIDEBAR_CALLS, sidebarEvent } from '../../../../src/contract/sidebar';
import { MemoryWorkbook } from '../../../../src/adapters/memory/memory-workbook';
import { fixtureData, PEOPLE, TODAY } from '../../../support/fixture';
import { addDays } from '../../../../src/core/dates';
import { rebuildReadModel } from '../../../../src/store/rebuild';
import { ReadModel } from '../../../../src/store/read-model';
import { handlers, warm, type Data, type Ports } from '../status/support';
import { keyedRows } from '../../../support/sheet-rows';

const call = (ports: Ports, who: string, name: string, payload: object = {}) =>
  guarded(ports, handlers, sidebarEvent(name, JSON.stringify(payload)), { host: 'sidebar', action: name, userEmail: who }).reply as
    { kind: 'data'; data: Record<string, unknown> & { message?: string } } | { kind: 'notify'; text: string };
const dataOf = (r: ReturnType<typeof call>) => {
  if (r.kind !== 'data') throw new Error(`expected data, got ${JSON.stringify(r)}`);
  return r.data as Record<string, unknown>;
};
const rows = (ports: Ports, table: string) => {
  return keyedRows(table, (ports.workbook as MemoryWorkbook).dump(table)!);
};
// Console calls read nothing but the asker's own views until the asker is known to be an administrator: two getAll.
// A console change: the administrator check, then the views it patches (access before data, #14): one getAll over
// DESIGN.md's five, stated in the closing note.
const CHANGE_BUDGET = { lock: 1, 'cache.getAll': 1, 'workbook.read': 1, 'workbook.write': 1, 'cache.putAll': 1 };

const VALID: Record<string, object> = {
  [SIDEBAR_CALLS.dashboard]: {},
  [SIDEBAR_CALLS.unit]: { unitId: 'solbakken' },
  [SIDEBAR_CALLS.person]: { email: PEOPLE.kari },
  [SIDEBAR_CALLS.expiring]: { units: [{ unitId: 'solbakken-a' }] },
  [SIDEBAR_CALLS.catalogue]: {},
  [SIDEBAR_CALLS.saveCompetence]: { isNew: true, competenceId: 'drill', name: 'Brannøvelse', category: 'mandatory', validityMonths: 12, satisfiedBy: ['sign-off'] },
  [SIDEBAR_CALLS.saveRole]: { isNew: true, roleId: 'cook', name: 'Kokk' },
  [SIDEBAR_CALLS.saveRequirement]: { roleId: 'teacher', competenceId: 'cpr', level: 'recommended' },
  [SIDEBAR_CALLS.removeRequirement]: { roleId: 'nurse', competenceId: 'gws' },
  [SIDEBAR_CALLS.registerCertification]: { email: PEOPLE.ola, competenceId: 'cpr', achievedOn: '2026-11-01' },
  [SIDEBAR_CALLS.health]: {},
  [SIDEBAR_CALLS.refresh]: {},
};

describe('access', () => {
  it.each(Object.keys(VALID))('%s is for administrators only, refused before any records read or write', (name) => {
    for (const who of [PEOPLE.per, PEOPLE.kari, PEOPLE.ola, PEOPLE.stranger]) {
      const ports = warm();
      expect(call(ports, who, name, VALID[name])).toEqual({ kind: 'notify', text: 'Du har ikke tilgang til dette.' });
      expect(ports.meter.byKind['workbook.read']).toBeUndefined();
      expect(ports.meter.byKind['workbook.write']).toBeUndefined();
    }
    expect(call(warm(), PEOPLE.guri, name, VALID[name]).kind).toBe('data');
  });

  it('gives everyone the strings, in the browser\'s language when supported, else the records\'', () => {
    const d = fixtureData();
    d.Employees!.find((e) => e.employeeId === 'E3')!.locale = 'sv';
    const ports = warm(d);
    const sv = dataOf(call(ports, PEOPLE.guri, SIDEBAR_CALLS.strings, { locale: 'de-DE' }));
    expect(sv).toMatchObject({ locale: 'sv', isAdmin: true });
    expect((sv.strings as Record<string, string>)['admin.tab.dashboard']).toBe('Översikt');
    const en = dataOf(call(ports, PEOPLE.kari, SIDEBAR_CALLS.strings, { locale: 'en-GB' }));
    expect(en).toMatchObject({ locale: 'en', isAdmin: false });
    expect((en.strings as Record<string, string>)['admin.tab.dashboard']).toBe('Overview');
    expect(Object.keys(en.strings as object).every((k) => /^(admin|status|common|health|error|skills|month|date)\./.test(k))).toBe(true);
    // Server messages follow the same language.
    expect(call(ports, PEOPLE.guri, SIDEBAR_CALLS.saveRequirement, { locale: 'en', roleId: 'teacher', competenceId: 'nope', level: 'required' }))
      .toMatchObject({ text: 'Something in the form needs fixing: the competence "nope" is not in the catalogue. Add it under Competences first, or correct the id.' });
  });

  it('rejects a malformed payload at the edge with the field that is wrong', () => {
    const r = call(warm(), PEOPLE.guri, SIDEBAR_CALLS.unit, { unitId: 5 });
    expect(r).toMatchObject({ kind: 'notify', text: expect.stringContaining('unitId') });
  });
});

describe('dashboard and drill-down', () => {
  it('gives compliance per area and unit in one cache call (the dashboard fetched with the administrator check, opened after it)', () => {
    const ports = warm();
    const d = dataOf(call(ports, PEOPLE.guri, SIDEBAR_CALLS.dashboard));
    expect(ports.meter.snapshot().byKind).toEqual({ 'cache.getAll': 1 });
    const helse = (d.areas as { name: string; pct: number; people: number }[]).find((a) => a.name === 'Helse og velferd')!;
    // Kari: cpr expiring (in order), fire expired, med valid → 2 of 3.
    expect(helse).toMatchObject({ people: 3, pct: 66 });
    const ward = (d.units as { id: string; worst: { name: string }[] }[]).find((u) => u.id === 'solbakken-a')!;
    expect(ward.worst.map((w) => w.name)).toEqual(['Brannvern', 'D-HLR']);
  });

  it('drills down to a unit and a person', () => {
    const ports = warm();
    const unit = dataOf(call(ports, PEOPLE.guri, SIDEBAR_CALLS.unit, { unitId: 'solbakken-a' }));
    expect((unit.members as { name: string; items: { label: string }[] }[])[0]).toMatchObject({ name: 'Kari Nordmann', items: [{ label: 'Utløpt' }, { label: 'Utløper snart' }] });
    const person = dataOf(call(ports, PEOPLE.guri, SIDEBAR_CALLS.person, { email: PEOPLE.kari }));
    expect(person.items).toContainEqual(expect.objectContaining({ competence: 'Brannvern', label: 'Utløpt', explain: expect.stringContaining('Utløp 1. oktober 2026') }));
    expect(person.certifications).toHaveLength(3);
    expect(ports.meter.byKind['workbook.read']).toBeUndefined();
  });
});

describe('expiring list', () => {
  it('lists gaps worst first and exports CSV that a spreadsheet will not run as formulas', () => {
    const d: Data = fixtureData();
    d.Employees!.push({ employeeId: 'E9', email: 'x@kommune.example', name: '=HYPERLINK("http://evil")', unitId: 'solbakken-a', roleIds: ['nurse'],
      managerEmail: undefined, startDate: '2026-11-01', probationEndsOn: undefined, status: 'active', locale: 'nb' });
    const ports = warm(d);
    const out = dataOf(call(ports, PEOPLE.guri, SIDEBAR_CALLS.expiring, { units: [{ unitId: 'solbakken-a' }, { unitId: 'gone' }], format: 'csv', statuses: ['expired', 'expiring', 'missing'] }));
    const list = out.rows as { name: string; status: string; competence: string }[];
    const evil = '=HYPERLINK("http://evil")';
    // The new hire's fire safety is overdue (7-day deadline), left out by the status filter; the others are due later.
    expect(list.map((r) => [r.name, r.status, r.competence])).toEqual([
      ['Kari Nordmann', 'expired', 'Brannvern'],
      [evil, 'missing', 'Legemiddelhåndtering'],
      [evil, 'missing', 'D-HLR'],
      ['Kari Nordmann', 'expiring', 'D-HLR'],
    ]);
    expect(out.missingUnits).toEqual(['gone']);
    const csv = out.csv as unknown as string;
    // Semicolons (Norwegian Excel opens it in columns), names beside ids, formulas neutralised (issue 15 §3).
    expect(csv.split('\r\n')[0]).toBe('Ansattnr;Navn;E-post;Enhetsnr;Enhet;Kompetansenr;Kompetanse;Status;Dato');
    expect(csv).toContain('"\'=HYPERLINK(""http://evil"")"');
    expect(csv).toContain('E1;Kari Nordmann;kari.nordmann@kommune.example;solbakken-a;Solbakken avdeling A;fire;Brannvern;Utløpt;1. oktober 2026');
    expect(csv.split('\r\n').every((line) => line.split(';').length >= 9)).toBe(true);
  });
});

describe('catalogue editing', () => {
  it('refuses a role plan naming a missing competence, saying what to fix, and writes nothing', () => {
    const ports = warm();
    const r = call(ports, PEOPLE.guri, SIDEBAR_CALLS.saveRequirement, { roleId: 'teacher', competenceId: 'nope', level: 'required' });
    expect(r).toEqual({ kind: 'notify', text: 'Noe i skjemaet må rettes: kompetansen «nope» finnes ikke i katalogen. Legg den inn under Kompetanser først, eller rett id-en.' });
    expect(call(ports, PEOPLE.guri, SIDEBAR_CALLS.saveRequirement, { roleId: 'chef', competenceId: 'cpr', level: 'required' }))
      .toMatchObject({ text: expect.stringContaining('rollen «chef» finnes ikke') });
    expect(call(ports, PEOPLE.guri, SIDEBAR_CALLS.saveRequirement, { roleId: 'teacher', competenceId: 'cpr', level: 'must' }))
      .toMatchObject({ text: expect.stringContaining('Nivå kan ikke være «must»; velg en av: påkrevd, anbefalt') });
    expect(ports.meter.byKind['workbook.write']).toBeUndefined();
  });

  it('adds to a role plan within the change budget, with an audit row, and restages the catalogue', () => {
    const ports = warm();
    const r = call(ports, PEOPLE.guri, SIDEBAR_CALLS.saveRequirement, { roleId: 'teacher', competenceId: 'cpr', level: 'recommended', dueWithinDays: '30' });
    expect(dataOf(r)).toMatchObject({ saved: true, message: '«D-HLR» er lagt i planen for Lærer.' });
    expect(ports.meter.snapshot().byKind).toEqual(CHANGE_BUDGET);
    expect(rows(ports, 'Requirements').at(-1)).toMatchObject({ roleId: 'teacher', competenceId: 'cpr', level: 'recommended', dueWithinDays: '30' });
    expect(rows(ports, 'Audit')).toEqual([expect.objectContaining({ actorEmail: PEOPLE.guri, action: 'kompetansekrav lagret', table: 'Requirements' })]);
    expect(ports.services.rebuildRequests).toBe(1);
    ports.meter.reset();
    const cat = dataOf(call(ports, PEOPLE.guri, SIDEBAR_CALLS.catalogue));
    expect(cat.requirements).toContainEqual({ roleId: 'teacher', competenceId: 'cpr', level: 'recommended', dueWithinDays: 30, effectiveFrom: TODAY });
    expect(ports.meter.calls).toBe(1);
  });

  it('a requirement added to a role takes effect today: those already in the role are due from today, new starters from their start', () => {
    const ports = warm();
    call(ports, PEOPLE.guri, SIDEBAR_CALLS.saveRequirement, { roleId: 'teacher', competenceId: 'cpr', level: 'required', dueWithinDays: '30' });
    expect(rows(ports, 'Requirements').at(-1)).toMatchObject({ roleId: 'teacher', competenceId: 'cpr', effectiveFrom: TODAY });
    // Ola has taught since 2019: D-HLR is missing, due in 30 days from today, not overdue since 2019.
    const data = fixtureData();
    data.Requirements!.push({ roleId: 'teacher', competenceId: 'cpr', level: 'required', dueWithinDays: 30, effectiveFrom: TODAY });
    const after = warm(data);
    const ola = dataOf(call(after, PEOPLE.guri, SIDEBAR_CALLS.person, { email: PEOPLE.ola }));
    expect(ola.items).toContainEqual(expect.objectContaining({ competence: 'D-HLR', status: 'missing', explain: 'Frist 22. desember 2026 (kravet gjelder fra 22. november 2026)' }));
    expect(addDays(TODAY, 30)).toBe('2026-12-22');

    // Saved again unchanged, or with a shorter deadline: the day it took effect stays.
    const later = warm(data);
    call(later, PEOPLE.guri, SIDEBAR_CALLS.saveRequirement, { roleId: 'teacher', competenceId: 'cpr', level: 'required', dueWithinDays: '14' });
    expect(rows(later, 'Requirements').find((r) => r.roleId === 'teacher' && r.competenceId === 'cpr')).toMatchObject({ dueWithinDays: '14', effectiveFrom: TODAY });
    // A recommendation that becomes required with a deadline takes effect on the day it does.
    const nurse = warm();
    call(nurse, PEOPLE.guri, SIDEBAR_CALLS.saveRequirement, { roleId: 'nurse', competenceId: 'gws', level: 'required', dueWithinDays: '30' });
    expect(rows(nurse, 'Requirements').find((r) => r.roleId === 'nurse' && r.competenceId === 'gws')).toMatchObject({ level: 'required', effectiveFrom: TODAY });
  });

  it('on a sheet made before the «Gjelder fra» column, a requirement is still added (due from each start) and data health names the column', () => {
    const ports = warm();
    const wb = ports.workbook as MemoryWorkbook;
    const before = wb.dump('Requirements')!;
    const at = before.header.length - 1;
    expect(before.header[at]).toBe('effectiveFrom');
    wb.seed('Requirements', before.header.slice(0, at), before.rows.map((r) => r.slice(0, at)));
    const r = call(ports, PEOPLE.guri, SIDEBAR_CALLS.saveRequirement, { roleId: 'teacher', competenceId: 'cpr', level: 'required', dueWithinDays: '30' });
    expect(dataOf(r)).toMatchObject({ saved: true });
    expect(rows(ports, 'Requirements').at(-1)).toMatchObject({ roleId: 'teacher', competenceId: 'cpr', dueWithinDays: '30' });
    // The next rebuild's data-health report names the missing column (provision adds it).
    rebuildReadModel(ports.workbook, new ReadModel(ports.cache, () => 'g1', ports.codec), { now: `${TODAY}T10:00:00Z`, today: TODAY, generation: 'g1' });
    const health = dataOf(call(ports, PEOPLE.guri, SIDEBAR_CALLS.health));
    expect(JSON.stringify(health)).toContain('Gjelder fra');
  });

  it('validates competences field by field, in words', () => {
    const ports = warm();
    const base = VALID[SIDEBAR_CALLS.saveCompetence];
    const text = (p: object) => (call(ports, PEOPLE.guri, SIDEBAR_CALLS.saveCompetence, { ...base, ...p }) as { text: string }).text;
    expect(text({ category: 'nice' })).toContain('Kategori kan ikke være «nice»; velg en av: lovpålagt, obligatorisk, anbefalt, digital');
    expect(text({ validityMonths: 0 })).toContain('Gyldighet i måneder (tom = utløper ikke) må være et heltall fra 1 til 600');
    expect(text({ competenceId: 'brann øvelse' })).toContain('er ikke gyldig');
    expect(text({ satisfiedBy: [] })).toContain('velg minst én måte');
    expect(text({ competenceId: 'cpr' })).toContain('finnes allerede en kompetanse med id «cpr»');
    expect(rows(ports, 'Competences')).toHaveLength(4);
  });

  it('creates and edits a competence', () => {
    const ports = warm();
    expect(dataOf(call(ports, PEOPLE.guri, SIDEBAR_CALLS.saveCompetence, VALID[SIDEBAR_CALLS.saveCompetence])).message).toBe('«Brannøvelse» er lagret.');
    call(ports, PEOPLE.guri, SIDEBAR_CALLS.saveCompetence, { ...VALID[SIDEBAR_CALLS.saveCompetence], isNew: false, validityMonths: '6' });
    expect(rows(ports, 'Competences').filter((c) => c.competenceId === 'drill')).toEqual([expect.objectContaining({ validityMonths: '6', satisfiedBy: 'sign-off' })]);
  });

  it('removes a competence from a role plan by emptying its row under the key check', () => {
    const ports = warm();
    call(ports, PEOPLE.guri, SIDEBAR_CALLS.removeRequirement, VALID[SIDEBAR_CALLS.removeRequirement]);
    expect(rows(ports, 'Requirements').some((r) => r.competenceId === 'gws')).toBe(false);
    expect(rows(ports, 'Audit')[0]).toMatchObject({ action: 'kompetansekrav fjernet', key: 'nurse|gws' }); // the action in words (action-labels.ts)
    expect((dataOf(call(ports, PEOPLE.guri, SIDEBAR_CALLS.catalogue)).requirements as unknown[])).toHaveLength(4);
    guarded(ports, handlers, {}, { host: 'job', action: 'job.rebuild', userEmail: '', fromTrigger: true });
    expect(dataOf(call(ports, PEOPLE.guri, SIDEBAR_CALLS.health)).total).toBe(0);
  });
});

describe('register a certification by hand', () => {
  const evidence = { name: 'kursbevis.pdf', mimeType: 'application/pdf', base64: Buffer.from('%PDF-1.4 test').toString('base64') };

  it('refuses an expiry before the achievement, an unknown competence or employee, with what to fix', () => {
    const ports = warm();
    const reg = (p: object) => call(ports, PEOPLE.guri, SIDEBAR_CALLS.registerCertification, { ...VALID[SIDEBAR_CALLS.registerCertification], ...p });
    expect(reg({ expiresOn: '2026-10-01' })).toMatchObject({ text: expect.stringContaining('utløpsdatoen 2026-10-01 er før datoen den ble oppnådd (2026-11-01)') });
    expect(reg({ competenceId: 'nope' })).toMatchObject({ text: expect.stringContaining('kompetansen «nope» finnes ikke') });
    expect(reg({ email: 'ingen@kommune.example' })).toMatchObject({ text: expect.stringContaining('fant ingen ansatt med e-post ingen@kommune.example') });
    expect(reg({ achievedOn: '31.02.2026' })).toMatchObject({ text: expect.stringContaining('Oppnådd dato: «31.02.2026» er ikke en dato') });
    expect(reg({ evidence: { ...evidence, mimeType: 'application/x-msdownload' } })).toMatchObject({ text: expect.stringContaining('støttes ikke') });
    expect(rows(ports, 'Certifications')).toHaveLength(4);
    expect(ports.services.drive.files.size).toBe(0);
  });

  it('uploads the evidence to the employee\'s folder and records it, once for a double click', () => {
    const ports = warm();
    const payload = { ...VALID[SIDEBAR_CALLS.registerCertification], expiresOn: '27.11.2027', note: 'Ekstern kurs', evidence };
    expect(dataOf(call(ports, PEOPLE.guri, SIDEBAR_CALLS.registerCertification, payload)).message).toBe('D-HLR er registrert for Ola Åsen.');
    const [file] = [...ports.services.drive.files.values()];
    expect(file).toMatchObject({ folderId: ports.services.drive.folders.get('Kompetent/Dokumentasjon/E4'), mimeType: 'application/pdf', content: evidence.base64 });
    expect(rows(ports, 'Certifications').at(-1)).toMatchObject({ employeeId: 'E4', competenceId: 'cpr', expiresOn: '2027-11-27', source: 'document', evidenceFileId: file!.id, verifiedBy: PEOPLE.guri, state: 'valid' });
    expect(dataOf(call(ports, PEOPLE.guri, SIDEBAR_CALLS.registerCertification, payload)).message).toContain('var allerede registrert');
    expect(ports.services.drive.files.size).toBe(1);
    expect(rows(ports, 'Certifications')).toHaveLength(5);
  });

  it('never stores documents that must only be seen (police certificates)', () => {
    const d = fixtureData();
    d.Settings!.push({ key: 'noEvidenceCompetences', value: 'cpr' });
    const ports = warm(d);
    expect(call(ports, PEOPLE.guri, SIDEBAR_CALLS.registerCertification, { ...VALID[SIDEBAR_CALLS.registerCertification], evidence }))
      .toMatchObject({ text: expect.stringContaining('skal ikke lagres') });
  });
});

describe('data health and refresh', () => {
  it('shows rows typed by hand that the console would have refused', () => {
    const ports = warm();
    const wb = ports.workbook as MemoryWorkbook;
    const cert = wb.dump('Certifications')!;
    wb.handEdit('Certifications', 2, cert.header.indexOf('expiresOn'), '2025-01-01'); // C1 achieved 2025-12-10
    const req = wb.dump('Requirements')!;
    wb.handEdit('Requirements', req.rows.length + 2, req.header.indexOf('roleId'), 'teacher');
    wb.handEdit('Requirements', req.rows.length + 2, req.header.indexOf('competenceId'), 'nope');
    wb.handEdit('Requirements', req.rows.length + 2, req.header.indexOf('level'), 'required');
    const refreshed = dataOf(call(ports, PEOPLE.guri, SIDEBAR_CALLS.refresh));
    expect(refreshed).toMatchObject({ persons: 4, issues: 2 });
    const health = dataOf(call(ports, PEOPLE.guri, SIDEBAR_CALLS.health));
    expect(health.issues).toEqual([
      expect.objectContaining({ table: 'Kompetansekrav', field: 'Kompetanse-ID', problem: 'viser til noe som ikke finnes (nope)' }),
      expect.objectContaining({ table: 'Sertifiseringer', row: 2, field: 'Utløpsdato', problem: 'utløper før den ble oppnådd' }),
    ]);
  });
});
