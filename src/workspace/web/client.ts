// Browser client of the local workspace: who-am-I, Chat, Gmail, Docs and Sheets around the same cards Google renders.
import { api } from './client-api';
import { addonCardClick, gmailView, homeEntry, loadMail, openAddon, openUrl, panelHtml, redrawPanel, sideRail } from './client-addons';
import { addDocRow, docsView, loadDoc, saveDocEdit } from './client-docs';
import { chatCardClick, chatView, closeDialog, greetIfNew, loadMessages, redrawMessages, sendComposer, updateHints } from './client-chat';
import { loadSheet, sheetsView } from './client-sheets';
import { closePops, drawAccount, drawClock, drawPeople, runJob, togglePop } from './client-shell';
import { $, run, S, toast, w, type PanelHost, type Tab } from './client-state';
import { actionFromElement } from './card-inputs';

const ME_KEY = 'kompetent.workspace.me';

async function refreshState(): Promise<void> {
  const st = await api.state(S.me);
  S.st = st;
  S.version = st.version;
  S.clockSkewMs = Date.parse(st.now) - Date.now();
  if (!S.space || !st.spaces.some((s) => s.name === S.space)) S.space = st.spaces[0]?.name ?? '';
  if (S.mailId && !st.inbox.some((m) => m.id === S.mailId)) S.mailId = undefined;
  if (S.docId && !st.docs.some((d) => d.id === S.docId)) S.docId = undefined;
  drawAccount();
  drawClock();
}

/** Draws the open tab from scratch (after a change of person, tab, space, mail, document or sheet). */
async function render(): Promise<void> {
  document.querySelectorAll('button[data-tab]').forEach((b) => b.setAttribute('aria-selected', String(b.getAttribute('data-tab') === S.tab)));
  document.body.dataset.tab = S.tab;
  const app = $('#app');
  if (S.tab === 'chat') {
    await greetIfNew();
    await loadMessages();
    app.innerHTML = chatView();
    redrawMessages(true);
    return;
  }
  if (S.tab === 'gmail') {
    await loadMail();
    app.innerHTML = gmailView();
  } else if (S.tab === 'docs') {
    await loadDoc();
    app.innerHTML = docsView(panelHtml('docs') + sideRail('docs'));
  } else {
    await loadSheet();
    const html = sheetsView();
    // The admin sidebar is a page of its own (an iframe): taking it out of the document reloads it at "Oversikt", so
    // a redraw with the sidebar open replaces only the grid, and the sidebar keeps its place and its confirmation.
    const frame = document.querySelector<HTMLIFrameElement>('#admin-sidebar');
    const section = app.querySelector('.ws-sheet');
    const next = document.createElement('div');
    next.innerHTML = html;
    const nextFrame = next.querySelector<HTMLIFrameElement>('#admin-sidebar');
    if (frame && section && nextFrame && frame.getAttribute('src') === nextFrame.getAttribute('src')) section.replaceWith(next.querySelector('.ws-sheet')!);
    else app.innerHTML = html;
  }
  const host = S.tab as PanelHost;
  if (S.panelOpen[host] && S.panels[host].length === 0) await openAddon(host, homeEntry(host));
}

/** Changes what is open and redraws; body[data-busy] is set meanwhile (the browser tests wait for it to go). */
let pending = 0;
async function go(change: () => void, fresh = true): Promise<void> {
  pending++;
  document.body.dataset.busy = 'true';
  try {
    change();
    if (fresh) await refreshState();
    await render();
  } finally {
    if (--pending === 0) delete document.body.dataset.busy;
  }
}

function choosePerson(email: string): Promise<void> {
  closePops();
  localStorage.setItem(ME_KEY, email);
  return go(() => {
    S.me = email;
    S.space = '';
    S.replyThread = undefined;
    S.mailId = undefined;
    S.docId = undefined;
    S.panels = { gmail: [], docs: [], sheets: [] };
    closeDialog();
  });
}

/**
 * A card's collapsible section (card-renderer.ts): "Vis mer" opens it and "Vis mindre", under the revealed widgets,
 * closes it. Only one of the two is shown, so focus moves to the one that is (opening does not scroll the page to it).
 */
function toggleMore(d: HTMLDetailsElement): void {
  d.open = !d.open;
  d.querySelector<HTMLElement>(d.open ? ':scope > .kc-more-less' : ':scope > summary')?.focus({ preventScroll: d.open });
}

