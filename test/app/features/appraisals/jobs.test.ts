// The daily appraisal job: probation follow-ups (~2 and ~5 months) and the last day to extend or conclude, due and
// overdue conversations, each told once; and documents following the leader when a leader changes unit.
import { guarded } from '../../../../src/app/pipeline/handle';
import { Records } from '../../../../src/store/records';
import { toChatResponse } from '../../../../src/ui/envelopes';
import { validateChatResponse } from '../../../support/discovery-validator';
import { appraisalData, create, handlers, LISE, PEOPLE, rows, setup, type Ports } from './support';

const job = (ports: Ports) => guarded(ports, handlers, {}, { host: 'job', action: 'job.appraisalReminders', userEmail: '', fromTrigger: true });
const keysFor = (ports: Ports, to: string) => rows(ports, 'Notifications').filter((n) => n.recipientEmail === to).map((n) => n.subjectKey);

describe('job.appraisalReminders', () => {
  it('reminds the leader of the first probation follow-up about two months after the start, and of who falls due', () => {
    const data = appraisalData();
    data.Appraisals = [{ appraisalId: 'A0', employeeId: 'E1', leaderEmail: PEOPLE.per, kind: 'development', scheduledOn: '2025-11-10',
      heldOn: '2025-11-10', docId: 'oldDoc', status: 'archived', nextDueOn: undefined }];
    const ports = setup({}, data);
    ports.services.chat.dms.set(PEOPLE.per, 'spaces/DMper');
    ports.services.clock.set('2026-10-20T05:00:00Z');
    job(ports);
    const [msg] = ports.services.chat.messages;
    expect(msg!.space).toBe('spaces/DMper');
    const text = JSON.stringify(msg!.message);
    expect(text).toContain('Nina Ny');
    expect(text).toContain('1. oppfølgingssamtale i prøvetiden rundt 1. november 2026');
    expect(text).toContain('Medarbeidersamtale skal holdes innen 10. november 2026');
    expect(validateChatResponse(toChatResponse({ kind: 'message', message: msg!.message }, {}))).toEqual([]);
    expect(keysFor(ports, PEOPLE.per).sort()).toEqual(['appraisal:development:E1:2026-11-10:due', 'appraisal:probation:E5:f1:2026-11-01']);
    expect(rows(ports, 'Notifications').every((n) => n.channel === 'chat')).toBe(true);
    // Ola has not had one since he started in 2019: that backlog is in Lise's overview, not a daily nag.
    expect(keysFor(ports, LISE)).toEqual([]);

    job(ports);
    expect(ports.services.chat.messages).toHaveLength(1);
    ports.services.clock.set('2026-11-15T05:00:00Z');
    job(ports);
    expect(ports.services.chat.messages).toHaveLength(2);
    expect(JSON.stringify(ports.services.chat.messages[1]!.message)).toContain('Medarbeidersamtale skulle vært holdt innen 10. november 2026');
    expect(JSON.stringify(ports.services.chat.messages[1]!.message)).not.toContain('Nina');
    expect(ports.services.mail.sent).toHaveLength(0);
  });

  it('then the second follow-up about five months after the start, and in time the last day to extend or conclude', () => {
    const ports = setup();
    ports.services.clock.set('2026-10-20T05:00:00Z');
    job(ports);
    ports.services.clock.set('2027-01-20T05:00:00Z');
    job(ports);
    expect(keysFor(ports, PEOPLE.per)).toContain('appraisal:probation:E5:f2:2027-02-01');
    // The first follow-up, missed by more than a month, is not repeated.
    expect(keysFor(ports, PEOPLE.per).filter((k) => k!.includes(':f1:'))).toHaveLength(1);
    const second = ports.services.mail.sent.filter((m) => m.to === PEOPLE.per).pop()!;
    expect(second.text).toContain('2. oppfølgingssamtale i prøvetiden rundt 1. februar 2027');
    expect(second.text).not.toContain('prøvetiden slutter');

    ports.services.clock.set('2027-02-05T05:00:00Z');
    job(ports);
    const third = ports.services.mail.sent.filter((m) => m.to === PEOPLE.per).pop()!;
    expect(third.text).toContain('prøvetiden slutter 1. mars 2027 – siste frist for å forlenge');
    expect(keysFor(ports, PEOPLE.per)).toContain('appraisal:probation:E5:end:2027-03-01');
    const before = ports.services.mail.sent.length;
    job(ports);
    expect(ports.services.mail.sent).toHaveLength(before);
  });

  it('a held follow-up is not reminded of', () => {
    const ports = setup();
    const made = create(ports, PEOPLE.per, 'nina.ny@kommune.example', 'probation', '2026-10-15');
    new Records(ports.workbook).commit([{
      kind: 'update', table: 'Appraisals', rowNumber: 2,
      before: { appraisalId: made.appraisalId!, employeeId: 'E5', leaderEmail: PEOPLE.per, kind: 'probation', scheduledOn: '2026-10-15', heldOn: undefined, docId: made.docId, status: 'prepared', nextDueOn: undefined },
      after: { appraisalId: made.appraisalId!, employeeId: 'E5', leaderEmail: PEOPLE.per, kind: 'probation', scheduledOn: '2026-10-15', heldOn: '2026-10-15', docId: made.docId, status: 'held', nextDueOn: undefined },
    }], { actorEmail: PEOPLE.per, action: 'test', at: '2026-10-15T10:00:00Z' });
    ports.services.clock.set('2026-10-20T05:00:00Z');
    job(ports);
    expect(keysFor(ports, PEOPLE.per).filter((k) => k!.includes('probation'))).toEqual([]);
  });

  it('warns once when the registered probation is longer than six months', () => {
    const data = appraisalData();
    data.Employees = data.Employees!.map((e) => (e.employeeId === 'E5' ? { ...e, probationEndsOn: '2027-06-01' } : e));
    const ports = setup({}, data);
    job(ports);
    expect(keysFor(ports, PEOPLE.per)).toContain('appraisal:probation:E5:warn:2027-06-01');
    expect(ports.services.mail.sent.find((m) => m.to === PEOPLE.per)!.text).toContain('mer enn seks måneder etter start');
  });

  it('only runs as a job or for an HR admin', () => {
    const ports = setup();
    const out = guarded(ports, handlers, { commonEventObject: { hostApp: 'SHEETS', parameters: { action: 'job.appraisalReminders' } } },
      { host: 'sheets', action: 'home', userEmail: PEOPLE.per });
    expect(JSON.stringify(out.reply)).toContain('Du har ikke tilgang');
    expect(ports.services.mail.sent).toHaveLength(0);
  });
});

