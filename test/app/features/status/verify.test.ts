// A leader's certificates waiting for verification (issue 15): the list for the units they lead, approve, reject with a
// reason, the person told once by mail from the Kompetent account, the audit row, access before data, and the budgets.
import { toActionResponse } from '../../../../src/gas/card-service';
import { KOMPETENT_ACCOUNT } from '../../../../src/adapters/memory/memory-services';
import { MemoryWorkbook } from '../../../../src/adapters/memory/memory-workbook';
import { toAddonResponse, toChatResponse } from '../../../../src/ui/envelopes';
import { validateChatResponse } from '../../../support/discovery-validator';
import { asUser, sendOutbox } from '../../../support/effects';
import { guarded } from '../../../../src/app/pipeline/handle';
import { SIDEBAR_CALLS, sidebarEvent } from '../../../../src/contract/sidebar';
import { ACTIONS } from '../../../../src/contract/actions';
import { createFakeCardService } from '../../../support/fake-card-service';
import { fixtureData, PEOPLE } from '../../../support/fixture';
import { handlers, runAddon, runChat, warm, type Data, type Ports } from './support';
import { keyedRows } from '../../../support/sheet-rows';

const rows = (ports: Ports, table: string) => {
  return keyedRows(table, (ports.workbook as MemoryWorkbook).dump(table)!);
};
const json = (x: unknown) => JSON.stringify(x);
const NOT_ALLOWED = 'Du har ikke tilgang til dette.';
const CHAIN = 'solbakken-a,solbakken,helse';

/** Kari (in Per's nursing home) has registered a certificate for the Workspace course, with the file in Drive; Ola leads the school. */
function data(): Data {
  const d = fixtureData();
  d.Units = d.Units!.map((u) => (u.unitId === 'haugen' ? { ...u, leaderEmails: [PEOPLE.ola] } : u));
  d.Certifications!.push({ certificationId: 'C9', employeeId: 'E1', competenceId: 'gws', achievedOn: '2026-11-01', expiresOn: undefined,
    source: 'document', evidenceFileId: 'file1', verifiedBy: undefined, state: 'pending', note: 'Fra e-post: Kursbevis' });
  return d;
}

function expectValidChat(outcome: ReturnType<typeof runChat>) {
  expect(validateChatResponse(toChatResponse(outcome.reply, outcome.request ?? {}))).toEqual([]);
}

const fromList = (extra: Record<string, string> = {}) => ({ email: PEOPLE.kari, certificationId: 'C9', chain: CHAIN, from: 'list', ...extra });

