// The records spreadsheet's structure: one tab per table with its header row, frozen and protected, and enumerations
// validated. Reads what is there and plans only the requests that add what is missing (so a re-run sends nothing).
import type { sheets_v4 } from 'googleapis';
import { columnLabel, findColumn, findTab, formerLabels, labelledHeader, tabTitle, tableOfTitle } from '../core/records/labels';
import { TABLE_NAMES, tableDef, type TableName } from '../core/records/tables';
import { parseList } from '../core/records/cells';
import { addColumnsRequests, addSheetRequests, headerText, quoteSheet, textCell, type SheetMeta } from '../adapters/google/sheets-requests';
import type { MessageKey, Params } from '../core/i18n';
import { msg } from './errors';
import type { RemoteRecords } from './remote';

type Request = sheets_v4.Schema$Request;
type Rule = sheets_v4.Schema$DataValidationRule;

/** Marks the protected ranges Kompetent made (the description is shown to anyone who tries to edit the header). */
export const PROTECT_TAG = 'Kompetent: field names';
const PROTECT_DESCRIPTION = `${PROTECT_TAG} (Kompetent finner kolumnene ved disse navnene / the app finds columns by these names; repair with kompetent provision)`;

export interface TabState {
  meta: SheetMeta;
  frozenRowCount: number;
  header: string[];
  protectedRanges: sheets_v4.Schema$ProtectedRange[];
  /** Validation of each cell of the last grid row (undefined when the grid has only the header row). */
  sample?: { row: number; rules: (Rule | undefined)[] };
  /**
   * Enumerated columns whose cells hold English keys (a sheet written before the value labels): what provision translates.
   * `list`: a column of comma-separated words (satisfiedBy), translated word by word.
   */
  english?: EnglishColumn[];
}

