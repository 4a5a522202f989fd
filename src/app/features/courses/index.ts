// Courses for staff and leaders (issue 5): find (relevant first, word search), one course with its dates, my courses,
// the Gmail homepage, and the leader's person picker — all served from the read model (one cache getAll when warm).
// Sign-up and cancellation are in signup.ts, Gmail in gmail.ts, administration in admin.ts and admin-read.ts.
import { can } from '../../../core/access';
import { rankCourses } from '../../../core/enrollment';
import type { Need, PersonView } from '../../../store/read-model';
import { leaderKey, unitKey, type LeaderView, type UnitView } from '../../../store/unit-views';
import { ACTIONS } from '../../../contract/actions';
import { unknownUserCard } from '../../../ui/cards/basic-cards';
import { courseListCard, myCoursesCard, signUpOtherCard, type CourseLine } from '../../../ui/cards/course-cards';
import { failReply, replyText, type Env, type Handlers } from '../../pipeline/handler';
import { formString, str, type Reply, type Request } from '../../../contract/request';
import { adminCourseHandlers } from './admin';
import { gmailHandlers } from './gmail';
import { courseJobHandlers } from './jobs';
import { courseAdminListHandlers } from './admin-read';
import { ctxOf, courseOf, idParam, seatOf, sessionModel, upcomingSeats } from './shared';
import { courseCardFor, gmailHome, myLines, navOf } from './home';
import { leaderNeed } from '../status/verify';
import { signUpHandlers } from './signup';
import { statusOf } from '../../common/status-model';
import { competenceNamer } from '../../common/person-context';

const LIST_MAX = 8;
const PICKER_MAX = 100;

function query(req: Request): string {
  return str(req, 'query').replace(/\s+/g, ' ').trim().slice(0, 100);
}

function needsOf(env: Env, person: PersonView | undefined) {
  if (!person) return { roleIds: [], items: [] };
  return { roleIds: person.employee.row.roleIds ?? [], items: statusOf(env, person).items };
}

function find(env: Env): Reply {
  const q = query(env.req);
  const ses = env.views.ses();
  const open = new Map<string, string>();
  for (const s of [...ses.sessions].sort((a, b) => a.session.startsAt.localeCompare(b.session.startsAt))) {
    if (s.session.status === 'open' && s.session.startsAt > env.now && (!s.session.signupDeadline || s.session.signupDeadline >= env.today) && !open.has(s.session.courseId)) {
      open.set(s.session.courseId, s.session.sessionId);
    }
  }
  const ranked = rankCourses(env.views.cat().courses, needsOf(env, env.me), {
    query: q, competenceName: competenceNamer(env),
    nextStart: (id) => (open.has(id) ? seatOf(env, open.get(id)!)?.session.startsAt : undefined),
  });
  const lines: CourseLine[] = ranked.slice(0, LIST_MAX).map((r) => {
    const upcoming = upcomingSeats(env, r.course.courseId);
    const nextSeat = open.has(r.course.courseId) ? seatOf(env, open.get(r.course.courseId)!) : upcoming[0];
    return {
      courseId: r.course.courseId, title: r.course.title, format: r.course.format, hours: r.course.hours, relevance: r.relevance,
      competenceIds: r.competenceIds, dates: upcoming.length, ...(nextSeat ? { next: sessionModel(env, nextSeat, env.me) } : {}),
    };
  });
  // The search button on the list card answers in place; a command or a button elsewhere opens the list.
  const inPlace = formString(env.req, 'query') !== '' || env.req.form.query !== undefined;
  return { kind: 'card', card: courseListCard(lines, { query: q, total: ranked.length }, ctxOf(env)), nav: navOf(env, inPlace) };
}

function detail(env: Env): Reply {
  const bySession = seatOf(env, idParam(str(env.req, 'sessionId')));
  const course = courseOf(env, idParam(str(env.req, 'courseId')) || bySession?.session.courseId || '');
  if (!course) return failReply(env, { kind: 'notFound' });
  return { kind: 'card', card: courseCardFor(env, course, env.me), nav: navOf(env) };
}

function mine(env: Env): Reply {
  if (!env.me) return { kind: 'card', card: unknownUserCard(env.req.chat?.displayName, env.t) };
  const { upcoming, past } = myLines(env, env.me);
  return { kind: 'card', card: myCoursesCard(upcoming, past, ctxOf(env)), nav: navOf(env) };
}

function pickerNeeds(req: Request): Need[] {
  const unitId = idParam(str(req, 'unitId'));
  return [{ shard: 'cat' }, { shard: 'ses' }, ...(req.userEmail ? [{ view: leaderKey(req.userEmail) }] : []), ...(unitId ? [{ view: unitKey(unitId) }] : [])];
}

/** The leader's picker: their units (top units and the ones right below), and the people of the chosen one. */
function signUpOtherOpen(env: Env): Reply {
  if (env.actor.ledUnitIds.size === 0) return replyText(env.req, env.t('courses.other.noUnits'));
  const seat = seatOf(env, idParam(str(env.req, 'sessionId')));
  const course = seat && courseOf(env, seat.session.courseId);
  if (!seat || !course) return failReply(env, { text: env.t('courses.no.unknownSession') });
  const mineView = env.views.view<LeaderView>(leaderKey(env.actor.email));
  const units = (mineView?.units ?? []).flatMap((u) => [{ unitId: u.unit.unitId, name: u.unit.name }, ...u.children.map((c) => ({ unitId: c.unitId, name: c.name }))])
    .filter((u, i, all) => all.findIndex((x) => x.unitId === u.unitId) === i && can(env.actor, { do: 'viewUnit', unitId: u.unitId }));
  const asked = idParam(str(env.req, 'unitId'));
  const unitId = asked && can(env.actor, { do: 'viewUnit', unitId: asked }) ? asked : units[0]?.unitId;
  const view = unitId === asked && asked ? env.views.view<UnitView>(unitKey(asked)) : mineView?.units.find((u) => u.unit.unitId === unitId);
  const members = [...(view?.members ?? [])].sort((a, b) => a.name.localeCompare(b.name, 'nb'));
  const dates = upcomingSeats(env, course.courseId).map((s) => sessionModel(env, s)).filter((s) => !s.refusal);
  const card = signUpOtherCard({
    sessionId: seat.session.sessionId, title: course.title, session: sessionModel(env, seat), dates, units, unitId,
    members: members.slice(0, PICKER_MAX).map((m) => ({ email: m.email, name: m.name })), truncated: members.length > PICKER_MAX,
  }, ctxOf(env));
  return { kind: 'dialog', card };
}

const readHandlers: Handlers = {
  [ACTIONS.findCourses]: { kind: 'read', needs: () => [{ shard: 'cat' }, { shard: 'ses' }], run: find },
  [ACTIONS.courseDetail]: { kind: 'read', needs: () => [{ shard: 'cat' }, { shard: 'ses' }], run: detail },
  [ACTIONS.myCourses]: { kind: 'read', needs: () => [{ shard: 'cat' }, { shard: 'ses' }], run: mine },
  [ACTIONS.gmailHome]: { kind: 'read', needs: (req) => [{ shard: 'cat' }, { shard: 'ses' }, ...leaderNeed(req)], run: gmailHome },
  [ACTIONS.signUpOtherOpen]: { kind: 'read', needs: pickerNeeds, run: signUpOtherOpen },
};

export const courseHandlers: Handlers = {
  ...readHandlers, ...signUpHandlers, ...gmailHandlers, ...adminCourseHandlers, ...courseAdminListHandlers, ...courseJobHandlers,
};
