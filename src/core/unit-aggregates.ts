// Competence aggregates per unit (own members, with sub-units) and per area, and the compact member summaries leaders see.
import { childrenIndex, withSubUnits } from './access';
import type { EmployeeStatus, ItemStatus } from './competence-status';
import { SKILL_AREAS, type Employee, type Unit } from './records/tables';

export type SkillArea = (typeof SKILL_AREAS)[number];
export type Counts = Record<ItemStatus, number>;

/** Worst first: the order lists and cards use. */
export const ITEM_STATUSES: readonly ItemStatus[] = ['overdue', 'expired', 'missing', 'expiring', 'valid'];

/** An item that needs attention: expired, missing or overdue (expiring is still valid). */
export function isGap(s: ItemStatus): boolean {
  return s === 'expired' || s === 'missing' || s === 'overdue';
}

/** One required item of a member that is not valid. `date`: the expiry, or the due date of a missing item. */
export interface MemberItem { competenceId: string; status: Exclude<ItemStatus, 'valid'>; date?: string; pending?: boolean }

/** What a leader's list shows about one person (small: one cache value holds hundreds). */
export interface MemberSummary {
  employeeId: string;
  email: string;
  name: string;
  unitId: string;
  required: number;
  compliant: number;
  counts: Counts;
  /** Required items that are not valid, worst first. */
  items: MemberItem[];
}

export function zeroCounts(): Counts {
  return { valid: 0, expiring: 0, expired: 0, missing: 0, overdue: 0 };
}

export function memberSummary(e: Pick<Employee, 'employeeId' | 'email' | 'name' | 'unitId'>, status: EmployeeStatus): MemberSummary {
  const items: MemberItem[] = [];
  for (const i of status.items) {
    if (i.level !== 'required' || i.status === 'valid') continue;
    items.push({
      competenceId: i.competenceId, status: i.status,
      ...(i.expiresOn ?? i.dueBy ? { date: i.expiresOn ?? i.dueBy } : {}),
      ...(i.pending ? { pending: true } : {}),
    });
  }
  const rank = (s: ItemStatus) => ITEM_STATUSES.indexOf(s);
  items.sort((a, b) => rank(a.status) - rank(b.status) || (a.date ?? '').localeCompare(b.date ?? ''));
  return {
    employeeId: e.employeeId, email: e.email, name: e.name, unitId: e.unitId,
    required: status.required, compliant: status.compliant, counts: { ...status.counts }, items,
  };
}

export function gapsOf(m: MemberSummary): number {
  return m.counts.expired + m.counts.missing + m.counts.overdue;
}

/** Worst first: most gaps, then most expiring, then by name. */
export function compareMembers(a: MemberSummary, b: MemberSummary): number {
  return gapsOf(b) - gapsOf(a) || b.counts.expiring - a.counts.expiring || a.name.localeCompare(b.name, 'nb');
}

/** Gaps (expired, missing, overdue) and expiring items of one competence. */
export interface Tally { gaps: number; expiring: number }

export interface Aggregate {
  /** Members counted (everyone but those who have left). */
  people: number;
  required: number;
  compliant: number;
  counts: Counts;
  peopleWithGaps: number;
  peopleExpiring: number;
  byCompetence: Record<string, Tally>;
  /** Digital-skills self-assessments: respondents per level 0–4, per area. */
  skills: Partial<Record<SkillArea, number[]>>;
  skillRespondents: number;
}

export interface UnitAggregate extends Aggregate {
  unitId: string;
  name: string;
  area: string;
  parentUnitId?: string;
}

export interface AreaAggregate extends Aggregate { area: string; unitIds: string[] }

export function emptyAggregate(): Aggregate {
  return { people: 0, required: 0, compliant: 0, counts: zeroCounts(), peopleWithGaps: 0, peopleExpiring: 0, byCompetence: {}, skills: {}, skillRespondents: 0 };
}

/** Adds (sign 1) or removes (sign -1) one member's items; mutates `agg`. */
export function addMember(agg: Aggregate, m: MemberSummary, sign: 1 | -1 = 1): void {
  agg.people += sign;
  agg.required += sign * m.required;
  agg.compliant += sign * m.compliant;
  for (const s of ITEM_STATUSES) agg.counts[s] += sign * m.counts[s];
  if (gapsOf(m) > 0) agg.peopleWithGaps += sign;
  if (m.counts.expiring > 0) agg.peopleExpiring += sign;
  for (const i of m.items) {
    const t = (agg.byCompetence[i.competenceId] ??= { gaps: 0, expiring: 0 });
    if (isGap(i.status)) t.gaps += sign;
    else t.expiring += sign;
    if (t.gaps === 0 && t.expiring === 0) delete agg.byCompetence[i.competenceId];
  }
}

/** Adds one person's self-assessment (area → level 0–4); mutates `agg`. */
export function addSkills(agg: Aggregate, levels: Partial<Record<SkillArea, number>>): void {
  let any = false;
  for (const area of SKILL_AREAS) {
    const level = levels[area];
    if (level === undefined || level < 0 || level > 4) continue;
    const dist = (agg.skills[area] ??= [0, 0, 0, 0, 0]);
    dist[level] = (dist[level] ?? 0) + 1;
    any = true;
  }
  if (any) agg.skillRespondents++;
}

