// Leader and admin views in the read model: per unit (aggregate, sub-units, members worst first), per leader, and the dashboard.
import { certsByCompetence, employeeStatus } from '../core/competence-status';
import { normaliseEmail } from '../core/records/cells';
import type { Competence, Employee, Requirement, Unit } from '../core/records/tables';
import {
  aggregateUnits, applyMemberChange, compareMembers, memberSummary, unitChain, type MemberSummary, type SkillArea,
  type UnitAggregate, worstCompetences,
} from '../core/unit-aggregates';
import { childrenIndex, withSubUnits } from '../core/access';
import type { PersonView } from './read-model';
import type { Snapshot } from './records';
import type { DashboardView, DashUnit, LeaderFacts, LeaderView, PendingEntry, UnitPage, UnitView } from '../contract/views';

export type { DashboardView, DashUnit, LeaderFacts, LeaderView, PendingEntry, UnitPage, UnitView };

/** Own members per cache value; a bigger unit gets more pages (`u:<id>~1`, …), each well under the ~90 KB chunk budget × 8. */
export const UNIT_PAGE = 500;
/** Competences kept per unit in the dashboard (the worst), so the whole municipality stays one value. */
const DASH_WORST = 5;

/** Pending certificates kept per unit view (a leader works through them from the top; the count says how many more). */
export const PENDING_MAX = 100;

/** One person's certificates waiting for verification (none for someone who has left). */
export function pendingOf(person: Pick<PersonView, 'employee' | 'certifications'>): PendingEntry[] {
  const e = person.employee.row;
  if (e.status === 'left') return [];
  return person.certifications.filter((c) => c.row.state === 'pending').map(({ row: c }) => ({
    certificationId: c.certificationId, employeeId: e.employeeId, email: e.email, name: e.name, unitId: e.unitId,
    competenceId: c.competenceId, achievedOn: c.achievedOn, source: c.source, ...(c.evidenceFileId ? { evidenceFileId: c.evidenceFileId } : {}),
  }));
}

function comparePending(a: PendingEntry, b: PendingEntry): number {
  return a.achievedOn.localeCompare(b.achievedOn) || a.name.localeCompare(b.name, 'nb') || a.certificationId.localeCompare(b.certificationId);
}

export const DASHBOARD_KEY = 'dash';
export function unitKey(unitId: string, page = 0): string {
  return page > 0 ? `u:${unitId}~${page}` : `u:${unitId}`;
}
export function leaderKey(email: string): string {
  return `ul:${normaliseEmail(email)}`;
}

export interface StatusInputs { competences: readonly Competence[]; requirements: readonly Requirement[]; today: string; expiringWindowDays: number }

/** One person's summary, computed the same way at rebuild and when a handler patches after a change. */
export function memberOf(person: Pick<PersonView, 'employee' | 'certifications'>, inputs: StatusInputs, competences?: ReadonlyMap<string, Competence>): MemberSummary {
  const byId = competences ?? new Map(inputs.competences.map((c) => [c.competenceId, c]));
  const e: Employee = person.employee.row;
  const status = employeeStatus(e, inputs.requirements, byId, certsByCompetence(person.certifications.map((c) => c.row)),
    { today: inputs.today, expiringWindowDays: inputs.expiringWindowDays });
  return memberSummary(e, status);
}

export interface BuiltUnitViews {
  entries: [string, unknown][];
  members: MemberSummary[];
  dashboard: DashboardView;
  leaders: Map<string, LeaderView>;
  unitViews: Map<string, UnitView>;
}

/** Every member's summary and every unit, leader and dashboard view, from the person views of a rebuild. */
export function buildUnitViews(units: readonly Unit[], persons: Iterable<PersonView>, inputs: StatusInputs & { builtAt: string }): BuiltUnitViews {
  const competences = new Map(inputs.competences.map((c) => [c.competenceId, c]));
  const members: MemberSummary[] = [];
  const skills = new Map<string, Partial<Record<SkillArea, number>>>();
  const pending = new Map<string, PendingEntry[]>();
  const led = ledUnits(units);
  const facts = new Map<string, LeaderFacts>();
  for (const p of persons) {
    const e = p.employee.row;
    if (led.has(normaliseEmail(e.email))) facts.set(normaliseEmail(e.email), { name: e.name, ...(e.locale ? { locale: e.locale } : {}), ...(e.status === 'left' ? { left: true as const } : {}) });
    if (p.employee.row.status === 'left') continue;
    members.push(memberOf(p, inputs, competences));
    for (const entry of pendingOf(p)) {
      for (const id of unitChain(entry.unitId, units)) {
        const list = pending.get(id);
        if (list) list.push(entry);
        else pending.set(id, [entry]);
      }
    }
    if (p.skills.length) skills.set(p.employee.row.employeeId, Object.fromEntries(p.skills.map((s) => [s.row.area, s.row.level])));
  }
  const agg = aggregateUnits(units, members, skills);
  const byUnit = new Map<string, MemberSummary[]>();
  for (const m of members) {
    const list = byUnit.get(m.unitId) ?? [];
    list.push(m);
    byUnit.set(m.unitId, list);
  }
  const children = childrenIndex(units);
  const entries: [string, unknown][] = [];
  const unitViews = new Map<string, UnitView>();
  const dashUnits: DashUnit[] = [];
  for (const u of units) {
    const own = (byUnit.get(u.unitId) ?? []).sort(compareMembers);
    const pages = Math.max(1, Math.ceil(own.length / UNIT_PAGE));
    const view: UnitView = {
      builtAt: inputs.builtAt, unit: agg.rolled.get(u.unitId)!,
      children: (children.get(u.unitId) ?? []).map((id) => agg.rolled.get(id)).filter((x): x is UnitAggregate => !!x),
      members: own.slice(0, UNIT_PAGE), memberCount: own.length, needingCount: own.filter((m) => m.items.length > 0).length, pages,
    };
    const waiting = pending.get(u.unitId);
    if (waiting) Object.assign(view, { pending: waiting.sort(comparePending).slice(0, PENDING_MAX), pendingCount: waiting.length });
    unitViews.set(u.unitId, view);
    entries.push([unitKey(u.unitId), view]);
    for (let p = 1; p < pages; p++) {
      const page: UnitPage = { builtAt: inputs.builtAt, unitId: u.unitId, page: p, members: own.slice(p * UNIT_PAGE, (p + 1) * UNIT_PAGE) };
      entries.push([unitKey(u.unitId, p), page]);
    }
    const rolled = view.unit;
    dashUnits.push({
      ...rolled, skills: {}, pages,
      byCompetence: Object.fromEntries(worstCompetences(rolled, DASH_WORST).map((w) => [w.competenceId, { gaps: w.gaps, expiring: w.expiring }])),
    });
  }
  const leaders = new Map<string, LeaderView>();
  for (const [email, ids] of led) {
    const top = topUnits(ids, children);
    leaders.set(email, { builtAt: inputs.builtAt, units: top.map((id) => unitViews.get(id)!).filter(Boolean), leader: facts.get(email) ?? null });
  }
  for (const [email, view] of leaders) entries.push([leaderKey(email), view]);
  const dashboard: DashboardView = { builtAt: inputs.builtAt, areas: agg.areas, units: dashUnits };
  entries.push([DASHBOARD_KEY, dashboard]);
  return { entries, members, dashboard, leaders, unitViews };
}

