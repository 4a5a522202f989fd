// Local Oslo wall-clock times as UTC instants, and date ranges, for the demo's sessions, questions and sign-ups.
import { addDays as coreAddDays, addMonths as coreAddMonths, daysBetween as coreDaysBetween, weekday } from '../core/dates';

// The generator does date arithmetic a few million times at full scale: the core's functions, memoised.
const dayCache = new Map<string, string>();
const monthCache = new Map<string, string>();
const betweenCache = new Map<string, number>();

/** Frees the memoised dates (called when a generation is done). */
export function clearDateCaches(): void {
  dayCache.clear();
  monthCache.clear();
  betweenCache.clear();
}

export function addDays(iso: string, days: number): string {
  const key = iso + days;
  let v = dayCache.get(key);
  if (v === undefined) dayCache.set(key, (v = coreAddDays(iso, days)));
  return v;
}
export function addMonths(iso: string, months: number): string {
  const key = iso + months;
  let v = monthCache.get(key);
  if (v === undefined) monthCache.set(key, (v = coreAddMonths(iso, months)));
  return v;
}
export function daysBetween(a: string, b: string): number {
  const key = a + b;
  let v = betweenCache.get(key);
  if (v === undefined) betweenCache.set(key, (v = coreDaysBetween(a, b)));
  return v;
}

/** Last Sunday of a month (1-12) as day of month. */
function lastSunday(year: number, month: number): number {
  const last = new Date(Date.UTC(year, month, 0));
  return last.getUTCDate() - last.getUTCDay();
}

/** Minutes Oslo is ahead of UTC on a date (CET +60, CEST +120; EU rule, switch at 01:00 UTC). */
function osloOffsetMinutes(date: string, hourUtc: number): number {
  const [y = NaN, m = NaN, d = NaN] = date.split('-').map(Number);
  const start = lastSunday(y, 3);
  const end = lastSunday(y, 10);
  const afterStart = m > 3 || (m === 3 && (d > start || (d === start && hourUtc >= 1)));
  const beforeEnd = m < 10 || (m === 10 && (d < end || (d === end && hourUtc < 1)));
  return afterStart && beforeEnd ? 120 : 60;
}

/** `2026-03-10` + 08:30 Oslo time → `2026-03-10T07:30:00Z`. */
export function osloTime(date: string, hour: number, minute = 0): string {
  const offset = osloOffsetMinutes(date, hour - 1);
  const ms = Date.UTC(+date.slice(0, 4), +date.slice(5, 7) - 1, +date.slice(8, 10), hour, minute) - offset * 60_000;
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

/** The demo's present moment: 08:00 in Oslo on `today`. Nothing in the records happens later. */
export function demoNow(today: string): string {
  return osloTime(today, 8);
}

/** Adds minutes to an ISO instant (written as the records write it: no milliseconds). */
export function addMinutes(instant: string, minutes: number): string {
  return new Date(Date.parse(instant) + minutes * 60_000).toISOString().replace('.000Z', 'Z');
}

/** The latest date on or before `date` that falls on an ISO weekday (1 = Monday). */
export function weekdayOnOrBefore(date: string, isoWeekday: number): string {
  return addDays(date, -((weekday(date) - isoWeekday + 7) % 7));
}

/** The first date on or after `date` that falls on an ISO weekday. */
export function weekdayOnOrAfter(date: string, isoWeekday: number): string {
  return addDays(date, (isoWeekday - weekday(date) + 7) % 7);
}

export function minDate(a: string, b: string): string { return a < b ? a : b; }
export function maxDate(a: string, b: string): string { return a > b ? a : b; }
