// After the document exists: agreed actions read back from its table into PlanItems (bad rows named, all or nothing,
// idempotent), held, signed by the employee only, the next one scheduled, archived as PDF; no Docs or Drive call while
// the script lock is held.
import { toAddonResponse } from '../../../../src/ui/envelopes';
import { validateAgainstDiscovery } from '../../../support/discovery-validator';
import { watchHeld } from '../../../support/held-calls';
import { agreedTable, ARCHIVE, create, msOf, NINA, PEOPLE, rows, runChat, runDocs, setup, type Ports } from './support';

const json = (x: unknown) => JSON.stringify(x);

function prepared(ports: Ports) {
  const made = create(ports, PEOPLE.per, PEOPLE.kari);
  ports.meter.reset();
  const params = { email: PEOPLE.kari, appraisalId: made.appraisalId!, docId: made.docId! };
  const table = agreedTable(ports, made.docId!);
  return { ...made, params, table };
}

const act = (ports: Ports, who: string, action: string, params: Record<string, string>, form?: Record<string, string | { ms: number }>, docId?: string) =>
  runDocs(ports, who, { action, params, form, docId: docId ?? params.docId });

describe('appraisal.recordActions', () => {
  it('names the rows it cannot understand and records nothing', () => {
    const ports = setup();
    const { params, table } = prepared(ports);
    table.rows = [table.rows[0]!,
      ['Ta oppfriskning', 'D-HLR', '01.02.2027', 'Kari'],
      ['Kurs i truck', 'Truckførerbevis', 'i vår', ''],
      ['', 'Bli tryggere på Excel', '', '']];
    const out = act(ports, PEOPLE.per, 'appraisal.recordActions', params);
    const text = json(out.reply);
    expect(text).toContain('Noen rader må rettes');
    expect(text).toContain('Rad 2');
    expect(text).toContain('fristen «i vår» er ikke en dato');
    expect(text).toContain('Rad 3');
    expect(text).toContain('mangler frist');
    expect(text).not.toContain('Rad 1');
    for (const n of toAddonResponse(out.reply).action.navigations ?? []) {
      expect(validateAgainstDiscovery('GoogleAppsCardV1Card', 'pushCard' in n ? n.pushCard : (n as { updateCard: unknown }).updateCard)).toEqual([]);
    }
    expect(rows(ports, 'PlanItems')).toEqual([]);
    // Rows to correct are named before the lock is taken: no lock, no records read, no write.
    expect(ports.meter.snapshot().byKind).toEqual({ 'cache.getAll': 1, 'docs.readTable': 1 });
  });

  it('records the rows as plan items of the appraisal; twice changes nothing; a removed row is cancelled', () => {
    const ports = setup();
    const { params, table, appraisalId } = prepared(ports);
    table.rows = [table.rows[0]!,
      ['Ta oppfriskning', 'D-HLR', '01.02.2027', 'Kari'],
      ['', 'Brannvernopplæring', '2027-01-15', ''],
      ['Hospitere på legevakt', 'Bli tryggere i akuttsituasjoner', '1.6.2027', '']];
    const held = watchHeld(ports);
    const out = act(ports, PEOPLE.per, 'appraisal.recordActions', params);
    expect(json(out.reply)).toContain('3 avtalte tiltak er registrert i kompetanseplanen');
    // One getAll (the employee's record fetched with the leader's own, opened after the access check). Plus the outward
    // call the meter counts: the actions table read from the document, before the lock (6 calls, a stated departure from
    // the change budget's 5). While the lock is held: the records read and write and the cache patch, nothing else.
    expect(ports.meter.snapshot().byKind).toEqual({ lock: 1, 'cache.getAll': 1, 'workbook.read': 1, 'workbook.write': 1, 'cache.putAll': 1, 'docs.readTable': 1 });
    expect(held.byKind()).toEqual({ 'workbook.read': 1, 'workbook.write': 1, 'cache.putAll': 1 });
    const items = rows(ports, 'PlanItems');
    expect(items.map((i) => [i.competenceId, i.courseId, i.goal, i.dueBy, i.status, i.appraisalId])).toEqual([
      ['cpr', '', 'Ta oppfriskning', '2027-02-01', 'open', appraisalId],
      ['fire', 'K2', '', '2027-01-15', 'open', appraisalId],
      ['', '', 'Hospitere på legevakt – Bli tryggere i akuttsituasjoner', '2027-06-01', 'open', appraisalId],
    ]);
    // The panel and the staff card show them.
    expect(json(out.reply)).toContain('Brannvernopplæring');
    expect(json(runChat(ports, PEOPLE.kari, { text: 'samtaler' }).reply)).toContain('Hospitere på legevakt');

    ports.meter.reset();
    const again = act(ports, PEOPLE.per, 'appraisal.recordActions', params);
    expect(json(again.reply)).toContain('Ingen endringer');
    expect(rows(ports, 'PlanItems')).toHaveLength(3);
    expect(ports.meter.snapshot().byKind['workbook.write']).toBeUndefined();

    table.rows = [table.rows[0]!, ['Ta oppfriskning', 'D-HLR', '01.03.2027', 'Kari'], ['', 'Brannvernopplæring', '2027-01-15', '']];
    act(ports, PEOPLE.per, 'appraisal.recordActions', params);
    expect(rows(ports, 'PlanItems').map((i) => [i.dueBy, i.status])).toEqual([['2027-03-01', 'open'], ['2027-01-15', 'open'], ['2027-06-01', 'cancelled']]);
    expect(rows(ports, 'Audit').filter((a) => a.action === 'avtalte tiltak registrert' && a.table === 'PlanItems')).toHaveLength(5);
  });

  it('says so when the document has no agreed-actions table, and refuses anyone but the leader', () => {
    const ports = setup();
    const { params, docId } = prepared(ports);
    expect(json(act(ports, PEOPLE.kari, 'appraisal.recordActions', params).reply)).toContain('Du er ikke leder for denne medarbeideren');
    ports.services.docs.twin.deleteBlock(docId!, ports.services.docs.twin.firstTable(docId!));
    expect(json(act(ports, PEOPLE.per, 'appraisal.recordActions', params).reply)).toContain('Fant ikke tabellen for avtalte tiltak (kolonnene Tiltak, Frist)');
    ports.services.docs.docs.delete(docId!);
    expect(json(act(ports, PEOPLE.per, 'appraisal.recordActions', params).reply)).toContain('Dokumentet kunne ikke leses');
    expect(json(act(ports, PEOPLE.per, 'appraisal.recordActions', { ...params, appraisalId: 'apr-nope' }).reply)).toContain('Fant ikke samtalen i registeret');
  });
});

