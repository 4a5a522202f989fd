// Sheets API v4 requests and responses as plain data (shared by Apps Script and Node; no I/O here).
import type { RawCell } from '../../core/records/cells';
import type { ReadRequest, RowRange, WriteBatch } from '../../store/ports';

export const SHEETS_ROOT = 'https://sheets.googleapis.com';

/**
 * One GET returns sheet ids, grid sizes and each cell's userEnteredValue (which tells a typed formula from text).
 * With a field mask set, `includeGridData` is ignored (spreadsheets.get reference:
 * https://developers.google.com/sheets/api/reference/rest/v4/spreadsheets/get); it is sent anyway for clarity.
 */
export const READ_FIELDS =
  'sheets(properties(sheetId,title,gridProperties(rowCount,columnCount)),data(startRow,rowData(values(userEnteredValue))))';
export const METADATA_FIELDS = 'sheets(properties(sheetId,title,gridProperties(rowCount,columnCount)))';

/** Last column letter Sheets allows (18,278 columns): an end column that always covers the whole width. */
const LAST_COLUMN = 'ZZZ';

export interface SheetMeta { sheetId: number; title: string; rowCount: number; columnCount: number }

/** What one GET returned for one sheet: the cells by 1-based row number (every data range merged). */
export interface SheetGrid { meta: SheetMeta; rows: Map<number, RawCell[]> }

/**
 * A tab title in A1 notation: always in single quotes, an apostrophe in it doubled. Google: "Single quotes are required
 * for sheet names with spaces or special characters" ('My Custom Sheet'!A:A; A1 notation in
 * https://developers.google.com/workspace/sheets/api/guides/concepts) — the records' Norwegian titles have both
 * ("Digitale ferdigheter", "Påmeldinger"); the whole range is then URL-encoded (readUrl: encodeURIComponent, UTF-8).
 */
export function quoteSheet(title: string): string {
  return `'${title.replace(/'/g, "''")}'`;
}

/**
 * A1 ranges for one read; the header row is always included. Documented forms (A1 notation in the API overview,
 * https://developers.google.com/sheets/api): `Sheet1` = every cell, `Sheet1!1:2` = rows 1–2,
 * `Sheet1!A5:A` = column A from row 5 on; `A{n}:ZZZ` is that last form over every column.
 */
export function a1Ranges(req: ReadRequest): string[] {
  const q = quoteSheet(req.table);
  // A bare title that looks like a cell reference (e.g. "OT1") is taken as one by the API, so spell it out.
  if (!req.ranges) return [/^[A-Za-z]{1,3}[0-9]+$/.test(req.table) ? `${q}!A1:${LAST_COLUMN}` : q];
  const out = [`${q}!1:1`];
  for (const r of mergeRanges(req.ranges)) {
    // "Everything after row n" starts one row early: a tab sized exactly to its data (provision, appendCells) has row n
    // only once something was appended, and the API refuses a range that starts below the grid ("exceeds grid limits"),
    // which would cost a metadata call and a second read. Row n−1 exists whenever the caller's n came from a lastRow.
    out.push(r.to === undefined ? `${q}!A${Math.max(2, r.from - 1)}:${LAST_COLUMN}` : `${q}!${r.from}:${r.to}`);
  }
  return out;
}

/** Data rows only (from ≥ 2), sorted, overlapping or touching ranges merged: fewer, shorter ranges in the URL. */
export function mergeRanges(ranges: RowRange[]): RowRange[] {
  const norm = ranges
    .map((r) => ({ from: Math.max(2, Math.floor(r.from)), to: r.to === undefined ? undefined : Math.floor(r.to) }))
    .filter((r) => r.to === undefined || r.to >= r.from)
    .sort((a, b) => a.from - b.from);
  const out: RowRange[] = [];
  for (const r of norm) {
    const last = out[out.length - 1];
    if (last && (last.to === undefined || r.from <= last.to + 1)) {
      if (last.to !== undefined) last.to = r.to === undefined ? undefined : Math.max(last.to, r.to);
    } else out.push({ ...r });
  }
  return out;
}

function spreadsheetUrl(root: string, spreadsheetId: string): string {
  return `${root}/v4/spreadsheets/${encodeURIComponent(spreadsheetId)}`;
}

/** spreadsheets.get with `ranges` repeated (`?ranges=A1:D5&ranges=Sheet2!A1:C4`, as the reference shows). */
export function readUrl(root: string, spreadsheetId: string, ranges: string[]): string {
  const q = ranges.map((r) => `ranges=${encodeURIComponent(r)}`);
  // `fields` keeps the answer to the cells asked for; prettyPrint=false drops the indentation (system parameters of every
  // Google API: https://cloud.google.com/apis/docs/system-parameters).
  q.push('includeGridData=true', `fields=${encodeURIComponent(READ_FIELDS)}`, 'prettyPrint=false');
  return `${spreadsheetUrl(root, spreadsheetId)}?${q.join('&')}`;
}

