// Text people type into the forum: cleaned, cut at clear limits with a visible marker, and kept plain wherever it is shown.

/** Limits in characters (UTF-16 units), chosen so a thread card with a full question and answer stays under Chat's 32,000 bytes. */
export const LIMITS = {
  question: 1500,
  answer: 3000,
  reply: 1500,
  faqQuestion: 300,
  faqAnswer: 3000,
  announcement: 3000,
  search: 200,
} as const;

/** Appended where text was cut, so nobody mistakes a shortened text for the whole. */
export const CUT_MARKER = ' […]';

export interface Cut { text: string; cut: boolean }

/**
 * Trims, normalises line breaks, drops control characters (keeping newlines and tabs) and collapses runs of blank
 * lines. The text is never interpreted: `=HYPERLINK(…)`, HTML and mentions stay as typed.
 */
export function clean(raw: string | undefined): string {
  return (raw ?? '')
    .replace(/\r\n?/g, '\n')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g, '')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Cuts at `max` characters (at a word boundary when one is near), marking the cut; never splits a surrogate pair. */
export function cutText(text: string, max: number): Cut {
  if (text.length <= max) return { text, cut: false };
  let end = max - CUT_MARKER.length;
  const space = text.lastIndexOf(' ', end);
  if (space > end - 40 && space > 0) end = space;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  return { text: `${text.slice(0, end).trimEnd()}${CUT_MARKER}`, cut: true };
}

/**
 * Cleaned text checked against a limit: over it, nothing is cut — the caller refuses with the length and the limit
 * ("Maks 1500 tegn" means it), keeping what was typed so the person can shorten it themselves.
 */
export function checkLength(raw: string | undefined, max: number): { text: string; ok: boolean; length: number } {
  const text = clean(raw);
  return { text, ok: text.length <= max, length: text.length };
}

/** clean + cutText in one step. */
export function limitText(raw: string | undefined, max: number): Cut {
  return cutText(clean(raw), max);
}

/** For card text fields (textParagraph, decoratedText accept limited HTML): escaped, newlines as <br>. */
export function cardText(text: string): string {
  return text
    .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
    .replace(/\n/g, '<br>');
}

const ZWSP = '\u200b';

/**
 * For Chat message `text` (not HTML): mentions (`<users/all>`, `<users/123>`), links with labels (`<url|label>`) and
 * `@all` written by a person are broken with an invisible character, so the app never pings a whole space or
 * disguises a link on someone's behalf. The text looks the same.
 */
export function chatPlain(text: string): string {
  return text
    .replace(/</g, `<${ZWSP}`)
    .replace(/@(all|everyone|here|alle)\b/gi, `@${ZWSP}$1`);
}

/** A short one-line preview (notifications, lists). */
export function preview(text: string, max = 120): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return cutText(line, max).text;
}

/** UTF-8 length in bytes (Chat's message limit is 32,000 bytes). */
export function utf8Bytes(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c < 0xdc00 && i + 1 < s.length) { n += 4; i++; } else n += 3; // a lone surrogate becomes U+FFFD
  }
  return n;
}

/** Chat's limits for one message. */
export const CHAT_MESSAGE_MAX_BYTES = 32_000;
export const CARD_MAX_WIDGETS = 100;
