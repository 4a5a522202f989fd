// Appraisal conversations (issue 7): the Docs panel (on an appraisal document: its status and actions; elsewhere the
// leader's overview or the employee's own list), one appraisal, the new-conversation form, and the employee's view in
// Chat and Gmail. Merges the create, step and reminder handlers. Every read is one cache getAll when warm.
import { KINDS, isKind, probationPlan } from '../../../core/appraisal';
import { appraisalLeaderKey, docIndexKey, docNewKey, type AppraisalLeaderView, type DocEntry, type DocIndex } from '../../../store/appraisal-views';
import type { Need } from '../../../store/read-model';
import { ACTIONS } from '../../../contract/actions';
import { appraisalCard, newAppraisalCard } from '../../../ui/cards/appraisal-cards';
import { myAppraisalsCard, overviewCard } from '../../../ui/cards/appraisal-overview';
import { unknownUserCard } from '../../../ui/cards/basic-cards';
import { textInput } from '../../../ui/cards/widgets';
import { failReply, type Env, type Handlers } from '../../pipeline/handler';
import { str, type Reply, type Request } from '../../../contract/request';
import { createHandlers } from './create';
import { appraisalJobHandlers } from './jobs';
import { mineModel, overviewModel, appraisableMembers } from './model';
import { cardModel, entryModel, isDocId, findAppraisal, leaderNeeds, preparing, rolesFor, settingsOf } from './shared';
import { stepHandlers } from './steps';

/** People offered in the form's dropdown; a longer list starts from the overview's buttons. */
const FORM_PEOPLE = 100;

function nav(env: Env): 'update' | 'push' | undefined {
  if (!env.req.params.action) return undefined;
  return env.req.host === 'chat' ? 'update' : 'push';
}

/** Where the Docs panel finds the open document: the asker's list, their own appraisals, or the document index. */
function locate(env: Env, docId: string): DocEntry | 'missing' | undefined {
  const list = env.req.userEmail ? env.views.view<AppraisalLeaderView>(appraisalLeaderKey(env.req.userEmail)) : undefined;
  for (const m of list?.members ?? []) {
    const a = m.appraisals.find((x) => x.row.docId === docId);
    if (a) return { appraisal: a, employee: { employeeId: m.employeeId, email: m.email, name: m.name, unitId: m.unitId } };
  }
  const own = env.me?.appraisals.find((a) => a.row.docId === docId);
  if (own && env.me) {
    const e = env.me.employee.row;
    return { appraisal: own, employee: { employeeId: e.employeeId, email: e.email, name: e.name, unitId: e.unitId } };
  }
  const fresh = env.views.view<DocEntry>(docNewKey(docId));
  const bucket = env.views.view<DocIndex>(docIndexKey(docId));
  if (bucket === undefined) return fresh ?? 'missing';
  return bucket[docId] ?? fresh;
}

function docsHome(env: Env): Reply {
  const docId = isDocId(env.req.docs?.id) ? env.req.docs!.id : undefined;
  let notice: string | undefined;
  if (docId) {
    const found = locate(env, docId);
    if (found === 'missing') return preparing(env);
    if (found) {
      const roles = rolesFor(env, found.employee);
      // Nothing about the document (not even whose it is) unless the asker leads the employee or is the employee.
      if (!roles.mayLead && !roles.isEmployee) return failReply(env, { text: env.t('appraisal.doc.notYours') });
      const model = entryModel(env, found, roles);
      const member = env.req.userEmail
        ? env.views.view<AppraisalLeaderView>(appraisalLeaderKey(env.req.userEmail))?.members.find((m) => m.employeeId === found.employee.employeeId)
        : undefined;
      const person = member ?? (roles.isEmployee && env.me ? { ...env.me.employee.row, appraisals: env.me.appraisals } : undefined);
      const plan = found.appraisal.row.kind === 'probation' && person
        ? probationPlan(person, person.appraisals.map((a) => a.row), settingsOf(env), env.today) : undefined;
      return { kind: 'card', card: appraisalCard({ ...model, ...(plan ? { probation: plan } : {}) }, env.t, env.locale) };
    }
    notice = env.t('appraisal.doc.notAppraisal');
  } else if (env.req.docs && !env.req.docs.hasFileScope) {
    return homeFor(env, env.t('appraisal.doc.fileScope'), true);
  }
  return homeFor(env, notice);
}

/** "Give access": Docs shows its own dialog, and calls onFileScopeGranted with the document once the person agrees. */
function grantAccess(env: Env): Reply {
  if (env.req.host !== 'docs' && env.req.host !== 'sheets') return failReply(env, { text: env.t('appraisal.doc.grantOnlyInDocs') });
  return { kind: 'requestFileScope' };
}

