// Working hours in the municipality's time zone (default Mon–Fri 08–16 Europe/Oslo, holidays from Settings), for nudges
// and the guides' "time to first answer".

export interface WorkCalendar {
  timeZone: string;
  /** Minutes after local midnight. */
  startMinute: number;
  endMinute: number;
  /** ISO weekdays worked (1 = Monday … 7 = Sunday). */
  days: ReadonlySet<number>;
  /** ISO dates off (public holidays). */
  holidays: ReadonlySet<string>;
}

export const DEFAULT_CALENDAR: WorkCalendar = {
  timeZone: 'Europe/Oslo', startMinute: 8 * 60, endMinute: 16 * 60, days: new Set([1, 2, 3, 4, 5]), holidays: new Set(),
};

const HHMM = /^(\d{1,2})(?::(\d{2}))?$/;

function minuteOf(s: string): number | undefined {
  const m = HHMM.exec(s.trim());
  if (!m) return undefined;
  const h = Number(m[1]);
  const min = Number(m[2] ?? 0);
  return h <= 24 && min < 60 ? h * 60 + min : undefined;
}

/**
 * The calendar from Settings: `workingHours` ("08:00-16:00"), `workingDays` ("1-5" or "1,2,3,4,5"), `holidays`
 * (ISO dates separated by commas or spaces). Anything unreadable falls back to the default.
 */
export function calendarFrom(settings: Record<string, string | undefined>, timeZone = DEFAULT_CALENDAR.timeZone): WorkCalendar {
  const [a, b] = (settings.workingHours ?? '').split('-');
  const start = a !== undefined ? minuteOf(a) : undefined;
  const end = b !== undefined ? minuteOf(b) : undefined;
  const hoursOk = start !== undefined && end !== undefined && end > start;
  const daysText = (settings.workingDays ?? '').trim();
  let days: Set<number> = new Set(DEFAULT_CALENDAR.days);
  const range = /^([1-7])\s*-\s*([1-7])$/.exec(daysText);
  if (range && Number(range[2]) >= Number(range[1])) {
    days = new Set(Array.from({ length: Number(range[2]) - Number(range[1]) + 1 }, (_, i) => Number(range[1]) + i));
  } else if (/^[1-7](\s*,\s*[1-7])*$/.test(daysText)) {
    days = new Set(daysText.split(',').map((d) => Number(d.trim())));
  }
  const holidays = new Set((settings.holidays ?? '').split(/[\s,;]+/).filter((d) => /^\d{4}-\d{2}-\d{2}$/.test(d)));
  return {
    timeZone,
    startMinute: hoursOk ? start : DEFAULT_CALENDAR.startMinute,
    endMinute: hoursOk ? end : DEFAULT_CALENDAR.endMinute,
    days,
    holidays,
  };
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Local wall-clock time of an instant as if it were UTC (ms), from Intl (Node and Apps Script V8 have it). */
function localMs(ms: number, timeZone: string): number {
  const parts = formatter(timeZone).formatToParts(new Date(ms));
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value ?? 0);
  return Date.UTC(get('year'), get('month') - 1, get('day'), get('hour') % 24, get('minute'), get('second'));
}

/** Offset of the zone from UTC at an instant, in ms (Oslo: +1 h in winter, +2 h in summer). */
export function zoneOffsetMs(ms: number, timeZone: string): number {
  return localMs(Math.floor(ms / 1000) * 1000, timeZone) - Math.floor(ms / 1000) * 1000;
}

const DAY = 86_400_000;

/** Working minutes between two instants (0 when `to` is not after `from`); spans of over two years are capped. */
export function workingMinutesBetween(fromIso: string, toIso: string, cal: WorkCalendar): number {
  const from = Date.parse(fromIso);
  const to = Date.parse(toIso);
  if (!Number.isFinite(from) || !Number.isFinite(to) || to <= from) return 0;
  let day = Math.floor(localMs(from, cal.timeZone) / DAY) * DAY;
  const lastDay = Math.floor(localMs(to, cal.timeZone) / DAY) * DAY;
  let total = 0;
  for (let i = 0; day <= lastDay && i < 800; day += DAY, i++) {
    const iso = new Date(day).toISOString().slice(0, 10);
    const weekday = ((new Date(day).getUTCDay() + 6) % 7) + 1;
    if (!cal.days.has(weekday) || cal.holidays.has(iso)) continue;
    // Offset at local noon: daylight-saving changes happen at night, never inside working hours.
    const offset = zoneOffsetMs(day + 12 * 3_600_000 - zoneOffsetMs(day, cal.timeZone), cal.timeZone);
    const start = day + cal.startMinute * 60_000 - offset;
    const end = day + cal.endMinute * 60_000 - offset;
    const overlap = Math.min(end, to) - Math.max(start, from);
    if (overlap > 0) total += overlap;
  }
  return Math.floor(total / 60_000);
}

/** Whether an instant falls inside working hours. */
export function isWorkingTime(iso: string, cal: WorkCalendar): boolean {
  const ms = Date.parse(iso);
  return workingMinutesBetween(new Date(ms - 60_000).toISOString(), new Date(ms).toISOString(), cal) > 0;
}