/** leader e-mail → the units listed with them as leader (Units.leaderEmails). */
export function ledUnits(units: readonly Unit[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const u of units) {
    for (const raw of u.leaderEmails ?? []) {
      const e = normaliseEmail(raw);
      out.set(e, [...(out.get(e) ?? []), u.unitId]);
    }
  }
  return out;
}

/** The led units that are not inside another led unit. */
export function topUnits(ids: readonly string[], children: Map<string, string[]>): string[] {
  return ids.filter((id) => !ids.some((other) => other !== id && withSubUnits([other], children).has(id)));
}

/** The rebuild's hook: every leader and admin view to stage, from the same snapshot and person views. */
export function unitViewEntries(snap: Snapshot, persons: Map<string, PersonView>, opts: { now: string; today: string }): [string, unknown][] {
  const settings: Record<string, string> = {};
  for (const { row } of snap.Settings?.rows ?? []) if (row.value !== undefined) settings[row.key] = row.value;
  const built = buildUnitViews((snap.Units?.rows ?? []).map((r) => r.row), persons.values(), {
    competences: (snap.Competences?.rows ?? []).map((r) => r.row),
    requirements: (snap.Requirements?.rows ?? []).map((r) => r.row),
    today: opts.today,
    expiringWindowDays: Number(settings.expiringWindowDays) || 90,
    builtAt: opts.now,
  });
  return built.entries;
}

/**
 * A unit view after one member changed. `chain` is the member's unit and its ancestors (from the directory): the unit's
 * and the sub-units' aggregates that contain the member move by the member's difference; the member's own entry is
 * replaced when they belong to this unit.
 */
export function patchUnitView(view: UnitView, chain: readonly string[], before: MemberSummary | undefined, after: MemberSummary, at: string,
  pending?: PendingEntry[]): UnitView {
  const inChain = (id: string) => chain.includes(id);
  const out: UnitView = {
    ...view,
    unit: inChain(view.unit.unitId) ? applyMemberChange(view.unit, before, after) : view.unit,
    children: view.children.map((c) => (inChain(c.unitId) ? applyMemberChange(c, before, after) : c)),
    patchedAt: at,
  };
  if (pending && inChain(view.unit.unitId)) Object.assign(out, patchPending(view, after.employeeId, pending));
  if (after.unitId === view.unit.unitId) {
    out.needingCount += (after.items.length > 0 ? 1 : 0) - (before && before.items.length > 0 ? 1 : 0);
    const i = view.members.findIndex((m) => m.employeeId === after.employeeId);
    const members = [...view.members];
    if (i >= 0) members[i] = after;
    else if (view.pages === 1) members.push(after);
    out.members = members.sort(compareMembers);
  }
  return out;
}

export function patchLeaderView(view: LeaderView, chain: readonly string[], before: MemberSummary | undefined, after: MemberSummary, at: string,
  pending?: PendingEntry[]): LeaderView {
  return { ...view, units: view.units.map((u) => (chain.includes(u.unit.unitId) ? patchUnitView(u, chain, before, after, at, pending) : u)) };
}

/** The unit's pending list with one person's entries replaced by what they have pending now. */
function patchPending(view: UnitView, employeeId: string, now: PendingEntry[]): Pick<UnitView, 'pending' | 'pendingCount'> {
  const was = view.pending ?? [];
  const kept = was.filter((p) => p.employeeId !== employeeId);
  const count = Math.max(0, (view.pendingCount ?? was.length) - (was.length - kept.length) + now.length);
  const list = [...kept, ...now].sort(comparePending).slice(0, PENDING_MAX);
  return list.length ? { pending: list, pendingCount: Math.max(count, list.length) } : { pending: undefined, pendingCount: undefined };
}
