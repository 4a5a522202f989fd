// Course cards: finding courses (relevant first), one course and its dates, my courses, a leader signing someone up, and
// the Gmail homepage — with the one right action per session and every record text escaped.
import { ACTIONS } from '../../../src/contract/actions';
import {
  courseDetailCard, courseListCard, gmailHomeCard, mineText, myCoursesCard, refusalText, seatsText, sessionButton, sessionWidget, signUpOtherCard, whenText,
  type CourseLine, type MyLine,
} from '../../../src/ui/cards/course-cards';
import { actionNames, clicks, expectHostileInert, expectValidCard, htmlFields, HOSTILE, aw, ws } from '../../support/cards';
import { courseCtx, sessionModel } from '../../support/course-ctx';

const ctx = courseCtx();
const t = ctx.t;

describe('session texts', () => {
  it('give the local date and hours, over two days when it runs past midnight', () => {
    expect(whenText(sessionModel(), ctx)).toBe(t('courses.when', { date: '10. desember 2026', from: '09:00', to: '12:00' }));
    expect(whenText(sessionModel({ startsAt: '2026-06-10T06:00:00Z', endsAt: '2026-06-10T14:30:00Z' }), ctx)).toBe(t('courses.when', { date: '10. juni 2026', from: '08:00', to: '16:30' }));
    expect(whenText(sessionModel({ endsAt: '2026-12-11T15:00:00Z' }), ctx)).toBe(t('courses.whenDays', { date: '10. desember 2026', from: '09:00', end: '11. desember 2026', to: '16:00' }));
    const en = courseCtx('en');
    expect(whenText(sessionModel(), en)).toBe(en.t('courses.when', { date: '10 December 2026', from: '09:00', to: '12:00' }));
  });

  it('count free seats, or say it is full with or without a waitlist', () => {
    expect(seatsText(sessionModel(), t)).toBe(t('courses.seats', { free: 5, capacity: 12 }));
    expect(seatsText(sessionModel({ enrolled: 12, waitlisted: 3 }), t)).toBe(t('courses.full', { waiting: 3 }));
    expect(seatsText(sessionModel({ enrolled: 13 }), t)).toBe(t('courses.fullNoWait'));
  });

  it('say why sign-up is closed and what the person has', () => {
    expect(refusalText(sessionModel({ refusal: 'deadline' }), ctx)).toBe(t('courses.refusal.deadline', { date: '8. desember 2026' }));
    for (const r of ['cancelled', 'notOpen', 'started'] as const) expect(refusalText(sessionModel({ refusal: r }), ctx)).toBe(t(`courses.refusal.${r}`));
    expect(mineText({ status: 'waitlisted', position: 2 }, t)).toBe(t('courses.mine.waitlisted', { position: 2 }));
    expect(mineText({ status: 'waitlisted' }, t)).toBe(t('courses.mine.waitlistedNoPos'));
    for (const s of ['enrolled', 'attended', 'no-show', 'cancelled'] as const) expect(mineText({ status: s }, t)).toBe(t(`courses.mine.${s}`));
  });
});

describe('the one action per session', () => {
  it('signs up, joins the waitlist when full, cancels or leaves the waitlist, and offers nothing when closed or past', () => {
    const b = (over: Parameters<typeof sessionModel>[0]) => { const x = sessionButton(sessionModel(over), t); return x && clicks({ x })[0]; };
    expect(b({})).toEqual({ text: t('courses.signUp'), action: ACTIONS.signUp, params: { sessionId: 'S1', from: 'course' }, dialog: false });
    expect(b({ enrolled: 12 })!.text).toBe(t('courses.joinWaitlist'));
    expect(b({ mine: { status: 'enrolled' } })).toEqual({ text: t('courses.cancel'), action: ACTIONS.cancelEnrollment, params: { sessionId: 'S1', from: 'course' }, dialog: false });
    expect(b({ mine: { status: 'waitlisted', position: 1 }, refusal: 'deadline' })!.text).toBe(t('courses.leaveWaitlist'));
    expect(b({ refusal: 'deadline' })).toBeUndefined();
    expect(b({ mine: { status: 'attended' } })).toBeUndefined();
  });

  it('shows place, status and deadline under the time; no deadline once signed up or closed', () => {
    const w = (over: Parameters<typeof sessionModel>[0]) => aw(sessionWidget(sessionModel(over), ctx)).decoratedText!;
    expect(w({}).bottomLabel).toBe(`Rådhuset, møterom 3 · ${t('courses.seats', { free: 5, capacity: 12 })} · ${t('courses.deadline', { date: '8. desember 2026' })}`);
    expect(w({ mine: { status: 'enrolled' }, location: undefined }).bottomLabel).toBe(t('courses.mine.enrolled'));
    expect(w({ refusal: 'started' }).bottomLabel).toBe(`Rådhuset, møterom 3 · ${t('courses.refusal.started')}`);
    expect(w({ mine: { status: 'enrolled' } }).startIcon).toEqual({ materialIcon: { name: 'event_available' } });
    expect(aw(sessionWidget(sessionModel(), ctx, { title: 'HLR' })).decoratedText!.topLabel).toBe('HLR');
  });
});

