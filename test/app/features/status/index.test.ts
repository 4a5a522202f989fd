// Leaders' overview and drill-down, sign-off and verification, the skills survey and the Sheets panel: access, budgets,
// idempotency, the records written, and the read model patched after a change.
import { chunkKeys, packOf } from '../../../../src/store/packs';
import { toChatResponse } from '../../../../src/ui/envelopes';
import { MemoryWorkbook } from '../../../../src/adapters/memory/memory-workbook';
import { localPorts, MovableClock } from '../../../../src/adapters/memory/memory-services';
import { ReadModel } from '../../../../src/store/read-model';
import { rebuildReadModel } from '../../../../src/store/rebuild';
import { ShardedWorkbook } from '../../../../src/store/sharded-workbook';
import { fixtureData, fixtureWorkbook, PEOPLE, TODAY } from '../../../support/fixture';
import { validateChatResponse } from '../../../support/discovery-validator';
import { createFakeCardService } from '../../../support/fake-card-service';
import { toActionResponse } from '../../../../src/gas/card-service';
import { toAddonResponse } from '../../../../src/ui/envelopes';
import { handlers, msOf, runAddon, runChat, warm, type Data, type Ports } from './support';
import { guarded } from '../../../../src/app/pipeline/handle';
import { keyedRows } from '../../../support/sheet-rows';

const rows = (ports: Ports, table: string) => {
  return keyedRows(table, (ports.workbook as MemoryWorkbook).dump(table)!);
};
const json = (x: unknown) => JSON.stringify(x);
const NOT_ALLOWED = 'Du har ikke tilgang til dette.';

function expectValidChat(outcome: ReturnType<typeof runChat>) {
  expect(validateChatResponse(toChatResponse(outcome.reply, outcome.request ?? {}))).toEqual([]);
}

describe('access matrix', () => {
  const who = { kari: PEOPLE.kari, per: PEOPLE.per, ola: PEOPLE.ola, guri: PEOPLE.guri, stranger: PEOPLE.stranger };
  const cases: [string, Record<string, string>, (keyof typeof who)[]][] = [
    ['status.unit', { unitId: 'solbakken-a' }, ['per', 'guri']],
    ['status.unitPerson', { email: PEOPLE.kari }, ['kari', 'per', 'guri']],
    ['status.signOffOpen', { email: PEOPLE.kari }, ['per', 'guri']],
    ['status.signOff', { email: PEOPLE.kari, competenceId: 'fire' }, ['per', 'guri']],
    ['skills.unit', { unitId: 'solbakken-a' }, ['per', 'guri']],
    ['skills.unit', { unitId: 'haugen' }, ['ola', 'guri']],
    ['skills.submit', { skill_email: '2' }, ['kari', 'per', 'ola', 'guri']],
  ];
  it.each(cases)('%s %j is allowed for exactly %j', (action, params, allowed) => {
    for (const [name, email] of Object.entries(who)) {
      const ports = warm();
      const reply = runAddon(ports, email, action, params).reply;
      const refused = json(reply).includes(NOT_ALLOWED) || json(reply).includes('Vi fant deg ikke');
      expect([name, refused]).toEqual([name, !allowed.includes(name as keyof typeof who)]);
      if (refused) expect(ports.meter.byKind['workbook.write']).toBeUndefined();
    }
  });
});

