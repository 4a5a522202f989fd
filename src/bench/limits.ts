// Bench: the reminder job at go-live (calls, cells, Chat lookups, days to clear the backlog) and each figure against
// Google's documented limit with ✓ or ✗ (src/core/google-limits.ts); the lock hold of a sign-up and the rate it allows.
import { guarded } from '../app/pipeline/handle';
import type { Handlers } from '../app/pipeline/handler';
import type { ReminderSummary } from '../app/features/status/reminder-job';
import {
  INTERACTION_MS, MAIL_RECIPIENTS_PER_DAY, modeledMs, SCRIPT_RUNTIME_MS, SHEETS_READS_PER_MINUTE_PER_USER, SHEETS_WRITES_PER_MINUTE_PER_USER,
} from '../core/google-limits';
import { readOne, type WorkbookPort } from '../store/ports';
import { ReadModel } from '../store/read-model';
import { rebuildReadModel } from '../store/rebuild';
import { ACTIONS } from '../contract/actions';
import { localPorts, MovableClock } from '../adapters/memory/memory-services';
import { findColumn } from '../core/records/labels';

export function check(label: string, value: number, limit: number, unit = '', digits = 0): string {
  const f = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
  return `  ${value <= limit ? '✓' : '✗'} ${label}: ${f(value)}${unit} (limit ${f(limit)}${unit})`;
}

/** Calls a change makes while it holds the script lock (everything but the outward calls sent after it is released). */
export function lockHeldMs(byKind: Record<string, number>, cellsRead: number, cellsWritten: number): number {
  const held = Object.fromEntries(Object.entries(byKind).filter(([k]) => !/^(mail|chat|calendar|drive|docs|gmail)\./.test(k)));
  return modeledMs(held, cellsRead, cellsWritten);
}

/** The lock hold of a sign-up, and the sign-ups a minute it allows against the Sheets API's per-user quotas. */
export function signUpRate(lastSignUp: { byKind: Record<string, number>; cellsRead: number; cellsWritten: number }): string[] {
  const hold = lockHeldMs(lastSignUp.byKind, lastSignUp.cellsRead, lastSignUp.cellsWritten);
  const byLock = 60_000 / hold;
  const reads = lastSignUp.byKind['workbook.read'] ?? 0;
  const writes = lastSignUp.byKind['workbook.write'] ?? 0;
  const byQuota = Math.min(reads ? SHEETS_READS_PER_MINUTE_PER_USER / reads : Infinity, writes ? SHEETS_WRITES_PER_MINUTE_PER_USER / writes : Infinity);
  return [
    `  lock hold per sign-up (modeled, planning costs): ${Math.round(hold)} ms → ${Math.floor(byLock)} sign-ups a minute by the lock; ` +
      `${Math.floor(byQuota)} a minute by the Sheets quotas (${reads} read + ${writes} write each, 60 a minute for the service account)`,
    `  ${byQuota <= byLock ? '✓' : '✗'} the Sheets API quota is the bound, not the lock: ${Math.floor(Math.min(byLock, byQuota))} sign-ups a minute`,
  ];
}

export interface BacklogResult {
  day1: ReminderSummary; day1Calls: Record<string, number>; day1Cells: number; day1Ms: number; days: number; sentByDay: number[];
  /** People told at least once since go-live, at each day's end. */
  toldByDay: number[];
  lookups: number; chatShare: number;
}

/**
 * Go-live: every overdue and coming reminder at once. Rebuild at 05:00 each day (the hourly rebuild keeps the due-list),
 * the reminder job every hour from 06:00 to 23:00, mail quota and Chat budget as Google and the settings allow, until a
 * day ends with nobody left waiting. `chatShare`: the part of the staff with the Chat app installed (a DM exists).
 */