describe('courseListCard', () => {
  const line = (i: number, over: Partial<CourseLine> = {}): CourseLine => ({
    courseId: `C${i}`, title: `Kurs ${i}`, format: 'classroom', hours: 3.5, relevance: 'other', competenceIds: [], dates: 1, next: sessionModel(), ...over,
  });

  it('says why each course matters to the person, its next date, and opens it', () => {
    const lines = [line(1, { relevance: 'gap', competenceIds: ['HLR', 'BRANN'] }), line(2, { relevance: 'expiring', competenceIds: ['BRANN'] }),
      line(3, { relevance: 'role' }), line(4, { next: undefined }), line(5, { format: 'e-learning', hours: undefined, next: sessionModel({ mine: { status: 'waitlisted', position: 4 } }) })];
    const c = courseListCard(lines, { query: '', total: 5 }, ctx);
    expectValidCard(c);
    expect(c.header).toEqual({ title: t('courses.find.title'), subtitle: t('courses.find.forYou') });
    const rows = ws(c.sections[1]).map((w) => w.decoratedText!);
    expect(rows.map((r) => r.topLabel)).toEqual([
      t('courses.why.gap', { competences: 'Hjerte-lungeredning, Brannvern' }), t('courses.why.expiring', { competences: 'Brannvern' }), t('courses.why.role'),
      `${t('courses.format.classroom')} · ${t('courses.hours', { hours: 3.5 })}`, t('courses.format.e-learning'),
    ]);
    expect(rows[3]!.bottomLabel).toBe(t('courses.noSessions'));
    expect(rows[4]!.bottomLabel).toBe(`${t('courses.next', { when: whenText(sessionModel(), ctx) })} · ${t('courses.mine.waitlisted', { position: 4 })}`);
    expect(rows.map((r) => r.startIcon!.materialIcon!.name)).toEqual(['priority_high', 'update', 'school', 'school', 'school']);
    expect(clicks(c).filter((k) => k.action === ACTIONS.courseDetail).map((k) => k.params.courseId)).toEqual(['C1', 'C2', 'C3', 'C4', 'C5']);
    expect(ws(c.sections[0])[0]!.textInput).toMatchObject({ name: 'query', value: '' });
  });

  it('says how many more there are, that a search found nothing, or that there are no courses at all', () => {
    expect(htmlFields(courseListCard([line(1)], { query: 'hlr', total: 30 }, ctx)).at(-1)).toBe(t('courses.find.more', { shown: 1, total: 30 }));
    const none = courseListCard([], { query: 'sykkel', total: 0 }, ctx);
    expectValidCard(none);
    expect(none.header!.subtitle).toBe(t('courses.find.searched', { query: 'sykkel' }));
    expect(htmlFields(none)).toEqual([t('courses.find.none', { query: 'sykkel' })]);
    expect(htmlFields(courseListCard([], { query: '', total: 0 }, ctx))).toEqual([t('courses.find.noneAtAll')]);
    expectHostileInert(courseListCard([line(1, { title: HOSTILE, relevance: 'gap', competenceIds: ['X'] })], { query: HOSTILE, total: 9 }, { ...ctx, competenceName: () => HOSTILE }));
  });
});

