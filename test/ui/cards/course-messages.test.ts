// What the app sends about sessions: confirmation with an iCal invitation, waitlist place, a freed seat, the day-before
// reminder, a cancelled session and a certificate to verify — each ending with the session line the Gmail add-on recognises.
import { CRLF } from '../../../src/core/ical';
import { referencedSession } from '../../../src/core/session-ref';
import { ACTIONS } from '../../../src/contract/actions';
import { whenText } from '../../../src/ui/cards/course-cards';
import {
  confirmationMail, invitation, promotionChat, promotionMail, reminderChat, reminderMail, sessionCancelledMail, verifyChat, verifyMail,
  waitlistHeldChat, waitlistHeldMail, waitlistMail, type MsgCtx, type SessionFacts, type VerifyFacts,
} from '../../../src/ui/cards/course-messages';
import { actionNames, clicks, expectHostileInert, expectValidMessage, htmlFields, HOSTILE } from '../../support/cards';
import { courseCtx } from '../../support/course-ctx';

const ctx: MsgCtx = { ...courseCtx(), now: '2026-12-03T09:15:00Z', organizer: { email: 'kompetent@kommune.no', name: 'Kompetent' } };
const t = ctx.t;
const s: SessionFacts = { sessionId: 'S1', courseTitle: 'Førstehjelp', startsAt: '2026-12-10T08:00:00Z', endsAt: '2026-12-10T11:00:00Z', location: 'Rådhuset', description: 'Ta med innesko' };
const kari = { email: 'kari@kommune.no', name: 'Kari Nordmann' };
const f = { course: 'Førstehjelp', when: whenText(s, ctx), location: 'Rådhuset', ref: 'Kurs-ID: S1', date: '10. desember 2026' };
const unfold = (ics: string) => ics.replace(/\r\n[ \t]/g, '').split(CRLF);

it('names the session in a readable last line of every course mail, never in the subject, and the Gmail add-on finds it', () => {
  const mails = [confirmationMail(s, kari, ctx), waitlistMail(s, kari, 2, ctx), promotionMail(s, kari, ctx), reminderMail(s, kari, ctx),
    sessionCancelledMail(s, kari, 'Sykdom', ctx)];
  for (const m of mails) {
    expect(m.subject).not.toMatch(/kompetent:|S1|Kurs-ID/);
    expect(m.text.split('\n').at(-1)).toBe('Kurs-ID: S1');
    expect(m.text).not.toContain('[kompetent:');
    expect(referencedSession(m.text, m.subject)).toBe('S1');
  }
  const en: MsgCtx = { ...ctx, ...courseCtx('en') };
  expect(confirmationMail(s, kari, en).text.split('\n').at(-1)).toBe('Course ID: S1');
});

describe('the invitation', () => {
  it('invites the person to the session from the Kompetent organizer, with the session line in the description', () => {
    const a = invitation(s, kari, 'REQUEST', ctx);
    expect(a).toMatchObject({ fileName: 'invitasjon.ics', mimeType: 'text/calendar; charset=UTF-8; method=REQUEST', encoding: 'text' });
    const lines = unfold(a.content);
    expect(lines).toEqual(expect.arrayContaining(['METHOD:REQUEST', 'UID:S1@kompetent', 'DTSTART:20261210T080000Z', 'DTEND:20261210T110000Z', 'SUMMARY:Førstehjelp',
      'DESCRIPTION:Ta med innesko\\n\\nKurs-ID: S1', 'LOCATION:Rådhuset', 'ORGANIZER;CN="Kompetent":mailto:kompetent@kommune.no']));
    expect(lines.some((l) => l.startsWith('ATTENDEE;CN="Kari Nordmann"') && l.endsWith(':mailto:kari@kommune.no'))).toBe(true);
    const cancel = invitation({ ...s, description: undefined, location: undefined }, kari, 'CANCEL', ctx);
    expect(cancel).toMatchObject({ fileName: 'avlyst.ics', mimeType: 'text/calendar; charset=UTF-8; method=CANCEL' });
    expect(unfold(cancel.content)).toEqual(expect.arrayContaining(['METHOD:CANCEL', 'STATUS:CANCELLED', 'DESCRIPTION:Kurs-ID: S1']));
    expect(cancel.content).not.toMatch(/^LOCATION:/m);
  });
});

