// Course cards (Chat, Gmail and the other panels): find courses (relevant first), one course with its dates, my courses,
// the leader's person picker, and the Gmail homepage. Short enough for a phone; every record text escaped.
import type { Refusal, Relevance } from '../../core/enrollment';
import { formatDate, type Locale, type MessageKey, type Translate } from '../../core/i18n';
import { isoDateIn } from '../../core/dates';
import type { Enrollment, Session } from '../../core/records/tables';
import type { Card, SelectionItem, Widget } from '../../contract/card-types';
import { ACTIONS } from '../../contract/actions';
import { actionButton, buttons, card, decorated, esc, icon, section, select, text, textInput } from './widgets';

export interface CourseCtx { t: Translate; locale: Locale; timeZone: string; competenceName(id: string): string }

export interface SessionModel {
  sessionId: string; courseId: string; startsAt: string; endsAt: string; location?: string; capacity: number;
  enrolled: number; waitlisted: number; status: Session['status']; signupDeadline?: string;
  /** Why sign-up is closed now (from the read model; the decision is made again under the lock). */
  refusal?: Refusal;
  mine?: { status: Enrollment['status']; position?: number };
}

export interface CourseLine {
  courseId: string; title: string; format: string; hours?: number; relevance: Relevance; competenceIds: string[];
  next?: SessionModel; dates: number;
}

export interface CourseModel { courseId: string; title: string; description?: string; format: string; hours?: number; competenceIds: string[] }

function clock(iso: string, tz: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone: tz, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
}

/** "3. desember 2026 kl. 09:00–12:00" in the municipality's time zone. */
export function whenText(s: Pick<SessionModel, 'startsAt' | 'endsAt'>, ctx: Pick<CourseCtx, 't' | 'locale' | 'timeZone'>): string {
  const startDay = isoDateIn(new Date(s.startsAt), ctx.timeZone);
  const endDay = isoDateIn(new Date(s.endsAt), ctx.timeZone);
  const date = formatDate(ctx.locale, startDay);
  if (startDay !== endDay) return ctx.t('courses.whenDays', { date, from: clock(s.startsAt, ctx.timeZone), end: formatDate(ctx.locale, endDay), to: clock(s.endsAt, ctx.timeZone) });
  return ctx.t('courses.when', { date, from: clock(s.startsAt, ctx.timeZone), to: clock(s.endsAt, ctx.timeZone) });
}

export function seatsText(s: SessionModel, t: Translate): string {
  const free = s.capacity - s.enrolled;
  if (free > 0) return t('courses.seats', { free, capacity: s.capacity });
  return s.waitlisted > 0 ? t('courses.full', { waiting: s.waitlisted }) : t('courses.fullNoWait');
}

export function refusalText(s: SessionModel, ctx: CourseCtx): string {
  return s.refusal === 'deadline'
    ? ctx.t('courses.refusal.deadline', { date: formatDate(ctx.locale, s.signupDeadline) })
    : ctx.t(`courses.refusal.${s.refusal!}` as MessageKey);
}

export function mineText(m: NonNullable<SessionModel['mine']>, t: Translate): string {
  if (m.status === 'waitlisted') return m.position ? t('courses.mine.waitlisted', { position: m.position }) : t('courses.mine.waitlistedNoPos');
  return t(`courses.mine.${m.status}` as MessageKey);
}

function formatLine(c: Pick<CourseModel, 'format' | 'hours'>, t: Translate): string {
  const format = t(`courses.format.${c.format}` as MessageKey);
  return c.hours ? `${format} · ${t('courses.hours', { hours: c.hours })}` : format;
}

function whyText(line: CourseLine, ctx: CourseCtx): string | undefined {
  const names = line.competenceIds.map(ctx.competenceName).join(', ');
  if (line.relevance === 'gap') return ctx.t('courses.why.gap', { competences: names });
  if (line.relevance === 'expiring') return ctx.t('courses.why.expiring', { competences: names });
  if (line.relevance === 'role') return ctx.t('courses.why.role');
  return undefined;
}

/** The one button a session line gets: what the person can do next. */
export function sessionButton(s: SessionModel, t: Translate) {
  const mine = s.mine?.status;
  // `from`: the answer may replace this card (a course card) rather than post a new one in Chat.
  const params = { sessionId: s.sessionId, from: 'course' };
  if (mine === 'enrolled') return actionButton(t('courses.cancel'), ACTIONS.cancelEnrollment, params, { style: 'OUTLINED' });
  if (mine === 'waitlisted') return actionButton(t('courses.leaveWaitlist'), ACTIONS.cancelEnrollment, params, { style: 'OUTLINED' });
  if (mine || s.refusal) return undefined;
  const full = s.enrolled >= s.capacity;
  return actionButton(t(full ? 'courses.joinWaitlist' : 'courses.signUp'), ACTIONS.signUp, params, { style: 'FILLED_TONAL' });
}

