// Sheets features the Sheets double's model leaves out (frozen rows, data validation, protected ranges, deleteSheet),
// layered over it inside the double's worker: batchUpdate requests of these kinds and GETs whose field mask asks for them.
import {
  ApiError, applyMask, batchUpdate as modelBatchUpdate, gridDataOf, parseA1, parseMask, type Book, type Sheet, type Value,
} from '../../support/sheets-double-model';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const bad = (message: string) => new ApiError(400, message);

interface SheetExtras {
  frozenRowCount: number;
  protectedRanges: Obj[];
  /** Data validation rules by cell (`row:column`, 0-based), as Sheets keeps one rule per cell. */
  validation: Map<string, Obj>;
}

/** spreadsheetId → sheetId → extras. */
const extras = new Map<string, Map<number, SheetExtras>>();
let nextProtectedRangeId = 1000;

export function resetSheetFeatures(): void {
  extras.clear();
}

function extrasOf(store: Map<number, SheetExtras>, sheetId: number): SheetExtras {
  let e = store.get(sheetId);
  if (!e) {
    e = { frozenRowCount: 0, protectedRanges: [], validation: new Map() };
    store.set(sheetId, e);
  }
  return e;
}

function cloneStore(store: Map<number, SheetExtras> | undefined): Map<number, SheetExtras> {
  const out = new Map<number, SheetExtras>();
  for (const [id, e] of store ?? []) {
    out.set(id, { frozenRowCount: e.frozenRowCount, protectedRanges: structuredClone(e.protectedRanges), validation: new Map(e.validation) });
  }
  return out;
}

const FEATURE_KINDS = new Set(['setDataValidation', 'addProtectedRange', 'deleteProtectedRange', 'updateProtectedRange', 'deleteSheet']);
const FROZEN = 'gridProperties.frozenRowCount';

function kindOf(req: unknown): string {
  return isObj(req) ? Object.keys(req)[0] ?? '' : '';
}

function touchesFeatures(req: unknown): boolean {
  const kind = kindOf(req);
  if (FEATURE_KINDS.has(kind)) return true;
  const r = isObj(req) ? req[kind] : undefined;
  return kind === 'updateSheetProperties' && isObj(r) && typeof r.fields === 'string' && r.fields.split(',').some((f) => f.trim() === FROZEN);
}

/** True when this batchUpdate body has a request only this layer understands. */
export function wantsFeatureBatch(body: unknown): boolean {
  return isObj(body) && Array.isArray(body.requests) && body.requests.some(touchesFeatures);
}

function sheetOf(book: Book, id: unknown, where: string): Sheet {
  const sid = id === undefined ? 0 : Number(id);
  const s = book.sheets.find((x) => x.sheetId === sid);
  if (!s) throw bad(`Invalid ${where}: No grid with id: ${String(id ?? 0)}`);
  return s;
}

interface Box { sheet: Sheet; r0: number; r1: number; c0: number; c1: number }

/** A GridRange: unbounded sides run to the grid's edge; a side beyond the grid is an error, as on Google. */
function gridRange(book: Book, range: unknown, where: string): Box {
  const g = isObj(range) ? range : {};
  const sheet = sheetOf(book, g.sheetId, where);
  const n = (v: unknown, d: number) => (v === undefined ? d : Number(v));
  const box = { sheet, r0: n(g.startRowIndex, 0), r1: n(g.endRowIndex, sheet.rowCount), c0: n(g.startColumnIndex, 0), c1: n(g.endColumnIndex, sheet.columnCount) };
  if (![box.r0, box.r1, box.c0, box.c1].every(Number.isInteger) || box.r0 < 0 || box.c0 < 0 || box.r1 < box.r0 || box.c1 < box.c0) {
    throw bad(`Invalid value at '${where}.range'`);
  }
  if (box.r1 > sheet.rowCount || box.c1 > sheet.columnCount) {
    throw bad(`Invalid ${where}: Range exceeds grid limits. Max rows: ${sheet.rowCount}, max columns: ${sheet.columnCount}`);
  }
  return box;
}

