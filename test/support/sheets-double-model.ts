// The Sheets double's in-memory spreadsheets: A1 ranges, spreadsheets.get grid data and batchUpdate, strict like Google.

export type Value = { stringValue: string } | { numberValue: number } | { boolValue: boolean } | { formulaValue: string };
export interface Sheet { sheetId: number; title: string; rowCount: number; columnCount: number; cells: (Value | undefined)[][] }
export interface Book { sheets: Sheet[] }

const STATUS: Record<number, string> = {
  400: 'INVALID_ARGUMENT', 401: 'UNAUTHENTICATED', 403: 'PERMISSION_DENIED', 404: 'NOT_FOUND',
  429: 'RESOURCE_EXHAUSTED', 500: 'INTERNAL', 503: 'UNAVAILABLE',
};

/** An answer in Google's error shape: `{ error: { code, message, status } }`. */
export class ApiError extends Error {
  constructor(readonly code: number, message: string) { super(message); }
  body(): object { return { error: { code: this.code, message: this.message, status: STATUS[this.code] ?? 'UNKNOWN' } }; }
}
const bad = (message: string) => new ApiError(400, message);

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const int = (v: unknown, dflt = 0): number => (v === undefined ? dflt : Number.isInteger(v) ? (v as number) : NaN);

function colIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}
function colName(i: number): string {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

interface Window { sheet: Sheet; r0: number; r1: number; c0: number; c1: number }

/** A1 notation as the API reads it; a missing tab or a start outside the grid is a 400, the end is clamped. */
export function parseA1(book: Book, range: string): Window {
  const unparsable = () => bad(`Unable to parse range: ${range}`);
  const m = /^(?:'((?:[^']|'')+)'|([^'!]+))(?:!(.+))?$/.exec(range);
  if (!m) throw unparsable();
  const quoted = m[1] !== undefined;
  let title = quoted ? m[1]!.replace(/''/g, "'") : m[2];
  let ref = m[3];
  if (ref === undefined && !quoted && !book.sheets.some((s) => s.title === title)) {
    ref = title; // "A1:B2" alone means the first sheet
    title = book.sheets[0]?.title ?? '';
  }
  const sheet = book.sheets.find((s) => s.title === title);
  if (!sheet) throw unparsable();
  if (ref === undefined) return { sheet, r0: 0, r1: sheet.rowCount, c0: 0, c1: sheet.columnCount };
  const parts = ref.split(':');
  const cells = parts.map((p) => /^([A-Za-z]{0,3})([0-9]*)$/.exec(p));
  if (parts.length > 2 || cells.some((c) => !c || (c[1] === '' && c[2] === ''))) throw unparsable();
  const [a, b] = cells as RegExpExecArray[];
  const r0 = a![2] ? Number(a![2]) - 1 : 0;
  const c0 = a![1] ? colIndex(a![1]) : 0;
  let r1: number;
  let c1: number;
  if (!b) {
    if (!a![1] || !a![2]) throw unparsable();
    r1 = r0 + 1;
    c1 = c0 + 1;
  } else {
    r1 = b[2] ? Number(b[2]) : Infinity;
    c1 = b[1] ? colIndex(b[1]) + 1 : Infinity;
  }
  if (r0 < 0 || r1 <= r0 || c1 <= c0) throw unparsable();
  if (r0 >= sheet.rowCount || c0 >= sheet.columnCount) {
    throw bad(`Range ('${sheet.title}'!${ref}) exceeds grid limits. Max rows: ${sheet.rowCount}, max columns: ${sheet.columnCount}`);
  }
  return { sheet, r0, r1: Math.min(r1, sheet.rowCount), c0, c1: Math.min(c1, sheet.columnCount) };
}

function properties(s: Sheet, index: number): Obj {
  // Proto3 JSON leaves zero values out, as Google does: sheetId 0 and index 0 are not sent.
  const p: Obj = {};
  if (s.sheetId !== 0) p.sheetId = s.sheetId;
  p.title = s.title;
  if (index !== 0) p.index = index;
  p.sheetType = 'GRID';
  p.gridProperties = { rowCount: s.rowCount, columnCount: s.columnCount };
  return p;
}