describe('documents follow the leader', () => {
  it('a leader who moves unit loses access to the living documents of people they no longer lead; the move is audited', () => {
    const ports = setup();
    const { docId } = create(ports, PEOPLE.per, PEOPLE.kari);
    const anne = 'anne.ny.leder@kommune.example';
    const records = new Records(ports.workbook);
    const units = records.read(['Units']).Units!.rows;
    const solbakken = units.find((u) => u.row.unitId === 'solbakken')!;
    records.commit([{ kind: 'update', table: 'Units', rowNumber: solbakken.rowNumber, before: solbakken.row, after: { ...solbakken.row, leaderEmails: [anne] } }],
      { actorEmail: PEOPLE.guri, action: 'admin.units', at: '2026-11-22T10:00:00Z' });
    job(ports);
    expect(ports.services.drive.files.get(docId!)).toMatchObject({ writers: [anne], commenters: [PEOPLE.kari], readers: [] });
    expect(rows(ports, 'Appraisals')[0]!.leaderEmail).toBe(anne);
    expect(rows(ports, 'Audit')).toContainEqual(expect.objectContaining({ action: 'appraisal.reassign', table: 'Appraisals', actorEmail: 'kompetent',
      before: JSON.stringify({ leaderEmail: PEOPLE.per }), after: JSON.stringify({ leaderEmail: anne }) }));
    // Nothing to move the next day.
    const audits = rows(ports, 'Audit').length;
    job(ports);
    expect(rows(ports, 'Audit').filter((a) => a.action === 'appraisal.reassign')).toHaveLength(1);
    expect(rows(ports, 'Audit').length).toBeGreaterThanOrEqual(audits);
  });
});
