// What the app sends about course sessions: confirmation (with the iCal invitation), waitlist place, a seat that came
// free, the day-before reminder, a cancelled session, and a certificate waiting for a leader. Each mail ends with the
// readable session line the Gmail add-on recognises (core/session-ref.ts); Chat variants for people who have the app.
import { icalInvite, icalMimeType, icalSequence, sessionUid } from '../../core/ical';
import { formatDate, type Locale, type Translate } from '../../core/i18n';
import { isoDateIn } from '../../core/dates';
import { sessionRef } from '../../core/session-ref';
import type { MailAttachment } from '../../contract/request';
import type { ChatMessage } from '../../contract/card-types';
import { ACTIONS } from '../../contract/actions';
import { cardMessage } from '../envelopes';
import { actionButton, buttons, card, decorated, esc, icon, section, text } from './widgets';
import { whenText } from './course-cards';

export interface SessionFacts {
  sessionId: string; courseTitle: string; startsAt: string; endsAt: string; location?: string; description?: string;
}
export interface MsgCtx { t: Translate; locale: Locale; timeZone: string; now: string; organizer: { email: string; name: string } }
export interface Mail { subject: string; text: string; attachments?: MailAttachment[] }

function facts(s: SessionFacts, ctx: MsgCtx) {
  return {
    course: s.courseTitle, when: whenText(s, ctx), location: s.location || '–', ref: sessionRef(ctx.locale, s.sessionId),
    date: formatDate(ctx.locale, isoDateIn(new Date(s.startsAt), ctx.timeZone)),
  };
}

/** The invitation: METHOD:REQUEST for a seat, METHOD:CANCEL when the session is off. */
export function invitation(s: SessionFacts, to: { email: string; name: string }, method: 'REQUEST' | 'CANCEL', ctx: MsgCtx): MailAttachment {
  const ics = icalInvite(method, {
    uid: sessionUid(s.sessionId), sequence: icalSequence(ctx.now), dtstamp: ctx.now, start: s.startsAt, end: s.endsAt,
    summary: s.courseTitle, description: [s.description, sessionRef(ctx.locale, s.sessionId)].filter(Boolean).join('\n\n'), location: s.location,
    organizer: ctx.organizer, attendees: [to],
  });
  return { fileName: method === 'CANCEL' ? 'avlyst.ics' : 'invitasjon.ics', mimeType: icalMimeType(method), content: ics, encoding: 'text' };
}

export function confirmationMail(s: SessionFacts, to: { email: string; name: string; by?: string }, ctx: MsgCtx): Mail {
  const f = facts(s, ctx);
  const by = to.by ? `${ctx.t('courses.mail.by', { by: to.by })}\n\n` : '';
  return {
    subject: ctx.t('courses.mail.confirmSubject', f),
    text: by + ctx.t('courses.mail.confirmBody', { ...f, name: to.name }),
    attachments: [invitation(s, to, 'REQUEST', ctx)],
  };
}

export function waitlistMail(s: SessionFacts, to: { email: string; name: string; by?: string }, position: number, ctx: MsgCtx): Mail {
  const f = facts(s, ctx);
  const by = to.by ? `${ctx.t('courses.mail.by', { by: to.by })}\n\n` : '';
  return { subject: ctx.t('courses.mail.waitSubject', f), text: by + ctx.t('courses.mail.waitBody', { ...f, name: to.name, position }) };
}

export function promotionMail(s: SessionFacts, to: { email: string; name: string }, ctx: MsgCtx): Mail {
  const f = facts(s, ctx);
  return { subject: ctx.t('courses.mail.promotedSubject', f), text: ctx.t('courses.mail.promotedBody', { ...f, name: to.name }), attachments: [invitation(s, to, 'REQUEST', ctx)] };
}

function sessionChat(s: SessionFacts, line: string, ctx: MsgCtx, withCancel: boolean): ChatMessage {
  const c = card({ title: s.courseTitle, subtitle: whenText(s, ctx) }, [
    section([text(esc(line)), s.location ? decorated({ text: esc(s.location), startIcon: icon('location_on') }) : undefined]),
    section([buttons([
      withCancel && actionButton(ctx.t('courses.cancel'), ACTIONS.cancelEnrollment, { sessionId: s.sessionId }, { style: 'OUTLINED' }),
      actionButton(ctx.t('button.myCourses'), ACTIONS.myCourses),
    ])]),
  ], { name: `session-${s.sessionId}` });
  return cardMessage(c, line);
}

