// Creating appraisal documents and the Docs panel: prefilled from the records, shared with the leader and the employee
// only, nothing half-way on a bad template, access from the current Units table, no content in the cache, budgets.
import { toAddonResponse, toChatResponse } from '../../../../src/ui/envelopes';
import { Records } from '../../../../src/store/records';
import { MemoryCache } from '../../../../src/store/strict-cache';
import { chunkKeys } from '../../../../src/store/packs';
import { TEMPLATE_IDS } from '../../../../src/adapters/memory/appraisal-templates';
import { validateAgainstDiscovery, validateChatResponse } from '../../../support/discovery-validator';
import {
  agreedTable, appraisalData, cacheText, create, docText, FOLDER, LISE, NINA, PEOPLE, rebuild, rows, runChat, runDocs, setup, type Ports,
} from './support';
import { watchHeld } from '../../../support/held-calls';

const json = (x: unknown) => JSON.stringify(x);
const liveDocs = (ports: Ports) => [...ports.services.drive.files.values()].filter((f) => !f.trashed && !Object.values(TEMPLATE_IDS).includes(f.id));
const cardsOf = (reply: unknown) => (toAddonResponse(reply as never).action.navigations ?? []).map((n) => ('pushCard' in n ? n.pushCard : 'updateCard' in n ? n.updateCard : undefined));

function expectValidCards(reply: unknown): void {
  for (const card of cardsOf(reply)) expect(validateAgainstDiscovery('GoogleAppsCardV1Card', card)).toEqual([]);
}

