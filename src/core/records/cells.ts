// Cell codecs: how each kind of field is read from a spreadsheet cell (zod) and written back as text.
import * as z from 'zod/mini';
import { RECORD_ID as ID } from '../ids';
import { keyReader, valueLabel, type ValueLabels } from './value-labels';

/** A cell as a Workbook adapter hands it over. A formula typed by hand arrives as `{ formula }`. */
export type RawCell = string | number | boolean | null | { formula: string };

/** Reason codes for a cell that cannot be read; translated in the UI (i18n keys `health.reason.*`). */
export type CellReason =
  | 'required' | 'formula' | 'invalid_date' | 'invalid_datetime' | 'invalid_number' | 'invalid_integer'
  | 'invalid_bool' | 'invalid_enum' | 'invalid_email' | 'invalid_id' | 'too_long' | 'out_of_range';

export interface FieldCodec<T> {
  /** zod schema from a raw cell to the decoded value (undefined when empty and optional). */
  schema: z.ZodMiniType<T>;
  /** Text written to the cell (always raw text, never a formula). */
  encode(value: T): string;
  required: boolean;
  /** For enumerations: the words the sheet offers, the Norwegian labels (its validation dropdown). */
  values?: readonly string[];
  /** For enumerations: the stored keys the code uses, in the order of `values`. */
  keys?: readonly string[];
  /** For a list of enumerated words (satisfiedBy): its words' labels and keys (no dropdown: a cell holds several). */
  listOf?: { values: readonly string[]; keys: readonly string[] };
}

const rawCell = z.union([z.string(), z.number(), z.boolean(), z.null(), z.object({ formula: z.string() })]);

/** Spreadsheet serial day 0 is 1899-12-30 (Sheets and Excel). */
const SERIAL_EPOCH_MS = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;

export const MAX_TEXT = 5000;
/** Outbox payloads (a mail with its iCal invitation): under Google Sheets' 50,000 characters per cell. */
export const MAX_PAYLOAD = 45_000;

function isEmpty(raw: RawCell): boolean {
  return raw === null || (typeof raw === 'string' && raw.trim() === '');
}

/** A decoder's way of saying "this cell cannot be read". */
interface Bad { bad: CellReason }
function reason(r: CellReason): Bad { return { bad: r }; }
function isBad(v: unknown): v is Bad {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && 'bad' in v;
}

/** Builds a codec: empty cells are `undefined` (or the `required` issue), formulas are always an issue. */
function codec<T>(
  required: boolean,
  decode: (raw: string | number | boolean) => T | Bad,
  encode: (value: T) => string,
  values?: readonly string[],
  keys?: readonly string[],
): FieldCodec<T> {
  const schema = z.pipe(rawCell, z.transform((raw: RawCell, ctx): T => {
    // zod/mini: a transform reports problems by pushing issues onto the payload (no ctx.addIssue).
    const issue = (message: CellReason) => ctx.issues.push({ code: 'custom', message, input: raw });
    if (raw !== null && typeof raw === 'object') {
      issue('formula');
      return z.NEVER;
    }
    if (isEmpty(raw)) {
      if (required) issue('required');
      return undefined as T;
    }
    const out = decode(typeof raw === 'string' ? raw.trim() : (raw as number | boolean));
    if (isBad(out)) {
      issue(out.bad);
      return z.NEVER;
    }
    return out;
  }));
  return { schema: schema as unknown as z.ZodMiniType<T>, encode, required, values, keys };
}

export type IsoDate = string;
export type IsoDateTime = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const NO_DATE = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/;

function validYmd(y: number, m: number, d: number): boolean {
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}
function pad(n: number, w = 2): string { return String(n).padStart(w, '0'); }