function gridData(w: Window): Obj {
  return gridDataOf(w, (r, c) => { const v = w.sheet.cells[r]?.[c]; return v ? { userEnteredValue: { ...v } } : {}; });
}

/** One GridData of a window, as Google sends it: trailing empty cells and rows left out, zero offsets not sent. */
export function gridDataOf(w: { r0: number; r1: number; c0: number; c1: number }, cellAt: (row: number, column: number) => Obj): Obj {
  const rowData: Obj[] = [];
  for (let r = w.r0; r < w.r1; r++) {
    const values: Obj[] = [];
    for (let c = w.c0; c < w.c1; c++) values.push(cellAt(r, c));
    while (values.length > 0 && Object.keys(values[values.length - 1]!).length === 0) values.pop();
    rowData.push(values.length > 0 ? { values } : {});
  }
  while (rowData.length > 0 && Object.keys(rowData[rowData.length - 1]!).length === 0) rowData.pop();
  const d: Obj = { rowData };
  if (w.r0 !== 0) d.startRow = w.r0;
  if (w.c0 !== 0) d.startColumn = w.c0;
  return d;
}

/** The subset of the Spreadsheet resource the double knows; any other name in a field mask is refused. */
const SCHEMA: Obj = {
  spreadsheetId: {},
  properties: { title: {} },
  sheets: {
    properties: { sheetId: {}, title: {}, index: {}, sheetType: {}, gridProperties: { rowCount: {}, columnCount: {} } },
    data: { startRow: {}, startColumn: {}, rowData: { values: { userEnteredValue: {} } } },
  },
};

export type Mask = Map<string, Mask>;

/** Field masks like `sheets(properties(title),data(rowData))`, checked against SCHEMA (or, with `null`, not checked). */
export function parseMask(text: string, against: Obj | null = SCHEMA): Mask {
  let i = 0;
  const list = (schema: Obj | null): Mask => {
    const out: Mask = new Map();
    for (;;) {
      const name = /^[A-Za-z]+/.exec(text.slice(i))?.[0];
      if (!name) throw bad(`Invalid field selection: ${text}`);
      i += name.length;
      const sub = schema === null ? null : schema[name];
      if (sub !== null && !isObj(sub)) throw bad(`Invalid field selection ${name}`);
      let child: Mask = new Map();
      if (text[i] === '(') { i++; child = list(sub); if (text[i++] !== ')') throw bad(`Invalid field selection: ${text}`); }
      else if (text[i] === '.' || text[i] === '/') { i++; child = list(sub); }
      out.set(name, child);
      if (text[i] !== ',') return out;
      i++;
    }
  };
  const mask = list(against);
  if (i !== text.length) throw bad(`Invalid field selection: ${text}`);
  return mask;
}

export function applyMask(v: unknown, mask: Mask): unknown {
  if (mask.size === 0) return v;
  if (Array.isArray(v)) return v.map((x) => applyMask(x, mask));
  if (!isObj(v)) return v;
  const out: Obj = {};
  for (const [k, sub] of mask) if (v[k] !== undefined) out[k] = applyMask(v[k], sub);
  return out;
}

/** spreadsheets.get (and getByDataFilter with a1Range filters): only sheets the ranges touch, one GridData per range. */
export function getSpreadsheet(id: string, book: Book, ranges: string[], includeGridData: boolean, fields?: string): unknown {
  const mask = fields ? parseMask(fields) : undefined;
  const wantData = mask ? mask.get('sheets')?.has('data') ?? false : includeGridData;
  const windows = ranges.map((r) => parseA1(book, r));
  const sheets = book.sheets
    .map((s, index) => ({ s, index }))
    .filter(({ s }) => ranges.length === 0 || windows.some((w) => w.sheet === s))
    .map(({ s, index }) => {
      const out: Obj = { properties: properties(s, index) };
      if (wantData) {
        const mine = ranges.length === 0 ? [{ sheet: s, r0: 0, r1: s.rowCount, c0: 0, c1: s.columnCount }] : windows.filter((w) => w.sheet === s);
        out.data = mine.map(gridData);
      }
      return out;
    });
  const full = { spreadsheetId: id, properties: { title: `Double ${id}` }, sheets };
  return mask ? applyMask(full, mask) : full;
}

