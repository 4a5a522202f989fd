// Google Chat in the workspace: spaces, threads and history, a composer that sends Chat's events, cards and dialogs.
import { ICON } from './icons';
import { COMMANDS } from '../../app/pipeline/chat-routing';
import type { Card, OnClick } from '../../contract/card-types';
import { api, type ChatEffect, type SpaceEntry } from './client-api';
import { $, avatar, cardOptions, esc, fmtDate, fmtTime, randomId, S, serverNow, toast, w, wh, whoAmI } from './client-state';
import { collectFormInputs, eventParameters } from './card-inputs';
import { renderCard, renderMessage } from './card-renderer';
import { addedEvent, clickEvent, commandEvent, isDm, messageEvent, parseComposer, type StoredMessage } from './google-events';
import { t, type MessageKey } from '../../core/i18n';

function space(): SpaceEntry | undefined {
  return S.st?.spaces.find((s) => s.name === S.space);
}

function spaceIcon(s: SpaceEntry): string {
  if (s.kind === 'dm') return '<span class="ws-avatar app" aria-hidden="true">K</span>';
  return `<span class="ws-avatar room ws-room-${s.kind}" aria-hidden="true">${s.kind === 'forum' ? ICON.forum : s.kind === 'announcements' ? ICON.megaphone : ICON.hash}</span>`;
}

function rail(): string {
  const spaces = S.st?.spaces ?? [];
  const item = (s: SpaceEntry) => `<button class="ws-space${s.name === S.space ? ' active' : ''}" data-space="${esc(s.name)}">
    ${spaceIcon(s)}<span class="ws-space-name">${esc(s.displayName)}</span>${s.kind === 'dm' ? appTag() : s.threads ? `<span class="ws-count">${s.threads}</span>` : ''}</button>`;
  return `<aside class="ws-rail" aria-label="${wh('ws.chat.spaces')}">
    <div class="ws-rail-section">${wh('ws.chat.dms')}</div>${spaces.filter((s) => s.kind === 'dm').map(item).join('')}
    <div class="ws-rail-section">${wh('ws.chat.spaces')}</div>${spaces.filter((s) => s.kind !== 'dm').map(item).join('') || `<p class="ws-muted">${wh('ws.chat.noSpaces')}</p>`}
  </aside>`;
}

const appTag = () => `<span class="ws-app-tag">${wh('ws.chat.appTag')}</span>`;

function messageHtml(m: StoredMessage, reply = false): string {
  const bot = m.sender.type === 'BOT';
  const who = bot ? 'Kompetent' : m.sender.displayName || m.sender.email || '';
  const face = bot ? '<span class="ws-avatar app" aria-hidden="true">K</span>' : avatar(who);
  return `<article class="ws-msg ${bot ? 'bot' : 'human'}${reply ? ' reply' : ''}" data-message="${esc(m.name)}">
    ${face}<div class="ws-msg-main"><div class="ws-msg-head"><b>${esc(who)}</b>${bot ? appTag() : ''}<time datetime="${esc(m.createTime)}">${fmtDate(m.createTime)} ${fmtTime(m.createTime)}</time></div>
    ${renderMessage(m.message, cardOptions())}</div></article>`;
}

function threadHtml(list: StoredMessage[]): string {
  const [first, ...replies] = list;
  if (!first) return '';
  const thread = first.threadName;
  return `<section class="ws-thread${S.replyThread === thread ? ' replying' : ''}" data-thread="${esc(thread)}">${messageHtml(first)}
    ${replies.length ? `<div class="ws-replies">${replies.map((m) => messageHtml(m, true)).join('')}</div>` : ''}
    <button class="ws-reply-btn" data-reply="${esc(thread)}">${ICON.reply} ${wh('ws.chat.reply')}${replies.length ? ` · ${wh('ws.chat.replies', { count: replies.length })}` : ''}</button></section>`;
}

