// The outbox: a person's click writes the mail and calendar effects with the change and sends nothing itself; the job,
// running as the Kompetent account, sends each once — retried when it fails, never repeated after a crash.
import { courseEventId } from '../../../src/core/outbox';
import { KOMPETENT_ACCOUNT } from '../../../src/adapters/memory/memory-services';
import type { MemoryWorkbook } from '../../../src/adapters/memory/memory-workbook';
import { ACTIONS } from '../../../src/contract/actions';
import { asUser, sendOutbox } from '../../support/effects';
import { PEOPLE } from '../../support/fixture';
import { runChat, warm, type Ports } from '../features/status/support';
import { keyedRows } from '../../support/sheet-rows';

const outbox = (ports: Ports) => {
  return keyedRows('Outbox', (ports.workbook as MemoryWorkbook).dump('Outbox')!);
};

describe('outbox', () => {
  it('a sign-up mails and invites nobody during the click; the job sends once, as the Kompetent account', () => {
    const ports = warm();
    runChat(ports, PEOPLE.kari, { action: ACTIONS.signUp, params: { sessionId: 'S1' } });
    expect(ports.services.mail.sent).toHaveLength(0);
    expect(ports.services.calendar.events.size).toBe(0);
    expect(outbox(ports).map((r) => [r.channel, r.status])).toEqual([['mail', 'pending'], ['calendar', 'pending']]);

    sendOutbox(ports);
    expect(ports.services.mail.sent.map((m) => [m.to, m.from, m.fromName])).toEqual([[PEOPLE.kari, KOMPETENT_ACCOUNT, 'Kompetent']]);
    // Gmail shows the name, as MailApp's `name` option does on a tenant, not the bare account address.
    expect(ports.services.gmail.currentMessage('msg-f:0', 'token')!.from).toBe(`Kompetent <${KOMPETENT_ACCOUNT}>`);
    const event = ports.services.calendar.events.get(courseEventId('S1'))!;
    expect(event.calendar).toBe(KOMPETENT_ACCOUNT);
    expect(event.guests).toEqual([PEOPLE.kari]);
    expect(outbox(ports).every((r) => r.status === 'sent' && r.sentAt)).toBe(true);

    sendOutbox(ports);
    expect(ports.services.mail.sent).toHaveLength(1);
    expect(ports.services.calendar.events.get(courseEventId('S1'))!.updates).toBe(0);
  });

  it('a cancellation takes the guest off the one event; nothing is made twice', () => {
    const ports = warm();
    runChat(ports, PEOPLE.kari, { action: ACTIONS.signUp, params: { sessionId: 'S1' } });
    runChat(ports, PEOPLE.ola, { action: ACTIONS.signUp, params: { sessionId: 'S1' } });
    sendOutbox(ports);
    runChat(ports, PEOPLE.kari, { action: ACTIONS.cancelEnrollment, params: { sessionId: 'S1' } });
    sendOutbox(ports);
    expect([...ports.services.calendar.events.keys()]).toEqual([courseEventId('S1')]);
    expect(ports.services.calendar.eventsOf(PEOPLE.kari)).toEqual([]);
    expect(ports.services.calendar.eventsOf(PEOPLE.ola)).toHaveLength(1);
  });

  it('a send that fails stays pending and goes with the next run; past the quota it waits', () => {
    const ports = warm();
    runChat(ports, PEOPLE.kari, { action: ACTIONS.signUp, params: { sessionId: 'S1' } });
    ports.services.mail.quota = 0;
    const first = sendOutbox(ports);
    expect(first.reply).toEqual({ kind: 'none' });
    expect(ports.services.mail.sent).toHaveLength(0);
    expect(outbox(ports).find((r) => r.channel === 'mail')!.status).toBe('pending');
    // The calendar effect did not wait for the mail.
    expect(outbox(ports).find((r) => r.channel === 'calendar')!.status).toBe('sent');
    // A send that throws is counted and kept.
    ports.services.mail.quota = 10;
    const send = ports.services.mail.send.bind(ports.services.mail);
    ports.services.mail.send = () => { throw new Error('Service unavailable'); };
    sendOutbox(ports);
    expect(outbox(ports).find((r) => r.channel === 'mail')).toMatchObject({ status: 'pending', attempts: '1', lastError: 'Service unavailable' });
    ports.services.mail.send = send;
    sendOutbox(ports);
    expect(ports.services.mail.sent).toHaveLength(1);
    expect(outbox(ports).find((r) => r.channel === 'mail')).toMatchObject({ status: 'sent', attempts: '2' });
  });

  it('a quota another job spent after the run read it: the rows wait without an attempt, and no other mail is tried', () => {
    const ports = warm();
    runChat(ports, PEOPLE.kari, { action: ACTIONS.signUp, params: { sessionId: 'S1' } });
    runChat(ports, PEOPLE.ola, { action: ACTIONS.signUp, params: { sessionId: 'S1' } });
    // The reminder job of the same account spends the day's last recipients right after this run read the quota.
    const mail = ports.services.mail;
    const read = mail.remainingQuota.bind(mail);
    mail.remainingQuota = () => { const left = read(); mail.quota = 0; return left; };
    const send = mail.send.bind(mail);
    let tried = 0;
    mail.send = (m) => { tried++; send(m); };
    sendOutbox(ports);
    expect(tried).toBe(1);
    expect(mail.sent).toHaveLength(0);
    // Not a failure: no attempt counted, no error; the quota's next day sends them.
    expect(outbox(ports).filter((r) => r.channel === 'mail').map((r) => [r.status, r.attempts, r.lastError])).toEqual([
      ['pending', '', ''], ['pending', '', '']]);
    mail.remainingQuota = read;
    mail.quota = 10;
    sendOutbox(ports);
    expect(mail.sent.map((m) => m.to)).toEqual([PEOPLE.kari, PEOPLE.ola]);
    expect(outbox(ports).filter((r) => r.channel === 'mail').map((r) => [r.status, r.attempts])).toEqual([['sent', '1'], ['sent', '1']]);
  });

  it('reads the mail quota only when a mail is due (MailApp.getRemainingDailyQuota is a call to Google)', () => {
    const ports = warm();
    runChat(ports, PEOPLE.kari, { action: ACTIONS.signUp, params: { sessionId: 'S1' } });
    const mail = ports.services.mail;
    const read = mail.remainingQuota.bind(mail);
    let reads = 0;
    mail.remainingQuota = () => { reads++; return read(); };
    sendOutbox(ports);
    expect(reads).toBe(1);
    // Nothing pending: no quota read.
    sendOutbox(ports);
    expect(reads).toBe(1);
  });

  it('a run that sent but could not record it: the next run records without sending again', () => {
    const ports = warm();
    runChat(ports, PEOPLE.kari, { action: ACTIONS.signUp, params: { sessionId: 'S1' } });
    const write = ports.workbook.write.bind(ports.workbook);
    ports.workbook.write = () => { throw new Error('HTTP 503'); };
    expect(() => sendOutbox(ports)).not.toThrow();
    ports.workbook.write = write;
    expect(ports.services.mail.sent).toHaveLength(1);
    expect(outbox(ports).every((r) => r.status === 'pending')).toBe(true);
    sendOutbox(ports);
    expect(ports.services.mail.sent).toHaveLength(1);
    expect(outbox(ports).every((r) => r.status === 'sent')).toBe(true);
    expect(ports.services.marks.ids.size).toBe(0);
  });

  it('the fakes act as Google: the course calendar refuses the person who clicked; MailApp sends as whoever runs', () => {
    const ports = warm();
    runChat(ports, PEOPLE.kari, { action: ACTIONS.signUp, params: { sessionId: 'S2' } });
    sendOutbox(ports);
    expect(ports.services.calendar.events.get(courseEventId('S2'))?.status).toBe('confirmed');
    // The fake calendar is strict about who writes it: the person who clicked cannot.
    expect(() => asUser(ports, PEOPLE.kari, () => ports.calendar.cancelEvent(courseEventId('S2')))).toThrow(/404/);
    expect(() => asUser(ports, PEOPLE.kari, () => ports.mail.send({ to: PEOPLE.ola, subject: 's', text: 't' }))).not.toThrow();
    expect(ports.services.mail.sent.at(-1)!.from).toBe(PEOPLE.kari); // MailApp sends as whoever runs: why requests never call it
  });

  it('refuses a person who starts the job by hand', () => {
    const ports = warm();
    const r = runChat(ports, PEOPLE.kari, { action: ACTIONS.jobOutbox });
    expect(JSON.stringify(r.reply)).toContain('ikke tilgang');
  });
});