describe('leader overview', () => {
  it('answers /enhet with the led unit, its sub-unit and its people in one cache call', () => {
    const ports = warm();
    const out = runChat(ports, PEOPLE.per, { text: 'enhet' });
    const text = json(out.reply);
    expect(text).toContain('Solbakken sykehjem');
    expect(text).toContain('Solbakken avdeling A');
    expect(text).toContain('Direkte i enheten – trenger oppfølging');
    expect(ports.meter.snapshot()).toMatchObject({ calls: 1, cellsRead: 0, byKind: { 'cache.getAll': 1 } });
    expectValidChat(out);
  });

  it('drills down to a sub-unit and lists who needs what', () => {
    const ports = warm();
    const out = runChat(ports, PEOPLE.per, { action: 'status.unit', params: { unitId: 'solbakken-a' } });
    const text = json(out.reply);
    expect(text).toContain('Kari Nordmann');
    expect(text).toContain('Brannvern utløp');
    expect(text).toContain('D-HLR utløper');
    // One getAll: the unit's view is fetched with the leader's own and opened once they are known to lead it.
    expect(ports.meter.calls).toBe(1);
    expectValidChat(out);
  });

  it('refuses staff and leaders of other units, before reading anything else', () => {
    const ports = warm();
    expect(json(runChat(ports, PEOPLE.kari, { text: 'enhet' }).reply)).toContain('ikke registrert som leder');
    expect(runAddon(ports, PEOPLE.kari, 'status.unit', { unitId: 'solbakken' }).reply).toEqual({ kind: 'notify', text: NOT_ALLOWED });
    expect(runAddon(ports, PEOPLE.per, 'status.unit', { unitId: 'haugen' }).reply).toEqual({ kind: 'notify', text: NOT_ALLOWED });
    expect(ports.meter.byKind['workbook.read']).toBeUndefined();
  });

  it('lets HR open any unit', () => {
    const ports = warm();
    expect(json(runAddon(ports, PEOPLE.guri, 'status.unit', { unitId: 'haugen' }).reply)).toContain('Haugen skole');
  });

  it('answers from the durable copy when the unit views are evicted: a real card, one bounded read, no rebuild', () => {
    const ports = warm();
    ports.services.rawCache.removeAll(chunkKeys(packOf('u:solbakken-a')));
    ports.meter.reset();
    const text = json(runAddon(ports, PEOPLE.per, 'status.unit', { unitId: 'solbakken-a' }).reply);
    expect(text).not.toContain('gjør klar');
    expect(text).toContain('Kari Nordmann');
    expect(ports.services.rebuildRequests).toBe(0);
    // Within the cold budget of three: one getAll, the unit's durable row (read once the check passed), and the refill.
    expect(ports.meter.snapshot().byKind).toEqual({ 'cache.getAll': 1, 'workbook.read': 1, 'cache.putAll': 1 });
    guarded(ports, handlers, {}, { host: 'job', action: 'job.heal', userEmail: '', fromTrigger: true });
    ports.meter.reset();
    expect(json(runAddon(ports, PEOPLE.per, 'status.unit', { unitId: 'solbakken-a' }).reply)).toContain('Kari Nordmann');
    expect(ports.meter.snapshot().byKind).toEqual({ 'cache.getAll': 1 });
  });

  it('shows one person with a sign-off button for practical competences only', () => {
    const ports = warm();
    const out = runChat(ports, PEOPLE.per, { action: 'status.unitPerson', params: { email: PEOPLE.kari } });
    const text = json(out.reply);
    expect(text).toContain('Kari Nordmann');
    expect(text).toContain('status.signOffOpen');
    expect(text).toContain('"value":"fire"');
    expect(text).not.toContain('"competenceId","value":"cpr"');
    expectValidChat(out);
    expect(runAddon(ports, PEOPLE.ola, 'status.unitPerson', { email: PEOPLE.kari }).reply).toEqual({ kind: 'notify', text: NOT_ALLOWED });
  });
});

