// Calendar arithmetic on ISO dates (YYYY-MM-DD), in UTC so that time zones and DST never shift a day.
const DAY_MS = 86_400_000;

function toUtc(iso: string): number {
  const [y = NaN, m = NaN, d = NaN] = iso.slice(0, 10).split('-').map(Number);
  return Date.UTC(y, m - 1, d);
}
function fromUtc(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function addDays(iso: string, days: number): string {
  return fromUtc(toUtc(iso) + days * DAY_MS);
}

/** Adds months, clamping to the month's last day (2026-01-31 + 1 month = 2026-02-28). */
export function addMonths(iso: string, months: number): string {
  const [y = NaN, m = NaN, d = NaN] = iso.slice(0, 10).split('-').map(Number);
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  return fromUtc(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), Math.min(d, last)));
}

/** Whole days from a to b (positive when b is later). */
export function daysBetween(a: string, b: string): number {
  return Math.round((toUtc(b) - toUtc(a)) / DAY_MS);
}

/** ISO date of an instant in a time zone, with Intl where the runtime has it (Node, Apps Script V8). */
export function isoDateIn(instant: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })
    .formatToParts(instant);
  const get = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** ISO weekday, 1 = Monday … 7 = Sunday. */
export function weekday(iso: string): number {
  const d = new Date(toUtc(iso)).getUTCDay();
  return d === 0 ? 7 : d;
}

const WALL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/** The wall-clock time of an instant in a time zone, as `YYYY-MM-DDTHH:mm` (what a datetime-local input shows). */
export function wallTimeIn(instant: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
    .formatToParts(instant);
  const get = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${get('year')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}`;
}

/**
 * The UTC instant (ISO `…Z`) of a wall-clock time `YYYY-MM-DDTHH:mm` in a time zone, or undefined when it is not one.
 * Two passes settle the offset across daylight-saving changes; a time skipped in spring resolves to the hour after.
 */
export function wallTimeToUtc(local: string, timeZone: string): string | undefined {
  const m = WALL.exec(local.trim());
  if (!m) return undefined;
  const [y = NaN, mo = NaN, d = NaN, h = NaN, mi = NaN] = m.slice(1).map(Number);
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59) return undefined;
  const asUtc = Date.UTC(y, mo - 1, d, h, mi);
  if (new Date(asUtc).getUTCDate() !== d) return undefined;
  const offsetAt = (ms: number) => {
    const shown = wallTimeIn(new Date(ms), timeZone);
    const [sy = NaN, smo = NaN, sd = NaN, sh = NaN, smi = NaN] = WALL.exec(shown)!.slice(1).map(Number);
    return Date.UTC(sy, smo - 1, sd, sh, smi) - ms;
  };
  let ms = asUtc - offsetAt(asUtc);
  ms = asUtc - offsetAt(ms);
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}