export function sessionWidget(s: SessionModel, ctx: CourseCtx, opts: { title?: string } = {}): Widget {
  const status = s.mine ? mineText(s.mine, ctx.t) : s.refusal ? refusalText(s, ctx) : seatsText(s, ctx.t);
  const bottom = [s.location ? esc(s.location) : undefined, status,
    !s.mine && !s.refusal && s.signupDeadline ? ctx.t('courses.deadline', { date: formatDate(ctx.locale, s.signupDeadline) }) : undefined]
    .filter(Boolean).join(' · ');
  const button = sessionButton(s, ctx.t);
  return decorated({
    topLabel: opts.title ? esc(opts.title) : undefined,
    text: `<b>${esc(whenText(s, ctx))}</b>`,
    bottomLabel: bottom,
    startIcon: icon(s.mine?.status === 'enrolled' ? 'event_available' : s.mine?.status === 'waitlisted' ? 'hourglass_top' : 'event'),
    ...(button ? { button } : {}),
  });
}

function searchWidgets(query: string, t: Translate): Widget[] {
  return [
    textInput('query', t('courses.search.label'), { value: query, hint: t('courses.search.hint') }),
    buttons([actionButton(t('courses.search.button'), ACTIONS.findCourses, {}, { icon: 'search' })]),
  ];
}

/** Find courses: relevant for the person first, each with its next date and one action. */
export function courseListCard(lines: CourseLine[], opts: { query: string; total: number }, ctx: CourseCtx): Card {
  const { t } = ctx;
  const widgets = lines.map((l) => {
    const why = whyText(l, ctx);
    const next = l.next ? t('courses.next', { when: whenText(l.next, ctx) }) : t('courses.noSessions');
    return decorated({
      topLabel: why ? esc(why) : formatLine(l, t),
      text: `<b>${esc(l.title)}</b>`,
      bottomLabel: l.next?.mine ? `${next} · ${mineText(l.next.mine, t)}` : next,
      startIcon: icon(l.relevance === 'gap' ? 'priority_high' : l.relevance === 'expiring' ? 'update' : 'school'),
      button: actionButton(t('courses.open'), ACTIONS.courseDetail, { courseId: l.courseId }),
    });
  });
  const summary = lines.length === 0
    ? (opts.query ? t('courses.find.none', { query: opts.query }) : t('courses.find.noneAtAll'))
    : opts.total > lines.length ? t('courses.find.more', { shown: lines.length, total: opts.total }) : undefined;
  return card({ title: t('courses.find.title'), subtitle: opts.query ? t('courses.find.searched', { query: opts.query }) : t('courses.find.forYou') }, [
    section(searchWidgets(opts.query, t)),
    section([...widgets, summary ? text(esc(summary)) : undefined]),
    section([buttons([actionButton(t('button.myCourses'), ACTIONS.myCourses)])]),
  ], { name: 'courses' });
}

/** One course: what it is, what it gives, and its coming dates with what the person can do on each. */
export function courseDetailCard(c: CourseModel, sessions: SessionModel[], opts: { canSignUpOthers: boolean }, ctx: CourseCtx): Card {
  const { t } = ctx;
  const grants = c.competenceIds.map(ctx.competenceName).join(', ');
  const anyEnrolled = sessions.some((s) => s.mine?.status === 'enrolled');
  return card({ title: c.title, subtitle: formatLine(c, t) }, [
    section([
      c.description ? text(esc(c.description)) : undefined,
      grants ? decorated({ topLabel: t('courses.grants'), text: esc(grants), startIcon: icon('verified') }) : undefined,
    ]),
    section(sessions.length ? sessions.map((s) => sessionWidget(s, ctx)) : [text(esc(t('courses.noSessions')))], { header: t('courses.detail.sessions') }),
    section([buttons([
      anyEnrolled && actionButton(t('courses.addToCalendar'), ACTIONS.addToCalendar, { sessionId: sessions.find((s) => s.mine?.status === 'enrolled')!.sessionId }, { icon: 'calendar_add_on' }),
      // The leader picks the date in the dialog; it opens on the first date with a free seat (else the first open one).
      opts.canSignUpOthers && sessions.some((s) => !s.refusal) && actionButton(t('courses.signUpOther'), ACTIONS.signUpOtherOpen,
        { sessionId: (sessions.find((s) => !s.refusal && s.capacity > s.enrolled) ?? sessions.find((s) => !s.refusal))!.sessionId }, { dialog: true }),
      actionButton(t('button.findCourses'), ACTIONS.findCourses),
    ])]),
  ], { name: 'course' });
}