describe('mails', () => {
  it('confirm a seat with the invitation, saying who signed the person up when it was a leader', () => {
    const m = confirmationMail(s, kari, ctx);
    expect(m.subject).toBe(t('courses.mail.confirmSubject', f));
    expect(m.text).toBe(t('courses.mail.confirmBody', { ...f, name: 'Kari Nordmann' }));
    expect(m.text).toContain('Kurs-ID: S1');
    expect(m.attachments!.map((a) => a.fileName)).toEqual(['invitasjon.ics']);
    const byLeader = confirmationMail(s, { ...kari, by: 'Per Leder' }, ctx);
    expect(byLeader.text.startsWith(`${t('courses.mail.by', { by: 'Per Leder' })}\n\n`)).toBe(true);
  });

  it('give the waitlist place without an invitation, and the freed seat with one', () => {
    const w = waitlistMail(s, kari, 3, ctx);
    expect(w).toEqual({ subject: t('courses.mail.waitSubject', f), text: t('courses.mail.waitBody', { ...f, name: 'Kari Nordmann', position: 3 }) });
    expect(waitlistMail(s, { ...kari, by: 'Per' }, 1, ctx).text.startsWith(t('courses.mail.by', { by: 'Per' }))).toBe(true);
    const p = promotionMail(s, kari, ctx);
    expect(p.subject).toBe(t('courses.mail.promotedSubject', f));
    expect(p.attachments).toHaveLength(1);
  });

  it('remind the day before, tell a waiting person the session was held, and cancel with the reason and a CANCEL invitation', () => {
    expect(reminderMail(s, kari, ctx)).toEqual({ subject: t('courses.mail.reminderSubject', f), text: t('courses.mail.reminderBody', { ...f, name: 'Kari Nordmann' }) });
    expect(waitlistHeldMail(s, kari, ctx)).toEqual({ subject: t('courses.mail.waitlistHeldSubject', f), text: t('courses.mail.waitlistHeldBody', { ...f, name: 'Kari Nordmann' }) });
    const c = sessionCancelledMail(s, kari, 'Instruktøren er syk', ctx);
    expect(c.text).toBe(t('courses.mail.cancelledBody', { ...f, name: 'Kari Nordmann', reason: t('courses.mail.reason', { reason: 'Instruktøren er syk' }) }));
    expect(c.attachments![0]!.fileName).toBe('avlyst.ics');
    expect(sessionCancelledMail(s, kari, '', ctx).text).toBe(t('courses.mail.cancelledBody', { ...f, name: 'Kari Nordmann', reason: '' }));
    // No place given: a dash, not "undefined".
    expect(reminderMail({ ...s, location: undefined }, kari, ctx).text).toBe(t('courses.mail.reminderBody', { ...f, location: '–', name: 'Kari Nordmann' }));
  });

  it('speak English, with the date written the English way', () => {
    const en: MsgCtx = { ...ctx, ...courseCtx('en') };
    expect(reminderMail(s, kari, en).subject).toBe(en.t('courses.mail.reminderSubject', { ...f, when: whenText(s, en), date: '10 December 2026' }));
  });
});

describe('Chat messages', () => {
  it('a freed seat and the reminder: the line, the place, cancel and my courses', () => {
    for (const [msg, line] of [[promotionChat(s, ctx), t('courses.chat.promoted', f)], [reminderChat(s, ctx), t('courses.chat.reminder', f)]] as const) {
      expectValidMessage(msg);
      expect(msg.text).toBe(line);
      const c = msg.cardsV2![0]!;
      expect(c.cardId).toBe('session-S1');
      expect(c.card.header).toEqual({ title: 'Førstehjelp', subtitle: whenText(s, ctx) });
      expect(htmlFields(c.card)).toEqual([line, 'Rådhuset']);
      expect(clicks(c.card).map((k) => [k.action, k.params])).toEqual([[ACTIONS.cancelEnrollment, { sessionId: 'S1' }], [ACTIONS.myCourses, {}]]);
    }
  });

  it('held while waiting: the way to a new date', () => {
    const msg = waitlistHeldChat(s, ctx);
    expectValidMessage(msg);
    expect(msg.cardsV2![0]!.cardId).toBe('held-S1');
    expect(actionNames(msg)).toEqual([ACTIONS.courseDetail, ACTIONS.myCourses]);
  });

  it('a certificate to verify: approve or reject in one click, with the file named', () => {
    const v: VerifyFacts = { employeeName: 'Kari Nordmann', employeeEmail: 'kari@kommune.no', competence: 'Førstehjelp', achievedOn: '2026-11-30', certificationId: 'X1', fileName: 'kursbevis.pdf' };
    const msg = verifyChat(v, ctx);
    expectValidMessage(msg);
    const line = t('courses.verify.line', { name: 'Kari Nordmann', competence: 'Førstehjelp', date: '30. november 2026' });
    expect(msg.text).toBe(line);
    expect(clicks(msg)).toEqual([
      { text: t('verify.button'), action: ACTIONS.verifyCertification, params: { email: 'kari@kommune.no', certificationId: 'X1' }, dialog: false },
      { text: t('pending.reject'), action: ACTIONS.rejectOpen, params: { email: 'kari@kommune.no', certificationId: 'X1' }, dialog: true },
    ]);
    expect(verifyMail(v, ctx)).toEqual({ subject: t('courses.verify.subject', { name: 'Kari Nordmann' }), text: t('courses.verify.mail', { name: 'Kari Nordmann', competence: 'Førstehjelp', date: '30. november 2026', file: 'kursbevis.pdf' }) });
    expectHostileInert(verifyChat({ ...v, employeeName: HOSTILE, fileName: HOSTILE }, ctx).cardsV2![0]!.card);
    expectHostileInert(promotionChat({ ...s, location: HOSTILE }, ctx).cardsV2![0]!.card);
  });
});
