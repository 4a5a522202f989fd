// The daily reminder job and the weekly leader digest: channel choice, never twice, mail quota, resume after a cut-off.
import { guarded } from '../../../../src/app/pipeline/handle';
import type { Employee, Row, TableName } from '../../../../src/core/records/tables';
import { MemoryWorkbook } from '../../../../src/adapters/memory/memory-workbook';
import { headerOf, TABLE_NAMES } from '../../../../src/core/records/tables';
import { encodeRow } from '../../../../src/store/table-parse';
import { KOMPETENT_ACCOUNT, localPorts, MovableClock } from '../../../../src/adapters/memory/memory-services';
import { runRequestedJobs } from '../../../../src/app/pipeline/job-requests';
import { asUser } from '../../../support/effects';
import { generateDemo } from '../../../../src/demo';
import { fixtureData, PEOPLE, TODAY } from '../../../support/fixture';
import { addDays } from '../../../../src/core/dates';
import { handlers, runAddon, warm, type Data, type Ports } from './support';
import { validateChatResponse } from '../../../support/discovery-validator';
import { REMINDER_BATCH, type ReminderSummary } from '../../../../src/app/features/status/reminder-job';
import { ReadModel } from '../../../../src/store/read-model';
import { rebuildReadModel } from '../../../../src/store/rebuild';
import { keyedRows } from '../../../support/sheet-rows';

/** The hourly rebuild (it keeps the reminder job's due-list). */
const rebuild = (ports: Ports) => {
  const today = ports.clock.today();
  rebuildReadModel(ports.workbook, new ReadModel(ports.cache, () => `g${today}`, ports.codec), { now: ports.clock.now().toISOString().replace(/\.\d{3}Z$/, 'Z'), today, generation: `g${today}` });
};

const rows = (ports: Ports, table: string) => {
  return keyedRows(table, (ports.workbook as MemoryWorkbook).dump(table)!);
};
const job = (ports: Ports, action = 'job.reminders') => guarded(ports, handlers, {}, { host: 'job', action, userEmail: '', fromTrigger: true });
/** What a job's last run reported (its "finished" log entry). */
const lastSummary = (ports: Ports, action: string) => ports.services.log.entries.filter((e) => e.message === `${action} finished`).pop()?.detail;
const setting = (ports: Ports, key: string) => rows(ports, 'Settings').find((r) => r.key === key)?.value;

/** Kari (Chat DM installed) and five nurses whose CPR expires in 30 days (mail). */
function data(settings: Record<string, string> = {}): Data {
  const d = fixtureData();
  for (let i = 10; i < 15; i++) {
    const id = `E${i}`;
    d.Employees!.push({ employeeId: id, email: `n${i}@kommune.example`, name: `Nurse ${i}`, unitId: 'solbakken-a', roleIds: ['nurse'],
      managerEmail: undefined, startDate: '2020-01-01', probationEndsOn: undefined, status: 'active', locale: i === 10 ? 'en' : 'nb' } as Employee);
    const cert = (c: string, on: string) => ({ certificationId: `${id}-${c}`, employeeId: id, competenceId: c, achievedOn: on, expiresOn: undefined,
      source: 'session' as const, evidenceFileId: undefined, verifiedBy: undefined, state: 'valid' as const, note: undefined });
    d.Certifications!.push(cert('cpr', '2025-12-22'), cert('fire', '2026-06-01'), cert('med', '2025-01-01'));
  }
  d.Settings = [...d.Settings!, ...Object.entries(settings).map(([key, value]) => ({ key, value }))];
  return d;
}

function setup(settings: Record<string, string> = {}) {
  const ports = warm(data(settings));
  ports.services.chat.dms.set(PEOPLE.kari, 'spaces/DMkari');
  return ports;
}