/** Adds `from` into `into`; mutates `into`. */
export function addAggregate(into: Aggregate, from: Aggregate): void {
  into.people += from.people;
  into.required += from.required;
  into.compliant += from.compliant;
  for (const s of ITEM_STATUSES) into.counts[s] += from.counts[s];
  into.peopleWithGaps += from.peopleWithGaps;
  into.peopleExpiring += from.peopleExpiring;
  for (const [id, t] of Object.entries(from.byCompetence)) {
    const x = (into.byCompetence[id] ??= { gaps: 0, expiring: 0 });
    x.gaps += t.gaps;
    x.expiring += t.expiring;
  }
  for (const [area, dist] of Object.entries(from.skills) as [SkillArea, number[]][]) {
    const x = (into.skills[area] ??= [0, 0, 0, 0, 0]);
    dist.forEach((n, i) => { x[i] = (x[i] ?? 0) + n; });
  }
  into.skillRespondents += from.skillRespondents;
}

function cloneAggregate<T extends Aggregate>(a: T): T {
  return {
    ...a, counts: { ...a.counts },
    byCompetence: Object.fromEntries(Object.entries(a.byCompetence).map(([k, v]) => [k, { ...v }])),
    skills: Object.fromEntries(Object.entries(a.skills).map(([k, v]) => [k, [...v]])),
  };
}

/** The aggregate after one member changed (a sign-off, a verification): exact, without recomputing the unit. */
export function applyMemberChange<T extends Aggregate>(agg: T, before: MemberSummary | undefined, after: MemberSummary | undefined): T {
  const out = cloneAggregate(agg);
  if (before) addMember(out, before, -1);
  if (after) addMember(out, after, 1);
  return out;
}

/** Share of required items in order (valid or expiring), 0–100; undefined when nothing is required. */
export function compliancePct(agg: Pick<Aggregate, 'required' | 'compliant'>): number | undefined {
  return agg.required === 0 ? undefined : Math.floor((100 * agg.compliant) / agg.required);
}

export interface WorstCompetence extends Tally { competenceId: string }

/** Competences with the most gaps, then the most expiring. */
export function worstCompetences(agg: Pick<Aggregate, 'byCompetence'>, n: number): WorstCompetence[] {
  return Object.entries(agg.byCompetence)
    .map(([competenceId, t]) => ({ competenceId, ...t }))
    .filter((w) => w.gaps + w.expiring > 0)
    .sort((a, b) => b.gaps - a.gaps || b.expiring - a.expiring || a.competenceId.localeCompare(b.competenceId))
    .slice(0, n);
}

export interface SkillSummary { respondents: number; average: number; median: number; distribution: number[] }

/** One area's results; `median` is the level to teach at (half the respondents are at or below it). */
export function skillSummary(agg: Pick<Aggregate, 'skills'>, area: SkillArea): SkillSummary | undefined {
  const dist = agg.skills[area];
  const n = dist?.reduce((a, b) => a + b, 0) ?? 0;
  if (!dist || n === 0) return undefined;
  const average = dist.reduce((sum, count, level) => sum + count * level, 0) / n;
  let seen = 0;
  let median = 0;
  for (let level = 0; level < dist.length; level++) {
    seen += dist[level] ?? 0;
    if (seen * 2 >= n) { median = level; break; }
  }
  return { respondents: n, average, median, distribution: [...dist] };
}

export interface UnitAggregates {
  /** Each unit's own members only. */
  own: Map<string, Aggregate>;
  /** Each unit with all its sub-units. */
  rolled: Map<string, UnitAggregate>;
  areas: AreaAggregate[];
}

/**
 * Aggregates every unit from its members: own, rolled up over sub-units (cycles in hand-edited data tolerated), and per
 * area (the sum of the own aggregates of the area's units, so nobody counts twice). Members of unknown units are left out
 * (data health reports them).
 */
export function aggregateUnits(
  units: readonly Unit[],
  members: Iterable<MemberSummary>,
  skills: ReadonlyMap<string, Partial<Record<SkillArea, number>>> = new Map(),
): UnitAggregates {
  const own = new Map<string, Aggregate>(units.map((u) => [u.unitId, emptyAggregate()]));
  const seenSkills = new Set<string>();
  for (const m of members) {
    const agg = own.get(m.unitId);
    if (!agg) continue;
    addMember(agg, m);
    const levels = skills.get(m.employeeId);
    if (levels && !seenSkills.has(m.employeeId)) {
      seenSkills.add(m.employeeId);
      addSkills(agg, levels);
    }
  }
  const children = childrenIndex(units);
  const rolled = new Map<string, UnitAggregate>();
  for (const u of units) {
    const sum = emptyAggregate();
    for (const id of withSubUnits([u.unitId], children)) {
      const o = own.get(id);
      if (o) addAggregate(sum, o);
    }
    rolled.set(u.unitId, { ...sum, unitId: u.unitId, name: u.name, area: u.area, ...(u.parentUnitId ? { parentUnitId: u.parentUnitId } : {}) });
  }
  const byArea = new Map<string, AreaAggregate>();
  for (const u of units) {
    const a = byArea.get(u.area) ?? { ...emptyAggregate(), area: u.area, unitIds: [] };
    addAggregate(a, own.get(u.unitId)!);
    a.unitIds.push(u.unitId);
    byArea.set(u.area, a);
  }
  return { own, rolled, areas: [...byArea.values()] };
}

/** A unit and its ancestors, nearest first (stops at a cycle). */
export function unitChain(unitId: string, units: readonly Pick<Unit, 'unitId' | 'parentUnitId'>[]): string[] {
  const parent = new Map(units.map((u) => [u.unitId, u.parentUnitId]));
  const out: string[] = [];
  let id: string | undefined = unitId;
  while (id !== undefined && !out.includes(id) && parent.has(id)) {
    out.push(id);
    id = parent.get(id);
  }
  return out;
}
