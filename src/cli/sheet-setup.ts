// The records spreadsheet's structure: one tab per table with its header row, frozen and protected, and enumerations
// validated. Reads what is there and plans only the requests that add what is missing (so a re-run sends nothing).
import type { sheets_v4 } from 'googleapis';
import { TABLE_NAMES, headerOf, tableDef, type TableName } from '../core/records/tables';
import { addColumnsRequests, addSheetRequests, headerText, quoteSheet, textCell, type SheetMeta } from '../adapters/google/sheets-requests';
import type { RemoteRecords } from './remote';

type Request = sheets_v4.Schema$Request;
type Rule = sheets_v4.Schema$DataValidationRule;

/** Marks the protected ranges Kompetent made (the description is shown to anyone who tries to edit the header). */
export const PROTECT_TAG = 'Kompetent: field names';
const PROTECT_DESCRIPTION = `${PROTECT_TAG} (the app finds columns by these names; repair with kompetent provision)`;

export interface TabState {
  meta: SheetMeta;
  frozenRowCount: number;
  header: string[];
  protectedRanges: sheets_v4.Schema$ProtectedRange[];
  /** Validation of each cell of the last grid row (undefined when the grid has only the header row). */
  sample?: { row: number; rules: (Rule | undefined)[] };
}

/** Two calls: tabs with frozen rows and protections, then every header and each tab's last grid row. */
export async function readTabs(rr: RemoteRecords): Promise<TabState[]> {
  const g = rr.g;
  const res = await g.call('sheets.get', 'reading the structure of the records spreadsheet', () => g.sheets.spreadsheets.get({
    spreadsheetId: rr.spreadsheetId,
    fields: 'sheets(properties(sheetId,title,gridProperties(rowCount,columnCount,frozenRowCount)),protectedRanges(protectedRangeId,range,description,warningOnly,editors))',
  }));
  const tabs: TabState[] = (res.data.sheets ?? []).map((s) => {
    const p = s.properties ?? {};
    const grid = p.gridProperties ?? {};
    return {
      // Proto3 JSON leaves out zeros: sheetId 0 is the first sheet.
      meta: { sheetId: p.sheetId ?? 0, title: p.title ?? '', rowCount: grid.rowCount ?? 0, columnCount: grid.columnCount ?? 0 },
      frozenRowCount: grid.frozenRowCount ?? 0, header: [], protectedRanges: s.protectedRanges ?? [],
    };
  });
  const ranges = tabs.flatMap((t) => {
    const q = quoteSheet(t.meta.title);
    return t.meta.rowCount >= 2 ? [`${q}!1:1`, `${q}!${t.meta.rowCount}:${t.meta.rowCount}`] : [`${q}!1:1`];
  });
  if (ranges.length === 0) return tabs;
  const data = await g.call('sheets.get', 'reading the header rows', () => g.sheets.spreadsheets.get({
    spreadsheetId: rr.spreadsheetId, ranges, includeGridData: true,
    fields: 'sheets(properties(title),data(startRow,rowData(values(userEnteredValue,dataValidation))))',
  }));
  for (const s of data.data.sheets ?? []) {
    const tab = tabs.find((t) => t.meta.title === s.properties?.title);
    if (!tab) continue;
    for (const d of s.data ?? []) {
      const start = d.startRow ?? 0;
      (d.rowData ?? []).forEach((r, i) => {
        const values = r.values ?? [];
        if (start + i === 0) tab.header = values.map((v) => headerText(cellOf(v)));
        else if (start + i === tab.meta.rowCount - 1) tab.sample = { row: start + i + 1, rules: values.map((v) => v.dataValidation ?? undefined) };
      });
    }
    if (tab.meta.rowCount >= 2 && !tab.sample) tab.sample = { row: tab.meta.rowCount, rules: [] };
  }
  return tabs;
}

function cellOf(v: sheets_v4.Schema$CellData): string | number | boolean | null {
  const u = v.userEnteredValue;
  if (!u) return null;
  return u.stringValue ?? u.numberValue ?? u.boolValue ?? u.formulaValue ?? null;
}

/** Enumerations of a table: field → allowed values (FieldCodec.values). */
export function enumFields(table: TableName): [string, readonly string[]][] {
  return Object.entries(tableDef(table).fields).filter(([, c]) => c.values).map(([f, c]) => [f, c.values!]);
}