describe('appraisal.create', () => {
  it('copies the template, fills it from the records and shares it with the leader (edit) and the employee (comment) only', () => {
    const ports = setup();
    const { out, docId } = create(ports, PEOPLE.per, PEOPLE.kari);
    expect(out.reply.kind).toBe('card');
    expect(json(out.reply)).toContain('Dokumentet for Kari Nordmann er klart');
    expectValidCards(out.reply);
    const file = ports.services.drive.files.get(docId!)!;
    expect(file).toMatchObject({ folderId: FOLDER, writers: [PEOPLE.per], commenters: [PEOPLE.kari], readers: [] });
    expect(file.name).toBe('Medarbeidersamtale – Kari Nordmann – 2026-11-25');
    const doc = { body: docText(ports, docId!) };
    expect(doc.body).not.toMatch(/\{\{\w+\}\}/);
    expect(doc.body).toContain('Medarbeider: Kari Nordmann (kari.nordmann@kommune.example)');
    expect(doc.body).toContain('Stilling: Sykepleier');
    expect(doc.body).toContain('Enhet: Solbakken avdeling A');
    expect(doc.body).toContain('Leder: Per Leder');
    expect(doc.body).toContain('Dato for samtalen: 25. november 2026');
    expect(doc.body).toContain('Brannvern: Utløpt (1. oktober 2026)');
    expect(doc.body).toContain('D-HLR: Utløper snart (10. desember 2026)');
    expect(doc.body).toContain('Ingen tidligere samtale registrert.');
    expect(agreedTable(ports, docId!).rows[0]).toEqual(['Tiltak', 'Kompetanse eller mål', 'Frist', 'Ansvarlig']);
    // The template itself is untouched.
    expect(docText(ports, TEMPLATE_IDS.development)).toContain('{{employeeName}}');
    expect(rows(ports, 'Appraisals')).toEqual([expect.objectContaining({
      employeeId: 'E1', leaderEmail: PEOPLE.per, kind: 'development', scheduledOn: '2026-11-25', docId, status: 'prepared',
    })]);
    expect(rows(ports, 'Audit')).toContainEqual(expect.objectContaining({ action: 'samtaledokument laget', table: 'Appraisals', actorEmail: PEOPLE.per }));
  });

  it('prefills courses taken and booked, open plan items and what was agreed last time', () => {
    const data = appraisalData();
    data.Enrollments = [{ enrollmentId: 'N1', sessionId: 'S2', employeeId: 'E1', status: 'enrolled', signedUpAt: '2026-11-20T08:00:00Z', changedAt: undefined, signedUpBy: undefined }];
    data.Appraisals = [{ appraisalId: 'A0', employeeId: 'E1', leaderEmail: PEOPLE.per, kind: 'development', scheduledOn: '2025-11-20', heldOn: '2025-11-20',
      docId: 'old-doc', status: 'archived', nextDueOn: undefined }];
    data.PlanItems = [{ planItemId: 'P1', employeeId: 'E1', competenceId: 'fire', courseId: undefined, goal: undefined, dueBy: '2026-12-31', status: 'open', appraisalId: 'A0' }];
    const ports = setup({}, data);
    const { docId } = create(ports, PEOPLE.per, PEOPLE.kari);
    const body = docText(ports, docId!);
    expect(body).toContain('D-HLR – 10. desember 2025');
    expect(body).toContain('Brannvernopplæring – 10. desember 2026 (påmeldt)');
    expect(body).toContain('Avtalt sist (20. november 2025)');
    expect(body).toMatch(/Brannvern – frist 31\. desember 2026/);
    expect(body).toMatch(/Brannvern – frist 31\. desember 2026 – åpen/);
    expect(body).not.toContain('Ingen tidligere samtale registrert.');
  });

  it('copies, fills and shares before the lock; under it only the records read and write and the cache patch', () => {
    const ports = setup();
    const held = watchHeld(ports);
    create(ports, PEOPLE.per, PEOPLE.kari);
    // One getAll (the employee's record fetched with the leader's own, opened after the access check); then, outside the
    // lock, the outward calls the meter counts (copy the template, fill it, share it); then the lock, one read, one write,
    // one putAll. 7 calls, a stated departure from the change budget's 5 (the document is the change).
    expect(ports.meter.snapshot().byKind).toEqual({ lock: 1, 'cache.getAll': 1, 'workbook.read': 1, 'workbook.write': 1, 'cache.putAll': 1, 'drive.copy': 1, 'docs.fillPlaceholders': 1, 'drive.share': 1 });
    // While the script lock is held: the records read and write, and the cache patch (in commit order), nothing else.
    expect(held.byKind()).toEqual({ 'workbook.read': 1, 'workbook.write': 1, 'cache.putAll': 1 });
    expect(held.holds()).toBe(1);
  });

  it('gives edit access to the employee when configured', () => {
    const ports = setup({ appraisalEmployeeAccess: 'edit' });
    const { docId } = create(ports, PEOPLE.per, PEOPLE.kari);
    expect(ports.services.drive.files.get(docId!)).toMatchObject({ writers: [PEOPLE.per, PEOPLE.kari], commenters: [], readers: [] });
  });

  it('a double click shows the same document instead of making a second', () => {
    const ports = setup();
    const first = create(ports, PEOPLE.per, PEOPLE.kari);
    const second = create(ports, PEOPLE.per, PEOPLE.kari);
    expect(json(second.out.reply)).toContain('Det finnes allerede et dokument');
    expect(second.docId).toBe(first.docId);
    expect(liveDocs(ports)).toHaveLength(1);
    expect(rows(ports, 'Appraisals')).toHaveLength(1);
  });

  it('uses the probation template for a probation conversation, and refuses one for someone not in probation', () => {
    const ports = setup();
    const { docId } = create(ports, PEOPLE.per, NINA, 'probation');
    const doc = { body: docText(ports, docId!) };
    expect(doc.body).toContain('Oppfølgingssamtale i prøvetiden');
    expect(doc.body).toContain('Prøvetiden slutter: 1. mars 2027');
    expect(doc.body).toContain('1. oppfølgingssamtale: 1. november 2026');
    const again = create(ports, PEOPLE.per, PEOPLE.kari, 'probation');
    expect(json(again.out.reply)).toContain('har ingen prøvetid registrert');
    expect(rows(ports, 'Appraisals')).toHaveLength(1);
  });

  it('says clearly when the template is not configured, and creates nothing', () => {
    const ports = setup({ templateDevelopment: undefined });
    const { out } = create(ports, PEOPLE.per, PEOPLE.kari);
    expect(json(out.reply)).toContain('Malen for Medarbeidersamtale er ikke lagt inn i Kompetent ennå');
    expect(json(out.reply)).not.toContain('templateDevelopment');
    expect(liveDocs(ports)).toHaveLength(0);
    expect(rows(ports, 'Appraisals')).toHaveLength(0);
  });

  it('says clearly when the template is missing from Drive, and creates nothing', () => {
    const ports = setup({ templateDevelopment: 'no-such-template-file' });
    const { out } = create(ports, PEOPLE.per, PEOPLE.kari);
    expect(json(out.reply)).toContain('Malen for Medarbeidersamtale finnes ikke i Disk');
    expect(liveDocs(ports)).toHaveLength(0);
    expect(rows(ports, 'Appraisals')).toHaveLength(0);
    expect(ports.services.log.entries.some((e) => e.level === 'error' && e.message.includes('could not be copied'))).toBe(true);
  });

  it('reports a placeholder it does not know, trashes the copy and records nothing', () => {
    const ports = setup();
    ports.services.docs.twin.appendParagraph(TEMPLATE_IDS.development, 'Lønnstrinn: {{salaryStep}}');
    const { out } = create(ports, PEOPLE.per, PEOPLE.kari);
    expect(json(out.reply)).toContain('plassholdere Kompetent ikke kjenner: {{salaryStep}}');
    expect(liveDocs(ports)).toHaveLength(0);
    expect([...ports.services.drive.files.values()].filter((f) => f.trashed)).toHaveLength(1);
    expect(rows(ports, 'Appraisals')).toHaveLength(0);
  });

  it('trashes the copy when sharing fails', () => {
    const ports = setup();
    ports.services.drive.share = () => { throw new Error('Drive down'); };
    const { out } = create(ports, PEOPLE.per, PEOPLE.kari);
    expect(json(out.reply)).toContain('ingenting er laget');
    expect(liveDocs(ports)).toHaveLength(0);
    expect(rows(ports, 'Appraisals')).toHaveLength(0);
  });

  it('refuses someone who does not lead the employee, and the employee themselves', () => {
    const ports = setup();
    for (const who of [LISE, PEOPLE.kari]) {
      const { out } = create(ports, who, PEOPLE.kari);
      expect(json(out.reply)).toContain('Du er ikke leder for denne medarbeideren');
    }
    // Someone who leads no unit is refused before the employee's records are read.
    ports.meter.reset();
    expect(json(create(ports, PEOPLE.ola, PEOPLE.kari).out.reply)).toContain('Du har ikke tilgang til dette.');
    // Refused before the lock is taken (nothing is prepared for someone who may not have it).
    expect(ports.meter.snapshot().byKind).toEqual({ 'cache.getAll': 1 });
    expect(liveDocs(ports)).toHaveLength(0);
    expect(rows(ports, 'Appraisals')).toHaveLength(0);
  });

  it('lets the leader of a parent unit, the unit\'s own leader and an HR admin create', () => {
    const data = appraisalData();
    data.Units = data.Units!.map((u) => (u.unitId === 'solbakken-a' ? { ...u, leaderEmails: [NINA] } : u));
    const ports = setup({}, data);
    // Per leads Solbakken, the parent of Kari's ward (which has its own leader now).
    expect(create(ports, PEOPLE.per, PEOPLE.kari).docId).toBeDefined();
    expect(rows(ports, 'Appraisals')[0]!.leaderEmail).toBe(PEOPLE.per);
    expect(create(ports, NINA, PEOPLE.kari, 'life-phase').docId).toBeDefined();
    const byAdmin = create(ports, PEOPLE.guri, PEOPLE.ola);
    // The admin creates it for Ola; Lise leads the school, so the document is hers to hold.
    expect(ports.services.drive.files.get(byAdmin.docId!)).toMatchObject({ writers: [LISE], commenters: [PEOPLE.ola] });
    expect(rows(ports, 'Appraisals').map((r) => r.leaderEmail)).toEqual([PEOPLE.per, NINA, LISE]);
  });
});