function onClick(ev: MouseEvent): void {
  const t = ev.target as HTMLElement;
  const hit = <T extends HTMLElement = HTMLElement>(sel: string) => t.closest(sel) as T | null;
  if (!hit('.ws-pop-wrap') && !hit('.ws-menu-wrap')) closePops();
  const more = hit('details.kc-more > summary, details.kc-more > .kc-more-less');
  if (more) {
    ev.preventDefault();
    toggleMore(more.parentElement as HTMLDetailsElement);
    return;
  }
  const card = hit('[data-action]');
  if (card) {
    ev.preventDefault();
    const action = actionFromElement(card);
    if (!action) return;
    if (action.openLink) { openUrl(action.openLink.url); return; }
    const panel = hit('.ws-panel');
    run(panel ? addonCardClick(panel.dataset.host as PanelHost, card, action) : chatCardClick(card, action));
    return;
  }
  const el = hit('button[data-tab],[data-space],[data-reply],[data-cancel-reply],[data-hint],[data-mail],[data-mail-close],[data-external-certificate],[data-doc],[data-doc-add-row],[data-sheet],[data-sheet-page],[data-back],[data-panel-close],[data-panel-toggle],[data-open-sidebar],[data-sidebar-close],[data-person],[data-job],[data-advance-days],[data-advance-hours],#who-button,#clock-button,#jobs-button,#kompetent-menu,#dialog-close');
  if (!el) return;
  const d = el.dataset;
  if (el.id === 'who-button') { togglePop('#who-button', '#who-menu'); run(drawPeople(($('#who-search') as HTMLInputElement).value)); }
  else if (el.id === 'clock-button') togglePop('#clock-button', '#clock-menu');
  else if (el.id === 'jobs-button') togglePop('#jobs-button', '#jobs-menu');
  else if (el.id === 'kompetent-menu') { const m = $('#kompetent-menu-items'); m.hidden = !m.hidden; }
  else if (el.id === 'dialog-close') closeDialog();
  else if (d.tab) run(go(() => { S.tab = d.tab as Tab; }));
  else if (d.space) run(go(() => { S.space = d.space!; S.replyThread = undefined; }, false));
  else if (d.reply) { S.replyThread = d.reply; run(render().then(() => $('#compose').focus())); }
  else if (d.cancelReply !== undefined) { S.replyThread = undefined; run(render()); }
  else if (d.hint) { const i = $<HTMLInputElement>('#compose'); i.value = d.hint; i.focus(); updateHints(i.value); }
  else if (d.mail) run(go(() => { S.mailId = d.mail; S.panels.gmail = []; }, false));
  else if (d.mailClose !== undefined) run(go(() => { S.mailId = undefined; S.panels.gmail = []; }, false));
  else if (d.externalCertificate !== undefined) run(api.externalCertificate(S.me).then((r) => go(() => { S.mailId = r.id; S.panels.gmail = []; })));
  else if (d.doc !== undefined) run(go(() => { S.docId = d.doc || undefined; S.panels.docs = []; }, false));
  else if (d.docAddRow !== undefined) run(addDocRow(Number(d.docAddRow)).then(() => go(() => undefined, false)));
  else if (d.sheet) run(go(() => { S.sheet = d.sheet!; S.sheetOffset = 0; S.sheetQuery = ''; }, false));
  else if (d.sheetPage) run(go(() => { S.sheetOffset = Math.max(0, S.sheetOffset + Number(d.sheetPage) * 200); }, false));
  else if (d.back !== undefined) { const host = hit('.ws-panel')!.dataset.host as PanelHost; S.panels[host].pop(); redrawPanel(host); }
  else if (d.panelClose !== undefined) run(go(() => { const h = hit('.ws-panel')!.dataset.host as PanelHost; S.panelOpen[h] = false; if (h === 'sheets') S.sheetSide = 'none'; }, false));
  else if (d.panelToggle) run(go(() => { const h = d.panelToggle as PanelHost; S.panelOpen[h] = !S.panelOpen[h]; if (h === 'sheets') S.sheetSide = S.panelOpen.sheets ? 'addon' : 'none'; }, false));
  else if (d.openSidebar !== undefined) run(go(() => { closePops(); S.sheetSide = 'sidebar'; }, false));
  else if (d.sidebarClose !== undefined) run(go(() => { S.sheetSide = 'none'; }, false));
  else if (d.person) run(choosePerson(d.person));
  // The jobs menu closes once a job is started, so what the job sent (a DM, a post) is in view, not under the menu.
  else if (d.job) { closePops(); run(runJob(d.job).then(() => go(() => undefined))); }
  else if (d.advanceDays || d.advanceHours) {
    run(api.clock(d.advanceDays ? { days: Number(d.advanceDays) } : { hours: Number(d.advanceHours) }).then(() => go(() => undefined)));
  }
}