describe('sign-off', () => {
  const signOff = (ports: Ports, who: string, form: Record<string, string | { ms: number }> = { competenceId: 'fire', achievedOn: { ms: msOf('2026-11-20') } }) =>
    runChat(ports, who, { action: 'status.signOff', params: { email: PEOPLE.kari, chain: 'solbakken-a,solbakken,helse' }, form, dialog: true });

  it('opens a dialog with the competences that can be signed off', () => {
    const ports = warm();
    const out = runChat(ports, PEOPLE.per, { action: 'status.signOffOpen', params: { email: PEOPLE.kari, competenceId: 'fire', chain: 'solbakken-a' }, dialog: true });
    expect(out.reply.kind).toBe('dialog');
    const text = json(out.reply);
    expect(text).toContain('Brannvern (Utløpt)');
    expect(text).toContain('Legemiddelhåndtering');
    expect(text).not.toContain('D-HLR');
    expectValidChat(out);
  });

  it('creates a certification with the leader as verifier, within the change budget', () => {
    const ports = warm();
    const out = signOff(ports, PEOPLE.per);
    expect(json(out.reply)).toContain('Brannvern er godkjent for Kari Nordmann');
    expectValidChat(out);
    const cert = rows(ports, 'Certifications').at(-1)!;
    expect(cert).toMatchObject({ employeeId: 'E1', competenceId: 'fire', achievedOn: '2026-11-20', source: 'sign-off', verifiedBy: PEOPLE.per, state: 'valid' });
    expect(rows(ports, 'Audit')).toEqual([expect.objectContaining({ actorEmail: PEOPLE.per, action: 'godkjent av leder', table: 'Certifications' })]);
    expect(ports.meter.snapshot().byKind).toEqual({ lock: 1, 'cache.getAll': 1, 'workbook.read': 1, 'workbook.write': 1, 'cache.putAll': 1 });
  });

  it('with person shards: the row goes to the employee\'s shard, the Audit row to the records; reads in one round, two ordered writes', () => {
    const records = fixtureWorkbook(fixtureData());
    const shard = new MemoryWorkbook(records.meter);
    for (const t of ['Certifications', 'SkillAssessments']) { const d = records.dump(t)!; shard.seed(t, d.header, d.rows); records.seed(t, d.header, []); }
    const ports = localPorts(new ShardedWorkbook(records, [shard], { together: (r) => r }), { clock: new MovableClock('Europe/Oslo', () => Date.parse(`${TODAY}T09:00:00Z`)) });
    rebuildReadModel(ports.workbook, new ReadModel(ports.cache, () => 'g0', ports.codec), { now: `${TODAY}T09:00:00Z`, today: TODAY, generation: 'g0' });
    ports.meter.reset();
    const out = signOff(ports, PEOPLE.per);
    expect(json(out.reply)).toContain('Brannvern er godkjent for Kari Nordmann');
    expect(shard.dump('Certifications')!.rows.at(-1)).toContain(PEOPLE.per);
    expect(records.dump('Certifications')!.rows).toEqual([]);
    expect(records.dump('Audit')!.rows).toHaveLength(1);
    // DESIGN.md's change budget is 5 calls with one write; two spreadsheets are two writes (the shard's first): 6.
    expect(ports.meter.snapshot().byKind).toEqual({ lock: 1, 'cache.getAll': 1, 'workbook.read': 2, 'workbook.write': 2, 'cache.putAll': 1 });
    expect(ports.meter.calls).toBe(6);
  });

  it('patches the unit views, so the overview shows it at once (still one call)', () => {
    const ports = warm();
    signOff(ports, PEOPLE.per);
    ports.meter.reset();
    const ward = json(runAddon(ports, PEOPLE.per, 'status.unit', { unitId: 'solbakken-a' }).reply);
    expect(ward).not.toContain('Brannvern utløp');
    expect(ward).toContain('D-HLR utløper');
    const mine = json(runChat(ports, PEOPLE.per, { text: 'enhet' }).reply);
    expect(mine).toContain('Over fristen 0 · utløpt 0');
    // The unit drill-down: one getAll; /enhet: one.
    expect(ports.meter.snapshot().byKind).toEqual({ 'cache.getAll': 2 });
  });

  it('is idempotent for a double click on the same day', () => {
    const ports = warm();
    signOff(ports, PEOPLE.per);
    ports.meter.reset();
    const again = signOff(ports, PEOPLE.per);
    expect(json(again.reply)).toContain('var allerede godkjent');
    expect(rows(ports, 'Certifications').filter((c) => c.source === 'sign-off' && c.competenceId === 'fire')).toHaveLength(1);
    expect(ports.meter.byKind['workbook.write']).toBeUndefined();
  });

  it('refuses the person themselves and leaders of other units, without touching the records', () => {
    const ports = warm();
    expect(json(signOff(ports, PEOPLE.kari).reply)).toContain(NOT_ALLOWED);
    expect(json(signOff(ports, PEOPLE.ola).reply)).toContain(NOT_ALLOWED);
    expect(ports.meter.byKind['workbook.read']).toBeUndefined();
    expect(ports.meter.byKind['workbook.write']).toBeUndefined();
  });

  it('says what to fix: unknown competence, one that is not signed off, a date in the future', () => {
    const ports = warm();
    expect(json(signOff(ports, PEOPLE.per, { competenceId: 'nope' }).reply)).toContain('kompetansen «nope» finnes ikke i katalogen');
    expect(json(signOff(ports, PEOPLE.per, { competenceId: 'cpr' }).reply)).toContain('«D-HLR» godkjennes ikke av leder, men oppnås gjennom kurs');
    expect(json(signOff(ports, PEOPLE.per, { competenceId: 'fire', achievedOn: { ms: msOf('2026-12-24') } }).reply)).toContain('fram i tid');
    expect(rows(ports, 'Certifications')).toHaveLength(4);
  });
});

