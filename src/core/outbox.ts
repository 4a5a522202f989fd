// The outbox's payloads (what a mail or calendar effect will do, as JSON in an Outbox row), the course event id of a
// session, and the text clean-up every outgoing mail goes through. Pure: no Apps Script, no time, no ids.
import * as z from 'zod/mini';
import { MAX_PAYLOAD } from './records/cells';
import { plainText } from './safe-text';

const attachment = z.object({
  fileName: z.string(), mimeType: z.string(), content: z.string(), encoding: z.optional(z.enum(['text', 'base64'])),
});
const mailPayload = z.object({ subject: z.string(), text: z.string(), attachments: z.optional(z.array(attachment)) });
const courseEvent = z.object({
  title: z.string(), startsAt: z.string(), endsAt: z.string(), location: z.optional(z.string()), description: z.optional(z.string()),
});
const calendarPayload = z.union([
  z.object({ op: z.literal('sync'), eventId: z.string(), event: courseEvent, addGuests: z.array(z.string()), removeGuests: z.array(z.string()) }),
  z.object({ op: z.literal('cancel'), eventId: z.string() }),
]);

export type MailPayload = z.infer<typeof mailPayload>;
export type CourseEvent = z.infer<typeof courseEvent>;
export type CalendarPayload = z.infer<typeof calendarPayload>;

/**
 * The course calendar's event id of a session: the Calendar API lets the caller choose it ("characters allowed are those
 * used in base32hex encoding, i.e. lowercase letters a-v and digits 0-9 … length between 5 and 1024",
 * developers.google.com/calendar/api/v3/reference/events/insert, `id`). A fixed id makes every retry hit the same
 * event: a sign-up never creates a second one, and a cancellation cancels that one.
 */
export function courseEventId(sessionId: string): string {
  let hex = '';
  for (const b of new TextEncoderLite(sessionId).bytes()) hex += b.toString(16).padStart(2, '0');
  return `kmp${hex}`.slice(0, 1024);
}

/** UTF-8 bytes without TextEncoder (Apps Script has none). */
class TextEncoderLite {
  constructor(private readonly s: string) {}
  bytes(): number[] {
    const out: number[] = [];
    for (const ch of this.s) {
      const c = ch.codePointAt(0)!;
      if (c < 0x80) out.push(c);
      else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
      else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
      else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    }
    return out;
  }
}

/** A mail as it will go out: subject and body cleaned of control and bidi characters; fits one Sheets cell. */
export function encodeMail(mail: MailPayload): string {
  const clean: MailPayload = {
    subject: plainText(mail.subject).replace(/\s+/g, ' ').trim().slice(0, 250),
    text: plainText(mail.text),
    ...(mail.attachments?.length ? { attachments: mail.attachments } : {}),
  };
  let json = JSON.stringify(clean);
  if (json.length > MAX_PAYLOAD) {
    // Too long for one cell (a very long answer): the text is cut with a visible marker, attachments kept.
    const over = json.length - MAX_PAYLOAD + 10;
    json = JSON.stringify({ ...clean, text: `${clean.text.slice(0, Math.max(0, clean.text.length - over))}…` });
  }
  return json;
}

export function encodeCalendar(p: CalendarPayload): string {
  return JSON.stringify(p);
}

export function decodeMail(payload: string): MailPayload | undefined {
  try {
    const r = mailPayload.safeParse(JSON.parse(payload));
    return r.success ? r.data : undefined;
  } catch {
    return undefined;
  }
}

export function decodeCalendar(payload: string): CalendarPayload | undefined {
  try {
    const r = calendarPayload.safeParse(JSON.parse(payload));
    return r.success ? r.data : undefined;
  } catch {
    return undefined;
  }
}

/** Attempts before a row is given up as failed (reported by data health; set it back to pending to try again). */
export const MAX_ATTEMPTS = 10;
