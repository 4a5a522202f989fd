// Idempotency keys: one per user action (a card button's `k`, a Chat message's name), ids derived from it, keys put in cards.
import type { Card, CardAction } from '../../contract/card-types';
import type { Reply, Request } from '../../contract/request';

/** The card parameter that carries a button's idempotency key (placed when the card is built; see `withKeys`). */
export const KEY_PARAM = 'k';

/**
 * The key of this user action: the button's `k` (a double click or a resent dialog carries the same one), else the Chat
 * message's resource name (Google's own id of a typed message or command, the same on a redelivered event). Undefined
 * when the event has neither (then only the handler's own checks guard against repeats).
 */
export function requestKeyOf(req: Request): string | undefined {
  const k = req.params[KEY_PARAM];
  if (k && /^[A-Za-z0-9._-]{4,80}$/.test(k)) return `k:${k}`;
  if (req.chat?.messageName && (req.chat.event === 'message' || req.chat.event === 'command')) return `m:${req.chat.messageName}`;
  return undefined;
}

/** 64 bits of FNV-1a (two seeds) in base 36: ids derived from a key are the same on every arrival of that key. */
export function keyHash(key: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193) >>> 0;
    b = Math.imul(b ^ c, 0x5bd1e995) >>> 0;
  }
  return a.toString(36).padStart(7, '0') + b.toString(36).padStart(7, '0');
}

/** New ids for one run of a keyed change: `<prefix>-<hash(key)>` then `-2`, `-3`…, so a repeat computes the same rows. */
export function keyedIds(key: string): (prefix: string) => string {
  const h = keyHash(key);
  const seen = new Map<string, number>();
  return (prefix) => {
    const n = (seen.get(prefix) ?? 0) + 1;
    seen.set(prefix, n);
    return n === 1 ? `${prefix}-${h}` : `${prefix}-${h}-${n}`;
  };
}

function keyActions(node: unknown, next: () => string): void {
  if (Array.isArray(node)) { for (const x of node) keyActions(x, next); return; }
  if (typeof node !== 'object' || node === null) return;
  const o = node as Record<string, unknown>;
  if (typeof o.function === 'string' && Array.isArray(o.parameters)) {
    const a = o as unknown as CardAction;
    if (!a.parameters!.some((p) => p.key === KEY_PARAM)) a.parameters!.push({ key: KEY_PARAM, value: next() });
  }
  for (const v of Object.values(o)) keyActions(v, next);
}

/**
 * Gives every button of the reply's cards its own key (`<base>.<n>`), so each click is one user action: clicking the
 * same button twice sends the same key. Buttons that already carry a key keep it (a dialog resubmitted).
 */
export function withKeys(reply: Reply, base: string): Reply {
  let n = 0;
  const next = () => `${base}.${(++n).toString(36)}`;
  const cards: (Card | unknown)[] = [];
  if (reply.kind === 'card' || reply.kind === 'dialog') cards.push(reply.card);
  if (reply.kind === 'message') cards.push(reply.message);
  if (reply.kind === 'close' && reply.message) cards.push(reply.message);
  for (const c of cards) keyActions(c, next);
  return reply;
}