/** ISO date from ISO text, Norwegian dd.mm.yyyy, or a spreadsheet serial number. */
export function parseDate(raw: string | number | boolean): IsoDate | undefined {
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw) || raw < 1 || raw > 2958465) return undefined;
    const t = new Date(SERIAL_EPOCH_MS + Math.floor(raw) * DAY_MS);
    return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
  }
  if (typeof raw !== 'string') return undefined;
  const s = raw.length > 10 && /^\d{4}-\d{2}-\d{2}T/.test(raw) ? raw.slice(0, 10) : raw;
  let m = ISO_DATE.exec(s);
  if (m) return validYmd(Number(m[1]), Number(m[2]), Number(m[3])) ? s : undefined;
  m = NO_DATE.exec(s);
  if (m && validYmd(Number(m[3]), Number(m[2]), Number(m[1]))) return `${m[3]}-${pad(Number(m[2]))}-${pad(Number(m[1]))}`;
  return undefined;
}

const ISO_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/** ISO date-time (with offset) from text or a spreadsheet serial (taken as UTC). Normalised to UTC `…Z`. */
export function parseDateTime(raw: string | number | boolean): IsoDateTime | undefined {
  let ms: number;
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw) || raw < 1) return undefined;
    ms = SERIAL_EPOCH_MS + Math.round(raw * DAY_MS);
  } else if (typeof raw === 'string' && ISO_DATETIME.test(raw)) {
    ms = Date.parse(raw);
  } else return undefined;
  if (!Number.isFinite(ms)) return undefined;
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

export function parseNumber(raw: string | number | boolean): number | undefined {
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : undefined;
  if (typeof raw !== 'string') return undefined;
  const s = raw.replace(/\s/g, '').replace(',', '.');
  if (!/^-?\d+(\.\d+)?$/.test(s)) return undefined;
  return Number(s);
}

const TRUE = new Set(['true', 'ja', 'yes', 'y', 'j', '1', 'x', 'sant']);
const FALSE = new Set(['false', 'nei', 'no', 'n', '0', 'usant', '']);

export function parseBool(raw: string | number | boolean): boolean | undefined {
  if (typeof raw === 'boolean') return raw;
  const s = String(raw).trim().toLowerCase();
  if (TRUE.has(s)) return true;
  if (FALSE.has(s)) return false;
  return undefined;
}

/** Lists in cells: comma-separated (semicolons and line breaks accepted from hand edits). */
export function parseList(raw: string | number | boolean): string[] {
  return String(raw).split(/[,;\n]/).map((s) => s.trim()).filter((s) => s !== '');
}
export function formatList(values: readonly string[]): string { return values.join(', '); }

const EMAIL = /^[^\s@,;]+@[^\s@,;]+\.[^\s@,;]+$/;

export function normaliseEmail(s: string): string { return s.trim().toLowerCase(); }
export function isEmail(s: string): boolean { return EMAIL.test(s); }

type Kind<T> = { req: FieldCodec<T>; opt: FieldCodec<T | undefined> };

function both<T>(decode: (raw: string | number | boolean) => T | Bad, encode: (value: T) => string): Kind<T> {
  return {
    req: codec<T>(true, decode, encode),
    opt: codec<T | undefined>(false, decode, (v) => (v === undefined ? '' : encode(v))),
  };
}

// Each decoder returns a value, or `reason(...)` for a cell it cannot read.
const kinds = {
  text: both<string>((raw) => {
    const s = String(raw);
    return s.length > MAX_TEXT ? reason('too_long') : s;
  }, (v) => v),
  payload: both<string>((raw) => {
    const s = String(raw);
    return s.length > MAX_PAYLOAD ? reason('too_long') : s;
  }, (v) => v),
  id: both<string>((raw) => {
    const s = String(raw).trim();
    return ID.test(s) ? s : reason('invalid_id');
  }, (v) => v),
  email: both<string>((raw) => {
    const s = normaliseEmail(String(raw));
    return isEmail(s) ? s : reason('invalid_email');
  }, (v) => v),
  date: both<IsoDate>((raw) => parseDate(raw) ?? reason('invalid_date'), (v) => v),
  datetime: both<IsoDateTime>((raw) => parseDateTime(raw) ?? reason('invalid_datetime'), (v) => v),
  number: both<number>((raw) => parseNumber(raw) ?? reason('invalid_number'), (v) => String(v)),
  bool: both<boolean>((raw) => parseBool(raw) ?? reason('invalid_bool'), (v) => (v ? 'TRUE' : 'FALSE')),
  list: both<string[]>((raw) => parseList(raw), formatList),
};