function applyFeature(id: string, book: Book, store: Map<number, SheetExtras>, req: Obj, i: number): object {
  const kind = kindOf(req);
  const r = req[kind];
  const where = `requests[${i}].${kind}`;
  if (!isObj(r)) throw bad(`Invalid value at '${where}'`);
  switch (kind) {
    case 'updateSheetProperties': {
      const p = isObj(r.properties) ? r.properties : {};
      const sheet = sheetOf(book, p.sheetId, where);
      const rest = (r.fields as string).split(',').map((f) => f.trim()).filter((f) => f !== FROZEN);
      if (rest.length > 0) modelBatchUpdate(id, book, { requests: [{ updateSheetProperties: { ...r, fields: rest.join(',') } }] });
      const g = isObj(p.gridProperties) ? p.gridProperties : {};
      const frozen = g.frozenRowCount === undefined ? 0 : Number(g.frozenRowCount);
      if (!Number.isInteger(frozen) || frozen < 0) throw bad(`Invalid value at '${where}.properties.grid_properties.frozen_row_count'`);
      const now = book.sheets.find((x) => x.sheetId === sheet.sheetId)!;
      if (frozen > 0 && frozen >= now.rowCount) throw bad(`Invalid ${where}: You can't freeze all visible rows on the sheet.`);
      extrasOf(store, sheet.sheetId).frozenRowCount = frozen;
      return {};
    }
    case 'setDataValidation': {
      const box = gridRange(book, r.range, where);
      const e = extrasOf(store, box.sheet.sheetId);
      const rule = isObj(r.rule) ? r.rule : undefined;
      if (rule && (!isObj(rule.condition) || typeof rule.condition.type !== 'string')) throw bad(`Invalid ${where}: rule.condition.type is required`);
      for (let y = box.r0; y < box.r1; y++) {
        for (let x = box.c0; x < box.c1; x++) {
          if (rule) e.validation.set(`${y}:${x}`, structuredClone(rule));
          else e.validation.delete(`${y}:${x}`);
        }
      }
      return {};
    }
    case 'addProtectedRange': {
      const pr = isObj(r.protectedRange) ? structuredClone(r.protectedRange) : undefined;
      if (!pr) throw bad(`Invalid value at '${where}.protected_range'`);
      const box = gridRange(book, pr.range, `${where}.protectedRange`);
      pr.protectedRangeId = typeof pr.protectedRangeId === 'number' ? pr.protectedRangeId : ++nextProtectedRangeId;
      pr.requestingUserCanEdit = true;
      extrasOf(store, box.sheet.sheetId).protectedRanges.push(pr);
      return { addProtectedRange: { protectedRange: pr } };
    }
    case 'updateProtectedRange': {
      const pr = isObj(r.protectedRange) ? r.protectedRange : {};
      if (typeof r.fields !== 'string' || r.fields === '') throw bad(`Invalid ${where}: At least one field must be specified.`);
      const found = [...store.values()].flatMap((e) => e.protectedRanges).find((x) => x.protectedRangeId === pr.protectedRangeId);
      if (!found) throw bad(`Invalid ${where}: No protected range with id: ${String(pr.protectedRangeId)}`);
      for (const f of r.fields.split(',').map((x) => x.trim())) found[f] = structuredClone(pr[f]);
      return {};
    }
    case 'deleteProtectedRange': {
      for (const e of store.values()) {
        const at = e.protectedRanges.findIndex((x) => x.protectedRangeId === r.protectedRangeId);
        if (at >= 0) { e.protectedRanges.splice(at, 1); return {}; }
      }
      throw bad(`Invalid ${where}: No protected range with id: ${String(r.protectedRangeId)}`);
    }
    case 'deleteSheet': {
      const sheet = sheetOf(book, r.sheetId, where);
      if (book.sheets.length === 1) throw bad(`Invalid ${where}: You can't remove all the sheets in a document.`);
      book.sheets = book.sheets.filter((s) => s !== sheet);
      store.delete(sheet.sheetId);
      return {};
    }
    default:
      throw bad(`Invalid requests[${i}]: unsupported request ${kind}`);
  }
}

/** A batchUpdate with feature requests: every request in order on a copy, committed only if all succeed. */
export function featureBatchUpdate(id: string, book: Book, body: Obj): object {
  const requests = body.requests as unknown[];
  const work: Book = structuredClone(book);
  const store = cloneStore(extras.get(id));
  const replies = requests.map((req, i) => {
    if (touchesFeatures(req)) return applyFeature(id, work, store, req as Obj, i);
    const res = modelBatchUpdate(id, work, { requests: [req] }) as { replies: object[] };
    return res.replies[0];
  });
  book.sheets = work.sheets;
  extras.set(id, store);
  return { spreadsheetId: id, replies };
}

const FEATURE_FIELDS = /protectedRanges|frozenRowCount|dataValidation/;

export function wantsFeatureFields(fields: string | undefined): boolean {
  return fields !== undefined && FEATURE_FIELDS.test(fields);
}

function cellOut(value: Value | undefined, rule: Obj | undefined): Obj {
  const c: Obj = {};
  if (value) c.userEnteredValue = { ...value };
  if (rule) c.dataValidation = structuredClone(rule);
  return c;
}

/** spreadsheets.get when the mask asks for a feature: the same shape as the model's, with the features filled in. */
export function featureGet(id: string, book: Book, ranges: string[], fields: string): unknown {
  const store = extras.get(id) ?? new Map<number, SheetExtras>();
  const windows = ranges.map((r) => parseA1(book, r));
  const sheets = book.sheets
    .map((s, index) => ({ s, index }))
    .filter(({ s }) => ranges.length === 0 || windows.some((w) => w.sheet === s))
    .map(({ s, index }) => {
      const e = store.get(s.sheetId);
      const grid: Obj = { rowCount: s.rowCount, columnCount: s.columnCount };
      if (e?.frozenRowCount) grid.frozenRowCount = e.frozenRowCount;
      const properties: Obj = { title: s.title, sheetType: 'GRID', gridProperties: grid };
      if (s.sheetId !== 0) properties.sheetId = s.sheetId;
      if (index !== 0) properties.index = index;
      const out: Obj = { properties };
      if (e && e.protectedRanges.length > 0) out.protectedRanges = structuredClone(e.protectedRanges);
      const mine = ranges.length === 0 ? [{ sheet: s, r0: 0, r1: s.rowCount, c0: 0, c1: s.columnCount }] : windows.filter((w) => w.sheet === s);
      out.data = mine.map((w) => gridDataOf(w, (y, x) => cellOut(s.cells[y]?.[x], e?.validation.get(`${y}:${x}`))));
      return out;
    });
  return applyMask({ spreadsheetId: id, properties: { title: `Double ${id}` }, sheets }, parseMask(fields, null));
}