function cellValue(cd: unknown, where: string): Value | undefined {
  if (!isObj(cd) || Object.keys(cd).some((k) => k !== 'userEnteredValue')) throw bad(`Invalid value at '${where}' (the double models userEnteredValue only)`);
  const v = cd.userEnteredValue;
  if (v === undefined) return undefined;
  const kinds: [string, string][] = [['stringValue', 'string'], ['numberValue', 'number'], ['boolValue', 'boolean'], ['formulaValue', 'string']];
  const keys = isObj(v) ? Object.keys(v) : [];
  const kind = kinds.find(([k]) => keys.length === 1 && keys[0] === k);
  if (!isObj(v) || !kind || typeof v[kind[0]] !== kind[1]) throw bad(`Invalid value at '${where}.user_entered_value'`);
  return { [kind[0]]: v[kind[0]] } as Value;
}

function rowsOf(rows: unknown, where: string): (Value | undefined)[][] {
  if (rows === undefined) return [];
  if (!Array.isArray(rows)) throw bad(`Invalid value at '${where}.rows'`);
  return rows.map((r, i) => {
    if (!isObj(r)) throw bad(`Invalid value at '${where}.rows[${i}]'`);
    const values = r.values ?? [];
    if (!Array.isArray(values)) throw bad(`Invalid value at '${where}.rows[${i}].values'`);
    return values.map((c, j) => cellValue(c, `${where}.rows[${i}].values[${j}]`));
  });
}

function sheetById(book: Book, id: unknown, where: string): Sheet {
  const sid = int(id);
  const s = book.sheets.find((x) => x.sheetId === sid);
  if (!s) throw bad(`Invalid ${where}: No grid with id: ${String(id ?? 0)}`);
  return s;
}

function checkFields(fields: unknown, where: string): void {
  if (typeof fields !== 'string' || fields === '') throw bad(`Invalid ${where}: At least one field must be specified.`);
  if (fields !== 'userEnteredValue' && fields !== '*') throw bad(`Invalid ${where}: the double supports fields "userEnteredValue" only`);
}

function put(s: Sheet, r0: number, c0: number, rows: (Value | undefined)[][], where: string): void {
  const width = Math.max(0, ...rows.map((r) => c0 + r.length));
  if (r0 + rows.length > s.rowCount || width > s.columnCount) {
    throw bad(`Invalid ${where}: Range ('${s.title}'!${colName(c0)}${r0 + 1}) exceeds grid limits. Max rows: ${s.rowCount}, max columns: ${s.columnCount}`);
  }
  rows.forEach((r, i) => {
    const row = (s.cells[r0 + i] ??= []);
    r.forEach((v, j) => { row[c0 + j] = v; });
  });
}

function resize(s: Sheet, rowCount: number, columnCount: number, where: string): void {
  if (!(rowCount >= 1 && columnCount >= 1)) throw bad(`Invalid ${where}: the grid must keep at least one row and column`);
  s.rowCount = rowCount;
  s.columnCount = columnCount;
  s.cells = s.cells.slice(0, rowCount).map((r) => (r ?? []).slice(0, columnCount));
}