export interface MyLine { title: string; courseId: string; session: SessionModel }

/** My sign-ups: coming ones with their status and action, then the last few past ones. */
export function myCoursesCard(upcoming: MyLine[], past: MyLine[], ctx: CourseCtx): Card {
  const { t } = ctx;
  const line = (l: MyLine, withAction: boolean) => {
    const w = sessionWidget(withAction ? l.session : { ...l.session, refusal: l.session.refusal ?? 'started' }, ctx, { title: l.title });
    if (!withAction && 'decoratedText' in w) delete w.decoratedText.button;
    return w;
  };
  return card({ title: t('courses.mine.title') }, [
    section(upcoming.length ? upcoming.map((l) => line(l, true)) : [text(esc(t('courses.mine.none')))], { header: t('courses.mine.upcoming') }),
    section(past.map((l) => line(l, false)), { header: t('courses.mine.past'), ...(past.length > 3 ? { collapsible: true, uncollapsibleWidgetsCount: 3 } : {}) }),
    section([buttons([actionButton(t('button.findCourses'), ACTIONS.findCourses), actionButton(t('button.myStatus'), ACTIONS.myStatus)])]),
  ], { name: 'my-courses' });
}

export interface PickerModel {
  sessionId: string; title: string; session: SessionModel;
  /** Every date of the course the leader can sign someone up for (the chosen one is `sessionId`). */
  dates: SessionModel[];
  units: { unitId: string; name: string }[]; unitId?: string;
  members: { email: string; name: string }[];
  /** More members than the dropdown shows: the e-mail field is the way to the rest. */
  truncated: boolean;
}

/** A leader signs up someone from their units: pick the unit, then the person (or type the e-mail). */
export function signUpOtherCard(m: PickerModel, ctx: CourseCtx): Card {
  const { t } = ctx;
  const people: SelectionItem[] = m.members.map((p, i) => ({ text: p.name, value: p.email, bottomText: p.email, ...(i === 0 ? { selected: true } : {}) }));
  const dates: SelectionItem[] = m.dates.map((s) => ({
    text: whenText(s, ctx), value: s.sessionId, bottomText: seatsText(s, t), ...(s.sessionId === m.sessionId ? { selected: true } : {}),
  }));
  return card({ title: t('courses.other.title'), subtitle: m.title }, [
    section([select('sessionId', t('courses.other.date'), dates, 'DROPDOWN')]),
    section(m.units.length > 1 ? [buttons(m.units.map((u) => actionButton(u.name, ACTIONS.signUpOtherOpen, { sessionId: m.sessionId, unitId: u.unitId },
      { style: u.unitId === m.unitId ? 'FILLED_TONAL' : 'OUTLINED', dialog: true })))] : [], { header: t('courses.other.unit') }),
    section([
      people.length ? select('email', t('courses.other.person'), people) : text(esc(t('courses.other.noMembers'))),
      m.truncated ? text(esc(t('courses.other.truncated'))) : undefined,
      textInput('typedEmail', t('courses.other.email')),
    ]),
    section([buttons([actionButton(t('courses.other.submit'), ACTIONS.signUpOther, {}, { style: 'FILLED' })])]),
  ], { name: 'sign-up-other' });
}

export interface GmailHomeModel { name: string; upcoming: MyLine[]; summary: string; needs: { label: string; competence: string }[] }

/** The Gmail homepage: my coming sessions, my status in one line, and the way to courses. */
export function gmailHomeCard(m: GmailHomeModel, ctx: CourseCtx): Card {
  const { t } = ctx;
  return card({ title: t('courses.gmail.title'), subtitle: m.name }, [
    section(m.upcoming.length ? m.upcoming.slice(0, 4).map((l) => sessionWidget(l.session, ctx, { title: l.title })) : [text(esc(t('courses.mine.none')))],
      { header: t('courses.gmail.upcoming') }),
    section([
      text(m.summary),
      ...m.needs.slice(0, 3).map((n) => decorated({ topLabel: esc(n.label), text: esc(n.competence), startIcon: icon('flag') })),
    ], { header: t('courses.gmail.status') }),
    section([buttons([
      actionButton(t('button.findCourses'), ACTIONS.findCourses, {}, { style: 'FILLED_TONAL' }),
      actionButton(t('button.myCourses'), ACTIONS.myCourses),
      actionButton(t('button.myStatus'), ACTIONS.myStatus),
      actionButton(t('button.appraisals'), ACTIONS.myAppraisals),
    ])]),
  ], { name: 'gmail-home' });
}