describe('appraisal.newOpen', () => {
  it('offers the leader the people they hold conversations with, or the one chosen in the overview', () => {
    const ports = setup();
    const list = runDocs(ports, PEOPLE.per, { action: 'appraisal.newOpen' });
    const text = json(list.reply);
    expect(text).toContain('"value":"nina.ny@kommune.example"');
    expect(text).toContain('"value":"kari.nordmann@kommune.example"');
    expect(text).not.toContain(PEOPLE.ola);
    expectValidCards(list.reply);
    const one = runDocs(ports, PEOPLE.per, { action: 'appraisal.newOpen', params: { email: NINA, kind: 'probation' } });
    expect(json(one.reply)).toContain('<b>Nina Ny</b>');
    expect(json(one.reply)).toContain('"value":"probation","selected":true');
    expectValidCards(one.reply);
    expect(json(runDocs(ports, PEOPLE.per, { action: 'appraisal.newOpen', params: { email: PEOPLE.ola } }).reply)).toContain('Du er ikke leder');
    expect(json(runDocs(ports, PEOPLE.kari, { action: 'appraisal.newOpen' }).reply)).toContain('Du er ikke registrert som leder');
    // An HR admin who leads nobody types the e-mail address.
    expect(json(runDocs(ports, PEOPLE.guri, { action: 'appraisal.newOpen' }).reply)).toContain('"textInput":{"name":"email"');
  });
});