function onSubmit(ev: SubmitEvent): void {
  const f = ev.target as HTMLElement;
  ev.preventDefault();
  if (f.id === 'composer') {
    const input = $<HTMLInputElement>('#compose');
    const text = input.value;
    if (!text.trim()) return;
    input.value = '';
    updateHints('');
    run(sendComposer(text).catch((e) => { input.value = text; throw e; }));
  } else if (f.id === 'who-other') {
    const v = $<HTMLInputElement>('#who-email').value.trim();
    if (v) run(choosePerson(v.toLowerCase()));
  } else if (f.id === 'clock-to') {
    run(api.clock({ to: $<HTMLInputElement>('#clock-date').value }).then(() => go(() => undefined)));
  }
}

let searchTimer: ReturnType<typeof setTimeout> | undefined;
function onInput(ev: Event): void {
  const t = ev.target as HTMLInputElement;
  if (t.id === 'compose') updateHints(t.value);
  else if (t.id === 'who-search') {
    if (searchTimer) clearTimeout(searchTimer);
    searchTimer = setTimeout(() => run(drawPeople(t.value)), 150);
  } else if (t.id === 'sheet-q') {
    if (searchTimer) clearTimeout(searchTimer);
    searchTimer = setTimeout(() => run(go(() => { S.sheetQuery = t.value; S.sheetOffset = 0; }, false).then(() => {
      const q = $<HTMLInputElement>('#sheet-q');
      q.focus();
      q.setSelectionRange(q.value.length, q.value.length);
    })), 300);
  }
}

// Hand edits: a cell is saved when it loses focus (Enter leaves it, Escape restores it).
function onFocusIn(ev: FocusEvent): void {
  const cell = ev.target as HTMLElement;
  if (cell.matches?.('[data-doc-block][contenteditable]')) { cell.dataset.was = (cell.innerText ?? '').replace(/\n$/, ''); return; }
  if (cell.matches?.('td[contenteditable]')) cell.dataset.was = cell.textContent ?? '';
}
function onFocusOut(ev: FocusEvent): void {
  const cell = ev.target as HTMLElement;
  if (cell.matches?.('[data-doc-block][contenteditable]')) {
    // The page already shows what was typed: only a split paragraph (Enter) changes the blocks, so redraw then.
    run(saveDocEdit(cell).then((saved) => (saved && /\n/.test(cell.innerText.replace(/\n$/, '')) ? go(() => undefined, false) : undefined)));
    return;
  }
  if (!cell.matches?.('td[contenteditable]')) return;
  const value = cell.textContent ?? '';
  if (value === cell.dataset.was) return;
  run(api.editCell(S.sheet, Number(cell.dataset.row), Number(cell.dataset.col), value).then((r) => {
    toast(r.issues.length ? w('ws.sheets.savedProblems', { count: r.issues.length, row: cell.dataset.row }) : w('ws.sheets.saved'));
    S.panels.sheets = [];
    return go(() => undefined);
  }));
}
function onKeyDown(ev: KeyboardEvent): void {
  const t = ev.target as HTMLElement;
  if (t.matches?.('td[contenteditable]')) {
    if (ev.key === 'Enter') { ev.preventDefault(); t.blur(); }
    if (ev.key === 'Escape') { t.textContent = t.dataset.was ?? ''; t.blur(); }
  }
  if (ev.key === 'Escape') closePops();
}

/** Other tabs and jobs change things too: a cheap version poll redraws what is open, never under the cursor. */
async function poll(): Promise<void> {
  const { version } = await api.version();
  if (version === S.version || document.hidden) return;
  await refreshState();
  const busy = document.activeElement?.matches('[contenteditable], #compose:not(:placeholder-shown), .kc-card input, .kc-card textarea');
  if (S.tab === 'chat') {
    await loadMessages();
    redrawMessages(false);
  } else if (!busy && S.tab === 'sheets') {
    await render();
  }
}

async function start(): Promise<void> {
  document.addEventListener('click', onClick);
  document.addEventListener('submit', onSubmit);
  document.addEventListener('input', onInput);
  document.addEventListener('focusin', onFocusIn);
  document.addEventListener('focusout', onFocusOut);
  document.addEventListener('keydown', onKeyDown);
  $('#dialog').addEventListener('close', () => { S.dialogOrigin = undefined; });
  // A card's "open the document" link to a document the workspace has: open it in the Docs tab.
  window.addEventListener('kompetent-open-doc', (e) => run(go(() => { S.tab = 'docs'; S.docId = (e as CustomEvent<string>).detail; S.panels.docs = []; })));
  window.addEventListener('message', (e) => {
    if (e.origin === location.origin && (e.data as { kompetent?: string })?.kompetent === 'closeSidebar') run(go(() => { S.sheetSide = 'none'; }, false));
  });
  const people = await api.people('');
  const saved = localStorage.getItem(ME_KEY);
  S.me = saved || people.personas[0]?.email || '';
  await refreshState();
  await render();
  document.body.dataset.ready = 'true';
  setInterval(() => run(poll()), 3000);
}

run(start());
