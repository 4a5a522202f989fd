// The add-on side panel (Gmail, Docs, Sheets) with its card stack, and the Gmail and Docs views around it.
import { ICON } from './icons';
import type { OnClick } from '../../contract/card-types';
import type { AddOnActionResponse } from '../../ui/render-actions';
import { api, type MailFull } from './client-api';
import { docContext, docsEntry, docsHostAction } from './client-docs';
import { cardOptions, esc, fmtDate, fmtDateTime, S, serverNow, toast, wh, whoAmI, type PanelHost } from './client-state';
import { collectFormInputs, eventParameters } from './card-inputs';
import { renderCard } from './card-renderer';
import { addonEvent } from './google-events';

let openMail: MailFull | undefined;

/** The add-on panel: Google shows the top card of the stack, with a back arrow when there is more than one. */
export function panelHtml(host: PanelHost): string {
  if (!S.panelOpen[host]) return '';
  const stack = S.panels[host];
  const top = stack[stack.length - 1];
  const back = stack.length > 1 ? `<button class="ws-icon-btn" data-back aria-label="${wh('ws.panel.back')}">${ICON.back}</button>` : '';
  return `<aside class="ws-panel" data-host="${host}" aria-label="${wh('ws.panel.label')}">
    <div class="ws-panel-head">${back}<span class="ws-logo small" aria-hidden="true">K</span><span class="ws-panel-title">Kompetent</span>
      <button class="ws-icon-btn" data-panel-close aria-label="${wh('ws.panel.close')}">${ICON.close}</button></div>
    <div class="ws-panel-body">${top ? renderCard(top, cardOptions()) : `<p class="ws-muted">${wh('ws.panel.loading')}</p>`}</div></aside>`;
}

/** The narrow strip of add-on icons Google shows at the right edge. */
export function sideRail(host: PanelHost, extra = ''): string {
  return `<nav class="ws-side-rail" aria-label="${wh('ws.panel.addons')}"><button class="ws-rail-addon${S.panelOpen[host] ? ' active' : ''}" data-panel-toggle="${host}" title="Kompetent">K</button>${extra}</nav>`;
}

function context(host: PanelHost) {
  // Gmail hands the add-on a per-message access token with the open message (and with clicks on its card).
  if (host === 'gmail' && S.mailId) return { gmail: { messageId: `msg-f:${S.mailId}`, threadId: `thread-f:${S.mailId}`, accessToken: `local-token-${S.mailId}` } };
  if (host === 'docs') return docContext();
  return {};
}

/** Applies the host's answer; false when the card stayed as it was (a notification only: Google keeps what was typed). */
function applyNav(host: PanelHost, r: AddOnActionResponse): boolean {
  if ('hostAppAction' in r) {
    if (host === 'docs') docsHostAction(r, () => openAddon('docs', 'onDocsFileScopeGranted'));
    return false;
  }
  const stack = S.panels[host];
  for (const n of r.action?.navigations ?? []) {
    if ('pushCard' in n && n.pushCard) stack.push(n.pushCard);
    else if ('updateCard' in n && n.updateCard) stack.splice(Math.max(0, stack.length - 1), 1, n.updateCard);
    else if ('pop' in n && n.pop) { if (stack.length > 1) stack.pop(); }
    else if ('popToRoot' in n && n.popToRoot) stack.splice(1);
    else if ('popToCard' in n) {
      const at = stack.map((c) => c.name).lastIndexOf(n.popToCard);
      if (at >= 0) stack.splice(at + 1);
    }
  }
  if (r.action?.notification?.text) toast(r.action.notification.text);
  const url = r.action?.link?.url;
  if (url) openUrl(url);
  return (r.action?.navigations ?? []).length > 0;
}

