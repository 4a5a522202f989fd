// Shared by the leader handlers: card contexts, the person view for leaders, and patching unit views after a change.
import { can } from '../../core/access';
import { normaliseEmail } from '../../core/records/cells';
import { unitChain } from '../../core/unit-aggregates';
import type { MemberSummary } from '../../core/unit-aggregates';
import type { Need, PersonView } from '../../store/read-model';
import { DECIDED_KEY, withDecided } from '../../store/pending-decided';
import {
  leaderKey, memberOf, patchLeaderView, patchUnitView, pendingOf, unitKey, type LeaderView, type StatusInputs, type UnitView,
} from '../../store/unit-views';
import type { UnitCardContext } from '../../ui/cards/unit-cards';
import type { UnitPersonModel } from '../../ui/cards/unit-person-card';
import { replyText, type Env } from '../pipeline/handler';
import type { Reply, Request } from '../../contract/request';
import { expiringWindow, statusCardModel } from './status-model';
import { RECORD_ID as ID } from '../../core/ids';

/** The `chain` parameter (unit ids, comma-separated) of sign-off and verify buttons; anything odd is dropped. */
export function chainParam(req: Request): string[] {
  return (req.params.chain ?? '').split(',').map((s) => s.trim()).filter((s) => ID.test(s)).slice(0, 12);
}

/** Views a change for one person needs to patch the leader views: the units of the chain and the asker's overview. */
export function patchNeeds(req: Request): Need[] {
  return [...chainParam(req).map((id) => ({ view: unitKey(id) })), ...(req.userEmail ? [{ view: leaderKey(req.userEmail) }] : [])];
}

/** The name people know someone by (the asker, or a leader, guide or administrator from the directory), else the address. */
export function personName(env: Env, email: string): string {
  if (env.me && env.me.employee.row.email === email) return env.me.employee.row.name;
  return env.views.dir.names?.[email] ?? email;
}

export function competenceNamer(env: Env): (id: string) => string {
  const names = new Map(env.views.cat().competences.map((c) => [c.competenceId, c.name]));
  return (id) => names.get(id) ?? id;
}

export function unitContext(env: Env, canOpen: (unitId: string) => boolean = (unitId) => can(env.actor, { do: 'viewUnit', unitId })): UnitCardContext {
  return { t: env.t, locale: env.locale, competenceName: competenceNamer(env), canOpen, timeZone: env.ports.clock.timeZone };
}

export function statusInputs(env: Env): StatusInputs {
  const cat = env.views.cat();
  return { competences: cat.competences, requirements: cat.requirements, today: env.today, expiringWindowDays: expiringWindow(env) };
}

/** A view that should be in the read model is not (evicted, or never built): ask for a rebuild and say so. */
export function preparing(env: Env): Reply {
  env.ports.scheduleRebuild?.();
  return replyText(env.req, env.t('error.preparing'));
}

export function personModel(env: Env, person: PersonView): UnitPersonModel {
  const cat = env.views.cat();
  const signOffable = new Set(cat.competences.filter((c) => (c.satisfiedBy ?? []).includes('sign-off')).map((c) => c.competenceId));
  const e = person.employee.row;
  return {
    person: statusCardModel(env, person),
    email: e.email,
    unitId: e.unitId,
    chain: unitChain(e.unitId, env.views.dir.units),
    mayAct: can(env.actor, { do: 'signOffFor', employee: e }),
    signOffable: (id) => signOffable.has(id),
    pending: person.certifications.filter((c) => c.row.state === 'pending')
      .map((c) => ({ certificationId: c.row.certificationId, competenceId: c.row.competenceId, achievedOn: c.row.achievedOn, source: c.row.source })),
  };
}

/**
 * After a change to one person's certifications: stage their person view, and patch the unit views of their unit and its
 * ancestors that the request loaded (the `chain` parameter, checked against the directory) and the asker's own overview.
 * With `everyLeader` (a change that adds to the leaders' pending lists, made by someone who cannot see those views) the app
 * itself reads every unit view up the chain and the overview of every leader of those units (one getAll, never shown to
 * the asker) and patches them all, so the certificate is in each leader's list at once. Otherwise other leaders'
 * overviews catch up at the next rebuild (hourly); a decision leaves their pending lists at once through `markDecided`.
 */
export function stagePersonChange(env: Env, before: PersonView, after: PersonView, opts: { everyLeader?: boolean } = {}): MemberSummary {
  env.rm.stagePerson(after);
  const inputs = statusInputs(env);
  const unitId = after.employee.row.unitId;
  const chain = unitChain(unitId, env.views.dir.units);
  const next = memberOf(after, inputs);
  const requested = new Set(opts.everyLeader ? chain : chainParam(env.req));
  const leaders = opts.everyLeader ? leadersOf(env, chain) : env.req.userEmail ? [normaliseEmail(env.req.userEmail)] : [];
  const view = <T>(key: string): T | undefined => {
    if (!opts.everyLeader) return env.views.view<T>(key);
    const p = env.rm.presence<T>(key);
    return p.state === 'present' ? p.value : undefined;
  };
  if (opts.everyLeader) env.rm.load([...chain.map((id) => ({ view: unitKey(id) })), ...leaders.map((e) => ({ view: leaderKey(e) }))]);
  const own = requested.has(unitId) ? view<UnitView>(unitKey(unitId)) : undefined;
  // The entry the aggregates were built from: moving by exactly its difference keeps them exact.
  const previous = own?.members.find((m) => m.employeeId === next.employeeId) ?? memberOf(before, inputs);
  const pending = pendingOf(after);
  for (const id of chain) {
    if (!requested.has(id)) continue;
    const unit = view<UnitView>(unitKey(id));
    if (unit) env.rm.stage(unitKey(id), patchUnitView(unit, chain, previous, next, env.now, pending));
  }
  for (const email of leaders) {
    const mine = view<LeaderView>(leaderKey(email));
    if (mine) env.rm.stage(leaderKey(email), patchLeaderView(mine, chain, previous, next, env.now, pending));
  }
  return next;
}

/** Everyone listed as leader of a unit in the chain (from the directory), each once. */
function leadersOf(env: Env, chain: readonly string[]): string[] {
  const ids = new Set(chain);
  return [...new Set(env.views.dir.units.filter((u) => ids.has(u.unitId)).flatMap((u) => (u.leaderEmails ?? []).map(normaliseEmail)))];
}

/** The certificates decided lately (pending-decided.ts): loaded with a leader's own views, in the same getAll. */
export function decidedNeed(): { view: string } {
  return { view: DECIDED_KEY };
}

/**
 * After a committed approval or rejection: the certificate leaves every leader's pending list at once (their overviews
 * still list it until the next rebuild; the lists drop what this value names). The handler must need `decidedNeed()`;
 * under the lock, so two decisions never lose each other's entry.
 */
export function markDecided(env: Env, certificationId: string): void {
  env.rm.stage(DECIDED_KEY, withDecided(env.views.view<unknown>(DECIDED_KEY), certificationId, env.now));
}