describe('the pending list', () => {
  it('shows a leader what waits in the units they lead, with the file one click away, from the read model (one cache call)', () => {
    const ports = warm(data());
    const out = runChat(ports, PEOPLE.per, { text: '/godkjenn' });
    const text = json(out.reply);
    expect(text).toContain('Til godkjenning');
    expect(text).toContain('1 kursbevis venter');
    expect(text).toContain('Kari Nordmann');
    expect(text).toContain('Google Workspace grunnkurs · fullført 1. november 2026');
    expect(text).toContain('https://drive.google.com/file/d/file1/view');
    expect(text).toContain('status.rejectOpen');
    expect(ports.meter.snapshot()).toMatchObject({ calls: 1, cellsRead: 0, byKind: { 'cache.getAll': 1 } });
    expectValidChat(out);
  });

  it('tells staff they lead nothing, and a leader of another unit that nothing waits; nothing is read beyond the cache', () => {
    const ports = warm(data());
    expect(json(runChat(ports, PEOPLE.kari, { text: 'godkjenn' }).reply)).toContain('ikke registrert som leder');
    const other = runChat(ports, PEOPLE.ola, { text: 'godkjenn' });
    expect(json(other.reply)).toContain('Ingen kursbevis venter');
    expect(json(other.reply)).not.toContain('Kari');
    expectValidChat(other);
    expect(ports.meter.byKind['workbook.read']).toBeUndefined();
  });

  it('is announced first on /enhet and on the Gmail and Sheets home cards of the leader, and nowhere for others', () => {
    const ports = warm(data());
    const unit = runChat(ports, PEOPLE.per, { text: 'enhet' });
    expect(json(unit.reply)).toContain('Vis kursbevis til godkjenning (1)');
    expectValidChat(unit);
    expect(json(runAddon(ports, PEOPLE.per, 'courses.gmailHome', {}, undefined, 'gmail').reply)).toContain('status.pending');
    expect(json(runAddon(ports, PEOPLE.per, 'sheets.home').reply)).toContain('status.pending');
    expect(json(runAddon(ports, PEOPLE.kari, 'courses.gmailHome', {}, undefined, 'gmail').reply)).not.toContain('status.pending');
    expect(json(runAddon(ports, PEOPLE.ola, 'courses.gmailHome', {}, undefined, 'gmail').reply)).not.toContain('status.pending');
  });

  it('lists nobody twice and never the leader themselves', () => {
    const d = data();
    // Per's own certificate waits too: his own leader verifies it, not him.
    d.Certifications!.push({ certificationId: 'C10', employeeId: 'E2', competenceId: 'gws', achievedOn: '2026-10-01', expiresOn: undefined,
      source: 'document', evidenceFileId: undefined, verifiedBy: undefined, state: 'pending', note: undefined });
    const per = d.Employees!.find((e) => e.email === PEOPLE.per)!;
    expect(per.employeeId).toBe('E2');
    const ports = warm(d);
    const text = json(runChat(ports, PEOPLE.per, { text: 'godkjenn' }).reply);
    expect(text.match(/"value":"C9"/g)?.length).toBe(2); // approve and reject
    expect(text).not.toContain('C10');
  });
});

describe('approve', () => {
  it('makes the certificate valid with the leader as verifier, mails the person once as the app, audits, and updates the list', () => {
    const ports = warm(data());
    const out = runChat(ports, PEOPLE.per, { action: 'status.verify', params: fromList() });
    expectValidChat(out);
    const text = json(out.reply);
    expect(text).toContain('Google Workspace grunnkurs er godkjent for Kari Nordmann');
    expect(text).toContain('Ingen kursbevis venter');
    expect(rows(ports, 'Certifications').find((c) => c.certificationId === 'C9')).toMatchObject({ state: 'valid', verifiedBy: PEOPLE.per });
    expect(rows(ports, 'Audit')).toEqual([
      expect.objectContaining({ actorEmail: PEOPLE.per, action: 'sertifisering godkjent', table: 'Certifications' }),
      expect.objectContaining({ actorEmail: PEOPLE.per, action: 'sertifisering godkjent', table: 'Outbox' }),
    ]);
    // A leader's change about another person: DESIGN.md's five calls (Kari's record is fetched in the leader's one
    // getAll and opened after the access check); the mail rides in the one write as an Outbox row.
    expect(ports.meter.snapshot().byKind).toEqual({ lock: 1, 'cache.getAll': 1, 'workbook.read': 1, 'workbook.write': 1, 'cache.putAll': 1 });
    // Nothing is mailed from the request (it runs as the leader); the outbox job sends it as the Kompetent account.
    expect(ports.services.mail.sent).toHaveLength(0);
    sendOutbox(ports);
    const mails = ports.services.mail.sent.filter((m) => m.to === PEOPLE.kari);
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ from: KOMPETENT_ACCOUNT, subject: 'Kursbeviset ditt for Google Workspace grunnkurs er godkjent' });
    expect(mails[0]!.text).toContain('Per Leder har godkjent kursbeviset ditt');

    // The patched overview: the list is empty at once, still from the cache alone.
    ports.meter.reset();
    expect(json(runChat(ports, PEOPLE.per, { text: 'godkjenn' }).reply)).toContain('Ingen kursbevis venter');
    expect(json(runChat(ports, PEOPLE.per, { text: 'enhet' }).reply)).not.toContain('status.pending');
    expect(ports.meter.snapshot().byKind).toEqual({ 'cache.getAll': 2 });
  });

  it('is a no-op on a double click: no second write, no second mail', () => {
    const ports = warm(data());
    runChat(ports, PEOPLE.per, { action: 'status.verify', params: fromList() });
    ports.meter.reset();
    const again = runChat(ports, PEOPLE.per, { action: 'status.verify', params: fromList() });
    expect(json(again.reply)).toContain('var allerede bekreftet');
    expect(ports.meter.byKind['workbook.write']).toBeUndefined();
    expect(rows(ports, 'Outbox')).toHaveLength(1);
    sendOutbox(ports);
    sendOutbox(ports);
    expect(ports.services.mail.sent.filter((m) => m.to === PEOPLE.kari)).toHaveLength(1);
  });

  it('refuses the person themselves and leaders of other units before reading their records', () => {
    const ports = warm(data());
    for (const who of [PEOPLE.kari, PEOPLE.ola]) {
      expect(json(runChat(ports, who, { action: 'status.verify', params: fromList() }).reply)).toContain(NOT_ALLOWED);
      expect(json(runChat(ports, who, { action: 'status.rejectOpen', params: fromList(), dialog: true }).reply)).toContain(NOT_ALLOWED);
      expect(json(runChat(ports, who, { action: 'status.reject', params: fromList(), form: { reason: 'Nei' }, dialog: true }).reply)).toContain(NOT_ALLOWED);
    }
    expect(ports.meter.byKind['workbook.read']).toBeUndefined();
    expect(ports.meter.byKind['workbook.write']).toBeUndefined();
    expect(rows(ports, 'Certifications').find((c) => c.certificationId === 'C9')).toMatchObject({ state: 'pending' });
  });
});

