// The person's own course overview, shared by "my courses", the Gmail homepage and the Gmail message card.
import { formatDate } from '../../../core/i18n';
import type { PersonView } from '../../../store/read-model';
import { unknownUserCard } from '../../../ui/cards/basic-cards';
import { courseDetailCard, gmailHomeCard, type MyLine } from '../../../ui/cards/course-cards';
import type { Card } from '../../../contract/card-types';
import type { Course } from '../../../core/records/tables';
import type { SessionsView } from '../../../store/read-model';
import type { Env } from '../../pipeline/handler';
import type { Reply } from '../../../contract/request';
import { ctxOf, courseOf, seatOf, sessionModel, upcomingSeats } from './shared';
import { statusOf } from '../../common/status-model';
import { competenceNamer } from '../../common/person-context';
import { pendingCount } from '../status/verify';
import { pendingSection } from '../../../ui/cards/pending-cards';

/** A click pushes a card in the add-on hosts (Back works) and replaces the clicked message in Chat. */
export function navOf(env: Env, sameCard = false): 'push' | 'update' | undefined {
  if (!env.req.params.action) return undefined;
  return env.req.host === 'chat' || sameCard ? 'update' : 'push';
}

/** The person's sign-ups with what the sessions view knows about each (sessions over for more than 30 days drop out). */
export function myLines(env: Env, person: PersonView): { upcoming: MyLine[]; past: MyLine[] } {
  const upcoming: MyLine[] = [];
  const past: MyLine[] = [];
  for (const e of person.enrollments) {
    if (e.row.status === 'cancelled') continue;
    const seat = seatOf(env, e.row.sessionId);
    const course = seat && courseOf(env, seat.session.courseId);
    if (!seat || !course) continue;
    const line: MyLine = { title: course.title, courseId: course.courseId, session: sessionModel(env, seat, person) };
    if (!line.session.mine) continue;
    const ahead = seat.session.startsAt > env.now && seat.session.status !== 'cancelled' && (e.row.status === 'enrolled' || e.row.status === 'waitlisted');
    (ahead ? upcoming : past).push(line);
  }
  upcoming.sort((a, b) => a.session.startsAt.localeCompare(b.session.startsAt));
  past.sort((a, b) => b.session.startsAt.localeCompare(a.session.startsAt));
  return { upcoming, past: past.slice(0, 6) };
}

export function gmailHome(env: Env): Reply {
  if (!env.me) return { kind: 'card', card: unknownUserCard(env.req.chat?.displayName, env.t) };
  const status = statusOf(env, env.me);
  const names = competenceNamer(env);
  const summary = status.required === 0 ? env.t('status.summaryNone') : env.t('status.summary', { ok: status.compliant, total: status.required });
  const needs = status.items.filter((i) => i.level === 'required' && i.status !== 'valid').map((i) => ({
    label: i.expiresOn ? `${env.t(`status.label.${i.status}` as never)} · ${formatDate(env.locale, i.expiresOn)}` : env.t(`status.label.${i.status}` as never),
    competence: names(i.competenceId),
  }));
  const card = gmailHomeCard({ name: env.me.employee.row.name, upcoming: myLines(env, env.me).upcoming, summary, needs }, ctxOf(env));
  // A leader opening Gmail (the mail asking them to approve a certificate, say) sees first what waits for them.
  const waiting = pendingCount(env);
  if (waiting > 0) card.sections.unshift(pendingSection(waiting, env.t));
  return { kind: 'card', card, nav: env.req.params.action ? 'update' : undefined };
}

const DETAIL_SESSIONS = 6;

/** One course with its coming dates as this person sees them (after a change: from the patched views). */
export function courseCardFor(env: Env, course: Course, person: PersonView | undefined, ses: SessionsView = env.views.ses()): Card {
  const mine = new Set((person?.enrollments ?? []).filter((e) => e.row.status === 'enrolled' || e.row.status === 'waitlisted').map((e) => e.row.sessionId));
  const upcoming = upcomingSeats(env, course.courseId, ses);
  // The person's own dates first among what fits, so they always see where they stand.
  const shown = [...upcoming.filter((s) => mine.has(s.session.sessionId)), ...upcoming.filter((s) => !mine.has(s.session.sessionId))]
    .slice(0, DETAIL_SESSIONS).sort((a, b) => a.session.startsAt.localeCompare(b.session.startsAt));
  return courseDetailCard(
    { courseId: course.courseId, title: course.title, description: course.description, format: course.format, hours: course.hours, competenceIds: course.competenceIds ?? [] },
    shown.map((s) => sessionModel(env, s, person)), { canSignUpOthers: env.actor.ledUnitIds.size > 0 }, ctxOf(env));
}
