// Issue #13: two overlapping runs of a job (the trigger and "run now") send nothing twice; each run holds its own lease.
import { guarded } from '../../../src/app/pipeline/handle';
import { LEASE_MS } from '../../../src/app/pipeline/job-lease';
import type { MemoryWorkbook } from '../../../src/adapters/memory/memory-workbook';
import { PEOPLE } from '../../support/fixture';
import { handlers, warm, withFortyNurses, type Ports } from '../features/status/support';

const rows = (ports: Ports, table: string) => {
  const tab = (ports.workbook as MemoryWorkbook).dump(table)!;
  return tab.rows.map((r) => Object.fromEntries(tab.header.map((h, i) => [h, r[i]])));
};
const job = (ports: Ports) => guarded(ports, handlers, {}, { host: 'job', action: 'job.reminders', userEmail: '', fromTrigger: true }).reply;

it('a second run started while the first is sending sends nothing; every reminder goes once, every key once', () => {
  const ports = warm(withFortyNurses());
  ports.services.chat.dms.set(PEOPLE.kari, 'spaces/DMkari');
  const mail = ports.services.mail;
  const send = mail.send.bind(mail);
  let second: unknown;
  mail.send = (m) => {
    send(m);
    // "Run now" pressed while the trigger's run is half-way.
    if (mail.sent.length === 3 && second === undefined) second = job(ports);
  };
  job(ports);
  expect(JSON.stringify(second)).toContain('kjører allerede');
  const to = mail.sent.map((m) => m.to);
  expect(to.length).toBeGreaterThanOrEqual(40);
  expect(new Set(to).size).toBe(to.length);
  const keys = rows(ports, 'Notifications').map((n) => `${n.recipientEmail} ${n.subjectKey}`);
  expect(new Set(keys).size).toBe(keys.length);
  // The lease was given back: the next day's run goes ahead.
  expect(ports.services.leases.values.has('job.reminders')).toBe(false);
});

it('a lease left by a run that died lapses by itself', () => {
  const ports = warm(withFortyNurses());
  const now = ports.clock.now().getTime();
  ports.services.leases.values.set('job.reminders', `run-dead ${new Date(now - LEASE_MS - 1000).toISOString()}`);
  job(ports);
  expect(ports.services.mail.sent.length).toBeGreaterThan(0);
});

it('a lease still held by a live run keeps the next run out, whoever starts it', () => {
  const ports = warm(withFortyNurses());
  const now = ports.clock.now().getTime();
  ports.services.leases.values.set('job.reminders', `run-live ${new Date(now + 60_000).toISOString()}`);
  expect(JSON.stringify(job(ports))).toContain('kjører allerede');
  expect(ports.services.mail.sent.length).toBe(0);
  // The live run's lease is left as it was (only its holder gives it back).
  expect(ports.services.leases.values.get('job.reminders')).toContain('run-live');
});

it('the outbox job, every minute, holds the same kind of lease and writes no lease rows to the records', () => {
  const ports = warm(withFortyNurses());
  const before = rows(ports, 'Audit').length;
  const settings = rows(ports, 'Settings').length;
  ports.services.leases.values.set('job.outbox', `run-live ${new Date(ports.clock.now().getTime() + 60_000).toISOString()}`);
  guarded(ports, handlers, {}, { host: 'job', action: 'job.outbox', userEmail: '', fromTrigger: true });
  ports.services.leases.values.clear();
  guarded(ports, handlers, {}, { host: 'job', action: 'job.outbox', userEmail: '', fromTrigger: true });
  expect(rows(ports, 'Audit').length).toBe(before);
  expect(rows(ports, 'Settings').length).toBe(settings);
  expect(ports.services.leases.values.size).toBe(0);
});