describe('the Docs panel', () => {
  it('on an appraisal document shows its status to the leader and the employee, within one cache call', () => {
    const ports = setup();
    const { docId } = create(ports, PEOPLE.per, PEOPLE.kari);
    ports.meter.reset();
    const leader = runDocs(ports, PEOPLE.per, { docId });
    expect(ports.meter.snapshot().byKind).toEqual({ 'cache.getAll': 1 });
    expect(json(leader.reply)).toContain('Dokument klart');
    expect(json(leader.reply)).toContain('appraisal.recordActions');
    expectValidCards(leader.reply);
    const employee = runDocs(ports, PEOPLE.kari, { docId });
    expect(json(employee.reply)).toContain('Dokument klart');
    expect(json(employee.reply)).not.toContain('appraisal.recordActions');
  });

  it('a document HR made is recognised at once by the leader it is shared with, before any rebuild', () => {
    const ports = setup();
    const { docId } = create(ports, PEOPLE.guri, PEOPLE.kari);
    const leader = runDocs(ports, PEOPLE.per, { docId });
    expect(json(leader.reply)).toContain('Dokument klart');
    expect(json(leader.reply)).toContain('appraisal.recordActions');
  });

  it('shows nothing about the document to anyone else, not even whose it is', () => {
    const ports = setup();
    const { docId } = create(ports, PEOPLE.per, PEOPLE.kari);
    rebuild(ports);
    for (const who of [LISE, PEOPLE.ola]) {
      const out = runDocs(ports, who, { docId });
      expect(json(out.reply)).toContain('Du har ikke tilgang');
      expect(json(out.reply)).not.toContain('Kari');
    }
    // HR admins see it from the document index.
    expect(json(runDocs(ports, PEOPLE.guri, { docId }).reply)).toContain('Kari Nordmann');
  });

  it('on any other document says so, and shows the leader the overview with probation and who is due', () => {
    const ports = setup();
    const out = runDocs(ports, PEOPLE.per, { docId: 'someOtherDocument123' });
    const text = json(out.reply);
    expect(text).toContain('Dette dokumentet er ikke en samtale i Kompetent');
    expect(text).toContain('I prøvetid');
    expect(text).toContain('Nina Ny');
    expect(text).toContain('Kari Nordmann');
    expect(text).toContain('Skulle vært holdt innen');
    expectValidCards(out.reply);
    expect(json(runDocs(ports, PEOPLE.kari).reply)).toContain('Mine samtaler');
  });

  it('a leader moved to another unit loses access at once (access comes from the current Units table)', () => {
    const ports = setup();
    const { docId, appraisalId } = create(ports, PEOPLE.per, PEOPLE.kari);
    expect(json(runDocs(ports, PEOPLE.per, { docId }).reply)).toContain('Dokument klart');
    // An admin moves Per to lead the school instead (an audited Units edit), and the directory is refreshed.
    const units = new Records(ports.workbook).read(['Units']).Units!.rows;
    const solbakken = units.find((u) => u.row.unitId === 'solbakken')!;
    const haugen = units.find((u) => u.row.unitId === 'haugen')!;
    const res = new Records(ports.workbook).commit([
      { kind: 'update', table: 'Units', rowNumber: solbakken.rowNumber, before: solbakken.row, after: { ...solbakken.row, leaderEmails: [] } },
      { kind: 'update', table: 'Units', rowNumber: haugen.rowNumber, before: haugen.row, after: { ...haugen.row, leaderEmails: [LISE, PEOPLE.per] } },
    ], { actorEmail: PEOPLE.guri, action: 'admin.units', at: '2026-11-22T10:00:00Z' });
    expect(res.ok).toBe(true);
    (ports.services.rawCache as MemoryCache).removeAll(chunkKeys('dir'));
    expect(json(runDocs(ports, PEOPLE.per, { docId }).reply)).toContain('Du har ikke tilgang');
    expect(json(runDocs(ports, PEOPLE.per, { action: 'appraisal.open', params: { email: PEOPLE.kari, appraisalId: appraisalId! } }).reply))
      .toContain('Du har ikke tilgang');
    expect(json(create(ports, PEOPLE.per, NINA, 'probation').out.reply)).toContain('Du er ikke leder for denne medarbeideren');
    expect(rows(ports, 'Audit')).toContainEqual(expect.objectContaining({ action: 'admin.units', table: 'Units', key: 'solbakken', actorEmail: PEOPLE.guri }));
  });

  it('keeps the conversation out of the cache: only metadata and plan items are there', () => {
    const ports = setup();
    const { docId } = create(ports, PEOPLE.per, PEOPLE.kari);
    ports.services.docs.twin.appendParagraph(docId!, 'Kari ønsker seg mer ansvar for legemiddelrommet og synes turnusen er tung.');
    runDocs(ports, PEOPLE.per, { docId });
    runDocs(ports, PEOPLE.kari, { docId });
    rebuild(ports);
    const cached = cacheText(ports);
    expect(cached).toContain(docId);
    expect(cached).not.toContain('mer ansvar for legemiddelrommet');
    expect(cached).not.toContain('Hvordan gikk det med målene');
    expect(cached).not.toContain('Brannvern: Utløpt');
  });
});

describe('the employee in Chat', () => {
  it('sees their own conversations and plan items with "samtaler"', () => {
    const ports = setup();
    create(ports, PEOPLE.per, PEOPLE.kari);
    const out = runChat(ports, PEOPLE.kari, { text: 'samtaler' });
    expect(json(out.reply)).toContain('Mine samtaler');
    expect(json(out.reply)).toContain('Medarbeidersamtale');
    expect(validateChatResponse(toChatResponse(out.reply, out.request!))).toEqual([]);
  });
});
