// The outbox's payloads (what a mail or calendar effect will do, as JSON in an Outbox row), the course event id of a
// session, and the text clean-up every outgoing mail goes through. Pure: no Apps Script, no time, no ids.
import * as z from 'zod/mini';
import { hash31 } from './ids';
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

/**
 * A Chat message the app posts: into a named space (a thread keyed by `threadKey`), or into the DM with the row's
 * recipient, with a mail to fall back on when they have no DM with the app. `requestId` makes every retry return the one
 * message ("Specifying an existing request ID returns the message created with that ID instead of creating a new
 * message", spaces.messages.create); `messageId` (`client-…`) gives it a name known before it is posted.
 */
const chatPayload = z.object({
  space: z.optional(z.string()), message: z.record(z.string(), z.unknown()), threadKey: z.optional(z.string()), requestId: z.string(),
  messageId: z.optional(z.string()), mail: z.optional(z.object({ subject: z.string(), text: z.string() })),
});

export type MailPayload = z.infer<typeof mailPayload>;
export type ChatPayload = z.infer<typeof chatPayload>;
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

/** A Chat effect as it will go out; a message too long for one cell is a bug (question and answer texts are capped). */
export function encodeChat(p: ChatPayload): string {
  const clean: ChatPayload = p.mail ? { ...p, mail: { subject: plainText(p.mail.subject).replace(/\s+/g, ' ').trim().slice(0, 250), text: plainText(p.mail.text) } } : p;
  const json = JSON.stringify(clean);
  if (json.length > MAX_PAYLOAD) throw new Error(`Chat effect ${p.requestId} is ${json.length} characters, over one cell`);
  return json;
}

/** Parses a payload cell with its schema (people can edit the Outbox tab); undefined when it is not one. */
function decode<T>(schema: z.ZodMiniType<T>, payload: string): T | undefined {
  try {
    const r = schema.safeParse(JSON.parse(payload));
    return r.success ? r.data : undefined;
  } catch {
    return undefined;
  }
}

export const decodeMail = (payload: string): MailPayload | undefined => decode(mailPayload, payload);
export const decodeCalendar = (payload: string): CalendarPayload | undefined => decode(calendarPayload, payload);
export const decodeChat = (payload: string): ChatPayload | undefined => decode(chatPayload, payload);

/**
 * A Chat custom message id for a record id: "Begins with client-… Contains up to 63 characters and only lowercase
 * letters, numbers, and hyphens. Is unique within a space" (spaces.messages.create, messageId). Record ids may hold
 * capitals, `_`, `.` and `:`, so the id is folded and a hash of the original keeps two ids that fold alike apart.
 */
export function chatMessageId(kind: string, recordId: string): string {
  const h = hash31(recordId);
  const folded = `${kind}-${recordId}`.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/-+/g, '-').slice(0, 45);
  return `client-${folded}-${h.toString(36)}`.slice(0, 63);
}

/** Attempts before a row is given up as failed (reported by data health; set it back to pending to try again). */
export const MAX_ATTEMPTS = 10;