export function messagesHtml(): string {
  const s = space();
  if (!s) return '';
  if (S.messages.length === 0) {
    return s.kind === 'dm'
      ? `<div class="ws-empty-state"><span class="ws-avatar app big">K</span><h2>Kompetent</h2><p>${wh('ws.chat.dmEmpty', {}, { help: `<b>${wh('ws.chat.helpWord')}</b>`, slash: '<b>/</b>' })}</p></div>`
      : `<div class="ws-empty-state"><h2>${wh('ws.chat.roomEmptyTitle')}</h2><p>${wh('ws.chat.roomEmpty')}</p></div>`;
  }
  if (s.kind === 'dm') {
    let day = '';
    return S.messages.map((m) => {
      const d = fmtDate(m.createTime, true);
      const divider = d !== day ? `<div class="ws-day"><span>${esc(d)}</span></div>` : '';
      day = d;
      return divider + messageHtml(m);
    }).join('');
  }
  const threads = new Map<string, StoredMessage[]>();
  for (const m of S.messages) threads.set(m.threadName, [...(threads.get(m.threadName) ?? []), m]);
  return [...threads.values()].map(threadHtml).join('');
}

export function chatView(): string {
  const s = space();
  const dm = !!s && s.kind === 'dm';
  const sub = !s ? '' : w(dm ? 'ws.chat.subDm' : s.kind === 'forum' ? 'ws.chat.subForum' : s.kind === 'announcements' ? 'ws.chat.subAnnouncements' : 'ws.chat.subRoom');
  const replying = S.replyThread ? S.messages.find((m) => m.threadName === S.replyThread) : undefined;
  const replyText = replying ? (replying.message.text || replying.message.cardsV2?.[0]?.card.header?.title || w('ws.chat.thread')) : '';
  return `<div class="ws-chat">${rail()}
    <section class="ws-conversation" aria-label="${esc(s?.displayName ?? '')}">
      <header class="ws-conv-head">${s ? spaceIcon(s) : ''}<div><h1>${esc(s?.displayName ?? '')}</h1><small>${esc(sub)}</small></div></header>
      <div id="messages" class="ws-messages">${messagesHtml()}</div>
      <form id="composer" class="ws-composer" autocomplete="off">
        <ul id="slash-hints" class="ws-hints" role="listbox" hidden></ul>
        ${replying ? `<div class="ws-reply-to">${wh('ws.chat.replyingTo', { text: replyText.slice(0, 80) })} <button type="button" class="ws-icon-btn" data-cancel-reply aria-label="${wh('ws.chat.cancelReply')}">${ICON.close}</button></div>` : ''}
        <div class="ws-composer-box">
          <input id="compose" placeholder="${wh(dm ? 'ws.chat.placeholderDm' : 'ws.chat.placeholderRoom')}" aria-label="${wh('ws.chat.message')}">
          <button type="submit" class="ws-send" aria-label="${wh('ws.chat.send')}">${ICON.send}</button>
        </div>
      </form>
    </section></div>`;
}

export async function loadMessages(): Promise<void> {
  if (!S.space) return;
  S.messages = (await api.messages(S.me, S.space)).messages;
}

/** What a keyboard can be on inside a message. */
const FOCUSABLE = 'button, summary, input, select, textarea, a[href]';

export function redrawMessages(scroll = true): void {
  const list = document.getElementById('messages');
  if (!list) return;
  const atBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 60;
  // A redraw (the 3 s poll after any change) keeps the "Vis mer" sections a person opened, as Chat does.
  const sectionsOf = (m: HTMLElement) => m.querySelectorAll<HTMLDetailsElement>('details.kc-more');
  const messages = () => [...list.querySelectorAll<HTMLElement>('[data-message]')];
  const open = messages().flatMap((m) => [...sectionsOf(m)].flatMap((d, i) => (d.open ? [{ name: m.dataset.message, i }] : [])));
  // And the control a keyboard user is on (a redraw must not drop the focus to the page).
  const focusables = (m: HTMLElement) => [...m.querySelectorAll<HTMLElement>(FOCUSABLE)];
  const active = document.activeElement instanceof HTMLElement ? document.activeElement.closest<HTMLElement>('[data-message]') : null;
  const focus = active && list.contains(active) ? { name: active.dataset.message, i: focusables(active).indexOf(document.activeElement as HTMLElement) } : undefined;
  list.innerHTML = messagesHtml();
  const byName = new Map(messages().map((m) => [m.dataset.message, m]));
  for (const { name, i } of open) {
    const m = byName.get(name);
    const d = m ? sectionsOf(m)[i] : undefined;
    if (d) d.open = true;
  }
  const back = focus && focus.i >= 0 ? byName.get(focus.name) : undefined;
  if (back) focusables(back)[focus!.i]?.focus({ preventScroll: true });
  if (scroll || atBottom) list.scrollTop = list.scrollHeight;
}