export function benchBacklog(
  seed: () => WorkbookPort, handlers: Handlers, today: string, chatShare: number, maxDays = 30,
  /** Fewer mail recipients a day than Google's quota (tests: a small municipality's backlog that lasts days). */
  mailPerDay?: number,
): BacklogResult {
  const wb = seed();
  const clock = new MovableClock('Europe/Oslo', () => Date.parse(`${today}T04:00:00Z`));
  const ports = localPorts(wb, { clock });
  const emp = readOne(wb, { table: 'Employees' });
  const email = findColumn('Employees', emp.header, 'email');
  emp.rows.forEach((r, i) => { if ((i * 7919) % 100 < chatShare * 100) ports.services.chat.dms.set(String(r.cells[email]).toLowerCase(), `spaces/dm${i}`); });
  const sentByDay: number[] = [];
  const toldByDay: number[] = [];
  let day1: ReminderSummary | undefined;
  let day1Calls: Record<string, number> = {};
  let day1Cells = 0;
  let day1Ms = 0;
  for (let d = 0; d < maxDays; d++) {
    const date = new Date(Date.parse(`${today}T00:00:00Z`) + d * 86_400_000).toISOString().slice(0, 10);
    clock.set(`${date}T04:00:00Z`);
    rebuildReadModel(wb, new ReadModel(ports.cache, () => `b${d}`, ports.codec), { now: clock.now().toISOString().replace(/\.\d{3}Z$/, 'Z'), today: date, generation: `b${d}` });
    let sent = 0;
    let waiting = 0;
    const mailedBefore = ports.services.mail.sent.length;
    for (let h = 5; h <= 22; h++) {
      clock.set(`${date}T${String(h).padStart(2, '0')}:00:00Z`);
      if (mailPerDay !== undefined) {
        const mail = ports.services.mail;
        mail.quota = Math.min(mail.remainingQuota(), Math.max(0, mailPerDay - (mail.sent.length - mailedBefore)));
      }
      ports.meter.reset();
      guarded(ports, handlers, {}, { host: 'job', action: ACTIONS.jobReminders, userEmail: '', fromTrigger: true });
      const s = ports.services.log.entries.filter((e) => e.message === `${ACTIONS.jobReminders} finished`).pop()?.detail as ReminderSummary;
      if (d === 0 && h === 5) {
        const m = ports.meter.snapshot();
        day1 = s; day1Calls = m.byKind; day1Cells = m.cellsRead;
        day1Ms = modeledMs(m.byKind, m.cellsRead, m.cellsWritten);
      }
      sent += s.recipients;
      waiting = s.deferred + (s.stopped ? 1 : 0);
    }
    sentByDay.push(sent);
    // Cleared: nobody waiting, or as many people told at least once as were on the go-live due-list. Without Chat the
    // queue may never empty at 50,000: while the backlog is mailed, more people come into a reminder window each day.
    const told = toldSince(wb, today);
    toldByDay.push(told);
    if (waiting === 0 || told >= day1!.listed) return { day1: day1!, day1Calls, day1Cells, day1Ms, days: d + 1, sentByDay, toldByDay, lookups: ports.services.chat.lookups, chatShare };
  }
  return { day1: day1!, day1Calls, day1Cells, day1Ms, days: Number.POSITIVE_INFINITY, sentByDay, toldByDay, lookups: ports.services.chat.lookups, chatShare };
}

/** People told at least once (a Notifications row) since the go-live day. */
function toldSince(wb: WorkbookPort, from: string): number {
  const n = readOne(wb, { table: 'Notifications' });
  const to = findColumn('Notifications', n.header, 'recipientEmail');
  const at = findColumn('Notifications', n.header, 'sentAt');
  return new Set(n.rows.filter((r) => String(r.cells[at]) >= from).map((r) => String(r.cells[to]).toLowerCase())).size;
}

export function formatBacklog(b: BacklogResult, reminders: number, people: number): string[] {
  const pct = Math.round(b.chatShare * 100);
  const s = b.day1;
  return [
    `Reminder job at go-live (${pct} % of staff with the Chat app): due-list of ${s.listed.toLocaleString('en-US')} people (${s.listFrom === 'records' ? 'built from the records: none from today’s rebuild' : `from the ${s.listFrom}`})`,
    `  first run: ${s.chat} Chat DMs, ${s.mail} mails, ${s.deferred} waiting, ${s.lookups} DM lookups; ${JSON.stringify(b.day1Calls)}, ${b.day1Cells.toLocaleString('en-US')} cells read`,
    check('first run, modeled time', Math.round(b.day1Ms / 1000), SCRIPT_RUNTIME_MS / 1000, ' s'),
    check('first run, Sheets reads', b.day1Calls['workbook.read'] ?? 0, SHEETS_READS_PER_MINUTE_PER_USER * Math.max(1, Math.ceil(b.day1Ms / 60_000)), '', 0) +
      ' over its modeled minutes',
    check('first run, cells read per person told (their Employees row; no Certifications or Notifications read)', Math.round(b.day1Cells / Math.max(1, s.recipients)), 50),
    check('first run, mails', s.mail, MAIL_RECIPIENTS_PER_DAY),
    `  → backlog of ${reminders.toLocaleString('en-US')} reminders to ${people.toLocaleString('en-US')} people ${Number.isFinite(b.days) ? `cleared in ${b.days} day(s)` : `not cleared within ${b.sentByDay.length} day(s)`}: sent per day ${b.sentByDay.map((n) => n.toLocaleString('en-US')).join(', ')} ` +
      `(people told at least once by then: ${b.toldByDay.map((n) => n.toLocaleString('en-US')).join(', ')}); ` +
      `${b.lookups.toLocaleString('en-US')} DM lookups in all (each person asked once, remembered in Employees.chatSpace)`,
    // A lower bound: one mail per person a day at the cap; repeat reminders and people newly due stretch it (the 0 % run shows by how much).
    `  → by mail alone at least ${Math.ceil(people / 1_400)} days (1,400 mails a day after the reserve, each person told once)`,
  ];
}

export { INTERACTION_MS };