/** The leader's overview (leaders), else the employee's own conversations. */
function homeFor(env: Env, notice?: string, grant = false): Reply {
  if (env.actor.ledUnitIds.size > 0 && env.req.userEmail) {
    const view = env.views.view<AppraisalLeaderView>(appraisalLeaderKey(env.req.userEmail));
    if (!view) return preparing(env);
    return { kind: 'card', card: overviewCard(overviewModel(env, view, notice, grant), env.t, env.locale), nav: nav(env) };
  }
  if (!env.me) return { kind: 'card', card: unknownUserCard(env.req.chat?.displayName, env.t) };
  return { kind: 'card', card: myAppraisalsCard(mineModel(env, env.me, notice, grant), env.t, env.locale), nav: nav(env) };
}

function overview(env: Env): Reply {
  if (env.actor.ledUnitIds.size === 0) return failReply(env, { text: env.t('appraisal.overview.notLeader') });
  return homeFor(env);
}

function mine(env: Env): Reply {
  if (!env.me) return { kind: 'card', card: unknownUserCard(env.req.chat?.displayName, env.t) };
  return { kind: 'card', card: myAppraisalsCard(mineModel(env, env.me), env.t, env.locale), nav: nav(env) };
}

function openOne(env: Env): Reply {
  const person = env.views.person(str(env.req, 'email'));
  if (!person) return failReply(env, { kind: 'notFound' });
  const roles = rolesFor(env, person.employee.row);
  if (!roles.mayLead && !roles.isEmployee) return failReply(env, { kind: 'notAllowed' });
  const a = findAppraisal(person, str(env.req, 'appraisalId'));
  if (!a) return failReply(env, { kind: 'notFound' });
  return { kind: 'card', card: appraisalCard(cardModel(env, person, a.row, roles), env.t, env.locale), nav: nav(env) };
}

function newOpen(env: Env): Reply {
  const email = str(env.req, 'email');
  const kindParam = str(env.req, 'kind');
  const kind = isKind(kindParam) ? kindParam : undefined;
  const base = { kinds: KINDS, today: env.today, ...(kind ? { kind } : {}) };
  let card;
  if (email) {
    const person = env.views.person(email);
    if (!person) return failReply(env, { kind: 'notFound' });
    if (!rolesFor(env, person.employee.row).mayLead) return failReply(env, { text: env.t('appraisal.notYourEmployee') });
    card = newAppraisalCard({ ...base, people: [], more: 0, selected: { email: person.employee.row.email, name: person.employee.row.name } }, env.t);
  } else {
    if (env.actor.ledUnitIds.size === 0 && !env.actor.isAdmin) return failReply(env, { text: env.t('appraisal.overview.notLeader') });
    const view = env.req.userEmail ? env.views.view<AppraisalLeaderView>(appraisalLeaderKey(env.req.userEmail)) : undefined;
    if (!view && env.actor.ledUnitIds.size > 0) return preparing(env);
    const members = view ? appraisableMembers(env, view) : [];
    card = newAppraisalCard({ ...base, people: members.slice(0, FORM_PEOPLE).map((m) => ({ email: m.email, name: m.name })),
      more: Math.max(0, members.length - FORM_PEOPLE) }, env.t);
    // An HR admin without a list of their own names the employee by e-mail.
    if (members.length === 0) card.sections[0]?.widgets.splice(1, 1, textInput('email', env.t('appraisal.new.email')));
  }
  return env.req.host === 'chat' ? { kind: 'dialog', card } : { kind: 'card', card, nav: 'push' };
}

const homeNeeds = (req: Request): Need[] => [{ shard: 'cat' }, ...leaderNeeds(req), ...(isDocId(req.docs?.id) ? [{ view: docIndexKey(req.docs!.id!) }, { view: docNewKey(req.docs!.id!) }] : [])];

const readHandlers: Handlers = {
  [ACTIONS.docsHome]: { kind: 'read', needs: homeNeeds, run: docsHome },
  [ACTIONS.docsGrantAccess]: { kind: 'read', needs: () => [], run: grantAccess },
  [ACTIONS.appraisalOverview]: { kind: 'read', needs: (req) => [{ shard: 'cat' }, ...leaderNeeds(req)], run: overview },
  [ACTIONS.myAppraisals]: { kind: 'read', needs: () => [{ shard: 'cat' }], run: mine },
  [ACTIONS.appraisalOpen]: { kind: 'read', needs: (req) => [{ shard: 'cat' }, { person: str(req, 'email') || '-' }], run: openOne },
  [ACTIONS.appraisalNewOpen]: {
    kind: 'read',
    needs: (req) => (str(req, 'email') ? [{ person: str(req, 'email') }] : leaderNeeds(req)),
    run: newOpen,
  },
};

export const appraisalHandlers: Handlers = { ...readHandlers, ...createHandlers, ...stepHandlers, ...appraisalJobHandlers };
