// Talks to the server only through google.script.run → sidebarCall(name, payloadJson); the strings come from there too.
import type { SidebarReply } from '../contract/sidebar';
import { fillPlurals, formatParam } from '../core/i18n/format';
import type { Locale } from '../core/i18n';

interface ScriptRun {
  withSuccessHandler(fn: (value: unknown) => void): ScriptRun;
  withFailureHandler(fn: (error: unknown) => void): ScriptRun;
  sidebarCall(name: string, payloadJson: string): void;
}
declare const google: { script: { run: ScriptRun } };

/** A message for the user from the server (not allowed, what to fix, busy) or a failed call. */
export class SidebarError extends Error {}

type Runner = () => ScriptRun;
let runner: Runner = () => google.script.run;
/** Tests (and the local workspace, if it likes) replace google.script.run. */
export function setRunner(r: Runner): void { runner = r; }

let localeOverride: string | undefined;
/** Tests (and the local workspace's language switch) set the language the browser would report. */
export function setLocale(locale: string | undefined): void { localeOverride = locale; }

export function browserLocale(): string {
  return localeOverride ?? (typeof navigator !== 'undefined' ? navigator.language : 'nb');
}

/**
 * Idempotency keys (DESIGN.md Reliability: one per user action). A call carries `k`; the same call with the same payload
 * sent again before one of them was answered with data (a double click, or "try again" after a lost answer or "busy")
 * carries the same key, so the server makes the change once and a retry of a committed change writes nothing. Once the
 * change is answered, the same payload again is a new action with a new key.
 */
const pendingKeys = new Map<string, string>();

function newKey(): string {
  const c = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto;
  return c?.randomUUID ? c.randomUUID() : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;
}

export function call<T>(name: string, payload: object = {}): Promise<T> {
  const action = JSON.stringify([name, payload]);
  const k = pendingKeys.get(action) ?? newKey();
  pendingKeys.set(action, k);
  return new Promise<T>((resolve, reject) => {
    runner()
      .withSuccessHandler((raw) => {
        let reply: SidebarReply | undefined;
        try {
          reply = (typeof raw === 'string' ? JSON.parse(raw) : raw) as SidebarReply;
        } catch {
          reply = undefined;
        }
        if (reply?.kind === 'data') {
          if (pendingKeys.get(action) === k) pendingKeys.delete(action);
          resolve(reply.data as T);
        } else reject(new SidebarError(reply && reply.kind === 'notify' ? reply.text : String(raw)));
      })
      .withFailureHandler((err) => reject(new SidebarError(err instanceof Error ? err.message : String(err))))
      .sidebarCall(name, JSON.stringify({ locale: browserLocale(), ...payload, k }));
  });
}

let strings: Record<string, string> = {};
export function setStrings(s: Record<string, string>): void { strings = s; }

/** The catalogue language of the browser (the server sends the strings in it): nb unless English or Swedish. */
function uiLocale(): Locale {
  const lang = browserLocale().toLowerCase().split(/[-_]/)[0];
  return lang === 'en' || lang === 'sv' ? lang : 'nb';
}

/**
 * A string from the server's catalogue, filled as the server's `t` does (plurals by Intl's rules, numbers with the
 * language's decimal comma); an unknown key shows as itself (visible, never blank).
 */
export function t(key: string, params: Record<string, string | number | undefined> = {}): string {
  const locale = uiLocale();
  const text = fillPlurals(locale, strings[key] ?? key, params);
  return text.replace(/\{(\w+)\}/g, (m, k: string) => (params[k] === undefined ? m : formatParam(locale, params[k])));
}

/** "1. mars 2027" in the user's language, from the server's month names. */
export function date(iso: string | undefined): string {
  if (!iso) return '';
  const [y = NaN, m = NaN, d = NaN] = iso.slice(0, 10).split('-').map(Number);
  const month = (strings['month.names'] ?? '').split(',')[m - 1] ?? String(m);
  return t('date.long', { d, month, y });
}