describe('reject with a reason', () => {
  const reject = (ports: Ports, reason: string) =>
    runChat(ports, PEOPLE.per, { action: 'status.reject', params: fromList(), form: { reason }, dialog: true });

  it('opens a dialog asking for the reason, valid for Chat', () => {
    const ports = warm(data());
    const out = runChat(ports, PEOPLE.per, { action: 'status.rejectOpen', params: fromList(), dialog: true });
    expect(out.reply.kind).toBe('dialog');
    expect(json(out.reply)).toContain('Begrunnelse (sendes til den ansatte)');
    expect(json(out.reply)).toContain('Kari Nordmann: Google Workspace grunnkurs, fullført 1. november 2026');
    expectValidChat(out);
  });

  it('refuses an empty or over-long reason without writing', () => {
    const ports = warm(data());
    expect(json(reject(ports, '   ').reply)).toContain('skriv en begrunnelse');
    expect(json(reject(ports, 'x'.repeat(501)).reply)).toContain('høyst 500 tegn (nå 501)');
    expect(ports.meter.byKind['workbook.write']).toBeUndefined();
  });

  it('revokes it with the reason kept on the row, tells the person the reason once, and posts the list again', () => {
    const ports = warm(data());
    const out = reject(ports, 'Beviset gjelder et annet kurs. Last opp riktig kursbevis.');
    expectValidChat(out);
    expect(out.reply.kind).toBe('close');
    expect(json(out.reply)).toContain('er avvist');
    expect(json(out.reply)).toContain('Ingen kursbevis venter');
    const row = rows(ports, 'Certifications').find((c) => c.certificationId === 'C9')!;
    expect(row).toMatchObject({ state: 'revoked', verifiedBy: PEOPLE.per });
    expect(row.note).toContain('Fra e-post: Kursbevis');
    expect(row.note).toContain('Avvist 2026-11-22 av Per Leder: Beviset gjelder et annet kurs.');
    expect(rows(ports, 'Audit').map((a) => a.action)).toEqual(['sertifisering avvist', 'sertifisering avvist']);
    expect(json(reject(ports, 'Igjen').reply)).toContain('var allerede avvist');
    sendOutbox(ports);
    const mails = ports.services.mail.sent.filter((m) => m.to === PEOPLE.kari);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe('Kursbeviset ditt for Google Workspace grunnkurs ble ikke godkjent');
    expect(mails[0]!.text).toContain('Begrunnelse: Beviset gjelder et annet kurs. Last opp riktig kursbevis.');
    // A rejected certificate can no longer be approved by a stale button.
    expect(json(runChat(ports, PEOPLE.per, { action: 'status.verify', params: fromList() }).reply)).toContain('trukket tilbake');
  });

  it('writes the reason raw: a formula stays text', () => {
    const ports = warm(data());
    reject(ports, '=HYPERLINK("http://x.example";"klikk")');
    expect(rows(ports, 'Certifications').find((c) => c.certificationId === 'C9')!.note).toContain('=HYPERLINK(');
  });
});