/** A link from a card: a Google Docs document opens in the workspace's Docs tab (offline), anything else in a new tab. */
export function openUrl(url: string): void {
  const doc = /^https:\/\/docs\.google\.com\/document\/d\/([\w-]+)/.exec(url)?.[1];
  if (doc) {
    window.dispatchEvent(new CustomEvent('kompetent-open-doc', { detail: doc }));
    return;
  }
  // A Drive file (a certificate to verify) opens from the local Drive, as the person the workspace is acting as.
  const file = /^https:\/\/drive\.google\.com\/file\/d\/([\w-]+)/.exec(url)?.[1];
  if (file) {
    window.open(`/api/drive/${encodeURIComponent(file)}?as=${encodeURIComponent(S.me)}`, '_blank', 'noopener');
    return;
  }
  if (/^https?:\/\//i.test(url)) window.open(url, '_blank', 'noopener');
}

export function redrawPanel(host: PanelHost): void {
  const el = document.querySelector(`.ws-panel[data-host="${host}"]`);
  if (el) el.outerHTML = panelHtml(host);
}

/** Opens the panel fresh on an entry point (homepage or contextual trigger). */
export async function openAddon(host: PanelHost, entry: string): Promise<void> {
  const r = await api.addon(host, entry, S.me, addonEvent(host, whoAmI(), { now: serverNow(), ...context(host) }));
  S.panels[host] = [];
  applyNav(host, r);
  redrawPanel(host);
}

export function homeEntry(host: PanelHost): string {
  if (host === 'gmail') return S.mailId ? 'onGmailMessage' : 'onHomepage';
  if (host === 'docs') return docsEntry();
  return 'onSheetsHomepage';
}

/** A button in the panel: the card-action callback named in the button, with parameters and the panel's form inputs. */
export async function addonCardClick(host: PanelHost, el: HTMLElement, onClick: OnClick): Promise<void> {
  const panel = el.closest('.ws-panel') as HTMLElement;
  const event = addonEvent(host, whoAmI(), {
    now: serverNow(), ...context(host), parameters: eventParameters(onClick),
    formInputs: collectFormInputs(panel, cardOptions().timeZoneOffsetMs ?? 0),
  });
  panel.setAttribute('aria-busy', 'true');
  let changed: boolean;
  try {
    const r = await api.addon(host, onClick.action?.function || 'onCardAction', S.me, event);
    changed = applyNav(host, r);
  } finally {
    panel.removeAttribute('aria-busy');
  }
  if (changed) redrawPanel(host);
}

// ---- Gmail

export async function loadMail(): Promise<void> {
  openMail = S.mailId ? await api.mail(S.me, S.mailId) : undefined;
}

function mailBody(m: MailFull): string {
  // App-made HTML is shown as Gmail would: sandboxed, scripts off.
  if (m.html) return `<iframe class="ws-mail-html" sandbox="" title="${wh('ws.mail.mail')}" srcdoc="${esc(m.html)}"></iframe>`;
  return `<div class="ws-mail-text">${esc(m.text)}</div>`;
}

function senderName(from: string | undefined): string {
  const f = from ?? 'Kompetent';
  return /^(.*?)\s*<[^>]+>$/.exec(f)?.[1] || f;
}
function senderAddress(from: string | undefined): string {
  return /<([^>]+)>$/.exec(from ?? '')?.[1] ?? 'kompetent@kommune.example';
}

export function gmailView(): string {
  const inbox = S.st?.inbox ?? [];
  const list = inbox.map((m) => `<button class="ws-mail-row${m.id === S.mailId ? ' active' : ''}" data-mail="${esc(m.id)}">
      <span class="ws-mail-from">${esc(senderName(m.from))}</span><span class="ws-mail-subject"><b>${esc(m.subject)}</b> – ${esc(m.snippet)}</span>
      ${m.attachments.length ? `<span class="ws-clip" title="${wh('ws.mail.attachment')}">${ICON.clip}</span>` : ''}<span class="ws-mail-date">${fmtDate(m.sentAt)}</span></button>`).join('')
    || `<div class="ws-empty-state"><h2>${wh('ws.mail.emptyTitle')}</h2><p>${wh('ws.mail.empty')}</p></div>`;
  const m = openMail;
  const reading = m ? `<article class="ws-mail-open">
      <div class="ws-mail-toolbar"><button class="ws-icon-btn" data-mail-close aria-label="${wh('ws.mail.backToInbox')}">${ICON.back}</button></div>
      <h1>${esc(m.subject)}</h1>
      <div class="ws-mail-meta"><span class="ws-avatar app" aria-hidden="true">K</span><div><b>${esc(senderName(m.from))}</b> <span class="ws-muted">&lt;${esc(senderAddress(m.from))}&gt;</span><br><span class="ws-muted">${wh('ws.mail.to', { to: m.to })}</span></div><time>${fmtDateTime(m.sentAt)}</time></div>
      ${mailBody(m)}
      ${m.attachments.length ? `<div class="ws-attachments">${m.attachments.map((a) => `<a class="ws-attachment" href="/api/mail/${esc(m.id)}/attachments/${a.index}?as=${encodeURIComponent(S.me)}" download="${esc(a.fileName)}"><span aria-hidden="true">${a.mimeType.includes('calendar') ? ICON.calendar : ICON.doc}</span>${esc(a.fileName)}</a>`).join('')}</div>` : ''}
    </article>` : '';
  return `<div class="ws-split ws-gmail">
    <nav class="ws-folders" aria-label="${wh('ws.mail.folders')}"><div class="ws-folder active">${ICON.inbox} ${wh('ws.mail.inbox')} <span class="ws-count">${inbox.length}</span></div>
      <button class="ws-sim-mail" data-external-certificate title="${wh('ws.mail.certificateHint')}">${wh('ws.mail.certificate')}</button></nav>
    <section class="ws-main ws-mail-pane">${m ? reading : `<div class="ws-mail-list" role="list">${list}</div>`}</section>
    ${panelHtml('gmail')}${sideRail('gmail')}</div>`;
}