export function validationRule(values: readonly string[]): Rule {
  return { condition: { type: 'ONE_OF_LIST', values: values.map((v) => ({ userEnteredValue: v })) }, strict: true, showCustomUi: true };
}

function sameRule(a: Rule | undefined, values: readonly string[]): boolean {
  if (!a?.condition || a.condition.type !== 'ONE_OF_LIST') return false;
  const got = (a.condition.values ?? []).map((v) => v.userEnteredValue ?? '');
  return got.length === values.length && got.every((v, i) => v === values[i]);
}

/** setDataValidation for the enum columns over data rows [from, to) (0-based, header is row 0). */
export function validationRequests(sheetId: number, table: TableName, header: readonly string[], from: number, to: number): Request[] {
  if (to <= from) return [];
  const out: Request[] = [];
  for (const [field, values] of enumFields(table)) {
    const c = header.findIndex((h) => h.trim().toLowerCase() === field.toLowerCase());
    if (c < 0) continue;
    out.push({ setDataValidation: { range: { sheetId, startRowIndex: from, endRowIndex: to, startColumnIndex: c, endColumnIndex: c + 1 }, rule: validationRule(values) } });
  }
  return out;
}

function headerProtection(tab: TabState): sheets_v4.Schema$ProtectedRange | undefined {
  return tab.protectedRanges.find((p) => (p.range?.sheetId ?? 0) === tab.meta.sheetId && (p.range?.startRowIndex ?? 0) === 0
    && p.range?.endRowIndex === 1 && (p.description ?? '').startsWith(PROTECT_TAG));
}

function protectRequest(sheetId: number, editors: string[]): Request {
  return { addProtectedRange: { protectedRange: {
    // No column bounds: the whole first row, columns added later included.
    range: { sheetId, startRowIndex: 0, endRowIndex: 1 }, description: PROTECT_DESCRIPTION, warningOnly: false, editors: { users: editors },
  } } };
}

/**
 * Sheets refuses to freeze every row of a grid ("You can't freeze all visible rows on the sheet"), so a tab with only
 * its header row grows to two rows first.
 */
function frozenRequest(sheetId: number, rowCount: number): Request {
  if (rowCount >= 2) {
    return { updateSheetProperties: { properties: { sheetId, gridProperties: { frozenRowCount: 1 } }, fields: 'gridProperties.frozenRowCount' } };
  }
  return { updateSheetProperties: { properties: { sheetId, gridProperties: { rowCount: 2, frozenRowCount: 1 } },
    fields: 'gridProperties.rowCount,gridProperties.frozenRowCount' } };
}

export interface StructurePlan { requests: Request[]; actions: string[]; notes: string[] }

/**
 * What to send so that every table has its tab, header, frozen and protected header row and validated enumerations.
 * `fresh`: the spreadsheet was just created, so its blank first tab may become the first table.
 */
