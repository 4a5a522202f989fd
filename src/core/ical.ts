// iCalendar invitations (RFC 5545 objects, RFC 5546 iTIP methods) for course sessions: one VEVENT per session, UID
// `<sessionId>@kompetent`, times in UTC, TEXT escaped, CRLF line ends and lines folded at 75 octets.

export interface IcalPerson { email: string; name?: string }

export interface IcalEvent {
  uid: string;
  /** Higher than in any earlier message about the same UID (RFC 5546 §2.1.4); see `icalSequence`. */
  sequence: number;
  /** When this message was made (ISO instant). */
  dtstamp: string;
  start: string;
  end: string;
  summary: string;
  description?: string;
  location?: string;
  url?: string;
  organizer: IcalPerson;
  attendees: IcalPerson[];
}

export const CRLF = '\r\n';
const PRODID = '-//Kompetent//Kompetanse og kurs//NO';

export function sessionUid(sessionId: string): string {
  return `${sessionId}@kompetent`;
}

/**
 * SEQUENCE from the clock: minutes since 2020-01-01, so every later message about a session (an update, a cancellation)
 * carries a higher number than the invitation before it, without storing a counter.
 */
export function icalSequence(nowIso: string): number {
  return Math.max(0, Math.floor((Date.parse(nowIso) - Date.UTC(2020, 0, 1)) / 60_000));
}

/** DATE-TIME in UTC form (RFC 5545 §3.3.5 "FORM #2"): 20261203T080000Z. */
export function icalUtc(iso: string): string {
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) throw new Error(`Not an instant: ${iso}`);
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
}

/** TEXT value escaping (RFC 5545 §3.3.11): backslash, semicolon, comma, and line breaks as \n. */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n')
    // Other control characters are not allowed in TEXT.
    // eslint-disable-next-line no-control-regex -- removing control characters is the point
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '');
}

/** A parameter value (e.g. CN): always quoted; DQUOTE and control characters are not allowed inside (§3.1). */
function paramValue(value: string): string {
  // eslint-disable-next-line no-control-regex -- removing control characters is the point
  return `"${value.replace(/["\u0000-\u001f\u007f]/g, '')}"`;
}

function utf8Bytes(ch: string): number {
  const c = ch.codePointAt(0)!;
  return c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
}

/**
 * Folds a content line so no physical line exceeds 75 octets (§3.1): a CRLF followed by one space, never inside a
 * UTF-8 sequence (the space of a continuation line counts toward its 75).
 */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = '';
  let bytes = 0;
  for (const ch of line) {
    const n = utf8Bytes(ch);
    const limit = out.length === 0 ? 75 : 74;
    if (bytes + n > limit) {
      out.push(current);
      current = '';
      bytes = 0;
    }
    current += ch;
    bytes += n;
  }
  out.push(current);
  return out.join(`${CRLF} `);
}

function mailto(email: string): string {
  return `mailto:${email.replace(/[\s"<>]/g, '')}`;
}

/**
 * A VCALENDAR with one VEVENT. REQUEST invites (or updates) the attendees; CANCEL tells them the session is off
 * (STATUS:CANCELLED). RFC 5546 §3.2.2 and §3.2.5 list the properties each method needs: all are set here.
 */
export function icalInvite(method: 'REQUEST' | 'CANCEL', e: IcalEvent): string {
  const lines = [
    'BEGIN:VCALENDAR',
    `PRODID:${PRODID}`,
    'VERSION:2.0',
    'CALSCALE:GREGORIAN',
    `METHOD:${method}`,
    'BEGIN:VEVENT',
    `UID:${escapeText(e.uid)}`,
    `SEQUENCE:${Math.max(0, Math.floor(e.sequence))}`,
    `DTSTAMP:${icalUtc(e.dtstamp)}`,
    `DTSTART:${icalUtc(e.start)}`,
    `DTEND:${icalUtc(e.end)}`,
    `SUMMARY:${escapeText(e.summary)}`,
    ...(e.description ? [`DESCRIPTION:${escapeText(e.description)}`] : []),
    ...(e.location ? [`LOCATION:${escapeText(e.location)}`] : []),
    ...(e.url ? [`URL:${e.url.replace(/[\s"<>\\]/g, '')}`] : []),
    `ORGANIZER${e.organizer.name ? `;CN=${paramValue(e.organizer.name)}` : ''}:${mailto(e.organizer.email)}`,
    ...e.attendees.map((a) => `ATTENDEE${a.name ? `;CN=${paramValue(a.name)}` : ''};ROLE=REQ-PARTICIPANT;PARTSTAT=${method === 'CANCEL' ? 'NEEDS-ACTION' : 'ACCEPTED'};RSVP=FALSE:${mailto(a.email)}`),
    `STATUS:${method === 'CANCEL' ? 'CANCELLED' : 'CONFIRMED'}`,
    'TRANSP:OPAQUE',
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return lines.map(foldLine).join(CRLF) + CRLF;
}

/** The MIME type of an invitation attachment (RFC 6047 §2.4: the method is repeated as a parameter). */
export function icalMimeType(method: 'REQUEST' | 'CANCEL'): string {
  return `text/calendar; charset=UTF-8; method=${method}`;
}