describe('job.reminders', () => {
  it('sends a Chat DM where the app is installed and mail otherwise, and records each reminder', () => {
    const ports = setup();
    job(ports);
    const chat = ports.services.chat.messages;
    expect(chat).toHaveLength(1);
    expect(chat[0]!.space).toBe('spaces/DMkari');
    expect(JSON.stringify(chat[0]!.message)).toContain('D-HLR');
    expect(JSON.stringify(chat[0]!.message)).toContain('courses.signUp');
    expect(validateChatResponse({ hostAppDataAction: { chatDataAction: { createMessageAction: { message: chat[0]!.message } } } })).toEqual([]);
    const mail = ports.services.mail.sent;
    expect(mail.map((m) => m.to).sort()).toEqual(['n10', 'n11', 'n12', 'n13', 'n14'].map((n) => `${n}@kommune.example`));
    expect(mail.find((m) => m.to.startsWith('n10'))!.subject).toBe('Kompetent: D-HLR expires 22 December 2026');
    expect(mail.find((m) => m.to.startsWith('n11'))!.subject).toBe('Kompetent: D-HLR utløper 22. desember 2026');
    const notes = rows(ports, 'Notifications');
    expect(notes).toHaveLength(6);
    expect(notes).toContainEqual(expect.objectContaining({ kind: 'reminder', recipientEmail: PEOPLE.kari, channel: 'chat', subjectKey: 'cert:E1:cpr:2026-12-10:30' }));
    expect(notes).toContainEqual(expect.objectContaining({ recipientEmail: 'n12@kommune.example', channel: 'mail', subjectKey: 'cert:E12:cpr:2026-12-22:30' }));
    expect(setting(ports, 'reminderCursor') ?? '').toBe('');
  });

  it('never sends the same reminder twice', () => {
    const ports = setup();
    job(ports);
    job(ports);
    expect(ports.services.chat.messages).toHaveLength(1);
    expect(ports.services.mail.sent).toHaveLength(5);
    expect(rows(ports, 'Notifications')).toHaveLength(6);
  });

  it('sends the next window when it comes, with a new key', () => {
    const ports = setup();
    job(ports);
    ports.services.clock.advance(22 * 86_400_000); // 2026-12-14: E10–E14 have 8 days left (still the 30-day window); Kari's expired 4 days ago
    job(ports);
    expect(rows(ports, 'Notifications').map((n) => n.subjectKey)).toContain('cert:E1:cpr:2026-12-10:0');
    expect(ports.services.mail.sent).toHaveLength(5);
  });

  it('stays within the mail quota, keeping a reserve, and sends the rest on a later run', () => {
    const ports = setup({ reminderMailReserve: '1' });
    ports.services.mail.quota = 3;
    job(ports);
    expect(ports.services.mail.sent).toHaveLength(2);
    expect(ports.services.mail.quota).toBe(1);
    ports.services.mail.quota = 1500; // a new day
    job(ports);
    expect(ports.services.mail.sent).toHaveLength(5);
    expect(new Set(ports.services.mail.sent.map((m) => m.to)).size).toBe(5);
  });

  it('stops inside its time budget, stores the cursor in the same write, and the next run resumes there', () => {
    const ports = setup({ reminderTimeBudgetSeconds: '1' });
    const send = ports.services.mail.send.bind(ports.services.mail);
    ports.services.mail.send = (m) => { send(m); ports.services.clock.advance(600); };
    job(ports);
    const first = ports.services.mail.sent.length;
    expect(first).toBeLessThan(5);
    const cursor = setting(ports, 'reminderCursor');
    expect(cursor).toMatch(/^E1\d$/);
    // Settings row and Notifications rows were written together.
    expect(rows(ports, 'Audit').filter((a) => a.table === 'Settings' && a.key === 'reminderCursor')).toHaveLength(1);
    // Runs until everyone is told and a run gets through to the end (every call moves the fakes' clock too).
    for (let i = 0; i < 20 && (ports.services.mail.sent.length < 5 || setting(ports, 'reminderCursor')); i++) job(ports);
    expect(new Set(ports.services.mail.sent.map((m) => m.to)).size).toBe(5);
    expect(ports.services.mail.sent).toHaveLength(5);
    expect(setting(ports, 'reminderCursor') ?? '').toBe('');
  });

  it('is refused to anyone but the trigger and HR', () => {
    const ports = setup();
    expect(runAddon(ports, PEOPLE.kari, 'job.reminders').reply).toEqual({ kind: 'notify', text: 'Du har ikke tilgang til dette.' });
    expect(ports.services.mail.sent).toHaveLength(0);
    // HR's "run now" runs as HR (MailApp would send from HR's mailbox): it is asked of the minute trigger instead.
    expect(runAddon(ports, PEOPLE.guri, 'job.reminders').reply).toEqual({ kind: 'notify', text: expect.stringContaining('i løpet av et minutt') });
    expect(ports.services.mail.sent).toHaveLength(0);
    // The minute trigger, as the Kompetent account, runs it once.
    const ran: unknown[] = [];
    const asApp = (action: string) => asUser(ports, KOMPETENT_ACCOUNT, () => ran.push(guarded(ports, handlers, {}, { host: 'job', action, userEmail: '', fromTrigger: true }).reply));
    expect(runRequestedJobs(ports, asApp)).toEqual(['job.reminders']);
    expect(ran).toHaveLength(1);
    expect(ports.services.mail.sent.length).toBeGreaterThan(0);
    expect(ports.services.mail.sent.every((m) => m.from === KOMPETENT_ACCOUNT)).toBe(true);
    expect(runRequestedJobs(ports, asApp)).toEqual([]);
  });

  it('covers a demo municipality from the due-list: no Certifications read, only the rows of the people it tells', () => {
    const demo = generateDemo({ employees: 600, today: '2026-11-22' });
    const wb = new MemoryWorkbook();
    for (const t of TABLE_NAMES) {
      const header = headerOf(t);
      wb.seed(t, header, ((demo as Record<string, Row<TableName>[]>)[t] ?? []).map((r) => { const e = encodeRow(t, r); return header.map((h) => e[h] ?? null); }));
    }
    const ports = localPorts(wb, { clock: new MovableClock('Europe/Oslo', () => Date.parse('2026-11-22T05:00:00Z')) });
    rebuildReadModel(wb, new ReadModel(ports.cache, () => 'g1', ports.codec), { now: '2026-11-22T05:00:00Z', today: '2026-11-22', generation: 'g1' });
    ports.meter.reset();
    guarded(ports, handlers, {}, { host: 'job', action: 'job.reminders', userEmail: '', fromTrigger: true });
    const summary = ports.services.log.entries.find((e) => e.message === 'job.reminders finished')!.detail as ReminderSummary;
    const sent = ports.services.mail.sent.length;
    expect(sent).toBeGreaterThan(5);
    expect(summary).toMatchObject({ listFrom: 'cache', mail: sent, lookups: sent });
    const m = ports.meter.snapshot();
    const batches = Math.ceil(sent / REMINDER_BATCH);
    // One Settings read, then per batch one read of the people's rows and one write (plus, at most, the refill of a
    // shared shard the strict cache trimmed: the read model is still one item a person here).
    expect(m.byKind['workbook.write']).toBe(batches);
    // The job's lease (issue #13) is taken and given back in Script Properties, never in the records.
    expect([m.byKind['properties.get'], m.byKind['properties.set'], m.byKind['properties.delete']]).toEqual([2, 1, 1]);
    expect(m.byKind['workbook.read']).toBeLessThanOrEqual(2 + batches);
    // Far below the Certifications table alone (the old job read it whole, with Notifications, on every run).
    const certificationCells = (demo.Certifications ?? []).length * headerOf('Certifications').length;
    expect(m.cellsRead).toBeLessThan(Math.min(20_000, certificationCells / 2));
  });

  it('remembers Chat spaces in the records and asks Chat again only for people it has not asked lately', () => {
    const ports = setup();
    job(ports);
    expect(ports.services.chat.lookups).toBe(6);
    const employee = (id: string) => rows(ports, 'Employees').find((r) => r.employeeId === id)!;
    expect(employee('E1').chatSpace).toBe('spaces/DMkari');
    expect(employee('E12').chatSpace).toBe('none:2026-11-22');
    expect(employee('E12').remindedKeys).toBe('cpr:2026-12-22:30');
    // The next window, three weeks on: the spaces are known, so nobody is looked up again.
    ports.services.clock.advance(21 * 86_400_000);
    rebuild(ports);
    job(ports);
    expect(ports.services.chat.lookups).toBe(6);
    expect(ports.services.chat.messages).toHaveLength(2);
  });

  it('stops when the day\'s Chat calls and mail are spent, and goes on from there the next day', () => {
    const ports = setup({ reminderChatCallsPerDay: '2', reminderMailReserve: '0' });
    ports.services.mail.quota = 1;
    job(ports);
    // Two Chat calls (a lookup and a message, or two lookups) and one mail: then nothing more is tried today.
    expect(ports.services.chat.lookups + ports.services.chat.messages.length).toBe(2);
    expect(ports.services.mail.sent.length).toBeLessThanOrEqual(1);
    const lookups = ports.services.chat.lookups;
    expect(setting(ports, 'reminderCursor')).toMatch(/^E/);
    expect(setting(ports, 'reminderChatCalls')).toBe('2026-11-22:2');
    job(ports);
    expect(ports.services.chat.lookups).toBe(lookups);
    ports.services.clock.advance(86_400_000);
    rebuild(ports);
    for (let i = 0; i < 10 && rows(ports, 'Notifications').length < 6; i++) { job(ports); ports.services.clock.advance(86_400_000); rebuild(ports); }
    expect(new Set(rows(ports, 'Notifications').map((n) => n.recipientEmail)).size).toBe(6);
  });

  const summaryOf = (ports: Ports) => ports.services.log.entries.filter((e) => e.message === 'job.reminders finished').pop()!.detail as ReminderSummary;

  it('takes the due-list from its durable copy when the cache lost it (one bounded read), and still sends each reminder once', () => {
    const ports = setup();
    (ports.services.rawCache as unknown as { clear(): void }).clear();
    ports.meter.reset();
    job(ports);
    expect(summaryOf(ports)).toMatchObject({ listFrom: 'durable', recipients: 6 });
    // The ReadModel tab's four due-list rows, never Certifications or Notifications.
    expect(ports.meter.cellsRead).toBeLessThan(2_000);
    expect(rows(ports, 'Notifications')).toHaveLength(6);
    job(ports);
    expect(summaryOf(ports)).toMatchObject({ listFrom: 'cache', recipients: 0 });
    expect(rows(ports, 'Notifications')).toHaveLength(6);
  });

  it('builds the due-list from the records when today\'s rebuild has not made one, and still sends each reminder once', () => {
    const ports = setup();
    ports.services.clock.advance(86_400_000);
    job(ports);
    expect(summaryOf(ports)).toMatchObject({ listFrom: 'records', recipients: 6 });
    job(ports);
    // The list the first run made is kept in the cache for the day's later runs.
    expect(summaryOf(ports)).toMatchObject({ listFrom: 'cache', recipients: 0 });
    expect(rows(ports, 'Notifications')).toHaveLength(6);
  });
});

