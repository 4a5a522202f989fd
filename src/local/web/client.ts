// Browser client of the local workspace: who-am-I, Chat, Gmail, Docs and Sheets around the same cards Google renders.
import type { Card, ChatMessage } from '../../ui/card-types';
import { actionFromElement, collectFormInputs, eventParameters } from './card-inputs';
import { escapeHtml, renderCard, renderMessage } from './card-renderer';

interface Msg { name: string; space: string; threadName: string; message: ChatMessage; createTime: string; sender: { type: string; email?: string; displayName?: string } }
interface State {
  now: string; today: string; jobs: string[];
  spaces: { name: string; title: string; dm: boolean }[];
  messages: Msg[];
  inbox: { to: string; subject: string; text: string; sentAt: string; attachments?: { fileName: string; mimeType: string; content: string }[] }[];
  docs: { id: string; title: string; body: string; tables: { heading: string; rows: string[][] }[] }[];
}
type Nav = { pushCard?: Card; updateCard?: Card; pop?: true; popToRoot?: true };
interface RenderActions { action: { navigations?: Nav[]; notification?: { text: string }; link?: { url: string } } }

const TZ_OFFSET = -new Date().getTimezoneOffset() * 60_000;
const $ = <T extends HTMLElement>(sel: string) => document.querySelector(sel) as T;

let me = '';
let tab = 'chat';
let space = '';
let st: State | undefined;
let mailIndex = -1;
let docId = '';
let sheet = 'Employees';
const panels: Record<string, Card[]> = { gmail: [], docs: [], sheets: [] };