function apply(book: Book, req: unknown, i: number): object {
  if (!isObj(req)) throw bad(`Invalid requests[${i}]: not an object`);
  const kinds = Object.keys(req);
  if (kinds.length !== 1) throw bad(`Invalid requests[${i}]: exactly one kind of request must be set`);
  const kind = kinds[0]!;
  const r = req[kind];
  const where = `requests[${i}].${kind}`;
  if (!isObj(r)) throw bad(`Invalid value at '${where}'`);
  switch (kind) {
    case 'updateCells': {
      checkFields(r.fields, where);
      const rows = rowsOf(r.rows, where);
      if ((r.start === undefined) === (r.range === undefined)) throw bad(`Invalid ${where}: exactly one of start or range must be set`);
      if (r.start !== undefined) {
        const st = isObj(r.start) ? r.start : {};
        const s = sheetById(book, st.sheetId, where);
        const r0 = int(st.rowIndex);
        const c0 = int(st.columnIndex);
        if (!(r0 >= 0 && c0 >= 0)) throw bad(`Invalid value at '${where}.start'`);
        put(s, r0, c0, rows, where);
      } else {
        const g = isObj(r.range) ? r.range : {};
        const s = sheetById(book, g.sheetId, where);
        const [r0, c0] = [int(g.startRowIndex), int(g.startColumnIndex)];
        const [r1, c1] = [int(g.endRowIndex, s.rowCount), int(g.endColumnIndex, s.columnCount)];
        if (!(r0 >= 0 && c0 >= 0 && r1 >= r0 && c1 >= c0)) throw bad(`Invalid value at '${where}.range'`);
        const block = Array.from({ length: r1 - r0 }, (_, y) => Array.from({ length: c1 - c0 }, (_, x) => rows[y]?.[x]));
        put(s, r0, c0, block, where);
      }
      return {};
    }
    case 'appendCells': {
      checkFields(r.fields, where);
      const s = sheetById(book, r.sheetId, where);
      const rows = rowsOf(r.rows, where);
      let last = -1;
      s.cells.forEach((row, y) => { if (row?.some((v) => v !== undefined)) last = y; });
      // "Appends new cells after the last row with data in a sheet, inserting new rows into the sheet if necessary."
      if (last + 1 + rows.length > s.rowCount) s.rowCount = last + 1 + rows.length;
      put(s, last + 1, 0, rows, where);
      return {};
    }
    case 'addSheet': {
      const p = isObj(r.properties) ? r.properties : {};
      const title = typeof p.title === 'string' ? p.title : `Sheet${book.sheets.length + 1}`;
      if (book.sheets.some((s) => s.title.toLowerCase() === title.toLowerCase())) {
        throw bad(`Invalid ${where}: A sheet with the name "${title}" already exists. Please enter another name.`);
      }
      let sheetId = int(p.sheetId, -1);
      if (p.sheetId !== undefined && !(sheetId >= 0)) throw bad(`Invalid value at '${where}.properties.sheet_id'`);
      if (book.sheets.some((s) => s.sheetId === sheetId)) throw bad(`Invalid ${where}: Sheet with id ${sheetId} already exists.`);
      if (sheetId < 0) { sheetId = 1000; while (book.sheets.some((s) => s.sheetId === sheetId)) sheetId += 7; }
      const g = isObj(p.gridProperties) ? p.gridProperties : {};
      const s: Sheet = { sheetId, title, rowCount: 1000, columnCount: 26, cells: [] };
      resize(s, int(g.rowCount, 1000), int(g.columnCount, 26), where);
      book.sheets.push(s);
      return { addSheet: { properties: properties(s, book.sheets.length - 1) } };
    }
    case 'updateSheetProperties': {
      if (typeof r.fields !== 'string' || r.fields === '') throw bad(`Invalid ${where}: At least one field must be specified.`);
      const p = isObj(r.properties) ? r.properties : {};
      const s = sheetById(book, p.sheetId, where);
      const g = isObj(p.gridProperties) ? p.gridProperties : {};
      let [rows, cols] = [s.rowCount, s.columnCount];
      for (const f of r.fields.split(',').map((x) => x.trim())) {
        if (f === 'gridProperties.rowCount') rows = int(g.rowCount);
        else if (f === 'gridProperties.columnCount') cols = int(g.columnCount);
        else if (f === 'gridProperties') [rows, cols] = [int(g.rowCount), int(g.columnCount)];
        else if (f === 'title') {
          const t = p.title;
          if (typeof t !== 'string' || book.sheets.some((x) => x !== s && x.title.toLowerCase() === t.toLowerCase())) {
            throw bad(`Invalid ${where}: invalid or duplicate title`);
          }
          s.title = t;
        } else throw bad(`Invalid ${where}: the double does not support field ${f}`);
      }
      resize(s, rows, cols, where);
      return {};
    }
    case 'copyPaste': {
      // CopyPasteRequest: "Copies data from the source to the destination." The double pastes values only (PASTE_VALUES,
      // "Paste the values ONLY without formats, formulas, or merges"); it has no formula engine, so a formula cell is
      // refused rather than pasted as a value Google would have computed. GridRanges are zero-based, end-exclusive, and
      // a range off the grid is refused ("exceeds grid limits"), which refuses the whole batch.
      if ((r.pasteType ?? 'PASTE_NORMAL') !== 'PASTE_VALUES') throw bad(`Invalid ${where}: the double supports pasteType PASTE_VALUES only`);
      if ((r.pasteOrientation ?? 'NORMAL') !== 'NORMAL') throw bad(`Invalid ${where}: the double supports pasteOrientation NORMAL only`);
      const range = (g: unknown, name: string) => {
        const o = isObj(g) ? g : {};
        const sh = sheetById(book, o.sheetId, `${where}.${name}`);
        const [r0, c0] = [int(o.startRowIndex), int(o.startColumnIndex)];
        const [r1, c1] = [int(o.endRowIndex, sh.rowCount), int(o.endColumnIndex, sh.columnCount)];
        if (!(r0 >= 0 && c0 >= 0 && r1 > r0 && c1 > c0)) throw bad(`Invalid value at '${where}.${name}'`);
        if (r1 > sh.rowCount || c1 > sh.columnCount) {
          throw bad(`Invalid ${where}: Range ('${sh.title}'!${colName(c0)}${r0 + 1}:${colName(c1 - 1)}${r1}) exceeds grid limits. Max rows: ${sh.rowCount}, max columns: ${sh.columnCount}`);
        }
        return { sh, r0, r1, c0, c1 };
      };
      const src = range(r.source, 'source');
      const dst = range(r.destination, 'destination');
      const block: (Value | undefined)[][] = [];
      for (let y = src.r0; y < src.r1; y++) {
        const row: (Value | undefined)[] = [];
        for (let x = src.c0; x < src.c1; x++) {
          const v = src.sh.cells[y]?.[x];
          if (v && 'formulaValue' in v) throw bad(`Invalid ${where}: the double cannot compute the formula in ${src.sh.title}!${colName(x)}${y + 1}`);
          row.push(v && { ...v });
        }
        block.push(row);
      }
      // "If the range is smaller than the source range, the entire source data will still be copied."
      put(dst.sh, dst.r0, dst.c0, block, where);
      return {};
    }
    case 'deleteDimension': {
      // DeleteDimensionRequest: "Deletes the dimensions from the sheet." range: DimensionRange — sheetId, dimension
      // (ROWS or COLUMNS), startIndex inclusive, endIndex exclusive, zero-based; "Missing indexes indicate the range is
      // unbounded on that side" (https://developers.google.com/sheets/api/reference/rest/v4/spreadsheets/request#deletedimensionrequest,
      // DimensionRange). Rows below move up. The double models ROWS only; a range past the grid is refused (the exact text
      // Google uses is not documented), and so is deleting every row (the Sheets UI refuses it too).
      const g = isObj(r.range) ? r.range : {};
      const s = sheetById(book, g.sheetId, `${where}.range`);
      if (g.dimension !== 'ROWS') throw bad(`Invalid ${where}: the double supports dimension ROWS only`);
      const [r0, r1] = [int(g.startIndex), int(g.endIndex, s.rowCount)];
      if (!(r0 >= 0 && r1 > r0)) throw bad(`Invalid value at '${where}.range'`);
      if (r1 > s.rowCount) throw bad(`Invalid ${where}: Range ('${s.title}'!${r0 + 1}:${r1}) exceeds grid limits. Max rows: ${s.rowCount}, max columns: ${s.columnCount}`);
      if (r1 - r0 >= s.rowCount) throw bad(`Invalid ${where}: You can't delete all the rows on the sheet.`);
      s.cells.splice(r0, r1 - r0);
      s.rowCount -= r1 - r0;
      return {};
    }
    case 'findReplace': {
      // FindReplaceRequest: "Finds and replaces data in cells over a range, sheet, or all sheets." — find, replacement,
      // matchCase, matchEntireCell, searchByRegex, includeFormulas, and the scope: one of range (GridRange), sheetId,
      // allSheets. The reply is a FindReplaceResponse: valuesChanged, formulasChanged, rowsChanged, sheetsChanged,
      // occurrencesChanged (https://developers.google.com/sheets/api/reference/rest/v4/spreadsheets/request#findreplacerequest).
      // The double models plain text and regex (searchByRegex: "The regular expression and replacement should follow Java
      // regex rules … The replacement string is allowed to refer to capturing groups", e.g. "o.* (.*)" → "$1 Rocks") over
      // cells holding text or numbers; JavaScript's RegExp stands in for Java's (the same for groups, classes and
      // lookahead; constructs only one of them has are refused). Formulas are skipped (includeFormulas unset), as on
      // Google, and refused when asked for.
      if (typeof r.find !== 'string' || r.find === '') throw bad(`Invalid ${where}: find must be set`);
      if (r.includeFormulas === true) throw bad(`Invalid ${where}: the double models find over values only`);
      let regex: RegExp | undefined;
      if (r.searchByRegex === true) {
        if (/\(\?<[A-Za-z]|\\[pPQEGZz]|[*+?}][+]|\(\?[a-z]+\)/.test(r.find)) throw bad(`Invalid ${where}: the double models regex common to Java and JavaScript only`);
        try {
          regex = new RegExp(r.matchEntireCell === true ? `^(?:${r.find})$` : r.find, r.matchCase === true ? 'g' : 'gi');
        } catch {
          throw bad(`Invalid ${where}: invalid regular expression ${r.find}`);
        }
      }
      const scopes = ['range', 'sheetId', 'allSheets'].filter((k) => r[k] !== undefined && r[k] !== false);
      if (scopes.length !== 1) throw bad(`Invalid ${where}: exactly one of range, sheetId or allSheets must be set`);
      const windows: { s: Sheet; r0: number; r1: number; c0: number; c1: number }[] = [];
      if (r.range !== undefined) {
        const g = isObj(r.range) ? r.range : {};
        const sh = sheetById(book, g.sheetId, `${where}.range`);
        const w = { s: sh, r0: int(g.startRowIndex), r1: int(g.endRowIndex, sh.rowCount), c0: int(g.startColumnIndex), c1: int(g.endColumnIndex, sh.columnCount) };
        if (!(w.r0 >= 0 && w.c0 >= 0 && w.r1 >= w.r0 && w.c1 >= w.c0)) throw bad(`Invalid value at '${where}.range'`);
        windows.push(w);
      } else {
        const list = r.sheetId !== undefined ? [sheetById(book, r.sheetId, where)] : book.sheets;
        for (const sh of list) windows.push({ s: sh, r0: 0, r1: sh.rowCount, c0: 0, c1: sh.columnCount });
      }
      const find = r.find;
      const replacement = typeof r.replacement === 'string' ? r.replacement : '';
      const fold = (x: string) => (r.matchCase === true ? x : x.toLowerCase());
      let values = 0;
      let occurrences = 0;
      const rows = new Set<string>();
      const sheets = new Set<number>();
      for (const w of windows) {
        for (let y = w.r0; y < Math.min(w.r1, w.s.cells.length); y++) {
          for (let x = w.c0; x < w.c1; x++) {
            const v = w.s.cells[y]?.[x];
            if (!v || 'formulaValue' in v || 'boolValue' in v) continue;
            const text = 'stringValue' in v ? v.stringValue : String(v.numberValue);
            let next: string;
            let n = 0;
            if (regex) {
              n = (text.match(regex) ?? []).length;
              if (n === 0) continue;
              // Java's replacement: $n is a group, \x a literal x (JavaScript's literal dollar is $$).
              next = text.replace(regex, replacement.replace(/\\(.)|\$(?!\d)/g, (_m, lit?: string) => (lit === undefined ? '$$' : lit === '$' ? '$$' : lit)));
            } else if (r.matchEntireCell === true) {
              if (fold(text) !== fold(find)) continue;
              next = replacement;
              n = 1;
            } else {
              const parts: string[] = [];
              let at = 0;
              for (let k = fold(text).indexOf(fold(find)); k >= 0; k = fold(text).indexOf(fold(find), at)) { parts.push(text.slice(at, k), replacement); at = k + find.length; n++; }
              if (n === 0) continue;
              next = parts.join('') + text.slice(at);
            }
            w.s.cells[y]![x] = { stringValue: next };
            values++;
            occurrences += n;
            rows.add(`${w.s.sheetId}:${y}`);
            sheets.add(w.s.sheetId);
          }
        }
      }
      const reply: Obj = {};
      // Proto3 JSON: zero counts are left out.
      if (values) Object.assign(reply, { valuesChanged: values, rowsChanged: rows.size, sheetsChanged: sheets.size, occurrencesChanged: occurrences });
      return { findReplace: reply };
    }
    default:
      throw bad(`Invalid JSON payload received. Unknown name "${kind}" at 'requests[${i}]': Cannot find field.`);
  }
}

