// Legacy cell values made clean: dates in the forms Norwegian offices type, names, e-mail addresses, employee numbers.
import { isEmail, normaliseEmail, parseDate, type IsoDate } from '../../core/records/cells';
import { RECORD_ID as ID } from '../../core/ids';

const MONTHS: Record<string, number> = {
  jan: 1, januar: 1, january: 1, feb: 2, februar: 2, february: 2, mar: 3, mars: 3, march: 3, apr: 4, april: 4,
  mai: 5, may: 5, jun: 6, juni: 6, june: 6, jul: 7, juli: 7, july: 7, aug: 8, august: 8, sep: 9, sept: 9, september: 9,
  okt: 10, oct: 10, oktober: 10, october: 10, nov: 11, november: 11, des: 12, dec: 12, desember: 12, december: 12,
};

function pad(n: number): string { return String(n).padStart(2, '0'); }

function ymd(y: number, m: number, d: number): IsoDate | undefined {
  const t = new Date(Date.UTC(y, m - 1, d));
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== m - 1 || t.getUTCDate() !== d) return undefined;
  return `${y}-${pad(m)}-${pad(d)}`;
}

/** Two-digit years as spreadsheet programs read them: 00–29 → 2000s, 30–99 → 1900s. */
function fullYear(y: string): number {
  const n = Number(y);
  if (y.length === 4) return n;
  return n < 30 ? 2000 + n : 1900 + n;
}

/**
 * A date as legacy files hold it: ISO (yyyy-mm-dd, with or without time), day first with `.` `/` or `-`
 * (dd.mm.yyyy, d.m.yy, d/m/yy — never month first), "15. mars 2023", or a spreadsheet serial number.
 */
export function parseLegacyDate(text: string): IsoDate | undefined {
  const s = text.trim().replace(/\s+/g, ' ');
  if (s === '') return undefined;
  if (/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2})?(\.\d+)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(s)) return parseDate(s.slice(0, 10));
  let m = /^(\d{1,2})[./-](\d{1,2})[./-](\d{4}|\d{2})\.?$/.exec(s);
  if (m) return ymd(fullYear(m[3] ?? ''), Number(m[2]), Number(m[1]));
  m = /^(\d{4})[./](\d{1,2})[./](\d{1,2})$/.exec(s);
  if (m) return ymd(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})\.? ?([a-zæøå]+)\.? (\d{4})$/i.exec(s);
  const month = m ? MONTHS[(m[2] ?? '').toLowerCase()] : undefined;
  if (m && month) return ymd(Number(m[3]), month, Number(m[1]));
  // A bare number in a date column is a serial day from a spreadsheet export (1899-12-30 = day 0).
  if (/^\d{4,5}(\.0+)?$/.test(s) && Number(s) > 3000) return parseDate(Number(s));
  return undefined;
}

/** Text as one line: NFC (æøå typed on a Mac arrive decomposed), no doubled or odd spaces. */
export function cleanText(s: string): string {
  return s.normalize('NFC').replace(/[\u00a0\u2007\u202f\t\r\n]+/g, ' ').replace(/ {2,}/g, ' ').trim();
}

function titleCase(s: string): string {
  return s.toLocaleLowerCase('nb').replace(/(^|[\s\-'’])(\p{L})/gu, (_, sep: string, ch: string) => sep + ch.toLocaleUpperCase('nb'));
}

/** "Nordmann, Kari" → "Kari Nordmann"; ALL CAPS → Title Case; particles keep their case otherwise. */
export function cleanName(first: string | undefined, last: string | undefined, full: string | undefined): string | undefined {
  let name = first || last ? `${cleanText(first ?? '')} ${cleanText(last ?? '')}`.trim() : cleanText(full ?? '');
  if (name === '') return undefined;
  const [, lastName, firstName] = /^([^,]+),\s*([^,]+)$/.exec(name) ?? [];
  if (lastName && firstName) name = `${firstName.trim()} ${lastName.trim()}`;
  const letters = name.replace(/[^\p{L}]/gu, '');
  if (letters.length > 1 && letters === letters.toLocaleUpperCase('nb')) name = titleCase(name);
  return name;
}

/** An address or undefined when empty; `invalid` when something is there that is not an address. */
export function cleanEmail(text: string | undefined): string | undefined | 'invalid' {
  const s = cleanText(text ?? '').replace(/^mailto:/i, '').replace(/^<(.*)>$/, '$1');
  if (s === '') return undefined;
  const e = normaliseEmail(s);
  return isEmail(e) ? e : 'invalid';
}

/** Employee numbers: "1042", "01042" (kept), "1042.0" or "1 042" from a spreadsheet export → "1042". */
export function cleanEmployeeNo(text: string | undefined): string | undefined | 'invalid' {
  let s = cleanText(text ?? '');
  if (s === '') return undefined;
  if (/^\d[\d ]*\d(\.0+)?$|^\d(\.0+)?$/.test(s)) s = s.replace(/ /g, '').replace(/\.0+$/, '');
  return ID.test(s) ? s : 'invalid';
}

/** For matching names of units, roles and competences: case, accents, punctuation and spacing do not count. */
export function matchKey(s: string): string {
  return cleanText(s).toLocaleLowerCase('nb')
    .replace(/æ/g, 'ae').replace(/ø/g, 'o').replace(/å/g, 'a')
    .normalize('NFD').replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, ' ').trim();
}
