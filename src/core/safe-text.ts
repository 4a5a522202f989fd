// Text that leaves the app (cards, mails, CSV files): control and bidirectional-override characters removed, and spreadsheet
// formula triggers neutralised. Pure functions; the card and mail paths call them on everything, not only on typed text.

/**
 * C0/C1 controls except tab and newline, and the invisible characters that reorder or hide text (zero-width, LRM/RLM,
 * bidi embeddings, overrides and isolates: Unicode TR #9 §2) — a name with U+202E can make "exe.pdf" read as "fdp.exe".
 */
// eslint-disable-next-line no-control-regex -- removing control characters is the point
const UNSAFE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\ufff9-\ufffb]/g;

/** The text with unsafe characters removed and CR/CRLF as LF. */
export function plainText(s: string): string {
  return s.replace(/\r\n?/g, '\n').replace(UNSAFE, '');
}

/** Whether the text holds any character plainText would remove (for tests and data health). */
export function hasUnsafe(s: string): boolean {
  UNSAFE.lastIndex = 0;
  const found = UNSAFE.test(s.replace(/\r\n?/g, '\n'));
  UNSAFE.lastIndex = 0;
  return found;
}

/** Every string in a JSON value without the unsafe characters (line breaks kept as they are; objects and arrays copied). */
export function deepPlain<T>(value: T): T {
  if (typeof value === 'string') return value.replace(UNSAFE, '') as T;
  if (Array.isArray(value)) return value.map((v) => deepPlain(v)) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = deepPlain(v);
    return out as T;
  }
  return value;
}

/**
 * The text of a Chat message (not a card) with Chat's in-text control sequences made inert: Chat turns `<url|text>` into
 * a link and `<users/…>` into a mention (developers.google.com/workspace/chat/format-messages), and Kompetent writes
 * neither itself, so every `<` directly followed by a non-space gets a visible space after it. A record text (a course
 * title, a name) can then never become a live link or ping someone.
 */
export function chatText(s: string): string {
  return s.replace(/<(?=\S)/g, '< ');
}

/**
 * A CSV cell a spreadsheet will not run as a formula (OWASP "CSV injection"): a cell whose first non-blank character
 * — after spaces, tabs or line breaks — is `=`, `+`, `-`, `@`, or their full-width forms (＝ ＋ － ＠), or that starts
 * with a tab or carriage return, gets a leading apostrophe. Plain negative numbers stay numbers.
 */
export function neutraliseCell(value: string): string {
  if (/^-?\d+([.,]\d+)?$/.test(value)) return value;
  return /^[\s\u3000]*[=+\-@\uff1d\uff0b\uff0d\uff20]/.test(value) || /^[\t\r\n]/.test(value) ? `'${value}` : value;
}