/**
 * Apps Script's UrlFetch takes URLs of at most 2 KB (Apps Script quotas), so many ranges go in a POST body instead:
 * spreadsheets.getByDataFilter with `a1Range` filters returns the same Spreadsheet shape.
 */
export const MAX_URL_LENGTH = 2000;

export function readByDataFilter(root: string, spreadsheetId: string, ranges: string[]): { url: string; body: object } {
  return {
    url: `${spreadsheetUrl(root, spreadsheetId)}:getByDataFilter?fields=${encodeURIComponent(READ_FIELDS)}&prettyPrint=false`,
    body: { dataFilters: ranges.map((a1Range) => ({ a1Range })), includeGridData: true },
  };
}

export function metadataUrl(root: string, spreadsheetId: string): string {
  return `${spreadsheetUrl(root, spreadsheetId)}?fields=${encodeURIComponent(METADATA_FIELDS)}&prettyPrint=false`;
}

export function batchUpdateUrl(root: string, spreadsheetId: string): string {
  return `${spreadsheetUrl(root, spreadsheetId)}:batchUpdate?prettyPrint=false`;
}

/** CellData for raw text: stringValue is stored as text, never parsed as a formula, number or date. Empty clears. */
export function textCell(value: string): { userEnteredValue?: { stringValue: string } } {
  return value === '' ? {} : { userEnteredValue: { stringValue: value } };
}

const FIELDS = 'userEnteredValue';

/**
 * batchUpdate requests for a write: updateCells (GridCoordinate start + rows of CellData, runs of neighbouring
 * cells merged) and one appendCells per table, which "appends new cells after the last row with data in a sheet,
 * inserting new rows into the sheet if necessary" (AppendCellsRequest reference).
 */
export function writeRequests(batch: WriteBatch, sheetIdOf: (table: string) => number): object[] {
  const out: object[] = [];
  const byRow = new Map<string, { sheetId: number; row: number; cols: Map<number, string> }>();
  for (const u of batch.updates) {
    if (!(u.rowNumber >= 2 && u.column >= 0)) throw new Error(`Invalid cell ${u.table} row ${u.rowNumber} column ${u.column}`);
    const key = `${u.table}\u0000${u.rowNumber}`;
    let entry = byRow.get(key);
    if (!entry) {
      entry = { sheetId: sheetIdOf(u.table), row: u.rowNumber, cols: new Map() };
      byRow.set(key, entry);
    }
    entry.cols.set(u.column, u.value); // the last write to a cell wins
  }
  for (const { sheetId, row, cols } of byRow.values()) {
    const sorted = [...cols.keys()].sort((a, b) => a - b);
    let i = 0;
    while (i < sorted.length) {
      let j = i;
      while (j + 1 < sorted.length && sorted[j + 1] === (sorted[j] ?? NaN) + 1) j++;
      const values = sorted.slice(i, j + 1).map((c) => textCell(cols.get(c)!));
      out.push({
        updateCells: { start: { sheetId, rowIndex: row - 1, columnIndex: sorted[i] }, rows: [{ values }], fields: FIELDS },
      });
      i = j + 1;
    }
  }
  for (const a of batch.appends) {
    if (a.rows.length === 0) continue;
    out.push({
      appendCells: { sheetId: sheetIdOf(a.table), rows: a.rows.map((r) => ({ values: r.map(textCell) })), fields: FIELDS },
    });
  }
  return out;
}

/**
 * Write-verify (issue #13): the hidden tab that receives, in the same batchUpdate as a write, a copy of every row the
 * write is meant for, taken just before the write's own requests ("Requests will be applied in the order they are
 * specified. If any request is not valid, no requests will be applied": BatchUpdateSpreadsheetRequest,
 * https://developers.google.com/sheets/api/reference/rest/v4/spreadsheets/batchUpdate). Its fixed sheetId lets a write
 * name it without looking it up.
 */
/** Stays English and hidden: HR never reads it (row copies a write proves itself with), see records/labels.ts. */
export const WITNESS_TAB = '_writeCheck';
export const WITNESS_SHEET_ID = 1_313_131_313;

/**
 * The response of a witnessed batchUpdate: "includeSpreadsheetInResponse: Determines if the update response should
 * include the spreadsheet resource", limited by `responseRanges` to the witness tab; with a field mask only the
 * masked fields come back (responseIncludeGridData "is ignored if a field mask was set in the request").
 */
