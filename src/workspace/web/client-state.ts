// Shared state and small helpers of the workspace's browser client (who is acting, what is open, the server's clock).
import type { Card } from '../../contract/card-types';
import type { State } from './client-api';
import { escapeHtml, type CardRenderOptions } from './card-renderer';
import { timeZoneOf, type StoredMessage, type Who } from './google-events';
import { LOCALE_TAGS, pickLocale, t, type Locale, type MessageKey, type Params } from '../../core/i18n';

export type Tab = 'chat' | 'gmail' | 'docs' | 'sheets';
export type PanelHost = 'gmail' | 'docs' | 'sheets';

export const S = {
  me: '',
  tab: 'chat' as Tab,
  st: undefined as State | undefined,
  /** Server clock minus the browser's, so events carry the workspace's (movable) time. */
  clockSkewMs: 0,
  version: -1,
  space: '',
  messages: [] as StoredMessage[],
  replyThread: undefined as string | undefined,
  /** The message a Chat dialog was opened from (dialog submits carry it, chat-events/06). */
  dialogOrigin: undefined as StoredMessage | undefined,
  mailId: undefined as string | undefined,
  docId: undefined as string | undefined,
  sheet: 'Ansatte', // the Employees tab, by its Norwegian title (src/core/records/labels.ts)
  sheetOffset: 0,
  sheetQuery: '',
  sheetSide: 'addon' as 'addon' | 'sidebar' | 'none',
  panels: { gmail: [] as Card[], docs: [] as Card[], sheets: [] as Card[] },
  panelOpen: { gmail: true, docs: true, sheets: true },
  /** Spaces whose DM has been opened (an ADDED_TO_SPACE event is sent once, on first open). */
  greeted: new Set<string>(),
};

export const $ = <T extends HTMLElement = HTMLElement>(sel: string): T => document.querySelector(sel) as T;
export const esc = escapeHtml;

export function serverNow(): Date {
  return new Date(Date.now() + S.clockSkewMs);
}

export function whoAmI(): Who {
  const me = S.st?.me;
  return { email: S.me, name: me?.name ?? S.me, locale: me?.locale ?? 'nb' };
}

/** The language of the person acting (their locale in the records): the shell's words and the cards' own labels. */
export function lang(): Locale {
  return pickLocale(whoAmI().locale);
}

/** A shell text in the acting person's language (plain text: escape it for HTML). */
export function w(key: MessageKey, params?: Params): string {
  return t(lang(), key, params);
}

/** A shell text as HTML: the words escaped, then each `{name}` in `markup` replaced by that (already safe) HTML. */
export function wh(key: MessageKey, params: Params = {}, markup: Record<string, string> = {}): string {
  return esc(t(lang(), key, params)).replace(/\{(\w+)\}/g, (m, name: string) => (Object.prototype.hasOwnProperty.call(markup, name) ? markup[name]! : m));
}

/** How cards are drawn for the person acting: their language's labels, the municipality's time zone. */
export function cardOptions(): CardRenderOptions {
  const labels = { showMore: w('ws.card.showMore'), showLess: w('ws.card.showLess'), unsupported: w('ws.card.unsupported'), privateMessage: w('ws.card.privateMessage') };
  return { timeZoneOffsetMs: timeZoneOf(serverNow()).offset, labels };
}

let toastTimer: ReturnType<typeof setTimeout> | undefined;
export function toast(text: string, kind: 'info' | 'error' = 'info'): void {
  const t = $('#toast');
  t.textContent = text;
  t.className = `ws-toast${kind === 'error' ? ' error' : ''}`;
  t.hidden = false;
  if (toastTimer) clearTimeout(toastTimer);
  toastTimer = setTimeout(() => { t.hidden = true; }, kind === 'error' ? 7000 : 4000);
}

export function initials(name: string): string {
  const parts = name.replace(/@.*/, '').split(/[\s.]+/).filter(Boolean);
  return ((parts[0]?.[0] ?? '?') + (parts.length > 1 ? parts[parts.length - 1]?.[0] ?? '' : '')).toUpperCase();
}

const AVATAR_COLOURS = ['#1a73e8', '#d93025', '#188038', '#e37400', '#9334e6', '#007b83', '#c5221f', '#5f6368'];
export function avatar(name: string, cls = ''): string {
  let h = 0;
  for (const ch of name) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return `<span class="ws-avatar ${cls}" style="background:${AVATAR_COLOURS[h % AVATAR_COLOURS.length]}" aria-hidden="true">${esc(initials(name))}</span>`;
}

const OSLO = 'Europe/Oslo';
export function fmtTime(iso: string): string {
  return new Date(iso).toLocaleTimeString(LOCALE_TAGS[lang()], { hour: '2-digit', minute: '2-digit', timeZone: OSLO });
}
export function fmtDate(iso: string, withYear = false): string {
  return new Date(iso).toLocaleDateString(LOCALE_TAGS[lang()], { day: 'numeric', month: 'short', ...(withYear ? { year: 'numeric' } : {}), timeZone: OSLO });
}
export function fmtDateTime(iso: string): string {
  return new Date(iso).toLocaleString(LOCALE_TAGS[lang()], { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: OSLO });
}

const KINDS = ['staff', 'leader', 'guide', 'admin', 'unknown'] as const;
export function kindBadges(kinds: string[]): string {
  const label = (k: string) => ((KINDS as readonly string[]).includes(k) ? w(`ws.kind.${k as (typeof KINDS)[number]}`) : k);
  return kinds.map((k) => `<span class="ws-kind ws-kind-${esc(k)}">${esc(label(k))}</span>`).join('');
}

export function randomId(n = 11): string {
  const abc = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  const bytes = crypto.getRandomValues(new Uint8Array(n));
  return Array.from(bytes, (b) => abc[b % abc.length]).join('');
}

/** Runs an async UI action, reporting failure in the snackbar instead of losing it. */
export function run(p: Promise<unknown>): void {
  p.catch((e: Error) => toast(e.message, 'error'));
}