describe('verify a pending certificate', () => {
  const data = (): Data => {
    const d = fixtureData();
    d.Certifications!.push({ certificationId: 'C9', employeeId: 'E1', competenceId: 'gws', achievedOn: '2026-11-01', expiresOn: undefined,
      source: 'document', evidenceFileId: 'file1', verifiedBy: undefined, state: 'pending', note: undefined });
    return d;
  };

  it('sets the state to valid with the leader as verifier, once', () => {
    const ports = warm(data());
    const click = () => runAddon(ports, PEOPLE.per, 'status.verify', { email: PEOPLE.kari, certificationId: 'C9', chain: 'solbakken-a,solbakken' });
    expect(json(runAddon(ports, PEOPLE.per, 'status.unitPerson', { email: PEOPLE.kari }).reply)).toContain('Venter på godkjenning');
    ports.meter.reset();
    expect(json(click().reply)).toContain('er godkjent for Kari Nordmann. Kari Nordmann får beskjed');
    expect(rows(ports, 'Certifications').find((c) => c.certificationId === 'C9')).toMatchObject({ state: 'valid', verifiedBy: PEOPLE.per });
    expect(ports.meter.snapshot().byKind).toEqual({ lock: 1, 'cache.getAll': 1, 'workbook.read': 1, 'workbook.write': 1, 'cache.putAll': 1 });
    expect(json(click().reply)).toContain('var allerede bekreftet');
    // The change and the mail telling Kari (an Outbox row in the same commit), each audited; the second click writes nothing.
    expect(rows(ports, 'Audit').map((a) => a.table)).toEqual(['Certifications', 'Outbox']);
    expect(runAddon(ports, PEOPLE.ola, 'status.verify', { email: PEOPLE.kari, certificationId: 'C9' }).reply).toEqual({ kind: 'notify', text: NOT_ALLOWED });
  });
});

describe('digital-skills survey', () => {
  const answers = (level: string) => ({ skill_email: level, skill_sheets: '1', skill_drive: 'none' });

  it('offers the nine areas from Chat and Gmail', () => {
    const ports = warm();
    const chatForm = runChat(ports, PEOPLE.kari, { text: 'ferdigheter' });
    expect(chatForm.reply.kind).toBe('card');
    expectValidChat(chatForm);
    const text = json(runAddon(ports, PEOPLE.kari, 'skills.open', {}, undefined, 'gmail').reply);
    for (const area of ['skill_email', 'skill_calendar', 'skill_drive', 'skill_docs', 'skill_sheets', 'skill_chat', 'skill_meet', 'skill_intranet', 'skill_mobile']) expect(text).toContain(area);
  });

  it('upserts one row per employee and area; the same answer again writes nothing', () => {
    const ports = warm();
    const out = runChat(ports, PEOPLE.kari, { action: 'skills.submit', form: answers('3'), dialog: true });
    expectValidChat(out);
    expect(rows(ports, 'SkillAssessments')).toEqual([
      expect.objectContaining({ employeeId: 'E1', area: 'email', level: '3' }), expect.objectContaining({ employeeId: 'E1', area: 'sheets', level: '1' }),
    ]);
    ports.meter.reset();
    runChat(ports, PEOPLE.kari, { action: 'skills.submit', form: answers('3'), dialog: true });
    expect(ports.meter.byKind['workbook.write']).toBeUndefined();
    runChat(ports, PEOPLE.kari, { action: 'skills.submit', form: answers('4'), dialog: true });
    const after = rows(ports, 'SkillAssessments');
    expect(after).toHaveLength(2);
    expect(after[0]).toMatchObject({ area: 'email', level: '4' });
  });

  it('asks for at least one answer and rejects levels outside 0–4', () => {
    const ports = warm();
    expect(json(runChat(ports, PEOPLE.kari, { action: 'skills.submit', form: { skill_email: 'none' } }).reply)).toContain('minst ett område');
    expect(json(runChat(ports, PEOPLE.kari, { action: 'skills.submit', form: { skill_email: '7' } }).reply)).toContain('fra 0 til 4');
  });

  it('shows results per unit to its guides and leaders, never to staff, and hides small groups', () => {
    const d = fixtureData();
    for (const i of [5, 6, 7]) {
      d.Employees!.push({ employeeId: `E${i}`, email: `t${i}@kommune.example`, name: `Lærer ${i}`, unitId: 'haugen', roleIds: ['teacher'], managerEmail: undefined, startDate: '2020-01-01', probationEndsOn: undefined, status: 'active', locale: 'nb' });
      d.SkillAssessments = [...(d.SkillAssessments ?? []), { employeeId: `E${i}`, area: 'sheets', level: i - 5, assessedOn: '2026-11-01' }];
    }
    const ports = warm(d);
    const guide = json(runAddon(ports, PEOPLE.ola, 'skills.unit', { unitId: 'haugen' }).reply);
    expect(guide).toContain('Snitt 1,0 (3 svar)');
    expect(guide).toContain('undervis på nivå 1');
    expect(ports.meter.calls).toBe(1);
    expect(runAddon(ports, PEOPLE.kari, 'skills.unit', { unitId: 'haugen' }).reply).toEqual({ kind: 'notify', text: NOT_ALLOWED });
    expect(json(runAddon(ports, PEOPLE.per, 'skills.unit', { unitId: 'solbakken' }).reply)).toContain('For få svar');
    expect(json(runAddon(ports, PEOPLE.guri, 'skills.unit', { unitId: 'haugen' }).reply)).toContain('Snitt 1,0');
  });
});