export const WITNESS_FIELDS =
  'updatedSpreadsheet(sheets(properties(sheetId,title,gridProperties(rowCount,columnCount)),data(startRow,rowData(values(userEnteredValue)))))';

export function witnessUrl(root: string, spreadsheetId: string): string {
  return `${spreadsheetUrl(root, spreadsheetId)}:batchUpdate?fields=${encodeURIComponent(WITNESS_FIELDS)}&prettyPrint=false`;
}

/**
 * Requests placed before a write's own: the witness tab sized to the rows (updateSheetProperties), emptied
 * (updateCells over its range with no rows: "If the data in rows does not cover the entire requested range, the
 * fields matching those set in fields will be cleared", UpdateCellsRequest), then one copyPaste per witnessed row,
 * PASTE_VALUES ("Paste the values ONLY without formats, formulas, or merges", PasteType) from the row as it is at that
 * instant to witness row i.
 */
export function witnessRequests(rows: { sheetId: number; rowNumber: number; width: number }[]): object[] {
  const sheetId = WITNESS_SHEET_ID;
  const width = Math.max(1, ...rows.map((r) => r.width));
  const out: object[] = [
    { updateSheetProperties: { properties: { sheetId, gridProperties: { rowCount: rows.length, columnCount: width } }, fields: 'gridProperties.rowCount,gridProperties.columnCount' } },
    { updateCells: { range: { sheetId, startRowIndex: 0, endRowIndex: rows.length, startColumnIndex: 0, endColumnIndex: width }, fields: FIELDS } },
  ];
  rows.forEach((r, i) => {
    out.push({
      copyPaste: {
        source: { sheetId: r.sheetId, startRowIndex: r.rowNumber - 1, endRowIndex: r.rowNumber, startColumnIndex: 0, endColumnIndex: r.width },
        destination: { sheetId, startRowIndex: i, endRowIndex: i + 1, startColumnIndex: 0, endColumnIndex: r.width },
        pasteType: 'PASTE_VALUES',
        pasteOrientation: 'NORMAL',
      },
    });
  });
  return out;
}

/**
 * A witnessed delete of whole rows (the monthly rotation; see WorkbookPort.deleteRows): the witness tab sized to the rows
 * and emptied, one copyPaste (PASTE_VALUES) of each block into it, then one deleteDimension per block, the lowest block
 * first so that the indexes of the blocks above it still hold within the batch ("Requests will be applied in the order
 * they are specified": BatchUpdateSpreadsheetRequest). DeleteDimensionRequest "Deletes the dimensions from the sheet";
 * its range is a DimensionRange (sheetId, dimension ROWS, startIndex inclusive, endIndex exclusive, zero-based):
 * https://developers.google.com/sheets/api/reference/rest/v4/spreadsheets/request#deletedimensionrequest.
 */
export function deleteRowsRequests(sheetId: number, width: number, blocks: { from: number; to: number }[]): object[] {
  const total = blocks.reduce((n, b) => n + (b.to - b.from + 1), 0);
  const w = Math.max(1, width);
  const out: object[] = [
    { updateSheetProperties: { properties: { sheetId: WITNESS_SHEET_ID, gridProperties: { rowCount: total, columnCount: w } }, fields: 'gridProperties.rowCount,gridProperties.columnCount' } },
    { updateCells: { range: { sheetId: WITNESS_SHEET_ID, startRowIndex: 0, endRowIndex: total, startColumnIndex: 0, endColumnIndex: w }, fields: FIELDS } },
  ];
  let at = 0;
  for (const b of blocks) {
    const n = b.to - b.from + 1;
    out.push({
      copyPaste: {
        source: { sheetId, startRowIndex: b.from - 1, endRowIndex: b.to, startColumnIndex: 0, endColumnIndex: w },
        destination: { sheetId: WITNESS_SHEET_ID, startRowIndex: at, endRowIndex: at + n, startColumnIndex: 0, endColumnIndex: w },
        pasteType: 'PASTE_VALUES',
        pasteOrientation: 'NORMAL',
      },
    });
    at += n;
  }
  for (const b of [...blocks].sort((x, y) => y.from - x.from)) {
    out.push({ deleteDimension: { range: { sheetId, dimension: 'ROWS', startIndex: b.from - 1, endIndex: b.to } } });
  }
  return out;
}

/** The hidden witness tab, created once (addSheet with its fixed id; `hidden`: "True if the sheet is hidden in the UI"). */
export function addWitnessTabRequest(): object {
  return { addSheet: { properties: { sheetId: WITNESS_SHEET_ID, title: WITNESS_TAB, hidden: true, gridProperties: { rowCount: 1, columnCount: 1 } } } };
}