async function api<T>(path: string, body?: unknown): Promise<T> {
  const res = await fetch(path, body === undefined ? {} : { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  const json = await res.json();
  if (!res.ok) throw new Error(json.error ?? res.statusText);
  return json as T;
}

function toast(text: string): void {
  const t = $('#toast');
  t.textContent = text;
  t.hidden = false;
  setTimeout(() => { t.hidden = true; }, 3500);
}

async function refresh(): Promise<void> {
  st = await api<State>(`/api/state?as=${encodeURIComponent(me)}`);
  $('#clock').textContent = new Date(st.now).toLocaleString('nb-NO', { dateStyle: 'medium', timeStyle: 'short' });
  const job = $<HTMLSelectElement>('#job');
  if (job.options.length === 0) job.innerHTML = st.jobs.map((j) => `<option>${escapeHtml(j)}</option>`).join('');
  if (!space || !st.spaces.some((s) => s.name === space)) space = st.spaces[0].name;
  render();
}

// ---- Chat ----------------------------------------------------------------------------------------------------------

function chatView(s: State): string {
  const rail = s.spaces.map((x) => `<button class="ws-space${x.name === space ? ' active' : ''}" data-space="${escapeHtml(x.name)}">${x.dm ? '@' : '#'} ${escapeHtml(x.title)}</button>`).join('');
  const msgs = s.messages.filter((m) => m.space === space);
  const dm = s.spaces.find((x) => x.name === space)?.dm;
  const threads = new Map<string, Msg[]>();
  for (const m of msgs) threads.set(dm ? 'dm' : m.threadName, [...(threads.get(dm ? 'dm' : m.threadName) ?? []), m]);
  const body = [...threads.values()].map((list) => `<section class="ws-thread">${list.map(messageHtml).join('')}</section>`).join('')
    || '<p class="ws-empty">Ingen meldinger ennå. Skriv <b>hjelp</b> eller <b>/status</b>.</p>';
  return `<div class="ws-chat"><aside class="ws-rail">${rail}</aside>
    <section class="ws-conversation"><div id="messages" class="ws-messages">${body}</div>
    <form id="composer" class="ws-composer"><input id="compose" autocomplete="off" placeholder="${dm ? 'Melding til Kompetent – prøv /status, /kurs, /spør …' : '@Kompetent …'}" aria-label="Melding">
    <button type="submit">Send</button></form></section></div>`;
}

function messageHtml(m: Msg): string {
  const who = m.sender.type === 'BOT' ? 'Kompetent' : m.sender.displayName ?? m.sender.email ?? '';
  const time = new Date(m.createTime).toLocaleTimeString('nb-NO', { hour: '2-digit', minute: '2-digit' });
  return `<article class="ws-msg ${m.sender.type === 'BOT' ? 'bot' : 'human'}" data-message="${escapeHtml(m.name)}">
    <div class="ws-msg-head"><b>${escapeHtml(who)}</b> <time>${time}</time></div>${renderMessage(m.message, { timeZoneOffsetMs: TZ_OFFSET })}</article>`;
}

async function chatSend(body: Record<string, unknown>): Promise<void> {
  const r = await api<{ dialog?: Card; notification?: string; closeDialog?: boolean }>('/api/chat', { as: me, space, ...body });
  const dlg = $<HTMLDialogElement>('#dialog');
  if (r.dialog) {
    $('#dialog-body').innerHTML = renderCard(r.dialog, { timeZoneOffsetMs: TZ_OFFSET });
    if (!dlg.open) dlg.showModal();
  } else if (r.closeDialog && dlg.open) dlg.close();
  if (r.notification) toast(r.notification);
  await refresh();
  const list = document.getElementById('messages');
  if (list) list.scrollTop = list.scrollHeight;
}

// ---- Add-on panels (Gmail, Docs, Sheets) --------------------------------------------------------------------------

function panelHtml(host: string): string {
  const stack = panels[host];
  const top = stack[stack.length - 1];
  const back = stack.length > 1 ? '<button class="ws-back" data-back="1">← Tilbake</button>' : '';
  return `<aside class="ws-panel" data-host="${host}"><div class="ws-panel-head"><span class="ws-logo small">K</span> Kompetent ${back}</div>
    ${top ? renderCard(top, { timeZoneOffsetMs: TZ_OFFSET }) : '<p class="ws-empty">Laster…</p>'}</aside>`;
}

function applyNav(host: string, r: RenderActions): void {
  const stack = panels[host];
  for (const n of r.action.navigations ?? []) {
    if (n.pushCard) stack.push(n.pushCard);
    else if (n.updateCard) stack.splice(Math.max(0, stack.length - 1), 1, n.updateCard);
    else if (n.pop) stack.pop();
    else if (n.popToRoot) stack.splice(1);
  }
  if (r.action.notification) toast(r.action.notification.text);
  if (r.action.link) window.open(r.action.link.url, '_blank', 'noopener');
}

async function addon(host: string, entry: string, extra: Record<string, unknown> = {}): Promise<void> {
  const ctx = host === 'gmail' && mailIndex >= 0 ? { messageId: `local-${mailIndex}` } : host === 'docs' && docId ? { docId } : {};
  const r = await api<RenderActions>('/api/addon', { as: me, host, entry, ...ctx, ...extra });
  if (entry !== 'onCardAction') panels[host] = [];
  applyNav(host, r);
  await refresh();
}

function gmailView(s: State): string {
  const list = s.inbox.map((m, i) => `<button class="ws-mail${i === mailIndex ? ' active' : ''}" data-mail="${i}"><b>${escapeHtml(m.subject)}</b><small>${new Date(m.sentAt).toLocaleDateString('nb-NO')}</small></button>`).join('')
    || '<p class="ws-empty">Ingen e-post fra Kompetent ennå.</p>';
  const open = s.inbox[mailIndex];
  const mail = open ? `<article class="ws-mail-open"><h2>${escapeHtml(open.subject)}</h2><pre>${escapeHtml(open.text)}</pre>
    ${(open.attachments ?? []).map((a) => `<a class="ws-attachment" download="${escapeHtml(a.fileName)}" href="data:${escapeHtml(a.mimeType)};charset=utf-8,${encodeURIComponent(a.content)}">📎 ${escapeHtml(a.fileName)}</a>`).join('')}</article>`
    : '<p class="ws-empty">Velg en e-post.</p>';
  return `<div class="ws-split"><aside class="ws-list">${list}</aside><section class="ws-main">${mail}</section>${panelHtml('gmail')}</div>`;
}

function docsView(s: State): string {
  const list = s.docs.map((d) => `<button class="ws-mail${d.id === docId ? ' active' : ''}" data-doc="${escapeHtml(d.id)}">📄 ${escapeHtml(d.title)}</button>`).join('')
    || '<p class="ws-empty">Ingen dokumenter ennå.</p>';
  const d = s.docs.find((x) => x.id === docId);
  const doc = d ? `<article class="ws-doc"><h1>${escapeHtml(d.title)}</h1><pre>${escapeHtml(d.body)}</pre>${d.tables.map((t) => `<h2>${escapeHtml(t.heading)}</h2><table>${t.rows.map((r) => `<tr>${r.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`).join('')}</table>`).join('')}</article>`
    : '<p class="ws-empty">Velg et dokument, eller bruk panelet til høyre.</p>';
  return `<div class="ws-split"><aside class="ws-list">${list}</aside><section class="ws-main">${doc}</section>${panelHtml('docs')}</div>`;
}

const TABLES = ['Units', 'Employees', 'Roles', 'Competences', 'Requirements', 'Certifications', 'Courses', 'Sessions', 'Enrollments', 'PlanItems', 'Appraisals', 'SkillAssessments', 'Guides', 'Questions', 'Faq', 'Notifications', 'Audit', 'Settings'];

async function sheetsView(): Promise<string> {
  const data = await api<{ header: string[]; rows: { rowNumber: number; cells: unknown[] }[]; problems: { row?: number; message: string }[] }>(`/api/sheets/${sheet}`);
  const tabs = TABLES.map((t) => `<button class="ws-sheet-tab${t === sheet ? ' active' : ''}" data-sheet="${t}">${t}</button>`).join('');
  const shown = data.rows.slice(0, 300);
  const grid = `<table class="ws-grid"><thead><tr><th>1</th>${data.header.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead><tbody>${shown.map((r) =>
    `<tr><th>${r.rowNumber}</th>${data.header.map((_, c) => `<td contenteditable="true" spellcheck="false" data-row="${r.rowNumber}" data-col="${c}">${escapeHtml(String(r.cells[c] ?? ''))}</td>`).join('')}</tr>`).join('')}</tbody></table>`;
  const more = data.rows.length > shown.length ? `<p class="ws-empty">Viser ${shown.length} av ${data.rows.length} rader.</p>` : '';
  return `<div class="ws-split"><section class="ws-main ws-sheet"><div class="ws-sheet-tabs">${tabs}</div><div class="ws-grid-wrap">${grid}${more}</div></section>${panelHtml('sheets')}</div>`;
}

// ---- Rendering and events ------------------------------------------------------------------------------------------

async function render(): Promise<void> {
  if (!st) return;
  document.querySelectorAll('[data-tab]').forEach((b) => b.setAttribute('aria-selected', String(b.getAttribute('data-tab') === tab)));
  const app = $('#app');
  if (tab === 'chat') app.innerHTML = chatView(st);
  else if (tab === 'gmail') app.innerHTML = gmailView(st);
  else if (tab === 'docs') app.innerHTML = docsView(st);
  else app.innerHTML = await sheetsView();
  if (tab !== 'chat' && panels[tab].length === 0) await addon(tab, tab === 'gmail' ? 'onHomepage' : tab === 'docs' ? 'onDocsHomepage' : 'onSheetsHomepage');
}

async function onCardClick(el: HTMLElement): Promise<void> {
  const onClick = actionFromElement(el);
  if (!onClick) return;
  if (onClick.openLink) { window.open(onClick.openLink.url, '_blank', 'noopener'); return; }
  const form = el.closest('form.kc-card') ?? document;
  const parameters = eventParameters(onClick);
  const formInputs = collectFormInputs(form, TZ_OFFSET);
  const inDialog = !!el.closest('#dialog');
  const panel = el.closest('.ws-panel') as HTMLElement | null;
  if (panel) return addon(panel.dataset.host!, 'onCardAction', { parameters, formInputs });
  const messageName = (el.closest('[data-message]') as HTMLElement | null)?.dataset.message;
  return chatSend({ click: { messageName, parameters, formInputs, openDialog: onClick.action?.interaction === 'OPEN_DIALOG', inDialog } });
}

document.addEventListener('click', (ev) => {
  const t = ev.target as HTMLElement;
  const run = (p: Promise<unknown>) => p.catch((e: Error) => toast(e.message));
  if (t.closest('[data-action]')) { ev.preventDefault(); run(onCardClick(t)); return; }
  const d = (sel: string) => (t.closest(sel) as HTMLElement | null);
  if (d('[data-tab]')) { tab = d('[data-tab]')!.dataset.tab!; run(render()); }
  else if (d('[data-space]')) { space = d('[data-space]')!.dataset.space!; run(render()); }
  else if (d('[data-mail]')) { mailIndex = Number(d('[data-mail]')!.dataset.mail); run(addon('gmail', 'onGmailMessage')); }
  else if (d('[data-doc]')) { docId = d('[data-doc]')!.dataset.doc!; run(addon('docs', 'onDocsHomepage')); }
  else if (d('[data-sheet]')) { sheet = d('[data-sheet]')!.dataset.sheet!; run(render()); }
  else if (d('[data-back]')) { panels[tab].pop(); run(render()); }
});

document.addEventListener('submit', (ev) => {
  const f = ev.target as HTMLElement;
  ev.preventDefault();
  if (f.id === 'composer') {
    const input = $<HTMLInputElement>('#compose');
    const text = input.value.trim();
    if (text) chatSend({ text }).catch((e: Error) => toast(e.message));
  }
});

document.addEventListener('focusout', (ev) => {
  const cell = ev.target as HTMLElement;
  if (!cell.matches?.('td[contenteditable]')) return;
  const value = cell.textContent ?? '';
  if (value === cell.dataset.was) return;
  api('/api/sheets/edit', { table: sheet, row: Number(cell.dataset.row), column: Number(cell.dataset.col), value })
    .then(() => { toast('Lagret i registeret'); panels.sheets = []; return render(); })
    .catch((e: Error) => toast(e.message));
});
document.addEventListener('focusin', (ev) => {
  const cell = ev.target as HTMLElement;
  if (cell.matches?.('td[contenteditable]')) cell.dataset.was = cell.textContent ?? '';
});

async function loadPeople(q = ''): Promise<void> {
  const p = await api<{ personas: { key: string; email: string; name: string; kinds: string[] }[]; people: { email: string; name: string; kinds: string[] }[] }>(`/api/people?q=${encodeURIComponent(q)}`);
  const opt = (x: { email: string; name: string; kinds: string[] }, label = '') => `<option value="${escapeHtml(x.email)}">${escapeHtml(label || x.name)} · ${x.kinds.join(', ')}</option>`;
  $<HTMLSelectElement>('#who').innerHTML = `<optgroup label="Demo-personer">${p.personas.map((x) => opt(x, `${x.name} (${x.key})`)).join('')}</optgroup>`
    + `<optgroup label="Alle">${p.people.map((x) => opt(x)).join('')}</optgroup>`;
  if (!me) me = p.personas[0]?.email ?? '';
  $<HTMLSelectElement>('#who').value = me;
}

async function start(): Promise<void> {
  await loadPeople();
  $('#who').addEventListener('change', () => { me = $<HTMLSelectElement>('#who').value; panels.gmail = []; panels.docs = []; panels.sheets = []; mailIndex = -1; docId = ''; refresh(); });
  $('#who-search').addEventListener('change', () => loadPeople($<HTMLInputElement>('#who-search').value));
  $('#plus-day').addEventListener('click', () => api('/api/clock', { days: 1 }).then(refresh));
  $('#plus-month').addEventListener('click', () => api('/api/clock', { days: 30 }).then(refresh));
  $('#run-job').addEventListener('click', () => api(`/api/jobs/${$<HTMLSelectElement>('#job').value}`, {}).then(() => { toast('Jobben er kjørt'); return refresh(); }));
  $('#dialog').addEventListener('cancel', () => undefined);
  await refresh();
}

start().catch((e: Error) => toast(e.message));
