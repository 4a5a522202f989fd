// The 'job' handler kind (issue #16): every scheduled job is one; the pipeline holds its lease for the whole run, and the
// script lock — the one every person's change waits for — only while a batch is committed, never while the job sends.
import { guarded } from '../../../src/app/pipeline/handle';
import { JOBS } from '../../../src/app/pipeline/entry-points';
import { ACTIONS } from '../../../src/contract/actions';
import { SIDEBAR_CALLS, sidebarEvent } from '../../../src/contract/sidebar';
import { PEOPLE } from '../../support/fixture';
import { handlers, runChat, warm, withFortyNurses, type Ports } from '../features/status/support';

/** Counts the script lock's holds and says whether it is held now. */
function watchLock(ports: Ports) {
  const lock = ports.lock;
  const state = { held: false, holds: 0 };
  const tryLock = lock.tryLock.bind(lock);
  const release = lock.release.bind(lock);
  lock.tryLock = (ms: number) => {
    const ok = tryLock(ms);
    if (ok) { state.held = true; state.holds++; }
    return ok;
  };
  lock.release = () => { state.held = false; release(); };
  return state;
}

it('every scheduled job is a job handler; a job handler not scheduled names whose lease it holds', () => {
  const all = Object.entries(handlers);
  for (const { action } of Object.values(JOBS)) expect([action, handlers[action]?.kind]).toEqual([action, 'job']);
  const scheduled = new Set<string>(Object.values(JOBS).map((j) => j.action));
  const unscheduled = all.filter(([name, h]) => h.kind === 'job' && !scheduled.has(name));
  expect(unscheduled.map(([name, h]) => [name, h.kind === 'job' ? h.lease : undefined])).toEqual([[SIDEBAR_CALLS.refresh, ACTIONS.jobRebuild]]);
});

it('a job holds its lease for the whole run and the script lock only per batch: never while it sends, and a sign-up meanwhile goes through', () => {
  const ports = warm(withFortyNurses());
  ports.services.chat.dms.set(PEOPLE.kari, 'spaces/DMkari');
  const lock = watchLock(ports);
  const mail = ports.services.mail;
  const send = mail.send.bind(mail);
  const duringSends: { lockHeld: boolean; leased: boolean }[] = [];
  let signUp = '';
  mail.send = (m) => {
    duringSends.push({ lockHeld: lock.held, leased: ports.services.leases.values.has(ACTIONS.jobReminders) });
    // A person signs up while the job is half-way: the lock is free, so the change is not kept waiting.
    if (duringSends.length === 20) signUp = JSON.stringify(runChat(ports, PEOPLE.kari, { action: ACTIONS.signUp, params: { sessionId: 'S2' } }).reply);
    send(m);
  };
  const { reply } = guarded(ports, handlers, {}, { host: 'job', action: ACTIONS.jobReminders, userEmail: '', fromTrigger: true });
  expect(reply).toEqual({ kind: 'none' });
  expect(duringSends.length).toBeGreaterThanOrEqual(40);
  expect(duringSends.every((s) => !s.lockHeld && s.leased)).toBe(true);
  expect(signUp).toContain('Du er påmeldt');
  // The lease taken once (under the lock), one hold per batch of reminders, and the sign-up's own.
  expect(lock.holds).toBeGreaterThanOrEqual(3);
  expect(ports.services.leases.values.has(ACTIONS.jobReminders)).toBe(false);
});

it('the console\'s refresh while the rebuild runs elsewhere says it goes on, and reads nothing', () => {
  const ports = warm();
  const until = new Date(ports.clock.now().getTime() + 60_000).toISOString();
  ports.services.leases.values.set(ACTIONS.jobRebuild, `run-other ${until}`);
  ports.meter.reset();
  const { reply } = guarded(ports, handlers, sidebarEvent(SIDEBAR_CALLS.refresh, '{}'), { host: 'sidebar', action: SIDEBAR_CALLS.refresh, userEmail: PEOPLE.guri });
  expect(reply).toMatchObject({ kind: 'data', data: { builtAt: '', persons: 0 } });
  expect(ports.meter.byKind['workbook.read']).toBeUndefined();
  expect(ports.meter.byKind['workbook.write']).toBeUndefined();
  expect(ports.services.leases.values.get(ACTIONS.jobRebuild)).toBe(`run-other ${until}`);
});
