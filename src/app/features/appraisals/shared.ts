// Shared by the appraisal handlers: what a request needs, who may do what with an appraisal, dates from forms, the card
// model, and patching the views (person, the leader's list, the document index) after a change.
import { can } from '../../../core/access';
import { appraisalSettings, probationPlan, type AppraisalSettings } from '../../../core/appraisal';
import type { Appraisal, Employee, PlanItem } from '../../../core/records/tables';
import {
  appraisalLeaderKey, docIndexKey, docNewKey, memberOfView, nearestLeaders, patchLeaderMember, type AppraisalLeaderView, type DocEntry, type DocIndex,
} from '../../../store/appraisal-views';
import type { Need, PersonView } from '../../../store/read-model';
import type { Located } from '../../../store/table-parse';
import type { AppraisalCardModel, PlanItemLine } from '../../../ui/cards/appraisal-cards';
import { replyText, type Env } from '../../pipeline/handler';
import { formDate, str, type Reply, type Request } from '../../../contract/request';

/** Drive file ids: letters, digits, - and _ (anything else in a parameter is ignored). */
const DOC_ID = /^[A-Za-z0-9_-]{1,200}$/;

export function isDocId(id: string | undefined): id is string {
  return !!id && DOC_ID.test(id);
}

/** The document a request is about: the `docId` parameter of a button, else the document open in Docs. */
export function docIdOf(req: Request): string | undefined {
  const id = str(req, 'docId') || req.docs?.id || '';
  return isDocId(id) ? id : undefined;
}

export function leaderNeeds(req: Request): Need[] {
  return req.userEmail ? [{ view: appraisalLeaderKey(req.userEmail) }] : [];
}

export function docNeeds(req: Request): Need[] {
  const id = docIdOf(req);
  return id ? [{ view: docIndexKey(id) }, { view: docNewKey(id) }] : [];
}

/** The employee named by the `email` parameter, the leader's list and the document's bucket (to patch them). */
export function changeNeeds(req: Request): Need[] {
  return [{ shard: 'cat' }, { person: str(req, 'email') || '-' }, ...leaderNeeds(req), ...docNeeds(req)];
}

export function settingsOf(env: Env): AppraisalSettings {
  return appraisalSettings(env.views.dir.settings);
}

export interface Roles { mayLead: boolean; isEmployee: boolean }

/** Access to one person's appraisals, from the current Units table (a leader who moved loses it at once). */
export function rolesFor(env: Env, employee: Pick<Employee, 'employeeId' | 'unitId' | 'email'>): Roles {
  const isEmployee = !!env.actor.email && env.actor.email === employee.email.toLowerCase();
  // Nobody leads their own conversation, HR admins included; admins lead everyone else's.
  return { mayLead: !isEmployee && can(env.actor, { do: 'appraiseFor', employee }), isEmployee };
}

