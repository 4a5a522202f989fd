// HTML text helpers for the card renderer: escaping, Google's limited card HTML, Chat's message markup, icon glyphs.

const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML content and double- or single-quoted attribute values. */
export function escapeHtml(text: string): string {
  return String(text).replace(/[&<>"']/g, (c) => ESC[c] ?? c);
}

/** Like escapeHtml, but keeps well-formed character references (`&amp;`, `&#39;`): card text is HTML, so they are text. */
function escapeKeepingEntities(text: string): string {
  return text
    .replace(/&(?!(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});)/g, '&amp;')
    .replace(/[<>"']/g, (c) => ESC[c] ?? c);
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** Decodes the character references an attribute value may carry (enough to judge a URL or a colour). */
export function decodeEntities(text: string): string {
  return text.replace(/&(#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]+);/g, (all, ref: string) => {
    if (ref[0] !== '#') return NAMED[ref.toLowerCase()] ?? all;
    const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '\ufffd';
  });
}

/** Only absolute http(s) URLs become links or images; anything else (javascript:, data:, relative) is refused. */
export function safeUrl(url: unknown): string | undefined {
  if (typeof url !== 'string') return undefined;
  const u = url.trim();
  const controls = Array.from(u).some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f);
  return /^https?:\/\/\S+$/i.test(u) && !controls ? u : undefined;
}

const COLOR = /^(#[0-9a-fA-F]{3,8}|[a-zA-Z]{3,20}|rgba?\(\s*[\d.%\s,]+\))$/;
const SIMPLE_TAGS = new Set(['b', 'i', 'u', 's']);
const TAG = /<(\/?)([a-zA-Z][a-zA-Z0-9]*)((?:[\s/][^<>]*)?)>/g;
const ATTR = /([a-zA-Z_:][-a-zA-Z0-9_:.]*)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))/g;

function attrsOf(source: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of source.matchAll(ATTR)) out[m[1]!.toLowerCase()] = decodeEntities(m[2] ?? m[3] ?? m[4] ?? '');
  return out;
}

/**
 * Google's "simple HTML" of card text (textParagraph, decoratedText, section headers): <b> <i> <u> <s> <br>
 * <font color> and <a href> to http(s). Every other tag is shown literally; attributes are rebuilt, never copied;
 * unclosed tags are closed so one card's markup cannot leak into the next.
 * Formatting reference: developers.google.com/workspace/chat/format-messages#card-formatting
 */
export function limitedHtml(text: unknown): string {
  const src = typeof text === 'string' ? text : text === undefined || text === null ? '' : String(text);
  const open: string[] = [];
  let out = '';
  let last = 0;
  for (const m of src.matchAll(TAG)) {
    out += escapeKeepingEntities(src.slice(last, m.index));
    last = m.index! + m[0].length;
    const name = m[2]!.toLowerCase();
    const rendered = m[1] ? closeTag(name, open) : openTag(name, m[3] ?? '', open);
    out += rendered ?? escapeHtml(m[0]);
  }
  out += escapeKeepingEntities(src.slice(last));
  while (open.length) out += `</${open.pop()}>`;
  return out;
}

function openTag(name: string, rawAttrs: string, open: string[]): string | undefined {
  if (name === 'br') return '<br>';
  if (SIMPLE_TAGS.has(name)) {
    open.push(name);
    return `<${name}>`;
  }
  const attrs = attrsOf(rawAttrs);
  if (name === 'font') {
    open.push('font');
    const color = attrs.color?.trim();
    return color && COLOR.test(color) ? `<font color="${escapeHtml(color)}">` : '<font>';
  }
  if (name === 'a') {
    open.push('a');
    const href = safeUrl(attrs.href);
    return href ? `<a href="${escapeHtml(href)}" target="_blank" rel="noopener noreferrer">` : '<a>';
  }
  return undefined;
}

function closeTag(name: string, open: string[]): string | undefined {
  const at = open.lastIndexOf(name);
  if (at < 0) return undefined;
  let out = '';
  while (open.length > at) out += `</${open.pop()}>`;
  return out;
}

// ---- Chat message text: *bold* _italic_ ~strike~ `code` ```block``` <url|label> <users/…>, bullets.
// Source: developers.google.com/workspace/chat/format-messages ("Format text in messages").

const LINK = /<(https?:\/\/[^|<>\s]+)\|([^<>\n]+)>|<(https?:\/\/[^<>\s]+)>|<(users\/[^<>\s]+)>|(https?:\/\/[^\s<>"|]+)/g;
const EDGE_BEFORE = '(^|[\\s(\\[{>;])';
const EDGE_AFTER = '(?=$|[\\s)\\]}.,!?:;<&])';

function emphasis(escaped: string): string {
  let s = escaped;
  for (const [mark, tag] of [['\\*', 'b'], ['_', 'i'], ['~', 's']] as const) {
    const re = new RegExp(`${EDGE_BEFORE}${mark}(?=\\S)([^\\n]*?\\S)${mark}${EDGE_AFTER}`, 'g');
    s = s.replace(re, (_all, before: string, body: string) => `${before}<${tag}>${body}</${tag}>`);
  }
  return s;
}

function link(url: string, label: string): string {
  return `<a href="${escapeHtml(url)}" target="_blank" rel="noopener noreferrer">${escapeHtml(label)}</a>`;
}

function linksAndEmphasis(text: string): string {
  let out = '';
  let last = 0;
  for (const m of text.matchAll(LINK)) {
    out += emphasis(escapeHtml(text.slice(last, m.index)));
    last = m.index! + m[0].length;
    if (m[1]) out += link(m[1], m[2]!);
    else if (m[3]) out += link(m[3], m[3]);
    else if (m[4]) out += `<span class="kc-mention">@${escapeHtml(m[4] === 'users/all' ? 'all' : m[4].slice(6))}</span>`;
    else {
      // A bare URL does not swallow the sentence's closing punctuation.
      const url = m[5]!.replace(/[.,!?;:)\]'}]+$/, '');
      out += link(url, url);
      last -= m[5]!.length - url.length;
    }
  }
  return out + emphasis(escapeHtml(text.slice(last)));
}

function inline(text: string): string {
  const bulleted = text.replace(/^([ \t]*)[*-][ \t]+/gm, '$1• ');
  return bulleted.split(/(`[^`\n]+`)/).map((part, i) =>
    i % 2 ? `<code class="kc-code">${escapeHtml(part.slice(1, -1))}</code>` : linksAndEmphasis(part)).join('');
}

/** Chat message text → safe HTML (newlines are kept by CSS `white-space: pre-wrap`). */
export function chatMarkup(text: string): string {
  return text.split(/(```[\s\S]*?```)/).map((part, i) =>
    i % 2 ? `<pre class="kc-pre">${escapeHtml(part.slice(3, -3).replace(/^\n/, ''))}</pre>` : inline(part)).join('');
}

// ---- Icons: Google's built-in `knownIcon` names and the Material Symbols Kompetent uses, as small glyphs.
// Unknown names render nothing rather than a broken box (developers.google.com/workspace/chat/format-messages#builtinicons).

const GLYPHS: Record<string, string> = {
  AIRPLANE: '✈', BOOKMARK: '🔖', BUS: '🚌', CAR: '🚗', CLOCK: '🕒', CONFIRMATION_NUMBER_ICON: '🎫', DESCRIPTION: '📄',
  DOLLAR: '$', EMAIL: '✉', EVENT_SEAT: '💺', FLIGHT_ARRIVAL: '🛬', FLIGHT_DEPARTURE: '🛫', HOTEL: '🏨',
  HOTEL_ROOM_TYPE: '🛏', INVITE: '📨', MAP_PIN: '📍', MEMBERSHIP: '🪪', MULTIPLE_PEOPLE: '👥', PERSON: '👤',
  PHONE: '📞', RESTAURANT_ICON: '🍴', SHOPPING_CART: '🛒', STAR: '★', STORE: '🏬', TICKET: '🎟', TRAIN: '🚆',
  VIDEO_CAMERA: '📹', VIDEO_PLAY: '▶',
  add: '+', arrow_back: '←', arrow_forward: '→', assignment: '📋', badge: '🪪', calendar_month: '📅',
  calendar_today: '📅', campaign: '📣', cancel: '✕', chat: '💬', check: '✓', check_circle: '✓', close: '✕',
  delete: '🗑', description: '📄', done: '✓', edit: '✎', email: '✉', error: '⚠', event: '📅', event_available: '📅',
  forum: '💬', group: '👥', groups: '👥', help: '?', history: '🕘', home: '⌂', hourglass_empty: '⏳', info: 'ℹ',
  link: '🔗', location_on: '📍', lock: '🔒', mail: '✉', notifications: '🔔', open_in_new: '↗', pending: '⏳',
  person: '👤', question_answer: '💬', school: '🎓', schedule: '🕒', search: '⌕', send: '➤', settings: '⚙',
  star: '★', task_alt: '✓', thumb_down: '👎', thumb_up: '👍', verified: '✓', warning: '⚠', workspace_premium: '🏅',
};

export interface IconLike { knownIcon?: string; materialIcon?: { name?: string }; iconUrl?: string; altText?: string }

/** A small glyph for an icon, or '' when the icon is unknown. */
export function iconHtml(icon: IconLike | undefined, extraClass = ''): string {
  if (!icon || typeof icon !== 'object') return '';
  const cls = `kc-icon${extraClass ? ` ${extraClass}` : ''}`;
  const url = safeUrl(icon.iconUrl);
  if (url) return `<img class="${cls}" src="${escapeHtml(url)}" alt="${escapeHtml(icon.altText ?? '')}">`;
  const glyph = GLYPHS[icon.knownIcon ?? ''] ?? GLYPHS[icon.materialIcon?.name ?? ''];
  if (!glyph) return '';
  const alt = icon.altText ? ` role="img" aria-label="${escapeHtml(icon.altText)}"` : ' aria-hidden="true"';
  return `<span class="${cls}"${alt}>${glyph}</span>`;
}
