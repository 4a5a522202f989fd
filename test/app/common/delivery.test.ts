// The one way a job tells a person: their DM with the app through the Chat outbox (one write a second per space), else a
// mail within the day's quota less the reserve; nothing throws, and the quota is read only when a mail is due.
import { Delivery } from '../../../src/app/common/delivery';
import { ConsoleLog, MemoryChat, MemoryMail, MovableClock } from '../../../src/adapters/memory/memory-services';
import type { JobEnv } from '../../../src/app/pipeline/handler';

function setup(opts: { sleep?: boolean; reserve?: number } = {}) {
  const clock = new MovableClock('Europe/Oslo', () => Date.parse('2026-11-23T09:00:00Z'));
  const chat = new MemoryChat(() => clock.now());
  const mail = new MemoryMail(() => clock.now());
  const log = new ConsoleLog();
  let quotaReads = 0;
  const remainingQuota = mail.remainingQuota.bind(mail);
  mail.remainingQuota = () => { quotaReads++; return remainingQuota(); };
  const ports = { chat, mail, clock, log, sleep: opts.sleep ? (ms: number) => clock.advance(ms) : undefined };
  const env = { ports, locked: () => { throw new Error('not used'); } } as unknown as Pick<JobEnv, 'ports' | 'locked'>;
  return { clock, chat, mail, log, delivery: new Delivery(env, opts.reserve ?? 0), quotaReads: () => quotaReads };
}
const msg = (text: string) => () => ({ text });
const mailOf = (subject: string) => () => ({ subject, text: `${subject} text` });

it('posts into the DM as the app when the app is installed for them, and reads no mail quota', () => {
  const s = setup();
  s.chat.dms.set('kari@example.org', 'spaces/DM-KARI');
  expect(s.delivery.send('kari@example.org', msg('hei'), mailOf('Hei'), 'req-1')).toBe('chat');
  expect(s.chat.messages.map((m) => [m.space, m.message.text, m.requestId])).toEqual([['spaces/DM-KARI', 'hei', 'req-1']]);
  expect(s.mail.sent).toEqual([]);
  expect(s.quotaReads()).toBe(0);
});

it('mails when there is no DM, or the post fails, and counts the quota down from one read', () => {
  const s = setup();
  s.chat.dms.set('ola@example.org', 'spaces/DM-OLA');
  s.chat.createMessage = () => { throw new Error('Chat API create failed: HTTP 403 forbidden'); };
  expect(s.delivery.send('kari@example.org', msg('hei'), mailOf('Til Kari'), 'req-1')).toBe('mail');
  expect(s.delivery.send('ola@example.org', msg('hei'), mailOf('Til Ola'), 'req-2')).toBe('mail');
  expect(s.mail.sent.map((m) => [m.to, m.subject])).toEqual([['kari@example.org', 'Til Kari'], ['ola@example.org', 'Til Ola']]);
  expect(s.quotaReads()).toBe(1);
  expect(s.log.entries.filter((e) => e.level === 'error')).toHaveLength(1);
});

it('keeps the reserve for the outbox job: past it, nothing goes and undefined says "next run"', () => {
  const s = setup({ reserve: 100 });
  s.mail.quota = 101;
  expect(s.delivery.mailLeft).toBe(1);
  expect(s.delivery.send('a@example.org', msg('1'), mailOf('1'), 'r1')).toBe('mail');
  expect(s.delivery.send('b@example.org', msg('2'), mailOf('2'), 'r2')).toBeUndefined();
  expect(s.mail.sent.map((m) => m.to)).toEqual(['a@example.org']);
});

it('says which of three became of a mail: sent, the quota is spent (nothing tried), or a counted failure with its error', () => {
  const s = setup();
  s.mail.quota = 2;
  expect(s.delivery.mail('a@example.org', mailOf('1'))).toEqual({ status: 'sent' });
  // Every recipient counts against MailApp's daily quota: two do not fit in the one left.
  expect(s.delivery.mail('b@example.org, c@example.org', mailOf('2'))).toEqual({ status: 'quota' });
  s.mail.send = () => { throw new Error('Service unavailable'); };
  expect(s.delivery.mail('b@example.org', mailOf('3'))).toEqual({ status: 'failed', error: 'Service unavailable' });
  expect(s.delivery.mailLeft).toBe(1);
  expect(s.quotaReads()).toBe(1);
});

it('a quota spent behind its back (MailApp throws the daily-quota error) is "quota", and no further mail is tried this run', () => {
  const s = setup();
  let tried = 0;
  s.mail.send = () => { tried++; throw new Error('Service invoked too many times for one day: email.'); };
  expect(s.delivery.mail('a@example.org', mailOf('1'))).toEqual({ status: 'quota' });
  expect(s.delivery.mail('b@example.org', mailOf('2'))).toEqual({ status: 'quota' });
  expect(tried).toBe(1);
  expect(s.log.entries.filter((e) => e.level === 'error')).toEqual([]);
});

it('a quota that cannot be read counts as spent: logged, nothing thrown, nothing sent', () => {
  const s = setup();
  s.mail.remainingQuota = () => { throw new Error('Service unavailable'); };
  expect(s.delivery.mail('a@example.org', mailOf('1'))).toEqual({ status: 'quota' });
  expect(s.mail.sent).toEqual([]);
  expect(s.log.entries.some((e) => e.level === 'error' && /mail quota/.test(String(e.message)))).toBe(true);
});

it('a failing mail is logged and reported, never thrown', () => {
  const s = setup();
  s.mail.send = () => { throw new Error('Mail service failed'); };
  expect(s.delivery.send('a@example.org', msg('1'), mailOf('1'), 'r1')).toBeUndefined();
  expect(s.log.entries.some((e) => e.level === 'error' && /Mail to a@example.org failed/.test(String(e.message)))).toBe(true);
});

it('shares Chat\'s one write a second per space with everything else the job posts there', () => {
  const s = setup({ sleep: true });
  s.chat.dms.set('kari@example.org', 'spaces/DM-KARI');
  const t0 = s.clock.now().getTime();
  s.delivery.chat.create('spaces/DM-KARI', { text: 'first' });
  expect(s.delivery.send('kari@example.org', msg('second'), mailOf('x'), 'r2')).toBe('chat');
  expect(s.delivery.chat.written.map((w) => w.at - t0)).toEqual([0, 1000]);
});
