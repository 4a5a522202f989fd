// How many Notifications rows a job recorded on each day, kept in one Settings value written in the same commit as the
// rows: a bounded read of the tab's end that finds fewer of the job's rows than the ledger counts knows one was moved up
// (or away) by hand, and reads the whole tab rather than send a message twice.
import type { Notification } from '../core/records/tables';

/** Days a ledger keeps (the longest look-back of a job is 62 days: the appraisal reminders). */
export const LEDGER_DAYS = 70;

/** "2026-11-23:273 2026-11-24:5" → day → rows. Words that do not parse are ignored (a hand edit costs a whole read). */
export function parseLedger(value: string | undefined): Map<string, number> {
  const out = new Map<string, number>();
  for (const word of (value ?? '').split(/\s+/)) {
    const m = /^(\d{4}-\d{2}-\d{2}):(\d+)$/.exec(word);
    if (m?.[1] && m[2]) out.set(m[1], (out.get(m[1]) ?? 0) + Number(m[2]));
  }
  return out;
}

/** The ledger's new value: what it held (the last LEDGER_DAYS days before `today`) and the rows just recorded. */
export function withRecorded(value: string | undefined, rows: readonly Pick<Notification, 'sentAt'>[], today: string): string {
  const ledger = parseLedger(value);
  for (const r of rows) ledger.set(r.sentAt.slice(0, 10), (ledger.get(r.sentAt.slice(0, 10)) ?? 0) + 1);
  const from = new Date(Date.parse(`${today}T00:00:00Z`) - LEDGER_DAYS * 86_400_000).toISOString().slice(0, 10);
  return [...ledger].filter(([day]) => day >= from).sort(([a], [b]) => (a < b ? -1 : 1)).map(([day, n]) => `${day}:${n}`).join(' ');
}

/** Rows the ledger says were recorded at or after `since` (an instant at midnight UTC, as the jobs ask). */
export function recordedSince(value: string | undefined, since: string): number {
  const day = since.slice(0, 10);
  let n = 0;
  for (const [d, count] of parseLedger(value)) if (d >= day) n += count;
  return n;
}

/** What a bounded read is checked against: the rows of this job it must find, and which rows are the job's. */
export interface LedgerGuard { expected: number; counts(n: Notification): boolean }
