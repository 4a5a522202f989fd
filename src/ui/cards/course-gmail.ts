// The Gmail add-on's cards for an opened mail: the session the app's own mail is about (sign up, cancel, waitlist place,
// add to calendar), and "register this certificate" when the mail carries a PDF or an image.
import type { Card, Section, SelectionItem } from '../../contract/card-types';
import { ACTIONS } from '../../contract/actions';
import { actionButton, buttons, card, datePicker, decorated, esc, icon, section, select, text } from './widgets';
import { mineText, seatsText, sessionButton, whenText, refusalText, type CourseCtx, type SessionModel } from './course-cards';

export interface SessionMailModel { title: string; courseId: string; session: SessionModel }

export interface CertificateOffer {
  messageId: string;
  attachments: { index: number; name: string; mimeType: string; tooBig: boolean }[];
  /** Competences to choose from, the person's gaps and expiring ones first (their hint says why). */
  competences: { competenceId: string; name: string; hint?: string; selected?: boolean }[];
  today: string;
}

export function sessionMailSections(m: SessionMailModel, ctx: CourseCtx): Section[] {
  const { t } = ctx;
  const s = m.session;
  const status = s.mine ? mineText(s.mine, t) : s.refusal ? refusalText(s, ctx) : seatsText(s, t);
  const main = sessionButton(s, t);
  return [
    section([
      decorated({ topLabel: t('courses.gmail.aboutSession'), text: `<b>${esc(m.title)}</b>`, bottomLabel: esc(whenText(s, ctx)), startIcon: icon('event') }),
      s.location ? decorated({ text: esc(s.location), startIcon: icon('location_on') }) : undefined,
      decorated({ text: esc(status), startIcon: icon(s.mine?.status === 'enrolled' ? 'check_circle' : s.mine?.status === 'waitlisted' ? 'hourglass_top' : 'info') }),
    ]),
    section([buttons([
      main,
      s.mine?.status === 'enrolled' && actionButton(t('courses.addToCalendar'), ACTIONS.addToCalendar, { sessionId: s.sessionId }, { icon: 'calendar_add_on' }),
      actionButton(t('courses.open'), ACTIONS.courseDetail, { courseId: m.courseId }),
    ])]),
  ];
}

export function certificateSections(offer: CertificateOffer, ctx: CourseCtx): Section[] {
  const { t } = ctx;
  const usable = offer.attachments.filter((a) => !a.tooBig);
  if (usable.length === 0) {
    return [section([text(esc(t('courses.cert.badFile', { mb: 5 })))], { header: t('courses.cert.title') })];
  }
  const files: SelectionItem[] = usable.map((a, i) => ({ text: a.name, value: String(a.index), ...(i === 0 ? { selected: true } : {}) }));
  const competences: SelectionItem[] = offer.competences.map((c) => ({ text: c.name, value: c.competenceId, ...(c.selected ? { selected: true } : {}), ...(c.hint ? { bottomText: c.hint } : {}) }));
  const only = usable.length === 1 ? usable[0] : undefined;
  return [section([
    text(esc(t('courses.cert.intro'))),
    only
      ? decorated({ text: esc(only.name), startIcon: icon('attach_file') })
      : select('attachment', t('courses.cert.file'), files),
    select('competenceId', t('courses.cert.competence'), competences),
    datePicker('achievedOn', t('courses.cert.date'), offer.today),
    buttons([actionButton(t('courses.cert.button'), ACTIONS.registerCertificate,
      { messageId: offer.messageId, ...(only ? { attachment: String(only.index) } : {}) }, { style: 'FILLED' })]),
  ], { header: t('courses.cert.title') })];
}

/** The contextual card: the session part and/or the certificate part; a note when the mail is neither. */
export function gmailMessageCard(parts: { session?: SessionMailModel; certificate?: CertificateOffer; note?: string }, ctx: CourseCtx): Card {
  return card({ title: ctx.t('courses.gmail.title') }, [
    ...(parts.note ? [section([text(esc(parts.note))])] : []),
    ...(parts.session ? sessionMailSections(parts.session, ctx) : []),
    ...(parts.certificate ? certificateSections(parts.certificate, ctx) : []),
    section([buttons([actionButton(ctx.t('button.findCourses'), ACTIONS.findCourses), actionButton(ctx.t('button.myCourses'), ACTIONS.myCourses)])]),
  ], { name: 'gmail-message' });
}