describe('held, signed, scheduled, archived', () => {
  it('the leader marks it held, only the employee signs, and it is archived as PDF once', () => {
    const ports = setup();
    const { params, docId } = prepared(ports);
    expect(json(act(ports, PEOPLE.per, 'appraisal.markHeld', params, { heldOn: { ms: msOf('2026-11-30') } }).reply))
      .toContain('En samtale kan ikke merkes som holdt fram i tid');
    const held = act(ports, PEOPLE.per, 'appraisal.markHeld', params, { heldOn: { ms: msOf('2026-11-21') } });
    expect(json(held.reply)).toContain('Samtalen er merket som holdt');
    expect(rows(ports, 'Appraisals')[0]).toMatchObject({ status: 'held', heldOn: '2026-11-21' });
    expect(json(act(ports, PEOPLE.per, 'appraisal.markHeld', params, { heldOn: { ms: msOf('2026-11-21') } }).reply)).toContain('allerede gjort');

    expect(json(act(ports, PEOPLE.per, 'appraisal.signOff', params).reply)).toContain('Bare medarbeideren selv kan signere');
    const panel = runDocs(ports, PEOPLE.kari, { docId });
    expect(json(panel.reply)).toContain('appraisal.signOff');
    expect(json(act(ports, PEOPLE.kari, 'appraisal.signOff', { appraisalId: params.appraisalId, docId: docId! }).reply)).toContain('Samtalen er signert');
    expect(rows(ports, 'Appraisals')[0]!.status).toBe('signed');

    const lockWatch = watchHeld(ports);
    ports.meter.reset();
    const archived = act(ports, PEOPLE.per, 'appraisal.archive', params);
    expect(json(archived.reply)).toContain('arkivert som PDF');
    // The PDF export runs before the lock; under it only the records read and write and the cache patch.
    expect(ports.meter.snapshot().byKind).toMatchObject({ lock: 1, 'drive.exportPdf': 1 });
    expect(lockWatch.byKind()).toEqual({ 'workbook.read': 1, 'workbook.write': 1, 'cache.putAll': 1 });
    const pdfs = [...ports.services.drive.files.values()].filter((f) => f.mimeType === 'application/pdf');
    expect(pdfs).toHaveLength(1);
    expect(pdfs[0]).toMatchObject({ folderId: ARCHIVE, name: `2026-11-21 Medarbeidersamtale Kari Nordmann (${params.appraisalId}).pdf`, readers: [], writers: [] });
    expect(Buffer.from(pdfs[0]!.content, 'base64').toString('utf8')).toContain('Medarbeider: Kari Nordmann');
    expect(rows(ports, 'Appraisals')[0]!.status).toBe('archived');
    expect(json(act(ports, PEOPLE.per, 'appraisal.archive', params).reply)).toContain('allerede gjort');
    expect([...ports.services.drive.files.values()].filter((f) => f.mimeType === 'application/pdf')).toHaveLength(1);
    expect(json(act(ports, PEOPLE.per, 'appraisal.recordActions', params).reply)).toContain('arkivert eller avlyst');
  });

  it('trashes the PDF exported before the lock when the status change cannot be written (the lock busy)', () => {
    const ports = setup();
    const { params } = prepared(ports);
    act(ports, PEOPLE.per, 'appraisal.markHeld', params, { heldOn: { ms: msOf('2026-11-21') } });
    ports.services.lock.held = true;
    expect(json(act(ports, PEOPLE.per, 'appraisal.archive', params).reply)).toContain('Mange gjør endringer akkurat nå');
    const pdfs = [...ports.services.drive.files.values()].filter((f) => f.mimeType === 'application/pdf');
    expect(pdfs).toHaveLength(1);
    expect(pdfs[0]!.trashed).toBe(true);
    expect(rows(ports, 'Appraisals')[0]!.status).toBe('held');
  });

  it('without an archive folder says so and leaves no PDF', () => {
    const ports = setup({ archiveFolderId: undefined });
    const { params } = prepared(ports);
    act(ports, PEOPLE.per, 'appraisal.markHeld', params, { heldOn: { ms: msOf('2026-11-21') } });
    expect(json(act(ports, PEOPLE.per, 'appraisal.archive', params).reply)).toContain('Kompetent vet ikke hvor referatene skal arkiveres');
    expect([...ports.services.drive.files.values()].filter((f) => f.mimeType === 'application/pdf')).toHaveLength(0);
    expect(rows(ports, 'Appraisals')[0]!.status).toBe('held');
  });

  it('schedules the next conversation as a planned one, once', () => {
    const ports = setup();
    const { params } = prepared(ports);
    expect(json(act(ports, PEOPLE.per, 'appraisal.scheduleNext', params, { nextOn: { ms: msOf('2027-11-20') } }).reply))
      .toContain('Merk samtalen som holdt før du planlegger den neste');
    act(ports, PEOPLE.per, 'appraisal.markHeld', params, { heldOn: { ms: msOf('2026-11-21') } });
    const next = act(ports, PEOPLE.per, 'appraisal.scheduleNext', params, { nextOn: { ms: msOf('2027-11-20') } });
    expect(json(next.reply)).toContain('Medarbeidersamtale er planlagt 20. november 2027');
    expect(rows(ports, 'Appraisals').map((a) => [a.kind, a.status, a.scheduledOn, a.nextDueOn])).toEqual([
      ['development', 'held', '2026-11-25', '2027-11-20'],
      ['development', 'planned', '2027-11-20', ''],
    ]);
    expect(json(act(ports, PEOPLE.per, 'appraisal.scheduleNext', params, { nextOn: { ms: msOf('2027-11-20') } }).reply)).toContain('allerede gjort');
    expect(rows(ports, 'Appraisals')).toHaveLength(2);
    // Creating the next document uses the planned row instead of adding another.
    const made = create(ports, PEOPLE.per, PEOPLE.kari, 'development', '2027-11-20');
    expect(json(made.out.reply)).toContain('klart');
    expect(rows(ports, 'Appraisals').map((a) => a.status)).toEqual(['held', 'prepared']);
  });

  it('after the first probation follow-up, the next one planned is the second follow-up', () => {
    const ports = setup();
    const made = create(ports, PEOPLE.per, NINA, 'probation', '2026-11-20');
    const params = { email: NINA, appraisalId: made.appraisalId!, docId: made.docId! };
    act(ports, PEOPLE.per, 'appraisal.markHeld', params, { heldOn: { ms: msOf('2026-11-20') } });
    act(ports, PEOPLE.per, 'appraisal.scheduleNext', params, { nextOn: { ms: msOf('2027-02-01') } });
    expect(rows(ports, 'Appraisals').map((a) => [a.kind, a.status, a.scheduledOn])).toEqual([
      ['probation', 'held', '2026-11-20'], ['probation', 'planned', '2027-02-01'],
    ]);
    expect(json(runDocs(ports, PEOPLE.per, { docId: made.docId }).reply)).toContain('Holdt 20. november 2026');
  });
});