describe('Sheets panel and the staff card', () => {
  it('adds the leader view for leaders, in one call', () => {
    const ports = warm();
    const leader = json(runAddon(ports, PEOPLE.per, 'sheets.home').reply);
    expect(leader).toContain('Mine enheter');
    expect(leader).toContain('Solbakken sykehjem');
    expect(ports.meter.calls).toBe(1);
    const staff = json(runAddon(ports, PEOPLE.kari, 'sheets.home').reply);
    expect(staff).toContain('Min kompetanse');
    expect(staff).not.toContain('Mine enheter');
  });

  it('lists open plan items from appraisals with due dates and competence status', () => {
    const d = fixtureData();
    d.PlanItems = [
      { planItemId: 'P1', employeeId: 'E1', competenceId: undefined, courseId: undefined, goal: 'Lære opp nye kolleger i Meet', dueBy: '2027-03-01', status: 'open', appraisalId: 'A1' },
      { planItemId: 'P2', employeeId: 'E1', competenceId: 'gws', courseId: undefined, goal: undefined, dueBy: '2026-10-01', status: 'open', appraisalId: 'A1' },
      { planItemId: 'P3', employeeId: 'E1', competenceId: undefined, courseId: undefined, goal: 'Ferdig mål', dueBy: undefined, status: 'done', appraisalId: 'A1' },
    ];
    const ports = warm(d);
    const out = runChat(ports, PEOPLE.kari, { text: 'status' });
    const text = json(out.reply);
    expect(text).toContain('Min plan');
    expect(text).toContain('Lære opp nye kolleger i Meet');
    expect(text).toContain('Fristen var 1. oktober 2026');
    expect(text).not.toContain('Ferdig mål');
    expectValidChat(out);
  });
});

