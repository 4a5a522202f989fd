// Mail, calendar and Chat effects of a change as Outbox rows, committed in the same batched write as the change; the outbox
// job (src/app/common/outbox-job.ts) sends them as the Kompetent account. A request never mails or writes a calendar.
import { courseEventId, decodeChat, encodeCalendar, encodeChat, encodeMail, type ChatPayload, type MailPayload } from '../../core/outbox';
import type { ChatMessage } from '../../contract/card-types';
import type { ChatOutbox, OutboxResult } from './chat-outbox';
import type { Course, OutboxRow, Session } from '../../core/records/tables';
import { insert, type Change } from '../../store/records';
import { sessionRef } from '../../core/session-ref';
import type { Env } from '../pipeline/handler';
import type { CourseCalendarEvent } from '../ports';

function row(env: Pick<Env, 'newId' | 'now'>, channel: OutboxRow['channel'], subjectKey: string, payload: string, recipientEmail?: string): Change {
  return insert('Outbox', {
    outboxId: env.newId('obx'), channel, ...(recipientEmail ? { recipientEmail } : {}), subjectKey: subjectKey.slice(0, 500), payload,
    createdAt: env.now, status: 'pending',
  } satisfies OutboxRow);
}

/** A mail to one person, sent by the outbox job from the Kompetent account (subjectKey: what it is about, for the log). */
export function mailEffect(env: Pick<Env, 'newId' | 'now'>, to: string, mail: MailPayload, subjectKey: string): Change {
  return row(env, 'mail', subjectKey, encodeMail(mail), to);
}

/**
 * The session's event in the course calendar as it should now look (the id is the session's, so retries hit one event). One
 * event serves every guest, so its session line is in the default language (nb).
 */
export function courseEvent(session: Session, course: Course | undefined): CourseCalendarEvent {
  return {
    id: courseEventId(session.sessionId), title: course?.title ?? session.courseId, startsAt: session.startsAt, endsAt: session.endsAt,
    ...(session.location ? { location: session.location } : {}),
    description: [course?.description, sessionRef('nb', session.sessionId)].filter(Boolean).join('\n\n'),
  };
}

/** Brings the session's course event up to date, adding and removing guests quietly. */
export function calendarSync(env: Pick<Env, 'newId' | 'now'>, session: Session, course: Course | undefined, add: string[] = [], remove: string[] = []): Change {
  const event = courseEvent(session, course);
  const { id, ...rest } = event;
  const who = [...add.map((e) => `+${e}`), ...remove.map((e) => `-${e}`)].join(',');
  return row(env, 'calendar', `cal:${session.sessionId}${who ? `:${who}` : ''}`,
    encodeCalendar({ op: 'sync', eventId: id, event: rest, addGuests: add, removeGuests: remove }), add.length + remove.length === 1 ? [...add, ...remove][0] : undefined);
}

/** Cancels the session's one course event (no second event is made). */
export function calendarCancel(env: Pick<Env, 'newId' | 'now'>, sessionId: string): Change {
  return row(env, 'calendar', `cal:${sessionId}:cancel`, encodeCalendar({ op: 'cancel', eventId: courseEventId(sessionId) }));
}

/**
 * A Chat message the app posts once the change is committed: into `payload.space`, or into the DM with `to` (with
 * `payload.mail` as the fallback when they have no DM with the app). The request tries it right after the lock is given
 * up; the outbox job makes sure (the same requestId never posts twice).
 */
export function chatEffect(env: Pick<Env, 'newId' | 'now'>, payload: Omit<ChatPayload, 'message'> & { message: ChatMessage }, subjectKey: string,
  to?: string): Change {
  return row(env, 'chat', subjectKey, encodeChat({ ...payload, message: { ...payload.message } }), to);
}

/**
 * After the commit and outside the lock (`env.defer`), the request's one attempt at a committed Chat effect: posted as
 * the app, then marked sent so the outbox job records it without posting; when it fails the job posts it (the mail
 * fallback is the job's alone: mail is sent only from the Kompetent account).
 */
export function tryChatNow(env: Pick<Env, 'defer' | 'ports'>, effect: Change, outbox: ChatOutbox): void {
  if (effect.kind !== 'insert' || effect.table !== 'Outbox') return;
  const r = effect.row as OutboxRow;
  const p = decodeChat(r.payload);
  if (!p || !env.defer) return;
  env.defer(() => {
    if (postChatEffect(outbox, r, p)?.ok) env.ports.marks.mark(r.outboxId);
  });
}

/** Posts a committed Chat effect as the app: into its space, else the recipient's DM. Undefined: they have no DM with the app. */
export function postChatEffect(outbox: ChatOutbox, r: Pick<OutboxRow, 'recipientEmail'>, p: ChatPayload): OutboxResult | undefined {
  const space = p.space ?? (r.recipientEmail ? outbox.directMessage(r.recipientEmail) : undefined);
  return space ? outbox.create(space, p.message as ChatMessage, { threadKey: p.threadKey, requestId: p.requestId, messageId: p.messageId }) : undefined;
}