export function planStructure(tabs: TabState[], editors: string[], fresh: boolean): StructurePlan {
  const requests: Request[] = [];
  const actions: string[] = [];
  const notes: string[] = [];
  const used = new Set(tabs.map((t) => t.meta.sheetId));
  const byTitle = new Map(tabs.map((t) => [t.meta.title, t]));
  let renamed: TabState | undefined;
  let spare = fresh && tabs.length === 1 && !byTitle.has(TABLE_NAMES[0]) && tabs[0].header.every((h) => h === '') ? tabs[0] : undefined;
  for (const table of TABLE_NAMES) {
    const header = headerOf(table);
    const tab = byTitle.get(table);
    if (!tab) {
      let sheetId: number;
      if (spare) {
        sheetId = spare.meta.sheetId;
        requests.push({ updateSheetProperties: { properties: { sheetId, title: table, gridProperties: { rowCount: 1, columnCount: header.length } },
          fields: 'title,gridProperties.rowCount,gridProperties.columnCount' } },
        { updateCells: { start: { sheetId, rowIndex: 0, columnIndex: 0 }, rows: [{ values: header.map(textCell) }], fields: 'userEnteredValue' } });
        actions.push(`tab ${table}: created (from the blank "${spare.meta.title}")`);
        renamed = spare;
        spare = undefined;
      } else {
        sheetId = 1;
        while (used.has(sheetId)) sheetId++;
        used.add(sheetId);
        requests.push(...(addSheetRequests(table, header, sheetId) as Request[]));
        actions.push(`tab ${table}: created with its header`);
      }
      requests.push(frozenRequest(sheetId, 1), protectRequest(sheetId, editors), ...validationRequests(sheetId, table, header, 1, 2));
      continue;
    }
    const { sheetId } = tab.meta;
    const lower = tab.header.map((h) => h.trim().toLowerCase());
    const missing = header.filter((f) => !lower.includes(f.toLowerCase()));
    const fixed = [...tab.header];
    const appended: string[] = [];
    for (const f of missing) {
      const canonical = header.indexOf(f);
      if (canonical < tab.header.length && tab.header[canonical].trim() === '') {
        requests.push({ updateCells: { start: { sheetId, rowIndex: 0, columnIndex: canonical }, rows: [{ values: [textCell(f)] }], fields: 'userEnteredValue' } });
        fixed[canonical] = f;
        actions.push(`tab ${table}: header "${f}" restored in column ${canonical + 1}`);
      } else appended.push(f);
    }
    if (appended.length > 0) {
      let width = fixed.length;
      while (width > 0 && fixed[width - 1].trim() === '') width--;
      requests.push(...(addColumnsRequests(tab.meta, width, appended) as Request[]));
      fixed.splice(width, fixed.length - width, ...appended);
      actions.push(`tab ${table}: column${appended.length > 1 ? 's' : ''} ${appended.join(', ')} added at the end`);
      notes.push(`${table}: if ${appended.join(', ')} had been renamed by hand, move its data into the new column and delete the old one.`);
    }
    if (tab.frozenRowCount !== 1) {
      requests.push(frozenRequest(sheetId, tab.meta.rowCount));
      actions.push(`tab ${table}: header row frozen`);
    }
    const pr = headerProtection(tab);
    if (!pr) {
      requests.push(protectRequest(sheetId, editors));
      actions.push(`tab ${table}: header row protected`);
    } else {
      const users = (pr.editors?.users ?? []).map((u) => u.toLowerCase());
      const lacking = editors.filter((e) => !users.includes(e));
      if (lacking.length > 0 || pr.warningOnly) {
        requests.push({ updateProtectedRange: { protectedRange: { protectedRangeId: pr.protectedRangeId, warningOnly: false,
          editors: { ...pr.editors, users: [...new Set([...users, ...editors])] } }, fields: 'warningOnly,editors' } });
        actions.push(`tab ${table}: header protection lets ${lacking.join(', ') || 'only its editors'} edit`);
      }
    }
    if (tab.meta.rowCount < 2 && tab.frozenRowCount !== 1) {
      // The grid grew to two rows just now: its (empty) second row gets the rules.
      requests.push(...validationRequests(sheetId, table, fixed, 1, 2));
    } else if (tab.sample) {
      const wrong = enumFields(table).filter(([f, values]) => {
        const c = fixed.findIndex((h) => h.trim().toLowerCase() === f.toLowerCase());
        return c >= 0 && !sameRule(tab.sample!.rules[c], values);
      });
      if (wrong.length > 0) {
        requests.push(...validationRequests(sheetId, table, fixed, 1, tab.meta.rowCount)
          .filter((r) => wrong.some(([f]) => fixed[r.setDataValidation!.range!.startColumnIndex!].trim().toLowerCase() === f.toLowerCase())));
        actions.push(`tab ${table}: allowed values of ${wrong.map(([f]) => f).join(', ')} set (rows 2–${tab.meta.rowCount})`);
      }
    }
  }
  for (const t of tabs) {
    if (!(TABLE_NAMES as readonly string[]).includes(t.meta.title) && t !== renamed) notes.push(`Tab "${t.meta.title}" is not a Kompetent table; left as it is.`);
  }
  return { requests, actions, notes };
}

/** Problems with the structure, for doctor: the plan's actions are exactly what is wrong. */
export function structureProblems(tabs: TabState[], editors: string[]): string[] {
  return planStructure(tabs, editors, false).actions.map((a) => a.replace(/: created with its header$/, ': missing')
    .replace(/: header "(.+)" restored in column (\d+)$/, ': header "$1" missing (column $2 is blank)')
    .replace(/: columns? (.+) added at the end$/, ': header lacks $1')
    .replace(/: header row frozen$/, ': header row is not frozen')
    .replace(/: header row protected$/, ': header row is not protected')
    .replace(/: header protection lets (.+) edit$/, ': header protection does not let $1 edit')
    .replace(/: allowed values of (.+) set \(rows .+\)$/, ': allowed values of $1 are not validated on the last rows'));
}