describe('add-on hosts', () => {
  it('every leader, sign-off and skills card translates to CardService (Gmail, Docs, Sheets)', () => {
    const g = globalThis as unknown as { CardService?: unknown };
    g.CardService = createFakeCardService();
    try {
      const d = fixtureData();
      d.Certifications!.push({ certificationId: 'C9', employeeId: 'E1', competenceId: 'gws', achievedOn: '2026-11-01', expiresOn: undefined,
        source: 'document', evidenceFileId: undefined, verifiedBy: undefined, state: 'pending', note: undefined });
      const ports = warm(d);
      const replies = [
        runAddon(ports, PEOPLE.per, 'status.unit'), runAddon(ports, PEOPLE.per, 'status.unit', { unitId: 'solbakken-a' }),
        runAddon(ports, PEOPLE.per, 'status.unitPerson', { email: PEOPLE.kari }), runAddon(ports, PEOPLE.per, 'status.signOffOpen', { email: PEOPLE.kari }),
        runAddon(ports, PEOPLE.per, 'status.signOff', { email: PEOPLE.kari, chain: 'solbakken-a' }, { competenceId: 'fire' }),
        runAddon(ports, PEOPLE.kari, 'skills.open', {}, undefined, 'gmail'), runAddon(ports, PEOPLE.kari, 'skills.submit', {}, { skill_email: '2' }, 'gmail'),
        runAddon(ports, PEOPLE.per, 'skills.unit', { unitId: 'solbakken' }), runAddon(ports, PEOPLE.ola, 'skills.unit'),
        runAddon(ports, PEOPLE.per, 'sheets.home'),
      ].map((o) => o.reply);
      expect(replies.map((r) => r.kind)).toEqual(['card', 'card', 'card', 'dialog', 'card', 'dialog', 'card', 'card', 'card', 'card']);
      for (const r of replies) expect(() => toActionResponse(toAddonResponse(r))).not.toThrow();
    } finally {
      delete g.CardService;
    }
  });
});

describe('status follows the person, from the certification history', () => {
  const statusText = (data: ReturnType<typeof fixtureData>) => JSON.stringify(runChat(warm(data), PEOPLE.kari, { text: 'status' }).reply);

  it('a move to another unit moves the requirements, not the history', () => {
    const moved = fixtureData();
    moved.Employees = moved.Employees!.map((e) => (e.employeeId === 'E1' ? { ...e, unitId: 'haugen' } : e));
    const before = statusText(fixtureData());
    const after = statusText(moved);
    expect(after).toContain('<b>2 av 3</b>');
    expect(after).toContain('Legemiddelhåndtering');
    expect(before.match(/Gyldig|Utløper|Utløpt/g)).toEqual(after.match(/Gyldig|Utløper|Utløpt/g));
  });

  it('a new role adds its requirements and keeps what was achieved', () => {
    const data = fixtureData();
    data.Requirements!.push({ roleId: 'teacher', competenceId: 'cpr', level: 'required', dueWithinDays: 30 });
    data.Employees = data.Employees!.map((e) => (e.employeeId === 'E4' ? { ...e, roleIds: ['teacher'] } : e));
    const ola = JSON.stringify(runChat(warm(data), PEOPLE.ola, { text: 'status' }).reply);
    expect(ola).toContain('<b>1 av 2</b>');
    expect(ola).toContain('D-HLR');
  });

  it('someone who left and came back still holds what they held', () => {
    // Back with a new start date (the records keep the same employee id): the history is still theirs.
    const back = fixtureData();
    back.Employees = back.Employees!.map((e) => (e.employeeId === 'E1' ? { ...e, startDate: '2026-10-01' } : e));
    expect(statusText(back)).toContain('Legemiddelhåndtering');
    expect(statusText(back)).toContain('Gyldig');
  });
});

describe('the staff card explains itself', () => {
  it('says where each date comes from, and an early renewal says it was extended from the previous expiry', () => {
    const data = fixtureData();
    // Kari renewed CPR on 2026-11-01, inside the window before the old expiry (2026-12-10).
    data.Certifications!.push({ certificationId: 'C9', employeeId: 'E1', competenceId: 'cpr', achievedOn: '2026-11-01', expiresOn: undefined,
      source: 'session', evidenceFileId: undefined, verifiedBy: undefined, state: 'valid', note: undefined });
    const json = JSON.stringify(runChat(warm(data), PEOPLE.kari, { text: 'status' }).reply);
    expect(json).toContain('Utløper 10. desember 2027: fornyet 1. november 2026, forlenget fra forrige utløp 10. desember 2026 + 12 mnd');
    expect(json).toContain('Utløp 1. oktober 2026');
    // The next open session that fixes the expired fire safety, with its sign-up button.
    expect(json).toContain('Brannvernopplæring');
    expect(json).toContain('"value":"courses.signUp"');
  });
});