describe('add-on hosts', () => {
  it('the list, the dialog and the results translate to CardService (Gmail, Sheets)', () => {
    const g = globalThis as unknown as { CardService?: unknown };
    g.CardService = createFakeCardService();
    try {
      const ports = warm(data());
      const replies = [
        runAddon(ports, PEOPLE.per, 'status.pending', {}, undefined, 'gmail'),
        runAddon(ports, PEOPLE.per, 'status.rejectOpen', fromList(), undefined, 'gmail'),
        runAddon(ports, PEOPLE.per, 'status.reject', fromList(), { reason: 'Feil kurs' }, 'gmail'),
        runAddon(ports, PEOPLE.per, 'status.pending', {}, undefined, 'sheets'),
      ].map((o) => o.reply);
      expect(replies.map((r) => r.kind)).toEqual(['card', 'dialog', 'card', 'card']);
      for (const r of replies) expect(() => toActionResponse(toAddonResponse(r))).not.toThrow();
    } finally {
      delete g.CardService;
    }
  });
});

describe('a newly registered certificate', () => {
  /** Kari registers a certificate from a mail in Gmail (as herself); the leaders' lists are patched at the commit. */
  function register(ports: Ports, competenceId: string) {
    const pdf = Buffer.from('%PDF-1.4 kursbevis').toString('base64');
    const id = ports.services.gmail.deliver({
      to: PEOPLE.kari, from: 'kurs@leverandor.example', subject: 'Kursbevis D-HLR', text: 'Vedlagt kursbevis.',
      attachments: [{ fileName: 'kursbevis.pdf', mimeType: 'application/pdf', content: pdf, encoding: 'base64' }],
    });
    const event = {
      commonEventObject: { hostApp: 'GMAIL', parameters: { action: ACTIONS.registerCertificate, messageId: id, attachment: '0' },
        formInputs: { competenceId: { stringInputs: { value: [competenceId] } }, achievedOn: { dateInput: { msSinceEpoch: Date.parse('2026-11-20T00:00:00Z') } } } },
      gmail: { messageId: id, threadId: 'thread-f:1', accessToken: 'token' },
    };
    return asUser(ports, PEOPLE.kari, () => guarded(ports, handlers, event, { host: 'gmail', action: 'home', userEmail: PEOPLE.kari }));
  }

  it('is in the pending list of every leader above the person at once, from the cache, without waiting for the rebuild', () => {
    const d = data();
    // The area has a leader of its own (Guri): her overview holds the nursing home and its ward.
    d.Units = d.Units!.map((u) => (u.unitId === 'helse' ? { ...u, leaderEmails: [PEOPLE.guri] } : u));
    const ports = warm(d);
    expect(json(register(ports, 'cpr').reply)).toContain('venter på godkjenning');
    const id = String(rows(ports, 'Certifications').at(-1)!.certificationId);
    ports.meter.reset();
    for (const leader of [PEOPLE.per, PEOPLE.guri]) {
      const list = json(runChat(ports, leader, { text: '/godkjenn' }).reply);
      expect(list).toContain('2 kursbevis venter');
      expect(list).toContain(`"value":"${id}"`);
      expect(list).toContain('D-HLR · fullført 20. november 2026');
      expect(json(runChat(ports, leader, { text: 'enhet' }).reply)).toContain('Vis kursbevis til godkjenning (2)');
    }
    // Served from the patched read model: no records read, and no rebuild asked for.
    expect(ports.meter.byKind['workbook.read']).toBeUndefined();
    // Approving it from the list empties it for that leader.
    const approve = runChat(ports, PEOPLE.per, { action: 'status.verify', params: fromList({ certificationId: id }) });
    expect(json(approve.reply)).toContain('D-HLR er godkjent for Kari Nordmann');
    expect(json(approve.reply)).toContain('1 kursbevis venter');
  });

  it('costs the registration one cache read more than before (the leaders\' views), and nothing while nobody leads the unit', () => {
    const ports = warm(data());
    register(ports, 'cpr');
    const kinds = ports.meter.snapshot().byKind;
    expect(kinds['cache.getAll']).toBe(2);
    expect(kinds['workbook.read']).toBe(1);
    expect(kinds['workbook.write']).toBe(1);
    expect(kinds['cache.putAll']).toBe(1);
  });
});