export function promotionChat(s: SessionFacts, ctx: MsgCtx): ChatMessage {
  return sessionChat(s, ctx.t('courses.chat.promoted', facts(s, ctx)), ctx, true);
}

/** To someone still on the waitlist when the session was held: no seat came free; the way to a new date. */
export function waitlistHeldChat(s: SessionFacts, ctx: MsgCtx): ChatMessage {
  const line = ctx.t('courses.chat.waitlistHeld', facts(s, ctx));
  const c = card({ title: s.courseTitle, subtitle: whenText(s, ctx) }, [
    section([text(esc(line))]),
    section([buttons([
      actionButton(ctx.t('courses.findNewDate'), ACTIONS.courseDetail, { sessionId: s.sessionId }, { style: 'FILLED' }),
      actionButton(ctx.t('button.myCourses'), ACTIONS.myCourses),
    ])]),
  ], { name: `held-${s.sessionId}` });
  return cardMessage(c, line);
}

export function waitlistHeldMail(s: SessionFacts, to: { name: string }, ctx: MsgCtx): Mail {
  const f = facts(s, ctx);
  return { subject: ctx.t('courses.mail.waitlistHeldSubject', f), text: ctx.t('courses.mail.waitlistHeldBody', { ...f, name: to.name }) };
}

export function reminderMail(s: SessionFacts, to: { name: string }, ctx: MsgCtx): Mail {
  const f = facts(s, ctx);
  return { subject: ctx.t('courses.mail.reminderSubject', f), text: ctx.t('courses.mail.reminderBody', { ...f, name: to.name }) };
}

export function reminderChat(s: SessionFacts, ctx: MsgCtx): ChatMessage {
  return sessionChat(s, ctx.t('courses.chat.reminder', facts(s, ctx)), ctx, true);
}

export function sessionCancelledMail(s: SessionFacts, to: { email: string; name: string }, reason: string, ctx: MsgCtx): Mail {
  const f = facts(s, ctx);
  return {
    subject: ctx.t('courses.mail.cancelledSubject', f),
    text: ctx.t('courses.mail.cancelledBody', { ...f, name: to.name, reason: reason ? ctx.t('courses.mail.reason', { reason }) : '' }),
    attachments: [invitation(s, to, 'CANCEL', ctx)],
  };
}

export interface VerifyFacts { employeeName: string; employeeEmail: string; competence: string; achievedOn: string; certificationId: string; fileName: string }

/** To the leader: a certificate registered from a mail waits for their one click (status.verify). */
export function verifyChat(v: VerifyFacts, ctx: Pick<MsgCtx, 't' | 'locale'>): ChatMessage {
  const line = ctx.t('courses.verify.line', { name: v.employeeName, competence: v.competence, date: formatDate(ctx.locale, v.achievedOn) });
  const c = card({ title: ctx.t('courses.verify.title') }, [
    section([text(esc(line)), decorated({ text: esc(v.fileName), startIcon: icon('attach_file'), bottomLabel: esc(ctx.t('courses.verify.where')) })]),
    section([buttons([
      actionButton(ctx.t('verify.button'), ACTIONS.verifyCertification, { email: v.employeeEmail, certificationId: v.certificationId }, { style: 'FILLED' }),
      actionButton(ctx.t('pending.reject'), ACTIONS.rejectOpen, { email: v.employeeEmail, certificationId: v.certificationId }, { dialog: true }),
    ])]),
  ], { name: `verify-${v.certificationId}` });
  return cardMessage(c, line);
}

export function verifyMail(v: VerifyFacts, ctx: Pick<MsgCtx, 't' | 'locale'>): Mail {
  const date = formatDate(ctx.locale, v.achievedOn);
  return {
    subject: ctx.t('courses.verify.subject', { name: v.employeeName }),
    text: ctx.t('courses.verify.mail', { name: v.employeeName, competence: v.competence, date, file: v.fileName }),
  };
}
