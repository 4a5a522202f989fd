// Reads a legacy file into plain rows of text: CSV in any encoding and separator Norwegian offices produce, and
// .xlsx through an adapter (exceljs). Anything else is refused with a clear message.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'csv-parse/sync';
import { msg, usageError } from '../errors';

export interface TableSheet { name: string; rows: string[][] }
export interface TableFile { sheets: TableSheet[] }
export type SheetReader = (file: string, bytes: Buffer) => Promise<TableFile>;

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0]; // legacy .xls / .doc
const PDF = [0x25, 0x50, 0x44, 0x46];

function startsWith(b: Buffer, sig: number[]): boolean {
  return sig.every((x, i) => b[i] === x);
}

/** Text of a CSV file: UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252 (Excel's "CSV" on Norwegian Windows). */
export function decodeText(bytes: Buffer): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return bytes.subarray(3).toString('utf8');
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

/** The separator used most consistently over the first lines (outside quotes): `;` `,` tab or `|`. */
export function sniffDelimiter(text: string): string {
  const lines = text.split(/\r\n|\n|\r/).filter((l) => l.trim() !== '').slice(0, 30);
  let best = ',';
  let bestScore = -1;
  for (const d of [';', ',', '\t', '|']) {
    const counts = lines.map((l) => {
      let n = 0;
      let quoted = false;
      for (const ch of l) {
        if (ch === '"') quoted = !quoted;
        else if (ch === d && !quoted) n++;
      }
      return n;
    });
    const withIt = counts.filter((n) => n > 0);
    // Lines that use it, weighted by how often the most common count repeats (a real separator is regular).
    const mode = Math.max(0, ...withIt.map((n) => withIt.filter((m) => m === n).length));
    const score = withIt.length * 10 + mode;
    if (withIt.length > 0 && score > bestScore) { best = d; bestScore = score; }
  }
  return best;
}

export function readCsvText(text: string, name: string): TableFile {
  if (text.includes('\u0000')) throw usageError(msg('cli.file.binary', { name }));
  const delimiter = sniffDelimiter(text);
  let rows: string[][];
  try {
    rows = parse(text, { delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: false, bom: true,
      record_delimiter: ['\r\n', '\n', '\r'] }) as string[][];
  } catch (e) {
    throw usageError(msg('cli.file.badCsv', { name, detail: (e as Error).message }));
  }
  return { sheets: [{ name: path.basename(name).replace(/\.[^.]+$/, ''), rows }] };
}

/** The .xlsx adapter: exceljs (a dependency), loaded only when an .xlsx file is imported, so other commands start fast. */
export const readXlsx: SheetReader = async (file) => {
  let excel: { Workbook: new () => XlsxWorkbook };
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    excel = require('exceljs') as { Workbook: new () => XlsxWorkbook };
  } catch {
    throw usageError(msg('cli.file.noExceljs'), msg('cli.file.noExceljsHint'));
  }
  const wb = new excel.Workbook();
  try {
    await wb.xlsx.readFile(file);
  } catch (e) {
    throw usageError(msg('cli.file.badXlsx', { name: path.basename(file), detail: (e as Error).message }));
  }
  return { sheets: wb.worksheets.map((ws) => ({ name: ws.name, rows: xlsxRows(ws) })) };
};

/** The parts of exceljs the adapter uses. */
interface XlsxCell { value: unknown; text?: string; isMerged?: boolean; master?: { address: string }; address: string }
interface XlsxWorksheet { name: string; rowCount: number; columnCount: number; getCell(r: number, c: number): XlsxCell }
interface XlsxWorkbook { xlsx: { readFile(file: string): Promise<unknown> }; worksheets: XlsxWorksheet[] }

function pad(n: number): string { return String(n).padStart(2, '0'); }

/**
 * A cell value as text, the way a person sees it: dates as ISO (exceljs gives Date objects in UTC), numbers and
 * strings as such; a formula by its cached result (converted the same way), an error (#N/A, #DIV/0!, …) or a formula
 * without a result as empty; rich text and hyperlinks (whose text may itself be rich text) by their text.
 */
export function xlsxCellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) {
    return Number.isNaN(v.getTime()) ? '' : `${v.getUTCFullYear()}-${pad(v.getUTCMonth() + 1)}-${pad(v.getUTCDate())}`;
  }
  if (typeof v !== 'object') return String(v);
  const o = v as Record<string, unknown>;
  if ('error' in o) return '';
  if ('formula' in o || 'sharedFormula' in o || 'result' in o) return xlsxCellText(o.result);
  if (Array.isArray(o.richText)) return (o.richText as { text?: unknown }[]).map((t) => xlsxCellText(t.text)).join('');
  if ('text' in o) return xlsxCellText(o.text);
  if (typeof o.hyperlink === 'string') return o.hyperlink.replace(/^mailto:/i, '');
  return '';
}

/** The rows of a sheet as text; merged cells only in their first cell. */
function xlsxRows(ws: XlsxWorksheet): string[][] {
  const rows: string[][] = [];
  for (let r = 1; r <= ws.rowCount; r++) {
    const row: string[] = [];
    for (let c = 1; c <= ws.columnCount; c++) {
      const cell = ws.getCell(r, c);
      if (cell.isMerged && cell.master && cell.master.address !== cell.address) { row.push(''); continue; }
      row.push(xlsxCellText(cell.value));
    }
    rows.push(row);
  }
  return rows;
}

/** Reads any supported file; refuses what is not a spreadsheet before anything else happens. */
export async function readTable(file: string, xlsx: SheetReader = readXlsx): Promise<TableFile> {
  const name = path.basename(file);
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch {
    throw usageError(msg('cli.file.unreadable', { file }));
  }
  const ext = path.extname(file).toLowerCase();
  if (bytes.length === 0) throw usageError(msg('cli.file.empty', { name }));
  if (startsWith(bytes, ZIP)) {
    if (ext === '.xlsx' || ext === '.xlsm') return xlsx(file, bytes);
    throw usageError(msg(ext === '.ods' || ext === '.numbers' ? 'cli.file.zipOther' : 'cli.file.zip', { name }), msg('cli.file.saveAs'));
  }
  if (ext === '.xlsx' || ext === '.xlsm') throw usageError(msg('cli.file.fakeXlsx', { name }));
  if (startsWith(bytes, OLE) || ext === '.xls') {
    throw usageError(msg('cli.file.xls', { name }), msg('cli.file.xlsHint'));
  }
  if (startsWith(bytes, PDF)) throw usageError(msg('cli.file.pdf', { name }), msg('cli.file.pdfHint'));
  return readCsvText(decodeText(bytes), name);
}