/** A date from a date picker (midnight UTC, as Google sends DATE_ONLY) or typed text; the fallback when empty. */
export function dateInput(req: Request, name: string, fallback: string | undefined): string | undefined {
  // Leaders type dates as 25/11/2026 too.
  return formDate(req, name, fallback, (raw) => raw.trim().replace(/\//g, '.'));
}

export function findAppraisal(person: PersonView, appraisalId: string): Located<Appraisal> | undefined {
  return person.appraisals.find((a) => a.row.appraisalId === appraisalId);
}

export function docUrl(docId: string): string {
  return `https://docs.google.com/document/d/${encodeURIComponent(docId)}/edit`;
}

function planLabel(env: Env, p: PlanItem): string {
  const cat = env.views.cat();
  if (p.courseId) return cat.courses.find((c) => c.courseId === p.courseId)?.title ?? p.courseId;
  if (p.competenceId) return cat.competences.find((c) => c.competenceId === p.competenceId)?.name ?? p.competenceId;
  return p.goal ?? '';
}

export function planItemLines(env: Env, items: readonly Located<PlanItem>[]): PlanItemLine[] {
  return items.map(({ row }) => ({
    label: planLabel(env, row), ...(row.goal && (row.courseId || row.competenceId) ? { note: row.goal } : {}),
    dueBy: row.dueBy, status: row.status,
  }));
}

/** The detail card's model for one appraisal (from the person view: the freshest source). */
export function cardModel(env: Env, person: PersonView, a: Appraisal, roles: Roles, withCatalogue = true): AppraisalCardModel {
  const e = person.employee.row;
  const plan = a.kind === 'probation' ? probationPlan(e, person.appraisals.map((x) => x.row), settingsOf(env), env.today) : undefined;
  return {
    appraisal: a,
    employee: { name: e.name, email: e.email },
    mayLead: roles.mayLead,
    isEmployee: roles.isEmployee,
    planItems: withCatalogue ? planItemLines(env, person.planItems.filter((p) => p.row.appraisalId === a.appraisalId)) : [],
    ...(plan ? { probation: plan } : {}),
    ...(a.docId ? { docUrl: docUrl(a.docId), docId: a.docId } : {}),
    today: env.today,
  };
}

/** The detail card's model from the document index or a leader's list, when the person view is not at hand. */
export function entryModel(env: Env, entry: DocEntry, roles: Roles): AppraisalCardModel {
  const a = entry.appraisal.row;
  return {
    appraisal: a, employee: { name: entry.employee.name, email: entry.employee.email }, mayLead: roles.mayLead, isEmployee: roles.isEmployee,
    planItems: [], ...(a.docId ? { docUrl: docUrl(a.docId), docId: a.docId } : {}), today: env.today,
  };
}

/** A view that should be in the read model is not (evicted, or never built): ask for a rebuild and say so. */
export function preparing(env: Env): Reply {
  env.ports.scheduleRebuild?.();
  return replyText(env.req, env.t('error.preparing'));
}

/**
 * After a change to one person's appraisals or plan items: stage their person view, patch the asker's own list when
 * the request loaded it and the person belongs there, and the document's bucket when the request loaded it. Other
 * leaders' lists and buckets catch up at the next rebuild.
 */
export function stageAppraisalChange(env: Env, after: PersonView, changed: readonly Appraisal[]): void {
  env.rm.stagePerson(after);
  const e = after.employee.row;
  const leaderKey = env.req.userEmail ? appraisalLeaderKey(env.req.userEmail) : undefined;
  if (leaderKey) {
    const view = env.views.view<AppraisalLeaderView>(leaderKey);
    const belongs = nearestLeaders(e.unitId, e.email, env.views.dir.units).includes(env.actor.email);
    if (view && (belongs || view.members.some((m) => m.employeeId === e.employeeId))) {
      env.rm.stage(leaderKey, patchLeaderMember(view, memberOfView(after), env.now));
    }
  }
  const docId = docIdOf(env.req);
  if (!docId) return;
  const fresh = env.views.view<DocEntry>(docNewKey(docId));
  const mine = changed.find((a) => a.docId === docId);
  const located = mine && after.appraisals.find((x) => x.row.appraisalId === mine.appraisalId);
  if (fresh && located) env.rm.stage(docNewKey(docId), { ...fresh, appraisal: located });
  const key = docIndexKey(docId);
  const bucket = env.views.view<DocIndex>(key);
  if (!bucket) return;
  let patched: DocIndex | undefined;
  for (const a of changed) {
    if (!a.docId || docIndexKey(a.docId) !== key) continue;
    const located = after.appraisals.find((x) => x.row.appraisalId === a.appraisalId);
    if (!located) continue;
    patched ??= { ...bucket };
    patched[a.docId] = { appraisal: located, employee: { employeeId: e.employeeId, email: e.email, name: e.name, unitId: e.unitId } };
  }
  if (patched) env.rm.stage(key, patched);
}
