// Google Docs in the local workspace: the documents shared with the person, a document page they read and (with edit
// access) type into — paragraphs and tables, "add row" — and the add-on's file access, granted in Docs' own dialog.
import { ICON } from './icons';
import { api, type DocFull } from './client-api';
import { esc, S, w, wh } from './client-state';
import type { RequestFileScope } from '../../ui/render-actions';

let openDoc: DocFull | undefined;

/** The blank document the Docs tab opens with (Docs always has a document open), titled in the person's language. */
const BLANK_ID = 'local-blank-document';
function blankDoc(): { id: string; title: string } {
  return { id: BLANK_ID, title: w('ws.docs.blank') };
}

const GRANTS_KEY = 'kompetent.workspace.fileScope';

/** drive.file grants, per person and document, as Google keeps them (a grant outlives the session). */
function grants(): Set<string> {
  try { return new Set(JSON.parse(localStorage.getItem(GRANTS_KEY) ?? '[]') as string[]); } catch { return new Set(); }
}
function granted(docId: string): boolean { return grants().has(`${S.me}|${docId}`); }
function grant(docId: string): void {
  const g = grants();
  g.add(`${S.me}|${docId}`);
  localStorage.setItem(GRANTS_KEY, JSON.stringify([...g]));
}

function current(): { id: string; title: string } {
  return openDoc ? { id: openDoc.id, title: openDoc.title } : blankDoc();
}

/** The docs object of the add-on event: id and title only once the person has granted the add-on the file (A6). */
export function docContext(): { file?: { id: string; title: string } } {
  const d = current();
  return granted(d.id) ? { file: d } : {};
}

export function docsEntry(): string {
  return granted(current().id) ? 'onDocsFileScopeGranted' : 'onDocsHomepage';
}

/** requestFileScopeForActiveDocument: Docs asks the person in its own dialog, then runs onFileScopeGranted. */
export function docsHostAction(r: RequestFileScope, onGranted: () => Promise<void>): void {
  if (!r.hostAppAction.editorAction.requestFileScopeForActiveDocument) return;
  const d = current();
  const box = document.createElement('div');
  box.className = 'ws-consent-backdrop';
  box.innerHTML = `<div class="ws-consent" role="dialog" aria-modal="true" aria-labelledby="consent-title">
    <h2 id="consent-title">${wh('ws.docs.consentTitle')}</h2>
    <p>${wh('ws.docs.consent', {}, { title: `<b>${esc(d.title)}</b>` })}</p>
    <div class="ws-consent-buttons"><button data-consent="no">${wh('ws.docs.cancel')}</button><button data-consent="yes" class="ws-primary">${wh('ws.docs.allow')}</button></div></div>`;
  document.body.append(box);
  box.addEventListener('click', (ev) => {
    const b = (ev.target as HTMLElement).closest('[data-consent]') as HTMLElement | null;
    if (!b) return;
    box.remove();
    if (b.dataset.consent === 'yes') {
      grant(d.id);
      void onGranted();
    }
  });
}

export async function loadDoc(): Promise<void> {
  openDoc = S.docId ? await api.doc(S.me, S.docId) : undefined;
}

const ROLE_TEXT = { writer: 'ws.docs.roleWriter', commenter: 'ws.docs.roleCommenter', reader: 'ws.docs.roleReader' } as const;

function docPage(d: DocFull): string {
  const edit = d.role === 'writer';
  const ce = edit ? ' contenteditable="true" spellcheck="false"' : '';
  const body = d.blocks.map((b, i) => {
    if (b.kind === 'table') {
      const rows = b.rows.map((r, ri) => `<tr>${r.map((c, ci) => {
        const tag = ri === 0 ? 'th' : 'td';
        return `<${tag} data-doc-block="${i}" data-doc-row="${ri}" data-doc-col="${ci}"${ce}>${esc(c)}</${tag}>`;
      }).join('')}</tr>`).join('');
      return `<table data-doc-table="${i}">${rows}</table>${edit ? `<button class="ws-doc-addrow" data-doc-add-row="${i}">${ICON.plus}${wh('ws.docs.addRow')}</button>` : ''}`;
    }
    const tag = b.style === 'TITLE' ? 'h1' : b.style === 'HEADING_2' ? 'h2' : 'p';
    return `<${tag} class="ws-doc-para${b.text ? '' : ' empty'}" data-doc-block="${i}"${ce}>${esc(b.text)}</${tag}>`;
  }).join('');
  return `<article class="ws-doc-page" data-doc-id="${esc(d.id)}" data-doc-role="${d.role}">
    <div class="ws-doc-role">${wh(ROLE_TEXT[d.role])}</div>${body}</article>`;
}

export function docsView(panel: string): string {
  const docs = S.st?.docs ?? [];
  const files = S.st?.files ?? [];
  const list = `<button class="ws-doc-row${!S.docId ? ' active' : ''}" data-doc="">${ICON.plus}${esc(blankDoc().title)}</button>`
    + docs.map((d) => `<button class="ws-doc-row${d.id === S.docId ? ' active' : ''}" data-doc="${esc(d.id)}">${ICON.doc}${esc(d.title)}</button>`).join('');
  const fileList = files.length ? `<div class="ws-rail-section">${wh('ws.docs.files')}</div>${files.map((f) => `<a class="ws-doc-row ws-file-row" target="_blank" rel="noopener"
      href="/api/drive/${encodeURIComponent(f.id)}?as=${encodeURIComponent(S.me)}" title="${esc(f.folder)}">${ICON.clip}${esc(f.name)}</a>`).join('')}` : '';
  const page = openDoc ? docPage(openDoc)
    : `<article class="ws-doc-page ws-doc-blank"><p class="ws-muted">${wh('ws.docs.blankPage')}</p></article>`;
  return `<div class="ws-split ws-docs">
    <nav class="ws-doc-list" aria-label="${wh('ws.docs.documents')}"><div class="ws-rail-section">${wh('ws.docs.documents')}</div>${list}${fileList}</nav>
    <section class="ws-main ws-doc-canvas">${page}</section>
    ${panel}</div>`;
}

/** Typing in the document: saved when the paragraph or cell loses focus, as Docs saves as you go. */
export async function saveDocEdit(el: HTMLElement): Promise<boolean> {
  const page = el.closest('.ws-doc-page') as HTMLElement | null;
  if (!page || !openDoc) return false;
  const text = (el.innerText ?? '').replace(/\n$/, '');
  if (text === el.dataset.was) return false;
  const block = Number(el.dataset.docBlock);
  const body = el.dataset.docRow !== undefined
    ? { block, row: Number(el.dataset.docRow), col: Number(el.dataset.docCol), text }
    : { block, text };
  openDoc = await api.docEdit(S.me, openDoc.id, body);
  return true;
}

export async function addDocRow(block: number): Promise<void> {
  if (!openDoc) return;
  openDoc = await api.docEdit(S.me, openDoc.id, { block, addRow: true });
}
