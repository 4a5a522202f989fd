// The records spreadsheet in the workspace: one tab per table, cells a person can edit by hand, data health marked on
// the cells, and on the right either the add-on panel or the admin sidebar (build/sidebar.html, google.script.run shim).
import { ICON } from './icons';
import { allKeys, t, type MessageKey } from '../../core/i18n';
import { api, type Issue, type SheetPage } from './client-api';
import { panelHtml, sideRail } from './client-addons';
import { esc, fmtDateTime, lang, S, w, wh } from './client-state';

let page: SheetPage | undefined;
let tables: { name: string; issues: number }[] = [];

/** The data-health reason in words, from the app's own catalogue (the same text the admin's report shows). */
function reason(i: Issue): string {
  const key = `health.reason.${i.reason}` as MessageKey;
  return allKeys('nb').includes(key) ? t(lang(), key, { ref: i.value }) : i.reason.replace(/_/g, ' ');
}

export function columnLetter(i: number): string {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

export async function loadSheet(): Promise<void> {
  const [t, p] = await Promise.all([api.tables(), api.sheet(S.sheet, S.sheetOffset, S.sheetQuery)]);
  tables = t.tables;
  page = p;
}

function issueText(i: Issue): string {
  return `${w('ws.sheets.row', { row: i.rowNumber ?? '?' })}${i.field ? `, ${i.field}` : ''}: ${reason(i)}${i.value ? ` («${i.value}»)` : ''}`;
}

function grid(p: SheetPage): string {
  const byCell = new Map<string, Issue[]>();
  const badRows = new Set<number>();
  for (const i of p.issues) {
    if (i.rowNumber === undefined) continue;
    badRows.add(i.rowNumber);
    const col = i.field ? p.header.indexOf(i.field) : -1;
    const key = `${i.rowNumber}:${col}`;
    byCell.set(key, [...(byCell.get(key) ?? []), i]);
  }
  const letters = `<tr class="ws-letters"><th class="ws-corner"></th>${p.header.map((_, c) => `<th>${columnLetter(c)}</th>`).join('')}</tr>`;
  const head = `<tr class="ws-header-row"><th class="ws-rownum">1</th>${p.header.map((h) => `<td class="ws-field">${esc(h)}</td>`).join('')}</tr>`;
  const rows = p.rows.map((r) => {
    const rowIssues = byCell.get(`${r.rowNumber}:-1`) ?? [];
    const cells = p.header.map((_, c) => {
      const issues = byCell.get(`${r.rowNumber}:${c}`);
      const attrs = issues ? ` class="ws-bad" title="${esc(issues.map(issueText).join('\n'))}"` : '';
      return `<td${attrs} contenteditable="plaintext-only" spellcheck="false" data-row="${r.rowNumber}" data-col="${c}">${esc(r.cells[c] ?? '')}</td>`;
    }).join('');
    const rowTitle = rowIssues.length ? ` title="${esc(rowIssues.map(issueText).join('\n'))}"` : '';
    return `<tr${badRows.has(r.rowNumber) ? ' class="ws-bad-row"' : ''}><th class="ws-rownum"${rowTitle}>${r.rowNumber}</th>${cells}</tr>`;
  }).join('');
  return `<table class="ws-grid" aria-label="${esc(p.table)}"><thead>${letters}</thead><tbody>${head}${rows}</tbody></table>`;
}

function healthBar(p: SheetPage): string {
  if (p.issueCount === 0 && p.fileProblems.length === 0) {
    return `<div class="ws-health ok"><span aria-hidden="true">✓</span> ${wh('ws.sheets.healthOk', { table: p.table })}${p.checkedAt ? ` ${wh('ws.sheets.checked', { time: fmtDateTime(p.checkedAt) })}` : ''}</div>`;
  }
  const items = [...p.fileProblems.map((f) => (f.row ? w('ws.sheets.fileProblemRow', { row: f.row, message: f.message }) : w('ws.sheets.fileProblem', { message: f.message }))),
    ...p.issues.slice(0, 6).map(issueText)];
  return `<div class="ws-health bad" role="status"><b>${wh('ws.sheets.healthBad', { count: p.issueCount + p.fileProblems.length, table: p.table })}</b>
    <ul>${items.map((t) => `<li>${esc(t)}</li>`).join('')}</ul></div>`;
}

function side(): string {
  if (S.sheetSide === 'addon') return panelHtml('sheets');
  if (S.sheetSide === 'sidebar') {
    return `<aside class="ws-sidebar" aria-label="${wh('ws.sheets.admin')}">
      <div class="ws-panel-head"><span class="ws-panel-title">Kompetent</span><button class="ws-icon-btn" data-sidebar-close aria-label="${wh('ws.sheets.closeSidebar')}">${ICON.close}</button></div>
      <iframe id="admin-sidebar" title="${wh('ws.sheets.admin')}" src="/sidebar?as=${encodeURIComponent(S.me)}"></iframe></aside>`;
  }
  return '';
}

/** Sheets' own menu bar (the words only: Google's menus do nothing here). */
const MENUS = ['ws.sheets.menuFile', 'ws.sheets.menuEdit', 'ws.sheets.menuView', 'ws.sheets.menuInsert', 'ws.sheets.menuData'] as const;

export function sheetsView(): string {
  const p = page;
  if (!p) return `<p class="ws-muted">${wh('ws.panel.loading')}</p>`;
  const from = p.matching === 0 ? 0 : p.offset + 1;
  const to = p.offset + p.rows.length;
  const pager = `<span class="ws-pager">${wh('ws.sheets.pager', { from, to, matching: p.matching })}${p.matching !== p.total ? ` ${wh('ws.sheets.pagerTotal', { total: p.total })}` : ''}
    <button class="ws-icon-btn" data-sheet-page="-1" ${p.offset === 0 ? 'disabled' : ''} aria-label="${wh('ws.sheets.previous')}">${ICON.left}</button>
    <button class="ws-icon-btn" data-sheet-page="1" ${to >= p.matching ? 'disabled' : ''} aria-label="${wh('ws.sheets.next')}">${ICON.right}</button></span>`;
  const tabs = tables.map((t) => `<button class="ws-sheet-tab${t.name === S.sheet ? ' active' : ''}" data-sheet="${esc(t.name)}">${esc(t.name)}${t.issues ? `<span class="ws-dot" title="${wh('ws.sheets.problems', { count: t.issues })}">${t.issues}</span>` : ''}</button>`).join('');
  S.panelOpen.sheets = S.sheetSide === 'addon';
  return `<div class="ws-split ws-sheets">
    <section class="ws-main ws-sheet">
      <div class="ws-sheet-title"><span class="ws-file-icon" aria-hidden="true">${ICON.grid}</span><div><div class="ws-doc-name">${wh('ws.sheets.docName')}</div>
        <nav class="ws-menubar" aria-label="${wh('ws.sheets.menu')}">${MENUS.map((k) => `<span>${wh(k)}</span>`).join('')}
          <div class="ws-menu-wrap"><button id="kompetent-menu" aria-haspopup="true">Kompetent</button>
            <div id="kompetent-menu-items" class="ws-pop" hidden><button data-open-sidebar>Admin</button></div></div></nav></div></div>
      <div class="ws-sheet-tools"><input id="sheet-q" type="search" placeholder="${wh('ws.sheets.filter', { table: p.table })}" value="${esc(S.sheetQuery)}" aria-label="${wh('ws.sheets.filterLabel')}">${pager}</div>
      ${healthBar(p)}
      <div class="ws-grid-wrap">${grid(p)}</div>
      <div class="ws-sheet-tabs" role="tablist">${tabs}</div>
    </section>${side()}${sideRail('sheets', `<button class="ws-rail-admin${S.sheetSide === 'sidebar' ? ' active' : ''}" data-open-sidebar title="${wh('ws.sheets.sidebar')}" aria-label="${wh('ws.sheets.sidebar')}">${ICON.gear}</button>`)}</div>`;
}