/**
 * batchUpdate is atomic: every request applies to a copy, which replaces the book only if all succeed ("Requests will be
 * applied in the order they are specified. If any request is not valid, no requests will be applied."). With
 * `includeSpreadsheetInResponse` the answer carries `updatedSpreadsheet` as spreadsheets.get would give it after the
 * update, limited to `responseRanges`, with grid data when `responseIncludeGridData` is true or a field mask asks for it
 * (BatchUpdateSpreadsheetRequest / Response: https://developers.google.com/sheets/api/reference/rest/v4/spreadsheets/batchUpdate).
 */
export function batchUpdate(id: string, book: Book, body: unknown, fields?: string): object {
  if (!isObj(body) || !Array.isArray(body.requests)) throw bad("Invalid JSON payload received. Expected 'requests'.");
  if (body.requests.length === 0) throw bad('Must specify at least one request.');
  const known = new Set(['requests', 'includeSpreadsheetInResponse', 'responseRanges', 'responseIncludeGridData']);
  const unknown = Object.keys(body).find((k) => !known.has(k));
  if (unknown) throw bad(`Invalid JSON payload received. Unknown name "${unknown}": Cannot find field.`);
  const work: Book = structuredClone(book);
  const replies = body.requests.map((r, i) => apply(work, r, i));
  const ranges = body.responseRanges ?? [];
  if (!Array.isArray(ranges) || ranges.some((x) => typeof x !== 'string')) throw bad("Invalid value at 'response_ranges'");
  let updatedSpreadsheet: unknown;
  if (body.includeSpreadsheetInResponse === true) {
    // A field mask over the response: the part under `updatedSpreadsheet` is a mask over the Spreadsheet.
    let mask: string | undefined;
    if (fields !== undefined) {
      const m = /^updatedSpreadsheet\((.*)\)$/.exec(fields);
      if (!m) throw bad(`Invalid field selection: the double supports fields=updatedSpreadsheet(...) on batchUpdate, got ${fields}`);
      mask = m[1];
    }
    updatedSpreadsheet = getSpreadsheet(id, work, ranges as string[], body.responseIncludeGridData === true, mask);
  } else if (fields !== undefined) throw bad('Invalid field selection: the double supports a field mask on batchUpdate only with includeSpreadsheetInResponse');
  book.sheets = work.sheets;
  if (fields !== undefined) return { updatedSpreadsheet };
  return updatedSpreadsheet === undefined ? { spreadsheetId: id, replies } : { spreadsheetId: id, replies, updatedSpreadsheet };
}

/**
 * What a person does by hand in the spreadsheet between an app's read and its write: a row inserted above `row`
 * (1-based; "Insert 1 row above"), row `row` deleted, or the data rows (2…) sorted by a column ("Sort sheet A→Z").
 */
export type HandEdit = { insertAbove: number } | { deleteRow: number } | { sortBy: number; descending?: boolean };

export function applyHandEdit(sheet: Sheet, edit: HandEdit): void {
  if ('insertAbove' in edit) {
    sheet.cells.splice(edit.insertAbove - 1, 0, []);
    sheet.rowCount++;
  } else if ('deleteRow' in edit) {
    sheet.cells.splice(edit.deleteRow - 1, 1);
    sheet.rowCount--;
  } else {
    const text = (r: (Value | undefined)[] | undefined) => {
      const v = r?.[edit.sortBy];
      return v === undefined ? '' : String(Object.values(v)[0]);
    };
    const head = sheet.cells.slice(0, 1);
    const data = sheet.cells.slice(1).filter((r) => r?.some((v) => v !== undefined));
    data.sort((a, b) => (edit.descending ? -1 : 1) * text(a).localeCompare(text(b)));
    sheet.cells = [...head, ...data];
  }
}