describe('a decision by one of several leaders (or HR)', () => {
  /** Ola leads the area above Per's nursing home too: Kari's certificate waits in both their lists. */
  function twoLeaders(): Ports {
    const d = data();
    d.Units = d.Units!.map((u) => (u.unitId === 'helse' ? { ...u, leaderEmails: [PEOPLE.ola] } : u));
    return warm(d);
  }
  const waitsFor = (ports: Ports, leader: string) => json(runChat(ports, leader, { text: '/godkjenn' }).reply);

  it.each([
    ['approved by Per', (ports: Ports) => runChat(ports, PEOPLE.per, { action: 'status.verify', params: fromList() }).reply, 'er godkjent'],
    ['rejected by Per', (ports: Ports) => runChat(ports, PEOPLE.per, { action: 'status.reject', params: fromList(), form: { reason: 'Feil kurs' } }).reply, 'avvist'],
    ['approved by HR in the console', (ports: Ports) => guarded(ports, handlers, sidebarEvent(SIDEBAR_CALLS.verifyCertification, JSON.stringify({ email: PEOPLE.kari, certificationId: 'C9' })),
      { host: 'sidebar', action: SIDEBAR_CALLS.verifyCertification, userEmail: PEOPLE.guri }).reply, 'er godkjent'],
  ])('leaves every other leader\'s list at once when %s, without a records read or a rebuild', (_how, decide, said) => {
    const ports = twoLeaders();
    for (const leader of [PEOPLE.per, PEOPLE.ola]) expect(waitsFor(ports, leader)).toContain('1 kursbevis venter');
    const before = ports.meter.snapshot().byKind['cache.getAll'];
    expect(json(decide(ports))).toContain(said);
    // The decision reads what was decided lately in the getAll it makes anyway: no extra call.
    expect(ports.meter.snapshot().byKind['cache.getAll']! - before!).toBe(1);
    ports.meter.reset();
    for (const leader of [PEOPLE.per, PEOPLE.ola]) {
      const list = waitsFor(ports, leader);
      expect(list).toContain('Ingen kursbevis venter');
      expect(list).not.toContain('Kari');
      expect(json(runChat(ports, leader, { text: 'enhet' }).reply)).not.toContain('Vis kursbevis til godkjenning');
    }
    expect(ports.meter.snapshot().byKind).toEqual({ 'cache.getAll': 4 });
    // A second leader who still clicks it (a card shown earlier) is told it is decided, and nothing is written.
    const late = json(runChat(ports, PEOPLE.ola, { action: 'status.verify', params: fromList() }).reply);
    expect(late).toMatch(/allerede|er godkjent|trukket tilbake/);
  });
});
