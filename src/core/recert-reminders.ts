// Which re-certification reminders are due (90/30/0 days by default), each with the key that makes it never go out twice.
import type { StatusItem } from './competence-status';

export const DEFAULT_REMINDER_DAYS = [90, 30, 0];
/** An expiry the job missed (it did not run that day) is still reminded of for this many days. */
export const CATCH_UP_DAYS = 14;

/** Settings `reminderDays` ("90,30,0") → windows, largest first; anything unreadable gives the default. */
export function parseReminderDays(text: string | undefined): number[] {
  const parts = (text ?? '').split(/[,;\s]+/).filter(Boolean);
  const days = parts.map(Number);
  if (parts.length === 0 || days.some((d) => !Number.isInteger(d) || d < 0 || d > 3650)) return [...DEFAULT_REMINDER_DAYS];
  return [...new Set(days)].sort((a, b) => b - a);
}

export function reminderKey(employeeId: string, competenceId: string, expiresOn: string, window: number): string {
  return `cert:${employeeId}:${competenceId}:${expiresOn}:${window}`;
}

export interface DueReminder { competenceId: string; expiresOn: string; daysLeft: number; window: number; subjectKey: string }

/**
 * The reminders due for one person today: for each required item with an expiry, the smallest window it has entered
 * (25 days left with windows 90/30/0 → the 30-day reminder; a skipped 90-day one is not sent late). Expired items get
 * the last window for CATCH_UP_DAYS. Items with a certificate awaiting approval are left alone: the person has acted.
 */
export function dueReminders(employeeId: string, items: readonly StatusItem[], windows: readonly number[], sent: ReadonlySet<string>): DueReminder[] {
  if (windows.length === 0) return [];
  const smallest = Math.min(...windows);
  const out: DueReminder[] = [];
  for (const item of items) {
    if (item.level !== 'required' || !item.expiresOn || item.daysLeft === undefined || item.pending) continue;
    const d = item.daysLeft;
    if (d < -CATCH_UP_DAYS) continue;
    const entered = windows.filter((w) => d <= w);
    if (entered.length === 0) continue;
    const window = d < 0 ? smallest : Math.min(...entered);
    const subjectKey = reminderKey(employeeId, item.competenceId, item.expiresOn, window);
    if (sent.has(subjectKey)) continue;
    out.push({ competenceId: item.competenceId, expiresOn: item.expiresOn, daysLeft: d, window, subjectKey });
  }
  return out.sort((a, b) => a.daysLeft - b.daysLeft);
}

/** The Monday of the ISO week of a date: the weekly digest's key, so a leader gets at most one a week. */
export function weekStart(iso: string): string {
  const t = Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10));
  const day = new Date(t).getUTCDay() || 7;
  return new Date(t - (day - 1) * 86_400_000).toISOString().slice(0, 10);
}

export function digestKey(leaderEmail: string, today: string): string {
  return `digest:leader:${leaderEmail}:${weekStart(today)}`;
}