describe('courseDetailCard', () => {
  const course = { courseId: 'C1', title: 'Førstehjelp', description: 'Grunnkurs i\nførstehjelp', format: 'classroom', hours: 3, competenceIds: ['HLR'] };

  it('shows what it grants and each date with its action; add to calendar when signed up; leaders sign up others from a free date', () => {
    const sessions = [sessionModel({ sessionId: 'S1', enrolled: 12, mine: { status: 'enrolled' } }), sessionModel({ sessionId: 'S2', enrolled: 12 }), sessionModel({ sessionId: 'S3' }), sessionModel({ sessionId: 'S4', refusal: 'deadline' })];
    const c = courseDetailCard(course, sessions, { canSignUpOthers: true }, ctx);
    expectValidCard(c);
    expect(c.header).toEqual({ title: 'Førstehjelp', subtitle: `${t('courses.format.classroom')} · ${t('courses.hours', { hours: 3 })}` });
    expect(ws(c.sections[0])[1]!.decoratedText).toMatchObject({ topLabel: t('courses.grants'), text: 'Hjerte-lungeredning' });
    expect(ws(c.sections[1])).toHaveLength(4);
    expect(clicks(c.sections[2])).toEqual([
      { text: t('courses.addToCalendar'), action: ACTIONS.addToCalendar, params: { sessionId: 'S1' }, dialog: false },
      { text: t('courses.signUpOther'), action: ACTIONS.signUpOtherOpen, params: { sessionId: 'S3' }, dialog: true },
      { text: t('button.findCourses'), action: ACTIONS.findCourses, params: {}, dialog: false },
    ]);
    // No free seat anywhere: the first date still open.
    expect(clicks(courseDetailCard(course, [sessionModel({ sessionId: 'S7', refusal: 'started' }), sessionModel({ sessionId: 'S8', enrolled: 12 })], { canSignUpOthers: true }, ctx))
      .find((k) => k.action === ACTIONS.signUpOtherOpen)!.params).toEqual({ sessionId: 'S8' });
  });

  it('without dates says so; staff get no sign-up-others; nothing open means no picker; text escaped', () => {
    const c = courseDetailCard({ ...course, description: undefined, competenceIds: [] }, [], { canSignUpOthers: true }, ctx);
    expectValidCard(c);
    expect(htmlFields(c)).toEqual([t('courses.noSessions')]);
    expect(actionNames(c)).toEqual([ACTIONS.findCourses]);
    expect(actionNames(courseDetailCard(course, [sessionModel()], { canSignUpOthers: false }, ctx).sections[2])).toEqual([ACTIONS.findCourses]);
    expect(actionNames(courseDetailCard(course, [sessionModel({ refusal: 'started' })], { canSignUpOthers: true }, ctx).sections[2])).toEqual([ACTIONS.findCourses]);
    expectHostileInert(courseDetailCard({ ...course, description: HOSTILE }, [sessionModel({ location: HOSTILE })], { canSignUpOthers: false }, ctx));
  });
});

