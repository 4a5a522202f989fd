// The Gmail add-on's contextual card: the session an opened mail is about (with the right action) and "register this
// certificate" for a mail with a PDF or an image.
import { ACTIONS } from '../../../src/contract/actions';
import { mineText, whenText } from '../../../src/ui/cards/course-cards';
import { certificateSections, gmailMessageCard, sessionMailSections, type CertificateOffer } from '../../../src/ui/cards/course-gmail';
import { actionNames, clicks, expectHostileInert, expectValidCard, htmlFields, HOSTILE, ws } from '../../support/cards';
import { courseCtx, sessionModel } from '../../support/course-ctx';

const ctx = courseCtx();
const t = ctx.t;
const offer = (over: Partial<CertificateOffer> = {}): CertificateOffer => ({
  messageId: 'msg-1', today: '2026-12-03',
  attachments: [{ index: 0, name: 'kursbevis.pdf', mimeType: 'application/pdf', tooBig: false }, { index: 2, name: 'bilde.jpg', mimeType: 'image/jpeg', tooBig: false }],
  competences: [{ competenceId: 'HLR', name: 'Hjerte-lungeredning', hint: 'Utløpt', selected: true }, { competenceId: 'BRANN', name: 'Brannvern' }], ...over,
});

describe('the session part', () => {
  it('names the course, time and place, what the person has, and the next step', () => {
    const enrolled = sessionMailSections({ title: 'Førstehjelp', courseId: 'C1', session: sessionModel({ mine: { status: 'enrolled' } }) }, ctx);
    expectValidCard({ sections: enrolled });
    expect(htmlFields(enrolled[0])).toEqual(['<b>Førstehjelp</b>', t('courses.gmail.aboutSession'), whenText(sessionModel(), ctx), 'Rådhuset, møterom 3', mineText({ status: 'enrolled' }, t)]);
    expect(clicks(enrolled)).toEqual([
      { text: t('courses.cancel'), action: ACTIONS.cancelEnrollment, params: { sessionId: 'S1', from: 'course' }, dialog: false },
      { text: t('courses.addToCalendar'), action: ACTIONS.addToCalendar, params: { sessionId: 'S1' }, dialog: false },
      { text: t('courses.open'), action: ACTIONS.courseDetail, params: { courseId: 'C1' }, dialog: false },
    ]);
    const open = sessionMailSections({ title: 'Førstehjelp', courseId: 'C1', session: sessionModel({ location: undefined }) }, ctx);
    expect(actionNames(open)).toEqual([ACTIONS.signUp, ACTIONS.courseDetail]);
    expect(htmlFields(open[0])).toHaveLength(4);
    const closed = sessionMailSections({ title: 'F', courseId: 'C1', session: sessionModel({ refusal: 'cancelled' }) }, ctx);
    expect(actionNames(closed)).toEqual([ACTIONS.courseDetail]);
    expect(htmlFields(closed[0])).toContain(t('courses.refusal.cancelled'));
  });
});

describe('the certificate part', () => {
  it('offers the attachments to choose from, the competences (gaps first, with hints) and the date', () => {
    const s = certificateSections(offer(), ctx);
    expectValidCard({ sections: s });
    expect(s[0]!.header).toBe(t('courses.cert.title'));
    const [, files, competences, date] = ws(s[0]);
    expect(files!.selectionInput).toMatchObject({ name: 'attachment', items: [{ text: 'kursbevis.pdf', value: '0', selected: true }, { text: 'bilde.jpg', value: '2' }] });
    expect(competences!.selectionInput!.items).toEqual([{ text: 'Hjerte-lungeredning', value: 'HLR', selected: true, bottomText: 'Utløpt' }, { text: 'Brannvern', value: 'BRANN' }]);
    expect(date!.dateTimePicker!.valueMsEpoch).toBe(String(Date.UTC(2026, 11, 3)));
    expect(clicks(s)).toEqual([{ text: t('courses.cert.button'), action: ACTIONS.registerCertificate, params: { messageId: 'msg-1' }, dialog: false }]);
  });

  it('names a single usable file instead of a choice and carries its index; too big files are left out', () => {
    const s = certificateSections(offer({ attachments: [{ index: 1, name: 'stor.pdf', mimeType: 'application/pdf', tooBig: true }, { index: 3, name: 'bevis.png', mimeType: 'image/png', tooBig: false }] }), ctx);
    expect(ws(s[0])[1]!.decoratedText!.text).toBe('bevis.png');
    expect(clicks(s)[0]!.params).toEqual({ messageId: 'msg-1', attachment: '3' });
    const none = certificateSections(offer({ attachments: [{ index: 0, name: 'stor.pdf', mimeType: 'application/pdf', tooBig: true }] }), ctx);
    expect(htmlFields(none)).toEqual([t('courses.cert.badFile', { mb: 5 })]);
    expect(clicks(none)).toEqual([]);
    expectHostileInert(certificateSections(offer({ attachments: [{ index: 0, name: HOSTILE, mimeType: 'application/pdf', tooBig: false }] }), ctx));
  });
});

describe('gmailMessageCard', () => {
  it('combines a note, the session and the certificate, always ending with the course buttons', () => {
    const c = gmailMessageCard({ note: 'Ikke en Kompetent-e-post', session: { title: HOSTILE, courseId: 'C1', session: sessionModel({ location: HOSTILE }) }, certificate: offer() }, ctx);
    expectValidCard(c);
    expect(c.header).toEqual({ title: t('courses.gmail.title') });
    expect(htmlFields(c)[0]).toBe('Ikke en Kompetent-e-post');
    expect(actionNames(c.sections.at(-1))).toEqual([ACTIONS.findCourses, ACTIONS.myCourses]);
    expectHostileInert(c);
    const bare = gmailMessageCard({}, courseCtx('sv'));
    expectValidCard(bare);
    expect(bare.sections).toHaveLength(1);
    expect(bare.header!.title).toBe(courseCtx('sv').t('courses.gmail.title'));
  });
});