/** First visit of the DM: Chat tells the app it was added, and the app says hello. */
export async function greetIfNew(): Promise<void> {
  const s = space();
  if (!s || s.kind !== 'dm' || s.messages > 0 || S.greeted.has(s.name)) return;
  S.greeted.add(s.name);
  await api.chatEvent(addedEvent(whoAmI(), s.name, serverNow()));
}

function showDialog(card: Card): void {
  const dlg = $<HTMLDialogElement>('#dialog');
  $('#dialog-body').innerHTML = renderCard(card, cardOptions());
  if (!dlg.open) dlg.showModal();
}

export function closeDialog(): void {
  const dlg = $<HTMLDialogElement>('#dialog');
  if (dlg.open) dlg.close();
  S.dialogOrigin = undefined;
}

async function applyEffect(effect: ChatEffect, origin?: StoredMessage): Promise<void> {
  if (effect.dialog) {
    if (origin) S.dialogOrigin = origin;
    showDialog(effect.dialog);
  } else if (effect.closeDialog) {
    closeDialog();
  }
  if (effect.notification) toast(effect.notification);
  await loadMessages();
  redrawMessages(effect.created.length > 0);
}

/** The composer: a slash command, an @mention (or any DM text) goes to the app; other room text is just posted. */
export async function sendComposer(text: string): Promise<void> {
  const s = space();
  if (!s || text.trim() === '') return;
  const who = whoAmI();
  const name = `${s.name}/messages/${randomId()}.${randomId()}`;
  const threadName = !isDm(s.name) && S.replyThread ? S.replyThread : `${s.name}/threads/${randomId()}`;
  const typed = { name, text, threadName, createTime: serverNow().toISOString(), threadReply: !isDm(s.name) && !!S.replyThread };
  const c = parseComposer(text, isDm(s.name));
  if (c.kind === 'plain') {
    await api.plainMessage({ user: who.email, space: s.name, text, name, threadName, displayName: who.name });
    await applyEffect({ created: [name], updated: [] });
    return;
  }
  const event = c.kind === 'command' ? commandEvent(who, s.name, typed, c, s.displayName) : messageEvent(who, s.name, typed, c.argumentText, s.displayName);
  const { effect } = await api.chatEvent(event);
  await applyEffect(effect, S.messages.find((m) => m.name === name));
}

/** A click on a card in a message or in the open dialog, sent as Chat's buttonClickedPayload event. */
export async function chatCardClick(el: HTMLElement, onClick: OnClick): Promise<void> {
  const inDialog = !!el.closest('#dialog');
  const msgEl = el.closest('[data-message]') as HTMLElement | null;
  const clicked = inDialog ? S.dialogOrigin : S.messages.find((m) => m.name === msgEl?.dataset.message);
  if (!clicked) throw new Error(w('ws.chat.gone'));
  const root = inDialog ? $('#dialog-body') : msgEl!;
  const dialog = inDialog ? 'SUBMIT_DIALOG' as const : onClick.action?.interaction === 'OPEN_DIALOG' ? 'REQUEST_DIALOG' as const : undefined;
  const event = clickEvent(whoAmI(), clicked, {
    parameters: eventParameters(onClick), formInputs: collectFormInputs(root, cardOptions().timeZoneOffsetMs ?? 0), dialog,
    now: serverNow(), spaceName: space()?.displayName,
  });
  root.setAttribute('aria-busy', 'true');
  try {
    const { effect } = await api.chatEvent(event);
    await applyEffect(effect, clicked);
  } finally {
    root.removeAttribute('aria-busy');
  }
}

/** Slash-command suggestions while the composer starts with "/". */
export function updateHints(value: string): void {
  const ul = document.getElementById('slash-hints');
  if (!ul) return;
  const m = /^\/(\S*)$/.exec(value);
  const matches = m ? COMMANDS.filter((c) => c.slash.toLowerCase().startsWith((m[1] ?? '').toLowerCase())) : [];
  ul.hidden = matches.length === 0;
  // The descriptions are the ones configured on the Chat API page (docs/google-setup.md), from the catalogue.
  ul.innerHTML = matches.map((c) => `<li role="option"><button type="button" data-hint="/${esc(c.slash)} "><b>/${esc(c.slash)}</b><span>${esc(t('nb', `command.hint.${c.slash}` as MessageKey))}</span></button></li>`).join('');
}