describe('job.leaderDigest', () => {
  it('sends each leader with something to follow up one digest a week', () => {
    const ports = setup();
    job(ports, 'job.leaderDigest');
    const toPer = ports.services.mail.sent.filter((m) => m.to === PEOPLE.per);
    expect(toPer).toHaveLength(1);
    expect(toPer[0]!.subject).toBe('Kompetent: ukens oversikt for enhetene dine');
    expect(toPer[0]!.text).toContain('Kari Nordmann: Brannvern utløp 1. oktober 2026');
    expect(toPer[0]!.text).toContain('Solbakken avdeling A');
    expect(rows(ports, 'Notifications')).toEqual([expect.objectContaining({ kind: 'digest', recipientEmail: PEOPLE.per, subjectKey: 'digest:leader:per.leder@kommune.example:2026-11-16' })]);
    job(ports, 'job.leaderDigest');
    expect(ports.services.mail.sent).toHaveLength(1);
    ports.services.clock.advance(7 * 86_400_000);
    job(ports, 'job.leaderDigest');
    expect(ports.services.mail.sent).toHaveLength(2);
  });

  it('works from the read model when today\'s rebuild is at hand, saying what the records would, and reads neither Employees nor Certifications', () => {
    const tablesRead = (ports: Ports) => {
      const seen: string[] = [];
      const wb = ports.workbook as MemoryWorkbook;
      const read = wb.read.bind(wb);
      wb.read = (requests) => { seen.push(...requests.filter((r) => !r.ranges || r.ranges.length > 0).map((r) => r.table)); return read(requests); };
      return seen;
    };
    const fromModel = setup();
    const seen = tablesRead(fromModel);
    job(fromModel, 'job.leaderDigest');
    expect(lastSummary(fromModel, 'job.leaderDigest')).toMatchObject({ from: 'read model', recipients: 1 });
    expect(seen).not.toContain('Employees');
    expect(seen).not.toContain('Certifications');
    // The same day with yesterday's rebuild only (statuses move with the date): the records, and the same digest.
    const fromRecords = warm(data());
    const yesterday = `${addDays(TODAY, -1)}`;
    rebuildReadModel(fromRecords.workbook, new ReadModel(fromRecords.cache, () => 'gy', fromRecords.codec), { now: `${yesterday}T09:00:00Z`, today: yesterday, generation: 'gy' });
    job(fromRecords, 'job.leaderDigest');
    expect(lastSummary(fromRecords, 'job.leaderDigest')).toMatchObject({ from: 'records', recipients: 1 });
    const mails = (ports: Ports) => ports.services.mail.sent.map(({ sentAt: _at, ...m }) => m);
    expect(mails(fromModel)).toEqual(mails(fromRecords));
    expect(fromModel.services.mail.sent[0]?.text).toContain('Kari Nordmann');
  });

  it('never sends a leader a second digest when their row was moved up the long Notifications tab by hand', () => {
    const ports = setup();
    const wb = ports.workbook as MemoryWorkbook;
    // Half a year of older messages (more than the first slice a bounded read takes from the end).
    const header = wb.dump('Notifications')!.header;
    const old = Array.from({ length: 5_000 }, (_, i) => {
      const r: Record<string, string> = { notificationId: `ntf-old${i}`, kind: 'reminder', recipientEmail: PEOPLE.kari, subjectKey: `old:${i}`, channel: 'mail',
        sentAt: new Date(Date.parse('2026-05-01T00:00:00Z') + i * 3_600_000).toISOString().replace(/\.\d{3}Z$/, 'Z') };
      return header.map((h) => r[h] ?? null);
    });
    wb.seed('Notifications', header, old);
    job(ports, 'job.leaderDigest');
    expect(ports.services.mail.sent.filter((m) => m.to === PEOPLE.per)).toHaveLength(1);
    expect(setting(ports, 'leaderDigestSent')).toBe(`${TODAY}:1`);
    // Someone drags the digest's row from the end of the tab to the top; later the same week the job runs again.
    const tab = wb.dump('Notifications')!;
    const moved = tab.rows[tab.rows.length - 1]!;
    expect(moved[header.indexOf('subjectKey')]).toMatch(/^digest:leader:/);
    wb.seed('Notifications', header, [moved, ...tab.rows.slice(0, -1)]);
    ports.services.clock.advance(3 * 3_600_000);
    job(ports, 'job.leaderDigest');
    expect(ports.services.mail.sent.filter((m) => m.to === PEOPLE.per)).toHaveLength(1);
  });

  it('reads the records when a leader has no overview in the read model (made leader since the rebuild)', () => {
    const ports = setup();
    const wb = ports.workbook as MemoryWorkbook;
    const units = wb.dump('Units')!;
    const col = units.header.indexOf('leaderEmails');
    const row = units.rows.findIndex((r) => r[units.header.indexOf('unitId')] === 'solbakken-a');
    wb.seed('Units', units.header, units.rows.map((r, i) => (i === row ? r.map((c, j) => (j === col ? PEOPLE.guri : c)) : r)));
    // The directory is patched by the edit (as the console's edit does); the leader views wait for the next rebuild.
    const rm = new ReadModel(ports.cache, () => 'g0', ports.codec);
    rm.load([{ shard: 'dir' }]);
    const dir = rm.pack('dir')!.e.dir as { units: { unitId: string; leaderEmails?: string[] }[] };
    rm.stage('dir', { ...dir, units: dir.units.map((u) => (u.unitId === 'solbakken-a' ? { ...u, leaderEmails: [PEOPLE.guri] } : u)) });
    rm.flush();
    job(ports, 'job.leaderDigest');
    expect(lastSummary(ports, 'job.leaderDigest')).toMatchObject({ from: 'records' });
  });

  it('goes to the leader\'s Chat DM as a card when the app is installed for them', () => {
    const ports = setup();
    ports.services.chat.dms.set(PEOPLE.per, 'spaces/DMper');
    job(ports, 'job.leaderDigest');
    const [msg] = ports.services.chat.messages.filter((m) => m.space === 'spaces/DMper');
    expect(JSON.stringify(msg!.message)).toContain('Kari Nordmann');
    expect(validateChatResponse({ hostAppDataAction: { chatDataAction: { createMessageAction: { message: msg!.message } } } })).toEqual([]);
    expect(ports.services.mail.sent).toHaveLength(0);
  });
});