/** Two calls: tabs with frozen rows and protections, then every header and each tab's last grid row. */
export async function readTabs(rr: RemoteRecords): Promise<TabState[]> {
  const g = rr.g;
  const res = await g.call('sheets.get', msg('cli.what.structure'), () => g.sheets.spreadsheets.get({
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
  const data = await g.call('sheets.get', msg('cli.what.headers'), () => g.sheets.spreadsheets.get({
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
  await readEnglishValues(rr, tabs);
  return tabs;
}

export interface EnglishColumn { field: string; column: number; keys: string[]; list?: boolean }

/** A table's columns of enumerated words: single values (a dropdown) and lists of them (satisfiedBy). */
interface WordField { field: string; values: readonly string[]; keys: readonly string[]; list: boolean }
function wordFields(table: TableName): WordField[] {
  return Object.entries(tableDef(table).fields).flatMap(([field, c]): WordField[] => (c.values && c.keys ? [{ field, values: c.values, keys: c.keys, list: false }]
    : c.listOf ? [{ field, ...c.listOf, list: true }] : []));
}

/** A codec's English keys whose Norwegian label is another word (the ones a sheet from before the labels may hold). */
function englishKeys(values: readonly string[], keys: readonly string[]): Map<string, string> {
  return new Map(keys.flatMap((k, i) => (k.toLowerCase() === (values[i] ?? k).toLowerCase() ? [] : [[k.toLowerCase(), k] as [string, string]])));
}

/**
 * One more call when a records tab has data and enumerated columns: those columns' cells, to find English keys written
 * before the value labels (records/value-labels.ts). The app reads either; provision puts them in Norwegian.
 */
async function readEnglishValues(rr: RemoteRecords, tabs: TabState[]): Promise<void> {
  const wanted: { tab: TabState; field: string; column: number; range: string }[] = [];
  for (const tab of tabs) {
    const table = tableOfTitle(tab.meta.title);
    if (!table || tab.meta.rowCount < 2) continue;
    for (const { field } of wordFields(table)) {
      const c = findColumn(table, tab.header, field);
      if (c < 0) continue;
      const col = columnName(c);
      wanted.push({ tab, field, column: c, range: `${quoteSheet(tab.meta.title)}!${col}2:${col}${tab.meta.rowCount}` });
    }
  }
  if (wanted.length === 0) return;
  const g = rr.g;
  const res = await g.call('sheets.get', msg('cli.what.enums'), () => g.sheets.spreadsheets.get({
    spreadsheetId: rr.spreadsheetId, ranges: wanted.map((w) => w.range), includeGridData: true,
    fields: 'sheets(properties(title),data(startColumn,rowData(values(userEnteredValue))))',
  }));
  for (const sheet of res.data.sheets ?? []) {
    for (const d of sheet.data ?? []) {
      const w = wanted.find((x) => x.tab.meta.title === sheet.properties?.title && x.column === (d.startColumn ?? 0));
      if (!w) continue;
      const table = tableOfTitle(w.tab.meta.title)!;
      const f = wordFields(table).find((x) => x.field === w.field)!;
      const english = englishKeys(f.values, f.keys);
      const found = new Set<string>();
      for (const r of d.rowData ?? []) {
        const v = String((r.values?.[0] ? cellOf(r.values[0]) : null) ?? '');
        for (const word of f.list ? parseList(v) : [v]) {
          const k = english.get(word.trim().toLowerCase());
          if (k) found.add(k);
        }
      }
      if (found.size > 0) (w.tab.english ??= []).push({ field: w.field, column: w.column, keys: f.keys.filter((k) => found.has(k)), ...(f.list ? { list: true } : {}) });
    }
  }
}

function columnName(i: number): string {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** A word's Norwegian label in its column (a single value or a list of them). */
export function labelOf(table: TableName, field: string, key: string): string {
  const f = wordFields(table).find((x) => x.field === field)!;
  return f.values[f.keys.indexOf(key)]!;
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Each English key of a column to its label, by Sheets' own find-and-replace on that column (any case): done by Google in
 * one step, so a row sorted or a cell edited meanwhile is never overwritten by a stale copy. A single value must be the
 * whole cell; in a list (satisfiedBy: "course, sign-off") each word between separators (parseList's , ; and line breaks) is replaced where it stands, by a
 * regex (FindReplaceRequest.searchByRegex: "The regular expression and replacement should follow Java regex rules … The
 * replacement string is allowed to refer to capturing groups", Sheets API reference, spreadsheets.batchUpdate).
 */
function translateRequests(sheetId: number, rowCount: number, table: TableName, e: EnglishColumn): Request[] {
  const range = { sheetId, startRowIndex: 1, endRowIndex: rowCount, startColumnIndex: e.column, endColumnIndex: e.column + 1 };
  return e.keys.map((key) => ({ findReplace: e.list
    ? {
      find: `(^|[,;\\n])([ \\t]*)${escapeRegex(key)}([ \\t]*)(?=[,;\\n]|$)`, replacement: `$1$2${labelOf(table, e.field, key).replace(/\$/g, '\\$')}$3`,
      matchCase: false, matchEntireCell: false, searchByRegex: true, includeFormulas: false, range,
    }
    : { find: key, replacement: labelOf(table, e.field, key), matchCase: false, matchEntireCell: true, searchByRegex: false, includeFormulas: false, range },
  }));
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
    const c = findColumn(table, header, field);
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

/** A line for the admin, translated where it is printed (src/core/i18n/cli-setup.ts). */
export interface Said { key: MessageKey; params: Params }
/** What provision does (`key`) and, for doctor, the same thing said as what is wrong (`problem`). */
export interface SetupAction extends Said { problem: MessageKey }

export interface StructurePlan { requests: Request[]; actions: SetupAction[]; notes: Said[] }

/**
 * What to send so that every table has its tab, header, frozen and protected header row and validated enumerations.
 * `fresh`: the spreadsheet was just created, so its blank first tab may become the first table. `tables`: the tabs it must
 * have (every table for the records; Certifications and SkillAssessments for a person shard).
 */
export function planStructure(tabs: TabState[], editors: string[], fresh: boolean, tables: readonly TableName[] = TABLE_NAMES): StructurePlan {
  const requests: Request[] = [];
  const actions: SetupAction[] = [];
  const notes: Said[] = [];
  const act = (key: MessageKey, problem: MessageKey, params: Params) => actions.push({ key, problem, params });
  const used = new Set(tabs.map((t) => t.meta.sheetId));
  const byTitle = new Map(tabs.map((t) => [t.meta.title, t]));
  const titles = new Set(byTitle.keys());
  let renamed: TabState | undefined;
  const only = tabs.length === 1 ? tabs[0] : undefined;
  let spare = fresh && only && !tableOfTitle(only.meta.title) && only.header.every((h) => h === '') ? only : undefined;
  for (const table of tables) {
    // New tabs and header cells get the Norwegian title and labels (records/labels.ts: what HR sees).
    const title = tabTitle(table);
    const header = labelledHeader(table);
    const found = findTab(table, (t) => byTitle.has(t));
    const tab = found === undefined ? undefined : byTitle.get(found);
    if (!tab) {
      let sheetId: number;
      if (spare) {
        sheetId = spare.meta.sheetId;
        requests.push({ updateSheetProperties: { properties: { sheetId, title, gridProperties: { rowCount: 1, columnCount: header.length } },
          fields: 'title,gridProperties.rowCount,gridProperties.columnCount' } },
        { updateCells: { start: { sheetId, rowIndex: 0, columnIndex: 0 }, rows: [{ values: header.map(textCell) }], fields: 'userEnteredValue' } });
        act('cli.setup.createdFrom', 'cli.setup.missing', { tab: title, blank: spare.meta.title });
        renamed = spare;
        spare = undefined;
      } else {
        sheetId = 1;
        while (used.has(sheetId)) sheetId++;
        used.add(sheetId);
        requests.push(...(addSheetRequests(title, header, sheetId) as Request[]));
        act('cli.setup.created', 'cli.setup.missing', { tab: title });
      }
      titles.add(title);
      requests.push(frozenRequest(sheetId, 1), protectRequest(sheetId, editors), ...validationRequests(sheetId, table, header, 1, 2));
      continue;
    }
    const { sheetId } = tab.meta;
    // A tab made before the labels: renamed to its Norwegian title (a rename keeps the data, the sheet id, the protection and
    // the validation; formulas that name the tab follow it), unless some other tab already has that title.
    if (tab.meta.title !== title && !titles.has(title)) {
      requests.push({ updateSheetProperties: { properties: { sheetId, title }, fields: 'title' } });
      act('cli.setup.renamed', 'cli.setup.englishName', { old: tab.meta.title, tab: title });
      titles.add(title);
    }
    const fixed = [...tab.header];
    // English field names and former labels in the header row become today's labels (the app reads any of them; no cell
    // of data changes).
    const relabelled: string[] = [];
    const newNames: string[] = [];
    for (const [c, h] of tab.header.entries()) {
      const fields = Object.keys(tableDef(table).fields);
      const field = fields.find((f) => f === h.trim());
      const former = field ? undefined : fields.find((f) => formerLabels(table, f).some((o) => o.toLowerCase() === h.trim().toLowerCase()));
      const which = field ?? former;
      const label = which && columnLabel(table, which);
      if (!which || !label || label === h.trim() || findColumn(table, fixed, which) !== c || fixed.some((x) => x.trim() === label)) continue;
      requests.push({ updateCells: { start: { sheetId, rowIndex: 0, columnIndex: c }, rows: [{ values: [textCell(label)] }], fields: 'userEnteredValue' } });
      fixed[c] = label;
      (field ? relabelled : newNames).push(`${h.trim()} → ${label}`);
    }
    if (relabelled.length > 0) act('cli.setup.relabelled', 'cli.setup.englishHeader', { tab: title, list: relabelled.join(', ') });
    if (newNames.length > 0) act('cli.setup.renamedHeader', 'cli.setup.formerHeader', { tab: title, list: newNames.join(', ') });
    for (const e of tab.english ?? []) {
      requests.push(...translateRequests(sheetId, tab.meta.rowCount, table, e));
      act('cli.setup.translated', 'cli.setup.englishValues',
        { tab: title, column: columnLabel(table, e.field), list: e.keys.map((k) => `${k} → ${labelOf(table, e.field, k)}`).join(', ') });
    }
    const missing = Object.keys(tableDef(table).fields).filter((f) => findColumn(table, fixed, f) < 0);
    const appended: string[] = [];
    for (const f of missing) {
      const label = columnLabel(table, f);
      const canonical = Object.keys(tableDef(table).fields).indexOf(f);
      if (canonical < fixed.length && (fixed[canonical] ?? '').trim() === '') {
        requests.push({ updateCells: { start: { sheetId, rowIndex: 0, columnIndex: canonical }, rows: [{ values: [textCell(label)] }], fields: 'userEnteredValue' } });
        fixed[canonical] = label;
        act('cli.setup.restored', 'cli.setup.headerMissing', { tab: title, label, n: canonical + 1 });
      } else appended.push(label);
    }
    if (appended.length > 0) {
      let width = fixed.length;
      while (width > 0 && (fixed[width - 1] ?? '').trim() === '') width--;
      requests.push(...(addColumnsRequests(tab.meta, width, appended) as Request[]));
      fixed.splice(width, fixed.length - width, ...appended);
      act('cli.setup.appended', 'cli.setup.lacks', { tab: title, count: appended.length, list: appended.join(', ') });
      notes.push({ key: 'cli.setup.note.renamedByHand', params: { tab: title, list: appended.join(', ') } });
    }
    if (tab.frozenRowCount !== 1) {
      requests.push(frozenRequest(sheetId, tab.meta.rowCount));
      act('cli.setup.frozen', 'cli.setup.notFrozen', { tab: title });
    }
    const pr = headerProtection(tab);
    if (!pr) {
      requests.push(protectRequest(sheetId, editors));
      act('cli.setup.protected', 'cli.setup.notProtected', { tab: title });
    } else {
      const users = (pr.editors?.users ?? []).map((u) => u.toLowerCase());
      const lacking = editors.filter((e) => !users.includes(e));
      if (lacking.length > 0 || pr.warningOnly) {
        requests.push({ updateProtectedRange: { protectedRange: { protectedRangeId: pr.protectedRangeId, warningOnly: false,
          editors: { ...pr.editors, users: [...new Set([...users, ...editors])] } }, fields: 'warningOnly,editors' } });
        if (lacking.length > 0) act('cli.setup.editorsAdded', 'cli.setup.editorsMissing', { tab: title, who: lacking.join(', ') });
        else act('cli.setup.blocking', 'cli.setup.onlyWarns', { tab: title });
      }
    }
    if (tab.meta.rowCount < 2 && tab.frozenRowCount !== 1) {
      // The grid grew to two rows just now: its (empty) second row gets the rules.
      requests.push(...validationRequests(sheetId, table, fixed, 1, 2));
    } else if (tab.sample) {
      const wrong = enumFields(table).filter(([f, values]) => {
        const c = findColumn(table, fixed, f);
        return c >= 0 && !sameRule(tab.sample!.rules[c], values);
      });
      if (wrong.length > 0) {
        requests.push(...validationRequests(sheetId, table, fixed, 1, tab.meta.rowCount)
          .filter((r) => wrong.some(([f]) => findColumn(table, fixed, f) === r.setDataValidation!.range!.startColumnIndex)));
        act('cli.setup.validated', 'cli.setup.notValidated', { tab: title, columns: wrong.map(([f]) => columnLabel(table, f)).join(', '), last: tab.meta.rowCount });
      }
    }
  }
  for (const t of tabs) {
    if (!tableOfTitle(t.meta.title) && t !== renamed) notes.push({ key: 'cli.setup.note.notOurs', params: { tab: t.meta.title } });
  }
  return { requests, actions, notes };
}

/** Problems with the structure, for doctor: the plan's actions, each said as what is wrong. */
export function structureProblems(tabs: TabState[], editors: string[], tables: readonly TableName[] = TABLE_NAMES): Said[] {
  return planStructure(tabs, editors, false, tables).actions.map((a) => ({ key: a.problem, params: a.params }));
}