/**
 * A new tab with its header in one batchUpdate: addSheet with an explicit sheetId ("It is an error to specify the
 * ID of a sheet that already exists", AddSheetRequest) so the header's updateCells in the same batch can name it.
 * The grid has exactly one row, so its row count tracks the data as appendCells grows it.
 */
export function addSheetRequests(title: string, header: string[], sheetId: number): object[] {
  return [
    { addSheet: { properties: { sheetId, title, gridProperties: { rowCount: 1, columnCount: Math.max(1, header.length) } } } },
    { updateCells: { start: { sheetId, rowIndex: 0, columnIndex: 0 }, rows: [{ values: header.map(textCell) }], fields: FIELDS } },
  ];
}

/** Header cells added after the current header (widening the grid first when it is too narrow). */
export function addColumnsRequests(meta: SheetMeta, currentWidth: number, missing: string[]): object[] {
  const out: object[] = [];
  const needed = currentWidth + missing.length;
  if (needed > meta.columnCount) {
    out.push({
      updateSheetProperties: {
        properties: { sheetId: meta.sheetId, gridProperties: { columnCount: needed } },
        fields: 'gridProperties.columnCount',
      },
    });
  }
  out.push({
    updateCells: {
      start: { sheetId: meta.sheetId, rowIndex: 0, columnIndex: currentWidth },
      rows: [{ values: missing.map(textCell) }],
      fields: FIELDS,
    },
  });
  return out;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * ExtendedValue → RawCell. A hand-typed date arrives as a serial number (NumberValue: "Dates, Times and DateTimes
 * are represented as doubles in serial number format"); the codecs decode serials.
 */
export function cellValue(cell: unknown): RawCell {
  if (!isObject(cell) || !isObject(cell.userEnteredValue)) return null;
  const v = cell.userEnteredValue;
  if (typeof v.formulaValue === 'string') return { formula: v.formulaValue };
  if (typeof v.stringValue === 'string') return v.stringValue;
  if (typeof v.numberValue === 'number') return v.numberValue;
  if (typeof v.boolValue === 'boolean') return v.boolValue;
  if (v.errorValue !== undefined) return { formula: '#ERROR!' }; // read-only error value: never usable data
  return null;
}

function sheetMeta(props: unknown): SheetMeta | undefined {
  if (!isObject(props) || typeof props.title !== 'string') return undefined;
  const grid = isObject(props.gridProperties) ? props.gridProperties : {};
  // Proto3 JSON leaves out zero values: sheetId 0 (the first sheet) may be missing.
  return {
    sheetId: typeof props.sheetId === 'number' ? props.sheetId : 0,
    title: props.title,
    rowCount: typeof grid.rowCount === 'number' ? grid.rowCount : 0,
    columnCount: typeof grid.columnCount === 'number' ? grid.columnCount : 0,
  };
}

/** Parses a spreadsheets.get answer: each GridData's rows are placed by its (0-based, maybe omitted) startRow. */
export function parseSpreadsheet(body: unknown): SheetGrid[] {
  if (!isObject(body)) throw new Error('Sheets API: unexpected response (not a JSON object)');
  const sheets = Array.isArray(body.sheets) ? body.sheets : [];
  const out: SheetGrid[] = [];
  for (const s of sheets) {
    if (!isObject(s)) continue;
    const meta = sheetMeta(s.properties);
    if (!meta) continue;
    const rows = new Map<number, RawCell[]>();
    for (const d of Array.isArray(s.data) ? s.data : []) {
      if (!isObject(d)) continue;
      const start = typeof d.startRow === 'number' ? d.startRow : 0;
      const rowData = Array.isArray(d.rowData) ? d.rowData : [];
      rowData.forEach((r, i) => {
        const values = isObject(r) && Array.isArray(r.values) ? r.values : [];
        rows.set(start + i + 1, values.map(cellValue));
      });
    }
    out.push({ meta, rows });
  }
  return out;
}

/** Text of a header cell (headers are names; a typed number or formula still shows as text). */
export function headerText(cell: RawCell): string {
  if (cell === null) return '';
  if (typeof cell === 'object') return cell.formula;
  if (typeof cell === 'boolean') return cell ? 'TRUE' : 'FALSE';
  return String(cell);
}

/** Rows a request covers, for the cell count: ranges clamped to [2, lastRow], each row once. */
export function coveredRows(ranges: RowRange[] | undefined, lastRow: number): number[] {
  const seen = new Set<number>();
  for (const r of ranges ?? [{ from: 2 }]) {
    const to = Math.min(r.to ?? lastRow, lastRow);
    for (let n = Math.max(2, r.from); n <= to; n++) seen.add(n);
  }
  return [...seen].sort((a, b) => a - b);
}