describe('myCoursesCard and the Gmail homepage', () => {
  const mine = (i: number, over: Parameters<typeof sessionModel>[0] = {}): MyLine => ({ title: `Kurs ${i}`, courseId: `C${i}`, session: sessionModel({ sessionId: `S${i}`, mine: { status: 'enrolled' }, ...over }) });

  it('lists coming sign-ups with their action and past ones without any, collapsing a long past', () => {
    const c = myCoursesCard([mine(1), mine(2, { mine: { status: 'waitlisted', position: 3 } })], [1, 2, 3, 4].map((i) => mine(10 + i, { mine: { status: 'attended' } })), ctx);
    expectValidCard(c);
    expect(clicks(c.sections[0]).map((k) => [k.text, k.params.sessionId])).toEqual([[t('courses.cancel'), 'S1'], [t('courses.leaveWaitlist'), 'S2']]);
    expect(c.sections[1]).toMatchObject({ header: t('courses.mine.past'), collapsible: true, uncollapsibleWidgetsCount: 3 });
    expect(clicks(c.sections[1])).toEqual([]);
    // A past line still enrolled (the session was held, attendance not marked) shows no cancel button.
    const past = myCoursesCard([], [mine(5)], ctx);
    expect(htmlFields(past.sections[0])).toEqual([t('courses.mine.none')]);
    expect(clicks(past.sections[1])).toEqual([]);
    expectHostileInert(myCoursesCard([{ ...mine(1), title: HOSTILE }], [], ctx));
  });

  it('the Gmail homepage shows four coming sessions, the status line and three needs', () => {
    const c = gmailHomeCard({ name: 'Kari', upcoming: [1, 2, 3, 4, 5].map((i) => mine(i)), summary: t('status.summary', { ok: 3, total: 4 }),
      needs: [1, 2, 3, 4].map((i) => ({ label: t('status.label.missing'), competence: `Kompetanse ${i}` })) }, ctx);
    expectValidCard(c);
    expect(ws(c.sections[0])).toHaveLength(4);
    expect(ws(c.sections[1])).toHaveLength(4);
    expect(actionNames(c.sections[2])).toEqual([ACTIONS.findCourses, ACTIONS.myCourses, ACTIONS.myStatus, ACTIONS.myAppraisals]);
    const empty = gmailHomeCard({ name: 'Kari', upcoming: [], summary: 'x', needs: [] }, ctx);
    expect(htmlFields(empty.sections[0])).toEqual([t('courses.mine.none')]);
    expectHostileInert(gmailHomeCard({ name: 'K', upcoming: [{ ...mine(1), title: HOSTILE }], summary: 's', needs: [{ label: HOSTILE, competence: HOSTILE }] }, ctx));
  });
});

describe('signUpOtherCard', () => {
  const model = {
    sessionId: 'S2', title: 'Førstehjelp', session: sessionModel({ sessionId: 'S2' }),
    dates: [sessionModel({ sessionId: 'S1', enrolled: 12 }), sessionModel({ sessionId: 'S2' })],
    units: [{ unitId: 'U1', name: 'Sone 1' }, { unitId: 'U2', name: 'Sone 2' }], unitId: 'U2',
    members: [{ email: 'a@k.no', name: 'Anne' }, { email: 'b@k.no', name: 'Bjørn' }], truncated: true,
  };

  it('picks the date (the chosen one selected, seats shown), the unit, then the person or a typed address', () => {
    const c = signUpOtherCard(model, ctx);
    expectValidCard(c);
    expect(c.header).toEqual({ title: t('courses.other.title'), subtitle: 'Førstehjelp' });
    expect(ws(c.sections[0])[0]!.selectionInput!.items).toEqual([
      { text: whenText(model.dates[0]!, ctx), value: 'S1', bottomText: seatsText(model.dates[0]!, t) },
      { text: whenText(model.dates[1]!, ctx), value: 'S2', bottomText: seatsText(model.dates[1]!, t), selected: true },
    ]);
    expect(ws(c.sections[1])[0]!.buttonList!.buttons.map((b) => [b.text, b.type])).toEqual([['Sone 1', 'OUTLINED'], ['Sone 2', 'FILLED_TONAL']]);
    expect(clicks(c.sections[1])[0]).toEqual({ text: 'Sone 1', action: ACTIONS.signUpOtherOpen, params: { sessionId: 'S2', unitId: 'U1' }, dialog: true });
    expect(ws(c.sections[2])[0]!.selectionInput!.items[0]).toEqual({ text: 'Anne', value: 'a@k.no', bottomText: 'a@k.no', selected: true });
    expect(htmlFields(c.sections[2])).toEqual([t('courses.other.truncated')]);
    expect(ws(c.sections[2]).at(-1)!.textInput!.name).toBe('typedEmail');
    expect(actionNames(c.sections[3])).toEqual([ACTIONS.signUpOther]);
  });

  it('with one unit shows no unit buttons, and with nobody in it says so', () => {
    const c = signUpOtherCard({ ...model, units: [model.units[0]!], members: [], truncated: false }, ctx);
    expectValidCard(c);
    expect(c.sections.map((s) => s.header)).not.toContain(t('courses.other.unit'));
    expect(htmlFields(c)).toEqual([t('courses.other.noMembers')]);
  });
});
