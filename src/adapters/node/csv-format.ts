// The CSV files' format: UTF-8 with BOM, RFC 4180, text a spreadsheet would evaluate kept literal, never throwing on a bad row.
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';

/** A cell as stored in a file: text, or a formula somebody typed into the file by hand. */
export type FileCell = string | { formula: string };

export interface ParsedCsv {
  /** rows[0] is sheet row 1 (the header). A row that could not be parsed is kept as an empty placeholder. */
  rows: FileCell[][];
  problems: { row?: number; message: string }[];
}

const BOM = '\uFEFF';
/**
 * Text a spreadsheet program would evaluate (OWASP "CSV injection": = + - @ tab CR) gets a leading apostrophe,
 * the spreadsheet convention for literal text; text that itself starts with an apostrophe gets one more.
 */
const NEEDS_APOSTROPHE = /^[=+\-@\t\r']/;

class StopParse extends Error {
  constructor(readonly inner: unknown) { super('stop'); }
}

function decodeField(value: string, quoted: boolean): FileCell {
  if (value.startsWith("'")) return value.slice(1);
  // Our writer never leaves a leading `=` unescaped, so an unquoted one was typed into the file by hand.
  if (!quoted && value.length > 1 && value.startsWith('=')) return { formula: value };
  return value;
}

export function encodeField(cell: FileCell | null | undefined): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'object') return cell.formula; // kept as it was typed (it had no comma, quote or newline)
  return NEEDS_APOSTROPHE.test(cell) ? `'${cell}` : cell;
}

function describe(err: unknown): string {
  if (err && typeof err === 'object' && 'message' in err) return String((err as Error).message);
  return String(err);
}

/**
 * Parses a CSV file without ever throwing: a record that cannot be parsed (e.g. an unbalanced quote) is reported,
 * its first physical line is skipped, and parsing resumes on the next line.
 */
export function parseCsv(buf: Buffer): ParsedCsv {
  const body = buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? buf.subarray(3) : buf;
  const problems: ParsedCsv['problems'] = [];
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    problems.push({ message: 'the file is not valid UTF-8 text' });
  }
  if (body.includes(0)) problems.push({ message: 'the file contains binary data (NUL bytes)' });

  const rows: FileCell[][] = [];
  let offset = 0;
  while (offset < body.length) {
    let consumed = 0;
    try {
      parse(body.subarray(offset), {
        bom: false,
        relax_column_count: true,
        record_delimiter: ['\r\n', '\n', '\r'],
        skip_records_with_error: true,
        cast: (value: string, ctx: { quoting: boolean }) => decodeField(value, ctx.quoting) as unknown as string,
        on_record: (record: FileCell[], ctx: { bytes: number }) => {
          rows.push(record);
          consumed = ctx.bytes;
          return null;
        },
        on_skip: (err: unknown) => { throw new StopParse(err); },
      });
      break;
    } catch (e) {
      const err = e instanceof StopParse ? e.inner : e;
      problems.push({ row: rows.length + 1, message: `row ${rows.length + 1} cannot be read: ${describe(err)}` });
      rows.push([]);
      const nl = body.indexOf(0x0a, offset + consumed);
      if (nl < 0) break;
      offset = nl + 1;
    }
  }
  return { rows, problems };
}

export function serializeCsv(rows: readonly (readonly (FileCell | null)[])[]): string {
  const text = stringify(rows.map((r) => r.map(encodeField)), {
    record_delimiter: 'windows',
    // csv-stringify only quotes the record delimiter itself; a bare LF or CR inside a field must be quoted too.
    quoted_match: /[\r\n]/,
  });
  return BOM + text;
}
