// Competence status (issue 4): my status and home (home.ts); for leaders the unit overview with drill-down, one person, the
// Sheets panel; merges the sign-off, verification, skills and reminder handlers. Every read is one cache getAll when the read model is warm.
import { can } from '../../../core/access';
import type { Need } from '../../../store/read-model';
import { leaderKey, unitKey, UNIT_PAGE, type LeaderView, type UnitPage, type UnitView } from '../../../store/unit-views';
import { ACTIONS } from '../../../contract/actions';
import { unknownUserCard } from '../../../ui/cards/basic-cards';
import { statusCard } from '../../../ui/cards/status-card';
import { leaderSection, unitCard, unitListCard } from '../../../ui/cards/unit-cards';
import { unitPersonCard } from '../../../ui/cards/unit-person-card';
import { failReply, replyText, type Env, type Handlers } from '../../pipeline/handler';
import { str, type Reply, type Request } from '../../../contract/request';
import { statusCardModel } from '../../common/status-model';
import { personModel, preparing, unitContext } from '../../common/person-context';
import { signOffHandlers } from './signoff';
import { skillsHandlers } from './skills';
import { homeHandlers } from './home';
import { reminderHandlers } from './jobs';
import { leaderNeed, leaderPending, verifyHandlers } from './verify';
import { pendingSection } from '../../../ui/cards/pending-cards';

/** Drill-down pushes a card in the add-on hosts (Back works) and replaces the clicked message in Chat. */
function nav(env: Env): 'push' | 'update' | undefined {
  if (!env.req.params.action) return undefined;
  return env.req.host === 'chat' ? 'update' : 'push';
}

function offset(req: Request): number {
  const n = Number(req.params.from ?? 0);
  return Number.isInteger(n) && n > 0 && n < 1_000_000 ? n : 0;
}

function unitNeeds(req: Request): Need[] {
  const unitId = str(req, 'unitId');
  if (!unitId) return [{ shard: 'cat' }, ...leaderNeed(req)];
  const page = Math.floor(offset(req) / UNIT_PAGE);
  return [{ shard: 'cat' }, { view: unitKey(unitId) }, ...(page > 0 ? [{ view: unitKey(unitId, page) }] : [])];
}

function showUnit(env: Env, view: UnitView, from: number): Reply {
  const page = Math.floor(from / UNIT_PAGE);
  const members = page === 0 ? view.members : env.views.view<UnitPage>(unitKey(view.unit.unitId, page))?.members;
  if (!members) return preparing(env);
  const parentId = view.unit.parentUnitId;
  const parent = parentId ? env.views.dir.units.find((u) => u.unitId === parentId) : undefined;
  const card = unitCard(view, members, from, page * UNIT_PAGE, unitContext(env), parent && { unitId: parent.unitId, name: parent.name });
  return { kind: 'card', card, nav: nav(env) };
}

function unitOverview(env: Env): Reply {
  const unitId = str(env.req, 'unitId');
  if (unitId) {
    if (!can(env.actor, { do: 'viewUnit', unitId })) return failReply(env, { kind: 'notAllowed' });
    const view = env.views.view<UnitView>(unitKey(unitId));
    if (!view) return env.views.dir.units.some((u) => u.unitId === unitId) ? preparing(env) : failReply(env, { kind: 'notFound' });
    return showUnit(env, view, offset(env.req));
  }
  if (env.actor.ledUnitIds.size === 0) return replyText(env.req, env.t('unit.noUnits'));
  const mine = env.views.view<LeaderView>(leaderKey(env.actor.email));
  if (!mine) return preparing(env);
  const units = mine.units.filter((u) => can(env.actor, { do: 'viewUnit', unitId: u.unit.unitId }));
  if (units.length === 0) return preparing(env);
  const only = units.length === 1 ? units[0] : undefined;
  const reply = only ? showUnit(env, only, 0) : { kind: 'card' as const, card: unitListCard({ ...mine, units }, unitContext(env)), nav: nav(env) };
  return withPending(env, reply);
}

/** A leader's overview with a line about certificates that wait for them, when any do (first, so it is not missed). */
function withPending(env: Env, reply: Reply): Reply {
  const count = reply.kind === 'card' ? leaderPending(env)?.count ?? 0 : 0;
  if (reply.kind !== 'card' || count === 0) return reply;
  return { ...reply, card: { ...reply.card, sections: [pendingSection(count, env.t), ...reply.card.sections] } };
}

function unitPerson(env: Env): Reply {
  const person = env.views.person(str(env.req, 'email'));
  if (!person) return failReply(env, { kind: 'notFound' });
  if (!can(env.actor, { do: 'viewEmployee', employee: person.employee.row })) return failReply(env, { kind: 'notAllowed' });
  return { kind: 'card', card: unitPersonCard(personModel(env, person), env.t, env.locale), nav: nav(env) };
}

/** The add-on's panel in any spreadsheet: my status, and for leaders their units in one line each. */
function sheetsHome(env: Env): Reply {
  if (!env.me) return { kind: 'card', card: unknownUserCard(env.req.chat?.displayName, env.t) };
  const card = statusCard(statusCardModel(env, env.me), env.t, env.locale);
  const mine = env.actor.ledUnitIds.size > 0 && env.req.userEmail ? env.views.view<LeaderView>(leaderKey(env.req.userEmail)) : undefined;
  const units = mine?.units.filter((u) => can(env.actor, { do: 'viewUnit', unitId: u.unit.unitId })) ?? [];
  if (units.length) card.sections.splice(1, 0, leaderSection({ ...mine!, units }, unitContext(env)));
  const waiting = units.length ? leaderPending(env)?.count ?? 0 : 0;
  if (waiting > 0) card.sections.splice(1, 0, pendingSection(waiting, env.t));
  return { kind: 'card', card, nav: env.req.params.action ? 'update' : undefined };
}

const leaderHandlers: Handlers = {
  [ACTIONS.unitOverview]: { kind: 'read', needs: unitNeeds, run: unitOverview },
  [ACTIONS.unitPerson]: {
    kind: 'read',
    needs: (req) => [{ shard: 'cat' }, { shard: 'ses' }, { person: str(req, 'email') || '-' }],
    run: unitPerson,
  },
  [ACTIONS.sheetsHome]: {
    kind: 'read',
    needs: (req) => [{ shard: 'cat' }, { shard: 'ses' }, ...leaderNeed(req)],
    run: sheetsHome,
  },
};

export const statusHandlers: Handlers = { ...homeHandlers, ...leaderHandlers, ...signOffHandlers, ...verifyHandlers, ...skillsHandlers, ...reminderHandlers };