export const cell = {
  text: () => kinds.text.req,
  optText: () => kinds.text.opt,
  /** Long machine-written text (an outbox payload, JSON), up to MAX_PAYLOAD. */
  payload: () => kinds.payload.req,
  id: () => kinds.id.req,
  optId: () => kinds.id.opt,
  email: () => kinds.email.req,
  optEmail: () => kinds.email.opt,
  date: () => kinds.date.req,
  optDate: () => kinds.date.opt,
  datetime: () => kinds.datetime.req,
  optDatetime: () => kinds.datetime.opt,
  number: () => kinds.number.req,
  optNumber: () => kinds.number.opt,
  bool: () => kinds.bool.req,
  list: () => kinds.list.opt as FieldCodec<string[] | undefined>,
  /** Email lists (leaders of a unit). */
  emailList: () => emailList,
  int: (min: number, max: number) => intCodec(true, min, max),
  optInt: (min: number, max: number) => intCodec(false, min, max) as FieldCodec<number | undefined>,
  /** An enumeration: stored and read by key in code, written to the sheet as its Norwegian label (value-labels.ts). */
  enum: <const V extends readonly string[]>(values: V, labels: ValueLabels) => enumCodec(true, values, labels) as FieldCodec<V[number]>,
  optEnum: <const V extends readonly string[]>(values: V, labels: ValueLabels) =>
    enumCodec(false, values, labels) as FieldCodec<V[number] | undefined>,
  /**
   * A list of enumeration values (a competence's ways to be satisfied): known words are read to their keys and written as
   * labels; a word that is neither is kept as written (the admin console checks the values; data health does not).
   */
  enumList: <const V extends readonly string[]>(values: V, labels: ValueLabels) => enumListCodec(values, labels),
  /**
   * Text that usually names one of `labels`' keys (the Audit log's table): a known name is written as its label and read
   * back to its key from either; any other text is kept as written.
   */
  named: (labels: ValueLabels) => namedCodec(labels),
};

const emailList = codec<string[] | undefined>(false, (raw) => {
  const list = parseList(raw).map(normaliseEmail);
  return list.every(isEmail) ? list : reason('invalid_email');
}, (v) => formatList(v ?? []));

function intCodec(required: boolean, min: number, max: number): FieldCodec<number> {
  return codec<number>(required, (raw) => {
    const n = parseNumber(raw);
    if (n === undefined || !Number.isInteger(n)) return reason('invalid_integer');
    return n < min || n > max ? reason('out_of_range') : n;
  }, (v) => (v === undefined ? '' : String(v)));
}

function enumCodec(required: boolean, keys: readonly string[], labels: ValueLabels): FieldCodec<string | undefined> {
  const read = keyReader(keys, labels);
  return codec<string | undefined>(required, (raw) => read(String(raw)) ?? reason('invalid_enum'),
    (v) => (v === undefined ? '' : valueLabel(labels, v)), keys.map((k) => valueLabel(labels, k)), keys);
}

function enumListCodec(keys: readonly string[], labels: ValueLabels): FieldCodec<string[] | undefined> {
  const read = keyReader(keys, labels);
  const list = codec<string[] | undefined>(false, (raw) => parseList(raw).map((w) => read(w) ?? w),
    (v) => formatList((v ?? []).map((k) => valueLabel(labels, k))));
  return { ...list, listOf: { values: keys.map((k) => valueLabel(labels, k)), keys } };
}

function namedCodec(labels: ValueLabels): FieldCodec<string> {
  const read = keyReader(Object.keys(labels), labels);
  return codec<string>(true, (raw) => {
    const s = String(raw);
    return s.length > MAX_TEXT ? reason('too_long') : (read(s) ?? s);
  }, (v) => valueLabel(labels, v));
}
